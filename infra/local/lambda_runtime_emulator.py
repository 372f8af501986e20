"""A local stand-in for the Lambda Runtime API (2018-06-01) and for Lambda's delivery, enough to run the guard's
real `bootstrap` as Lambda does.

`RuntimeEmulator` queues invocations and serves them to `GET /runtime/invocation/next`, then collects what the
function posts to `/response`, `/error` or `/init/error`. `invoke()` blocks until the function answers, like a
synchronous Lambda invoke. `BootstrapProcess` is the `bootstrap` as Lambda starts it.

`LambdaFunction` adds what Lambda does around them:
* a function timeout: an invocation not answered by its deadline (plus a little slack) is a timeout, and the
  sandbox is killed (the process with it); the next invocation starts a new one, a cold start;
* asynchronous invocation (`invoke_async`): a failed or timed-out attempt is retried after the retry delays
  (Lambda's are 1 and 2 minutes; tests scale them down), then the event goes to the dead-letter list;
* SQS batches (`invoke_sqs`): the messages named in `batchItemFailures` (all of them when the invocation fails)
  are delivered again, up to the queue's receive limit, then go to the dead-letter list.

Importable; it has no CLI of its own: the demo, the benchmarks and the fault matrix drive it.
"""
from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PREFIX = "/2018-06-01/runtime"


@dataclass
class InvocationResult:
    request_id: str
    ok: bool
    body: bytes
    error_type: str | None = None
    timed_out: bool = False
    # When the function posted its answer, relative to the invocation's deadline (negative: before it).
    answered_before_deadline_ms: float | None = None

    def json(self):
        return json.loads(self.body)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A sandbox killed at its deadline drops its connections mid-request: expected, not worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class RuntimeEmulator:
    def __init__(self, host: str = "127.0.0.1", port: int = 0, function_name: str = "idckmsguard-local",
                 timeout_seconds: float = 60.0):
        self.function_arn = f"arn:aws:lambda:us-east-1:111122223333:function:{function_name}"
        self.timeout_seconds = timeout_seconds
        self.init_errors: list[dict] = []
        self.next_requests: list[float] = []  # perf_counter() of each GET next, for start-up timing
        self._deadlines: dict[str, float] = {}
        self._pending: queue.Queue[tuple[str, bytes]] = queue.Queue()
        self._results: dict[str, queue.Queue[InvocationResult]] = {}
        self._lock = threading.Lock()
        self._server = _QuietServer((host, port), self._handler_class())
        self._server.daemon_threads = True
        self.address = f"{self._server.server_address[0]}:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> "RuntimeEmulator":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def invoke(self, payload: bytes | str | dict, timeout: float = 60.0) -> InvocationResult:
        """Queue one invocation and wait for the function's response or error."""
        if isinstance(payload, dict):
            payload = json.dumps(payload)
        if isinstance(payload, str):
            payload = payload.encode("utf-8")
        request_id = str(uuid.uuid4())
        answer: queue.Queue[InvocationResult] = queue.Queue(maxsize=1)
        with self._lock:
            self._results[request_id] = answer
        self._pending.put((request_id, payload))
        try:
            return answer.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(f"the function did not answer invocation {request_id} within {timeout} s") from None
        finally:
            with self._lock:
                self._results.pop(request_id, None)

    def _complete(self, request_id: str, result: InvocationResult) -> bool:
        with self._lock:
            answer = self._results.get(request_id)
        if answer is None:
            return False
        answer.put(result)
        return True

    def _handler_class(self):
        emulator = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in separate writes; with Nagle on, each answer would wait for a delayed ACK.
            disable_nagle_algorithm = True

            def log_message(self, *args):  # the function's own log is what matters
                pass

            def do_GET(self):
                if self.path != f"{PREFIX}/invocation/next":
                    return self._reply(404, b'{"errorMessage":"unknown path"}')
                emulator.next_requests.append(time.perf_counter())
                request_id, payload = emulator._pending.get()
                deadline = time.time() + emulator.timeout_seconds
                emulator._deadlines[request_id] = deadline
                deadline_ms = int(deadline * 1000)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Lambda-Runtime-Aws-Request-Id", request_id)
                self.send_header("Lambda-Runtime-Deadline-Ms", str(deadline_ms))
                self.send_header("Lambda-Runtime-Invoked-Function-Arn", emulator.function_arn)
                self.send_header("Lambda-Runtime-Trace-Id", f"Root=1-{int(time.time()):08x}-{uuid.uuid4().hex[:24]};Sampled=0")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path == f"{PREFIX}/init/error":
                    emulator.init_errors.append(json.loads(body or b"{}"))
                    return self._reply(202, b'{"status":"OK"}')
                parts = self.path[len(PREFIX):].strip("/").split("/")
                if len(parts) == 3 and parts[0] == "invocation" and parts[2] in ("response", "error"):
                    ok = parts[2] == "response"
                    error_type = None if ok else self.headers.get("Lambda-Runtime-Function-Error-Type")
                    deadline = emulator._deadlines.pop(parts[1], None)
                    margin = None if deadline is None else round((time.time() - deadline) * 1000, 1)
                    result = InvocationResult(parts[1], ok, body, error_type, answered_before_deadline_ms=margin)
                    if emulator._complete(parts[1], result):
                        return self._reply(202, b'{"status":"OK"}')
                    return self._reply(400, b'{"errorMessage":"unknown request id","errorType":"InvalidRequestID"}')
                return self._reply(404, b'{"errorMessage":"unknown path"}')

            def _reply(self, status: int, body: bytes):
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


