"""The logs of a run against an endpoint that echoes the key hold no key either."""

from __future__ import annotations

import logging
from pathlib import Path

from fault_server import error
from fault_support import SECRET, assert_no_secret, write_articles

FAST = ("--retry-wait", "0.01", "--timeout", "2", "--max-retries", "1")


def test_debug_logs_of_a_401_that_echoes_the_key_hold_no_key(serve, cli, tmp_path, caplog):
    echo = {"X-Debug-Key": SECRET}  # in a header: the client logs the response's headers
    server = serve(lambda n, req: error(401, f"Incorrect API key provided: {SECRET}", echo))
    write_articles(tmp_path / "in", 2)
    with caplog.at_level(logging.DEBUG):
        run = cli(server.base_url, str(tmp_path / "in"), *FAST)
    assert run.code == 1 and server.count == 1
    clients = {r.name.split(".")[0] for r in caplog.records}
    assert {"openai", "httpx2"} <= clients  # the client's own records were there to scrub
    assert "x-debug-key" in caplog.text.lower()
    assert SECRET not in caplog.text
    assert_no_secret(run, Path(tmp_path))
