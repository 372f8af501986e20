"""The guard's stack deployed into the stand-in the way a user deploys a release, and the Lambda service around it.

`deploy` takes a packaged template (the release's `template-<arch>.yaml`, whose CodeUri names the function zip beside
it) and does what `aws cloudformation package` and CloudFormation do: uploads the zip to S3 and points CodeUri at it,
expands the AWS::Serverless transform with the aws-sam-translator cfn-lint uses, and calls CreateStack on moto's
CloudFormation (what moto lacks is added in cloudformation_standin.py). Everything the guard uses then exists because
the stack made it: rules, queues, table, topic, parameter, role, alarms.

moto stores Lambda functions but runs them only in Docker, so `LambdaService` plays Lambda's part, from what the stack
deployed: it reads the function's environment, adds a queue of its own as a second target of every rule that targets
the function (what reaches that queue is what Lambda would invoke the function with), and polls the queues the stack's
event source mappings name, in their batch sizes, as Lambda's poller does.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import boto3
from cfnlint.decode import decode_str
from samtranslator.parser.parser import Parser
from samtranslator.translator.translator import Translator


class StackError(RuntimeError):
    pass


def package(template_path: Path, s3, bucket: str) -> dict:
    """The template with each function's local CodeUri uploaded to s3://bucket and named by Bucket and Key."""
    document, problems = decode_str(template_path.read_text(encoding="utf-8"))
    if problems:
        raise StackError(f"{template_path} does not parse: {problems[0]}")
    document = json.loads(json.dumps(document))  # cfn-lint's node types to plain dicts, lists and strings
    try:
        s3.create_bucket(Bucket=bucket)
    except s3.exceptions.BucketAlreadyOwnedByYou:
        pass
    for name, resource in document["Resources"].items():
        code = resource.get("Properties", {}).get("CodeUri")
        if resource["Type"] == "AWS::Serverless::Function" and isinstance(code, str) and not code.startswith("s3://"):
            artifact = template_path.parent / code
            if not artifact.is_file():
                raise StackError(f"{name}'s CodeUri {code} is not a file beside the template (build the release first)")
            key = f"{name}/{artifact.name}"
            s3.upload_file(str(artifact), bucket, key)
            resource["Properties"]["CodeUri"] = {"Bucket": bucket, "Key": key}
    return document


def expand(document: dict, region: str) -> dict:
    """The AWS::Serverless transform, as CloudFormation applies it (no managed policies are named, so none are read)."""
    return Translator(managed_policy_map=None, sam_parser=Parser(), boto_session=boto3.Session(region_name=region)).translate(
        document, parameter_values={}, get_managed_policy_map=dict)


def deploy(clients, template_path: Path, stack_name: str, parameters: dict[str, str]) -> dict:
    """Create the stack and return its outputs; a failed creation raises with CloudFormation's reason."""
    bucket = f"idckmsguard-artifacts-{clients.account}-{clients.region}"  # bucket names are global: one per account
    template = expand(package(template_path, clients.client("s3"), bucket), clients.region)
    cloudformation = clients.client("cloudformation")
    cloudformation.create_stack(
        StackName=stack_name, TemplateBody=json.dumps(template), Capabilities=["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"],
        Parameters=[{"ParameterKey": key, "ParameterValue": value} for key, value in parameters.items()])
    stack = _settled(cloudformation, stack_name)
    if stack["StackStatus"] != "CREATE_COMPLETE":
        raise StackError(f"stack {stack_name} is {stack['StackStatus']}: {stack.get('StackStatusReason', '')}")
    return {output["OutputKey"]: output["OutputValue"] for output in stack.get("Outputs", [])}


