"""The flow of a number (export, import, total, balance) and its scope (goods, services).

The value is ``(flow, scope)``. A flow named right after a percent's change noun
("a 17.1 per cent fall in import turnover") is that percent's; else the nearest flow word
before the number in its sentence wins (a market ranked while imports are in force, "The
second largest market is Argentina", is a supplier); then one right after it; then the
object of a share ("chiếm 88,7% tổng kim ngạch xuất khẩu"); then a heading or an earlier
sentence; then the flow in force.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from extractor.numbers import Unit
from extractor.rules.context import Ask
from extractor.rules.cues import Cue
from extractor.rules.document import nearest_left
from extractor.rules.engine import Rule, Span, rule
from extractor.rules.scan import any_between
from extractor.rules.vocab import PATTERNS

_P = PATTERNS.of("flow")

Hit = tuple[tuple[str, str], Span | None] | None


def _of(cue: Cue | None) -> Hit:
    return ((cue.value, cue.scope), (cue.start, cue.end)) if cue is not None else None


def _flow_at(q: Ask, m: re.Match[str] | None) -> Hit:
    """The flow word that begins where ``m`` (what leads to it from the number) ends."""
    if m is None:
        return None
    doc = q.doc
    i = bisect_left(doc.flow_starts, m.end())
    cue = doc.flows[i] if i < len(doc.flows) else None
    return _of(cue) if cue is not None and cue.start == m.end() else None


@rule(
    "flow named right after a percent's change noun ('a 17.1 per cent fall in import turnover')",
    units=(Unit.PERCENT,),
    needs=(_P.noun_in_flow,),
)
def _after_change_noun(q: Ask) -> Hit:
    return _flow_at(q, _P.noun_in_flow.match(q.doc.low, q.end))


@rule("an amount 'in exports' or 'in imports' ('US$132.84 billion in imports')")
def _in_flow_after(q: Ask) -> Hit:
    doc, low = q.doc, q.doc.low
    if hit := _flow_at(q, _P.in_flow_after.match(low, q.end)):
        return hit
    m = _P.in_partner_flow_after.match(low, q.end)  # "on Chinese imports"
    i = bisect_left(doc.partner_starts, m.end()) if m else len(doc.partners)
    if m is None or i == len(doc.partners) or doc.partners[i].start != m.end():
        return None
    return _flow_at(q, _P.partner_gap.match(low, doc.partners[i].end))


@rule(
    "a partner's goods sent to Vietnam with no flow word of their own ('và Nga sang Việt Nam là"
    " 1,9 tỷ USD'): an import",
    needs=(_P.sent_to_vietnam,),
)
def _sent_to_vietnam(q: Ask) -> Hit:
    doc = q.doc
    i = bisect_left(doc.partner_starts, q.start) - 1
    if i < 0 or doc.partners[i].start < q.clause_start:
        return None
    partner = doc.partners[i]
    m = _P.sent_to_vietnam.match(doc.low, partner.end)
    if m is None or m.end() > q.start:
        return None
    if any_between(doc.flow_starts, partner.start, q.start):
        return None  # (a flow word of its own between them)
    return (("import", "goods"), (partner.start, m.end()))


@rule(
    "Vietnam supplying goods to a partner ('Việt Nam là thị trường cung cấp cao su lớn thứ hai cho"
    " Trung Quốc', 'Vietnam is the largest supplier of cashew to Japan'): an export",
    needs=(_P.supply_cue,),
)
def _supplying(q: Ask) -> Hit:
    doc, low, s0 = q.doc, q.doc.low, q.anchor.sentence[0]
    cue = nearest_left(doc.flows, doc.flow_starts, q.start, s0, doc.visible)
    if cue is None or cue.value != "import" or not _P.supply_cue.match(low, cue.start):
        return None
    if not doc.search(_P.vietnam_supplying, s0, cue.start):
        return None
    lo = bisect_left(doc.partner_starts, cue.end)
    for p in doc.partners[lo : bisect_left(doc.partner_starts, q.start)]:
        if _P.supplied_to.search(low, max(cue.end, p.start - 20), p.start):
            return (("export", "goods"), (cue.start, p.end))
    return None


@rule(
    "the country spending an amount buying goods ('the country spent 1.58 billion USD purchasing"
    " seafood'): an import",
    needs=(_P.spent_buying_after,),
)
def _spent_buying(q: Ask) -> Hit:
    spent = q.doc.search(_P.country_spent_before, q.clause_start, q.start)
    m = _P.spent_buying_after.match(q.doc.low, q.end) if spent else None
    # ("The US spent 1.67 billion USD buying Vietnamese seafood": no country spending, an export)
    return (("import", "goods"), m.span()) if m else None


@rule("a market ranked while imports are in force ('The second largest market is Argentina')")
def _import_market(q: Ask) -> Hit:
    doc, flow = q.doc, q.ctx.flow
    if flow is None or flow[0] != "import":
        return None  # (asked first: most numbers need no look for the flow word)
    cue = nearest_left(doc.flows, doc.flow_starts, q.start, q.anchor.sentence[0], doc.visible)
    if cue is None or cue.value != "export":
        return None
    if not _P.ranked_market.fullmatch(doc.low, cue.start, cue.end):
        return None  # ("the largest export market" names its flow)
    return (flow, (cue.start, cue.end))


@rule("flow word before it in its sentence")
def _before(q: Ask) -> Hit:
    doc = q.doc
    return _of(nearest_left(doc.flows, doc.flow_starts, q.start, q.anchor.sentence[0], doc.visible))


@rule("flow word right after it")
def _right_after(q: Ask) -> Hit:
    doc = q.doc
    i = bisect_left(doc.flow_starts, q.end)
    if i < len(doc.flows) and doc.flows[i].start < min(q.anchor.sentence[1], q.end + 30):
        return _of(doc.flows[i])
    return None


@rule("what a share is of ('chiếm 88,7% tổng kim ngạch xuất khẩu')")
def _share_object(q: Ask) -> Hit:
    if q.metric != "share_pct":
        return None
    return _of(_first_between(q.doc.object_flows, q.doc.object_flow_starts, q.end, q.end + 40))


@rule("what a share in its sentence is of")
def _sentence_object(q: Ask) -> Hit:
    s0, s1 = q.anchor.sentence
    return _of(_first_between(q.doc.object_flows, q.doc.object_flow_starts, s0, s1))


@rule(
    "the trade of Việt Nam and a partner named as a pair ('Vietnam-Singapore trade hit US$15.6"
    " billion'): both flows",
    needs=(_P.paired_trade,),
)
def _paired_trade(q: Ask) -> Hit:
    m = q.doc.search(_P.paired_trade, q.anchor.window_start, q.start)
    return (("total", "goods"), m.span()) if m else None


@rule("flow word of a heading or an earlier sentence")
def _earlier(q: Ask) -> Hit:
    doc, s0 = q.doc, q.anchor.sentence[0]
    # a surplus or deficit is said in its own sentence; it is not a topic to carry
    return _of(
        nearest_left(
            doc.flows,
            doc.flow_starts,
            q.start,
            0,
            lambda pos, at: (
                doc.visible(pos, at) and (pos >= s0 or doc.flow_at[pos].value != "balance")
            ),
        )
    )


@rule("the flow of the figure before")
def _in_force(q: Ask) -> Hit:
    return (q.ctx.flow, None) if q.ctx.flow is not None else None


NEXT_FLOW_REACH = 400  # characters from a page's first figures to the flow word after them


@rule(
    "no flow word before it and none in force, on a page that opens mid-story ('Riêng tháng"
    " 10/2021 đạt 373.001 tấn ... Giá xuất khẩu ...'): the flow word named next"
)
def _named_next(q: Ask) -> Hit:
    doc = q.doc
    if q.ctx.flow is not None or _first_between(doc.flows, doc.flow_starts, 0, q.start):
        return None
    p0, p1 = doc.regions.paragraphs[0]
    if not (p0 <= q.start < p1) or not _P.page_opens_narrowing.match(doc.low, p0):
        return None  # (a page that opens narrowing what it lost: "Riêng tháng 10/2021, ...")
    cue = _first_between(doc.flows, doc.flow_starts, q.end, q.end + NEXT_FLOW_REACH)
    return None if cue is None or cue.value == "balance" else _of(cue)


TABLE: tuple[Rule, ...] = (
    _after_change_noun,
    _in_flow_after,
    _share_object,
    _sent_to_vietnam,
    _supplying,
    _spent_buying,
    _import_market,
    _before,
    _right_after,
    _sentence_object,
    _paired_trade,
    _earlier,
    _in_force,
    _named_next,
)


def _first_between(cues: list[Cue], starts: list[int], lo: int, hi: int) -> Cue | None:
    """The first of ``cues`` (sorted by ``starts``) starting in ``[lo, hi)``."""
    i = bisect_left(starts, lo)
    return cues[i] if i < len(cues) and starts[i] < hi else None
