"""Figures of one province, city, region or company, not the country's trade (unless the
place is only where, or by whom, the country's figure was said). Rules of the no-fact table
(``notfact.TABLE``)."""

from __future__ import annotations

import re

from extractor.rules.context import Ask
from extractor.rules.engine import rule
from extractor.rules.slots.lookups import Hit, hit_of, search_hit
from extractor.rules.vocab import PATTERNS

_P = PATTERNS.of("local")
LOCAL = _P.local  # (a search the document's local words pre-check)


@rule("a province's, city's or company's figure", needs=(LOCAL, _P.local_opening))
def local(q: Ask) -> Hit:
    doc, s0 = q.doc, q.anchor.sentence[0]
    place = LOCAL.search(doc.low, s0, q.start) if doc.local_words.overlap(s0, q.start) else None
    if place is not None and not _where_said(q, place):
        return hit_of(place)
    # a paragraph that opens with a city's or province's figures goes on about it
    # ("Hanoi's exports in February rose ... For the two months, Hanoi posted ..."), unless
    # the number's sentence turns to the whole country
    p0 = doc.regions.paragraphs[doc.paragraph_index(q.start)][0]
    opening = _P.local_opening.match(doc.low, p0, q.start)
    if opening is None or doc.search(_P.whole_country, s0, q.start):
        return None
    return (True, opening.span())


def _where_said(q: Ask, place: re.Match[str]) -> bool:
    """The place is where the figure was said, or in the name of who said it, and the figure
    the whole country's ("said at a conference in Ho Chi Minh City on Monday that the country
    exported ...")."""
    doc = q.doc
    if _said_by(q, place):
        return True
    return bool(
        _P.where_said_before.search(doc.low, max(0, place.start() - 24), place.start())
        and doc.search(_P.whole_country, place.end(), q.start)
    )


def _said_by(q: Ask, place: re.Match[str]) -> bool:
    """The place is in the name of whoever gave the figure ("According to ... the VCCI's Ho Chi
    Minh City Branch Tran Ngoc Liem, shipment of the products rose ..."), a clause closed by a
    comma before the figure, which does not then turn to the place ("the city's exports")."""
    doc, s0 = q.doc, q.anchor.sentence[0]
    comma = doc.low.find(",", place.end(), q.start)
    if comma < 0 or not _P.said_by_before.search(doc.low, s0, place.start()):
        return False
    return doc.search(_P.place_referred, comma, q.start) is None


@rule(
    "a list of companies ('Các doanh nghiệp ... gồm: Trân Châu 2.265 tấn, ...')",
    needs=(_P.company_list,),
)
def company_list(q: Ask) -> Hit:
    return search_hit(q, _P.company_list, q.anchor.sentence[0], q.start)
