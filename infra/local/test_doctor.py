"""`idckmsguard doctor` against a guard deployed in the stand-in: every check passes on a healthy deployment, and each
fails, naming the fix, after the one move that breaks it. The CLI runs as a process, as an operator runs it.

    IDCKMSGUARD_CLI="dotnet functions/IdcKmsGuard.Cli/bin/Debug/net10.0/idckmsguard.dll" python3 -m unittest infra/local/test_doctor.py

Without IDCKMSGUARD_CLI the tests run `dotnet run --project functions/IdcKmsGuard.Cli --` (slower: it builds first).
"""

import itertools
import json
import logging
import os
import shlex
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "infra" / "release"))

import deployed_stack  # noqa: E402
import moto_server  # noqa: E402
import release  # noqa: E402
import seed  # noqa: E402

REGION = "us-east-1"
STACK = "guard"
CHECKS = ["STACK", "TRAIL", "KEY-TAGGED", "RULES", "QUEUES", "SUBSCRIBED", "CONFIGURATION", "FUNCTION"]
_accounts = itertools.count(530000000001)
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


def cli_command() -> list[str]:
    configured = os.environ.get("IDCKMSGUARD_CLI")
    return shlex.split(configured) if configured else ["dotnet", "run", "--project", str(ROOT / "functions" / "IdcKmsGuard.Cli"), "--"]


class HealthyDeployment(unittest.TestCase):
    """A guard deployed as the README says: trail, marked key, stack, a confirmed subscriber."""

    def setUp(self) -> None:
        self.clients = seed.AccountClients(_server.url, str(next(_accounts)), REGION)
        self.seeded = seed.seed(_server.url, self.clients.account, REGION, guard_resources=False)
        self.outputs = deployed_stack.deploy(self.clients, Path(_release.name) / "template-x86_64.yaml", STACK, {"AlertEmail": "subscribe-later"})
        self.subscription = seed.subscribe_inbox(self.client("sns"), self.client("sqs"), self.outputs["AlertTopicArn"])
        trail_bucket = f"trail-{self.clients.account}"
        self.client("s3").create_bucket(Bucket=trail_bucket)
        self.trail = self.client("cloudtrail").create_trail(Name="org-trail", S3BucketName=trail_bucket, IsMultiRegionTrail=True)["TrailARN"]
        self.client("cloudtrail").start_logging(Name="org-trail")  # moto finds a trail by name here, not by ARN
        self.client("cloudtrail").put_event_selectors(TrailName=self.trail, EventSelectors=[{"ReadWriteType": "All", "IncludeManagementEvents": True}])

    def client(self, service: str):
        return self.clients.client(service)

    def run_doctor(self, *options: str) -> subprocess.CompletedProcess:
        """The CLI as a process, signed as this account and pointed at the stand-in."""
        environment = {**os.environ, "AWS_ACCESS_KEY_ID": self.clients.account, "AWS_SECRET_ACCESS_KEY": "local", "AWS_REGION": REGION}
        environment.pop("AWS_PROFILE", None)
        return subprocess.run([*cli_command(), "doctor", "--endpoint-url", _server.url, *options],
                              capture_output=True, text=True, env=environment, timeout=120)

    def doctor(self) -> tuple[int, dict]:
        ran = self.run_doctor("--stack", STACK, "--json")
        self.assertEqual("", ran.stderr.strip(), ran.stderr)
        return ran.returncode, json.loads(ran.stdout)

    def assert_only_failing(self, check: str, *fragments: str) -> dict:
        code, report = self.doctor()
        failing = [c for c in report["checks"] if c["status"] == "fail"]
        self.assertEqual([check], [c["id"] for c in failing], json.dumps(report, indent=1))
        self.assertEqual(2, code)
        self.assertFalse(report["healthy"])
        for fragment in fragments:
            self.assertIn(fragment, failing[0]["detail"] + " fix: " + (failing[0]["fix"] or ""))
        return failing[0]


