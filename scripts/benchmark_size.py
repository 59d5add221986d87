"""Time per MB of the rule path as an article grows: it must stay flat (linear time).

Builds articles of 0.25, 1 and 5 MB by repeating the dev articles (../shared/eval/articles,
else samples/), and 1 MB of the words "xuất khẩu " repeated (a flow word at every step),
runs the "rules" path on each once and prints CPU seconds, seconds per MB and the ratio of
each size's time per MB to the smallest's; the same for the LLM path's passages and for
grounding quotes that are not in the text as written (a dropped diacritic, an invented
sentence), the fuzzy search. A measurement, not a test.

    .venv/bin/python scripts/benchmark_size.py [--source DIR] [--sizes 0.25 1 5]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from extractor.ground import align
from extractor.io import read_paths
from extractor.llm.budget import BUDGETS, Budget
from extractor.llm.chunk import split_article
from extractor.paths import get_path
from extractor.types import Article, ExtractOptions

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT.parent / "shared" / "eval" / "articles", ROOT / "samples")
MB = 1024 * 1024
FLAT_WITHIN = 1.5  # goal: time per MB at every size within this factor of the smallest's
GOAL_5MB_S = 10.0
GOAL_REPEATED_S = 2.0


def corpus_text(source: Path | None) -> str:
    folder = source or next((p for p in SOURCES if p.is_dir()), SOURCES[-1])
    texts = [a.text for a in read_paths([folder]) if isinstance(a, Article)]
    return "\n\n".join(texts)


def sized(text: str, size_mb: float) -> str:
    """``text`` repeated (whole paragraphs) to about ``size_mb`` MB of UTF-8."""
    target = int(size_mb * MB)
    unit = len(text.encode("utf-8")) + 2
    return "\n\n".join([text] * max(1, round(target / unit)))


def seconds(text: str) -> float:
    extract = get_path("rules")
    article = Article(name="big.txt", text=text)
    started = time.process_time()  # CPU time: other work on the machine does not count
    extract(article, ExtractOptions())
    return time.process_time() - started


def passages_seconds(text: str, budget: Budget) -> float:
    started = time.process_time()
    split_article(text, max_chars=budget.max_chars, max_amounts=budget.max_amounts)
    return time.process_time() - started


def fuzzy_quotes(text: str, count: int = 20) -> list[str]:
    """Quotes from ``text`` with a diacritic dropped (found only fuzzily), and one invented."""
    step = max(1, (len(text) - 200) // count)
    quotes = [
        text[i : i + 120].replace("ấ", "a").replace("ạ", "a") for i in range(0, step * count, step)
    ]
    return [*quotes, "hoàn toàn không có trong bài báo này chút nào cả 123,4 tỷ USD"]


def grounding_seconds(text: str, quotes: list[str]) -> float:
    align(text, "xuất khẩu")  # the article's normalised form is built once per article
    started = time.process_time()
    for quote in quotes:
        align(text, quote)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="folder of *.txt articles")
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.25, 1.0, 5.0])
    args = parser.parse_args()

    base = corpus_text(args.source)
    seconds(base)  # warm-up: compiled regexes, imports
    per_mb: list[float] = []
    for size in args.sizes:
        text = sized(base, size)
        mb = len(text.encode("utf-8")) / MB
        took = seconds(text)
        per_mb.append(took / mb)
        ratio = per_mb[-1] / per_mb[0]
        print(f"articles {mb:5.2f} MB: {took:6.2f} s, {took / mb:5.2f} s/MB, ratio {ratio:4.2f}x")
    worst = max(per_mb) / per_mb[0]
    print(f"time per MB flat within {worst:.2f}x (goal {FLAT_WITHIN}x)")

    for name, budget in (("openai", BUDGETS["openai"]), ("whole", BUDGETS["openai"].with_chars(0))):
        rates = []
        for size in args.sizes:
            text = sized(base, size)
            rates.append(passages_seconds(text, budget) / (len(text.encode("utf-8")) / MB))
        ratios = ", ".join(f"{r / rates[0]:.2f}x" for r in rates)
        print(f"LLM passages ({name} budget): s/MB {rates[0]:.3f} at the smallest, ratios {ratios}")

    quotes = fuzzy_quotes(base)
    rates = []
    for size in args.sizes:
        text = sized(base, size)
        took = grounding_seconds(text, quotes)
        rates.append(took / (len(text.encode("utf-8")) / MB))
        print(f"LLM grounding, {len(quotes)} quotes not as written, {size:g} MB: {took:.2f} s")
    ratios = ", ".join(f"{r / rates[0]:.2f}x" for r in rates)
    print(f"LLM grounding: time per MB ratios {ratios} (at most 1x: linear or better)")

    words = "xuất khẩu "
    repeated = words * (MB // len(words.encode()))
    mb = len(repeated.encode("utf-8")) / MB
    took = seconds(repeated)
    print(f'"xuất khẩu " repeated, {mb:.2f} MB: {took:.2f} s (goal {GOAL_REPEATED_S:g} s)')


if __name__ == "__main__":
    main()
