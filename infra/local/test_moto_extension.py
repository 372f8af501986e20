"""Self test of infra/local: moto_server.py's extensions and seed.py, through boto3 against a real HTTP server.

    python3 -m unittest infra/local/test_moto_extension.py

Most tests use a server started in this process (so they can set IDCKMSGUARD_MOTO_UPDATING_READS); the command
line tests start moto_server.py and seed.py as programs. Each test works in an account of its own.
"""

import itertools
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from unittest import mock

import boto3
import botocore.config
import botocore.exceptions
from botocore.exceptions import ClientError

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import moto_server  # noqa: E402
import seed  # noqa: E402

_accounts = itertools.count(300000000001)
_server: moto_server.LocalMotoServer | None = None


def setUpModule() -> None:
    global _server
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    _server = moto_server.start("127.0.0.1", 0)


def tearDownModule() -> None:
    _server.stop()


def new_account() -> str:
    return str(next(_accounts))


def client(service: str, account: str, region: str = "us-east-1"):
    return boto3.client(
        service,
        endpoint_url=_server.url,
        region_name=region,
        aws_access_key_id=account,
        aws_secret_access_key="local",
    )


def record_raw_bodies(service_client) -> list[str]:
    """The HTTP bodies the client receives, for members that botocore's model does not know yet."""
    bodies: list[str] = []
    service_client.meta.events.register("after-call", lambda http_response, **_: bodies.append(http_response.text))
    return bodies


class IdentityCenter:
    """One account's Identity Center instance and KMS, as the tests drive them."""

    def __init__(self, region: str = "us-east-1"):
        self.account = new_account()
        self.region = region
        self.sso = client("sso-admin", self.account, region)
        self.kms = client("kms", self.account, region)
        self.instance_arn = self.sso.list_instances()["Instances"][0]["InstanceArn"]

    def create_key(self, **kwargs) -> str:
        return self.kms.create_key(**kwargs)["KeyMetadata"]["Arn"]

    def use_key(self, key_arn: str) -> None:
        self.sso.update_instance(
            InstanceArn=self.instance_arn,
            EncryptionConfiguration={"KeyType": "CUSTOMER_MANAGED_KEY", "KmsKeyArn": key_arn},
        )

    def encryption(self) -> dict:
        return self.sso.describe_instance(InstanceArn=self.instance_arn)["EncryptionConfigurationDetails"]


class AccountIsolationTest(unittest.TestCase):
    def test_a_12_digit_access_key_is_the_account(self):
        first, second = new_account(), new_account()
        self.assertEqual(client("sts", first).get_caller_identity()["Account"], first)
        key_id = client("kms", first).create_key()["KeyMetadata"]["KeyId"]
        self.assertNotIn(key_id, [k["KeyId"] for k in client("kms", second).list_keys()["Keys"]])
        owner = client("sso-admin", second).list_instances()["Instances"][0]["OwnerAccountId"]
        self.assertEqual(owner, second)

    def test_the_guard_services_work_in_the_account(self):
        account = new_account()
        table = client("dynamodb", account).create_table(
            TableName="idckmsguard-state",
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            BillingMode="PAY_PER_REQUEST",
        )
        self.assertIn(f":{account}:", table["TableDescription"]["TableArn"])
        client("ssm", account).put_parameter(Name="/idckmsguard/mode", Value="alert", Type="String")
        parameter = client("ssm", account).get_parameter(Name="/idckmsguard/mode")["Parameter"]
        self.assertIn(f":{account}:", parameter["ARN"])

        sqs, events = client("sqs", account), client("events", account)
        queue_url = sqs.create_queue(QueueName="events-inbox")["QueueUrl"]
        queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        rule_arn = events.put_rule(Name="kms-calls", EventPattern=json.dumps({"source": ["aws.kms"]}))["RuleArn"]
        self.assertIn(f":{account}:", rule_arn)
        events.put_targets(Rule="kms-calls", Targets=[{"Id": "inbox", "Arn": queue_arn}])
        events.put_events(Entries=[{"Source": "aws.kms", "DetailType": "KMS CMK Rotation", "Detail": "{}"}])
        message = sqs.receive_message(QueueUrl=queue_url, WaitTimeSeconds=1)["Messages"][0]
        self.assertEqual(json.loads(message["Body"])["account"], account)

    def test_other_access_keys_keep_the_default_account(self):
        account = client("sts", "AKIAIOSFODNN7EXAMPLE").get_caller_identity()["Account"]
        self.assertEqual(account, "123456789012")


