"""The stand-in's Security Hub behaves as the service does where the guard depends on it (securityhub_standin.py).

    python3 -m unittest infra/local/test_securityhub_standin.py
"""

import itertools
import logging
import sys
import unittest
from pathlib import Path

import boto3
from botocore.exceptions import ClientError

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import moto_server  # noqa: E402

_accounts = itertools.count(530000000001)
_server: moto_server.LocalMotoServer | None = None


def setUpModule() -> None:
    global _server
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    _server = moto_server.start("127.0.0.1", 0)


def tearDownModule() -> None:
    _server.stop()


def finding(account: str, **changes) -> dict:
    return {"SchemaVersion": "2018-10-08", "Id": "idckmsguard/incident/0123", "GeneratorId": "idckmsguard/KEY-ENABLED",
            "ProductArn": f"arn:aws:securityhub:us-east-1:{account}:product/{account}/default", "AwsAccountId": account,
            "Types": ["Software and Configuration Checks/AWS Security Best Practices"], "CreatedAt": "2026-11-30T07:03:00.000Z",
            "UpdatedAt": "2026-11-30T07:03:00.000Z", "Severity": {"Label": "CRITICAL"}, "Title": "Key disabled", "Description": "d",
            "Resources": [{"Type": "AwsKmsKey", "Id": f"arn:aws:kms:us-east-1:{account}:key/k"}], "RecordState": "ACTIVE",
            "Workflow": {"Status": "NEW"}, **changes}


class SecurityHubStandInTests(unittest.TestCase):
    def setUp(self):
        self.account = str(next(_accounts))
        self.hub = boto3.client("securityhub", endpoint_url=_server.url, region_name="us-east-1",
                                aws_access_key_id=self.account, aws_secret_access_key="local")

    def stored(self) -> dict:
        found = self.hub.get_findings(Filters={"Id": [{"Value": "idckmsguard/incident/0123", "Comparison": "EQUALS"}]})["Findings"]
        self.assertEqual(1, len(found))
        return found[0]

    def test_import_needs_security_hub_enabled(self):
        with self.assertRaises(ClientError) as refused:
            self.hub.batch_import_findings(Findings=[finding(self.account)])
        self.assertEqual("InvalidAccessException", refused.exception.response["Error"]["Code"])

    def test_an_import_updates_the_finding_but_not_its_workflow(self):
        self.hub.enable_security_hub()
        self.hub.batch_import_findings(Findings=[finding(self.account)])
        self.hub.batch_import_findings(Findings=[finding(self.account, RecordState="ARCHIVED", Workflow={"Status": "RESOLVED"})])
        self.assertEqual(("ARCHIVED", "NEW"), (self.stored()["RecordState"], self.stored()["Workflow"]["Status"]))

    def test_batch_update_sets_the_workflow_and_reactivation_resets_it(self):
        self.hub.enable_security_hub()
        item = finding(self.account)
        self.hub.batch_import_findings(Findings=[item])
        answer = self.hub.batch_update_findings(FindingIdentifiers=[{"Id": item["Id"], "ProductArn": item["ProductArn"]},
                                                                    {"Id": "missing", "ProductArn": item["ProductArn"]}],
                                                Workflow={"Status": "RESOLVED"}, Note={"Text": "fixed", "UpdatedBy": "test"})
        self.assertEqual([item["Id"]], [f["Id"] for f in answer["ProcessedFindings"]])
        self.assertEqual(["missing"], [f["FindingIdentifier"]["Id"] for f in answer["UnprocessedFindings"]])
        self.assertEqual("RESOLVED", self.stored()["Workflow"]["Status"])
        self.hub.batch_import_findings(Findings=[finding(self.account, RecordState="ARCHIVED")])
        self.hub.batch_import_findings(Findings=[finding(self.account, RecordState="ACTIVE")])
        self.assertEqual("NEW", self.stored()["Workflow"]["Status"])

    def test_get_findings_filters_by_id(self):
        self.hub.enable_security_hub()
        self.hub.batch_import_findings(Findings=[finding(self.account), finding(self.account, Id="other")])
        self.assertEqual("idckmsguard/incident/0123", self.stored()["Id"])


if __name__ == "__main__":
    unittest.main()
