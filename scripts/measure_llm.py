"""Measure the extraction paths on a gold set: scores, per-key accuracy, tokens, seconds.

    python scripts/measure_llm.py [--gold evalsets/dev/gold --articles evalsets/dev/articles]

For the rule path and each LLM strategy whose cassettes exist (replayed offline, only
the articles with a complete cassette): micro P/R/F1; per-key accuracy on the gold facts
whose number the path reported (``extractor.evaluate.keys``: paired by anchor, else by
value); prompt
and completion tokens per article and per extracted fact; seconds per article of the
live recording (``results/timings.tsv`` beside the cassettes). Prints a markdown table.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.evaluate.keys import KEYS, key_accuracy_dirs  # noqa: E402
from extractor.evaluate.score import score  # noqa: E402
from extractor.llm import extract_by_llm  # noqa: E402
from extractor.llm.cassette import CassetteError, check_replayable  # noqa: E402
from extractor.llm.strategy import strategy_cassette_path, strategy_version_tag  # noqa: E402
from extractor.normalise import looks_masked  # noqa: E402
from extractor.rules import extract_by_rules  # noqa: E402
from extractor.types import Article, ArticleResult, ExtractOptions  # noqa: E402


def load_articles(folder: Path) -> list[Article]:
    return [
        Article(name=p.name, text=p.read_text(encoding="utf-8"), path=str(p))
        for p in sorted(folder.glob("*.txt"))
    ]


def load_gold(folder: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("*.json")}


def timings(options: ExtractOptions) -> dict[str, float]:
    path = strategy_cassette_path(options, "x").parent / "results" / "timings.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as f:
        return {row[0]: float(row[1]) for row in csv.reader(f, delimiter="\t") if row}


def replayable(options: ExtractOptions, article: Article) -> bool:
    """A cassette recorded with the strategy's current prompt and schema (stale ones are left
    out, and named on stderr)."""
    path = strategy_cassette_path(options, article.stem)
    if not path.is_file():
        return False
    try:
        check_replayable(path, strategy_version_tag(options))
    except CassetteError as exc:
        print(f"{options.strategy}: left out: {exc}", file=sys.stderr)
        return False
    return True


def run(
    name: str,
    articles: list[Article],
    extract: Callable[[Article], ArticleResult],
) -> dict[str, ArticleResult]:
    results = {}
    for article in articles:
        results[article.stem] = extract(article)
        if results[article.stem].error:
            print(f"{name}: {results[article.stem].error}", file=sys.stderr)
    return results


def row(
    name: str,
    results: dict[str, ArticleResult],
    golds: dict,
    texts: dict[str, str],
    secs: dict[str, float],
) -> str:
    preds = {s: r.model_dump(mode="json") for s, r in results.items()}
    gold = {s: golds[s] for s in results}
    total = score(preds, gold).total
    keys = key_accuracy_dirs(preds, gold, texts)
    usage = [r.usage for r in results.values() if r.usage is not None]
    prompt = sum(u.prompt_tokens for u in usage)
    completion = sum(u.completion_tokens for u in usage)
    facts = sum(len(r.facts) for r in results.values())
    n = len(results)
    timed = [secs[s] for s in results if s in secs]
    cells = [
        name,
        str(n),
        f"{total.precision or 0:.3f}",
        f"{total.recall or 0:.3f}",
        f"{total.f1 or 0:.3f}",
        *(f"{keys.accuracy(k) or 0:.2f}" for k in KEYS),
        f"{keys.reported} of {keys.gold}",
        f"{prompt / n:.0f} / {completion / n:.0f}" if usage and n else "–",
        f"{prompt / facts:.0f} / {completion / facts:.1f}" if usage and facts else "–",
        f"{sum(timed) / len(timed):.0f}" if timed else "–",
    ]
    return "| " + " | ".join(cells) + " |"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "evalsets" / "dev" / "gold")
    parser.add_argument("--articles", type=Path, default=ROOT / "evalsets" / "dev" / "articles")
    parser.add_argument("--strategy", action="append", default=None)
    args = parser.parse_args()
    golds = load_gold(args.gold)
    articles = [a for a in load_articles(args.articles) if a.stem in golds]
    texts = {a.stem: a.text for a in articles}
    header = (
        "| path | articles | P | R | F1 | "
        + " | ".join(KEYS)
        + " | gold facts with reported number | prompt / completion tokens per article "
        "| per fact | s per article (live) |"
    )
    print(header)
    print("|" + " --- |" * (header.count("|") - 1))
    for strategy in args.strategy or ["anchored", "direct"]:
        options = ExtractOptions(llm="replay", strategy=strategy)
        have = [a for a in articles if not looks_masked(a.text) and replayable(options, a)]
        if not have:
            continue
        rules = run("rules", have, extract_by_rules)
        print(row(f"rules (same {len(have)})", rules, golds, texts, {}))
        results = run(strategy, have, partial(extract_by_llm, options=options))
        print(row(f"llm {strategy}", results, golds, texts, timings(options)))
    rules = run("rules", articles, extract_by_rules)
    print(row("rules (all)", rules, golds, texts, {}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
