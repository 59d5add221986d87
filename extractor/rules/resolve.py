"""The engine: each number through the slot tables, in order, and the context onwards.

``read_number`` asks the tables of ``slots/`` for one number: first whether it is a
fact at all, then metric, flow, period, sector, partner, item, scope, the earlier
level, a balance's sign and the basis. It returns the ``Resolved`` fact with the
decision of every slot, or the decision that made it no fact. ``read_all`` walks the
numbers of a document and moves the context on between them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from extractor.rules.carry import begin_aside, carry_basis, carry_period, resume_after_aside
from extractor.rules.context import Ask, Context, Resolved
from extractor.rules.document import Anchor, Document
from extractor.rules.engine import Asked, Decision, Rule, asked, first, new_decision
from extractor.rules.items import ItemMention
from extractor.rules.scan import none_may_occur
from extractor.rules.slots import basis, flow, item, level, metric, notfact, partner, period, sector
from extractor.rules.vocab import PATTERNS, VOCAB

_P = PATTERNS.of("resolve")
_SERVICES = VOCAB.words("services")


Outcome = Resolved | Decision[Any]  # a fact, or the decision that made the number none


_TABLES = (
    notfact.TABLE, metric.TABLE, flow.TABLE, period.TABLE, sector.TABLE, partner.TABLE,
    item.TABLE, basis.TABLE, level.LEVEL, level.BALANCE_SIGN,
)  # fmt: skip


# the tables the engine asks by name, by the key ``_applicable`` gives each (its id)
_NOTFACT, _METRIC, _FLOW, _LEVEL = (
    id(t) for t in (notfact.TABLE, metric.TABLE, flow.TABLE, level.LEVEL)
)

_IN_UNIT: dict[Any, dict[int, tuple[Rule, ...]]] = {}  # by unit: each table's rules for it
_NEEDY = tuple((id(r), r.needs) for table in _TABLES for r in table if r.needs)
_WITH_NEEDS = frozenset(id(table) for table in _TABLES if any(r.needs for r in table))


def _in_unit(unit: Any) -> dict[int, tuple[Rule, ...]]:
    """The rules of each table (by its id) that can apply to a number in ``unit``."""
    found = _IN_UNIT.get(unit)
    if found is None:
        found = _IN_UNIT[unit] = {
            id(table): tuple(r for r in table if r.units is None or unit in r.units)
            for table in _TABLES
        }
    return found


def _applicable(doc: Document, ctx: Context, unit: Any) -> dict[int, Asked]:
    """``_in_unit``, less the rules none of whose patterns can match in this document
    (``Rule.needs``): worked out once per document and unit."""
    found = ctx.applicable.get(unit)
    if found is None:
        if ctx.cannot_apply is None:
            ctx.cannot_apply = none_may_occur(_NEEDY, doc.low)
        found = ctx.applicable[unit] = _without(unit, ctx.cannot_apply)
    return found


@lru_cache(maxsize=256)
def _without(unit: Any, out: frozenset[int]) -> dict[int, Asked]:
    """The rules of each table that can apply in ``unit``, less the rules ``out`` (the same
    few sets come back document after document: each is worked out once)."""
    return {
        key: asked(r for r in rules if id(r) not in out)
        if out and key in _WITH_NEEDS
        else asked(rules)
        for key, rules in _in_unit(unit).items()
    }


def _decide(table: Any, ask: Ask, slot: str, trace: dict[str, Decision[Any]]) -> Any:
    decision = first(ask.tables[id(table)], ask)
    assert decision is not None, f"the {slot} table has no last rule"
    trace[slot] = decision
    return decision.value


def _no_fact(slot: str, trace: dict[str, Decision[Any]]) -> Decision[Any]:
    d = trace[slot]
    return Decision(None, f"no {slot}: {d.rule}", d.span)


def _split(
    trace: dict[str, Decision[Any]], decision: Decision[Any], first_key: str, second_key: str
) -> tuple[Any, Any]:
    """A rule that decides two keys at once: each key's decision holds its own value."""
    (first_value, second_value), rule, span = decision
    trace[first_key] = new_decision(first_value, rule, span)
    trace[second_key] = new_decision(second_value, rule, span)
    return first_value, second_value


def _keys(ask: Ask, trace: dict[str, Decision[Any]]) -> Decision[Any] | None:
    """metric, flow, period: without any of these the number is no fact."""
    tables = ask.tables
    skip = first(tables[_NOTFACT], ask)
    if skip is not None:
        ask.not_fact = skip.rule
        return Decision(None, f"not a fact: {skip.rule}", skip.span)
    read = first(tables[_METRIC], ask)
    assert read is not None, "the metric table has no last rule"
    if read.value is None:
        trace["metric"] = read
        return _no_fact("metric", trace)
    ask.metric, ask.sign = _split(trace, read, "metric", "sign")
    found = first(tables[_FLOW], ask)
    if found is None:
        return Decision(None, "no flow word before it and none in force", None)
    trace["flow"] = found
    ask.flow, ask.scope = _split(trace, found, "flow", "scope")
    when = _decide(period.TABLE, ask, "period", trace)
    if when is None:
        return _no_fact("period", trace)
    ask.period = when
    return None


