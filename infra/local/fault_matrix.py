"""The fault matrix: the real `bootstrap`, Lambda's delivery, and one fault at a time on every AWS call it makes.

For each path (an attack or accident the guard must undo) it first runs the path without faults and records the
guard's AWS calls in order. Then, for every one of those calls, every fault kind, once (transient: that call only)
and for good (persistent: that call and every later one like it), it seeds a fresh account, breaks the key, installs
the fault in the stand-in, hands the event to the function as Lambda would (asynchronous retries, a timeout that
kills the sandbox, a dead-letter list) and judges the outcome from the stand-in's state and call log and from what
the alert topic's SQS subscriber received, never from the guard's own answer:

  lost event         the event ended with neither an alert nor a dead letter
  silent fix         the guard changed the key (the call log shows it) and no published alert reports it as done
                     (when the alert topic itself keeps failing, the next sweep must publish it once SNS is back)
  repeated change    the guard made the same change more than once (a call that changed the state), for one event
  misreported step   a step reported done that no call of the guard did, or reported failed that one did
  left broken        the fault was transient, yet the key (or instance) is not healthy at the end
  repeated alert     more than one alert id for one event and key (a subscriber that de-duplicates by id gets two)
  false duplicate    a delivery answered "Duplicate" although no earlier one had finished the event
  killed             an invocation ran into the deadline instead of posting its error before it

    python3 infra/local/fault_matrix.py [--bootstrap PATH] [--set ci|full] [--paths disable,delete,...]
        [--kinds throttle,...] [--jobs 8] [--json FILE]

`--set full` (the default) runs every path, call, kind and mode; `--set ci` a reduced set: every call, kind and mode
of the DisableKey path, and on the other paths every call that changes something or publishes (the calls whose
effect a fault can lose). Exit 0 when nothing broke a promise, 1 otherwise.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import itertools
import json
import logging
import os
import random
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import fault_injection  # noqa: E402
import moto_server  # noqa: E402
import seed  # noqa: E402
from demo import build  # noqa: E402
from lambda_runtime_emulator import LambdaFunction  # noqa: E402

REGION = "us-east-1"
REPLICA_REGION = "eu-west-1"
PLACEHOLDER_KEY_ID = "mrk-1234abcd12ab34cd56ef1234567890ab"
PLACEHOLDER_INSTANCE = "arn:aws:sso:::instance/ssoins-1111222233334444"
PLACEHOLDER_ACCOUNT = "111122223333"

# Lambda's figures scaled down: a 5 s timeout, retries 2.5 s and 5 s after a failure (Lambda's are 1 and 2 minutes
# after a 60 s timeout at most). A hang outlasts an invocation. A claim's lease ends 5 s after its invocation's
# deadline, so the next sweep comes after that (the hourly one always does).
FUNCTION_TIMEOUT = 5.0
RETRY_DELAYS = (2.5, 5.0)
HANG_MS = 7000
LEASE_SKEW = 5.0
# The emulator shares two cores and Python's lock with the stand-in and five other scenarios: an error the function
# posted just before its deadline can be read a second late. Lambda itself kills at the deadline; the figure of how
# close each answer came is reported.
TIMEOUT_SLACK = 1.5
TRANSIENT_KINDS = ("throttle", "server-error", "reset", "hang", "lost")
MUTATIONS = {"EnableKey", "CancelKeyDeletion", "PutKeyPolicy", "EnableKeyRotation", "UpdateInstance"}
# The judge reads the alert subscriber's queue in the same account; those calls are not the guard's.
HARNESS_CALLS = {("sqs", "ReceiveMessage"), ("sqs", "DeleteMessage")}
# The stand-in's own reads during seeding never count: only calls made while the function runs.
_accounts = itertools.count(700_000_000_001 + random.randrange(0, 90_000_000) * 1000)


def root_only_policy(account: str) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
        "Action": "kms:*", "Resource": "*"}]})


@dataclass
class Scenario:
    path: str
    service: str | None
    operation: str | None
    nth: int
    kind: str | None
    persistent: bool

    @property
    def name(self) -> str:
        if self.kind is None:
            return f"{self.path}: no fault"
        return f"{self.path}: {self.kind} {'always' if self.persistent else 'once'} on {self.service}:{self.operation} #{self.nth}"

    @property
    def transient(self) -> bool:
        return self.kind in TRANSIENT_KINDS and not self.persistent


@dataclass
class Outcome:
    scenario: Scenario
    violations: list[str] = field(default_factory=list)
    attempts: list[str] = field(default_factory=list)
    dead_lettered: bool = False
    alerts: int = 0
    calls: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    account: str = ""
    latest_answer_ms: float | None = None



class Path:
    """One way the key breaks: how to break it, the event that reports it, and what healthy means afterwards."""

    name = ""
    event_file = ""
    replica_regions: list[str] = []
    configuration: str | None = None
    encryption_remediation = False

    def breaks(self, ctx: "Context") -> None:
        raise NotImplementedError

    def healthy(self, ctx: "Context") -> bool:
        raise NotImplementedError

    def event(self, ctx: "Context") -> dict:
        with open(os.path.join(ROOT, "events", self.event_file)) as source:
            text = source.read()
        text = (text.replace(PLACEHOLDER_KEY_ID, ctx.seeded["keyId"]).replace(PLACEHOLDER_INSTANCE, ctx.seeded["instanceArn"])
                .replace(PLACEHOLDER_ACCOUNT, ctx.account))
        event = json.loads(text)
        event["id"] = str(uuid.uuid4())
        if isinstance(event.get("detail"), dict) and "eventID" in event["detail"]:
            event["detail"]["eventID"] = str(uuid.uuid4())
        return event


class DisableKey(Path):
    name, event_file = "disable", "kms-disable-key.json"

    def breaks(self, ctx):
        ctx.kms.disable_key(KeyId=ctx.seeded["keyArn"])

    def healthy(self, ctx):
        return ctx.key_state() == "Enabled"


class ScheduleKeyDeletion(Path):
    name, event_file = "delete", "kms-schedule-key-deletion.json"

    def breaks(self, ctx):
        ctx.kms.schedule_key_deletion(KeyId=ctx.seeded["keyArn"], PendingWindowInDays=7)

    def healthy(self, ctx):
        return ctx.key_state() == "Enabled"


class PutKeyPolicy(Path):
    name, event_file = "policy", "kms-put-key-policy.json"

    def breaks(self, ctx):
        ctx.kms.put_key_policy(KeyId=ctx.seeded["keyArn"], PolicyName="default", Policy=root_only_policy(ctx.account))

    def healthy(self, ctx):
        policy = ctx.kms.get_key_policy(KeyId=ctx.seeded["keyArn"], PolicyName="default")["Policy"]
        return "sso.amazonaws.com" in policy and "identitystore.amazonaws.com" in policy


class SwitchToAwsOwnedKey(Path):
    name, event_file = "switch", "sso-update-instance.json"
    encryption_remediation = True

    def breaks(self, ctx):
        ctx.put_configuration('{"version": 1, "approvedKeys": ["' + ctx.seeded["keyArn"] + '"], "rules": {"IDC-ENCRYPTION-APPROVED": "remediate"}}')
        ctx.sso.update_instance(InstanceArn=ctx.seeded["instanceArn"], EncryptionConfiguration={"KeyType": "AWS_OWNED_KMS_KEY"})

    def healthy(self, ctx):
        details = ctx.sso.describe_instance(InstanceArn=ctx.seeded["instanceArn"])["EncryptionConfigurationDetails"]
        return details.get("KmsKeyArn") == ctx.seeded["keyArn"] and details.get("EncryptionStatus") == "ENABLED"


class SweepRepairsReplica(Path):
    name, event_file = "sweep", "scheduled-event.json"
    replica_regions = [REPLICA_REGION]

    def breaks(self, ctx):
        ctx.kms_in(REPLICA_REGION).put_key_policy(KeyId=self.replica(ctx), PolicyName="default", Policy=root_only_policy(ctx.account))

    def healthy(self, ctx):
        policy = ctx.kms_in(REPLICA_REGION).get_key_policy(KeyId=self.replica(ctx), PolicyName="default")["Policy"]
        return "sso.amazonaws.com" in policy and "identitystore.amazonaws.com" in policy

    @staticmethod
    def replica(ctx) -> str:
        return ctx.seeded["replicaKeyArns"][0]


PATHS = {p.name: p for p in (DisableKey(), ScheduleKeyDeletion(), PutKeyPolicy(), SwitchToAwsOwnedKey(), SweepRepairsReplica())}


class Context:
    """One scenario's account on the stand-in, seeded, with the clients the judge reads through."""

    def __init__(self, url: str, path: Path):
        self.url = url
        self.account = str(next(_accounts))
        self.seeded = seed.seed(url, self.account, REGION, replica_regions=path.replica_regions)
        self.clients = seed.AccountClients(url, self.account, REGION)
        self.kms = self.clients.client("kms")
        self.sso = self.clients.client("sso-admin")
        self.sqs = self.clients.client("sqs")
        self.ssm = self.clients.client("ssm")

    def kms_in(self, region: str):
        return self.clients.client("kms", region)

    def key_state(self) -> str:
        return self.kms.describe_key(KeyId=self.seeded["keyArn"])["KeyMetadata"]["KeyState"]

    def put_configuration(self, document: str) -> None:
        self.ssm.put_parameter(Name=self.seeded["configurationParameter"], Value=document, Type="String", Overwrite=True)

    def alerts(self) -> list[dict]:
        received = []
        while True:
            messages = self.sqs.receive_message(QueueUrl=self.seeded["queueUrl"], MaxNumberOfMessages=10, WaitTimeSeconds=0).get("Messages", [])
            if not messages:
                return received
            for message in messages:
                envelope = json.loads(message["Body"])
                received.append({"attributes": {k: v.get("Value") for k, v in envelope.get("MessageAttributes", {}).items()},
                                 "document": json.loads(envelope["Message"])})
                self.sqs.delete_message(QueueUrl=self.seeded["queueUrl"], ReceiptHandle=message["ReceiptHandle"])

    def environment(self, path: Path) -> dict[str, str]:
        return {
            "AWS_ACCESS_KEY_ID": self.account, "AWS_SECRET_ACCESS_KEY": "x", "AWS_REGION": REGION, "AWS_ENDPOINT_URL": self.url,
            "ALERT_TOPIC_ARN": self.seeded["topicArn"], "REMEDIATION_MODE": "remediate",
            "ENCRYPTION_REMEDIATION": "enabled" if path.encryption_remediation else "disabled",
            "SWITCH_TARGET_KEYS": self.seeded["keyArn"] if path.encryption_remediation else "",
            "GUARD_ROLE_ARN": f"arn:aws:iam::{self.account}:role/idckmsguard-GuardFunctionRole",
            "STATE_TABLE": self.seeded["stateTable"], "CONFIGURATION_PARAMETER": self.seeded["configurationParameter"],
            "FOLLOW_UP_QUEUE_URL": self.seeded["followUpQueueUrl"], "DELIVERY_ATTEMPTS": str(len(RETRY_DELAYS) + 1),
            "POWERTOOLS_SERVICE_NAME": "idckmsguard", "POWERTOOLS_LOG_LEVEL": "Warning",
        }