def delete(clients, stack_name: str) -> None:
    cloudformation = clients.client("cloudformation")
    cloudformation.delete_stack(StackName=stack_name)
    try:
        stack = _settled(cloudformation, stack_name)
    except cloudformation.exceptions.ClientError as error:
        if "does not exist" in str(error):
            return  # by name, a deleted stack is no longer found
        raise
    if stack["StackStatus"] != "DELETE_COMPLETE":
        raise StackError(f"stack {stack_name} is {stack['StackStatus']} after DeleteStack: {stack.get('StackStatusReason', '')}")


def _settled(cloudformation, stack_name: str, timeout_seconds: float = 60) -> dict:
    deadline = time.monotonic() + timeout_seconds
    while True:
        stack = cloudformation.describe_stacks(StackName=stack_name)["Stacks"][0]
        if not stack["StackStatus"].endswith("_IN_PROGRESS") or time.monotonic() > deadline:
            return stack
        time.sleep(0.1)


class LambdaService:
    """Lambda's part for the deployed function: its environment, the events its rules would invoke it with, and the
    batches its event source mappings would send."""

    def __init__(self, clients, function_name: str, delivery_queue: str = "standin-lambda-invocations"):
        self._events = clients.client("events")
        self._sqs = clients.client("sqs")
        configuration = clients.client("lambda").get_function_configuration(FunctionName=function_name)
        self.function_arn = configuration["FunctionArn"]
        self.environment = dict(configuration.get("Environment", {}).get("Variables", {}))
        self.mappings = {
            mapping["EventSourceArn"]: mapping
            for mapping in clients.client("lambda").list_event_source_mappings(FunctionName=function_name)["EventSourceMappings"]}
        self.rules = self._events.list_rule_names_by_target(TargetArn=self.function_arn)["RuleNames"]
        self._delivery_url = self._sqs.create_queue(QueueName=delivery_queue)["QueueUrl"]
        delivery_arn = self._sqs.get_queue_attributes(QueueUrl=self._delivery_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        for rule in self.rules:
            self._events.put_targets(Rule=rule, Targets=[{"Id": "standin-lambda", "Arn": delivery_arn}])

    def invocations(self, wait_seconds: int = 5) -> list[dict]:
        """Every event the function's rules matched since the last call, in the order they arrived."""
        delivered = []
        while True:
            messages = self._sqs.receive_message(QueueUrl=self._delivery_url, MaxNumberOfMessages=10,
                                                 WaitTimeSeconds=0 if delivered else wait_seconds).get("Messages", [])
            if not messages:
                return delivered
            for message in messages:
                delivered.append(json.loads(message["Body"]))
                self._sqs.delete_message(QueueUrl=self._delivery_url, ReceiptHandle=message["ReceiptHandle"])

    def batch(self, queue_arn: str, wait_seconds: float) -> dict | None:
        """The next SQS batch Lambda's poller would send for the mapping of this queue (up to its BatchSize), taken
        off the queue, or None if nothing arrives in time."""
        mapping = self.mappings[queue_arn]
        url = self._sqs.get_queue_url(QueueName=queue_arn.split(":")[5], QueueOwnerAWSAccountId=queue_arn.split(":")[4])["QueueUrl"]
        region = queue_arn.split(":")[3]
        deadline = time.monotonic() + wait_seconds
        records: list[dict] = []
        while len(records) < mapping["BatchSize"]:
            wait = 0 if records else max(0, min(1, int(deadline - time.monotonic())))
            messages = self._sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=min(10, mapping["BatchSize"] - len(records)),
                                                 WaitTimeSeconds=wait).get("Messages", [])
            if messages:
                records += [_record(message, queue_arn, region) for message in messages]
                for message in messages:
                    self._sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
            elif records or time.monotonic() >= deadline:
                break
        return {"Records": records} if records else None


def _record(message: dict, queue_arn: str, region: str) -> dict:
    return {"messageId": message["MessageId"], "receiptHandle": message["ReceiptHandle"], "body": message["Body"],
            "attributes": {}, "messageAttributes": {}, "md5OfBody": message["MD5OfBody"], "eventSource": "aws:sqs",
            "eventSourceARN": queue_arn, "awsRegion": region}
