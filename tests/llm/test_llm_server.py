"""The local model server: a server that dies is reported at once, with its signal and log."""

from __future__ import annotations

import signal
import sys
import threading
import time

import pytest

from extractor.llm import extract_by_llm, server
from extractor.llm.backends.local import local_endpoint
from extractor.types import Article, ExtractOptions

# Ready at once, then never answers a completion: a server busy with a long answer.
SLOW_SERVER = """
import http.server, sys, time
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200); self.send_header("Content-Length", "2"); self.end_headers()
        self.wfile.write(b"{}")
    def do_POST(self):
        time.sleep(120)
    def log_message(self, *a): pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
"""


@pytest.fixture
def slow_local(monkeypatch, tmp_path):
    """``--llm local:MODEL`` started as the slow server above (the real start-up path)."""
    model = tmp_path / "tiny.gguf"
    model.write_bytes(b"GGUF not really")
    monkeypatch.setattr(
        server, "server_command", lambda _m, port: [sys.executable, "-c", SLOW_SERVER, str(port)]
    )
    yield model
    running = server._servers.pop(model, None)
    if running:
        running.stop()


def test_a_killed_server_is_reported_with_its_signal_and_log_within_seconds(
    slow_local, tmp_path, capsys
):
    options = ExtractOptions(
        llm=f"local:{slow_local}", cache_dir=str(tmp_path / "c"), timeout_s=60, retry_backoff_s=0.01
    )
    article = Article(name="a.txt", text="Xuất khẩu gạo tháng 3/2024 đạt 1,2 tỷ USD.")
    results = []
    worker = threading.Thread(target=lambda: results.append(extract_by_llm(article, options)))
    worker.start()
    time.sleep(1.5)  # the request is now waiting on the server
    running = server._servers[slow_local]
    killed = time.monotonic()
    running.process.send_signal(signal.SIGKILL)
    worker.join(timeout=30)
    assert time.monotonic() - killed < 5
    [result] = results
    assert "local model server died (signal SIGKILL" in result.error
    assert str(running.log) in result.error
    assert capsys.readouterr().err.count("local model server died") == 1
    again = extract_by_llm(article, options)  # the run stops asking it: no restart
    assert "local model server died" in again.error
    assert capsys.readouterr().err.count("local model server died") == 0


def test_the_cache_names_a_local_model_by_its_file_hash_not_its_port(slow_local):
    article = Article(name="a.txt", text="x")
    endpoint = local_endpoint(str(slow_local), ExtractOptions(), article)
    assert endpoint.cache_identity.startswith("tiny.gguf@sha256:")
    assert str(server._servers[slow_local].port) not in endpoint.cache_identity


@pytest.mark.parametrize(
    ("code", "cause"),
    [(-4, "signal SIGILL: the llama.cpp build uses an instruction"), (1, "exit code 1")],
)
def test_exit_causes_are_named(code, cause):
    assert server.exit_cause(code).startswith(cause)
