"""Self test of lambda_runtime_emulator.py's Lambda semantics, with a small Python function in place of `bootstrap`.

    python3 -m unittest infra/local/test_lambda_emulator.py

The function speaks the Runtime API like the guard's bootstrap. Each payload tells it what to do: answer, fail,
fail the first N deliveries (counted in a file, since a timeout restarts the process), run past its deadline, or
answer an SQS batch naming some messages as failed.
"""
import json
import os
import sys
import tempfile
import textwrap
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from lambda_runtime_emulator import LambdaFunction  # noqa: E402

FUNCTION = textwrap.dedent('''\
    #!/usr/bin/env python3
    import json, os, time, urllib.request
    api = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime/invocation/"
    while True:
        with urllib.request.urlopen(api + "next") as response:
            request_id = response.headers["Lambda-Runtime-Aws-Request-Id"]
            deadline_ms = int(response.headers["Lambda-Runtime-Deadline-Ms"])
            event = json.loads(response.read())
        def post(path, body, headers=None):
            urllib.request.urlopen(urllib.request.Request(api + request_id + "/" + path, data=json.dumps(body).encode(), headers=headers or {}, method="POST")).read()
        if "Records" in event:
            failed = [r["messageId"] for r in event["Records"] if r["body"] == "fail" or (r["body"] == "fail-once" and r["attributes"]["ApproximateReceiveCount"] == "1")]
            post("response", {"batchItemFailures": [{"itemIdentifier": m} for m in failed]})
            continue
        action = event["action"]
        if action == "fail-first":
            counter = event["counter"]
            seen = int(open(counter).read()) if os.path.exists(counter) else 0
            open(counter, "w").write(str(seen + 1))
            action = "fail" if seen < event["times"] else "ok"
        if action == "hang":
            time.sleep(60)
        if action == "fail":
            post("error", {"errorType": "Injected", "errorMessage": "as asked"}, {"Lambda-Runtime-Function-Error-Type": "Injected"})
        else:
            post("response", {"done": True, "msLeft": deadline_ms - int(time.time() * 1000)})
''')


class LambdaFunctionTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="idckmsguard-emulator-")
        self.path = os.path.join(self.dir, "bootstrap")
        with open(self.path, "w") as out:
            out.write(FUNCTION)
        os.chmod(self.path, 0o755)
        self.function = LambdaFunction(self.path, {}, self.dir, timeout_seconds=1.0, retry_delays=(0.1, 0.2))

    def tearDown(self):
        self.function.stop()

    def test_an_invocation_gets_a_deadline_one_timeout_away(self):
        result = self.function.invoke({"action": "ok"})
        self.assertTrue(result.ok)
        self.assertTrue(0 < result.json()["msLeft"] <= 1000)
        self.assertLess(result.answered_before_deadline_ms, 0)

    def test_asynchronous_retries_deliver_again_until_an_attempt_succeeds(self):
        delivery = self.function.invoke_async({"action": "fail-first", "times": 2, "counter": os.path.join(self.dir, "n")})
        self.assertEqual([a.ok for a in delivery.attempts], [False, False, True])
        self.assertFalse(delivery.dead_lettered)
        self.assertEqual(self.function.dead_letters, [])

    def test_an_event_that_fails_every_attempt_goes_to_the_dead_letters(self):
        delivery = self.function.invoke_async({"action": "fail"})
        self.assertEqual([a.error_type for a in delivery.attempts], ["Injected"] * 3)
        self.assertTrue(delivery.dead_lettered)
        self.assertEqual([json.loads(d) for d in self.function.dead_letters], [{"action": "fail"}])

    def test_a_timeout_kills_the_sandbox_and_the_next_invocation_starts_a_new_one(self):
        started = time.perf_counter()
        result = self.function.invoke({"action": "hang"})
        self.assertLess(time.perf_counter() - started, 3)
        self.assertTrue(result.timed_out)
        self.assertEqual(result.error_type, "Sandbox.Timedout")
        self.assertTrue(self.function.invoke({"action": "ok"}).ok)
        self.assertEqual((self.function.cold_starts, self.function.timeouts), (2, 1))

    def test_sqs_redelivers_only_the_failed_messages_until_the_receive_limit(self):
        self.function.sqs_max_receives = 3
        delivery = self.function.invoke_sqs(["ok", "fail-once", "fail"])
        self.assertEqual(len(delivery.attempts), 3)
        self.assertEqual(sorted(delivery.receives.values()), [1, 2, 3])
        self.assertEqual(len(delivery.dead_lettered), 1)


if __name__ == "__main__":
    unittest.main()