class BootstrapProcess:
    """The function's `bootstrap` as Lambda starts it: environment, Runtime API address, log to a file."""

    def __init__(self, path: str, emulator: RuntimeEmulator, environment: dict[str, str], log_path: str):
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update({
            "AWS_LAMBDA_RUNTIME_API": emulator.address,
            "AWS_LAMBDA_FUNCTION_NAME": "idckmsguard-local",
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256",
            "_HANDLER": "bootstrap",
            "LAMBDA_TASK_ROOT": os.path.dirname(os.path.abspath(path)),
        })
        env.update(environment)
        self.log_path = log_path
        self._log = open(log_path, "wb")
        self.started_at = time.perf_counter()
        self.process = subprocess.Popen([path], env=env, stdout=self._log, stderr=subprocess.STDOUT)

    @property
    def pid(self) -> int:
        return self.process.pid

    def memory_kib(self) -> dict[str, int]:
        """VmRSS (now) and VmHWM (peak resident set) of the process, from /proc."""
        values = {}
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = int(rest.split()[0])
        return values

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
        return self.process.returncode


@dataclass
class AsyncDelivery:
    """One event handed to Lambda asynchronously: every attempt, and whether it ended in the dead-letter list."""
    attempts: list[InvocationResult]
    dead_lettered: bool

    @property
    def final(self) -> InvocationResult:
        return self.attempts[-1]


@dataclass
class SqsDelivery:
    """One SQS batch: each message's attempts, and the messages that ended in the dead-letter list."""
    attempts: list[InvocationResult]
    receives: dict[str, int]
    dead_lettered: list[str]


