"""Throughput of the rule path: articles per second in one process, against the goal.

Reads the dev articles (../shared/eval/articles, else samples/), repeats them to at
least --min-articles, runs the registered "rules" path over all of them and prints
articles/s and the ratio to the goal of 500 articles/s. A measurement, not a test.

    .venv/bin/python scripts/benchmark.py [--source DIR] [--min-articles 1000]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

from extractor.io import read_paths
from extractor.paths import get_path
from extractor.types import Article, ExtractOptions

GOAL_PER_S = 500.0
ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT.parent / "shared" / "eval" / "articles", ROOT / "samples")


def dev_articles(source: Path | None) -> list[Article]:
    folder = source or next((p for p in SOURCES if p.is_dir()), SOURCES[-1])
    articles = [a for a in read_paths([folder]) if isinstance(a, Article)]
    if not articles:
        sys.exit(f"no readable articles in {folder}")
    print(f"{len(articles)} articles from {folder}")
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="folder of *.txt articles")
    parser.add_argument("--min-articles", type=int, default=1000)
    parser.add_argument("--path", default="rules", help="registered extraction path")
    args = parser.parse_args()

    base = dev_articles(args.source)
    n = max(args.min_articles, len(base))
    batch = list(itertools.islice(itertools.cycle(base), n))
    extract, options = get_path(args.path), ExtractOptions()

    extract(base[0], options)  # warm-up: compiled regexes, imports
    start, cpu_start = time.perf_counter(), time.process_time()
    facts = sum(len(extract(article, options).facts) for article in batch)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start

    rate, cpu_rate = n / seconds, n / cpu
    print(f"{n} articles in {seconds:.2f} s wall, {cpu:.2f} s CPU ({facts} facts)")
    print(f"wall: {rate:.0f} articles/s; CPU time of this process: {cpu_rate:.0f} articles/s")
    print(
        f"goal {GOAL_PER_S:.0f}/s: ratio {rate / GOAL_PER_S:.2f}x (wall), "
        f"{cpu_rate / GOAL_PER_S:.2f}x (CPU; the fair figure when other work shares the cores)"
    )


if __name__ == "__main__":
    main()
