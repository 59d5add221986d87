"""Faults of the process and of the configuration: a kill -9 mid-batch, then --resume;
a configuration no article could run with, refused once before any article is read."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from fault_server import error, good
from fault_support import SECRET, CliRun, assert_no_secret, record, write_articles
from typer.testing import CliRunner

from extractor.cli import app


def _slow_good(n: int, req: dict) -> object:
    time.sleep(0.15)
    return good(req)


def test_a_kill_mid_batch_loses_nothing_and_resume_does_only_the_rest(
    serve, tmp_path: Path, monkeypatch
):
    server = serve(_slow_good)
    write_articles(tmp_path / "in", 12)
    out, cache = tmp_path / "out", tmp_path / "cache"
    argv = [
        str(Path(sys.executable).with_name("extractor")),  # the installed command
        *(
            "extract",
            str(tmp_path / "in"),
            "--path",
            "llm",
            "--llm",
            "openai:fault-model",
            "--strategy",
            "direct",
        ),
        *("--base-url", server.base_url, "--out", str(out), "--cache-dir", str(cache)),
    ]
    env = {**os.environ, "OPENAI_API_KEY": SECRET}
    started = time.monotonic()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    while len(list(out.glob("*.json"))) < 4 and time.monotonic() - started < 30:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    done_before = {p.name for p in out.glob("*.json")}
    asked_before = server.count
    assert 4 <= len(done_before) < 12

    monkeypatch.setenv("OPENAI_API_KEY", SECRET)  # resumed in this process: the same CLI
    again = CliRunner().invoke(app, [*argv[1:], "--resume"])
    run = CliRun(again.exit_code, again.stdout, again.stderr, time.monotonic() - started, out)
    record("kill -9 after 4 results, then --resume", run, server.count - asked_before)
    assert run.code == 0, run.stderr
    assert set(run.written().values()) == {"complete"} and len(run.written()) == 12
    # every article asked once in all, but the one in flight at the kill (asked again)
    assert server.count - asked_before in (12 - len(done_before), 12 - len(done_before) + 1)
    assert not list(out.glob(".*.tmp"))
    assert_no_secret(run, tmp_path)


def _extract(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["extract", *args])
    return result.exit_code, result.output


def test_no_key_for_openai_is_one_usage_error_before_any_article(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    write_articles(tmp_path / "in", 3)
    code, output = _extract(
        str(tmp_path / "in"),
        "--path",
        "llm",
        "--llm",
        "openai:gpt-4o-mini",
        "--out",
        str(tmp_path / "out"),
    )
    assert code == 2
    assert output.count("OPENAI_API_KEY") == 1
    assert not (tmp_path / "out").exists()


def test_a_malformed_llm_spec_is_a_usage_error(tmp_path: Path):
    write_articles(tmp_path / "in", 1)
    code, output = _extract(str(tmp_path / "in"), "--path", "reconciled", "--llm", "gpt4")
    assert code == 2 and "unknown --llm 'gpt4'" in output


def test_a_bad_base_url_is_a_usage_error(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    write_articles(tmp_path / "in", 1)
    for url in ("localhost:8000/v1", "ftp://127.0.0.1/v1", "http://127.0.0.1:port/v1"):
        code, output = _extract(
            str(tmp_path / "in"), "--path", "llm", "--llm", "openai:m", "--base-url", url
        )
        assert code == 2 and "--base-url" in output, output
    assert SECRET not in output


def test_the_rule_path_needs_no_llm_configuration(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    write_articles(tmp_path / "in", 1)
    code, _ = _extract(
        str(tmp_path / "in"), "--path", "rules", "--llm", "openai:m", "--out", str(tmp_path / "o")
    )
    assert code == 0


def test_recording_against_a_401_fails_and_writes_no_key(serve, tmp_path: Path):
    def echo_key(n: int, req: dict) -> object:
        return error(401, f"Incorrect API key provided: {server.authorizations[n][7:]}")

    server = serve(echo_key)
    paths = write_articles(tmp_path / "in", 3)
    cassettes = tmp_path / "cassettes"
    env = {
        **os.environ,
        "OPENAI_API_KEY": SECRET,
        "OPENAI_BASE_URL": server.base_url,
        "EXTRACTOR_CASSETTE_DIR": str(cassettes),
    }
    script = Path(__file__).resolve().parents[2] / "scripts" / "record_cassettes.py"
    done = subprocess.run(
        [
            sys.executable,
            str(script),
            *map(str, paths),
            "--llm",
            "openai:fault-model",
            "--strategy",
            "direct",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert server.count == 1  # the first article's one request; the others are not attempted
    assert "not attempted" in done.stdout
    assert SECRET not in done.stdout + done.stderr
    for path in cassettes.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
