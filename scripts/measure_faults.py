"""A batch against a dead endpoint, timed: nothing listening, and a 401 that echoes the key.

Writes N articles of three passages, runs the installed `extractor extract --path llm`
with its default retries and timeouts against (1) a port of 127.0.0.1 where nothing
listens and (2) the fault suite's server answering 401 with the key in its body, and
prints the exit code, wall time, requests the server saw and whether the key showed.
A measurement, not a test (the fault suite checks the same with quick retries).

    .venv/bin/python scripts/measure_faults.py [--articles 200]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "faults"))

from fault_server import FaultServer, error, refused_port  # noqa: E402
from fault_support import SECRET, write_articles  # noqa: E402

GOAL_S = 30.0


def run(folder: Path, url: str, out: Path) -> tuple[int, float, str]:
    argv = [str(Path(sys.executable).with_name("extractor")), "extract", str(folder)]
    argv += ["--path", "llm", "--llm", "openai:m", "--base-url", url, "--out", str(out)]
    argv += ["--cache-dir", str(out.parent / "cache"), "--passage-chars", "900"]
    env = {**os.environ, "OPENAI_API_KEY": SECRET}
    started = time.monotonic()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    first = json.loads(sorted(out.glob("*.json"))[0].read_text(encoding="utf-8"))["error"]
    shown = done.stdout + done.stderr + "".join(p.read_text() for p in out.glob("*.json"))
    leak = "key shown" if SECRET in shown else "key nowhere"
    return done.returncode, time.monotonic() - started, f"{leak}; first error: {first[:150]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        write_articles(folder, args.articles, paragraphs=3)
        code, seconds, note = run(folder, f"http://127.0.0.1:{refused_port()}/v1", Path(tmp) / "a")
        print(f"nothing listening: exit {code}, {seconds:.1f} s (goal {GOAL_S:g} s); {note}")
        server = FaultServer(lambda n, req: error(401, f"Incorrect API key: {SECRET}")).start()
        try:
            code, seconds, note = run(folder, server.base_url, Path(tmp) / "b")
        finally:
            server.stop()
        print(f"401: exit {code}, {seconds:.1f} s, {server.count} request(s); {note}")


if __name__ == "__main__":
    main()