class KmsFidelityTest(unittest.TestCase):
    def test_multi_region_key_ids_have_the_real_form_and_work(self):
        kms = client("kms", new_account())
        metadata = kms.create_key(MultiRegion=True)["KeyMetadata"]
        self.assertRegex(metadata["KeyId"], r"^mrk-[0-9a-f]{32}$")
        self.assertEqual(metadata["KeyUsage"], "ENCRYPT_DECRYPT")
        self.assertEqual(kms.describe_key(KeyId=metadata["KeyId"])["KeyMetadata"]["Arn"], metadata["Arn"])
        blob = kms.encrypt(KeyId=metadata["KeyId"], Plaintext=b"secret")["CiphertextBlob"]
        self.assertEqual(kms.decrypt(CiphertextBlob=blob)["Plaintext"], b"secret")

    def test_key_state_calls_accept_a_key_arn(self):
        kms = client("kms", new_account())
        arn = kms.create_key(MultiRegion=True)["KeyMetadata"]["Arn"]

        def state() -> str:
            return kms.describe_key(KeyId=arn)["KeyMetadata"]["KeyState"]

        kms.disable_key(KeyId=arn)
        self.assertEqual(state(), "Disabled")
        kms.enable_key(KeyId=arn)
        kms.schedule_key_deletion(KeyId=arn, PendingWindowInDays=7)
        self.assertEqual(state(), "PendingDeletion")
        kms.cancel_key_deletion(KeyId=arn)
        self.assertEqual(state(), "Disabled")
        replica = kms.replicate_key(KeyId=arn, ReplicaRegion="eu-west-1")["ReplicaKeyMetadata"]
        self.assertEqual(replica["Arn"], arn.replace("us-east-1", "eu-west-1"))

    def test_a_replica_is_a_key_of_its_own(self):
        account = new_account()
        primary, replicas = client("kms", account), client("kms", account, "eu-west-1")
        arn = primary.create_key(MultiRegion=True)["KeyMetadata"]["Arn"]
        replica_arn = primary.replicate_key(KeyId=arn, ReplicaRegion="eu-west-1")["ReplicaKeyMetadata"]["Arn"]
        replicas.disable_key(KeyId=replica_arn)

        def state_and_type(metadata: dict) -> tuple[str, str]:
            return metadata["KeyState"], metadata["MultiRegionConfiguration"]["MultiRegionKeyType"]

        replica = replicas.describe_key(KeyId=replica_arn)["KeyMetadata"]
        self.assertEqual(state_and_type(replica), ("Disabled", "REPLICA"))
        described = primary.describe_key(KeyId=arn)["KeyMetadata"]
        self.assertEqual(state_and_type(described), ("Enabled", "PRIMARY"))
        self.assertEqual([r["Arn"] for r in described["MultiRegionConfiguration"]["ReplicaKeys"]], [replica_arn])


