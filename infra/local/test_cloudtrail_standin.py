"""Self test of cloudtrail_standin.py: what the stand-in's CloudTrail puts on the bus, and what it leaves out.

    python3 -m unittest infra/local/test_cloudtrail_standin.py

Each test works in an account of its own, with a rule that sends every CloudTrail record to a queue, so the record
is read as EventBridge delivered it.
"""

import itertools
import json
import logging
import sys
import unittest
import urllib.error
import urllib.request
from pathlib import Path

import boto3

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import moto_server  # noqa: E402

_accounts = itertools.count(420000000001)
_server: moto_server.LocalMotoServer | None = None


def setUpModule() -> None:
    global _server
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    _server = moto_server.start("127.0.0.1", 0)


def tearDownModule() -> None:
    _server.stop()


def control(body: bytes) -> tuple[int, dict]:
    request = urllib.request.Request(f"{_server.url}/_idckmsguard/cloudtrail", data=body, method="POST")
    try:
        with urllib.request.urlopen(request) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


class Account:
    def __init__(self, recording: bool = True):
        self.id = str(next(_accounts))
        sqs, events = self.client("sqs"), self.client("events")
        self.queue = sqs.create_queue(QueueName="records")["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=self.queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        events.put_rule(Name="every-record", EventPattern=json.dumps({"detail-type": ["AWS API Call via CloudTrail"]}))
        events.put_targets(Rule="every-record", Targets=[{"Id": "records", "Arn": arn}])
        if recording:
            control(json.dumps({"account": self.id, "enabled": True}).encode())

    def client(self, service: str, principal: str | None = None):
        made = boto3.client(service, endpoint_url=_server.url, region_name="eu-west-1", aws_access_key_id=self.id, aws_secret_access_key="local")
        if principal:
            made.meta.events.register("before-sign", lambda request, **_: request.headers.__setitem__("x-idckmsguard-principal", principal))
        return made

    def records(self) -> list[dict]:
        sqs, found = self.client("sqs"), []
        while messages := sqs.receive_message(QueueUrl=self.queue, MaxNumberOfMessages=10).get("Messages", []):
            for message in messages:
                found.append(json.loads(message["Body"]))
                sqs.delete_message(QueueUrl=self.queue, ReceiptHandle=message["ReceiptHandle"])
        return found


class CloudTrailStandInTest(unittest.TestCase):
    def test_a_management_write_becomes_an_api_call_event_with_the_callers_identity_and_parameters(self):
        account = Account()
        principal = f"arn:aws:sts::{account.id}:assumed-role/Admin/alice"
        account.client("ssm", principal).put_parameter(Name="/guard/configuration", Value="{}", Type="String")

        (event,) = account.records()
        self.assertEqual(("aws.ssm", "AWS API Call via CloudTrail", account.id), (event["source"], event["detail-type"], event["account"]))
        detail = event["detail"]
        self.assertEqual(("ssm.amazonaws.com", "PutParameter", "eu-west-1"), (detail["eventSource"], detail["eventName"], detail["awsRegion"]))
        self.assertEqual({"arn": principal, "type": "AssumedRole"}, {k: detail["userIdentity"][k] for k in ("arn", "type")})
        self.assertEqual("/guard/configuration", detail["requestParameters"]["name"])
        self.assertRegex(detail["eventTime"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

    def test_kms_records_name_the_key_in_resources_and_lambda_records_carry_the_api_version(self):
        account = Account()
        key = account.client("kms").create_key()["KeyMetadata"]
        account.records()
        account.client("kms").disable_key(KeyId=key["KeyId"])
        (disable,) = account.records()
        self.assertEqual([key["Arn"]], [r["ARN"] for r in disable["detail"]["resources"]])

        iam = account.client("iam")
        iam.create_role(RoleName="r", AssumeRolePolicyDocument="{}")
        account.records()
        account.client("lambda").create_function(
            FunctionName="f", Runtime="provided.al2023", Handler="bootstrap", Role=f"arn:aws:iam::{account.id}:role/r", Code={"ZipFile": b"PK\x05\x06" + b"\0" * 18})
        account.records()
        account.client("lambda").put_function_concurrency(FunctionName="f", ReservedConcurrentExecutions=0)
        (concurrency,) = account.records()
        self.assertEqual(("PutFunctionConcurrency20171031", "f"), (concurrency["detail"]["eventName"], concurrency["detail"]["requestParameters"]["functionName"]))

    def test_reads_data_events_refusals_and_unrecorded_accounts_put_nothing(self):
        account = Account()
        ssm, sqs = account.client("ssm"), account.client("sqs")
        ssm.put_parameter(Name="/p", Value="1", Type="String")
        account.records()
        ssm.get_parameter(Name="/p")
        sqs.send_message(QueueUrl=sqs.create_queue(QueueName="q")["QueueUrl"], MessageBody="data, not management")
        account.records()  # the CreateQueue record
        with self.assertRaises(Exception):
            ssm.put_parameter(Name="/p", Value="2", Type="String")  # exists, not overwritten: refused, not recorded
        self.assertEqual([], account.records())

        quiet = Account(recording=False)
        quiet.client("ssm").put_parameter(Name="/p", Value="1", Type="String")
        self.assertEqual([], quiet.records())

    def test_a_disabled_rule_receives_nothing(self):
        account = Account()
        account.client("events").disable_rule(Name="every-record")
        account.client("ssm").put_parameter(Name="/p", Value="1", Type="String")
        self.assertEqual([], account.records())

    def test_the_control_route_takes_an_account_and_a_flag_and_refuses_anything_else(self):
        self.assertEqual((200, {"account": "420000009999", "enabled": False}), control(b'{"account": "420000009999", "enabled": false}'))
        for body in (b'{"account": "42", "enabled": true}', b'{"account": "420000009999", "enabled": "yes"}', b"not json"):
            with self.subTest(body):
                status, answer = control(body)
                self.assertEqual(400, status)
                self.assertIn("expected", answer["message"])


if __name__ == "__main__":
    unittest.main()
