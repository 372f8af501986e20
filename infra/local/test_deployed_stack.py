"""template.yaml deployed through the stand-in's CloudFormation, as a user deploys a release: every resource is created,
the function is wired to its rules and queues, events reach it through the deployed rules, a stack can be deleted and
created again under the same name, two stacks live side by side, and a resource the stand-in cannot create fails the
stack instead of being skipped.

    python3 -m unittest infra/local/test_deployed_stack.py
"""

import itertools
import json
import logging
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "infra" / "release"))

import deployed_stack  # noqa: E402
import eventbridge_rules  # noqa: E402
import moto_server  # noqa: E402
import release  # noqa: E402
import seed  # noqa: E402

REGION = "us-east-1"
FUNCTION_RULES = {"KmsApiCalls", "KmsServiceEvents", "IdentityCenterApiCalls", "Sweep"}
_accounts = itertools.count(520000000001)
_server: moto_server.LocalMotoServer | None = None
_release: tempfile.TemporaryDirectory | None = None


def setUpModule() -> None:
    global _server, _release
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    _server = moto_server.start("127.0.0.1", 0)
    _release = tempfile.TemporaryDirectory()
    folder = Path(_release.name)
    (folder / "bootstrap").write_bytes(b"\x7fELF stands in for the Native AOT binary")
    release.stage_function(folder / "bootstrap", folder, "x86_64")


def tearDownModule() -> None:
    _server.stop()
    _release.cleanup()


def packaged_template() -> Path:
    return Path(_release.name) / "template-x86_64.yaml"


