"""The fault matrix: the real CLI against a misbehaving endpoint, one case each.

Every case states the exit code, what was written for each article (complete,
incomplete or error), how many requests reached the server, and that the key is
nowhere in what the run printed or wrote.
"""

from __future__ import annotations

import json
from pathlib import Path

from fault_server import (
    CutMidBody,
    Hang,
    Huge,
    completion,
    error,
    facts_for,
    good,
    is_reask,
    passage_of,
    refused_port,
)
from fault_support import SECRET, assert_no_secret, record, write_articles

FAST = ("--retry-wait", "0.01", "--timeout", "2", "--max-retries", "1")


def test_500_then_success_is_retried(serve, cli, tmp_path: Path):
    server = serve(lambda n, req: error(500) if n == 0 else good(req))
    write_articles(tmp_path / "in", 1)
    run = cli(server.base_url, str(tmp_path / "in"), *FAST)
    record("500 then success", run, server.count)
    assert run.code == 0, run.stderr
    assert run.written() == {"a000": "complete"}
    assert server.count == 2
    assert run.results()["a000"].usage.requests == 2
    assert_no_secret(run, tmp_path)


def test_429_waits_as_long_as_retry_after_says(serve, cli, tmp_path: Path):
    server = serve(lambda n, req: error(429, headers={"Retry-After": "1"}) if n == 0 else good(req))
    write_articles(tmp_path / "in", 1)
    run = cli(server.base_url, str(tmp_path / "in"), *FAST)
    record("429 with Retry-After: 1", run, server.count)
    assert run.code == 0 and run.written() == {"a000": "complete"}
    assert server.count == 2 and run.seconds >= 1.0
    assert_no_secret(run, tmp_path)


def test_a_hang_past_the_timeout_is_cut_and_retried(serve, cli, tmp_path: Path):
    server = serve(lambda n, req: Hang(5) if n == 0 else good(req))
    write_articles(tmp_path / "in", 1)
    run = cli(server.base_url, str(tmp_path / "in"), "--retry-wait", "0.01", "--timeout", "0.5")
    record("hang past the timeout, then success", run, server.count)
    assert run.code == 0 and run.written() == {"a000": "complete"}
    assert server.count == 2 and run.seconds < 4
    assert_no_secret(run, tmp_path)


def test_an_endpoint_that_always_hangs_costs_one_deadline_per_article(serve, cli, tmp_path):
    server = serve(lambda n, req: Hang(3), lifetime_s=30)
    write_articles(tmp_path / "in", 1, paragraphs=4)
    run = cli(
        server.base_url,
        str(tmp_path / "in"),
        *("--retry-wait", "0.01", "--timeout", "0.3", "--deadline", "1.5"),
    )
    record("always hangs (deadline 1.5 s)", run, server.count)
    assert run.code == 1 and run.written() == {"a000": "error"}
    result = run.results()["a000"]
    assert "APITimeoutError" in result.error  # the first cause
    later = " ".join(result.warnings)  # the passages after it: out of time, or endpoint stopped
    assert "deadline of 1.5 s passed" in later or "stopped answering" in later
    assert run.seconds < 4 and server.count <= 6
    assert_no_secret(run, tmp_path)


def test_a_connection_closed_mid_body_is_retried(serve, cli, tmp_path: Path):
    server = serve(lambda n, req: CutMidBody(good(req)) if n == 0 else good(req))
    write_articles(tmp_path / "in", 1)
    run = cli(server.base_url, str(tmp_path / "in"), *FAST)
    record("connection closed mid-body", run, server.count)
    assert run.code == 0 and run.written() == {"a000": "complete"}
    assert server.count == 2
    assert_no_secret(run, tmp_path)


def test_content_that_is_not_json_is_re_asked(serve, cli, tmp_path: Path):
    server = serve(lambda n, req: completion("Sure! Here are the facts.") if n == 0 else good(req))
    write_articles(tmp_path / "in", 1)
    run = cli(server.base_url, str(tmp_path / "in"), *FAST)
    record("non-JSON content, then valid on re-ask", run, server.count)
    assert run.code == 0 and run.written() == {"a000": "complete"}
    assert server.count == 2 and is_reask(server.requests[1])
    assert_no_secret(run, tmp_path)


def _invalid(req: dict) -> str:
    facts = [{**f, "start_month": 9, "end_month": 3} for f in facts_for(req)]
    return json.dumps({"facts": facts}, ensure_ascii=False)


