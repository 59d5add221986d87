"""A misbehaving OpenAI-compatible server on an ephemeral port of 127.0.0.1.

Each request is answered by a *behaviour*: a function of the request number (from 0)
and the request's JSON body that returns what to do (a reply, a hang, a dropped
connection, ...). The server is bounded: past ``max_requests`` it answers 503 and
counts the excess, and after ``lifetime_s`` it stops by itself, so a test that goes
wrong cannot hang or hammer. It records every request body, the Authorization
headers, and the most requests it ever had in flight at once.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# -- replies -----------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Hang:
    """Say nothing for ``seconds`` (past the client's timeout), then close."""

    seconds: float


@dataclass(frozen=True)
class CutMidBody:
    """Announce a body, send half of it, close the connection."""

    reply: Reply


@dataclass(frozen=True)
class Huge:
    """A 200 whose content is ``size`` bytes of JSON-looking text, sent in chunks."""

    size: int


Action = Reply | Hang | CutMidBody | Huge
Behaviour = Callable[[int, dict[str, Any]], Action]


def completion(content: str, *, finish: str = "stop", prompt: int = 100, done: int = 20) -> Reply:
    body = {
        "id": "chatcmpl-fault",
        "object": "chat.completion",
        "created": 0,
        "model": "fault-model",
        "choices": [
            {
                "index": 0,
                "finish_reason": finish,
                "message": {"role": "assistant", "content": content},
            }
        ],
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": done,
            "total_tokens": prompt + done,
        },
    }
    return Reply(200, json.dumps(body).encode(), {"Content-Type": "application/json"})


def error(status: int, message: str = "", headers: dict[str, str] | None = None) -> Reply:
    body = {"error": {"message": message or f"status {status}", "type": "fault"}}
    return Reply(
        status, json.dumps(body).encode(), {"Content-Type": "application/json", **(headers or {})}
    )


# -- answers that fit the request ----------------------------------------------------

# the figure every test article states in each paragraph
FIGURE = re.compile(r"xuất khẩu gạo đạt (\d+,\d) tỷ USD")


PASSAGE = "\nPASSAGE:\n"


def _asked(messages: list[dict[str, Any]]) -> int:
    """Index of the turn that asks about the passage: the last one that holds one (the
    prompt's examples come before it, a re-ask's turns after it)."""
    holding = [
        i
        for i, m in enumerate(messages)
        if m.get("role") == "user" and PASSAGE in str(m.get("content", ""))
    ]
    return holding[-1] if holding else len(messages) - 1


def passage_of(request: dict[str, Any]) -> str:
    """The passage's own text (not the context or dates before it)."""
    messages = request.get("messages", [])
    content = str(messages[_asked(messages)].get("content", "")) if messages else ""
    return content.rsplit(PASSAGE, 1)[-1]


def facts_for(request: dict[str, Any], *, number: str | None = None) -> list[dict[str, Any]]:
    """A valid reading of each figure in the passage (``number`` replaces the value read)."""
    return [
        {
            "quote": m.group(0),
            "number": number or f"{m.group(1)} tỷ USD",
            "flow": "export",
            "scope": "goods",
            "metric": "value",
            "basis": None,
            "year": 2024,
            "start_month": 3,
            "end_month": 3,
            "sector": None,
            "partner": None,
            "item": "gạo",
        }
        for m in FIGURE.finditer(passage_of(request))
    ]


def good(request: dict[str, Any]) -> Reply:
    return completion(json.dumps({"facts": facts_for(request)}, ensure_ascii=False))


def is_reask(request: dict[str, Any]) -> bool:
    """The request goes on after the passage (the bad answer and the errors)."""
    messages = request.get("messages", [])
    return _asked(messages) < len(messages) - 1


# -- the server ------------------------------------------------------------------------


@dataclass
class FaultServer:
    behaviour: Behaviour
    max_requests: int = 200
    lifetime_s: float = 60.0
    base_url: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)
    authorizations: list[str] = field(default_factory=list)
    over_limit: int = 0
    max_in_flight: int = 0

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._in_flight = 0
        self._httpd: ThreadingHTTPServer | None = None
        self._stopped = threading.Event()

    # called by the handler
    def take(self, body: dict[str, Any], authorization: str) -> tuple[int, bool]:
        with self._lock:
            n = len(self.requests)
            if n >= self.max_requests:
                self.over_limit += 1
                return n, False
            self.requests.append(body)
            self.authorizations.append(authorization)
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
            return n, True

    def done(self) -> None:
        with self._lock:
            self._in_flight -= 1

    def start(self) -> FaultServer:
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        httpd.daemon_threads = True
        self._httpd = httpd
        self.base_url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
        threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
        timer = threading.Timer(self.lifetime_s, self.stop)
        timer.daemon = True
        timer.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None and not self._stopped.is_set():
            self._stopped.set()
            self._httpd.shutdown()
            self._httpd.server_close()

    @property
    def count(self) -> int:
        return len(self.requests)


def _handler(server: FaultServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            raw = self.rfile.read(length) or b"{}"
            n, taken = server.take(json.loads(raw), self.headers.get("Authorization", ""))
            if not taken:
                self._send(error(503, "fault server: request limit reached"))
                return
            try:
                self._act(server.behaviour(n, server.requests[n]))
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                server.done()

        def _act(self, action: Action) -> None:
            if isinstance(action, Hang):
                time.sleep(action.seconds)
                self.close_connection = True
                return
            if isinstance(action, CutMidBody):
                reply = action.reply
                self.send_response(reply.status)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body[: len(reply.body) // 2])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            if isinstance(action, Huge):
                self._huge(action.size)
                return
            self._send(action)

        def _send(self, reply: Reply) -> None:
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)

        def _huge(self, size: int) -> None:
            """Chunked, so no length is announced: the client has to stop reading itself."""
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            head = b'{"id":"x","object":"chat.completion","choices":[{"message":{"content":"'
            piece = b"9" * 65536
            sent = 0
            for part in [head] + [piece] * (size // len(piece)):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                sent += len(part)
            self.wfile.write(b"0\r\n\r\n")
            self.close_connection = True

        def log_message(self, *_args: object) -> None:
            pass

    return Handler


def refused_port() -> int:
    """A port of 127.0.0.1 where nothing listens (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
