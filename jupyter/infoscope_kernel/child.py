"""`infoscope --kernel` as a child process: requests out, events back (docs/kernel.md)."""

import itertools
import json
import os
import queue
import signal
import subprocess
import sys
import threading
from typing import Iterator, Optional

from .binary import find_binary

# How long a quick request (is_complete, complete, inspect) or the start-up may take before the
# child is taken for hung. Only a broken child reaches it; executes have no limit.
QUICK_TIMEOUT = 60.0
# How long `shutdown` waits for the child to leave before it is killed.
EXIT_TIMEOUT = 5.0


class ChildEnded(RuntimeError):
    """The child exited (or stopped answering) before finishing a request."""


class Child:
    """One running `infoscope --kernel`.

    A reader thread turns each line of the child's standard output into an event on a queue, so
    the kernel can wait for events and still notice an interrupt or the child's death. What the
    child writes on standard error (nothing, normally) goes to this process's standard error,
    which Jupyter keeps in its log.
    """

    def __init__(self, extra_arguments=()):
        self.binary = find_binary()
        self.process = subprocess.Popen(
            [str(self.binary), "--kernel", *extra_arguments],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            # SIGINT reaches the child only when forwarded, never from a terminal's Ctrl-C.
            start_new_session=True,
        )
        self.events: "queue.Queue[Optional[dict]]" = queue.Queue()
        self._ids = itertools.count(1)
        threading.Thread(target=self._read_events, daemon=True).start()
        threading.Thread(target=self._relay_errors, daemon=True).start()
        ready = self._next_event(QUICK_TIMEOUT)
        if ready.get("type") != "ready":
            raise ChildEnded(f"the infoscope kernel started with {ready!r} instead of 'ready'")
        self.version = ready.get("version", "")

    def _read_events(self):
        for line in self.process.stdout:
            try:
                self.events.put(json.loads(line))
            except json.JSONDecodeError:
                sys.stderr.write(f"infoscope kernel: not an event: {line!r}\n")
        self.events.put(None)  # The child closed its output: it has ended.

    def _relay_errors(self):
        for line in self.process.stderr:
            sys.stderr.write(line.decode("utf-8", "replace"))

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def describe_end(self) -> str:
        """How the child ended, in words ("exit status 70", "signal 9")."""
        status = self.process.poll()
        if status is None:
            return "it stopped answering"
        return f"signal {-status}" if status < 0 else f"exit status {status}"

    def interrupt(self):
        """Sends SIGINT: the child stops the running execute at its next safe point."""
        if self.alive:
            os.kill(self.process.pid, signal.SIGINT)

    def _next_event(self, timeout: Optional[float]) -> dict:
        try:
            event = self.events.get(timeout=timeout)
        except queue.Empty:
            raise ChildEnded("it did not answer") from None
        if event is None:
            self.process.wait()
            raise ChildEnded(self.describe_end())
        return event

    def request(self, type_: str, timeout: Optional[float] = QUICK_TIMEOUT, **fields) -> Iterator[dict]:
        """Sends one request and yields its events, its `done` last.

        Raises ChildEnded when the child ends (or, with a timeout, falls silent) first.
        """
        request_id = next(self._ids)
        line = json.dumps({"id": request_id, "type": type_, **fields}) + "\n"
        try:
            self.process.stdin.write(line.encode("utf-8"))
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            self.process.wait()
            raise ChildEnded(self.describe_end()) from None
        while True:
            event = self._wait(timeout)
            if event.get("id") != request_id:
                continue  # Left over from a request abandoned when the child fell silent.
            yield event
            if event.get("type") == "done":
                return

    def _wait(self, timeout: Optional[float]) -> dict:
        # Waiting in short slices keeps the main thread responsive to signals (the interrupt).
        remaining = timeout
        while True:
            slice_ = 0.2 if remaining is None else min(0.2, remaining)
            try:
                return self._next_event(slice_)
            except ChildEnded:
                if not self.alive or (remaining is not None and remaining <= slice_):
                    raise
                if remaining is not None:
                    remaining -= slice_

    def shutdown(self):
        """Asks the child to leave, and kills it when it does not within EXIT_TIMEOUT."""
        if self.alive:
            try:
                for _ in self.request("shutdown", timeout=EXIT_TIMEOUT):
                    pass
            except ChildEnded:
                pass
            try:
                self.process.wait(timeout=EXIT_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            try:
                stream.close()
            except OSError:
                pass
