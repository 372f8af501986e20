"""Seed a local AWS stand-in (infra/local/moto_server.py) with what IdcKmsGuard protects and reports to.

In one account and Region it:
  1. finds the IAM Identity Center instance (ListInstances);
  2. creates a symmetric KMS key (multi-Region unless --no-multi-region) whose key policy is the documented
     2026 baseline (policies/key-policy-baseline-2026.json) with this account and the delegated administrator
     account filled in, turns automatic rotation on, and points alias/idc-identity at it;
  3. switches the instance to that key (UpdateInstance) and waits until DescribeInstance shows it ENABLED;
  4. creates the SNS topic idckmsguard-alerts and the SQS queue idckmsguard-alerts-inbox subscribed to it;
  5. creates the guard's state table, configuration parameter and follow-up queue, as template.yaml does;
  6. with --replica-region R (repeatable): replicates the key to R with the same policy and adds R to the
     instance (AddRegion), as a multi-Region Identity Center needs;
and prints one JSON object naming everything it made.

    python3 infra/local/seed.py --endpoint http://127.0.0.1:5000 [--account 111122223333] [--region us-east-1]
        [--org-id o-a1b2c3d4e5] [--delegated-admin 444455556666] [--multi-region | --no-multi-region]
        [--replica-region eu-west-1 ...]

The access key id is the account id, which moto_server.py turns into that account. Running it again in the same
account is safe: it creates another key, moves the alias and the instance to it, and reuses the topic, the queue
and the subscription. The baseline names the organization only through ${aws:ResourceOrgID}, so --org-id is not
written into the policy; it is passed through to the output for the guard's configuration.
"""

import argparse
import json
import sys
import threading
import time
from pathlib import Path

import boto3
from botocore.exceptions import BotoCoreError, ClientError

BASELINE_POLICY = Path(__file__).resolve().parent / "policies" / "key-policy-baseline-2026.json"
ALIAS_NAME = "alias/idc-identity"
# The mark the guard's role needs on a key before it may change it (template.yaml, infra/key/*.yaml).
GUARDED_TAG = {"TagKey": "idckmsguard:guarded", "TagValue": "true"}
TOPIC_NAME = "idckmsguard-alerts"
QUEUE_NAME = "idckmsguard-alerts-inbox"
LOCAL_SECRET_KEY = "local"
ENCRYPTION_POLL_ATTEMPTS = 50
ENCRYPTION_POLL_INTERVAL_SECONDS = 0.1


class SeedError(Exception):
    pass


def render_key_policy(account: str, delegated_admin: str) -> str:
    template = BASELINE_POLICY.read_text(encoding="utf-8")
    policy = template.replace("{{IDENTITY_CENTER_ACCOUNT_ID}}", account).replace(
        "{{DELEGATED_ADMIN_ACCOUNT_ID}}", delegated_admin
    )
    return json.dumps(json.loads(policy), indent=2)


def find_instance(sso_admin) -> dict:
    instances = sso_admin.list_instances()["Instances"]
    if not instances:
        raise SeedError("no IAM Identity Center instance in this account and Region")
    return instances[0]


def create_key(kms, policy: str, multi_region: bool) -> dict:
    metadata = kms.create_key(
        Policy=policy,
        KeySpec="SYMMETRIC_DEFAULT",
        KeyUsage="ENCRYPT_DECRYPT",
        MultiRegion=multi_region,
        Description="IAM Identity Center key (seeded by IdcKmsGuard infra/local/seed.py)",
        Tags=[GUARDED_TAG],
    )["KeyMetadata"]
    kms.enable_key_rotation(KeyId=metadata["KeyId"])
    try:
        kms.create_alias(AliasName=ALIAS_NAME, TargetKeyId=metadata["KeyId"])
    except kms.exceptions.AlreadyExistsException:
        kms.update_alias(AliasName=ALIAS_NAME, TargetKeyId=metadata["KeyId"])
    return metadata