class LambdaFunction:
    """A function as Lambda runs it: sandboxes that a timeout kills, async retries, SQS redelivery, dead letters."""

    # Lambda's own figures; tests pass smaller ones.
    ASYNC_RETRY_DELAYS = (60.0, 120.0)
    TIMEOUT_SLACK_SECONDS = 0.5

    def __init__(self, bootstrap: str, environment: dict[str, str], log_dir: str, timeout_seconds: float = 60.0,
                 retry_delays: tuple[float, ...] = ASYNC_RETRY_DELAYS, sqs_visibility_seconds: float = 0.0,
                 sqs_max_receives: int = 5, name: str = "guard", timeout_slack_seconds: float = TIMEOUT_SLACK_SECONDS):
        self.bootstrap = bootstrap
        self.environment = environment
        self.log_dir = log_dir
        self.timeout_seconds = timeout_seconds
        self.retry_delays = retry_delays
        self.sqs_visibility_seconds = sqs_visibility_seconds
        self.sqs_max_receives = sqs_max_receives
        self.name = name
        self.timeout_slack_seconds = timeout_slack_seconds
        self.dead_letters: list[bytes] = []
        self.cold_starts = 0
        self.timeouts = 0
        self._sandbox: tuple[RuntimeEmulator, BootstrapProcess] | None = None

    def invoke(self, payload: bytes | str | dict) -> InvocationResult:
        """One synchronous invocation; a timeout kills the sandbox and answers Sandbox.Timedout, as Lambda does."""
        emulator, _ = self._warm_sandbox()
        try:
            return emulator.invoke(payload, timeout=self.timeout_seconds + self.timeout_slack_seconds)
        except TimeoutError:
            self.timeouts += 1
            self._kill_sandbox()
            message = f"Task timed out after {self.timeout_seconds:.2f} seconds"
            body = json.dumps({"errorType": "Sandbox.Timedout", "errorMessage": message}).encode()
            return InvocationResult("timed-out", False, body, "Sandbox.Timedout", timed_out=True)

    def invoke_async(self, payload: bytes | str | dict) -> AsyncDelivery:
        attempts = [self.invoke(payload)]
        for delay in self.retry_delays:
            if attempts[-1].ok:
                break
            time.sleep(delay)
            attempts.append(self.invoke(payload))
        dead = not attempts[-1].ok
        if dead:
            self.dead_letters.append(payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                                     if isinstance(payload, dict) else payload.encode())
        return AsyncDelivery(attempts, dead)

    def invoke_sqs(self, bodies: list[str], queue_arn: str = "arn:aws:sqs:us-east-1:111122223333:follow-ups") -> SqsDelivery:
        pending = [(str(uuid.uuid4()), body) for body in bodies]
        receives: dict[str, int] = {}
        attempts: list[InvocationResult] = []
        dead: list[str] = []
        while pending:
            for message_id, _ in pending:
                receives[message_id] = receives.get(message_id, 0) + 1
            records = [{
                "messageId": message_id, "receiptHandle": uuid.uuid4().hex, "body": body,
                "attributes": {"ApproximateReceiveCount": str(receives[message_id]),
                               "SentTimestamp": str(int(time.time() * 1000))},
                "messageAttributes": {}, "md5OfBody": "", "eventSource": "aws:sqs", "eventSourceARN": queue_arn,
                "awsRegion": queue_arn.split(":")[3],
            } for message_id, body in pending]
            result = self.invoke({"Records": records})
            attempts.append(result)
            failed = {m for m, _ in pending} if not result.ok else {
                f["itemIdentifier"] for f in (result.json().get("batchItemFailures") or [])}
            again = [(m, b) for m, b in pending if m in failed]
            dead += [m for m, _ in again if receives[m] >= self.sqs_max_receives]
            pending = [(m, b) for m, b in again if receives[m] < self.sqs_max_receives]
            if pending:
                time.sleep(self.sqs_visibility_seconds)
        return SqsDelivery(attempts, receives, dead)

    def memory_kib(self) -> dict[str, int]:
        return self._warm_sandbox()[1].memory_kib()

    def stop(self) -> None:
        if self._sandbox is not None:
            emulator, process = self._sandbox
            process.stop()
            emulator.stop()
            self._sandbox = None

    def _warm_sandbox(self) -> tuple[RuntimeEmulator, BootstrapProcess]:
        if self._sandbox is None or self._sandbox[1].process.poll() is not None:
            if self._sandbox is not None:
                self._sandbox[0].stop()
            self.cold_starts += 1
            emulator = RuntimeEmulator(timeout_seconds=self.timeout_seconds).start()
            log = os.path.join(self.log_dir, f"{self.name}-{self.cold_starts}.log")
            self._sandbox = (emulator, BootstrapProcess(self.bootstrap, emulator, self.environment, log))
        return self._sandbox

    def _kill_sandbox(self) -> None:
        emulator, process = self._sandbox
        process.process.kill()
        process.process.wait()
        process.stop()
        emulator.stop()
        self._sandbox = None
