"""The sector of a number (domestic, FDI): the sector named right after it ("US$ 43.95
billion made by domestic sector"), else the nearest sector named before it in its sentence
(a back reference such as "khối này" names the sector said last)."""

from __future__ import annotations

from bisect import bisect_left

from extractor.rules.context import Ask
from extractor.rules.cues import Cue
from extractor.rules.document import nearest_left
from extractor.rules.engine import Rule, Span, rule
from extractor.rules.vocab import PATTERNS

_P = PATTERNS.of("sector")

Hit = tuple[str | None, Span | None] | None


def _named_right_after(q: Ask, cues: list[Cue], i: int) -> Hit:
    """``cues[i]``, the first sector named after the number, when only linking words ("made
    by", "của") stand between them in its sentence."""
    cue = cues[i] if i < len(cues) else None
    if cue is None or cue.start >= q.anchor.sentence[1]:
        return None
    if not _P.named_after.fullmatch(q.doc.low, q.end, cue.start):
        return None
    return (cue.value, (cue.start, cue.end))


@rule("sector named right after it ('US$ 43.95 billion made by domestic sector')")
def _after(q: Ask) -> Hit:
    return _named_right_after(q, q.doc.sectors, bisect_left(q.doc.sector_starts, q.end))


@rule(
    "a figure in a comparison, its sector after it ('cao hơn so với mức tăng 4,2% của khu vực"
    " FDI'): that sector"
)
def _compared_after(q: Ask) -> Hit:
    if q.start not in q.doc.in_comparison:
        return None
    said = q.doc.quiet_sectors  # (by start, as simple_cues gives them)
    return _named_right_after(q, said, bisect_left(said, q.end, key=lambda c: c.start))


@rule("sector named before it in its sentence")
def _before(q: Ask) -> Hit:
    doc = q.doc
    cue = nearest_left(doc.sectors, doc.sector_starts, q.start, q.anchor.sentence[0], doc.visible)
    if cue is None:
        return None
    if whole := _P.whole_economy.search(doc.low, cue.end, q.start):
        return (None, whole.span())  # "..., but the economy as a whole enjoyed a ..."
    if q.metric != "share_pct" and (
        whole := _P.whole_country.search(doc.low, cue.end, q.start)
        or _P.whole_after.match(doc.low, q.end)
    ):
        return (None, whole.span())  # "... 76,85 tỉ USD trong 124 tỉ USD xuất khẩu của cả VN"
    return (cue.value, (cue.start, cue.end))


@rule("a sentence led by a pronoun goes on about the sector before ('This included ...')")
def _pronoun_subject(q: Ask) -> Hit:
    last, doc, s0 = q.ctx.last, q.doc, q.anchor.sentence[0]
    if last is None or last.sector is None:
        return None
    if last.anchor.sentence[1] > s0 and last.anchor.sentence != q.anchor.sentence:
        return None
    if doc.paragraph_index(last.anchor.amount.start) != doc.paragraph_index(q.start):
        return None
    m = _P.pronoun_subject.match(doc.low, s0)
    return (last.sector, m.span()) if m else None


@rule("no sector named: the whole economy")
def _none(q: Ask) -> Hit:
    return (None, None)


TABLE: tuple[Rule, ...] = (_after, _compared_after, _before, _pronoun_subject, _none)
