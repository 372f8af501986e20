"""The filter recipes of infra/docs/alerts.md on the stand-in's SNS: each recipe, set as a subscription's filter
policy, is given every routing example the guard publishes (infra/alerts/examples/routing and deletion-fixed, with the
message attributes the guard sends), a CloudWatch alarm and a tripwire notice (neither carries attributes). A recipe
marked pager must keep every message whose action_required is true and every message without a kind.

    python3 -m unittest infra/local/test_routing_recipes.py
"""

import json
import logging
import re
import sys
import unittest
from pathlib import Path

import boto3
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

import moto_server  # noqa: E402

ALERTS_PAGE = ROOT / "infra" / "docs" / "alerts.md"
EXAMPLES = ROOT / "infra" / "alerts" / "examples"
RECIPE = re.compile(r"<!-- recipe: (?P<name>[a-z-]+)(?: \((?P<tags>[a-z, ]+)\))? -->\s*```json\n(?P<policy>.*?)```", re.S)
_server: moto_server.LocalMotoServer | None = None


def setUpModule() -> None:
    global _server
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    _server = moto_server.start("127.0.0.1", 0)


def tearDownModule() -> None:
    _server.stop()


def recipes() -> dict[str, tuple[set[str], dict]]:
    found = {m["name"]: ({t.strip() for t in (m["tags"] or "").split(",") if t.strip()}, json.loads(m["policy"]))
             for m in RECIPE.finditer(ALERTS_PAGE.read_text(encoding="utf-8"))}
    if not found:
        raise AssertionError(f"{ALERTS_PAGE} has no recipe")
    return found


def guard_messages() -> dict[str, tuple[str, dict[str, str]]]:
    """Every example document the guard publishes, with its attributes, by name."""
    documents = sorted((EXAMPLES / "routing").glob("*.attributes.json")) + [EXAMPLES / "deletion-fixed.attributes.json"]
    messages = {}
    for attributes_file in documents:
        name = attributes_file.name.removesuffix(".attributes.json")
        document = (attributes_file.parent / f"{name}.json").read_text(encoding="utf-8")
        messages[name] = (document, json.loads(attributes_file.read_text(encoding="utf-8")))
    return messages


def attribute_free_messages() -> dict[str, str]:
    """What CloudWatch and EventBridge put on the topic: the shapes they publish, no attributes."""
    alarm = json.dumps({
        "AlarmName": "guard-prod-Heartbeat", "AlarmDescription": "The guard has not swept for 2 hours.",
        "AWSAccountId": "111122223333", "NewStateValue": "ALARM", "OldStateValue": "OK",
        "NewStateReason": "Threshold Crossed: no datapoints were received for 2 periods", "Region": "US East (N. Virginia)",
        "StateChangeTime": "2026-11-30T09:00:00.000+0000", "Trigger": {"MetricName": "SweepCompleted", "Namespace": "IdcKmsGuard"}})
    template = yaml.load((ROOT / "template.yaml").read_text(encoding="utf-8"), Loader=_Loader)
    text = template["Mappings"]["TamperNotice"]["Text"]["Template"]
    filled = {"who": "arn:aws:sts::111122223333:assumed-role/Dev/mallory", "what": "PutFunctionConcurrency",
              "service": "lambda.amazonaws.com", "when": "2026-11-30T09:00:00Z", "account": "111122223333", "region": "us-east-1"}
    notice = re.sub(r"<(\w+)>", lambda m: filled[m[1]], text).strip('"')
    return {"cloudwatch-alarm": alarm, "tripwire-notice": notice}


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


class RoutingRecipeTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        session = dict(endpoint_url=_server.url, region_name="us-east-1", aws_access_key_id="111122223333", aws_secret_access_key="local")
        cls.sns = boto3.client("sns", **session)
        cls.sqs = boto3.client("sqs", **session)
        cls.guard = guard_messages()
        cls.plain = attribute_free_messages()
        cls.received = {}
        topic = cls.sns.create_topic(Name="routing-recipes")["TopicArn"]
        for name, (_, policy) in recipes().items():
            url = cls.sqs.create_queue(QueueName=f"recipe-{name}")["QueueUrl"]
            arn = cls.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
            cls.sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn, ReturnSubscriptionArn=True,
                              Attributes={"RawMessageDelivery": "true", "FilterPolicy": json.dumps(policy)})
            cls.received[name] = url
        for document, attributes in cls.guard.values():
            cls.sns.publish(TopicArn=topic, Message=document,
                            MessageAttributes={k: {"DataType": "String", "StringValue": v} for k, v in attributes.items()})
        for body in cls.plain.values():
            cls.sns.publish(TopicArn=topic, Message=body)
        bodies = {document: name for name, (document, _) in cls.guard.items()} | {body: name for name, body in cls.plain.items()}
        for name, url in list(cls.received.items()):
            got = set()
            while messages := cls.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0).get("Messages", []):
                for message in messages:
                    got.add(bodies[message["Body"]])
                    cls.sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
            cls.received[name] = got

    def needs_a_person(self) -> set[str]:
        return {name for name, (_, attributes) in self.guard.items() if attributes["action_required"] == "true"} | set(self.plain)

    def test_examples_include_dry_run_exempt_and_failed_outages(self):
        outcomes = {attributes["outcome"] for _, attributes in self.guard.values() if attributes["action_required"] == "true"}
        self.assertTrue({"dry-run", "exempt", "failed", "alerted"} <= outcomes, outcomes)

    def test_pager_recipes_keep_every_message_a_person_must_act_on(self):
        pagers = [name for name, (tags, _) in recipes().items() if "pager" in tags]
        self.assertIn("pager", pagers)
        for name in pagers:
            with self.subTest(recipe=name):
                self.assertEqual(set(), self.needs_a_person() - self.received[name], f"{name} drops these")

    def test_pager_recipe_wakes_nobody_for_what_needs_no_one(self):
        quiet = {name for name, (_, attributes) in self.guard.items() if attributes["action_required"] == "false"}
        self.assertEqual(set(), self.received["pager"] & quiet)
        self.assertTrue({"disabled-resolved", "disabled-fixed"} <= self.received["pager-with-resolve"])

    def test_automation_recipe_takes_one_schema_only(self):
        self.assertEqual(set(self.guard), self.received["automation"])

    def test_guard_health_recipe_takes_what_is_about_the_guard(self):
        about_the_guard = {name for name, (_, a) in self.guard.items() if a["kind"] in ("alarm", "tamper")} | set(self.plain)
        self.assertEqual(about_the_guard, self.received["guard-health"])


if __name__ == "__main__":
    unittest.main()
