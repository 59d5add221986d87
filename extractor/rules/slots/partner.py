"""The partner of a number: the market it goes to or comes from.

The nearest partner named before it in its clause (not across ";"), unless an amount
is followed by its partner ("10 tỷ USD với Mỹ", "... sang Mỹ"); a sentence that
narrows the one before ("Riêng ...", "Trong đó, ...") keeps its market; a bilateral
article's partner holds for figures that name none, unless they are the whole country's.
"""

from __future__ import annotations

import re

from extractor.numbers import Unit
from extractor.rules.context import Ask
from extractor.rules.cues import Cue
from extractor.rules.document import nearest_left
from extractor.rules.engine import Rule, Span, rule

_WITH_PARTNER = re.compile(r"\s*(?:with|với)\s+(?:the\s+)?")
_PARTNER_AFTER = re.compile(r"[^;.()]{0,80}?(?:từ|sang|to|from)\s+")
# A sentence that narrows what the one before said: its market carries over
NARROWING_START = re.compile(
    r"\s*(?:riêng|trong\s+đó|trong\s+số\s+này|of\s+which|among\s+them)(?![\w])"
    r"(?!,?\s+(?:trong\s+|tính\s+)?(?:tháng|quý|năm|nửa|kỳ|\d))"  # "Riêng tháng 8": a period
)

Hit = tuple[str | None, Span | None] | None


def _of(cue: Cue | None) -> Hit:
    return (cue.value, (cue.start, cue.end)) if cue is not None else None


def _starting_at(q: Ask, pos: int) -> Cue | None:
    return next((p for p in q.doc.partners if p.start == pos), None)


def _usd(q: Ask) -> bool:
    return q.anchor.amount.unit is Unit.USD


@rule("partner right after an amount ('với Mỹ')")
def _with_after(q: Ask) -> Hit:
    m = _WITH_PARTNER.match(q.doc.low[q.end : q.end + 12]) if _usd(q) else None
    return _of(_starting_at(q, q.end + m.end())) if m else None


@rule("partner named before it in its clause")
def _before(q: Ask) -> Hit:
    doc, s0 = q.doc, q.anchor.sentence[0]
    floor = max(s0, doc.low.rfind(";", s0, q.start) + 1)
    return _of(nearest_left(doc.partners, doc.partner_starts, q.start, floor, doc.visible))


@rule("partner after an amount ('... sang Mỹ', 'from China')")
def _to_or_from_after(q: Ask) -> Hit:
    m = _PARTNER_AFTER.match(q.doc.low[q.end : q.end + 90]) if _usd(q) else None
    return _of(_starting_at(q, q.end + m.end())) if m else None


@rule("a sentence that narrows the one before keeps its market ('Riêng ...', 'Trong đó')")
def _narrowing(q: Ask) -> Hit:
    last, doc, s0 = q.ctx.last, q.doc, q.anchor.sentence[0]
    if last is None or last.partner is None:
        return None
    if doc.paragraph_index(last.anchor.amount.start) != doc.paragraph_index(q.start):
        return None
    m = NARROWING_START.match(doc.low, s0)
    return (last.partner, m.span()) if m else None


@rule("the partner of a bilateral article")
def _article(q: Ask) -> Hit:
    if not q.doc.article_partner or q.doc.whole_subject(q.anchor):
        return None
    return (q.doc.article_partner, None)


@rule("no partner named: the world")
def _none(q: Ask) -> Hit:
    return (None, None)


TABLE: tuple[Rule, ...] = (_with_after, _before, _to_or_from_after, _narrowing, _article, _none)
