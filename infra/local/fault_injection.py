"""Fault injection and a call log for the local stand-in: a bad day at AWS, on demand, per account.

moto_server.py wraps moto's WSGI application in `FaultInjector`, which

* logs every AWS request it serves: account, Region, service, operation, HTTP status, the fault injected, and for
  the calls that change a key or an Identity Center instance the state before and after (so a test can tell a
  change from a no-op without trusting the caller's own report);
* fails chosen calls. A rule names an account, an operation (and optionally a service), the n-th matching call
  at which it starts, how many calls it fails (null: every one from then on) and a kind:

  | kind | what the caller sees | applied? |
  |---|---|---|
  | `throttle` | 400 with the service's throttling error | no |
  | `server-error` | 500 InternalFailure | no |
  | `reset` | the connection closes without an answer | no |
  | `hang` | no answer for `hangMs`, then the normal answer (a caller that gave up never sees it) | yes, late |
  | `denied` | the service's access-denied error | no |
  | `lost` | the connection closes without an answer | **yes**: the call reached AWS, the answer was lost |

Control routes (JSON in and out; `account` is a 12-digit account id):

    POST   /_idckmsguard/faults   {"account", "operation", "service"?, "nth"?: 1, "count"?: 1, "kind", "hangMs"?}
    GET    /_idckmsguard/faults?account=A     the account's rules, with how often each matched and fired
    DELETE /_idckmsguard/faults?account=A     removes them
    GET    /_idckmsguard/calls?account=A      the account's call log, oldest first
    DELETE /_idckmsguard/calls?account=A      empties it
"""
from __future__ import annotations

import hashlib
import io
import itertools
import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import parse_qs

FAULTS_PATH = "/_idckmsguard/faults"
CALLS_PATH = "/_idckmsguard/calls"
KINDS = ("throttle", "server-error", "reset", "hang", "denied", "lost")
MAX_HANG_MS = 120_000

CREDENTIAL_SCOPE = re.compile(r"Credential=(\d{12})/\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request")

# The first word of X-Amz-Target names the service for the JSON protocols.
TARGET_SERVICES = {
    "TrentService": "kms",
    "DynamoDB_20120810": "dynamodb",
    "SWBExternalService": "sso",
    "AmazonSSM": "ssm",
    "AmazonSQS": "sqs",
}

THROTTLING_CODES = {"sns": "Throttling", "sqs": "RequestThrottled", "dynamodb": "ThrottlingException"}
DENIED = {"sns": ("AuthorizationError", 403), "sqs": ("AccessDenied", 403), "sso": ("AccessDeniedException", 403)}

# Calls whose effect the log records, with what identifies their target in the request.
KMS_CHANGES = {"EnableKey", "DisableKey", "CancelKeyDeletion", "ScheduleKeyDeletion", "PutKeyPolicy",
               "EnableKeyRotation", "DisableKeyRotation"}
SSO_CHANGES = {"UpdateInstance"}


class FaultRuleError(ValueError):
    pass


@dataclass
class FaultRule:
    id: str
    account: str
    operation: str
    service: str | None
    nth: int
    count: int | None
    kind: str
    hang_ms: int
    matched: int = 0
    fired: int = 0

    @staticmethod
    def parse(body: bytes) -> "FaultRule":
        try:
            spec = json.loads(body or b"{}")
        except ValueError as error:
            raise FaultRuleError(f"the body is not JSON: {error}") from None
        if not isinstance(spec, dict):
            raise FaultRuleError("the body must be a JSON object")
        account, operation, kind = spec.get("account"), spec.get("operation"), spec.get("kind")
        service, nth, count, hang_ms = spec.get("service"), spec.get("nth", 1), spec.get("count", 1), spec.get("hangMs", 0)
        if not (isinstance(account, str) and len(account) == 12 and account.isdigit()):
            raise FaultRuleError('"account" must be a 12-digit account id')
        if not (isinstance(operation, str) and re.fullmatch(r"[A-Za-z]+", operation)):
            raise FaultRuleError('"operation" must be an API operation name such as "EnableKey"')
        if service is not None and not (isinstance(service, str) and re.fullmatch(r"[a-z0-9-]+", service)):
            raise FaultRuleError('"service" must be a signing name such as "kms", or absent')
        if kind not in KINDS:
            raise FaultRuleError(f'"kind" must be one of {", ".join(KINDS)}')
        if not _is_int(nth) or nth < 1:
            raise FaultRuleError('"nth" must be an integer from 1')
        if count is not None and (not _is_int(count) or count < 1):
            raise FaultRuleError('"count" must be an integer from 1, or null for every call from the n-th on')
        if not _is_int(hang_ms) or not 0 <= hang_ms <= MAX_HANG_MS:
            raise FaultRuleError(f'"hangMs" must be an integer from 0 to {MAX_HANG_MS}')
        if kind == "hang" and hang_ms == 0:
            raise FaultRuleError('a "hang" needs "hangMs"')
        return FaultRule(uuid.uuid4().hex[:12], account, operation, service, nth, count, kind, hang_ms)

    def to_json(self) -> dict:
        return {"id": self.id, "account": self.account, "operation": self.operation, "service": self.service,
                "nth": self.nth, "count": self.count, "kind": self.kind, "hangMs": self.hang_ms,
                "matched": self.matched, "fired": self.fired}

    def take(self, account: str, service: str, operation: str) -> bool:
        """Counts a matching call; True when this one is to fail."""
        if account != self.account or operation != self.operation or (self.service and service != self.service):
            return False
        self.matched += 1
        if self.matched < self.nth or (self.count is not None and self.fired >= self.count):
            return False
        self.fired += 1
        return True


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass
class Call:
    seq: int
    at: float
    account: str
    region: str
    service: str
    operation: str
    status: int | None = None
    fault: str | None = None
    target: str | None = None
    before: dict | None = None
    after: dict | None = None
    extra: dict = field(default_factory=dict)

    @property
    def applied(self) -> bool:
        """The call reached the stand-in's services (its effect happened, whatever the caller heard)."""
        return self.fault in (None, "hang", "lost") and self.status is not None and self.status < 400

    def to_json(self) -> dict:
        return {"seq": self.seq, "at": self.at, "account": self.account, "region": self.region,
                "service": self.service, "operation": self.operation, "status": self.status, "fault": self.fault,
                "applied": self.applied, "target": self.target, "before": self.before, "after": self.after,
                **self.extra}


