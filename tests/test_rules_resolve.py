"""The engine asks a rule only where it can apply: what a rule says of the units and
texts it applies to is true of what it decides."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from extractor.normalise import normalise
from extractor.rules import resolve
from extractor.rules.context import Ask, Context
from extractor.rules.document import Document
from extractor.rules.engine import Rule
from extractor.rules.extract import extract_by_rules
from extractor.rules.slots import basis, flow, item, level, metric, notfact, partner, period, sector
from extractor.types import Article

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
    assert all(r.body is not None for r in limited), "a rule with units keeps its own function"
    for doc in _documents():
        for anchor in doc.anchors:
            for r in limited:
                if anchor.amount.unit not in (r.units or ()):
                    assert r.when(Ask(doc, anchor, Context.start(doc))) is None, r.name


@pytest.mark.parametrize("unit", sorted({a.amount.unit for d in _documents() for a in d.anchors}))
def test_the_engine_asks_a_rule_only_of_numbers_in_its_units(unit: object) -> None:
    """A rule's own function (``Rule.body``) leaves the unit check to the engine."""
    by_table = resolve._in_unit(unit)
    for table in resolve._TABLES:
        asked_here = by_table[id(table)]
        assert all(r.units is None or unit in r.units for r in asked_here)
        assert {r.name for r in table if r.units is None or unit in r.units} == {
            r.name for r in asked_here
        }


@pytest.mark.parametrize("table", TABLES, ids=str)
def test_a_rule_decides_nothing_in_a_text_none_of_its_patterns_can_match(table: str) -> None:
    needy = [r for r in TABLES[table] if r.needs]
    for doc in _documents():
        for r in needy:
            if any(doc.may_occur(p) for p in r.needs):
                continue
            for anchor in doc.anchors:
                assert r.when(Ask(doc, anchor, Context.start(doc))) is None, r.name


def _all_rules_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine as if no rule said where it applies: every rule asked everywhere."""
    every = {id(table): tuple((r.name, r.when) for r in table) for table in resolve._TABLES}
    monkeypatch.setattr(resolve, "_applicable", lambda doc, ctx, unit: every)


def _texts() -> list[str]:
    """Every article and corpus sentence the repo holds (the held-out set aside)."""
    paths = [*(ROOT / "samples").glob("*.txt")]
    for folder in sorted((ROOT / "evalsets").glob("*/articles")):
        if folder.parent.name != "heldout":
            paths += folder.rglob("*.txt")
    texts = [p.read_text(encoding="utf-8") for p in sorted(paths)]
    for corpus in sorted((ROOT / "tests" / "corpora").glob("*.yaml")):
        texts += [case["text"] for case in yaml.safe_load(corpus.read_text(encoding="utf-8"))]
    return texts


def test_what_rules_say_of_themselves_changes_no_fact(monkeypatch: pytest.MonkeyPatch) -> None:
    """``Rule.needs`` only spares the engine questions, and ``Rule.units`` holds of what a rule
    decides: asking every rule (``when``, with its unit check) everywhere gives the same facts
    on every text the repo holds. (A rule that comes to hit through another pattern must
    list it in ``needs``.)"""
    texts = _texts()
    filtered = [extract_by_rules(Article(name="t", text=t)).facts for t in texts]
    _all_rules_asked(monkeypatch)
    for text, facts in zip(texts, filtered, strict=True):
        assert extract_by_rules(Article(name="t", text=text)).facts == facts, text[:200]
