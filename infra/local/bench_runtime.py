"""Times the real `bootstrap` under the local Runtime API: cold start, and 1,000 invocations in a row.

Cold start is measured as Lambda bills it from the outside: process start to the first `GET next` (init), and
process start to the first response (init plus one invocation that reads Identity Center and the key on the
stand-in), over several fresh processes. The long run sends a mix of real events (the protected key, other keys,
unsupported calls) and malformed ones, samples the resident set every 100 invocations, and fails unless memory
stays flat and every invocation got the answer it should.

    python3 infra/local/bench_runtime.py [--bootstrap PATH] [--invocations 1000] [--cold-starts 10] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import moto_server  # noqa: E402
import seed  # noqa: E402
from demo import build  # noqa: E402
from lambda_runtime_emulator import BootstrapProcess, RuntimeEmulator  # noqa: E402

ACCOUNT = "111122223333"
REGION = "us-east-1"
# Growth of the resident set allowed between the warm-up sample and the end; a leak of even 1 KB per invocation
# over 800 invocations would exceed it.
FLAT_MEMORY_TOLERANCE_KIB = 4096


def events(seeded: dict) -> list[tuple[str, bytes, bool]]:
    """(kind, payload, should succeed) in a repeating order of ten."""
    def load(name, **replace):
        with open(os.path.join(ROOT, "events", name)) as source:
            text = source.read()
        for old, new in replace.items():
            text = text.replace(old, new)
        return text.encode()

    ours = {"mrk-1234abcd12ab34cd56ef1234567890ab": seeded["keyId"]}
    other = {"mrk-1234abcd12ab34cd56ef1234567890ab": "mrk-99999999999999999999999999999999"}
    return [
        ("protected key, healthy", load("kms-enable-key.json", **ours), True),
        ("other key", load("kms-disable-key.json", **other), True),
        ("other key", load("kms-schedule-key-deletion.json", **other), True),
        ("protected key policy, healthy", load("kms-put-key-policy.json", **ours).replace(b"key-consolepolicy-3", b"key-consolepolicy-3"), True),
        ("unsupported", load("kms-create-grant.json"), True),
        ("malformed", b"{ not json", False),
        ("other key", load("kms-disable-key-rotation.json", **other), True),
        ("unsupported", load("kms-cmk-rotation.json"), True),
        ("malformed", b'{"detail-type": "AWS API Call via CloudTrail", "detail": []}', False),
        ("protected key, denied attempt", load("kms-disable-key-failed.json", **ours), True),
    ]


def function_environment(moto_url: str, seeded: dict) -> dict[str, str]:
    return {
        "AWS_ACCESS_KEY_ID": ACCOUNT,
        "AWS_SECRET_ACCESS_KEY": "bench",
        "AWS_REGION": REGION,
        "AWS_ENDPOINT_URL": moto_url,
        "ALERT_TOPIC_ARN": seeded["topicArn"],
        "REMEDIATION_MODE": "remediate",
        "POWERTOOLS_LOG_LEVEL": "Warning",
        "STATE_TABLE": seeded["stateTable"],
        "CONFIGURATION_PARAMETER": seeded["configurationParameter"],
    }


def cold_starts(bootstrap: str, moto_url: str, seeded: dict, runs: int, log_dir: str) -> dict:
    first_event = events(seeded)[0][1]
    init_ms, first_response_ms = [], []
    for run in range(runs):
        emulator = RuntimeEmulator().start()
        function = BootstrapProcess(bootstrap, emulator, function_environment(moto_url, seeded), os.path.join(log_dir, f"cold-{run}.log"))
        # A new event id each run: with the same one, every process after the first would only answer "duplicate".
        result = emulator.invoke(first_event.replace(b'"eventID": "', f'"eventID": "cold{run}-'.encode()))
        answered = time.perf_counter()
        if not result.ok or result.json().get("disposition") == "Duplicate":
            raise RuntimeError(f"cold start run {run} did not do the work: {result.body!r}")
        init_ms.append((emulator.next_requests[0] - function.started_at) * 1000)
        first_response_ms.append((answered - function.started_at) * 1000)
        function.stop()
        emulator.stop()
    return {
        "runs": runs,
        "init_ms_median": round(statistics.median(init_ms), 1),
        "init_ms_max": round(max(init_ms), 1),
        "first_response_ms_median": round(statistics.median(first_response_ms), 1),
        "first_response_ms_max": round(max(first_response_ms), 1),
    }


def long_run(bootstrap: str, moto_url: str, seeded: dict, invocations: int, log_dir: str) -> dict:
    mix = events(seeded)
    emulator = RuntimeEmulator().start()
    function = BootstrapProcess(bootstrap, emulator, function_environment(moto_url, seeded), os.path.join(log_dir, "long-run.log"))
    samples, latencies, wrong = [], [], []
    try:
        for i in range(invocations):
            kind, payload, should_succeed = mix[i % len(mix)]
            # A fresh CloudTrail event id each time: the guard acts once per id, and the benchmark measures acting.
            payload = payload.replace(b'"eventID": "', f'"eventID": "run{i}-'.encode())
            started = time.perf_counter()
            result = emulator.invoke(payload)
            latencies.append((time.perf_counter() - started) * 1000)
            expected = result.ok if should_succeed else (not result.ok and result.error_type == "MalformedEvent")
            if not expected:
                wrong.append((i, kind, result.error_type, result.body[:200]))
            if (i + 1) % 100 == 0:
                samples.append({"invocations": i + 1, **function.memory_kib()})
        alive = function.process.poll() is None
    finally:
        function.stop()
        emulator.stop()
    warm = samples[1]["VmRSS"] if len(samples) > 1 else samples[0]["VmRSS"]
    growth = samples[-1]["VmRSS"] - warm
    latencies.sort()
    return {
        "invocations": invocations,
        "wrong_answers": len(wrong),
        "first_wrong": [list(map(str, w)) for w in wrong[:3]],
        "process_alive_after": alive,
        "rss_kib_samples": [s["VmRSS"] for s in samples],
        "rss_kib_growth_after_warmup": growth,
        "peak_rss_kib": max(s["VmHWM"] for s in samples),
        "latency_ms_median": round(statistics.median(latencies), 2),
        "latency_ms_p99": round(latencies[int(len(latencies) * 0.99) - 1], 2),
        "flat_memory": growth <= FLAT_MEMORY_TOLERANCE_KIB,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bootstrap", help="use this bootstrap instead of building one")
    parser.add_argument("--invocations", type=int, default=1000)
    parser.add_argument("--cold-starts", type=int, default=10)
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args()

    import logging
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    bootstrap = args.bootstrap or build()
    moto = moto_server.start()
    try:
        seeded = seed.seed(moto.url, ACCOUNT, REGION)
        log_dir = tempfile.mkdtemp(prefix="idckmsguard-bench-")
        figures = {
            "bootstrap_bytes": os.path.getsize(bootstrap),
            "cold_start": cold_starts(bootstrap, moto.url, seeded, args.cold_starts, log_dir),
            "long_run": long_run(bootstrap, moto.url, seeded, args.invocations, log_dir),
            "logs": log_dir,
        }
    finally:
        moto.stop()

    run = figures["long_run"]
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        cold = figures["cold_start"]
        print(f"bootstrap: {figures['bootstrap_bytes'] / 1e6:.1f} MB")
        print(f"cold start over {cold['runs']} processes: init (start to first GET next) median {cold['init_ms_median']} ms, max {cold['init_ms_max']} ms;"
              f" start to first response median {cold['first_response_ms_median']} ms, max {cold['first_response_ms_max']} ms")
        print(f"{run['invocations']} invocations: {run['wrong_answers']} wrong answers, process alive: {run['process_alive_after']}")
        print(f"  latency per invocation (emulator round trip, stand-in AWS calls included): median {run['latency_ms_median']} ms, p99 {run['latency_ms_p99']} ms")
        print(f"  resident set every 100 invocations (KiB): {run['rss_kib_samples']}")
        print(f"  growth after warm-up: {run['rss_kib_growth_after_warmup']} KiB; peak {run['peak_rss_kib'] / 1024:.1f} MiB; flat: {run['flat_memory']}")
    healthy = run["wrong_answers"] == 0 and run["process_alive_after"] and run["flat_memory"]
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
