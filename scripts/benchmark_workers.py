"""Speed-up of ``--workers 2`` over ``--workers 1`` on the rule path, end to end.

Copies the dev articles (../shared/eval/articles, else samples/) under distinct names
until there are --articles files, then times ``extractor extract DIR --path rules
--workers N`` as a subprocess (start-up, reading, extraction, writing one JSON per
article, the summary) for each N, best of --repeat runs, and prints the ratio. The
goal is 1.8x on 2 cores. A measurement, not a test.

    .venv/bin/python scripts/benchmark_workers.py [--articles 600] [--repeat 3]
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT.parent / "shared" / "eval" / "articles", ROOT / "samples")
EXTRACTOR = Path(sys.executable).parent / "extractor"
GOAL = 1.8


def make_corpus(folder: Path, n: int, source: Path | None) -> None:
    origin = source or next(p for p in SOURCES if p.is_dir())
    base = sorted(origin.glob("*.txt"))
    for i, article in enumerate(itertools.islice(itertools.cycle(base), n)):
        shutil.copyfile(article, folder / f"{i:05d}_{article.name}")
    print(f"{n} articles from {origin} ({len(base)} distinct)")


def timed_run(corpus: Path, out: Path, workers: int) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, all processes of the run)."""
    shutil.rmtree(out, ignore_errors=True)
    command = [str(EXTRACTOR), "extract", str(corpus), "--path", "rules"]
    command += ["--out", str(out), "--workers", str(workers)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--source", type=Path, help="folder of *.txt articles")
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
        corpus.mkdir()
        make_corpus(corpus, args.articles, args.source)
        best: dict[int, float] = {}
        for _ in range(args.repeat):  # interleaved, so a busy moment hits both
            for workers in (1, 2):
                seconds, cpu = timed_run(corpus, out, workers)
                best[workers] = min(best.get(workers, seconds), seconds)
                load = os.getloadavg()[0]
                print(
                    f"  --workers {workers}: {seconds:.2f} s wall, {cpu:.2f} s CPU "
                    f"({cpu / seconds:.2f} cores busy; load average {load:.2f})"
                )
    for workers, seconds in best.items():
        rate = args.articles / seconds
        print(f"--workers {workers}: best {seconds:.2f} s, {rate:.0f} articles/s end to end")
    ratio = best[1] / best[2]
    print(f"speed-up --workers 2 / --workers 1: {ratio:.2f}x (goal {GOAL}x)")
    print("(a load average above the core count means other work shares the cores)")


if __name__ == "__main__":
    main()