def test_a_schema_invalid_answer_is_re_asked_then_kept(serve, cli, tmp_path: Path):
    server = serve(lambda n, req: good(req) if is_reask(req) else completion(_invalid(req)))
    write_articles(tmp_path / "in", 1)
    run = cli(server.base_url, str(tmp_path / "in"), *FAST)
    record("schema-invalid, then valid on re-ask", run, server.count)
    assert run.code == 0 and run.written() == {"a000": "complete"}
    assert server.count == 2
    assert "start_month 9 is after end_month 3" in json.dumps(server.requests[1])
    assert [f.value for f in run.results()["a000"].facts] == [1.5e9]
    assert_no_secret(run, tmp_path)


def test_an_answer_that_stays_invalid_fails_the_article(serve, cli, tmp_path: Path):
    server = serve(lambda n, req: completion(_invalid(req)))
    write_articles(tmp_path / "in", 1)
    run = cli(server.base_url, str(tmp_path / "in"), *FAST)
    record("always invalid (1 re-ask)", run, server.count)
    assert run.code == 1 and run.written() == {"a000": "error"}
    result = run.results()["a000"]
    assert server.count == 2 and result.usage.requests == 2
    assert "no valid answer after 2 request(s)" in result.error
    assert result.raw_answer is not None and "start_month" in result.raw_answer
    assert_no_secret(run, tmp_path)


def test_an_answer_cut_off_by_the_limit_is_asked_again_in_halves(serve, cli, tmp_path: Path):
    def behaviour(n: int, req: dict) -> object:
        return (
            completion('{"facts": [{"quote"', finish="length", done=4096) if n == 0 else good(req)
        )

    server = serve(behaviour)
    write_articles(tmp_path / "in", 1)
    run = cli(server.base_url, str(tmp_path / "in"), *FAST)
    record("finish_reason length, then halves", run, server.count)
    assert run.code == 0 and run.written() == {"a000": "complete"}
    assert server.count == 3
    [warning] = run.results()["a000"].warnings
    assert "cut off at 4096 tokens; asked again in 2 smaller passages" in warning
    assert_no_secret(run, tmp_path)


def test_an_answer_cut_off_by_the_servers_own_limit_says_so(serve, cli, tmp_path: Path):
    server = serve(lambda n, req: completion('{"facts": [', finish="length", done=300))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text("Xuất khẩu gạo đạt 1,5 tỷ USD trong tháng 3/2024\n")
    run = cli(server.base_url, str(folder), *FAST)
    record("finish_reason length at the server's limit", run, server.count)
    assert run.code == 1 and run.written() == {"one": "error"}
    assert server.count == 1
    assert (
        "cut off by the server at 300 tokens (asked for up to 4096)" in run.results()["one"].error
    )


def _hallucinating(n: int, req: dict) -> object:
    return completion(json.dumps({"facts": facts_for(req, number="9,9 tỷ USD")}))


def test_hallucinated_numbers_are_held_back(serve, cli, tmp_path: Path):
    server = serve(_hallucinating)
    write_articles(tmp_path / "in", 1)
    run = cli(server.base_url, str(tmp_path / "in"), *FAST)
    record("hallucinated number", run, server.count)
    assert run.code == 0 and run.written() == {"a000": "complete"}
    result = run.results()["a000"]
    assert result.facts == [] and [f.grounding for f in result.rejected] == ["value_not_in_text"]
    assert "1 reading(s) in 1 article(s) held back: value or quote not in the text" in run.stderr
    assert_no_secret(run, tmp_path)


def test_hallucinated_numbers_kept_on_request_are_warned_about(serve, cli, tmp_path: Path):
    server = serve(_hallucinating)
    write_articles(tmp_path / "in", 1)
    run = cli(server.base_url, str(tmp_path / "in"), *FAST, "--keep-ungrounded")
    record("hallucinated number, --keep-ungrounded", run, server.count)
    assert run.code == 0 and run.written() == {"a000": "complete"}
    [fact] = run.results()["a000"].facts
    assert fact.grounding == "value_not_in_text"
    assert "1 fact(s) in 1 article(s) have a value that is not in the text" in run.stderr
    assert_no_secret(run, tmp_path)


