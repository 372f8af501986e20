"""Measures the guard's critical path on the stand-in: the AWS calls one event costs, and the time from the event
reaching the function to the alert reaching SNS, over repeated runs of the real `bootstrap`.

Each run disables the Identity Center key, hands the matching event (a fresh event id) to the function through the
local Runtime API, and records every AWS request the stand-in receives until the function answers. Then it times
the hourly sweep of the same account (Identity Center in two Regions, the key replicated to the second) when all is
healthy: the cost every hour brings.

    python3 infra/local/measure_alert_path.py [--bootstrap PATH] [--runs 30] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from urllib.parse import parse_qs

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import boto3  # noqa: E402
import moto_server  # noqa: E402
import seed  # noqa: E402
from demo import build  # noqa: E402
from lambda_runtime_emulator import BootstrapProcess, RuntimeEmulator  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

ACCOUNT = "111122223333"
REGION = "us-east-1"


class RequestLog:
    """WSGI middleware: the operation and arrival time of every request the stand-in serves."""

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()
        self.entries: list[tuple[float, str]] = []

    def __call__(self, environ, start_response):
        operation = environ.get("HTTP_X_AMZ_TARGET", "")
        if not operation:
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length) if length else b""
            environ["wsgi.input"] = __import__("io").BytesIO(body)
            operation = "query." + parse_qs(body.decode("utf-8", "replace")).get("Action", ["?"])[0]
        with self.lock:
            self.entries.append((time.perf_counter(), operation.split(".")[-1] if "." in operation else operation))
        return self.app(environ, start_response)

    def since(self, start: float) -> list[tuple[float, str]]:
        with self.lock:
            return [e for e in self.entries if e[0] >= start]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bootstrap")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    import logging
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    bootstrap = args.bootstrap or build()
    moto_server.apply_extensions()
    log = RequestLog(moto_server.DomainDispatcherApplication(moto_server.create_backend_app))
    server = make_server("127.0.0.1", 0, log, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    seeded = seed.seed(url, ACCOUNT, REGION, replica_regions=["eu-west-1"])
    session = boto3.Session(aws_access_key_id=ACCOUNT, aws_secret_access_key="x", region_name=REGION)
    kms = session.client("kms", endpoint_url=url)
    dynamodb = session.client("dynamodb", endpoint_url=url)
    with open(os.path.join(ROOT, "events", "kms-disable-key.json")) as source:
        template = source.read().replace("mrk-1234abcd12ab34cd56ef1234567890ab", seeded["keyId"])

    emulator = RuntimeEmulator().start()
    function = BootstrapProcess(bootstrap, emulator, {
        "AWS_ACCESS_KEY_ID": ACCOUNT, "AWS_SECRET_ACCESS_KEY": "x", "AWS_REGION": REGION, "AWS_ENDPOINT_URL": url,
        "ALERT_TOPIC_ARN": seeded["topicArn"], "REMEDIATION_MODE": "remediate", "POWERTOOLS_LOG_LEVEL": "Warning",
        "STATE_TABLE": seeded["stateTable"], "CONFIGURATION_PARAMETER": seeded["configurationParameter"],
    }, os.path.join(tempfile.mkdtemp(prefix="idckmsguard-path-"), "bootstrap.log"))
    runs = []
    sweeps = []
    quiet = []
    with open(os.path.join(ROOT, "events", "scheduled-event.json")) as source:
        sweep_event = source.read()
    try:
        emulator.invoke(template.replace('"eventID": "', '"eventID": "warmup-'))  # cold start and caches out of the way
        for run in range(args.runs):
            # Each run is a new incident: forget the previous alert, or repeat suppression would hold this one back.
            for item in dynamodb.scan(TableName=seeded["stateTable"])["Items"]:
                if item["pk"]["S"].startswith("alert#"):
                    dynamodb.delete_item(TableName=seeded["stateTable"], Key={"pk": item["pk"]})
            kms.disable_key(KeyId=seeded["keyArn"])
            event = template.replace('"eventID": "', f'"eventID": "path{run}-')
            started = time.perf_counter()
            result = emulator.invoke(event)
            finished = time.perf_counter()
            calls = [(t, op) for t, op in log.since(started) if t <= finished]
            published = [t for t, op in calls if op == "Publish"]
            body = result.json() if result.ok else {}
            runs.append({
                "ok": result.ok and body.get("alert", {}).get("outcome") == "fixed",
                "calls": [op for _, op in calls],
                "event_to_alert_ms": round((published[0] - started) * 1000, 2) if published else None,
                "invocation_ms": round((finished - started) * 1000, 2),
            })
        for run in range(max(5, args.runs // 3)):
            started = time.perf_counter()
            result = emulator.invoke(sweep_event.replace('"id": "', f'"id": "sweep{run}-'))
            finished = time.perf_counter()
            sweeps.append({
                "ok": result.ok and result.json().get("disposition") == "Healthy",
                "calls": [op for t, op in log.since(started) if t <= finished],
                "ms": round((finished - started) * 1000, 2),
            })
        # The quiet path: an event about the key that finds it healthy (someone's EnableKey on an enabled key).
        with open(os.path.join(ROOT, "events", "kms-enable-key.json")) as source:
            quiet_event = source.read().replace("mrk-1234abcd12ab34cd56ef1234567890ab", seeded["keyId"])
        for run in range(max(5, args.runs // 3)):
            started = time.perf_counter()
            result = emulator.invoke(quiet_event.replace('"eventID": "', f'"eventID": "quiet{run}-'))
            finished = time.perf_counter()
            quiet.append({
                "ok": result.ok and result.json().get("disposition") in ("Healthy", "Verified"),
                "calls": [op for t, op in log.since(started) if t <= finished],
                "ms": round((finished - started) * 1000, 2),
            })
    finally:
        function.stop()
        emulator.stop()
        server.shutdown()

    to_alert = [r["event_to_alert_ms"] for r in runs if r["event_to_alert_ms"] is not None]
    counts = [len(r["calls"]) for r in runs]
    figures = {
        "runs": len(runs),
        "all_fixed": all(r["ok"] for r in runs),
        "aws_calls_per_event_median": statistics.median(counts),
        "aws_calls_sequence": runs[-1]["calls"],
        "event_to_alert_ms_median": round(statistics.median(to_alert), 2),
        "event_to_alert_ms_p90": round(sorted(to_alert)[int(len(to_alert) * 0.9) - 1], 2),
        "invocation_ms_median": round(statistics.median(r["invocation_ms"] for r in runs), 2),
        "sweeps": len(sweeps),
        "sweeps_all_quiet": all(s["ok"] for s in sweeps),
        "sweep_aws_calls_median": statistics.median(len(s["calls"]) for s in sweeps),
        "sweep_aws_calls_sequence": sweeps[-1]["calls"],
        "sweep_ms_median": round(statistics.median(s["ms"] for s in sweeps), 2),
        "quiet_events": len(quiet),
        "quiet_all_healthy": all(q["ok"] for q in quiet),
        "quiet_aws_calls_median": statistics.median(len(q["calls"]) for q in quiet),
        "quiet_aws_calls_sequence": quiet[-1]["calls"],
        "quiet_ms_median": round(statistics.median(q["ms"] for q in quiet), 2),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"{figures['runs']} runs of DisableKey -> guard -> EnableKey -> alert; all fixed: {figures['all_fixed']}")
        print(f"AWS calls per event: median {figures['aws_calls_per_event_median']}: {', '.join(figures['aws_calls_sequence'])}")
        print(f"event received -> alert published: median {figures['event_to_alert_ms_median']} ms, p90 {figures['event_to_alert_ms_p90']} ms; whole invocation median {figures['invocation_ms_median']} ms")
        print(f"{figures['sweeps']} quiet sweeps (instance, key, replica in a second Region); all quiet: {figures['sweeps_all_quiet']}")
        print(f"AWS calls per sweep: median {figures['sweep_aws_calls_median']}: {', '.join(figures['sweep_aws_calls_sequence'])}; sweep median {figures['sweep_ms_median']} ms")
        print(f"{figures['quiet_events']} quiet events (EnableKey on a healthy key); all healthy: {figures['quiet_all_healthy']}")
        print(f"AWS calls per quiet event: median {figures['quiet_aws_calls_median']}: {', '.join(figures['quiet_aws_calls_sequence'])}; invocation median {figures['quiet_ms_median']} ms")
    return 0 if figures["all_fixed"] and figures["sweeps_all_quiet"] and figures["quiet_all_healthy"] else 1


if __name__ == "__main__":
    sys.exit(main())
