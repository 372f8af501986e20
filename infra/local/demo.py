"""The guard end to end on the local stand-in: the README's first command.

Builds the Native AOT `bootstrap`, starts moto with the project's extensions, seeds an Identity Center instance
that uses a customer managed key, packages template.yaml with the bootstrap as `make release` does and creates the
stack through the stand-in's CloudFormation (deployed_stack.py), runs the real bootstrap under a local Lambda Runtime
API with the deployed function's environment, then for each scenario makes a real change through the AWS APIs, sends
the matching CloudTrail event to EventBridge, lets the guard handle what the stack's rules and queues deliver, and
prints the alert that reached the SQS subscriber of the stack's topic and the key's state afterwards. Exit code 0
only if every scenario behaved.

    python3 infra/local/demo.py [--bootstrap PATH] [--template PACKAGED_TEMPLATE] [--show-log]
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "infra", "release"))

try:
    import boto3
    import moto_server
except ImportError as missing:
    print(f"error: {missing.name} is not installed; run: pip install \"moto[server]\" boto3", file=sys.stderr)
    sys.exit(2)

import deployed_stack  # noqa: E402
import eventbridge_rules  # noqa: E402
import release  # noqa: E402
import seed  # noqa: E402
from lambda_runtime_emulator import BootstrapProcess, RuntimeEmulator  # noqa: E402

ACCOUNT = "111122223333"
REGION = "us-east-1"
PLACEHOLDER_KEY_ID = "mrk-1234abcd12ab34cd56ef1234567890ab"
PLACEHOLDER_INSTANCE = "arn:aws:sso:::instance/ssoins-1111222233334444"
ROOT_ONLY_POLICY = json.dumps({
    "Version": "2012-10-17",
    "Id": "key-consolepolicy-3",
    "Statement": [{
        "Sid": "Enable IAM User Permissions",
        "Effect": "Allow",
        "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
        "Action": "kms:*",
        "Resource": "*",
    }],
}, indent=2)


def build() -> str:
    output = os.path.join(ROOT, "artifacts", "publish")
    print("Building the Native AOT bootstrap (dotnet publish, about a minute the first time)...", flush=True)
    subprocess.run(
        ["dotnet", "publish", os.path.join(ROOT, "functions", "IdcKmsGuard.Function", "IdcKmsGuard.Function.csproj"),
         "-c", "Release", "-r", "linux-x64", "-o", output, "--nologo", "-v", "quiet"],
        check=True)
    return os.path.join(output, "bootstrap")


STACK_NAME = "idckmsguard"


def packaged(bootstrap: Path, folder: Path) -> Path:
    """template.yaml packaged as `make release` packages it, with this bootstrap's zip beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    return release.stage_function(bootstrap, folder, "x86_64")