class DescribeInstanceTest(unittest.TestCase):
    def test_defaults_to_the_aws_owned_key(self):
        idc = IdentityCenter()
        bodies = record_raw_bodies(idc.sso)
        description = idc.sso.describe_instance(InstanceArn=idc.instance_arn)
        self.assertEqual(description["OwnerAccountId"], idc.account)
        self.assertEqual(description["Status"], "ACTIVE")
        self.assertEqual(
            description["EncryptionConfigurationDetails"],
            {"KeyType": "AWS_OWNED_KMS_KEY", "EncryptionStatus": "ENABLED"},
        )
        raw = json.loads(bodies[-1])
        self.assertIsInstance(raw["CreatedDate"], float)
        self.assertEqual(raw["PrimaryRegion"], "us-east-1")
        self.assertEqual(
            [(r["RegionName"], r["Status"], r["IsPrimaryRegion"]) for r in raw["Regions"]],
            [("us-east-1", "ACTIVE", True)],
        )

    def test_list_instances_carries_the_regions(self):
        idc = IdentityCenter(region="eu-west-1")
        bodies = record_raw_bodies(idc.sso)
        idc.sso.list_instances()
        instance = json.loads(bodies[-1])["Instances"][0]
        self.assertEqual(instance["PrimaryRegion"], "eu-west-1")
        self.assertEqual(instance["Regions"][0]["RegionName"], "eu-west-1")

    def test_unknown_instance_is_not_found(self):
        idc = IdentityCenter()
        bodies = record_raw_bodies(idc.sso)
        with self.assertRaises(ClientError) as raised:
            idc.sso.describe_instance(InstanceArn="arn:aws:sso:::instance/ssoins-0000000000000000")
        self.assertEqual(raised.exception.response["Error"]["Code"], "ResourceNotFoundException")
        self.assertEqual(set(json.loads(bodies[-1])), {"__type", "Message"})