def test_401_stops_the_batch_after_one_request(serve, cli, tmp_path: Path):
    server = serve(lambda n, req: error(401, "Incorrect API key provided."))
    write_articles(tmp_path / "in", 5, paragraphs=3)
    run = cli(server.base_url, str(tmp_path / "in"), *FAST)
    record("401", run, server.count)
    assert run.code == 1
    assert run.written() == {f"a{i:03d}": "error" for i in range(5)}
    assert server.count == 1  # a 401 is not retried, and nothing more is sent
    results = run.results()
    assert "AuthenticationError" in results["a000"].error
    assert all("not attempted" in results[f"a{i:03d}"].error for i in range(1, 5))
    assert all(a == f"Bearer {SECRET}" for a in server.authorizations)  # the key was sent
    assert_no_secret(run, tmp_path)


def test_a_401_that_echoes_the_key_leaks_it_nowhere(serve, cli, tmp_path: Path):
    def behaviour(n: int, req: dict) -> object:
        return error(401, f"Incorrect API key provided: {server.authorizations[n][7:]}.")

    server = serve(behaviour)
    write_articles(tmp_path / "in", 2)
    run = cli(server.base_url, str(tmp_path / "in"), *FAST)
    record("401 echoing the key", run, server.count)
    assert run.code == 1 and run.written() == {"a000": "error", "a001": "error"}
    assert server.count == 1
    assert "REDACTED" in run.results()["a000"].error
    assert_no_secret(run, tmp_path)


def test_a_huge_answer_is_refused_unread(serve, cli, tmp_path: Path):
    server = serve(lambda n, req: Huge(20_000_000))
    write_articles(tmp_path / "in", 1)
    run = cli(server.base_url, str(tmp_path / "in"), *FAST)
    record("20 MB answer (cap 1 MB)", run, server.count)
    assert run.code == 1 and run.written() == {"a000": "error"}
    assert server.count == 1  # not retried: the same request would get the same answer
    assert "over the cap of 1,000,000 bytes" in run.results()["a000"].error
    assert (run.out / "a000.json").stat().st_size < 10_000
    assert_no_secret(run, tmp_path)


def test_a_long_bad_answer_is_quoted_and_kept_only_as_an_excerpt(serve, cli, tmp_path: Path):
    long_bad = "x" * 600_000  # under the byte cap, not JSON
    server = serve(lambda n, req: completion(long_bad))
    write_articles(tmp_path / "in", 1)
    run = cli(server.base_url, str(tmp_path / "in"), *FAST)
    record("600 kB invalid answer", run, server.count)
    assert run.code == 1 and server.count == 2
    assert len(json.dumps(server.requests[1])) < len(json.dumps(server.requests[0])) + 12_000
    raw = run.results()["a000"].raw_answer
    assert raw is not None and raw.endswith("[excerpt: 4,000 of 600,000 characters]")
    assert (run.out / "a000.json").stat().st_size < 20_000
    assert_no_secret(run, tmp_path)


def test_failed_passages_make_the_article_incomplete_and_resume_redoes_only_them(
    serve, cli, tmp_path: Path
):
    def failing_2_and_4(n: int, req: dict) -> object:
        passage = passage_of(req)
        return (
            error(400, "bad request") if ("2,5 tỷ" in passage or "4,5 tỷ" in passage) else good(req)
        )

    server = serve(failing_2_and_4)
    write_articles(tmp_path / "in", 1, paragraphs=4)
    run = cli(server.base_url, str(tmp_path / "in"), *FAST)
    record("2 of 4 passages fail (400)", run, server.count)
    assert run.code == 1 and run.written() == {"a000": "incomplete"}
    result = run.results()["a000"]
    assert server.count == 4
    assert sorted(f.value for f in result.facts) == [1.5e9, 3.5e9]
    assert len(result.incomplete) == 2 and "1 failed" in run.stdout
    assert "incomplete" in run.stderr

    server.behaviour = lambda n, req: good(req)  # the same endpoint, now healthy
    again = cli(server.base_url, str(tmp_path / "in"), *FAST, "--resume")
    record("... then --resume", again, server.count - 4)
    assert again.code == 0 and again.written() == {"a000": "complete"}
    assert server.count - 4 == 2  # only the missing passages: the others come from the cache
    assert sorted(f.value for f in again.results()["a000"].facts) == [1.5e9, 2.5e9, 3.5e9, 4.5e9]
    assert_no_secret(again, tmp_path)


