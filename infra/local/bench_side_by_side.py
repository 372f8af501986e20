"""Side by side, in one run: the Native AOT `bootstrap`, the same function JIT-compiled, and a minimal Python/boto3
function doing the same reads (infra/local/python_guard.py), each a fresh process per run, interleaved run by run.

Every run hands its process one real event (EnableKey on the key Identity Center uses, a new event id each time, so
every run does the whole work) through the local Runtime API, with the stand-in behind a small proxy that can add a
fixed delay to every AWS call. It prints, per function: init (process start to the first GET next), first response
(process start to the answer), peak resident set, the AWS calls made, and the sequential AWS rounds before the first
response (the time the delay added, divided by the delay); then the ratios, of the first response and of the
function's own time (the first response less the span from its first AWS call to its last answer, which is mostly the
stand-in's: work between calls counts there too). It also shows where the AOT bootstrap's first invocation spends
its time.

    python3 infra/local/bench_side_by_side.py [--aot PATH] [--jit PATH] [--before PATH] [--runs 10] [--latency-ms 20] [--json]

--before adds another AOT bootstrap (an earlier commit's) to the same interleaved runs: a before/after table.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import moto_server  # noqa: E402
import seed  # noqa: E402
from bench_runtime import function_environment  # noqa: E402
from demo import build  # noqa: E402
from lambda_runtime_emulator import BootstrapProcess, RuntimeEmulator  # noqa: E402
from measure_alert_path import RequestLog  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

ACCOUNT = "111122223333"
REGION = "us-east-1"
PYTHON_GUARD = os.path.join(HERE, "python_guard.py")


class DelayingProxy:
    """WSGI middleware in front of the stand-in: every AWS call waits `delay_ms` before it is served, and its start
    and end are logged."""

    def __init__(self, app):
        self.log = RequestLog(app)
        self.delay_ms = 0.0
        self.lock = threading.Lock()
        self.spans: list[tuple[float, float]] = []

    def __call__(self, environ, start_response):
        began = time.perf_counter()
        if self.delay_ms:
            time.sleep(self.delay_ms / 1000)
        body = self.log(environ, start_response)
        with self.lock:
            self.spans.append((began, time.perf_counter()))
        return body

    def calls_between(self, start: float, end: float) -> list[str]:
        return [op for t, op in self.log.since(start) if t <= end]

    def spans_between(self, start: float, end: float) -> list[tuple[float, float]]:
        with self.lock:
            return [s for s in self.spans if start <= s[0] <= end]


def spread(values: list[float]) -> float:
    """The middle half's width (p75 - p25)."""
    quartiles = statistics.quantiles(values, n=4)
    return quartiles[2] - quartiles[0]


def build_jit() -> str:
    output = os.path.join(ROOT, "artifacts", "jit")
    print("Building the JIT bootstrap (dotnet publish -p:PublishAot=false)...", flush=True)
    subprocess.run(
        ["dotnet", "publish", os.path.join(ROOT, "functions", "IdcKmsGuard.Function", "IdcKmsGuard.Function.csproj"),
         "-c", "Release", "-r", "linux-x64", "-p:PublishAot=false", "--self-contained", "-o", output, "--nologo", "-v", "quiet"],
        check=True)
    return os.path.join(output, "bootstrap")