class DeployedStackTests(unittest.TestCase):
    def setUp(self) -> None:
        self.clients = seed.AccountClients(_server.url, str(next(_accounts)), REGION)

    def deploy(self, name: str = "guard", **parameters: str) -> dict:
        return deployed_stack.deploy(self.clients, packaged_template(), name, {"AlertEmail": "subscribe-later", **parameters})

    def created(self, name: str) -> set[str]:
        summaries = self.clients.client("cloudformation").list_stack_resources(StackName=name)["StackResourceSummaries"]
        return {summary["LogicalResourceId"] for summary in summaries if summary["LogicalResourceId"]}

    def test_every_resource_of_the_expanded_template_is_created(self):
        tamper_topic = self.clients.client("sns").create_topic(Name="security-notices")["TopicArn"]
        self.deploy(AlertEmail="oncall@example.com", OperatorRoleArn=f"arn:aws:iam::{self.clients.account}:role/operator",
                    TamperNoticeTopicArn=tamper_topic, AlertPathAdministrators=f"arn:aws:iam::{self.clients.account}:role/admin")
        expanded = deployed_stack.expand(deployed_stack.package(packaged_template(), self.clients.client("s3"), f"expand-{self.clients.account}"), REGION)
        false_conditions = {"NamesConfigurationParameter", "RemediatesEncryption", "SendsFeeds"}
        expected = {name for name, resource in expanded["Resources"].items() if resource.get("Condition") not in false_conditions}
        self.assertEqual(expected, self.created("guard"))
        self.assertIn("AlertEmailSubscription", expected)
        subscriptions = self.clients.client("sns").list_subscriptions()["Subscriptions"]
        self.assertIn("oncall@example.com", [s["Endpoint"] for s in subscriptions])

    def test_the_function_is_wired_to_its_rules_queues_and_storage(self):
        outputs = self.deploy()
        service = deployed_stack.LambdaService(self.clients, outputs["GuardFunctionName"])
        self.assertEqual({f"guard-{rule}" for rule in FUNCTION_RULES}, set(service.rules))
        batch_sizes = {arn: (mapping["BatchSize"], mapping["State"]) for arn, mapping in service.mappings.items()}
        self.assertEqual({outputs["FollowUpQueueArn"]: (10, "Enabled"), outputs["KeyUseFailureQueueArn"]: (500, "Enabled")}, batch_sizes)
        environment = service.environment
        self.assertEqual(outputs["StateTableName"], environment["STATE_TABLE"])
        self.assertEqual(outputs["AlertTopicArn"], environment["ALERT_TOPIC_ARN"])
        self.assertEqual(outputs["ConfigurationParameter"], environment["CONFIGURATION_PARAMETER"])
        self.assertEqual(outputs["GuardFunctionRoleArn"], environment["GUARD_ROLE_ARN"])
        self.assertEqual({outputs["FollowUpQueueArn"], outputs["KeyUseFailureQueueArn"]}, set(environment["OWN_QUEUE_ARNS"].split(",")))
        self.assertEqual("guard", environment["POWERTOOLS_SERVICE_NAME"])
        self.assertEqual('{"version": 1}', self.clients.client("ssm").get_parameter(Name=outputs["ConfigurationParameter"])["Parameter"]["Value"])
        self.assertEqual("ACTIVE", self.clients.client("dynamodb").describe_table(TableName=outputs["StateTableName"])["Table"]["TableStatus"])
        topic = self.clients.client("sns").get_topic_attributes(TopicArn=outputs["AlertTopicArn"])["Attributes"]
        self.assertEqual(outputs["AlertTopicKeyArn"].split("/")[-1], topic["KmsMasterKeyId"])
        self.assertEqual(["GuardPublishes"], [s["Sid"] for s in json.loads(topic["Policy"])["Statement"]][:1])
        alarms = self.clients.client("cloudwatch").describe_alarms()["MetricAlarms"]
        self.assertEqual(8, len(alarms))
        self.assertTrue(all(outputs["AlertTopicArn"] in alarm["AlarmActions"] for alarm in alarms))

    def test_events_reach_the_function_through_the_deployed_rules_and_refusals_through_its_queue(self):
        outputs = self.deploy()
        service = deployed_stack.LambdaService(self.clients, outputs["GuardFunctionName"])
        events = self.clients.client("events")
        disable = in_account(json.loads((ROOT / "events" / "kms-disable-key.json").read_text()), self.clients.account)
        refusal = in_account(json.loads((ROOT / "events" / "kms-decrypt-by-identity-center-failed.json").read_text()), self.clients.account)
        eventbridge_rules.put(events, disable)
        eventbridge_rules.put(events, refusal)
        self.assertEqual([disable["detail"]["eventID"]], [e["detail"]["eventID"] for e in service.invocations()])
        batch = service.batch(outputs["KeyUseFailureQueueArn"], wait_seconds=2)
        self.assertEqual([refusal["detail"]["eventID"]], [json.loads(r["body"])["detail"]["eventID"] for r in batch["Records"]])
        self.assertEqual(outputs["KeyUseFailureQueueArn"], batch["Records"][0]["eventSourceARN"])

    def test_a_stack_deleted_and_created_again_under_the_same_name_comes_back_whole(self):
        first = self.deploy()
        deployed_stack.delete(self.clients, "guard")
        second = self.deploy()
        self.assertEqual(first["ConfigurationParameter"], second["ConfigurationParameter"])
        self.assertNotEqual(first["StateTableName"], second["StateTableName"])
        tables = self.clients.client("dynamodb").list_tables()["TableNames"]
        self.assertIn(first["StateTableName"], tables, "the state table is retained (DeletionPolicy: Retain)")
        self.assertEqual({f"guard-{rule}" for rule in FUNCTION_RULES},
                         set(deployed_stack.LambdaService(self.clients, second["GuardFunctionName"]).rules))
        self.assertEqual(second["GuardFunctionName"],
                         self.clients.client("lambda").get_function(FunctionName=second["GuardFunctionName"])["Configuration"]["FunctionName"])

    def test_two_stacks_live_side_by_side_in_one_account_and_region(self):
        blue, green = self.deploy("guard-blue"), self.deploy("guard-green")
        for name in ("ConfigurationParameter", "DashboardName", "GuardFunctionName", "StateTableName", "AlertTopicArn"):
            self.assertNotEqual(blue[name], green[name], name)
        dashboards = {d["DashboardName"] for d in self.clients.client("cloudwatch").list_dashboards()["DashboardEntries"]}
        self.assertEqual({f"guard-blue-{REGION}", f"guard-green-{REGION}"}, dashboards)

    def test_a_resource_the_stand_in_cannot_create_fails_the_stack_and_is_named(self):
        folder = Path(_release.name)
        text = packaged_template().read_text(encoding="utf-8").replace("\nResources:\n", "\nResources:\n  Graph:\n    Type: AWS::Detective::Graph\n", 1)
        (folder / "template-unknown.yaml").write_text(text, encoding="utf-8")
        with self.assertRaises(Exception) as raised:
            deployed_stack.deploy(self.clients, folder / "template-unknown.yaml", "guard", {"AlertEmail": "subscribe-later"})
        self.assertIn("AWS::Detective::Graph", str(raised.exception))


def in_account(event: dict, account: str) -> dict:
    return json.loads(json.dumps(event).replace("111122223333", account))


if __name__ == "__main__":
    unittest.main()
