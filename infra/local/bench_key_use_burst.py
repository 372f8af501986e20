"""Feeds a burst of refused calls of Identity Center (KEY-USE-FAILING) to the real `bootstrap` and counts what it
costs: invocations, AWS calls by operation, state writes, alerts.

The key is disabled with no DisableKey event delivered, then N refusal records (a fresh event id each) reach the
function the two ways the template could route them:
  batched   as the template does: SQS batches of --batch-size (the event source mapping's BatchSize), every record;
  single    one invocation per record, as a plain EventBridge rule would: a sample of --single records, scaled up.

    python3 infra/local/bench_key_use_burst.py [--bootstrap PATH] [--records 10000] [--batch-size 500] [--single 200] [--json]
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import boto3  # noqa: E402
import moto_server  # noqa: E402
import seed  # noqa: E402
from demo import build  # noqa: E402
from lambda_runtime_emulator import BootstrapProcess, RuntimeEmulator  # noqa: E402
from measure_alert_path import RequestLog  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

ACCOUNT = "111122223333"
REGION = "us-east-1"
PLACEHOLDER_KEY_ID = "mrk-1234abcd12ab34cd56ef1234567890ab"
PLACEHOLDER_INSTANCE = "arn:aws:sso:::instance/ssoins-1111222233334444"
STATE_WRITES = {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"}


class Stand:
    """The stand-in with a request log, seeded with Identity Center and its key, and the function on it."""

    def __init__(self, bootstrap: str, log_dir: str):
        moto_server.apply_extensions()
        self.log = RequestLog(moto_server.DomainDispatcherApplication(moto_server.create_backend_app))
        self.server = make_server("127.0.0.1", 0, self.log, threaded=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.seeded = seed.seed(url, ACCOUNT, REGION)
        session = boto3.Session(aws_access_key_id=ACCOUNT, aws_secret_access_key="x", region_name=REGION)
        self.kms = session.client("kms", endpoint_url=url)
        self.dynamodb = session.client("dynamodb", endpoint_url=url)
        self.emulator = RuntimeEmulator().start()
        self.function = BootstrapProcess(bootstrap, self.emulator, {
            "AWS_ACCESS_KEY_ID": ACCOUNT, "AWS_SECRET_ACCESS_KEY": "x", "AWS_REGION": REGION, "AWS_ENDPOINT_URL": url,
            "ALERT_TOPIC_ARN": self.seeded["topicArn"], "REMEDIATION_MODE": "remediate", "POWERTOOLS_LOG_LEVEL": "Warning",
            "STATE_TABLE": self.seeded["stateTable"], "CONFIGURATION_PARAMETER": self.seeded["configurationParameter"],
            "FOLLOW_UP_QUEUE_URL": self.seeded["followUpQueueUrl"],
        }, os.path.join(log_dir, "bootstrap.log"))
        with open(os.path.join(ROOT, "events", "kms-decrypt-by-identity-center-failed.json")) as source:
            self.template = source.read().replace(PLACEHOLDER_KEY_ID, self.seeded["keyId"]).replace(PLACEHOLDER_INSTANCE, self.seeded["instanceArn"])

    def stop(self) -> None:
        self.function.stop()
        self.emulator.stop()
        self.server.shutdown()

    def refusal(self, run: str, number: int) -> str:
        return (self.template
                .replace('"id": "', f'"id": "{run}{number:06d}-', 1)
                .replace('"eventID": "', f'"eventID": "{run}{number:06d}-', 1))

    def fresh_incident(self) -> None:
        """Forget every earlier alert, burst and claim, and break the key again."""
        for item in self.dynamodb.scan(TableName=self.seeded["stateTable"])["Items"]:
            self.dynamodb.delete_item(TableName=self.seeded["stateTable"], Key={"pk": item["pk"]})
        self.kms.disable_key(KeyId=self.seeded["keyArn"])


def measure(stand: Stand, payloads: list[bytes | str | dict], records: int) -> dict:
    started = time.perf_counter()
    failures = 0
    for payload in payloads:
        result = stand.emulator.invoke(payload)
        body = result.json() if result.ok else {}
        failures += 0 if result.ok else 1
        failures += len(body.get("batchItemFailures") or [])
    seconds = time.perf_counter() - started
    calls = collections.Counter(op for _, op in stand.log.since(started))
    return {
        "records": records,
        "invocations": len(payloads),
        "failed": failures,
        "aws_calls": sum(calls.values()),
        "state_writes": sum(n for op, n in calls.items() if op in STATE_WRITES),
        "alerts": calls.get("Publish", 0),
        "by_operation": dict(sorted(calls.items())),
        "seconds": round(seconds, 2),
        "key_state_after": stand.kms.describe_key(KeyId=stand.seeded["keyArn"])["KeyMetadata"]["KeyState"],
    }


def batched(stand: Stand, records: int, batch_size: int) -> dict:
    stand.fresh_incident()
    payloads = []
    for start in range(0, records, batch_size):
        payloads.append({"Records": [{
            "messageId": f"m{n}", "receiptHandle": "-", "body": stand.refusal("b", n), "attributes": {"ApproximateReceiveCount": "1"},
            "messageAttributes": {}, "md5OfBody": "-", "eventSource": "aws:sqs",
            "eventSourceARN": f"arn:aws:sqs:{REGION}:{ACCOUNT}:idckmsguard-key-use-failures", "awsRegion": REGION,
        } for n in range(start, min(start + batch_size, records))]})
    return measure(stand, payloads, records)


def single(stand: Stand, sample: int, records: int) -> dict:
    stand.fresh_incident()
    measured = measure(stand, [stand.refusal("s", n) for n in range(sample)], sample)
    scale = records / sample
    # Alerts do not scale: repeats are suppressed, so the sample's alerts are what a burst of any size sends.
    measured["scaled_to"] = {k: round(measured[k] * scale) for k in ("records", "invocations", "aws_calls", "state_writes")}
    return measured


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bootstrap")
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--single", type=int, default=200, help="records sent one per invocation, scaled up to --records")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    import logging
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    stand = Stand(args.bootstrap or build(), tempfile.mkdtemp(prefix="idckmsguard-burst-"))
    try:
        stand.emulator.invoke(stand.refusal("warmup", 0))  # the cold start is not the burst's cost
        figures = {"batched": batched(stand, args.records, args.batch_size), "single": single(stand, args.single, args.records)}
    finally:
        stand.stop()

    b, s = figures["batched"], figures["single"]
    print(f"{args.records} refused Decrypt calls of Identity Center on a disabled key, one burst:")
    print(f"  batched ({args.batch_size}/invocation): {b['invocations']} invocations, {b['aws_calls']} AWS calls, "
          f"{b['state_writes']} state writes, {b['alerts']} alert(s), {b['failed']} failed, {b['seconds']} s; key {b['key_state_after']}")
    print(f"    by operation: {b['by_operation']}")
    scaled = s["scaled_to"]
    print(f"  one per invocation ({s['records']} measured, scaled x{args.records // s['records']}): {scaled['invocations']} invocations, "
          f"{scaled['aws_calls']} AWS calls, {scaled['state_writes']} state writes; {s['alerts']} alert(s) in the sample; key {s['key_state_after']}")
    print(f"    by operation ({s['records']} measured): {s['by_operation']}")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(figures, out, indent=2)
    ok = b["failed"] == 0 and b["alerts"] == 1 and b["key_state_after"] == "Enabled"
    print("ok" if ok else "FAILED: expected one alert, no failed records and the key repaired")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
