"""Run llama-cpp-python's OpenAI-compatible server as a child process on 127.0.0.1.

The local model is then reached through exactly the same client code as any
hosted endpoint. One server per model per process, started on first use on a
free port, stopped at exit. A server that dies (a crash, an instruction the CPU
lacks, a kill) is noticed at the next failed connection, reported once on stderr
with its exit signal and log, and never restarted in that process: the run stops
asking it.
"""

from __future__ import annotations

import atexit
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

READY_TIMEOUT_S = 300.0
N_CTX = 8192
# What a death by signal most likely means, for the one message a user sees.
SIGNAL_HINTS: dict[int, str] = {
    signal.SIGILL: "the llama.cpp build uses an instruction this CPU lacks; reinstall the "
    "portable build with `make install-local`",
    signal.SIGKILL: "killed from outside (or by the kernel when memory ran out)",
    signal.SIGSEGV: "llama.cpp crashed",
}


class ServerError(RuntimeError):
    """The local model server would not start."""


@dataclass
class LocalServer:
    model: Path
    port: int
    process: subprocess.Popen
    log: Path
    reported: bool = False

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def death(self) -> str | None:
        """Why the server is gone (its exit signal or code and its log), None while it runs."""
        code = self.process.poll()
        if code is None:
            return None
        message = f"local model server died ({exit_cause(code)}); its log: {self.log}"
        with _report_lock:
            first, self.reported = not self.reported, True
        if first:
            print(message, file=sys.stderr, flush=True)
        return message

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


_servers: dict[Path, LocalServer] = {}
_lock = threading.Lock()
_report_lock = threading.Lock()


def _die_with_parent() -> None:
    """Linux: the server gets SIGTERM if we die without running atexit (kill, crash)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def exit_cause(code: int) -> str:
    """'signal SIGILL: <hint>' for a death by signal, else 'exit code N'."""
    if code >= 0:
        return f"exit code {code}"
    try:
        sig = signal.Signals(-code)
    except ValueError:
        return f"signal {-code}"
    hint = SIGNAL_HINTS.get(sig)
    return f"signal {sig.name}" + (f": {hint}" if hint else "")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_threads() -> int:
    """$EXTRACTOR_LLAMA_THREADS, else all cores but one.

    llama.cpp's threads meet at a barrier after every operation; when they outnumber the
    cores left free (the extractor, other work), each token waits on descheduled threads
    and decoding slows tenfold. One core spare keeps them running.
    """
    env = os.environ.get("EXTRACTOR_LLAMA_THREADS")
    return int(env) if env else max(1, (os.cpu_count() or 2) - 1)


def server_python() -> str:
    """$EXTRACTOR_LLAMA_PYTHON (a venv with llama-cpp-python[server]) or this interpreter."""
    return os.environ.get("EXTRACTOR_LLAMA_PYTHON", sys.executable)


def server_command(model: Path, port: int) -> list[str]:
    return [
        server_python(),
        "-m",
        "llama_cpp.server",
        "--model",
        str(model),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        str(N_CTX),
        "--n_threads",
        str(server_threads()),
        "--n_threads_batch",
        str(server_threads()),
        "--seed",
        "0",
    ]


def _wait_ready(server: LocalServer, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            tail = server.log.read_text(errors="replace")[-800:]
            raise ServerError(
                f"llama_cpp.server exited ({exit_cause(server.process.returncode)}); "
                "install the extra "
                f"`pip install 'vn-trade-extractor[local]'` or set EXTRACTOR_LLAMA_PYTHON. "
                f"Log tail:\n{tail}"
            )
        try:
            with urllib.request.urlopen(f"{server.base_url}/models", timeout=2) as reply:
                if reply.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    server.stop()
    raise ServerError(f"llama_cpp.server not ready after {timeout_s:.0f}s (log {server.log})")


def ensure_server(model: Path, *, timeout_s: float = READY_TIMEOUT_S) -> LocalServer:
    """The running server for ``model``, starting it on first use."""
    with _lock:
        running = _servers.get(model)
        if running:
            if cause := running.death():
                raise ServerError(cause)
            return running
        port = free_port()
        log = Path(tempfile.gettempdir()) / f"vn-extractor-llama-{port}.log"
        handle = log.open("wb")
        process = subprocess.Popen(
            server_command(model, port),
            stdout=handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=tempfile.gettempdir(),
            preexec_fn=_die_with_parent,  # the server must not outlive us
        )
        server = LocalServer(model=model, port=port, process=process, log=log)
        atexit.register(server.stop)
        _wait_ready(server, timeout_s)
        _servers[model] = server
        return server
