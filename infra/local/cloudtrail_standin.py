"""CloudTrail for the local stand-in: management calls made to moto become "AWS API Call via CloudTrail" events on the
account's default EventBridge bus, as CloudTrail and EventBridge deliver them in AWS; and EventBridge rules may target
an SNS topic (moto raises NotImplementedError for one).

Recording is per account and off by default, so that tests which put their own CloudTrail records (the demo, the
fault matrix) are not sent a second copy of every call they make:

    POST /_idckmsguard/cloudtrail   {"account": "<12 digits>", "enabled": true|false}

A recorded call is a write that CloudTrail logs as a management event (reads, KMS cryptographic calls, and data-plane
calls such as SQS messages, SNS Publish, DynamoDB items or PutEvents are not), answered 2xx. The record carries what
the guard's tripwires look at: eventSource, eventName (Lambda's with its API version, as CloudTrail writes it),
awsRegion, userIdentity (an IAM user named after the access key, or the principal in an `x-idckmsguard-principal`
header), requestParameters (the request's parameters with lower-camel-case names), responseElements (the JSON answer,
when there is one) and, for KMS, resources with the key's ARN.
"""
from __future__ import annotations

import io
import json
import re
import threading
import uuid
from datetime import datetime, timezone
from urllib.parse import parse_qs, unquote

CONTROL_PATH = "/_idckmsguard/cloudtrail"
PRINCIPAL_HEADER = "HTTP_X_IDCKMSGUARD_PRINCIPAL"
CREDENTIAL_SCOPE = re.compile(r"Credential=(\w+)/\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request")

# The first word of X-Amz-Target names the service for the JSON protocols.
TARGET_SERVICES = {
    "TrentService": "kms",
    "AmazonSSM": "ssm",
    "AWSEvents": "events",
    "DynamoDB_20120810": "dynamodb",
    "AmazonSQS": "sqs",
    "SWBExternalService": "sso",
}

# Signing name -> (eventSource, EventBridge source).
SOURCES = {
    "kms": ("kms.amazonaws.com", "aws.kms"),
    "ssm": ("ssm.amazonaws.com", "aws.ssm"),
    "events": ("events.amazonaws.com", "aws.events"),
    "sns": ("sns.amazonaws.com", "aws.sns"),
    "monitoring": ("monitoring.amazonaws.com", "aws.cloudwatch"),
    "iam": ("iam.amazonaws.com", "aws.iam"),
    "lambda": ("lambda.amazonaws.com", "aws.lambda"),
    "sso": ("sso.amazonaws.com", "aws.sso"),
    "sqs": ("sqs.amazonaws.com", "aws.sqs"),
    "dynamodb": ("dynamodb.amazonaws.com", "aws.dynamodb"),
}

READS = re.compile(r"^(Describe|Get|List|Lookup|Search|Test|Validate|Check|Head|Simulate|Generate|Decrypt|Encrypt|ReEncrypt|Sign|Verify)")
# Data events: CloudTrail logs them only when a trail asks for data events, and never sends them to EventBridge as
# management calls.
NOT_MANAGEMENT = {
    "Publish", "PublishBatch", "PutEvents", "PutMetricData",
    "SendMessage", "SendMessageBatch", "ReceiveMessage", "DeleteMessage", "DeleteMessageBatch",
    "ChangeMessageVisibility", "ChangeMessageVisibilityBatch",
    "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems", "ExecuteStatement",
    "BatchExecuteStatement", "ExecuteTransaction",
}

# Lambda's REST routes: (method, path pattern) -> the eventName CloudTrail writes, and the path's parameters.
LAMBDA_ROUTES = [
    ("PUT", r"/2015-03-31/functions/(?P<functionName>[^/]+)/configuration", "UpdateFunctionConfiguration20150331v2"),
    ("PUT", r"/2015-03-31/functions/(?P<functionName>[^/]+)/code", "UpdateFunctionCode20150331v2"),
    ("PUT", r"/2017-10-31/functions/(?P<functionName>[^/]+)/concurrency", "PutFunctionConcurrency20171031"),
    ("DELETE", r"/2017-10-31/functions/(?P<functionName>[^/]+)/concurrency", "DeleteFunctionConcurrency20171031"),
    ("POST", r"/2015-03-31/functions/(?P<functionName>[^/]+)/policy", "AddPermission20150331v2"),
    ("DELETE", r"/2015-03-31/functions/(?P<functionName>[^/]+)/policy/(?P<statementId>[^/]+)", "RemovePermission20150331v2"),
    ("PUT", r"/2019-09-25/functions/(?P<functionName>[^/]+)/event-invoke-config", "PutFunctionEventInvokeConfig"),
    ("POST", r"/2019-09-25/functions/(?P<functionName>[^/]+)/event-invoke-config", "UpdateFunctionEventInvokeConfig"),
    ("DELETE", r"/2015-03-31/functions/(?P<functionName>[^/]+)", "DeleteFunction20150331"),
    ("POST", r"/2015-03-31/event-source-mappings/?", "CreateEventSourceMapping20150331"),
    ("PUT", r"/2015-03-31/event-source-mappings/(?P<uUID>[^/]+)", "UpdateEventSourceMapping20150331"),
    ("DELETE", r"/2015-03-31/event-source-mappings/(?P<uUID>[^/]+)", "DeleteEventSourceMapping20150331"),
]