class Matrix:
    def __init__(self, bootstrap: str, log_dir: str):
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        self.bootstrap = bootstrap
        self.log_dir = log_dir
        self.server = moto_server.start()
        self.faults: fault_injection.FaultInjector = self.server.faults

    def stop(self) -> None:
        self.server.stop()

    def discover(self, path: Path) -> list[tuple[str, str, int]]:
        """The guard's AWS calls on the path without faults: (service, operation, n-th of its kind)."""
        outcome, calls = self._run(Scenario(path.name, None, None, 0, None, False), path)
        if outcome.violations:
            raise RuntimeError(f"{path.name} fails without any fault: {outcome.violations}")
        seen: dict[tuple[str, str], int] = {}
        found = []
        for service, operation in calls:
            seen[(service, operation)] = seen.get((service, operation), 0) + 1
            found.append((service, operation, seen[(service, operation)]))
        return found

    def run(self, scenario: Scenario) -> Outcome:
        return self._run(scenario, PATHS[scenario.path])[0]

    def _run(self, scenario: Scenario, path: Path) -> tuple[Outcome, list[tuple[str, str]]]:
        started = time.perf_counter()
        ctx = Context(self.server.url, path)
        path.breaks(ctx)
        event = path.event(ctx)
        event_id = event.get("detail", {}).get("eventID") if path.name != "sweep" else event["id"]
        self.faults.clear_calls(ctx.account)
        if scenario.kind is not None:
            self.faults.add_rule(fault_injection.FaultRule(
                uuid.uuid4().hex[:12], ctx.account, scenario.operation, scenario.service, scenario.nth,
                None if scenario.persistent else 1, scenario.kind, HANG_MS if scenario.kind == "hang" else 0))
        function = LambdaFunction(self.bootstrap, ctx.environment(path), self.log_dir, timeout_seconds=FUNCTION_TIMEOUT,
                                  retry_delays=RETRY_DELAYS, name=f"{path.name}-{ctx.account}", timeout_slack_seconds=TIMEOUT_SLACK)
        try:
            delivery = function.invoke_async(event)
            self.faults.clear_rules(ctx.account)
            # A hung call finishes on the stand-in after the function gave up: let it land before the judge looks.
            if scenario.kind == "hang":
                time.sleep(HANG_MS / 1000 + 0.5)
            discovered = self.guard_calls(ctx)
            alerts = ctx.alerts()
            if scenario.persistent and scenario.operation == "Publish":
                # Nothing can reach a person while the topic fails; once it works, the next sweep must tell.
                time.sleep(LEASE_SKEW + 0.5)
                sweep = PATHS["sweep"].event(ctx)
                later = function.invoke(sweep)
                alerts += ctx.alerts()
                if not later.ok:
                    alerts.append({"attributes": {}, "document": {"event": {}, "rule": "-", "steps": [], "sweepFailed": later.body.decode()}})
        finally:
            function.stop()
        outcome = judge(scenario, path, ctx, event_id, delivery, self.guard_calls(ctx), alerts)
        outcome.seconds = round(time.perf_counter() - started, 2)
        return outcome, [(c["service"], c["operation"]) for c in discovered]

    def guard_calls(self, ctx: Context) -> list[dict]:
        return [c for c in self.faults.calls(ctx.account) if (c["service"], c["operation"]) not in HARNESS_CALLS]