class StateProbe:
    """Reads, in process, the state a changing call acts on; moto_server.py supplies the readers."""

    def __init__(self, kms_key=None, sso_instance=None):
        self._kms_key = kms_key
        self._sso_instance = sso_instance

    def target_of(self, service: str, operation: str, body: dict) -> str | None:
        if service == "kms" and operation in KMS_CHANGES:
            return body.get("KeyId")
        if service == "sso" and operation in SSO_CHANGES:
            return body.get("InstanceArn")
        return None

    def read(self, account: str, region: str, service: str, target: str) -> dict | None:
        try:
            if service == "kms" and self._kms_key:
                return self._kms_key(account, region, target)
            if service == "sso" and self._sso_instance:
                return self._sso_instance(account, region, target)
        except Exception:  # a target that does not exist has no state to compare
            return None
        return None


class FaultInjector:
    """WSGI middleware: logs and, where a rule says so, fails the AWS calls it passes to moto."""

    def __init__(self, app, probe: StateProbe | None = None):
        self._app = app
        self._probe = probe or StateProbe()
        self._lock = threading.Lock()
        # Calls that change a key or an instance are applied one at a time, so that their before and after belong to them.
        self._changing = threading.Lock()
        self._rules: list[FaultRule] = []
        self._calls: list[Call] = []
        self._seq = itertools.count(1)

    # -- control ------------------------------------------------------------------------------------------------

    def add_rule(self, rule: FaultRule) -> FaultRule:
        with self._lock:
            self._rules.append(rule)
        return rule

    def rules(self, account: str) -> list[dict]:
        with self._lock:
            return [r.to_json() for r in self._rules if r.account == account]

    def clear_rules(self, account: str) -> None:
        with self._lock:
            self._rules = [r for r in self._rules if r.account != account]

    def calls(self, account: str) -> list[dict]:
        with self._lock:
            return [c.to_json() for c in self._calls if c.account == account]

    def clear_calls(self, account: str) -> None:
        with self._lock:
            self._calls = [c for c in self._calls if c.account != account]

    # -- WSGI ---------------------------------------------------------------------------------------------------

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path in (FAULTS_PATH, CALLS_PATH):
            return self._control(path, environ, start_response)

        scope = CREDENTIAL_SCOPE.search(environ.get("HTTP_AUTHORIZATION", ""))
        if scope is None:
            return self._app(environ, start_response)
        account, region, signing_service = scope.groups()
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        service, operation, parameters = _operation_of(environ, signing_service, body)

        call = Call(next(self._seq), time.time(), account, region, service, operation)
        target = self._probe.target_of(service, operation, parameters)
        call.target = target
        with self._lock:
            self._calls.append(call)
            rule = next((r for r in self._rules if r.take(account, service, operation)), None)
        call.fault = rule.kind if rule else None

        if rule is None or rule.kind in ("hang", "lost"):
            if rule is not None and rule.kind == "hang":
                time.sleep(rule.hang_ms / 1000)
            if target:
                # Read when the call takes effect: a hung call lands late, after whatever happened meanwhile.
                with self._changing:
                    call.before = self._probe.read(account, region, service, target)
                    status, headers, chunks = _run(self._app, environ)
                    call.after = self._probe.read(account, region, service, target)
            else:
                status, headers, chunks = _run(self._app, environ)
            call.status = status
            if rule is not None and rule.kind == "lost":
                return _drop_connection(environ, start_response)
            start_response(_status_line(status), headers)
            return chunks

        if rule.kind == "reset":
            return _drop_connection(environ, start_response)
        status, headers, payload = _error_response(rule.kind, service, environ)
        call.status = status
        start_response(_status_line(status), headers)
        return [payload]

    def _control(self, path, environ, start_response):
        method = environ.get("REQUEST_METHOD")
        account = parse_qs(environ.get("QUERY_STRING", "")).get("account", [None])[0]
        try:
            if path == FAULTS_PATH and method == "POST":
                length = int(environ.get("CONTENT_LENGTH") or 0)
                answer = self.add_rule(FaultRule.parse(environ["wsgi.input"].read(length))).to_json()
            elif method in ("GET", "DELETE"):
                if not (account and len(account) == 12 and account.isdigit()):
                    raise FaultRuleError("?account= must be a 12-digit account id")
                if path == FAULTS_PATH:
                    answer = self.rules(account) if method == "GET" else self.clear_rules(account) or []
                else:
                    answer = self.calls(account) if method == "GET" else self.clear_calls(account) or []
            else:
                start_response("405 Method Not Allowed", [("Content-Type", "application/json")])
                return [b'{"message": "GET, DELETE, or POST (faults only)"}']
        except FaultRuleError as error:
            start_response("400 Bad Request", [("Content-Type", "application/json")])
            return [json.dumps({"message": str(error)}).encode()]
        start_response("200 OK", [("Content-Type", "application/json")])
        return [json.dumps(answer).encode()]