class UpdateInstanceTest(unittest.TestCase):
    def test_switches_to_a_usable_key(self):
        for multi_region in (True, False):
            with self.subTest(multi_region=multi_region):
                idc = IdentityCenter()
                key_arn = idc.create_key(MultiRegion=multi_region)
                idc.use_key(key_arn)
                self.assertEqual(
                    idc.encryption(),
                    {"KeyType": "CUSTOMER_MANAGED_KEY", "KmsKeyArn": key_arn, "EncryptionStatus": "ENABLED"},
                )

    def test_a_disabled_key_fails_and_the_previous_key_stays(self):
        idc = IdentityCenter()
        previous = idc.create_key(MultiRegion=True)
        idc.use_key(previous)
        disabled = idc.create_key(MultiRegion=True)
        idc.kms.disable_key(KeyId=disabled)
        idc.use_key(disabled)
        details = idc.encryption()
        self.assertEqual(details["EncryptionStatus"], "UPDATE_FAILED")
        self.assertEqual(details["KmsKeyArn"], previous)
        self.assertTrue(details["EncryptionStatusReason"].startswith("KMS_DisabledException: "))

    def test_keys_identity_center_cannot_use_fail_with_the_service_reason(self):
        idc = IdentityCenter()
        pending_deletion = idc.create_key()
        idc.kms.schedule_key_deletion(KeyId=pending_deletion, PendingWindowInDays=7)
        other_account = f"arn:aws:kms:us-east-1:{new_account()}:key/{uuid.uuid4()}"
        cases = {
            f"arn:aws:kms:us-east-1:{idc.account}:key/{uuid.uuid4()}": "KMS_NotFoundException",
            other_account: "KMS_NotFoundException",
            idc.create_key(KeySpec="RSA_2048", KeyUsage="ENCRYPT_DECRYPT"): "KMS_InvalidKeyUsageException",
            idc.create_key(KeySpec="HMAC_256", KeyUsage="GENERATE_VERIFY_MAC"): "KMS_InvalidKeyUsageException",
            pending_deletion: "KMS_InvalidStateException",
        }
        for key_arn, reason in cases.items():
            with self.subTest(reason=reason, key_arn=key_arn):
                idc.use_key(key_arn)
                details = idc.encryption()
                self.assertEqual(details["EncryptionStatus"], "UPDATE_FAILED")
                self.assertEqual(details["KeyType"], "AWS_OWNED_KMS_KEY")
                self.assertNotIn("KmsKeyArn", details)
                self.assertTrue(details["EncryptionStatusReason"].startswith(f"{reason}: "))

    def test_invalid_configurations_are_rejected(self):
        idc = IdentityCenter()
        key_arn = idc.create_key()
        invalid = [
            {"KeyType": "CUSTOMER_MANAGED_KEY"},
            {"KeyType": "CUSTOMER_MANAGED_KEY", "KmsKeyArn": f"arn:aws:kms:us-east-1:{idc.account}:alias/idc"},
            {"KeyType": "CUSTOMER_MANAGED_KEY", "KmsKeyArn": key_arn.split(":key/")[1] + "-padded-to-20"},
            {
                "KeyType": "CUSTOMER_MANAGED_KEY",
                "KmsKeyArn": f"arn:aws:kms:us-east-1:{idc.account}:key/mrk-{uuid.uuid4()}",
            },
            {"KeyType": "AWS_OWNED_KMS_KEY", "KmsKeyArn": key_arn},
            {"KeyType": "SOME_OTHER_KEY"},
        ]
        for config in invalid:
            with self.subTest(config=config):
                with self.assertRaises(ClientError) as raised:
                    idc.sso.update_instance(InstanceArn=idc.instance_arn, EncryptionConfiguration=config)
                self.assertEqual(raised.exception.response["Error"]["Code"], "ValidationException")
                self.assertEqual(idc.encryption()["EncryptionStatus"], "ENABLED")

    def test_an_unknown_instance_is_not_found(self):
        idc = IdentityCenter()
        with self.assertRaises(ClientError) as raised:
            idc.sso.update_instance(
                InstanceArn="arn:aws:sso:::instance/ssoins-0000000000000000",
                EncryptionConfiguration={"KeyType": "AWS_OWNED_KMS_KEY"},
            )
        self.assertEqual(raised.exception.response["Error"]["Code"], "ResourceNotFoundException")

    def test_aws_owned_key_clears_the_customer_key(self):
        idc = IdentityCenter()
        idc.use_key(idc.create_key())
        idc.sso.update_instance(InstanceArn=idc.instance_arn, EncryptionConfiguration={"KeyType": "AWS_OWNED_KMS_KEY"})
        self.assertEqual(idc.encryption(), {"KeyType": "AWS_OWNED_KMS_KEY", "EncryptionStatus": "ENABLED"})

    def test_updating_is_reported_for_the_configured_number_of_reads(self):
        idc = IdentityCenter()
        previous = idc.create_key()
        idc.use_key(previous)
        disabled = idc.create_key()
        idc.kms.disable_key(KeyId=disabled)
        with mock.patch.dict(os.environ, {moto_server.UPDATING_READS_ENV: "2"}):
            idc.use_key(disabled)
        updating = {"KeyType": "CUSTOMER_MANAGED_KEY", "KmsKeyArn": disabled, "EncryptionStatus": "UPDATING"}
        self.assertEqual(idc.encryption(), updating)
        with self.assertRaises(ClientError) as raised:
            idc.use_key(previous)
        self.assertEqual(raised.exception.response["Error"]["Code"], "ConflictException")
        self.assertEqual(idc.encryption(), updating)
        final = idc.encryption()
        self.assertEqual((final["EncryptionStatus"], final["KmsKeyArn"]), ("UPDATE_FAILED", previous))

    def test_updating_reads_can_be_set_per_account_over_http(self):
        idc = IdentityCenter()
        other = IdentityCenter()
        control = f"{_server.url}{moto_server.UPDATING_READS_PATH}"

        def post(body: dict) -> tuple[int, dict]:
            request = urllib.request.Request(control, data=json.dumps(body).encode(), method="POST")
            try:
                with urllib.request.urlopen(request) as response:
                    return response.status, json.loads(response.read())
            except urllib.error.HTTPError as error:
                return error.code, json.loads(error.read())

        self.assertEqual(post({"account": idc.account, "reads": 1}), (200, {"account": idc.account, "reads": 1}))
        self.assertEqual(post({"account": "123", "reads": 1})[0], 400)
        self.assertEqual(post({"account": idc.account, "reads": -1})[0], 400)
        key = idc.create_key()
        idc.use_key(key)
        other.use_key(other.create_key())
        self.assertEqual(idc.encryption()["EncryptionStatus"], "UPDATING")
        self.assertEqual(idc.encryption(), {"KeyType": "CUSTOMER_MANAGED_KEY", "KmsKeyArn": key, "EncryptionStatus": "ENABLED"})
        self.assertEqual(other.encryption()["EncryptionStatus"], "ENABLED")
        self.assertEqual(post({"account": idc.account, "reads": None}), (200, {"account": idc.account, "reads": None}))
        idc.use_key(idc.create_key())
        self.assertEqual(idc.encryption()["EncryptionStatus"], "ENABLED")

    def test_deleting_imported_material_leaves_an_external_key_pending_import(self):
        idc = IdentityCenter()
        external = idc.kms.create_key(Origin="EXTERNAL")["KeyMetadata"]["Arn"]
        idc.kms.delete_imported_key_material(KeyId=external)
        self.assertEqual(idc.kms.describe_key(KeyId=external)["KeyMetadata"]["KeyState"], "PendingImport")
        with self.assertRaises(ClientError) as raised:
            idc.kms.delete_imported_key_material(KeyId=idc.create_key())
        self.assertEqual(raised.exception.response["Error"]["Code"], "UnsupportedOperationException")

    def test_name_updates_keep_working(self):
        idc = IdentityCenter()
        idc.sso.update_instance(InstanceArn=idc.instance_arn, Name="workforce")
        idc.use_key(idc.create_key())
        self.assertEqual(idc.sso.describe_instance(InstanceArn=idc.instance_arn)["Name"], "workforce")
        self.assertEqual(idc.sso.list_instances()["Instances"][0]["Name"], "workforce")


