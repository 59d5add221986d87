"""Figures that are another country's or several countries' at once, not Vietnam's trade
with one partner: a continent's, a third country's own trade, a foreign country's own
exports or imports, a share of the world's market, a combined figure, other countries'
figures set beside Vietnam's. Rules of the no-fact table (``notfact.TABLE``)."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import pairwise

from extractor.numbers import Unit
from extractor.rules.buyers import partner_importing, ranked_market_importing
from extractor.rules.context import Ask
from extractor.rules.cues import Cue
from extractor.rules.engine import rule
from extractor.rules.scan import any_between
from extractor.rules.slots import lookups
from extractor.rules.vocab import PATTERNS

_P = PATTERNS.of("foreign")
_RESPECTIVELY = PATTERNS.of("notfact").respectively  # "lần lượt", "respectively"
CONTINENT = _P.continent
_PERCENT = (Unit.PERCENT,)


@rule("a continent's figure ('Châu Á chiếm 88,8%'): no partner code", needs=(CONTINENT,))
def continent(q: Ask) -> lookups.Hit:
    low = q.doc.low
    clause_start = lookups.clause_start_of(q, q.start)
    if not q.doc.continent_words.overlap(clause_start, q.start):
        return None
    found = None
    for m in CONTINENT.finditer(low, clause_start, q.start):
        found = m
    if found is None or any_between(q.doc.partner_starts, found.end(), q.start):
        return None  # a partner named after the continent is the subject
    i = bisect_right(q.doc.partner_starts, found.start()) - 1
    if i >= 0 and q.doc.partners[i].end >= found.end():
        return None  # "từ quốc gia Nam Mỹ này": a partner named before, referred back to
    if (
        i >= 0
        and q.doc.partners[i].start >= clause_start
        and _P.located_in_before.search(low, max(0, found.start() - 16), found.start())
        and _P.partner_is.search(low, q.doc.partners[i].end, found.start())
    ):
        return None  # "Nam Phi ... lớn nhất tại khu vực châu Phi với ...": where it lies
    return lookups.hit_of(found)


def _clause_partners(q: Ask) -> tuple[int, list[Cue]]:
    """Where the number's clause starts, and the partners named in it before the number."""
    doc, clause_start = q.doc, lookups.clause_start_of(q, q.start)
    return clause_start, doc.partners[lookups.between(doc.partner_starts, clause_start, q.start)]


@rule(
    "a third country's own trade ('Trung Quốc nhập khẩu sầu riêng từ Thái Lan')",
    needs=(_P.third_country_link,),
)
def third_country(q: Ask) -> lookups.Hit:
    doc, low = q.doc, q.doc.low
    clause_start, named = _clause_partners(q)
    if len(named) < 2 or "việt nam" in low[clause_start : q.start]:
        return None
    subject, other = named[0], named[1]
    if _P.third_country_link.search(low, max(clause_start, subject.start - 20), subject.start):
        return None  # "Exports to the EU ..., while shipments to ASEAN": no foreign subject
    flows = doc.flows[lookups.between(doc.flow_starts, subject.end, other.start)]
    if subject.value == other.value or not flows:
        return None
    if any(ch.isdigit() for ch in low[subject.end : other.start]):
        return None  # "China bought $9.5 billion, while shipments to the EU ...": two clauses
    m = _P.third_country_link.search(low, flows[-1].end, other.start)
    return (True, (subject.start, other.end)) if m else None


@rule(
    "trade between two other countries, or one and the world ('between South Korea and Japan',"
    " 'between Laos and the world')",
    needs=(_P.pair_between,),
)
def foreign_pair(q: Ask) -> lookups.Hit:
    clause_start, named = _clause_partners(q)
    low = q.doc.low
    for p in named:  # "between Laos and the world"
        world = _P.and_the_world.match(low, p.end)
        if world and _P.pair_between.search(low, max(clause_start, p.start - 12), p.start):
            return (True, (p.start, world.end()))
    for first, second in pairwise(named):
        before = max(clause_start, first.start - 12)
        if (
            first.value != second.value
            and _P.pair_between.search(low, before, first.start)
            and _P.pair_and.fullmatch(low, first.end, second.start)
        ):
            return (True, (first.start, second.end))
    return None


