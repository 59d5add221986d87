"""The sector of a number (domestic, FDI): the nearest sector named before it in its
sentence (a back reference such as "khối này" names the sector said last)."""

from __future__ import annotations

from extractor.rules.context import Ask
from extractor.rules.document import nearest_left
from extractor.rules.engine import Rule, Span, rule

Hit = tuple[str | None, Span | None] | None


@rule("sector named before it in its sentence")
def _before(q: Ask) -> Hit:
    doc = q.doc
    cue = nearest_left(doc.sectors, doc.sector_starts, q.start, q.anchor.sentence[0], doc.visible)
    return (cue.value, (cue.start, cue.end)) if cue is not None else None


@rule("no sector named: the whole economy")
def _none(q: Ask) -> Hit:
    return (None, None)


TABLE: tuple[Rule, ...] = (_before, _none)