class KmsRefusalsTest(unittest.TestCase):
    def test_kms_refuses_what_aws_refuses_in_each_state(self):
        idc = IdentityCenter()
        key = idc.create_key()
        cases = [
            (idc.kms.cancel_key_deletion, "enabled and not pending deletion"),
        ]
        for call, words in cases:
            with self.assertRaises(ClientError) as raised:
                call(KeyId=key)
            self.assertEqual(raised.exception.response["Error"]["Code"], "KMSInvalidStateException")
            self.assertIn(words, raised.exception.response["Error"]["Message"])
        idc.kms.schedule_key_deletion(KeyId=key, PendingWindowInDays=7)
        for call in (idc.kms.enable_key, idc.kms.disable_key):
            with self.subTest(call=call.__name__):
                with self.assertRaises(ClientError) as raised:
                    call(KeyId=key)
                self.assertEqual(raised.exception.response["Error"]["Code"], "KMSInvalidStateException")
        idc.kms.cancel_key_deletion(KeyId=key)
        self.assertEqual(idc.kms.describe_key(KeyId=key)["KeyMetadata"]["KeyState"], "Disabled")


class TopicSubscriptionCountTest(unittest.TestCase):
    def test_get_topic_attributes_counts_the_topics_subscriptions(self):
        account = new_account()
        sns, sqs = client("sns", account), client("sqs", account)
        topic = sns.create_topic(Name="alerts")["TopicArn"]
        other = sns.create_topic(Name="other")["TopicArn"]
        queue = sqs.get_queue_attributes(QueueUrl=sqs.create_queue(QueueName="q")["QueueUrl"], AttributeNames=["QueueArn"])
        arn = queue["Attributes"]["QueueArn"]
        self.assertEqual(sns.get_topic_attributes(TopicArn=topic)["Attributes"]["SubscriptionsConfirmed"], "0")
        first = sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)["SubscriptionArn"]
        sns.subscribe(TopicArn=topic, Protocol="email", Endpoint="oncall@example.com")
        sns.subscribe(TopicArn=other, Protocol="sqs", Endpoint=arn)
        self.assertEqual(sns.get_topic_attributes(TopicArn=topic)["Attributes"]["SubscriptionsConfirmed"], "2")
        sns.unsubscribe(SubscriptionArn=first)
        self.assertEqual(sns.get_topic_attributes(TopicArn=topic)["Attributes"]["SubscriptionsConfirmed"], "1")