def switch_instance_to_key(sso_admin, instance_arn: str, key_arn: str) -> dict:
    sso_admin.update_instance(
        InstanceArn=instance_arn,
        EncryptionConfiguration={"KeyType": "CUSTOMER_MANAGED_KEY", "KmsKeyArn": key_arn},
    )
    for _ in range(ENCRYPTION_POLL_ATTEMPTS):
        details = sso_admin.describe_instance(InstanceArn=instance_arn)["EncryptionConfigurationDetails"]
        if details["EncryptionStatus"] != "UPDATING":
            break
        time.sleep(ENCRYPTION_POLL_INTERVAL_SECONDS)
    if details["EncryptionStatus"] != "ENABLED" or details.get("KmsKeyArn") != key_arn:
        raise SeedError(f"the instance did not switch to {key_arn}: {json.dumps(details)}")
    return details


def add_replica_regions(kms, kms_in, sso_admin, instance_arn: str, key: dict, policy: str, regions: list[str]) -> list[str]:
    """kms_in(region): a KMS client of that Region. Tags are never replicated: each replica is marked on its own."""
    if regions and not key.get("MultiRegion"):
        raise SeedError("replica Regions need a multi-Region key (drop --no-multi-region)")
    replica_arns = []
    for region in regions:
        replica = kms.replicate_key(KeyId=key["KeyId"], ReplicaRegion=region, Policy=policy)["ReplicaKeyMetadata"]
        kms_in(region).tag_resource(KeyId=replica["Arn"], Tags=[GUARDED_TAG])
        sso_admin.add_region(InstanceArn=instance_arn, RegionName=region)
        replica_arns.append(replica["Arn"])
    return replica_arns


def create_alert_channel(sns, sqs) -> dict:
    return subscribe_inbox(sns, sqs, sns.create_topic(Name=TOPIC_NAME)["TopicArn"])


def subscribe_inbox(sns, sqs, topic_arn: str, queue_name: str = QUEUE_NAME) -> dict:
    """An SQS queue subscribed to the topic: where a harness reads what the on-call channel would receive."""
    queue_url = sqs.create_queue(QueueName=queue_name)["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    queue_policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "AllowAlertTopic",
                "Effect": "Allow",
                "Principal": {"Service": "sns.amazonaws.com"},
                "Action": "sqs:SendMessage",
                "Resource": queue_arn,
                "Condition": {"ArnEquals": {"aws:SourceArn": topic_arn}},
            }
        ],
    }
    sqs.set_queue_attributes(QueueUrl=queue_url, Attributes={"Policy": json.dumps(queue_policy)})
    sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=queue_arn)
    return {"topicArn": topic_arn, "queueUrl": queue_url, "queueArn": queue_arn}


STATE_TABLE = "idckmsguard-state"
CONFIGURATION_PARAMETER = "/idckmsguard/configuration"
FOLLOW_UP_QUEUE_NAME = "idckmsguard-follow-ups"
DEFAULT_DELEGATED_ADMIN = "444455556666"


def create_guard_storage(dynamodb, ssm, sqs) -> dict:
    """The state table, the configuration parameter (defaults: {"version": 1}) and the follow-up queue, as
    template.yaml creates them."""
    try:
        dynamodb.create_table(
            TableName=STATE_TABLE,
            AttributeDefinitions=[
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "outboxScope", "AttributeType": "S"},
            ],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            GlobalSecondaryIndexes=[{
                "IndexName": "unfinished",
                "KeySchema": [{"AttributeName": "outboxScope", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "KEYS_ONLY"},
            }],
            BillingMode="PAY_PER_REQUEST",
        )
        dynamodb.update_time_to_live(
            TableName=STATE_TABLE, TimeToLiveSpecification={"AttributeName": "expiresAt", "Enabled": True}
        )
    except dynamodb.exceptions.ResourceInUseException:
        pass
    ssm.put_parameter(Name=CONFIGURATION_PARAMETER, Value='{"version": 1}', Type="String", Overwrite=True)
    follow_up_queue_url = sqs.create_queue(QueueName=FOLLOW_UP_QUEUE_NAME)["QueueUrl"]
    return {
        "stateTable": STATE_TABLE,
        "configurationParameter": CONFIGURATION_PARAMETER,
        "followUpQueueUrl": follow_up_queue_url,
    }


