"""The guard's EventBridge rules, read from template.yaml and installed in the local stand-in.

The demo sends its events through these rules, so an event reaches the guard only if the deployed rules would
deliver it too.
"""
from __future__ import annotations

import json
import os

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class _CloudFormationLoader(yaml.SafeLoader):
    """Reads !Ref, !GetAtt, !Sub and friends as plain values: only the patterns matter here."""


def _any_tag(loader, tag_suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


_CloudFormationLoader.add_multi_constructor("!", _any_tag)


ACCOUNT_ID = "AWS::AccountId"  # how the loader reads !Ref AWS::AccountId


def load_rules(account: str, template_path: str = os.path.join(ROOT, "template.yaml")) -> dict[str, tuple[dict, str]]:
    """{rule name: (EventBridge pattern, State)} for every rule that brings events to the guard: each EventBridgeRule
    event of a function, and each AWS::Events::Rule of the template that is not a tripwire (the burst rule, which queues
    refusals), in the account the stack would be deployed to (every pattern pins `account: [!Ref AWS::AccountId]`)."""
    with open(template_path) as template:
        document = yaml.load(template, Loader=_CloudFormationLoader)
    rules = {}
    for logical_id, resource in document["Resources"].items():
        if resource.get("Type") == "AWS::Events::Rule" and "EventPattern" in resource["Properties"] and not _is_tripwire(resource):
            rules[logical_id] = (_in_account(resource["Properties"]["EventPattern"], account), resource["Properties"].get("State", "ENABLED"))
        if resource.get("Type") != "AWS::Serverless::Function":
            continue
        for name, event in resource["Properties"].get("Events", {}).items():
            if event.get("Type") in ("EventBridgeRule", "CloudWatchEvent"):
                rules[name] = (_in_account(event["Properties"]["Pattern"], account), event["Properties"].get("State", "ENABLED"))
    return rules


def _is_tripwire(rule: dict) -> bool:
    """A tripwire notifies the alert topic directly (test_tripwires.py installs those); it brings nothing to the guard."""
    return rule["Properties"]["Targets"][0].get("Arn") == "AlertTopic"


def _in_account(pattern: dict, account: str) -> dict:
    pattern = dict(pattern)
    if "account" in pattern:
        pattern["account"] = [account if value == ACCOUNT_ID else value for value in pattern["account"]]
    return pattern


def install(events, sqs, account: str, queue_name: str = "guard-deliveries") -> str:
    """Create the template's rules, in their State, on the default bus of the account, all targeting one SQS queue;
    return its URL."""
    queue_url = sqs.create_queue(QueueName=queue_name)["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    for name, (pattern, state) in load_rules(account).items():
        events.put_rule(Name=f"idckmsguard-{name}", EventPattern=json.dumps(pattern), State=state)
        events.put_targets(Rule=f"idckmsguard-{name}", Targets=[{"Id": "guard", "Arn": queue_arn}])
    return queue_url


def put(events, event: dict) -> None:
    """Send one event as AWS would put it on the bus (source, detail-type, detail, resources)."""
    entry = {
        "Source": event["source"],
        "DetailType": event["detail-type"],
        "Detail": json.dumps(event["detail"]),
        "Resources": event.get("resources") or [],
    }
    failed = events.put_events(Entries=[entry])["FailedEntryCount"]
    if failed:
        raise RuntimeError(f"EventBridge refused the event {event['detail-type']}")


def receive(sqs, queue_url: str, wait_seconds: int = 5) -> list[dict]:
    """Every event the rules delivered so far, removed from the queue."""
    delivered = []
    while True:
        messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=wait_seconds if not delivered else 0).get("Messages", [])
        if not messages:
            return delivered
        for message in messages:
            delivered.append(json.loads(message["Body"]))
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