def judge(scenario: Scenario, path: Path, ctx: Context, event_id: str, delivery, calls: list[dict], alerts: list[dict]) -> Outcome:
    outcome = Outcome(scenario)
    answers = []
    for attempt in delivery.attempts:
        if attempt.timed_out:
            outcome.violations.append("killed: an invocation ran into its deadline instead of posting an error")
            answers.append("timed out")
        elif attempt.ok:
            answers.append(attempt.json().get("disposition", "?"))
        else:
            answers.append(f"error {attempt.error_type}")
    outcome.attempts = answers
    outcome.latest_answer_ms = max((a.answered_before_deadline_ms for a in delivery.attempts if a.answered_before_deadline_ms is not None), default=None)
    outcome.dead_lettered = delivery.dead_lettered
    outcome.account = ctx.account

    mine = [a for a in alerts if a["document"]["event"].get("id") == event_id and a["document"]["rule"] != "GUARD-CONFIG"]
    outcome.alerts = len(mine)
    # "Duplicate" is right only for an event some delivery finished (its alert went out, then it was marked done).
    if "Duplicate" in answers and not mine:
        outcome.violations.append("false duplicate: answered Duplicate although no delivery finished the event")
    if not mine and not delivery.dead_lettered:
        outcome.violations.append("lost event: no alert and no dead letter")

    by_subject: dict[str, set[str]] = {}
    for alert in mine:
        subject = (alert["document"].get("key") or {}).get("arn") or alert["document"].get("instanceArn") or "-"
        by_subject.setdefault(subject, set()).add(alert["attributes"].get("alert_id") or alert["document"].get("alertId") or "none")
    for subject, ids in by_subject.items():
        if len(ids) > 1:
            outcome.violations.append(f"repeated alert: {len(ids)} alert ids for {subject}")

    changes = [c for c in calls if c["operation"] in MUTATIONS and c["applied"]]
    effective = [c for c in changes if c["before"] != c["after"]]
    reported = [s for a in mine for s in a["document"]["steps"]]
    for operation in sorted({c["operation"] for c in effective}):
        count = sum(1 for c in effective if c["operation"] == operation)
        if count > 1:
            outcome.violations.append(f"repeated change: {operation} changed the state {count} times")
        if not any(s["action"] == operation and s["status"] in ("fixed", "unconfirmed") for s in reported):
            outcome.violations.append(f"silent fix: {operation} took effect and no alert reports it done")
    for step in reported:
        applied = [c for c in changes if c["operation"] == step["action"]]
        if step["status"] == "fixed" and not applied:
            outcome.violations.append(f"misreported step: {step['action']} reported fixed, but no such call of the guard took effect")
        if step["status"] == "failed" and any(c["before"] != c["after"] for c in applied) and not any(
                s["action"] == step["action"] and s["status"] == "fixed" for s in reported):
            outcome.violations.append(f"misreported step: {step['action']} reported failed, but the guard's call took effect")

    if (scenario.kind is None or scenario.transient) and not path.healthy(ctx):
        outcome.violations.append("left broken: the fault was transient, yet the key is not healthy")
    return outcome