def test_every_third_request_failing_then_resume(serve, cli, tmp_path: Path):
    server = serve(lambda n, req: error(400, "bad request") if n % 3 == 2 else good(req))
    write_articles(tmp_path / "in", 6)
    run = cli(server.base_url, str(tmp_path / "in"), *FAST)
    record("every third request fails (400)", run, server.count)
    states = run.written()
    assert run.code == 1 and server.count == 6
    assert sorted(states.values()) == ["complete"] * 4 + ["error"] * 2

    server.behaviour = lambda n, req: good(req)
    again = cli(server.base_url, str(tmp_path / "in"), *FAST, "--resume")
    record("... then --resume", again, server.count - 6)
    assert again.code == 0 and server.count - 6 == 2
    assert set(again.written().values()) == {"complete"}
    assert_no_secret(again, tmp_path)


def test_concurrency_never_exceeds_workers(serve, cli, tmp_path: Path):
    def slow(n: int, req: dict) -> object:
        import time

        time.sleep(0.2)
        return good(req)

    server = serve(slow)
    write_articles(tmp_path / "in", 9)
    run = cli(server.base_url, str(tmp_path / "in"), *FAST, "--workers", "3")
    record("9 articles, --workers 3, 0.2 s answers", run, server.count)
    assert run.code == 0 and set(run.written().values()) == {"complete"}
    assert server.count == 9
    assert 2 <= server.max_in_flight <= 3


def test_repeated_outages_open_the_breaker(serve, cli, tmp_path: Path):
    server = serve(lambda n, req: error(503))
    write_articles(tmp_path / "in", 5)
    run = cli(server.base_url, str(tmp_path / "in"), *FAST)
    record("always 503 (5 attempts per request)", run, server.count)
    assert run.code == 1 and set(run.written().values()) == {"error"}
    assert server.count == 3 * 5  # three passages in a row, each with its retries; then none
    results = run.results()
    assert all("not attempted" in results[s].error for s in ("a003", "a004"))


def test_nothing_listening_ends_the_batch_within_seconds(cli, tmp_path: Path):
    write_articles(tmp_path / "in", 200)
    url = f"http://127.0.0.1:{refused_port()}/v1"
    run = cli(url, str(tmp_path / "in"), "--retry-wait", "0.05")
    record("connection refused, 200 articles", run, 0)
    assert run.code == 1 and len(run.written()) == 200
    results = run.results()
    assert "APIConnectionError: Connection error. (" in results["a000"].error
    assert "Connection refused" in results["a000"].error
    assert all("not attempted" in r.error for s, r in results.items() if s != "a000")
    assert run.seconds < 30
    assert_no_secret(run, tmp_path)


def test_compare_counts_an_incomplete_llm_article_as_failed(serve, tmp_path: Path, monkeypatch):
    from typer.testing import CliRunner

    from extractor.cli import app

    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    server = serve(lambda n, req: error(400) if "2,5 tỷ" in passage_of(req) else good(req))
    write_articles(tmp_path / "in", 1, paragraphs=3)
    out = tmp_path / "report"
    argv = [
        "compare",
        str(tmp_path / "in"),
        "--llm",
        "openai:fault-model",
        "--strategy",
        "direct",
        "--out",
        str(out),
    ]
    argv += ["--base-url", server.base_url, "--cache-dir", str(tmp_path / "c")]
    result = CliRunner().invoke(app, [*argv, "--passage-chars", "900"])
    assert result.exit_code == 1, result.output
    assert "incomplete" in result.stderr and server.count == 3
    reconciled = json.loads((out / "reconciled" / "a000.json").read_text(encoding="utf-8"))
    assert len(reconciled["incomplete"]) == 1 and reconciled["incomplete"][0].startswith("llm: ")
    assert SECRET not in result.output


def test_401_stops_the_batch_with_the_anchored_strategy_too(serve, cli, tmp_path: Path):
    server = serve(lambda n, req: error(401, f"Incorrect API key provided: {SECRET}"))
    write_articles(tmp_path / "in", 4)
    run = cli(server.base_url, str(tmp_path / "in"), *FAST, "--strategy", "anchored")
    record("401, --strategy anchored", run, server.count)
    assert run.code == 1 and set(run.written().values()) == {"error"}
    assert server.count == 1
    results = run.results()
    assert all("not attempted" in results[f"a{i:03d}"].error for i in range(1, 4))
    assert_no_secret(run, tmp_path)