_sessions = threading.local()


class AccountClients:
    """Clients for one account of the stand-in. A new boto3 session reads botocore's data directory again for each
    service it makes a client of (some 10 ms each); a harness that seeds hundreds of accounts would spend most of its
    time there. So the session is kept, one per thread (sessions are not thread-safe), and each client carries the
    account's own credentials."""

    def __init__(self, endpoint: str, account: str, region: str, secret: str = LOCAL_SECRET_KEY):
        self.endpoint, self.account, self.region, self.secret = endpoint, account, region, secret

    def client(self, service: str, region: str | None = None):
        session = getattr(_sessions, "session", None)
        if session is None:
            session = _sessions.session = boto3.Session()
        return session.client(service, region_name=region or self.region, endpoint_url=self.endpoint,
                              aws_access_key_id=self.account, aws_secret_access_key=self.secret)


def seed(
    endpoint: str,
    account: str = "111122223333",
    region: str = "us-east-1",
    org_id: str = "o-a1b2c3d4e5",
    delegated_admin: str = DEFAULT_DELEGATED_ADMIN,
    multi_region: bool = True,
    replica_regions: list[str] | None = None,
    guard_resources: bool = True,
) -> dict:
    """What the guard protects; with guard_resources, also what its stack would create (topic with an inbox,
    table, parameter, follow-up queue), for harnesses that do not deploy the stack."""
    client = AccountClients(endpoint, account, region).client

    sso_admin = client("sso-admin")
    instance = find_instance(sso_admin)
    policy = render_key_policy(account, delegated_admin)
    key = create_key(client("kms"), policy, multi_region)
    switch_instance_to_key(sso_admin, instance["InstanceArn"], key["Arn"])
    replica_arns = add_replica_regions(client("kms"), lambda other: client("kms", other), sso_admin, instance["InstanceArn"], key, policy, replica_regions or [])
    identity_store_id = instance["IdentityStoreId"]
    return {
        "account": account,
        "region": region,
        "orgId": org_id,
        "instanceArn": instance["InstanceArn"],
        "identityStoreArn": f"arn:aws:identitystore::{account}:identitystore/{identity_store_id}",
        "identityStoreId": identity_store_id,
        "keyArn": key["Arn"],
        "keyId": key["KeyId"],
        "aliasName": ALIAS_NAME,
        "replicaKeyArns": replica_arns,
        **(create_alert_channel(client("sns"), client("sqs")) if guard_resources else {}),
        **(create_guard_storage(client("dynamodb"), client("ssm"), client("sqs")) if guard_resources else {}),
    }


def account_id(value: str) -> str:
    if not (len(value) == 12 and value.isdigit()):
        raise argparse.ArgumentTypeError("an account id is 12 digits")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Seed a local moto server for IdcKmsGuard.")
    parser.add_argument("--endpoint", required=True, help="e.g. http://127.0.0.1:5000")
    parser.add_argument("--account", type=account_id, default="111122223333")
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--org-id", default="o-a1b2c3d4e5")
    parser.add_argument(
        "--delegated-admin", type=account_id, default=DEFAULT_DELEGATED_ADMIN, help="account given kms:* by the key policy"
    )
    parser.add_argument("--multi-region", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument(
        "--replica-region", action="append", default=[], help="replicate the key here and add the Region to the instance"
    )
    args = parser.parse_args(argv)

    try:
        result = seed(
            args.endpoint,
            args.account,
            args.region,
            args.org_id,
            args.delegated_admin,
            args.multi_region,
            args.replica_region,
        )
    except (SeedError, BotoCoreError, ClientError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