class Demo:
    def __init__(self, bootstrap_path: str, log_path: str, template_path: Path):
        self.moto = moto_server.start()
        session = boto3.Session(aws_access_key_id=ACCOUNT, aws_secret_access_key="demo", region_name=REGION)
        self.kms = session.client("kms", endpoint_url=self.moto.url)
        self.sso = session.client("sso-admin", endpoint_url=self.moto.url)
        self.events = session.client("events", endpoint_url=self.moto.url)
        self.sqs = session.client("sqs", endpoint_url=self.moto.url)
        self.seeded = seed.seed(self.moto.url, ACCOUNT, REGION, guard_resources=False)
        self.key = self.seeded["keyArn"]
        clients = seed.AccountClients(self.moto.url, ACCOUNT, REGION)
        # The stack as a user deploys it; everything the guard uses below is what the stack made and names.
        self.stack = deployed_stack.deploy(clients, template_path, STACK_NAME,
                                           {"AlertEmail": "subscribe-later", "SecurityHubFindings": "enabled", "AlertEvents": "enabled"})
        self.securityhub = session.client("securityhub", endpoint_url=self.moto.url)
        self.securityhub.enable_security_hub()
        self.bus_inbox = self._capture_alert_events(session)
        self.documents: list[dict] = []
        self.seeded.update(seed.subscribe_inbox(session.client("sns", endpoint_url=self.moto.url), self.sqs, self.stack["AlertTopicArn"]))
        self.lambda_service = deployed_stack.LambdaService(clients, self.stack["GuardFunctionName"])
        self.emulator = RuntimeEmulator().start()
        self.function = BootstrapProcess(bootstrap_path, self.emulator, {
            **self.lambda_service.environment,
            "AWS_ACCESS_KEY_ID": ACCOUNT,
            "AWS_SECRET_ACCESS_KEY": "demo",
            "AWS_REGION": REGION,
            "AWS_ENDPOINT_URL": self.moto.url,
        }, log_path)

    def _capture_alert_events(self, session) -> str:
        """A queue that receives what the guard puts on the default bus (source idckmsguard)."""
        url = self.sqs.create_queue(QueueName="demo-alert-events")["QueueUrl"]
        arn = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        self.events.put_rule(Name="demo-capture-idckmsguard", EventPattern=json.dumps({"source": ["idckmsguard"]}))
        self.events.put_targets(Rule="demo-capture-idckmsguard", Targets=[{"Id": "inbox", "Arn": arn}])
        return url

    def bus_events(self) -> list[dict]:
        received = []
        while messages := self.sqs.receive_message(QueueUrl=self.bus_inbox, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", []):
            for message in messages:
                received.append(json.loads(message["Body"]))
                self.sqs.delete_message(QueueUrl=self.bus_inbox, ReceiptHandle=message["ReceiptHandle"])
        return received

    def finding(self, incident_id: str) -> dict | None:
        wanted = f"idckmsguard/incident/{incident_id}"
        found = self.securityhub.get_findings(Filters={"Id": [{"Value": wanted, "Comparison": "EQUALS"}]})["Findings"]
        return found[0] if found else None

    def stop(self) -> None:
        self.function.stop()
        self.emulator.stop()
        self.moto.stop()

    def event(self, file_name: str, edit=None) -> dict:
        with open(os.path.join(ROOT, "events", file_name)) as source:
            text = source.read()
        text = text.replace(PLACEHOLDER_KEY_ID, self.seeded["keyId"]).replace(PLACEHOLDER_INSTANCE, self.seeded["instanceArn"])
        event = json.loads(text)
        if edit:
            edit(event)
        return event

    def deliver(self, event: dict) -> list[dict]:
        eventbridge_rules.put(self.events, event)
        return self.lambda_service.invocations()

    def alerts_now(self) -> list[dict]:
        messages = self.sqs.receive_message(QueueUrl=self.seeded["queueUrl"], MaxNumberOfMessages=10, WaitTimeSeconds=0).get("Messages", [])
        return messages

    def alerts(self) -> list[dict]:
        """Alerts the SQS subscriber of the topic received: the SNS envelope with the JSON document inside."""
        received = []
        deadline = time.time() + 5
        while time.time() < deadline:
            messages = self.sqs.receive_message(QueueUrl=self.seeded["queueUrl"], MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
            for message in messages:
                envelope = json.loads(message["Body"])
                received.append({"subject": envelope.get("Subject"), "attributes": envelope.get("MessageAttributes", {}), "document": json.loads(envelope["Message"])})
                self.documents.append(received[-1]["document"])
                self.sqs.delete_message(QueueUrl=self.seeded["queueUrl"], ReceiptHandle=message["ReceiptHandle"])
            if received:
                return received
        return received

    def follow_ups(self, wait_seconds: int) -> dict | None:
        """The guard's follow-ups, taken off its queue once due, as the SQS batch Lambda's poller would send."""
        return self.lambda_service.batch(self.stack["FollowUpQueueArn"], wait_seconds)

    def key_state(self) -> str:
        return self.kms.describe_key(KeyId=self.key)["KeyMetadata"]["KeyState"]


def scenario_disable(demo: Demo):
    demo.kms.disable_key(KeyId=demo.key)
    return "kms:DisableKey on the Identity Center key", demo.event("kms-disable-key.json"), lambda alert, state: [
        ("key is Enabled again", state == "Enabled"),
        ("alert rule KEY-ENABLED", alert and alert["document"]["rule"] == "KEY-ENABLED"),
        ("outcome fixed, verified", alert and alert["document"]["outcome"] == "fixed" and alert["document"]["verification"]["passed"]),
    ]


def scenario_schedule_deletion(demo: Demo):
    demo.kms.schedule_key_deletion(KeyId=demo.key, PendingWindowInDays=7)
    return "kms:ScheduleKeyDeletion (7 days)", demo.event("kms-schedule-key-deletion.json"), lambda alert, state: [
        ("deletion cancelled and key Enabled", state == "Enabled"),
        ("alert rule KEY-NOT-PENDING-DELETION", alert and alert["document"]["rule"] == "KEY-NOT-PENDING-DELETION"),
        ("CancelKeyDeletion then EnableKey", alert and [s["action"] for s in alert["document"]["steps"]] == ["CancelKeyDeletion", "EnableKey"]),
    ]


def scenario_policy(demo: Demo):
    demo.kms.put_key_policy(KeyId=demo.key, PolicyName="default", Policy=ROOT_ONLY_POLICY)

    def with_policy(event):
        event["detail"]["requestParameters"]["policy"] = ROOT_ONLY_POLICY

    def repaired() -> bool:
        live = json.loads(demo.kms.get_key_policy(KeyId=demo.key, PolicyName="default")["Policy"])
        return any(s.get("Sid") == "AllowIdentityCenterAndIdentityStoreToUseKey" for s in live["Statement"])

    return "kms:PutKeyPolicy without the sso and identitystore statements", demo.event("kms-put-key-policy.json", with_policy), lambda alert, state: [
        ("alert rule KEY-POLICY-HEALTHY, critical", alert and alert["document"]["rule"] == "KEY-POLICY-HEALTHY" and alert["document"]["severity"] == "critical"),
        ("alert names what sso.amazonaws.com lost", alert and any("sso.amazonaws.com can no longer call" in f["message"] for f in alert["document"]["findings"])),
        ("alert names what identitystore.amazonaws.com lost", alert and any("identitystore.amazonaws.com can no longer call" in f["message"] for f in alert["document"]["findings"])),
        ("policy repaired and verified", alert and alert["document"]["outcome"] == "fixed" and repaired()),
    ]


def scenario_aws_owned(demo: Demo):
    demo.sso.update_instance(InstanceArn=demo.seeded["instanceArn"], EncryptionConfiguration={"KeyType": "AWS_OWNED_KMS_KEY"})
    encryption = demo.sso.describe_instance(InstanceArn=demo.seeded["instanceArn"])["EncryptionConfigurationDetails"]
    return "sso:UpdateInstance to an AWS owned key", demo.event("sso-update-instance.json"), lambda alert, state: [
        ("Identity Center now uses an AWS owned key", encryption["KeyType"] == "AWS_OWNED_KMS_KEY"),
        ("alert rule IDC-ENCRYPTION-APPROVED, high", alert and alert["document"]["rule"] == "IDC-ENCRYPTION-APPROVED" and alert["document"]["severity"] == "high"),
        ("the key itself was left alone", state == "Enabled"),
    ]


SCENARIOS = [scenario_disable, scenario_schedule_deletion, scenario_policy, scenario_aws_owned]


def show_alert(alert: dict | None) -> None:
    if alert is None:
        print("  alert:     (none received)")
        return
    doc = alert["document"]
    print(f"  alert:     {alert['subject']}")
    attributes = ", ".join(f"{k}={v['Value']}" for k, v in sorted(alert["attributes"].items()))
    print(f"  filter:    {attributes}")
    wrap = lambda text, indent="             ": textwrap.fill(text, 116, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False, break_long_words=False)  # noqa: E731
    print("  what happened:")
    print(wrap(doc["whatHappened"]))
    for finding in doc["findings"]:
        print(wrap(f"- [{finding['severity']}] {finding['rule']}{' (fixed)' if finding.get('resolved') else ''}: {finding['message']}"))
    actor = doc["event"]["actor"]
    print(f"  who:       {actor.get('type')} {actor.get('arn')} from {actor.get('sourceIpAddress')}")
    print("  guard did:" + ("" if doc["steps"] else " nothing"))
    for step in doc["steps"]:
        print(wrap(f"- {step['action']}: {step['status']} - {step['detail']}"))
    if doc.get("policyDiff"):
        print("  policy change:")
        for line in doc["policyDiff"]:
            print(wrap(line))
    if doc.get("verification"):
        print(wrap(f"verification {'passed' if doc['verification']['passed'] else 'FAILED'}: {doc['verification']['detail']}"))
    print("  next:")
    for number, step in enumerate(doc["nextSteps"], 1):
        print(wrap(f"{number}. {step}"))


def run(demo: Demo) -> list[tuple[str, bool]]:
    outcomes = []
    for number, scenario in enumerate(SCENARIOS, 1):
        title, event, expectations = scenario(demo)
        print(f"\n== {number}. {title} " + "=" * max(3, 100 - len(title)))
        print(f"  changed:   key is now {demo.key_state()}")
        delivered = demo.deliver(event)
        print(f"  delivered: {len(delivered)} event(s) through the stack's EventBridge rules")
        responses = [demo.emulator.invoke(e) for e in delivered]
        for response in responses:
            body = response.json() if response.ok else {"error": response.error_type, "message": response.json().get("errorMessage")}
            print(f"  guard:     {json.dumps(body)[:300]}")
        alerts = demo.alerts()
        alert = alerts[0] if alerts else None
        show_alert(alert)
        state = demo.key_state()
        print(f"  key now:   {state}")
        checks = [("exactly one event delivered", len(delivered) == 1), ("exactly one alert", len(alerts) == 1)]
        checks += [(name, bool(ok)) for name, ok in expectations(alert, state)]
        for name, ok in checks:
            print(f"  {'ok  ' if ok else 'FAIL'}      {name}")
        outcomes.append((title, all(ok for _, ok in checks)))

    outcomes.append(feeds_scenario(demo, len(outcomes) + 1))
    outcomes.append(follow_up_scenario(demo, len(outcomes) + 1))
    outcomes.append(key_use_scenario(demo, len(outcomes) + 1))
    outcomes.extend(two_region_scenarios(demo, len(outcomes) + 1))

    print(f"\n== {len(outcomes) + 1}. A malformed event arrives " + "=" * 70)
    malformed = demo.emulator.invoke(b"{ this is not an event")
    alive = demo.function.process.poll() is None
    print(f"  guard:     error {malformed.error_type}: {malformed.json().get('errorMessage')}")
    print(f"  {'ok  ' if malformed.error_type == 'MalformedEvent' else 'FAIL'}      reported as MalformedEvent (Lambda retries it, then the dead-letter queue keeps it)")
    print(f"  {'ok  ' if alive else 'FAIL'}      the runtime is still serving")
    outcomes.append(("malformed event", malformed.error_type == "MalformedEvent" and alive))
    return outcomes


def feeds_scenario(demo: Demo, number: int) -> tuple[str, bool]:
    """Every alert so far is also its incident's Security Hub finding and an event on the default bus."""
    title = "Security Hub findings and EventBridge events for every alert so far"
    print(f"\n== {number}. {title} " + "=" * max(3, 100 - len(title)))
    documents = list(demo.documents)
    findings = {d["incident"]["id"]: demo.finding(d["incident"]["id"]) for d in documents}
    events = demo.bus_events()
    for document in documents:
        finding = findings[document["incident"]["id"]]
        state = (finding["RecordState"], finding["Workflow"]["Status"]) if finding else None
        print(f"  incident  {document['incident']['id']} {document['incident']['status']:<8} {document['rule']:<26} finding: {state}")
    expected_state = {"resolved": ("ARCHIVED", "RESOLVED"), "open": ("ACTIVE", "NEW"), "updated": ("ACTIVE", "NEW")}
    checks = [
        ("alerts to check", len(documents) >= 4),
        ("one finding per incident, in the incident's state", all(
            f is not None and (f["RecordState"], f["Workflow"]["Status"]) == expected_state[d["incident"]["status"]]
            for d in documents for f in [findings[d["incident"]["id"]]])),
        ("one idckmsguard event per alert, detail = the document",
         sorted(e["detail"]["alertId"] for e in events if e.get("source") == "idckmsguard") == sorted(d["alertId"] for d in documents)),
    ]
    for name, ok in checks:
        print(f"  {'ok  ' if ok else 'FAIL'}      {name}")
    return title, all(ok for _, ok in checks)


def follow_up_scenario(demo: Demo, number: int) -> tuple[str, bool]:
    """A switch that is still UPDATING when the event arrives: no alert yet, a re-check later, one alert then."""
    title = "sso:UpdateInstance to a new key, still UPDATING when the guard looks"
    print(f"\n== {number}. {title} " + "=" * max(3, 100 - len(title)))
    policy = seed.render_key_policy(ACCOUNT, seed.DEFAULT_DELEGATED_ADMIN)
    # Marked as infra/key/identity-center-key.yaml and enable-cmk mark it: the guard may change only marked keys.
    new_key = demo.kms.create_key(Policy=policy, MultiRegion=True, Description="the next Identity Center key", Tags=[seed.GUARDED_TAG])["KeyMetadata"]["Arn"]
    moto_server.set_updating_reads(json.dumps({"account": ACCOUNT, "reads": 1}).encode())
    demo.kms.enable_key_rotation(KeyId=new_key)
    demo.new_key = new_key
    demo.sso.update_instance(InstanceArn=demo.seeded["instanceArn"], EncryptionConfiguration={"KeyType": "CUSTOMER_MANAGED_KEY", "KmsKeyArn": new_key})
    print(f"  changed:   Identity Center is switching to {new_key}")
    def another_call(event):
        event["id"] = "5b0e2c1d-0000-4000-9000-000000000055"
        event["detail"]["eventID"] = "5b0e2c1d-0000-4000-9000-000000000056"

    delivered = demo.deliver(demo.event("sso-update-instance.json", another_call))
    first = [demo.emulator.invoke(e).json() for e in delivered]
    print(f"  guard:     {json.dumps(first)[:300]}")
    early = demo.alerts_now()
    print("  waiting for the re-check the guard scheduled on its queue (SQS delay 30 s)...")
    batch = demo.follow_ups(wait_seconds=45)
    response = demo.emulator.invoke(batch).json() if batch else None
    print(f"  guard:     {json.dumps(response)}")
    alerts = demo.alerts()
    alert = alerts[0] if alerts else None
    show_alert(alert)
    checks = [
        ("the first look finds UPDATING and schedules a re-check", [r.get("disposition") for r in first] == ["FollowUpScheduled"]),
        ("no alert before the outcome is known", not early),
        ("the re-check arrives through the queue and succeeds", batch is not None and response == {"batchItemFailures": []}),
        ("exactly one alert, about the finished switch", len(alerts) == 1 and alert["document"]["headline"] == "Identity Center switched to another customer managed key"),
        ("the alert says who started the switch", alert is not None and "alice@example.com" in (alert["document"]["event"]["actor"]["arn"] or "")),
    ]
    for name, ok in checks:
        print(f"  {'ok  ' if ok else 'FAIL'}      {name}")
    return title, all(ok for _, ok in checks)


def key_use_scenario(demo: Demo, number: int, refusals: int = 300) -> tuple[str, bool]:
    """The key was disabled and its DisableKey event never arrived; Identity Center's sign-ins fail by the hundred.
    The refusals reach the burst rule (read-only calls), are queued, and reach the guard in batches: the first batch
    repairs the key and alerts once, the others are counted."""
    title = f"KMS refuses Identity Center {refusals} times (the DisableKey event was lost)"
    print(f"\n== {number}. {title} " + "=" * max(3, 100 - len(title)))

    # The follow-up scenario switched Identity Center to a new key: that is the key whose refusals matter now.
    current = getattr(demo, "new_key", demo.key)
    demo.kms.disable_key(KeyId=current)
    state_of = lambda: demo.kms.describe_key(KeyId=current)["KeyMetadata"]["KeyState"]  # noqa: E731
    print(f"  changed:   {current} is now {state_of()}; no DisableKey event is delivered")

    def refusal(i):
        def edit(event):
            event["detail"]["resources"][0]["ARN"] = current
            event["detail"]["errorMessage"] = f"{current} is disabled."
            event["resources"] = [current] if event.get("resources") else []
            event["id"] = f"0c4a2f1e-0000-4000-8000-{900000 + i:012d}"
            event["detail"]["eventID"] = f"7f1d9a3b-0000-4000-9000-{900000 + i:012d}"
        return edit

    for start in range(0, refusals, 10):
        events = [demo.event("kms-decrypt-by-identity-center-failed.json", refusal(i)) for i in range(start, min(start + 10, refusals))]
        demo.events.put_events(Entries=[{"Source": e["source"], "DetailType": e["detail-type"], "Detail": json.dumps(e["detail"]),
                                         "Resources": e.get("resources") or []} for e in events])
    batches = []
    while batch := demo.lambda_service.batch(demo.stack["KeyUseFailureQueueArn"], wait_seconds=2):
        batches.append(batch)
    delivered = sum(len(batch["Records"]) for batch in batches)
    print(f"  delivered: {delivered} refusals through the stack's burst rule to its queue, {len(batches)} batch(es) of at most "
          f"{demo.lambda_service.mappings[demo.stack['KeyUseFailureQueueArn']]['BatchSize']}")
    responses = [demo.emulator.invoke(batch) for batch in batches]
    print(f"  guard:     {len(responses)} batches, answers {[r.json() if r.ok else r.error_type for r in responses]}")
    alerts = demo.alerts()
    alert = alerts[0] if alerts else None
    show_alert(alert)
    state = state_of()
    findings = {f["rule"]: f for f in alert["document"]["findings"]} if alert else {}
    checks = [
        ("every refusal delivered by the burst rule", delivered == refusals),
        ("every batch taken whole", all(r.ok and r.json() == {"batchItemFailures": []} for r in responses)),
        ("the key is Enabled again", state == "Enabled"),
        ("exactly one alert for the whole burst", len(alerts) == 1),
        ("it names the cause, fixed, and counts the refusals", alert is not None and alert["document"]["rule"] == "KEY-ENABLED"
         and "KEY-USE-FAILING" in findings and f"In all, {len(batches[0]['Records']) if batches else 0} calls failed" in findings["KEY-USE-FAILING"]["message"]),
    ]
    for name, ok in checks:
        print(f"  {'ok  ' if ok else 'FAIL'}      {name}")
    return title, all(ok for _, ok in checks)


def two_region_scenarios(demo: Demo, number: int) -> list[tuple[str, bool]]:
    """Identity Center in a second Region: the replica's policy breaks with no event (the sweep finds and fixes it),
    then the replica is disabled and its event arrives from that Region (as the forwarder stack delivers it)."""
    replica_region = "eu-west-1"
    policy = seed.render_key_policy(ACCOUNT, seed.DEFAULT_DELEGATED_ADMIN)
    replica = demo.kms.replicate_key(KeyId=demo.new_key, ReplicaRegion=replica_region, Policy=policy)["ReplicaKeyMetadata"]["Arn"]
    demo.sso.add_region(InstanceArn=demo.seeded["instanceArn"], RegionName=replica_region)
    kms_replica = boto3.Session(aws_access_key_id=ACCOUNT, aws_secret_access_key="demo", region_name=replica_region).client("kms", endpoint_url=demo.moto.url)
    kms_replica.tag_resource(KeyId=replica, Tags=[seed.GUARDED_TAG])  # tags are not replicated
    outcomes = []

    title = f"Second Region: the replica's policy in {replica_region} breaks, no event arrives; the sweep runs"
    print(f"\n== {number}. {title} " + "=" * max(3, 100 - len(title)))
    kms_replica.put_key_policy(KeyId=replica, PolicyName="default", Policy=ROOT_ONLY_POLICY)
    print(f"  changed:   {replica} now has only the root statement")
    with open(os.path.join(ROOT, "events", "scheduled-event.json")) as source:
        sweep = json.loads(source.read().replace("111122223333", ACCOUNT))
    first = demo.emulator.invoke(sweep).json()
    print(f"  guard:     {json.dumps(first)[:300]}")
    alerts = demo.alerts()
    alert = alerts[0] if alerts else None
    show_alert(alert)
    sweep["id"] = "7bf73129-1428-4cd3-a780-95db273d1603"
    second = demo.emulator.invoke(sweep).json()
    print(f"  next hour: {json.dumps(second)[:200]}")
    live = json.loads(kms_replica.get_key_policy(KeyId=replica, PolicyName="default")["Policy"])
    checks = [
        ("the sweep alerts once, about the replica", len(alerts) == 1 and alert["document"]["key"]["arn"] == replica),
        ("rule KEY-POLICY-HEALTHY, outcome fixed", alert is not None and (alert["document"]["rule"], alert["document"]["outcome"]) == ("KEY-POLICY-HEALTHY", "fixed")),
        (f"the replica's policy in {replica_region} is repaired", any(s.get("Sid") == "AllowIdentityCenterAndIdentityStoreToUseKey" for s in live["Statement"])),
        ("the next sweep finds nothing new and stays quiet", second.get("disposition") == "Healthy" and not demo.alerts_now()),
    ]
    for name, ok in checks:
        print(f"  {'ok  ' if ok else 'FAIL'}      {name}")
    outcomes.append((title, all(ok for _, ok in checks)))

    number += 1
    title = f"Second Region: kms:DisableKey on the replica, its event forwarded from {replica_region}"
    print(f"\n== {number}. {title} " + "=" * max(3, 100 - len(title)))
    kms_replica.disable_key(KeyId=replica)
    print(f"  changed:   replica is now {kms_replica.describe_key(KeyId=replica)['KeyMetadata']['KeyState']}")

    def from_replica_region(event):
        event["region"] = replica_region
        event["id"] = "5b0e2c1d-0000-4000-9000-000000000077"
        event["detail"]["eventID"] = "5b0e2c1d-0000-4000-9000-000000000078"
        event["detail"]["awsRegion"] = replica_region
        text = json.dumps(event).replace(f"arn:aws:kms:{REGION}:{ACCOUNT}:key/{demo.seeded['keyId']}", replica)
        event.clear()
        event.update(json.loads(text))

    delivered = demo.deliver(demo.event("kms-disable-key.json", from_replica_region))
    print(f"  delivered: {len(delivered)} event(s) through the guard's rules (what the forwarder sends)")
    responses = [demo.emulator.invoke(e).json() for e in delivered]
    print(f"  guard:     {json.dumps(responses)[:300]}")
    alerts = demo.alerts()
    alert = alerts[0] if alerts else None
    show_alert(alert)
    state = kms_replica.describe_key(KeyId=replica)["KeyMetadata"]["KeyState"]
    print(f"  replica now: {state}")
    checks = [
        ("exactly one event delivered", len(delivered) == 1),
        ("the replica is Enabled again, in its Region", state == "Enabled"),
        ("one alert: KEY-ENABLED for the replica, fixed", len(alerts) == 1 and alert["document"]["key"]["arn"] == replica and alert["document"]["outcome"] == "fixed"),
    ]
    for name, ok in checks:
        print(f"  {'ok  ' if ok else 'FAIL'}      {name}")
    outcomes.append((title, all(ok for _, ok in checks)))
    return outcomes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bootstrap", help="use this bootstrap instead of building one")
    parser.add_argument("--template", type=Path, help="deploy this packaged template (e.g. artifacts/release/template-x86_64.yaml) "
                        "instead of packaging template.yaml with the bootstrap")
    parser.add_argument("--show-log", action="store_true", help="print the function's JSON log at the end")
    args = parser.parse_args()

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    bootstrap = args.bootstrap or build()
    log_dir = os.path.join(ROOT, "artifacts", "demo")
    os.makedirs(log_dir, exist_ok=True)
    log_path = os.path.join(log_dir, "bootstrap.log")
    template = args.template or packaged(Path(bootstrap), Path(log_dir) / "stack")
    demo = Demo(bootstrap, log_path, template)
    print(f"Stand-in at {demo.moto.url}; Identity Center {demo.seeded['instanceArn']} uses {demo.key}")
    print(f"Stack {STACK_NAME} created from {os.path.relpath(template, ROOT)} through CloudFormation; the guard runs as "
          f"{demo.stack['GuardFunctionName']}, its rules: {', '.join(demo.lambda_service.rules)}")
    try:
        outcomes = run(demo)
    finally:
        demo.stop()
    if args.show_log:
        with open(log_path) as log:
            print("\n" + log.read())
    passed = sum(ok for _, ok in outcomes)
    failed = [title for title, ok in outcomes if not ok]
    print(f"\n{passed}/{len(outcomes)} scenarios behaved" + (f"; failed: {', '.join(failed)}" if failed else "") + f". Function log: {os.path.relpath(log_path, ROOT)}")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