class FaultInjectionTest(unittest.TestCase):
    """The control routes and every fault kind, through boto3 (its retries off, so each call is one request)."""

    def setUp(self):
        self.account = new_account()
        # Generous timeouts: a loaded CI machine can take over a second to answer; only the hang test wants a short one.
        config = botocore.config.Config(retries={"total_max_attempts": 1}, read_timeout=10, connect_timeout=10)
        self.kms = boto3.client("kms", endpoint_url=_server.url, region_name="us-east-1", aws_access_key_id=self.account,
                                aws_secret_access_key="local", config=config)
        self.sns = boto3.client("sns", endpoint_url=_server.url, region_name="us-east-1", aws_access_key_id=self.account,
                                aws_secret_access_key="local", config=config)
        self.key = self.kms.create_key()["KeyMetadata"]["Arn"]
        self.kms.disable_key(KeyId=self.key)

    def control(self, method: str, path: str, body: dict | None = None) -> tuple[int, object]:
        url = f"{_server.url}{path}" + ("" if body is not None else f"?account={self.account}")
        request = urllib.request.Request(url, data=None if body is None else json.dumps(body).encode(), method=method)
        try:
            with urllib.request.urlopen(request) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

    def fail(self, kind: str, operation: str = "EnableKey", **spec) -> None:
        status, _ = self.control("POST", "/_idckmsguard/faults", {"account": self.account, "operation": operation, "kind": kind, **spec})
        self.assertEqual(status, 200)

    def state(self) -> str:
        return self.kms.describe_key(KeyId=self.key)["KeyMetadata"]["KeyState"]

    def test_refused_kinds_answer_the_services_error_and_change_nothing(self):
        for kind, code in [("throttle", "ThrottlingException"), ("server-error", "InternalFailure"), ("denied", "AccessDeniedException")]:
            with self.subTest(kind=kind):
                self.fail(kind)
                with self.assertRaises(ClientError) as raised:
                    self.kms.enable_key(KeyId=self.key)
                self.assertEqual(raised.exception.response["Error"]["Code"], code)
                self.assertEqual(self.state(), "Disabled")

    def test_a_reset_drops_the_call_and_a_lost_answer_applies_it(self):
        self.fail("reset")
        with self.assertRaises(botocore.exceptions.BotoCoreError):
            self.kms.enable_key(KeyId=self.key)
        self.assertEqual(self.state(), "Disabled")
        self.fail("lost")
        with self.assertRaises(botocore.exceptions.BotoCoreError):
            self.kms.enable_key(KeyId=self.key)
        self.assertEqual(self.state(), "Enabled")

    def test_a_hang_answers_late_and_applies_late(self):
        impatient = boto3.client("kms", endpoint_url=_server.url, region_name="us-east-1", aws_access_key_id=self.account,
                                 aws_secret_access_key="local",
                                 config=botocore.config.Config(retries={"total_max_attempts": 1}, read_timeout=1, connect_timeout=10))
        self.fail("hang", hangMs=1500)
        with self.assertRaises(botocore.exceptions.ReadTimeoutError):
            impatient.enable_key(KeyId=self.key)
        self.assertEqual(self.state(), "Disabled")
        time.sleep(1.0)
        self.assertEqual(self.state(), "Enabled")

    def test_rules_start_at_the_nth_call_and_fail_count_calls_or_all(self):
        self.fail("throttle", nth=2, count=2)
        outcomes = []
        for _ in range(4):
            try:
                self.kms.enable_key(KeyId=self.key)
                outcomes.append("ok")
            except ClientError:
                outcomes.append("throttled")
        self.assertEqual(outcomes, ["ok", "throttled", "throttled", "ok"])
        self.fail("server-error", operation="Publish", count=None)
        topic = self.sns.create_topic(Name="t")["TopicArn"]
        for _ in range(3):
            with self.assertRaises(ClientError) as raised:
                self.sns.publish(TopicArn=topic, Message="m")
            self.assertEqual(raised.exception.response["Error"]["Code"], "InternalFailure")
        status, rules = self.control("GET", "/_idckmsguard/faults")
        self.assertEqual([(r["operation"], r["matched"], r["fired"]) for r in rules], [("EnableKey", 4, 2), ("Publish", 3, 3)])
        self.assertEqual(self.control("DELETE", "/_idckmsguard/faults"), (200, []))
        self.sns.publish(TopicArn=topic, Message="m")

    def test_the_call_log_records_each_change_with_the_state_before_and_after(self):
        self.fail("lost")
        with self.assertRaises(botocore.exceptions.BotoCoreError):
            self.kms.enable_key(KeyId=self.key)
        self.kms.enable_key(KeyId=self.key)
        _, calls = self.control("GET", "/_idckmsguard/calls")
        enables = [c for c in calls if c["operation"] == "EnableKey"]
        self.assertEqual([(c["fault"], c["applied"], c["before"]["keyState"], c["after"]["keyState"]) for c in enables],
                         [("lost", True, "Disabled", "Enabled"), (None, True, "Enabled", "Enabled")])
        self.assertEqual({c["service"] for c in calls}, {"kms"})
        self.assertEqual(self.control("DELETE", "/_idckmsguard/calls"), (200, []))
        self.assertEqual(self.control("GET", "/_idckmsguard/calls"), (200, []))

    def test_bad_rules_are_refused_with_a_reason(self):
        for body, words in [
            ({"account": "123", "operation": "EnableKey", "kind": "throttle"}, "account"),
            ({"account": self.account, "operation": "Enable Key", "kind": "throttle"}, "operation"),
            ({"account": self.account, "operation": "EnableKey", "kind": "melt"}, "kind"),
            ({"account": self.account, "operation": "EnableKey", "kind": "throttle", "nth": 0}, "nth"),
            ({"account": self.account, "operation": "EnableKey", "kind": "hang"}, "hangMs"),
        ]:
            with self.subTest(body=body):
                status, answer = self.control("POST", "/_idckmsguard/faults", body)
                self.assertEqual(status, 400)
                self.assertIn(words, answer["message"])