def _scope(ask: Ask, trace: dict[str, Decision[Any]]) -> None:
    s0, low = ask.anchor.sentence[0], ask.doc.low
    if ask.item and (
        _P.services_item.match(ask.item.lower())
        or any(low.find(f"{w} {ask.item.lower()}", s0, ask.start) >= 0 for w in _SERVICES)
    ):
        ask.scope = "services"  # "dịch vụ vận tải", whose item reads "vận tải"
        trace["scope"] = Decision("services", "a services item ('dịch vụ vận tải')", None)


def _level_and_sign(ask: Ask, trace: dict[str, Decision[Any]]) -> None:
    earlier = first(ask.tables[_LEVEL], ask)
    if earlier is not None:  # "so với mức 26,3 tỷ USD của năm 2023": that year's value
        (ask.period, ask.metric), ask.sign = earlier.value, 1
        trace["period"] = Decision(ask.period, earlier.rule, earlier.span)
        trace["metric"] = Decision(ask.metric, earlier.rule, earlier.span)
        trace["sign"] = Decision(1, earlier.rule, earlier.span)
    if ask.flow == "balance" and ask.metric == "value":
        ask.sign = _decide(level.BALANCE_SIGN, ask, "sign", trace)


def read_number(doc: Document, anchor: Anchor, ctx: Context) -> tuple[Outcome, Ask]:
    """One number through the slot tables (the context is only read)."""
    ask = Ask(doc, anchor, ctx, tables=_applicable(doc, ctx, anchor.amount.unit))
    clause = (anchor.sentence[0], ask.clause_start)
    if ctx.clause != clause:  # a new clause: the lookups of the last one no longer hold
        ctx.clause, ctx.clause_memo = clause, {}
    ask.clause_memo = ctx.clause_memo
    trace: dict[str, Decision[Any]] = {}
    none = _keys(ask, trace)
    if none is not None:
        return none, ask
    sector_value = _decide(sector.TABLE, ask, "sector", trace)
    ask.partner = _decide(partner.TABLE, ask, "partner", trace)
    ask.item = _decide(item.TABLE, ask, "item", trace)
    if ask.item:
        _scope(ask, trace)
    _level_and_sign(ask, trace)
    the_basis = _decide(basis.TABLE, ask, "basis", trace)
    resolved = Resolved(
        anchor, ask.flow, ask.scope, ask.period, sector_value, ask.partner, ask.item,
        ask.metric, ask.sign, the_basis, trace,
    )  # fmt: skip
    return resolved, ask


def _after_number(doc: Document, ask: Ask, r: Resolved, ctx: Context) -> None:
    """What the number's decisions change for the numbers after it."""
    a = ask.anchor.amount
    if r.trace["period"].rule == period.THIS_MONTH_ASIDE:
        begin_aside(doc, a.start, ctx)  # "trong tháng": the month again, to the paragraph's end
        ctx.period = ctx.month
    if r.trace["item"].rule in item.READ_AFTER:
        ctx.add_item(ItemMention(a.start, a.end, r.item))
        ctx.used_items[a.start] = r.flow
    elif (taken := ask.memo.get("item_mention")) is not None:
        ctx.used_items.setdefault(taken.start, r.flow)
    if not ctx.read_any:  # (a figure that names no product leaves a headline's in place)
        ctx.topic, ctx.read_any = r.item or ctx.headline_topic, True
    ctx.paragraph_topic.setdefault(doc.paragraph_index(a.start), r.item)
    if r.flow in ("export", "import"):  # a balance or a total names no product of its own
        ctx.flow_topic.setdefault(r.flow, r.item)
    said_of = ctx.last or r  # the comparisons before this number follow the one before it
    ctx.last = r
    ctx.flow = (r.flow, r.scope)
    carry_basis(doc, a.start, said_of.period, ctx)


def read_all(doc: Document, ctx: Context) -> list[tuple[Anchor, Outcome]]:
    """Every number of the document in order, each read in the context the ones before
    it left."""
    out: list[tuple[Anchor, Outcome]] = []
    for anchor in doc.anchors:
        carry_period(doc, anchor.sentence[0], ctx)
        resume_after_aside(doc, anchor.amount.start, ctx)
        outcome, ask = read_number(doc, anchor, ctx)
        if isinstance(outcome, Resolved):
            _after_number(doc, ask, outcome, ctx)
            ctx.skipped = None
        else:
            ctx.skipped = (anchor.sentence, ask.not_fact)
        out.append((anchor, outcome))
    return out
