"""The Jupyter kernel: ipykernel's wrapper-kernel API on top of `infoscope --kernel`."""

import signal

from ipykernel.kernelbase import Kernel

from . import __version__
from .binary import BinaryNotFound
from .child import Child, ChildEnded


class InfoscopeKernel(Kernel):
    """Relays each Jupyter request to the child `infoscope --kernel` and its events back.

    The child holds the session (variables persist across cells). An interrupt reaches this
    process as SIGINT (the kernelspec's default interrupt mode) and is passed on to the child,
    which stops the running cell at its next safe point and keeps the session. A child that
    ends unexpectedly is started again at once, and the cell that was running says so.
    """

    implementation = "infoscope_kernel"
    implementation_version = __version__
    language = "infoscope"
    language_version = ""
    language_info = {
        "name": "infoscope",
        "mimetype": "text/x-infoscope",
        "file_extension": ".isc",
        "pygments_lexer": "text",
        "codemirror_mode": "null",
    }
    banner = "Infoscope: a language for finding out where the information in a deep network is."

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._child = None
        # Set when a child was found dead and replaced outside a cell (while completing, say):
        # the next cell says so instead of running in a session the user does not expect.
        self._unannounced_restart = None

    # The child is started on first use, so a missing binary is reported in the cell that
    # needed it rather than as a kernel that dies while starting.
    def _ensure_child(self) -> Child:
        if self._child is not None and not self._child.alive:
            self._unannounced_restart = self._restart_after(ChildEnded(self._child.describe_end()))
        if self._child is None:
            self._child = Child()
            self.language_version = self._child.version
        return self._child

    def _restart_after(self, ended: ChildEnded) -> str:
        """Starts a fresh child after `ended` and says what happened, for the user."""
        old, self._child = self._child, None
        if old is not None:
            old.shutdown()
        message = (
            f"The Infoscope process stopped unexpectedly ({ended}). A new one has been started; "
            "the variables and definitions of the old session are gone. Run the cells it needs again."
        )
        try:
            self._child = Child()
            self.language_version = self._child.version
        except (BinaryNotFound, ChildEnded, OSError) as error:
            message += f" Starting it again failed: {error}"
        return message

    def _stream(self, name, text):
        self.send_response(self.iopub_socket, "stream", {"name": name, "text": text})

    def _error_reply(self, ename, evalue, traceback):
        return {
            "status": "error",
            "execution_count": self.execution_count,
            "ename": ename,
            "evalue": evalue,
            "traceback": traceback,
        }

    def do_execute(self, code, silent, store_history=True, user_expressions=None, allow_stdin=False, *, cell_id=None):
        try:
            child = self._ensure_child()
        except (BinaryNotFound, ChildEnded, OSError) as error:
            if not silent:
                self._stream("stderr", f"{error}\n")
            return self._error_reply("KernelError", str(error), [str(error)])
        if self._unannounced_restart:
            message, self._unannounced_restart = self._unannounced_restart, None
            if not silent:
                self._stream("stderr", message + "\n")
            return self._error_reply("KernelRestarted", message, [message])
        first_error = None
        done = {}
        forwarded = signal.getsignal(signal.SIGINT)
        signal.signal(signal.SIGINT, lambda *_: child.interrupt())
        try:
            for event in child.request("execute", timeout=None, code=code, execution_count=self.execution_count):
                kind = event.get("type")
                if kind == "done":
                    done = event
                elif silent:
                    continue
                elif kind == "stream":
                    self._stream(event.get("name", "stdout"), event.get("text", ""))
                elif kind == "display":
                    self._display(event)
                elif kind == "error":
                    first_error = first_error or event
                    self.send_response(self.iopub_socket, "error", self._error_content(event))
        except ChildEnded as ended:
            message = self._restart_after(ended)
            if not silent:
                self._stream("stderr", message + "\n")
            return self._error_reply("KernelRestarted", message, [message])
        finally:
            signal.signal(signal.SIGINT, forwarded)
        status = done.get("status", "error")
        if status == "ok":
            return {"status": "ok", "execution_count": self.execution_count, "payload": [], "user_expressions": {}}
        if status == "aborted":
            return self._error_reply("Interrupted", "interrupted", ["interrupted"])
        content = self._error_content(first_error or {"message": "the cell failed"})
        return self._error_reply(content["ename"], content["evalue"], content["traceback"])

    def _display(self, event):
        data = event.get("data", {})
        if event.get("result"):
            content = {"execution_count": self.execution_count, "data": data, "metadata": {}}
            self.send_response(self.iopub_socket, "execute_result", content)
        else:
            self.send_response(self.iopub_socket, "display_data", {"data": data, "metadata": {}})

    @staticmethod
    def _error_content(event):
        where = event.get("entry")
        message = event.get("message", "")
        traceback = event.get("traceback") or (f"{where}: error: {message}" if where else f"error: {message}")
        return {
            "ename": "Error",
            "evalue": message,
            "traceback": traceback.rstrip("\n").split("\n"),
        }

    def _quick(self, type_, **fields):
        """The `done` event of a quick request, or None when the child could not answer."""
        try:
            child = self._ensure_child()
            done = {}
            for event in child.request(type_, **fields):
                done = event
            return done
        except ChildEnded as ended:
            self._unannounced_restart = self._restart_after(ended)
            self.log.warning(self._unannounced_restart)
        except (BinaryNotFound, OSError) as error:
            self.log.warning(str(error))
        return None

    def do_is_complete(self, code):
        done = self._quick("is_complete", code=code)
        if done is None:
            return {"status": "unknown"}
        reply = {"status": done.get("completeness", "unknown")}
        if reply["status"] == "incomplete":
            reply["indent"] = done.get("indent", "")
        return reply

    def do_complete(self, code, cursor_pos):
        cursor_pos = len(code) if cursor_pos is None else cursor_pos
        done = self._quick("complete", code=code, cursor_pos=cursor_pos) or {}
        return {
            "status": "ok",
            "matches": done.get("matches", []),
            "cursor_start": done.get("cursor_start", cursor_pos),
            "cursor_end": done.get("cursor_end", cursor_pos),
            "metadata": {},
        }

    def do_inspect(self, code, cursor_pos, detail_level=0, omit_sections=()):
        done = self._quick("inspect", code=code, cursor_pos=cursor_pos) or {}
        found = bool(done.get("found"))
        return {"status": "ok", "found": found, "data": done.get("data", {}) if found else {}, "metadata": {}}

    def do_shutdown(self, restart):
        if self._child is not None:
            self._child.shutdown()
            self._child = None
        return {"status": "ok", "restart": restart}