class DoctorTests(HealthyDeployment):
    def test_a_healthy_deployment_passes_every_check(self):
        code, report = self.doctor()
        self.assertEqual(0, code, json.dumps(report, indent=1))
        self.assertEqual(CHECKS, [c["id"] for c in report["checks"]])
        self.assertTrue(all(c["status"] == "pass" and c["fix"] is None for c in report["checks"]))
        self.assertEqual({"stack": STACK, "region": REGION, "healthy": True}, {k: report[k] for k in ("stack", "region", "healthy")})

    def test_a_trail_that_stopped_logging_fails(self):
        self.client("cloudtrail").stop_logging(Name="org-trail")
        self.assert_only_failing("TRAIL", "is not logging", "aws cloudtrail start-logging --name org-trail")

    def test_a_trail_that_records_only_write_events_fails(self):
        self.client("cloudtrail").put_event_selectors(TrailName=self.trail, EventSelectors=[{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True}])
        self.assert_only_failing("TRAIL", "only WriteOnly", "put-event-selectors")

    def test_a_trail_that_excludes_kms_events_fails(self):
        self.client("cloudtrail").put_event_selectors(TrailName=self.trail, AdvancedEventSelectors=[{"Name": "management but KMS", "FieldSelectors": [
            {"Field": "eventCategory", "Equals": ["Management"]}, {"Field": "eventSource", "NotEquals": ["kms.amazonaws.com"]}]}])
        self.assert_only_failing("TRAIL", "no advanced event selector records every management event")

    def test_without_a_trail_it_fails(self):
        self.client("cloudtrail").delete_trail(Name="org-trail")
        self.assert_only_failing("TRAIL", "no trail records", "create-trail")

    def test_an_unmarked_key_fails_and_names_the_command_that_marks_it(self):
        self.client("kms").untag_resource(KeyId=self.seeded["keyArn"], TagKeys=["idckmsguard:guarded"])
        self.assert_only_failing("KEY-TAGGED", self.seeded["keyArn"], "aws kms tag-resource --key-id " + self.seeded["keyArn"])

    def test_a_disabled_rule_fails_and_names_the_command_that_enables_it(self):
        self.client("events").disable_rule(Name=f"{STACK}-KmsApiCalls")
        self.assert_only_failing("RULES", f"rule {STACK}-KmsApiCalls is DISABLED, it must be ENABLED", f"aws events enable-rule --name {STACK}-KmsApiCalls")

    def test_a_rule_that_no_longer_sends_to_the_queue_fails(self):
        events = self.client("events")
        rule = f"{STACK}-KeyUseFailures"
        events.remove_targets(Rule=rule, Ids=[t["Id"] for t in events.list_targets_by_rule(Rule=rule)["Targets"]])
        self.assert_only_failing("RULES", f"rule {rule} is missing or no longer sends to {self.outputs['KeyUseFailureQueueArn']}")

    def test_a_disabled_queue_mapping_fails(self):
        lambda_client = self.client("lambda")
        mapping = lambda_client.list_event_source_mappings(EventSourceArn=self.outputs["FollowUpQueueArn"])["EventSourceMappings"][0]
        lambda_client.update_event_source_mapping(UUID=mapping["UUID"], Enabled=False)
        self.assert_only_failing("QUEUES", self.outputs["FollowUpQueueArn"], f"--uuid {mapping['UUID']} --enabled")

    def test_a_topic_nobody_receives_fails(self):
        sns = self.client("sns")
        for subscription in sns.list_subscriptions_by_topic(TopicArn=self.outputs["AlertTopicArn"])["Subscriptions"]:
            sns.unsubscribe(SubscriptionArn=subscription["SubscriptionArn"])
        self.assert_only_failing("SUBSCRIBED", "nobody receives", "aws sns subscribe")

    def test_a_configuration_that_does_not_parse_fails_with_its_location(self):
        self.client("ssm").put_parameter(Name=self.outputs["ConfigurationParameter"], Value='{"version": 1, "rules": {"KEY-ENABLED": "loud"}}',
                                         Type="String", Overwrite=True)
        self.assert_only_failing("CONFIGURATION", "KEY-ENABLED", "idckmsguard rules validate")

    def test_a_function_whose_settings_drifted_from_the_stack_fails(self):
        lambda_client = self.client("lambda")
        variables = lambda_client.get_function_configuration(FunctionName=self.outputs["GuardFunctionName"])["Environment"]["Variables"]
        variables = {name: str(value) for name, value in variables.items()}
        lambda_client.update_function_configuration(FunctionName=self.outputs["GuardFunctionName"],
                                                    Environment={"Variables": {**variables, "ALERT_TOPIC_ARN": "arn:aws:sns:us-east-1:999999999999:elsewhere"}})
        self.assert_only_failing("FUNCTION", "ALERT_TOPIC_ARN is 'arn:aws:sns:us-east-1:999999999999:elsewhere'", "aws cloudformation deploy")

    def test_a_stack_that_does_not_exist_fails_and_the_account_checks_still_run(self):
        ran = self.run_doctor("--stack", "no-such-stack", "--json")
        report = json.loads(ran.stdout)
        self.assertEqual(2, ran.returncode)
        self.assertEqual([("STACK", "fail"), ("TRAIL", "pass"), ("KEY-TAGGED", "pass")], [(c["id"], c["status"]) for c in report["checks"]])
        self.assertEqual(f"no stack no-such-stack in {REGION}", report["checks"][0]["detail"])

    def test_the_text_report_lists_each_check_with_its_fix_and_a_verdict(self):
        self.client("events").disable_rule(Name=f"{STACK}-Sweep")
        ran = self.run_doctor("--stack", STACK)
        self.assertEqual(2, ran.returncode, ran.stderr)
        self.assertIn("FAIL  RULES", ran.stdout)
        self.assertIn(f"fix: aws events enable-rule --name {STACK}-Sweep", ran.stdout)
        self.assertIn("Verdict: 1 of 8 checks failed", ran.stdout)


if __name__ == "__main__":
    unittest.main()