def scenarios_for(path: Path, calls: list[tuple[str, str, int]], kinds: list[str], reduced: bool) -> list[Scenario]:
    found = []
    for service, operation, nth in calls:
        if reduced and path.name != "disable" and operation not in MUTATIONS | {"Publish"}:
            continue
        for kind in kinds:
            for persistent in (False, True):
                found.append(Scenario(path.name, service, operation, nth, kind, persistent))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bootstrap")
    parser.add_argument("--set", choices=["ci", "full"], default="full")
    parser.add_argument("--paths", default=",".join(PATHS))
    parser.add_argument("--kinds", default=",".join(fault_injection.KINDS))
    parser.add_argument("--jobs", type=int, default=6)
    parser.add_argument("--json")
    args = parser.parse_args()

    bootstrap = args.bootstrap or build()
    log_dir = tempfile.mkdtemp(prefix="idckmsguard-faults-")
    kinds = [k for k in args.kinds.split(",") if k]
    unknown = [k for k in kinds if k not in fault_injection.KINDS] + [p for p in args.paths.split(",") if p not in PATHS]
    if unknown:
        parser.error(f"unknown: {', '.join(unknown)}")
    matrix = Matrix(bootstrap, log_dir)
    started = time.perf_counter()
    outcomes: list[Outcome] = []
    lock = threading.Lock()
    try:
        plan = []
        for name in args.paths.split(","):
            path = PATHS[name]
            calls = matrix.discover(path)
            print(f"{name}: {len(calls)} AWS calls without faults: {', '.join(f'{s}:{o}' for s, o, _ in calls)}", flush=True)
            plan += scenarios_for(path, calls, kinds, args.set == "ci")
        print(f"{len(plan)} scenarios, {args.jobs} at a time; logs in {log_dir}", flush=True)
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            for outcome in pool.map(matrix.run, plan):
                with lock:
                    outcomes.append(outcome)
                if outcome.violations:
                    print(f"  BROKEN {outcome.scenario.name}: {'; '.join(outcome.violations)} (deliveries: {', '.join(outcome.attempts)}; account {outcome.account})", flush=True)
    finally:
        matrix.stop()

    report(outcomes, time.perf_counter() - started, args.json)
    return 0 if all(not o.violations for o in outcomes) else 1


