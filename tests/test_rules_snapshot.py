"""The rule path's output on every article in the repo equals the reviewed snapshot.

A change to the rules that changes any fact, qualifier, evidence span, warning or
error on any article fails here until the new output is reviewed and accepted with
``python scripts/rules_snapshot.py --accept`` (which prints the facts gained and lost).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "rules_snapshot.py"
_spec = importlib.util.spec_from_file_location("rules_snapshot", _SCRIPT)
assert _spec and _spec.loader
snapshot = importlib.util.module_from_spec(_spec)
sys.modules["rules_snapshot"] = snapshot
_spec.loader.exec_module(snapshot)

SETS = snapshot.article_sets()


@pytest.mark.parametrize("set_name", sorted(SETS))
def test_rule_output_equals_snapshot(set_name: str) -> None:
    rows = snapshot.current_rows(SETS[set_name])
    assert rows, f"{set_name} has no articles"
    diff = snapshot.differences(snapshot.load_snapshot(set_name), rows)
    shown = "\n".join(diff[:40])
    assert not diff, (
        f"rule output on {set_name} differs from tests/snapshots/rules/{set_name}.jsonl "
        f"(review, then `python scripts/rules_snapshot.py --accept`):\n{shown}"
    )


def test_a_flipped_flow_is_a_difference() -> None:
    """The comparison sees a wrong key, not only a missing fact."""
    rows = snapshot.load_snapshot("samples")
    article = next(row for row in rows if row["facts"])
    mutated = dict(article, facts=[list(f) for f in article["facts"]])
    first = mutated["facts"][0]
    first[0] = "import" if first[0] != "import" else "export"
    assert snapshot.differences([article], [mutated])


def test_a_wrong_year_copy_is_a_difference() -> None:
    rows = snapshot.load_snapshot("samples")
    article = next(row for row in rows if row["facts"])
    copy = list(article["facts"][0])
    copy[2] = [copy[2][0] - 1, copy[2][1], copy[2][2]]
    mutated = dict(article, facts=[*article["facts"], copy])
    assert snapshot.differences([article], [mutated])
