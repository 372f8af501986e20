"""The template's tripwires on the local stand-in: every move an insider can make to silence the guard reaches the alert
topic (and the optional tamper-notice topic) as a one-line notice naming who did what; the same moves on resources
that are not the guard's stay quiet.

    python3 -m unittest infra/local/test_tripwires.py

The tripwire rules are read from template.yaml and resolved for a stand-in stack (names as CloudFormation would give
them), installed on moto's default bus, and fed by the stand-in's CloudTrail (cloudtrail_standin.py): the moves are
real boto3 calls, so what the rules match is what the SDK sends.
"""

import io
import itertools
import json
import logging
import sys
import unittest
import urllib.request
import zipfile
from pathlib import Path

import boto3

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import moto_server  # noqa: E402
from template_resolver import Template  # noqa: E402

TEMPLATE = HERE.parent.parent / "template.yaml"
IAM_TRIPWIRE = HERE.parent / "forwarder" / "iam-tripwire.yaml"
REGION = "us-east-1"
STACK = "guard-prod"
# A stack name as long as the rule names allow (64 characters; the longest suffix is "-Tripwire-Configuration").
LONGEST_STACK = "s" * 40
PATTERN_QUOTA = 2048  # EventBridge's default event pattern size; raising it is a quota request
_accounts = itertools.count(410000000001)
_server: moto_server.LocalMotoServer | None = None


def setUpModule() -> None:
    global _server
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    _server = moto_server.start("127.0.0.1", 0)


def tearDownModule() -> None:
    _server.stop()


# A role Lambda may assume, and a policy that grants everything: what an insider attaches to the guard's role.
TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
ADMIN = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})


def stand_in_client(service: str, account: str, region: str, principal):
    """A boto3 client of the account; principal() names who the stand-in's CloudTrail records as the caller."""
    made = boto3.client(service, endpoint_url=_server.url, region_name=region, aws_access_key_id=account, aws_secret_access_key="local")

    def sign_as(request, **_):
        if who := principal():
            request.headers["x-idckmsguard-principal"] = who

    made.meta.events.register("before-sign", sign_as)
    return made


def record_cloudtrail(account: str) -> None:
    body = json.dumps({"account": account, "enabled": True}).encode()
    urllib.request.urlopen(urllib.request.Request(f"{_server.url}/_idckmsguard/cloudtrail", data=body, method="POST")).read()


