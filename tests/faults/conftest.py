"""Fixtures of the fault suite: a misbehaving server and the real CLI against it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fault_server import Behaviour, FaultServer
from fault_support import SECRET, CliRun
from typer.testing import CliRunner

from extractor.cli import app


@pytest.fixture
def serve() -> Iterator[Callable[..., FaultServer]]:
    """``serve(behaviour, **bounds)`` starts a fault server; all are stopped afterwards."""
    started: list[FaultServer] = []

    def start(behaviour: Behaviour, **bounds: float) -> FaultServer:
        server = FaultServer(behaviour, **bounds).start()  # type: ignore[arg-type]
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliRun]:
    """``cli(base_url, *paths_and_options)`` runs ``extractor extract --path llm`` against
    the endpoint, with a fresh answer cache per test and quick retries."""
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    runner = CliRunner()

    def run(base_url: str, *args: str, out: Path | None = None) -> CliRun:
        out = out or tmp_path / "out"
        argv = [
            "extract",
            *args,
            "--path",
            "llm",
            "--llm",
            "openai:fault-model",
            *("--strategy", "direct"),  # the fault server answers facts, as direct asks
            "--base-url",
            base_url,
            "--out",
            str(out),
            "--cache-dir",
            str(tmp_path / "cache"),
            *("--passage-chars", "900"),  # about one paragraph of the test articles each
        ]
        started = time.monotonic()
        result = runner.invoke(app, argv)
        seconds = time.monotonic() - started
        return CliRun(result.exit_code, result.stdout, result.stderr, seconds, out)

    return run