class RegionsTest(unittest.TestCase):
    def test_regions_can_be_listed_added_and_removed(self):
        idc = IdentityCenter()
        arn = idc.instance_arn

        def regions() -> list[tuple[str, bool]]:
            return [(r["RegionName"], r["IsPrimaryRegion"]) for r in idc.sso.list_regions(InstanceArn=arn)["Regions"]]

        self.assertEqual(regions(), [("us-east-1", True)])
        self.assertEqual(idc.sso.add_region(InstanceArn=arn, RegionName="eu-west-1")["Status"], "ACTIVE")
        self.assertEqual(regions(), [("us-east-1", True), ("eu-west-1", False)])
        self.assertEqual(idc.sso.describe_region(InstanceArn=arn, RegionName="eu-west-1")["Status"], "ACTIVE")
        for call, region, error in [
            (idc.sso.add_region, "eu-west-1", "ConflictException"),
            (idc.sso.remove_region, "us-east-1", "ValidationException"),
            (idc.sso.remove_region, "ap-south-1", "ResourceNotFoundException"),
        ]:
            with self.subTest(call=call.__name__, region=region):
                with self.assertRaises(ClientError) as raised:
                    call(InstanceArn=arn, RegionName=region)
                self.assertEqual(raised.exception.response["Error"]["Code"], error)
        idc.sso.remove_region(InstanceArn=arn, RegionName="eu-west-1")
        self.assertEqual(regions(), [("us-east-1", True)])