def report(outcomes: list[Outcome], seconds: float, json_path: str | None) -> None:
    kinds_of = ["lost event", "silent fix", "repeated change", "misreported step", "left broken", "repeated alert", "false duplicate", "killed"]
    counts = {k: sum(1 for o in outcomes for v in o.violations if v.startswith(k)) for k in kinds_of}
    broken = sum(1 for o in outcomes if o.violations)
    dead = sum(1 for o in outcomes if o.dead_lettered)
    retried = sum(1 for o in outcomes if len(o.attempts) > 1)
    print(f"\n{len(outcomes)} scenarios in {seconds:.0f} s: {len(outcomes) - broken} kept every promise, {broken} broke one")
    print(f"  delivered on a retry: {retried}; ended as a dead letter: {dead}")
    answered = sorted((o for o in outcomes if o.latest_answer_ms is not None), key=lambda o: o.latest_answer_ms)
    if answered:
        margins = [o.latest_answer_ms for o in answered]
        print(f"  answers relative to the deadline (received by the emulator): median {margins[len(margins) // 2]:.0f} ms, "
              f"latest {margins[-1]:.0f} ms in {answered[-1].scenario.name} ({sum(1 for m in margins if m > 0)} after it)")
    print("  " + ", ".join(f"{k}: {v}" for k, v in counts.items()))
    by_path: dict[str, list[Outcome]] = {}
    for o in outcomes:
        by_path.setdefault(o.scenario.path, []).append(o)
    for name, items in by_path.items():
        print(f"  {name}: {len(items)} scenarios, {sum(1 for o in items if o.violations)} broken, "
              f"{sum(1 for o in items if o.dead_lettered)} dead letters, slowest {max(o.seconds for o in items):.1f} s")
    if json_path:
        with open(json_path, "w") as out:
            json.dump({"scenarios": len(outcomes), "broken": broken, "violations": counts, "seconds": round(seconds, 1),
                       "outcomes": [{"scenario": o.scenario.name, "violations": o.violations, "deliveries": o.attempts,
                                     "deadLetter": o.dead_lettered, "alerts": o.alerts, "seconds": o.seconds,
                                     "latestAnswerMs": o.latest_answer_ms} for o in outcomes]},
                      out, indent=2)


if __name__ == "__main__":
    sys.exit(main())
