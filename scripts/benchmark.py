"""Throughput of the rule path: articles per second in one process, against the goal.

Reads the dev articles (../shared/eval/articles, else samples/), repeats them to at
least --min-articles (each read as a new article would be: no cache keeps one), runs
the registered "rules" path over all of them and prints articles/s and the ratio to
the goal of 500 articles/s, then profiles a slice of the batch and prints its top
stages (share of the time spent in each module of the package, sub-calls left out)
and its costliest slot rules (each rule timed on its own: calls and time per article,
time per call), where a rule that costs more than its worth shows first. A measurement, not a test.

    .venv/bin/python scripts/benchmark.py [--source DIR] [--min-articles 1000] [--top 12]
        [--rules 10]
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path

from extractor.io import read_paths
from extractor.normalise.article import article_text
from extractor.paths import get_path
from extractor.rules import resolve
from extractor.rules.engine import Asked, Decision, new_decision
from extractor.types import Article, ArticleResult, ExtractOptions

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


def top_stages(
    extract: Callable[[Article, ExtractOptions], ArticleResult], batch: list[Article], top: int
) -> None:
    """Time spent in each module (a stage: numbers, periods, items, a slot table, ...),
    its own time without sub-calls, largest first; the rest of the package in one row."""
    options = ExtractOptions()
    profile = cProfile.Profile()
    profile.enable()
    for article in batch:
        extract(article, options)
    profile.disable()
    stages: dict[str, float] = {}
    for (file, _, _), (_, _, own, _, _) in pstats.Stats(profile).stats.items():  # type: ignore[attr-defined]
        where = (
            str(Path(file).relative_to(ROOT))
            if file.startswith(str(ROOT))
            else "(Python, re, pydantic)"
        )
        stages[where] = stages.get(where, 0.0) + own
    total = sum(stages.values())
    print(f"\ntop stages (cProfile over {len(batch)} articles; own time per module):")
    for where, own in sorted(stages.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {100 * own / total:5.1f}%  {where}")


def top_rules(
    extract: Callable[[Article, ExtractOptions], ArticleResult], batch: list[Article], top: int
) -> None:
    """The slot rules that take the most time, each call timed (the engine's ``first``
    swapped for a timing copy while the slice is read; the timer's own cost included)."""
    spent: dict[str, list[float]] = {}  # rule name: [calls, seconds]
    clock = time.perf_counter

    def timed_first(table: Asked, ask: object) -> Decision[object] | None:
        for name, when in table:
            start = clock()
            hit = when(ask)
            took = spent.setdefault(name, [0, 0.0])
            took[0] += 1
            took[1] += clock() - start
            if hit is not None:
                return new_decision(hit[0], name, hit[1])
        return None

    first, resolve.first = resolve.first, timed_first  # type: ignore[assignment]
    try:
        options = ExtractOptions()
        for article in batch:
            extract(article, options)
    finally:
        resolve.first = first
    n = len(batch)
    print(f"\ncostliest slot rules (each call timed, {n} articles; per article):")
    print("   calls       ms   us/call  rule")
    for name, (calls, seconds) in sorted(spent.items(), key=lambda kv: -kv[1][1])[:top]:
        per_call = 1e6 * seconds / calls
        print(f"  {calls / n:6.1f}  {1000 * seconds / n:7.3f}  {per_call:7.2f}  {name[:70]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="folder of *.txt articles")
    parser.add_argument("--min-articles", type=int, default=1000)
    parser.add_argument("--path", default="rules", help="registered extraction path")
    parser.add_argument("--top", type=int, default=12, help="stages of the profile to print")
    parser.add_argument("--rules", type=int, default=10, help="costliest slot rules to print")
    args = parser.parse_args()

    base = dev_articles(args.source)
    n = max(args.min_articles, len(base))
    batch = list(itertools.islice(itertools.cycle(base), n))
    extract, options = get_path(args.path), ExtractOptions()

    extract(base[0], options)  # warm-up: compiled regexes, imports
    # The articles repeat, but a batch of real ones would not: the cache that shares one
    # article's normalised text between its paths is emptied before each, so no repeat is
    # read faster than a new article would be.
    forget = article_text.cache_clear
    start, cpu_start = time.perf_counter(), time.process_time()
    facts = 0
    for article in batch:
        forget()
        facts += len(extract(article, options).facts)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start

    rate, cpu_rate = n / seconds, n / cpu
    print(f"{n} articles in {seconds:.2f} s wall, {cpu:.2f} s CPU ({facts} facts)")
    print(f"wall: {rate:.0f} articles/s; CPU time of this process: {cpu_rate:.0f} articles/s")
    print(
        f"goal {GOAL_PER_S:.0f}/s: ratio {rate / GOAL_PER_S:.2f}x (wall), "
        f"{cpu_rate / GOAL_PER_S:.2f}x (CPU; the fair figure when other work shares the cores)"
    )
    if args.top > 0:
        top_stages(extract, batch[:200], args.top)
    if args.rules > 0 and args.path == "rules":
        top_rules(extract, batch[:200], args.rules)


if __name__ == "__main__":
    main()
