"""The Infoscope kernel as Jupyter sees it: the jupyter_kernel_test conformance checks, then
interrupts and a crashed child, through jupyter_client.

Run from scripts/test-jupyter.sh, which builds `infoscope`, installs the kernel spec and sets
INFOSCOPE_BINARY.
"""

import os
import signal
import time
import unittest
from pathlib import Path

import jupyter_kernel_test
from jupyter_client.manager import start_new_kernel

# Only a hang reaches these: every reply the tests wait for is quick.
TIMEOUT = 60

TRAIN_A_LITTLE = (
    "network tiny { input [1, 28, 28]; flatten; dense(10) }\n"
    "let run = train(tiny(), on: glyphs(200, seed: 0), epochs: 1, batch: 50, seed: 0)"
)


class ConformanceTests(jupyter_kernel_test.KernelTests):
    kernel_name = "infoscope"
    language_name = "infoscope"
    file_extension = ".isc"

    code_hello_world = 'print "hello, world"'
    # Training reports its progress on standard error.
    code_stderr = TRAIN_A_LITTLE
    code_generate_error = "print 1 / 0"
    code_execute_result = [{"code": "6 * 7", "result": "42"}, {"code": '"a" + "b"', "result": '"ab"'}]
    code_display_data = [{"code": 'plot [1, 4, 9], to: "{temp_dir()}/squares.svg"', "mime": "image/svg+xml"},
                         {"code": 'plot [1, 4, 9], to: "{temp_dir()}/squares.png"', "mime": "image/png"}]
    completion_samples = [{"text": "pri", "matches": {"print"}}, {"text": "fisher_tr", "matches": {"fisher_trace"}}]
    complete_code_samples = ["let x = 1", "fn f() { return 1 }", "if true {\n}\n"]
    incomplete_code_samples = ["fn f() {", "let xs = [1,", 'print "abc', "let y = 1 +"]
    invalid_code_samples = ["print )", "let = 1", "print ) {"]
    code_inspect_sample = "fisher_trace"


class SessionTests(unittest.TestCase):
    """What conformance does not cover: interrupting a running cell, and a child that dies."""

    def setUp(self):
        self.km, self.kc = start_new_kernel(kernel_name="infoscope")

    def tearDown(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)

    def run_cell(self, code, until_output=None):
        """Executes `code`; returns the reply and the cell's output messages. With
        `until_output`, returns as soon as a stream containing it arrives (reply None).

        Cells are sent with stop_on_error off: Jupyter otherwise aborts requests that arrive in
        the moment after a failed one, and these tests send the next cell straight away."""
        msg_id = self.kc.execute(code, stop_on_error=False)
        outputs = []
        while True:
            message = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            kind = message["msg_type"]
            if kind == "status" and message["content"]["execution_state"] == "idle":
                break
            if kind in ("stream", "display_data", "execute_result", "error"):
                outputs.append(message)
                if until_output and kind == "stream" and until_output in message["content"]["text"]:
                    return None, outputs
        return self.kc.get_shell_msg(timeout=TIMEOUT), outputs

    def result_text(self, outputs):
        results = [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"]
        return results[-1] if results else None

    def test_interrupt_stops_the_cell_and_keeps_the_session(self):
        _, _ = self.run_cell("let x = 42")
        self.run_cell('print "loop started"\nwhile true {}', until_output="loop started")
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        reply, outputs = self.run_cell("x")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(self.result_text(outputs), "42")

    def test_a_run_shows_as_a_table(self):
        reply, _ = self.run_cell(TRAIN_A_LITTLE)
        self.assertEqual(reply["content"]["status"], "ok")
        _, outputs = self.run_cell("run")
        shown = [m for m in outputs if m["msg_type"] == "execute_result"][-1]["content"]["data"]
        self.assertIn("<table", shown["text/html"])
        self.assertTrue(shown["text/plain"].startswith("run: 1 epoch"))

    def test_error_names_cell_line_and_column(self):
        reply, outputs = self.run_cell("let a = 1\nprint a / 0")
        self.assertEqual(reply["content"]["status"], "error")
        errors = [m["content"] for m in outputs if m["msg_type"] == "error"]
        self.assertEqual(len(errors), 1)
        count = reply["content"]["execution_count"]
        self.assertTrue(errors[0]["traceback"][0].startswith(f"[{count}]:2:7: error: division by zero"), errors[0])

    def test_crashed_child_is_restarted_with_a_message(self):
        reply, _ = self.run_cell("let x = 1")
        self.assertEqual(reply["content"]["status"], "ok")
        child = child_of(self.km.provisioner.process.pid)
        os.kill(child, signal.SIGKILL)
        reply, outputs = self.run_cell("1 + 1")
        self.assertEqual(reply["content"]["status"], "error")
        said = "".join(m["content"].get("text", "") for m in outputs if m["msg_type"] == "stream")
        self.assertIn("stopped unexpectedly (signal 9)", said)
        self.assertIn("variables and definitions of the old session are gone", said)
        # The new session works, and the old one's variables are indeed gone.
        reply, outputs = self.run_cell("2 + 2")
        self.assertEqual(self.result_text(outputs), "4")
        reply, outputs = self.run_cell("x")
        self.assertEqual(reply["content"]["status"], "error")


def child_of(pid):
    """The process id of the infoscope child of kernel process `pid`."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        for task in Path(f"/proc/{pid}/task").iterdir():
            children = (task / "children").read_text().split()
            for child in children:
                if Path(f"/proc/{child}/exe").resolve().name == "infoscope":
                    return int(child)
        time.sleep(0.1)
    raise AssertionError(f"kernel {pid} has no infoscope child")


if __name__ == "__main__":
    unittest.main()