class SeedTest(unittest.TestCase):
    def test_seeds_an_account_and_delivers_alerts_to_the_queue(self):
        account = new_account()
        result = seed.seed(_server.url, account=account, delegated_admin="444455556666")
        self.assertRegex(result["keyId"], r"^mrk-[0-9a-f]{32}$")
        self.assertEqual(
            result["identityStoreArn"], f"arn:aws:identitystore::{account}:identitystore/{result['identityStoreId']}"
        )
        sso = client("sso-admin", account)
        details = sso.describe_instance(InstanceArn=result["instanceArn"])["EncryptionConfigurationDetails"]
        self.assertEqual((details["KmsKeyArn"], details["EncryptionStatus"]), (result["keyArn"], "ENABLED"))

        kms = client("kms", account)
        policy = json.loads(kms.get_key_policy(KeyId=result["keyId"], PolicyName="default")["Policy"])
        admins = policy["Statement"][0]["Principal"]["AWS"]
        self.assertEqual(admins, [f"arn:aws:iam::{account}:root", "arn:aws:iam::444455556666:root"])
        self.assertNotIn("{{", json.dumps(policy))
        self.assertEqual(kms.describe_key(KeyId=result["aliasName"])["KeyMetadata"]["Arn"], result["keyArn"])

        client("sns", account).publish(
            TopicArn=result["topicArn"],
            MessageStructure="json",
            Message=json.dumps({"default": "plain", "sqs": json.dumps({"alert": "key disabled"})}),
            MessageAttributes={"severity": {"DataType": "String", "StringValue": "critical"}},
        )
        received = client("sqs", account).receive_message(QueueUrl=result["queueUrl"], WaitTimeSeconds=1)
        envelope = json.loads(received["Messages"][0]["Body"])
        self.assertEqual(json.loads(envelope["Message"]), {"alert": "key disabled"})
        self.assertEqual(envelope["TopicArn"], result["topicArn"])
        self.assertEqual(envelope["MessageAttributes"]["severity"]["Value"], "critical")
        self.assertIn(f":{account}:", result["queueArn"])

    def test_seeding_twice_moves_alias_and_instance_to_a_new_key(self):
        account = new_account()
        first = seed.seed(_server.url, account=account)
        second = seed.seed(_server.url, account=account, multi_region=False)
        self.assertNotEqual(first["keyArn"], second["keyArn"])
        self.assertEqual((first["topicArn"], first["queueUrl"]), (second["topicArn"], second["queueUrl"]))
        kms = client("kms", account)
        self.assertEqual(kms.describe_key(KeyId=seed.ALIAS_NAME)["KeyMetadata"]["Arn"], second["keyArn"])
        subscriptions = client("sns", account).list_subscriptions_by_topic(TopicArn=first["topicArn"])
        self.assertEqual(len(subscriptions["Subscriptions"]), 1)


class CommandLineTest(unittest.TestCase):
    def test_server_announces_itself_serves_seed_and_stops_on_sigterm(self):
        server = subprocess.Popen(
            [sys.executable, str(HERE / "moto_server.py"), "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            line = server.stdout.readline().strip()
            match = re.fullmatch(r"moto listening on (http://127\.0\.0\.1:\d+)", line)
            self.assertIsNotNone(match, line)
            account = new_account()
            seeded = subprocess.run(
                [sys.executable, str(HERE / "seed.py"), "--endpoint", match.group(1), "--account", account],
                capture_output=True,
                text=True,
                check=True,
                timeout=30,
            )
            self.assertEqual(json.loads(seeded.stdout)["account"], account)
        finally:
            server.terminate()
            self.assertEqual(server.wait(timeout=10), 0)
            server.stdout.close()

    def test_server_explains_a_missing_moto(self):
        with tempfile.TemporaryDirectory() as shadow:
            (Path(shadow) / "moto").mkdir()
            (Path(shadow) / "moto" / "__init__.py").write_text("raise ImportError('moto is hidden')\n")
            finished = subprocess.run(
                [sys.executable, str(HERE / "moto_server.py"), "--port", "0"],
                env={**os.environ, "PYTHONPATH": shadow},
                capture_output=True,
                text=True,
                timeout=30,
            )
        self.assertEqual(finished.returncode, 2)
        self.assertIn('pip install "moto[server]"', finished.stderr)
        self.assertEqual(len(finished.stderr.strip().splitlines()), 1)


if __name__ == "__main__":
    unittest.main()
