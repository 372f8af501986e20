#!/usr/bin/env python3
"""The guard a team would otherwise write: a minimal Python/boto3 function, the comparison in bench_side_by_side.py.

It speaks the Lambda Runtime API itself (as the custom runtime does) and, per KMS event, does the reads the guard
does, one after another as plainly written code does them: the configuration parameter (once per process), a
conditional claim of the event id, the Identity Center instance (ListInstances, DescribeInstance), the key
(DescribeKey), and marking the event done. A disabled key it enables and reports to the topic. It does less than
the guard (no policy engine, no journal, no incident memory): the comparison flatters it, not the guard.
"""
import json
import os
import urllib.request

import boto3

RUNTIME = f"http://{os.environ['AWS_LAMBDA_RUNTIME_API']}/2018-06-01/runtime/invocation"
session = boto3.Session()
ssm = session.client("ssm")
dynamodb = session.client("dynamodb")
sso_admin = session.client("sso-admin")
kms = session.client("kms")
sns = session.client("sns")
configuration = None


def keep_encryption_details(http_response, parsed, **_):
    # This machine's botocore predates the encryption fields; the wire has them.
    parsed["EncryptionConfigurationDetails"] = json.loads(http_response.content).get("EncryptionConfigurationDetails", {})


sso_admin.meta.events.register("after-call.sso-admin.DescribeInstance", keep_encryption_details)


def handle(event: dict) -> dict:
    global configuration
    if configuration is None:
        configuration = json.loads(ssm.get_parameter(Name=os.environ["CONFIGURATION_PARAMETER"])["Parameter"]["Value"])
    event_id = event["detail"]["eventID"]
    table = os.environ["STATE_TABLE"]
    try:
        dynamodb.update_item(
            TableName=table, Key={"pk": {"S": f"pyevent#{event_id}"}}, UpdateExpression="SET #s = :p",
            ConditionExpression="attribute_not_exists(pk)", ExpressionAttributeNames={"#s": "status"},
            ExpressionAttributeValues={":p": {"S": "processing"}})
    except dynamodb.exceptions.ConditionalCheckFailedException:
        return {"disposition": "Duplicate"}
    named = event["detail"].get("requestParameters", {}).get("keyId", "")
    disposition = "Ignored"
    for listed in sso_admin.list_instances()["Instances"]:
        instance = sso_admin.describe_instance(InstanceArn=listed["InstanceArn"])
        key_arn = instance["EncryptionConfigurationDetails"].get("KmsKeyArn")
        if key_arn and named and named.split("/")[-1] == key_arn.split("/")[-1]:
            key = kms.describe_key(KeyId=key_arn)["KeyMetadata"]
            disposition = "Healthy"
            if key["KeyState"] == "Disabled":
                kms.enable_key(KeyId=key_arn)
                sns.publish(TopicArn=os.environ["ALERT_TOPIC_ARN"], Message=f"{key_arn} was disabled; enabled it again")
                disposition = "Alerted"
    dynamodb.update_item(
        TableName=table, Key={"pk": {"S": f"pyevent#{event_id}"}}, UpdateExpression="SET #s = :d",
        ExpressionAttributeNames={"#s": "status"}, ExpressionAttributeValues={":d": {"S": "done"}})
    return {"disposition": disposition}


def main() -> None:
    while True:
        with urllib.request.urlopen(f"{RUNTIME}/next") as response:
            request_id = response.headers["Lambda-Runtime-Aws-Request-Id"]
            event = json.loads(response.read())
        try:
            body, path = json.dumps(handle(event)).encode(), f"{RUNTIME}/{request_id}/response"
        except Exception as error:  # noqa: BLE001 - reported to the Runtime API, as Lambda's Python runtime does
            body, path = json.dumps({"errorType": type(error).__name__, "errorMessage": str(error)}).encode(), f"{RUNTIME}/{request_id}/error"
        urllib.request.urlopen(urllib.request.Request(path, data=body, method="POST")).read()


if __name__ == "__main__":
    main()
