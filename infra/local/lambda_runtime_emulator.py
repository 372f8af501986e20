"""A local stand-in for the Lambda Runtime API (2018-06-01), enough to run the guard's real `bootstrap`.

The emulator queues invocations and serves them to `GET /runtime/invocation/next`, then collects what the
function posts to `/response`, `/error` or `/init/error`. `invoke()` blocks until the function answers, like a
synchronous Lambda invoke. Importable (`RuntimeEmulator`, `BootstrapProcess`); it has no CLI of its own: the demo
and the benchmark drive it.
"""
from __future__ import annotations

import json
import os
import queue
import subprocess
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

    def json(self):
        return json.loads(self.body)


class RuntimeEmulator:
    def __init__(self, host: str = "127.0.0.1", port: int = 0, function_name: str = "idckmsguard-local",
                 timeout_seconds: float = 60.0):
        self.function_arn = f"arn:aws:lambda:us-east-1:111122223333:function:{function_name}"
        self.timeout_seconds = timeout_seconds
        self.init_errors: list[dict] = []
        self.next_requests: list[float] = []  # perf_counter() of each GET next, for start-up timing
        self._pending: queue.Queue[tuple[str, bytes]] = queue.Queue()
        self._results: dict[str, queue.Queue[InvocationResult]] = {}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer((host, port), self._handler_class())
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
                deadline_ms = int((time.time() + emulator.timeout_seconds) * 1000)
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
                    if emulator._complete(parts[1], InvocationResult(parts[1], ok, body, error_type)):
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
