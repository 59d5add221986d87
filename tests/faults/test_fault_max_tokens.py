"""``--max-tokens`` caps what every request asks of the model, whatever the strategy."""

from __future__ import annotations

from pathlib import Path

from fault_server import good
from fault_support import assert_no_secret, write_articles

FAST = ("--retry-wait", "0.01", "--timeout", "2", "--max-retries", "1")


def test_without_a_cap_the_direct_strategy_asks_for_the_models_own_limit(
    serve, cli, tmp_path: Path
):
    server = serve(lambda n, req: good(req))
    write_articles(tmp_path / "in", 1)
    run = cli(server.base_url, str(tmp_path / "in"), *FAST)
    assert run.code == 0, run.stderr
    assert [r["max_tokens"] for r in server.requests] == [4096]


def test_the_cap_bounds_every_request_of_the_direct_strategy(serve, cli, tmp_path: Path):
    server = serve(lambda n, req: good(req))
    write_articles(tmp_path / "in", 2, paragraphs=2)
    run = cli(server.base_url, str(tmp_path / "in"), *FAST, "--max-tokens", "600")
    assert run.code == 0, run.stderr
    assert run.written() == {"a000": "complete", "a001": "complete"}
    assert server.count == 4 and {r["max_tokens"] for r in server.requests} == {600}
    assert_no_secret(run, tmp_path)


def test_the_cap_bounds_the_anchored_strategys_own_sizing(serve, cli, tmp_path: Path):
    server = serve(lambda n, req: good(req))  # not labels: the article fails, the ask is seen
    write_articles(tmp_path / "in", 1, paragraphs=3)
    args = (*FAST, "--strategy", "anchored", "--max-tokens", "40")
    run = cli(server.base_url, str(tmp_path / "in"), *args)
    assert server.count >= 1
    assert {r["max_tokens"] for r in server.requests} == {40}  # 16 + 48 per number uncapped
    assert_no_secret(run, tmp_path)


def test_a_cap_out_of_bounds_is_a_usage_error_before_any_request(serve, cli, tmp_path: Path):
    server = serve(lambda n, req: good(req))
    write_articles(tmp_path / "in", 1)
    for cap in ("8", "100000", "many"):
        run = cli(server.base_url, str(tmp_path / "in"), "--max-tokens", cap)
        assert run.code == 2 and "--max-tokens" in run.stderr, (cap, run.stderr)
    assert server.count == 0 and not (tmp_path / "out").exists()
