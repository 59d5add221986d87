"""The rule path's output on every article in the repo, kept as a reviewed snapshot.

``python scripts/rules_snapshot.py`` shows which articles' facts differ from the
snapshot (tests/snapshots/rules/<set>.jsonl); ``--accept`` writes the new output
as the snapshot once the differences have been reviewed. tests/test_rules_snapshot.py
fails on any difference, so "rule output unchanged" is checked, not claimed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from extractor.io import read_article
from extractor.rules import extract_by_rules
from extractor.types import Article, ArticleResult, Fact

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT_DIR = ROOT / "tests" / "snapshots" / "rules"


def article_sets() -> dict[str, Path]:
    """Every folder of articles in the repo: samples/ and evalsets/<name>/articles/."""
    sets = {"samples": ROOT / "samples"}
    for folder in sorted((ROOT / "evalsets").glob("*/articles")):
        sets[folder.parent.name] = folder
    return sets


def fact_row(fact: Fact) -> list[Any]:
    """A fact as a compact row: every key, the value, qualifier and evidence offsets."""
    p = fact.period
    evidence = fact.evidence
    return [
        fact.flow.value,
        fact.scope.value,
        [p.year, p.start_month, p.end_month],
        fact.sector.value if fact.sector else None,
        fact.partner,
        fact.item,
        fact.metric.value,
        fact.basis.value if fact.basis else None,
        fact.value,
        fact.qualifier,
        [evidence.start, evidence.end] if evidence else None,
    ]


def result_row(result: ArticleResult) -> dict[str, Any]:
    return {
        "article": result.article,
        "numbers_masked": result.numbers_masked,
        "facts": [fact_row(f) for f in result.facts],
        "warnings": result.warnings,
        "error": result.error,
    }


def articles_of(folder: Path) -> Iterator[Article]:
    for path in sorted(folder.glob("*.txt")):
        loaded = read_article(path)
        if isinstance(loaded, Article):
            yield loaded


def current_rows(folder: Path) -> list[dict[str, Any]]:
    return [result_row(extract_by_rules(article)) for article in articles_of(folder)]


def snapshot_path(set_name: str) -> Path:
    return SNAPSHOT_DIR / f"{set_name}.jsonl"


def load_snapshot(set_name: str) -> list[dict[str, Any]]:
    path = snapshot_path(set_name)
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]


def dump_rows(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def differences(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[str]:
    """One line per article whose output changed, with the facts gained and lost."""
    before = {row["article"]: row for row in old}
    after = {row["article"]: row for row in new}
    lines = []
    for name in sorted(before.keys() | after.keys()):
        a, b = before.get(name), after.get(name)
        if a == b:
            continue
        if a is None or b is None:
            lines.append(f"{name}: {'new article' if a is None else 'article gone'}")
            continue
        lost = [f for f in a["facts"] if f not in b["facts"]]
        gained = [f for f in b["facts"] if f not in a["facts"]]
        lines.append(f"{name}: -{len(lost)} +{len(gained)} facts")
        lines += [f"  - {json.dumps(f, ensure_ascii=False)}" for f in lost]
        lines += [f"  + {json.dumps(f, ensure_ascii=False)}" for f in gained]
        for key in ("numbers_masked", "warnings", "error"):
            if a[key] != b[key]:
                lines.append(f"  {key}: {a[key]!r} -> {b[key]!r}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accept", action="store_true", help="write the output as the snapshot")
    args = parser.parse_args(argv)
    changed = 0
    for name, folder in article_sets().items():
        rows = current_rows(folder)
        diff = differences(load_snapshot(name), rows)
        changed += bool(diff)
        print(f"{name}: {len(rows)} articles, {'changed' if diff else 'unchanged'}")
        for line in diff:
            print(f"  {line}")
        if args.accept and diff:
            SNAPSHOT_DIR.mkdir(parents=True, exist_ok=True)
            snapshot_path(name).write_text(dump_rows(rows), "utf-8")
            print(f"  accepted -> {snapshot_path(name).relative_to(ROOT)}")
    return 1 if changed and not args.accept else 0


if __name__ == "__main__":
    sys.exit(main())
