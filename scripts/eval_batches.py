"""Score the rule path on an evalset batch by batch (batches from its sources.tsv).

Each evalset built from real pages is split into batches that are scored once at
first contact, before they shape any rule; held-out batches live in its heldout/
folder (outside the snapshot and floor tests) and are scored once more at the end.
``--totals-only`` prints one line per batch and nothing per article, for batches
that must stay unseen.

    python scripts/eval_batches.py evalsets/real [--batches 1,2,3] [--totals-only]
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from extractor.evaluate import Counts, score
from extractor.evaluate.score import load_dir
from extractor.io import read_article, result_to_json
from extractor.rules import extract_by_rules
from extractor.types import Article


def batches_of(evalset: Path) -> dict[str, list[str]]:
    """Batch name → article stems, from the evalset's sources.tsv (columns file, batch)."""
    batches: dict[str, list[str]] = {}
    with (evalset / "sources.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            batches.setdefault(row["batch"], []).append(row["file"].rsplit(".", 1)[0])
    return batches


def home_of(evalset: Path, stem: str) -> Path:
    """The folder holding an article: the evalset, or its heldout/ part."""
    held = evalset / "heldout"
    return held if (held / "articles" / f"{stem}.txt").is_file() else evalset


def predict(evalset: Path, stems: list[str]) -> dict[str, dict]:
    preds = {}
    for stem in stems:
        article = read_article(home_of(evalset, stem) / "articles" / f"{stem}.txt")
        if isinstance(article, Article):
            preds[stem] = result_to_json(extract_by_rules(article))
    return preds


def line(name: str, counts: Counts) -> str:
    def pct(x: float | None) -> str:
        return "  -  " if x is None else f"{x:.3f}"

    return (
        f"{name:<12} P {pct(counts.precision)}  R {pct(counts.recall)}  F1 {pct(counts.f1)}  "
        f"({counts.matched}/{counts.predicted}/{counts.gold})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("evalset", type=Path)
    parser.add_argument("--batches", help="comma-separated batch names (default: all)")
    parser.add_argument("--totals-only", action="store_true", help="no per-article lines")
    args = parser.parse_args(argv)
    batches = batches_of(args.evalset)
    chosen = args.batches.split(",") if args.batches else sorted(batches)
    golds = load_dir(args.evalset / "gold")
    if (args.evalset / "heldout" / "gold").is_dir():
        golds.update(load_dir(args.evalset / "heldout" / "gold"))
    overall = Counts()
    for name in chosen:
        stems = batches[name]
        scores = score(predict(args.evalset, stems), {s: golds[s] for s in stems})
        overall += scores.total
        print(line(f"batch {name}", scores.total))
        if not args.totals_only:
            for a in scores.articles:
                print("  " + line(a.article, a.counts))
    print(line("all chosen", overall))
    return 0


if __name__ == "__main__":
    sys.exit(main())