def one_run(name: str, path: str, proxy: DelayingProxy, environment: dict, event: bytes, log_dir: str, run: int) -> dict:
    emulator = RuntimeEmulator().start()
    function = BootstrapProcess(path, emulator, environment, os.path.join(log_dir, f"{name}-{run}-{proxy.delay_ms:g}ms.log"))
    try:
        result = emulator.invoke(event.replace(b'"eventID": "', f'"eventID": "{name}{run}-{proxy.delay_ms:g}-'.encode()))
        answered = time.perf_counter()
        if not result.ok or result.json().get("disposition") != "Healthy":
            raise RuntimeError(f"{name} run {run} did not do the work: {result.body!r}")
        memory = function.memory_kib()
    finally:
        function.stop()
        emulator.stop()
    started = function.started_at
    first_call = min((s for s, _ in proxy.spans_between(started, answered)), default=answered)
    last_answer = max((e for _, e in proxy.spans_between(started, answered)), default=answered)
    return {
        "init_ms": (emulator.next_requests[0] - started) * 1000,
        "first_response_ms": (answered - started) * 1000,
        "peak_rss_kib": memory["VmHWM"],
        "calls": proxy.calls_between(started, answered),
        # Where the first invocation's time goes: start-up, then work before the first AWS call, the AWS calls, the rest.
        "to_first_call_ms": (first_call - emulator.next_requests[0]) * 1000,
        "aws_ms": (last_answer - first_call) * 1000,
        "after_last_call_ms": (answered - last_answer) * 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--aot", help="the Native AOT bootstrap (default: build it)")
    parser.add_argument("--jit", help="the JIT-compiled bootstrap (default: build it)")
    parser.add_argument("--before", help="an earlier build of the AOT bootstrap, compared in the same runs")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--latency-ms", type=float, default=20.0, help="the delay added to every AWS call in the second pass")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    import logging
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    functions = {"aot": args.aot or build(), "jit": args.jit or build_jit(), "python": PYTHON_GUARD}
    if args.before:
        functions["aot-before"] = args.before
    moto_server.apply_extensions()
    proxy = DelayingProxy(moto_server.DomainDispatcherApplication(moto_server.create_backend_app))
    server = make_server("127.0.0.1", 0, proxy, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    seeded = seed.seed(url, ACCOUNT, REGION)
    environment = {**function_environment(url, seeded), "AWS_DEFAULT_REGION": REGION}
    with open(os.path.join(ROOT, "events", "kms-enable-key.json"), "rb") as source:
        event = source.read().replace(b"mrk-1234abcd12ab34cd56ef1234567890ab", seeded["keyId"].encode())
    log_dir = tempfile.mkdtemp(prefix="idckmsguard-side-by-side-")
    results: dict[str, dict[float, list[dict]]] = {name: {0.0: [], args.latency_ms: []} for name in functions}
    try:
        for delay in (0.0, args.latency_ms):
            proxy.delay_ms = delay
            for run in range(args.runs):
                # Interleaved, and the order turned each run: drift of the machine hits every function alike.
                names = list(functions)
                names = names[run % len(names):] + names[:run % len(names)]
                for name in names:
                    results[name][delay].append(one_run(name, functions[name], proxy, environment, event, log_dir, run))
    finally:
        server.shutdown()

    figures = {"runs": args.runs, "latency_ms": args.latency_ms, "logs": log_dir, "functions": {}}
    for name, by_delay in results.items():
        plain, delayed = by_delay[0.0], by_delay[args.latency_ms]
        median = lambda runs, field: statistics.median(r[field] for r in runs)  # noqa: E731
        first, first_delayed = median(plain, "first_response_ms"), median(delayed, "first_response_ms")
        figures["functions"][name] = {
            "init_ms": round(median(plain, "init_ms"), 1),
            "first_response_ms": round(first, 1),
            "first_response_ms_with_latency": round(first_delayed, 1),
            "sequential_rounds": round((first_delayed - first) / args.latency_ms, 1),
            # The rounds figure means something only when the runs' spread is well below the added time.
            "first_response_spread_ms": round(spread([r["first_response_ms"] for r in plain]), 1),
            "peak_rss_mib": round(median(plain, "peak_rss_kib") / 1024, 1),
            # The last run's: the first process of a run also announces the configuration version once.
            "aws_calls": len(plain[-1]["calls"]),
            "calls": plain[-1]["calls"],
            "breakdown_ms": {field: round(median(plain, field), 1) for field in ("to_first_call_ms", "aws_ms", "after_last_call_ms")},
            # What the function itself takes: the first response less the span of its AWS calls (the stand-in's time).
            "own_ms": round(statistics.median(r["first_response_ms"] - r["aws_ms"] for r in plain), 1),
        }
    aot = figures["functions"]["aot"]
    figures["jit_over_aot"] = round(figures["functions"]["jit"]["first_response_ms"] / aot["first_response_ms"], 1)
    figures["python_over_aot"] = round(figures["functions"]["python"]["first_response_ms"] / aot["first_response_ms"], 1)
    figures["own_jit_over_aot"] = round(figures["functions"]["jit"]["own_ms"] / aot["own_ms"], 1)
    figures["own_python_over_aot"] = round(figures["functions"]["python"]["own_ms"] / aot["own_ms"], 1)

    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"{args.runs} fresh processes per function and delay, interleaved; one EnableKey event each (a healthy key)")
    print(f"{'function':<10} {'init ms':>8} {'first response ms':>18} {'p75-p25':>8} {f'+{args.latency_ms:g} ms/call':>14} {'rounds':>7} "
          f"{'peak MiB':>9} {'calls':>6} {'own ms':>7}")
    for name, f in figures["functions"].items():
        print(f"{name:<10} {f['init_ms']:>8} {f['first_response_ms']:>18} {f['first_response_spread_ms']:>8} {f['first_response_ms_with_latency']:>14} "
              f"{f['sequential_rounds']:>7} {f['peak_rss_mib']:>9} {f['aws_calls']:>6} {f['own_ms']:>7}")
    print(f"first response: JIT / AOT = {figures['jit_over_aot']}, Python / AOT = {figures['python_over_aot']}")
    print(f"own time (first response less the span of the AWS calls): JIT / AOT = {figures['own_jit_over_aot']}, "
          f"Python / AOT = {figures['own_python_over_aot']}")
    for name, f in figures["functions"].items():
        print(f"{name} calls: {', '.join(f['calls'])}")
    b = aot["breakdown_ms"]
    print(f"AOT first invocation: init {aot['init_ms']} ms, then {b['to_first_call_ms']} ms to the first AWS call, "
          f"{b['aws_ms']} ms of AWS calls, {b['after_last_call_ms']} ms to the answer")
    return 0


if __name__ == "__main__":
    sys.exit(main())
