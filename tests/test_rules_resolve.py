"""The engine asks a rule only where it can apply: what a rule says of the units and
texts it applies to is true of what it decides."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.normalise import normalise
from extractor.rules.context import Ask, Context
from extractor.rules.document import Document
from extractor.rules.engine import Rule
from extractor.rules.slots import basis, flow, item, level, metric, notfact, partner, period, sector

ROOT = Path(__file__).resolve().parents[1]
TABLES = {
    m.__name__.rsplit(".", 1)[-1] + "." + name: getattr(m, name)
    for m in (notfact, metric, flow, period, sector, partner, item, basis, level)
    for name in ("TABLE", "LEVEL", "BALANCE_SIGN")
    if hasattr(m, name)
}


def _documents() -> list[Document]:
    paths = [*(ROOT / "samples").glob("*.txt"), *(ROOT / "evalsets" / "dev").rglob("*.txt")]
    return [Document(normalise(p.read_text(encoding="utf-8")).text) for p in sorted(paths)]


@pytest.mark.parametrize("table", TABLES, ids=str)
def test_a_rule_decides_nothing_for_a_number_in_another_unit(table: str) -> None:
    limited: list[Rule] = [r for r in TABLES[table] if r.units is not None]
    for doc in _documents():
        for anchor in doc.anchors:
            for r in limited:
                if anchor.amount.unit not in (r.units or ()):
                    assert r.when(Ask(doc, anchor, Context.start(doc))) is None, r.name


@pytest.mark.parametrize("table", TABLES, ids=str)
def test_a_rule_decides_nothing_in_a_text_none_of_its_patterns_can_match(table: str) -> None:
    needy = [r for r in TABLES[table] if r.needs]
    for doc in _documents():
        for r in needy:
            if any(doc.may_occur(p) for p in r.needs):
                continue
            for anchor in doc.anchors:
                assert r.when(Ask(doc, anchor, Context.start(doc))) is None, r.name