def subscribe_queue(sqs, sns, topic: str, name: str) -> str:
    """An SQS inbox subscribed to the topic: its URL."""
    url = sqs.create_queue(QueueName=f"inbox-{name}")["QueueUrl"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"])
    return url


def drain(sqs, inbox: str) -> list[str]:
    """The SNS messages waiting in the inbox, taken out of it."""
    found = []
    while messages := sqs.receive_message(QueueUrl=inbox, MaxNumberOfMessages=10).get("Messages", []):
        for message in messages:
            found.append(json.loads(message["Body"])["Message"])
            sqs.delete_message(QueueUrl=inbox, ReceiptHandle=message["ReceiptHandle"])
    return found


class StandInStack:
    """The guard's resources that the tripwires watch, named as CloudFormation names them, plus look-alikes that are not
    the guard's; the tripwire rules installed from the template; two inboxes on the notice topics."""

    def __init__(self, account: str, stack: str = STACK):
        self.account, self.stack = account, stack
        self.principal = None
        self.names = {"AWS::AccountId": account, "AWS::StackName": stack, "AWS::Region": REGION, "AWS::Partition": "aws"}
        sns, sqs, kms = self.client("sns"), self.client("sqs"), self.client("kms")
        self.alert_topic = sns.create_topic(Name=f"{stack}-AlertTopic-1A2B3C")["TopicArn"]
        self.tamper_topic = sns.create_topic(Name="security-tamper-notices")["TopicArn"]
        self.inbox = subscribe_queue(sqs, sns, self.alert_topic, "on-call")
        self.security_inbox = subscribe_queue(sqs, sns, self.tamper_topic, "security")
        self.pager_subscription = sns.subscribe(TopicArn=self.alert_topic, Protocol="email", Endpoint="pager@example.com")["SubscriptionArn"]
        self.alert_key = kms.create_key()["KeyMetadata"]["Arn"]
        self.identity_center_key = kms.create_key()["KeyMetadata"]["Arn"]
        role = self._role(f"{stack}-GuardFunctionRole-4D5E6F")
        self._role("team-role")
        self.function = self._function(f"{stack}-GuardFunction-7G8H9I", role)
        self._function("team-function", role)
        parameter = "/idckmsguard/configuration"
        for name in (parameter, "/team/configuration"):
            self.client("ssm").put_parameter(Name=name, Value='{"version": 1}', Type="String")
        dynamodb = self.client("dynamodb")
        table = None
        for name in (f"{stack}-StateTable-J1K2L3", "team-table"):
            created = dynamodb.create_table(
                TableName=name, BillingMode="PAY_PER_REQUEST",
                KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}], AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}])
            table = table or created["TableDescription"]
        self.queues = {name: sqs.create_queue(QueueName=name)["QueueUrl"] for name in (f"{stack}-FollowUpQueue-M4N5", "team-queue")}
        dead_letters = sqs.create_queue(QueueName=f"{stack}-DeadLetterQueue-P6Q7")["QueueUrl"]
        cloudwatch = self.client("cloudwatch")
        for name in (f"{stack}-GuardErrors", "team-alarm"):
            cloudwatch.put_metric_alarm(
                AlarmName=name, Namespace="AWS/Lambda", MetricName="Errors", Statistic="Sum", Period=300, EvaluationPeriods=1,
                Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold", AlarmActions=[self.alert_topic])
        events = self.client("events")
        for name in (f"{stack}-KmsApiCalls", "team-rule"):
            events.put_rule(Name=name, EventPattern=json.dumps({"source": ["aws.kms"]}))
        self.names.update({
            "GuardFunction": self.function, "GuardFunctionRole": role, "ConfigurationParameter": parameter,
            "AlertTopic": self.alert_topic, "TamperNoticeTopicArn": self.tamper_topic, "StateTable": table["TableName"],
            "StateTable.Arn": table["TableArn"], "AlertTopicKey.Arn": self.alert_key,
            "DeadLetterQueue.Arn": self.client("sqs").get_queue_attributes(QueueUrl=dead_letters, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"],
        })
        self.tripwires = Template(TEMPLATE).tripwires(self.names, {"HasTamperNoticeTopic": True})
        for rule in self.tripwires:
            events.put_rule(Name=rule["Name"], EventPattern=json.dumps(rule["EventPattern"]))
            events.put_targets(Rule=rule["Name"], Targets=rule["Targets"])
        record_cloudtrail(account)

    def client(self, service: str):
        return stand_in_client(service, self.account, REGION, lambda: self.principal)

    def as_insider(self, name: str) -> str:
        self.principal = f"arn:aws:iam::{self.account}:user/{name}"
        return self.principal

    def notices(self, inbox: str | None = None) -> list[str]:
        return drain(self.client("sqs"), inbox or self.inbox)

    def _role(self, name: str) -> str:
        self.client("iam").create_role(RoleName=name, AssumeRolePolicyDocument=TRUST)
        return name

    def _function(self, name: str, role: str) -> str:
        self.client("lambda").create_function(
            FunctionName=name, Runtime="provided.al2023", Handler="bootstrap", Code={"ZipFile": bootstrap_zip()},
            Role=f"arn:aws:iam::{self.account}:role/{role}")
        return name


def bootstrap_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("bootstrap", "#!/bin/sh\n")
    return buffer.getvalue()


# The moves: (CloudTrail eventName, what the insider does). Each takes the stack, the guard's resource or a look-alike.
def guard_moves(stack: StandInStack):
    lam, events, ssm, kms, sns, cloudwatch, iam, sqs, dynamodb = (
        stack.client(s) for s in ("lambda", "events", "ssm", "kms", "sns", "cloudwatch", "iam", "sqs", "dynamodb"))
    function, rule = stack.function, f"{stack.stack}-KmsApiCalls"
    follow_ups = stack.queues[f"{stack.stack}-FollowUpQueue-M4N5"]
    table = stack.names["StateTable"]
    mappings = []
    return [
        ("UpdateFunctionConfiguration20150331v2", lambda: lam.update_function_configuration(
            FunctionName=function, Environment={"Variables": {"ALERT_TOPIC_ARN": f"arn:aws:sns:{REGION}:{stack.account}:elsewhere"}})),
        ("UpdateFunctionCode20150331v2", lambda: lam.update_function_code(FunctionName=function, ZipFile=bootstrap_zip())),
        ("PutFunctionConcurrency20171031", lambda: lam.put_function_concurrency(FunctionName=function, ReservedConcurrentExecutions=0)),
        ("DeleteFunctionConcurrency20171031", lambda: lam.delete_function_concurrency(FunctionName=f"arn:aws:lambda:{REGION}:{stack.account}:function:{function}")),
        ("AddPermission20150331v2", lambda: lam.add_permission(FunctionName=function, StatementId="anyone", Action="lambda:InvokeFunction", Principal="*")),
        ("RemovePermission20150331v2", lambda: lam.remove_permission(FunctionName=function, StatementId="anyone")),
        ("CreateEventSourceMapping20150331", lambda: mappings.append(lam.create_event_source_mapping(
            FunctionName=function, EventSourceArn=sqs.get_queue_attributes(QueueUrl=follow_ups, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"])["UUID"])),
        ("DeleteEventSourceMapping20150331", lambda: lam.delete_event_source_mapping(UUID=mappings.pop())),
        ("DisableRule", lambda: events.disable_rule(Name=rule)),
        ("PutRule", lambda: events.put_rule(Name=rule, EventPattern=json.dumps({"source": ["nothing.ever"]}))),
        ("RemoveTargets", lambda: events.remove_targets(Rule=rule, Ids=["guard"])),
        ("PutParameter", lambda: ssm.put_parameter(Name=stack.names["ConfigurationParameter"], Value='{"version": 1, "dryRun": true}', Type="String", Overwrite=True)),
        ("DeleteParameter", lambda: ssm.delete_parameter(Name=stack.names["ConfigurationParameter"])),
        ("TagResource", lambda: kms.tag_resource(KeyId=stack.identity_center_key, Tags=[{"TagKey": "idckmsguard:suspend-until", "TagValue": "9999-12-31T00:00:00Z"}])),
        ("UntagResource", lambda: kms.untag_resource(KeyId=stack.identity_center_key, TagKeys=["idckmsguard:guarded"])),
        ("PutKeyPolicy", lambda: kms.put_key_policy(KeyId=stack.alert_key, PolicyName="default", Policy=ADMIN)),
        ("DisableKey", lambda: kms.disable_key(KeyId=stack.alert_key)),
        ("SetTopicAttributes", lambda: sns.set_topic_attributes(TopicArn=stack.alert_topic, AttributeName="DisplayName", AttributeValue="muted")),
        ("SetSubscriptionAttributes", lambda: sns.set_subscription_attributes(
            SubscriptionArn=stack.pager_subscription, AttributeName="FilterPolicy", AttributeValue=json.dumps({"never": ["sent"]}))),
        ("Unsubscribe", lambda: sns.unsubscribe(SubscriptionArn=stack.pager_subscription)),
        ("DisableAlarmActions", lambda: cloudwatch.disable_alarm_actions(AlarmNames=[f"{stack.stack}-GuardErrors"])),
        ("DeleteAlarms", lambda: cloudwatch.delete_alarms(AlarmNames=[f"{stack.stack}-GuardErrors"])),
        ("PutRolePolicy", lambda: iam.put_role_policy(RoleName=stack.names["GuardFunctionRole"], PolicyName="more", PolicyDocument=ADMIN)),
        ("AttachRolePolicy", lambda: iam.attach_role_policy(
            RoleName=stack.names["GuardFunctionRole"], PolicyArn=iam.create_policy(PolicyName="everything", PolicyDocument=ADMIN)["Policy"]["Arn"])),
        ("SetQueueAttributes", lambda: sqs.set_queue_attributes(QueueUrl=follow_ups, Attributes={"VisibilityTimeout": "43200"})),
        ("PurgeQueue", lambda: sqs.purge_queue(QueueUrl=follow_ups)),
        ("UpdateTimeToLive", lambda: dynamodb.update_time_to_live(TableName=table, TimeToLiveSpecification={"Enabled": True, "AttributeName": "pk"})),
        ("DeleteTable", lambda: dynamodb.delete_table(TableName=table)),
    ]


def look_alike_moves(stack: StandInStack):
    lam, events, ssm, kms, sns, cloudwatch, iam, sqs, dynamodb = (
        stack.client(s) for s in ("lambda", "events", "ssm", "kms", "sns", "cloudwatch", "iam", "sqs", "dynamodb"))
    other_topic = sns.create_topic(Name="team-alerts")["TopicArn"]
    return [
        lambda: lam.update_function_configuration(FunctionName="team-function", Environment={"Variables": {"A": "b"}}),
        lambda: lam.put_function_concurrency(FunctionName="team-function", ReservedConcurrentExecutions=0),
        lambda: events.disable_rule(Name="team-rule"),
        lambda: ssm.put_parameter(Name="/team/configuration", Value="{}", Type="String", Overwrite=True),
        lambda: ssm.delete_parameter(Name="/team/configuration"),
        lambda: kms.tag_resource(KeyId=stack.identity_center_key, Tags=[{"TagKey": "team:owner", "TagValue": "identity"}]),
        lambda: kms.disable_key(KeyId=stack.identity_center_key),
        lambda: sns.set_topic_attributes(TopicArn=other_topic, AttributeName="DisplayName", AttributeValue="x"),
        lambda: cloudwatch.disable_alarm_actions(AlarmNames=["team-alarm"]),
        lambda: iam.put_role_policy(RoleName="team-role", PolicyName="more", PolicyDocument=ADMIN),
        lambda: sqs.set_queue_attributes(QueueUrl=stack.queues["team-queue"], Attributes={"VisibilityTimeout": "60"}),
        lambda: dynamodb.delete_table(TableName="team-table"),
    ]


class TripwireTests(unittest.TestCase):
    def test_every_move_to_silence_the_guard_is_told_to_both_topics_naming_who_and_what(self):
        stack = StandInStack(str(next(_accounts)))
        for number, (event_name, move) in enumerate(guard_moves(stack)):
            with self.subTest(event_name):
                who = stack.as_insider(f"insider-{number}")
                move()
                notices, security = stack.notices(), stack.notices(stack.security_inbox)
                # A change to one of the stack's rules is seen by every tripwire (each watches the others); anything
                # else by exactly one, so an on-call engineer gets one line per move.
                expected = len(stack.tripwires) if event_name in ("DisableRule", "PutRule", "RemoveTargets") else 1
                self.assertEqual(expected, len(notices), notices)
                self.assertEqual(notices, security)
                for notice in notices:
                    self.assertIn(f"IdcKmsGuard tamper notice: {who} called {event_name} on ", notice)
                    self.assertIn(f"account {stack.account}, {REGION}", notice)

    def test_the_same_moves_on_resources_that_are_not_the_guards_stay_quiet(self):
        stack = StandInStack(str(next(_accounts)))
        stack.as_insider("teammate")
        for move in look_alike_moves(stack):
            move()
        self.assertEqual([], stack.notices())
        self.assertEqual([], stack.notices(stack.security_inbox))

    def test_switching_the_tripwires_off_one_by_one_is_reported_until_the_last(self):
        stack = StandInStack(str(next(_accounts)))
        events = stack.client("events")
        remaining = len(stack.tripwires)
        for rule in stack.tripwires:
            stack.as_insider("insider")
            events.disable_rule(Name=rule["Name"])
            remaining -= 1
            notices = stack.notices()
            self.assertEqual(remaining, len(notices), f"{rule['Name']}: {notices}")
            self.assertTrue(all("called DisableRule" in n for n in notices))

    def test_every_rule_of_the_stack_fits_the_default_pattern_quota_for_the_longest_stack_name(self):
        names = {
            "AWS::AccountId": "123456789012", "AWS::StackName": LONGEST_STACK, "AWS::Region": "ap-southeast-2", "AWS::Partition": "aws",
            "GuardFunction": f"{LONGEST_STACK}-GuardFunction-ABCDEFGHIJKL", "GuardFunctionRole": f"{LONGEST_STACK}-GuardFunctionRole-ABCDEFGHIJKL",
            "ConfigurationParameter": "/" + "p" * 127, "AlertTopic": f"arn:aws:sns:ap-southeast-2:123456789012:{LONGEST_STACK}-AlertTopic-ABCDEFGHIJKL",
            "TamperNoticeTopicArn": "", "StateTable": f"{LONGEST_STACK}-StateTable-ABCDEFGHIJKL",
            "StateTable.Arn": f"arn:aws:dynamodb:ap-southeast-2:123456789012:table/{LONGEST_STACK}-StateTable-ABCDEFGHIJKL",
            "AlertTopicKey.Arn": "arn:aws:kms:ap-southeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "DeadLetterQueue.Arn": f"arn:aws:sqs:ap-southeast-2:123456789012:{LONGEST_STACK}-DeadLetterQueue-ABCDEFGHIJKL",
        }
        rules = Template(TEMPLATE).event_rules(names, {"HasTamperNoticeTopic": False})
        self.assertGreaterEqual(len(rules), 8)
        for rule in rules:
            with self.subTest(rule["Name"]):
                self.assertLessEqual(len(rule["Name"]), 64)
                if "EventPattern" in rule:
                    self.assertLessEqual(len(json.dumps(rule["EventPattern"], separators=(",", ":"))), PATTERN_QUOTA)



class IamTripwireForwarderTest(unittest.TestCase):
    """A guard outside us-east-1: IAM's events arrive on us-east-1's bus only (the stand-in's CloudTrail puts each call
    in the Region it was signed for, as AWS does for IAM), so its Function tripwire hears of a change to its role only
    through infra/forwarder/iam-tripwire.yaml's rule."""

    GUARD_REGION = "eu-west-1"

    def test_a_change_to_the_guards_role_reaches_a_guard_in_another_region_only_through_the_forwarder(self):
        account = str(next(_accounts))
        role = f"{STACK}-GuardFunctionRole-4D5E6F"
        def client(service, region):
            return stand_in_client(service, account, region, lambda: f"arn:aws:iam::{account}:user/mallory")
        iam, sns, sqs = client("iam", REGION), client("sns", self.GUARD_REGION), client("sqs", self.GUARD_REGION)
        iam.create_role(RoleName=role, AssumeRolePolicyDocument=TRUST)
        topic = sns.create_topic(Name=f"{STACK}-AlertTopic-1A2B3C")["TopicArn"]
        inbox = subscribe_queue(sqs, sns, topic, "on-call")
        names = {"AWS::AccountId": account, "AWS::StackName": STACK, "AWS::Region": self.GUARD_REGION, "AWS::Partition": "aws",
                 "GuardFunction": f"{STACK}-GuardFunction-7G8H9I", "GuardFunctionRole": role, "AlertTopic": topic,
                 "DeadLetterQueue.Arn": f"arn:aws:sqs:{self.GUARD_REGION}:{account}:dead-letters"}
        tripwire = Template(TEMPLATE).properties("TripwireFunctionRule", names, {"HasTamperNoticeTopic": False})
        client("events", self.GUARD_REGION).put_rule(Name=tripwire["Name"], EventPattern=json.dumps(tripwire["EventPattern"]))
        client("events", self.GUARD_REGION).put_targets(Rule=tripwire["Name"], Targets=tripwire["Targets"])
        record_cloudtrail(account)
    
        iam.put_role_policy(RoleName=role, PolicyName="before-the-forwarder", PolicyDocument=ADMIN)
        self.assertEqual(drain(sqs, inbox), [], "without the forwarder a guard outside us-east-1 hears nothing of IAM")

        forwarder = Template(IAM_TRIPWIRE).properties("GuardRoleChanges", {
            "AWS::AccountId": account, "AWS::Partition": "aws", "GuardRegion": self.GUARD_REGION, "GuardRoleName": role,
            "ForwardRole.Arn": f"arn:aws:iam::{account}:role/forward", "ForwardDeadLetterQueue.Arn": f"arn:aws:sqs:{REGION}:{account}:forward-dlq"}, {})
        client("events", REGION).put_rule(Name="iam-tripwire", EventPattern=json.dumps(forwarder["EventPattern"]))
        client("events", REGION).put_targets(Rule="iam-tripwire", Targets=forwarder["Targets"])
        iam.put_role_policy(RoleName=role, PolicyName="after-the-forwarder", PolicyDocument=ADMIN)
        iam.create_role(RoleName="team-role", AssumeRolePolicyDocument=TRUST)
        iam.put_role_policy(RoleName="team-role", PolicyName="not-the-guards", PolicyDocument=ADMIN)

        notices = drain(sqs, inbox)
        self.assertEqual(len(notices), 1, notices)
        self.assertIn("PutRolePolicy", notices[0])
        self.assertIn(f"arn:aws:iam::{account}:user/mallory", notices[0])


if __name__ == "__main__":
    unittest.main()