_enabled: set[str] = set()
_lock = threading.Lock()
_sns_targets_lock = threading.Lock()


def set_recording(body: bytes) -> dict:
    expected = 'expected {"account": "<12 digits>", "enabled": true|false}'
    try:
        spec = json.loads(body or b"{}")
    except ValueError as error:
        raise ValueError(f"{expected}, not JSON: {error}") from error
    account, enabled = (spec.get("account"), spec.get("enabled")) if isinstance(spec, dict) else (None, None)
    if not (isinstance(account, str) and len(account) == 12 and account.isdigit()) or not isinstance(enabled, bool):
        raise ValueError(expected)
    with _lock:
        (_enabled.add if enabled else _enabled.discard)(account)
    return {"account": account, "enabled": enabled}


def recording(account: str) -> bool:
    with _lock:
        return account in _enabled


def lower_camel(value):
    """CloudTrail writes requestParameters with lower-camel-case names: KeyId -> keyId, TopicArn -> topicArn."""
    if isinstance(value, dict):
        return {(k[:1].lower() + k[1:]): lower_camel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [lower_camel(v) for v in value]
    return value


def query_parameters(form: dict[str, list[str]]) -> dict:
    """Query-protocol parameters (SNS, CloudWatch, IAM) as CloudTrail nests them: AlarmNames.member.1 -> alarmNames."""
    result: dict = {}
    for name, values in form.items():
        if name in ("Action", "Version"):
            continue
        parts = name.split(".")
        key = parts[0][:1].lower() + parts[0][1:]
        if len(parts) >= 3 and parts[1] == "member":
            result.setdefault(key, []).append(values[0])
        elif len(parts) >= 2 and parts[1] == "entry":
            continue
        else:
            result[key] = values[0]
    return result


def json_parameters(body: bytes) -> dict:
    """A JSON request body as CloudTrail's requestParameters; {} when there is none or it is not an object."""
    try:
        parameters = lower_camel(json.loads(body)) if body else {}
    except ValueError:
        return {}
    return parameters if isinstance(parameters, dict) else {}


def describe_call(environ, body: bytes) -> tuple[str, str, str, str, dict] | None:
    """(account, region, service, eventName, requestParameters) of a signed call, or None when it is not one."""
    scope = CREDENTIAL_SCOPE.search(environ.get("HTTP_AUTHORIZATION", ""))
    if scope is None:
        return None
    access_key, region, signing = scope.groups()
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    if target:
        prefix, _, operation = target.rpartition(".")
        return access_key, region, TARGET_SERVICES.get(prefix, signing), operation, json_parameters(body)
    if signing == "lambda":
        method, path = environ.get("REQUEST_METHOD", ""), unquote(environ.get("PATH_INFO", ""))
        for route_method, pattern, operation in LAMBDA_ROUTES:
            match = re.fullmatch(pattern, path)
            if match and method == route_method:
                return access_key, region, "lambda", operation, {**json_parameters(body), **match.groupdict()}
        return None
    form = parse_qs(body.decode("utf-8", "replace")) or parse_qs(environ.get("QUERY_STRING", ""))
    operation = form.get("Action", [None])[0]
    return (access_key, region, signing, operation, query_parameters(form)) if operation else None


def is_management_write(service: str, operation: str) -> bool:
    return service in SOURCES and not READS.match(operation) and operation not in NOT_MANAGEMENT


class CloudTrailRecorder:
    """WSGI middleware: the control route, and a CloudTrail record on the bus for each recorded call."""

    def __init__(self, app, put_events, resources_of):
        self._app = app
        self._put_events = put_events
        self._resources_of = resources_of

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") == CONTROL_PATH:
            return self._control(environ, start_response)
        scope = CREDENTIAL_SCOPE.search(environ.get("HTTP_AUTHORIZATION", ""))
        account = _account_of(scope.group(1)) if scope else None
        if account is None or not recording(account):
            return self._app(environ, start_response)

        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        call = describe_call(environ, body)
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"] = int(status.split()[0])
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        chunks = [bytes(chunk) for chunk in self._app(environ, capture)]
        if call is not None and captured.get("status", 500) < 300 and is_management_write(call[2], call[3]):
            self._record(environ, account, call, b"".join(chunks))
        return chunks

    def _record(self, environ, account: str, call, answer: bytes) -> None:
        access_key, region, service, operation, parameters = call
        event_source, source = SOURCES[service]
        try:
            response = lower_camel(json.loads(answer)) if answer.strip().startswith(b"{") else None
        except ValueError:
            response = None
        principal = environ.get(PRINCIPAL_HEADER) or f"arn:aws:iam::{account}:user/stand-in-{access_key}"
        record = {
            "eventVersion": "1.11",
            "userIdentity": {
                "type": "AssumedRole" if ":assumed-role/" in principal else "IAMUser",
                "principalId": f"AIDA{access_key}",
                "arn": principal,
                "accountId": account,
                "accessKeyId": access_key,
            },
            "eventTime": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "eventSource": event_source,
            "eventName": operation,
            "awsRegion": region,
            "sourceIPAddress": environ.get("REMOTE_ADDR", "127.0.0.1"),
            "userAgent": environ.get("HTTP_USER_AGENT", ""),
            "requestParameters": parameters or None,
            "responseElements": response,
            "requestID": str(uuid.uuid4()),
            "eventID": str(uuid.uuid4()),
            "readOnly": False,
            "resources": self._resources_of(account, region, service, parameters),
            "eventType": "AwsApiCall",
            "managementEvent": True,
            "recipientAccountId": account,
            "eventCategory": "Management",
        }
        self._put_events(account, region, source, record)

    def _control(self, environ, start_response):
        if environ.get("REQUEST_METHOD") != "POST":
            start_response("405 Method Not Allowed", [("Content-Type", "application/json"), ("Allow", "POST")])
            return [b'{"message": "POST only"}']
        length = int(environ.get("CONTENT_LENGTH") or 0)
        try:
            answer, status = set_recording(environ["wsgi.input"].read(length)), "200 OK"
        except ValueError as error:
            answer, status = {"message": str(error)}, "400 Bad Request"
        start_response(status, [("Content-Type", "application/json")])
        return [json.dumps(answer).encode()]


def _account_of(access_key: str) -> str | None:
    # The stand-in's convention: an access key id of 12 digits is the account (moto_server.py).
    return access_key if len(access_key) == 12 and access_key.isdigit() else None


def with_sns_targets(send_to_targets, publish):
    """moto's Rule.send_to_targets, delivering to SNS topic targets too (the transformed input, as a message), and not
    at all for a disabled rule (moto delivers whatever the rule's state) nor for a schedule (moto's empty pattern
    matches every event; EventBridge matches a rule without a pattern to none)."""
    from moto.utilities.arns import parse_arn
    from moto.events.utils import EventTemplateParser

    def send(self, original_event, transform_input: bool = True):
        if self.state == "DISABLED" or not self.event_pattern.get_pattern():
            return None
        topics = [t for t in self.targets if parse_arn(t["Arn"]).service == "sns"]
        if topics and self.event_pattern.matches_event(original_event):
            for target in topics:
                transformer = target.get("InputTransformer", {})
                message = EventTemplateParser.parse(
                    input_template=transformer.get("InputTemplate"),
                    input_paths_map=transformer.get("InputPathsMap", {}),
                    event=original_event,
                ) if transform_input else original_event
                publish(target["Arn"], message if isinstance(message, str) else json.dumps(message))
        # moto runs Lambda targets only in Docker: the stand-in's Lambda service (deployed_stack.LambdaService) gives
        # each rule that targets the function a queue of its own as a second target, and invokes from there.
        functions = [t for t in self.targets if parse_arn(t["Arn"]).service == "lambda"]
        if len(topics) + len(functions) == len(self.targets):
            return None
        # moto's own loop stops at a target it does not know: it sees the others only.
        with _sns_targets_lock:
            every = self.targets
            self.targets = [t for t in every if t not in topics and t not in functions]
            try:
                return send_to_targets(self, original_event, transform_input)
            finally:
                self.targets = every

    return send


def flatten_like_eventbridge(node, prefix: str = "", result: dict | None = None) -> dict:
    """An event's fields by path, as EventBridge matches them: an array of objects gives each field of its objects the
    list of their values (requestParameters.tags.tagKey), where moto keeps the array whole and matches nothing in it."""
    result = {} if result is None else result
    if not isinstance(node, dict):
        return result
    for name, value in node.items():
        path = f"{prefix}.{name}" if prefix else name
        if isinstance(value, dict) and value:
            flatten_like_eventbridge(value, path, result)
        elif isinstance(value, list) and any(isinstance(item, dict) for item in value):
            for item in value:
                if isinstance(item, dict):
                    for field, found in flatten_like_eventbridge(item, path, {}).items():
                        values = result.setdefault(field, [])
                        values.extend(found if isinstance(found, list) else [found])
                else:
                    result.setdefault(path, []).append(item)
        else:
            result[path] = value
    return result