@rule(
    "a foreign country's own trade ('Trung Quốc nhập khẩu sầu riêng', \"Thailand's exports\")",
    needs=(_P.foreign_imports, _P.foreign_possessive_trade, _P.described_importer, _P.foreign_of),
)
def foreign_imports(q: Ask) -> lookups.Hit:
    doc, low = q.doc, q.doc.low
    clause_start, named = _clause_partners(q)
    if not named and doc.search(_P.described_importer, clause_start, q.start) is None:
        return None  # (no importer and no owner: nobody's own trade)
    importer: tuple[int, int] | None = next(
        ((p.start, p.end) for p in named if own_trade_after(low, p.end)), None
    )
    if importer is not None and _bought_from_vietnam(q, importer):
        return None
    s1 = q.anchor.sentence[1]
    if importer is None and (described := doc.search(_P.described_importer, clause_start, q.start)):
        if _vietnam_buying(q, described, s1):
            return None
        importer = described.span()  # "the North African country imports ..."
    clause_end = low.find(";", q.end, s1)
    if importer is None:
        # "Xuất khẩu chip bán dẫn của Hàn Quốc đạt 129,2 tỷ USD" (unless it goes to Vietnam)
        owner = next((p for p in named if _P.foreign_of.search(low, p.start - 50, p.start)), None)
        if owner is None or _P.vietnam_named.search(low, clause_start, q.start):
            return None
        return (True, (owner.start, owner.end))
    end = s1 if clause_end < 0 else clause_end
    aside = _P.with_aside.search(low, q.end, end)  # ", with Thailand, Vietnam, ... being the
    if _P.vietnam_named.search(low, clause_start, aside.start() if aside else end):  # suppliers"
        return None  # "Nhật Bản nhập khẩu từ Việt Nam 20,2 tỷ USD", "... of Vietnamese seafood"
    return (True, importer)


def _bought_from_vietnam(q: Ask, importer: tuple[int, int]) -> bool:
    """The partner imports as a buyer of Vietnam's exports ("exports to most markets grew,
    with China importing nearly 989 million USD", a market ranked among Vietnam's "nhập khẩu
    ..."): not its own trade."""
    low = q.doc.low
    verb = _P.foreign_imports.match(low, importer[1])
    at = low.find("nhập", *verb.span()) if verb is not None else -1  # (not "imported")
    if at >= 0 and ranked_market_importing(low, at):
        return True  # "Vương quốc Anh là thị trường xuất khẩu lớn thứ 2. ... nước này nhập khẩu"
    exports = [c.start for c in q.doc.flows if c.value == "export"]
    return partner_importing(low, importer[0], importer[1], exports)


def _vietnam_buying(q: Ask, described: re.Match[str], s1: int) -> bool:
    """ "The Southeast Asian nation imported 1.9 million tonnes ... from Japan" in an article
    about Vietnam's trade: Vietnam, buying from the partner named after "from"."""
    low = q.doc.low
    if not _P.southeast_asian_nation.match(low, described.start()):
        return False
    return any(
        low.startswith("from ", p.start - 5) and not _P.vietnam_named.match(low, p.start)
        for p in q.doc.partners
        if described.end() < p.start < s1
    )


def own_trade_after(low: str, pos: int) -> bool:
    """A country's name followed by its own imports ("nhập khẩu", "imported") or by its
    possessive trade ("'s rice exports")."""
    return bool(_P.foreign_imports.match(low, pos) or _P.foreign_possessive_trade.match(low, pos))


@rule(
    "a share of the world's or another market ('chiếm 50% thị phần hồ tiêu thế giới', 'Việt Nam"
    " chiếm 16%')",
    units=_PERCENT,
    needs=(_P.world_share_after, _P.world_rank_before),
)
def world_share(q: Ask) -> lookups.Hit:
    low, s1 = q.doc.low, q.anchor.sentence[1]
    if (m := _P.world_share_after.match(low, q.end, min(s1, q.end + 60))) and not (
        _P.change_right_before.search(low, max(0, q.start - 20), q.start)
    ):
        return lookups.hit_of(m)
    return lookups.search_hit(q, _P.world_rank_before, lookups.clause_start_of(q, q.start), q.start)


@rule(
    "a combined figure of several partners ('a combined surplus ... with the US and the EU', "
    "'sang hai thị trường này')",
    needs=(_P.combined_before, _P.markets_together_before),
)
def combined(q: Ask) -> lookups.Hit:
    doc = q.doc
    s0, s1 = q.anchor.sentence
    if (
        m := doc.search(_P.markets_together_before, lookups.clause_start_of(q, q.start), q.start)
    ) and not doc.search(_RESPECTIVELY, s0, s1):  # ("... hai thị trường này lần lượt tăng")
        return lookups.hit_of(m)
    m = doc.search(_P.combined_before, lookups.clause_start_of(q, q.start), q.start)
    if m is None:
        return None
    named = {c.value for c in doc.partners[lookups.between(doc.partner_starts, s0, s1)]}
    return lookups.hit_of(m) if len(named) >= 2 else None


@rule(
    "other countries' figures set beside Vietnam's ('other countries such as Malaysia (1.2%)')",
    needs=(_P.other_countries_before,),
)
def other_countries(q: Ask) -> lookups.Hit:
    return lookups.search_hit(
        q, _P.other_countries_before, lookups.clause_start_of(q, q.start), q.start
    )
