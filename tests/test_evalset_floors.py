"""The rule path keeps its precision and F1 on every evalset of the repo.

Floors live in evalsets/floors.json, one per set; a change that loses facts or adds
wrong ones across a whole set fails here even where no corpus case covers it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.evaluate import score
from extractor.evaluate.score import load_dir
from extractor.io import read_article, result_to_json
from extractor.rules import extract_by_rules
from extractor.types import Article

EVALSETS = Path(__file__).resolve().parents[1] / "evalsets"
FLOORS = {
    name: floor
    for name, floor in json.loads((EVALSETS / "floors.json").read_text("utf-8")).items()
    if not name.startswith("_")
}


def rule_predictions(folder: Path) -> dict[str, dict]:
    preds = {}
    for path in sorted(folder.glob("*.txt")):
        article = read_article(path)
        assert isinstance(article, Article), article
        preds[path.stem] = result_to_json(extract_by_rules(article))
    return preds


@pytest.mark.parametrize("set_name", sorted(FLOORS))
def test_rules_keep_their_floor(set_name: str) -> None:
    folder = EVALSETS / set_name
    total = score(rule_predictions(folder / "articles"), load_dir(folder / "gold")).total
    floor = FLOORS[set_name]
    counts = f"{total.matched}/{total.predicted}/{total.gold}"
    got = f"P {total.precision:.3f} F1 {total.f1:.3f} ({counts})"
    assert total.gold > 0, f"{set_name}: no gold facts"
    assert (total.precision or 0) >= floor["precision"], f"{set_name}: precision under floor: {got}"
    assert (total.f1 or 0) >= floor["f1"], f"{set_name}: F1 under floor: {got}"


def test_every_evalset_has_a_floor() -> None:
    sets = {p.parent.name for p in EVALSETS.glob("*/gold")}
    assert sets <= set(FLOORS), f"evalsets without a floor: {sorted(sets - set(FLOORS))}"