def _operation_of(environ, signing_service: str, body: bytes) -> tuple[str, str, dict]:
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    if target:
        prefix, _, operation = target.rpartition(".")
        service = TARGET_SERVICES.get(prefix, signing_service)
        try:
            parameters = json.loads(body or b"{}")
        except ValueError:
            parameters = {}
        return service, operation, parameters if isinstance(parameters, dict) else {}
    form = parse_qs(body.decode("utf-8", "replace"))
    return signing_service, form.get("Action", ["?"])[0], {k: v[0] for k, v in form.items()}


def _run(app, environ) -> tuple[int, list, list[bytes]]:
    """Runs moto to completion (so its effect happens now) and keeps its answer."""
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"], captured["headers"] = status, headers
        return lambda data: None

    result = app(environ, start_response)
    try:
        chunks = [bytes(chunk) for chunk in result]
    finally:
        if hasattr(result, "close"):
            result.close()
    return int(captured["status"].split()[0]), captured["headers"], chunks


def _drop_connection(environ, start_response):
    # No answer: the client sees the connection end, as after a reset or a lost packet. werkzeug treats the failed
    # write that follows as a dropped connection.
    sock = environ.get("werkzeug.socket")
    if sock is not None:
        try:
            import socket
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
    start_response("500 Internal Server Error", [("Content-Length", "0")])
    return []


def _status_line(status: int) -> str:
    reasons = {200: "OK", 400: "Bad Request", 403: "Forbidden", 500: "Internal Server Error"}
    return f"{status} {reasons.get(status, 'Status')}"


def _error_response(kind: str, service: str, environ) -> tuple[int, list, bytes]:
    if kind == "throttle":
        code, status, message = THROTTLING_CODES.get(service, "ThrottlingException"), 400, "Rate exceeded"
    elif kind == "server-error":
        code, status, message = "InternalFailure", 500, "The request processing has failed because of an unknown error."
    else:
        code, status = DENIED.get(service, ("AccessDeniedException", 400))
        message = f"injected: the caller is not authorized to perform this {service} operation"
    request_id = str(uuid.uuid4())
    if environ.get("HTTP_X_AMZ_TARGET"):
        payload = json.dumps({"__type": code, "message": message}).encode()
        content_type = "application/x-amz-json-1.1"
    else:
        kind_of_error = "Receiver" if status >= 500 else "Sender"
        payload = (f"<ErrorResponse><Error><Type>{kind_of_error}</Type><Code>{code}</Code><Message>{message}</Message>"
                   f"</Error><RequestId>{request_id}</RequestId></ErrorResponse>").encode()
        content_type = "text/xml"
    headers = [("Content-Type", content_type), ("Content-Length", str(len(payload))), ("x-amzn-RequestId", request_id)]
    return status, headers, payload


def policy_digest(policy: str | None) -> str | None:
    if policy is None:
        return None
    try:
        canonical = json.dumps(json.loads(policy), sort_keys=True, separators=(",", ":"))
    except ValueError:
        canonical = policy
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]
