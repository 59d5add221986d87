"""A small OpenAI-compatible server on 127.0.0.1 that answers from a script, misbehaving on purpose.

Fixtures are re-exported by ``conftest.py``; helpers are imported from here by the tests.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from extractor.types import Article, ExtractOptions

ARTICLE_TEXT = (
    "Xuất khẩu gạo tháng 3/2024\n"
    "Trong tháng 3/2024, xuất khẩu gạo đạt 1,2 tỷ USD, tăng 5,5% so với cùng kỳ năm trước."
)
GOOD_FACT = {
    "quote": "xuất khẩu gạo đạt 1,2 tỷ USD",
    "number": "1,2 tỷ USD",
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


def answer(
    facts: list[dict] | None = None,
    *,
    finish: str = "stop",
    content: str | None = None,
    prompt: int = 100,
    completion: int = 20,
) -> tuple[int, dict, bytes]:
    """A 200 chat completion whose content is {"facts": facts} (or ``content`` as given)."""
    text = content if content is not None else json.dumps({"facts": facts or []})
    body = {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": "test-model",
        "choices": [
            {"index": 0, "finish_reason": finish, "message": {"role": "assistant", "content": text}}
        ],
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
        },
    }
    return 200, {"Content-Type": "application/json"}, json.dumps(body).encode()


def failure(status: int, headers: dict[str, str] | None = None) -> tuple[int, dict, bytes]:
    body = json.dumps({"error": {"message": f"status {status}", "type": "test"}}).encode()
    return status, {"Content-Type": "application/json", **(headers or {})}, body


@dataclass
class Stall:
    """Sleep before answering, to make the client time out."""

    seconds: float
    then: tuple[int, dict, bytes]


class Drop:
    """Close the connection without an answer (a reset as the client sees it)."""


@dataclass
class FakeServer:
    script: list = field(default_factory=list)
    requests: list[dict] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    base_url: str = ""

    def __post_init__(self) -> None:
        self._lock = threading.Lock()

    def next_reply(self) -> object:
        with self._lock:
            return self.script.pop(0) if self.script else failure(500)


def _handler(server: FakeServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            server.requests.append(json.loads(self.rfile.read(length) or b"{}"))
            server.times.append(time.monotonic())
            reply = server.next_reply()
            if isinstance(reply, Drop):
                self.close_connection = True
                self.connection.shutdown(2)
                return
            if isinstance(reply, Stall):
                time.sleep(reply.seconds)
                reply = reply.then
            status, headers, body = reply
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *_args: object) -> None:
            pass

    return Handler


@pytest.fixture
def fake_server() -> Iterator[FakeServer]:
    state = FakeServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.base_url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def article() -> Article:
    return Article(name="rice.txt", text=ARTICLE_TEXT)


@pytest.fixture
def live_options(fake_server: FakeServer, tmp_path, monkeypatch) -> ExtractOptions:
    """Options for the openai backend against the fake server, with tiny backoff; the
    fake server answers facts, as the direct strategy asks."""
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    return ExtractOptions(
        llm="openai:test-model",
        strategy="direct",
        base_url=fake_server.base_url,
        max_retries=1,
        timeout_s=2.0,
        cache_dir=str(tmp_path / "cache"),
        retry_attempts=4,
        retry_backoff_s=0.01,
    )


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails: replay must not touch the network."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError("network is blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
