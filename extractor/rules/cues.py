"""Find the cue words of a text: flows, sectors, partners, bases, change and share words.

A cue is a span with a kind and a value. The resolver reads, for each number,
the cues around it; this module only finds them (and drops those that stand in
a region where they say nothing about the number, see ``regions``).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from extractor.records import frozen_record
from extractor.rules import lexicon
from extractor.rules.buyers import partner_importing, ranked_buyer, ranked_market_importing
from extractor.rules.scan import Disjoint, Intervals, finditer_present, may_occur
from extractor.rules.trie import trie_pattern
from extractor.rules.vocab import PATTERNS, VOCAB
from extractor.rules.words import Spans, find_words, partners_from_low

_P = PATTERNS.of("cues")
_INTO = VOCAB.words("direction.into")
_IMPORT_MARKET = VOCAB.words("direction.import_market")
# Countries whose currency is a dollar ("Singapore $", "HK $")
_DOLLAR_COUNTRIES = frozenset(VOCAB.words("dollar_countries"))


@frozen_record
class Cue:
    start: int
    end: int
    kind: str  # "flow", "sector", "partner", "basis", "change", "share", "abs", "balance_sign"
    value: str
    scope: str = "goods"


def _alternation(words: Iterable[str]) -> str:
    return trie_pattern(set(words))


# The lists themselves are found by ``words.find_words``; these name them, in priority order.
_FLOW = tuple(lexicon.FLOW_CUES)
_SECTOR = tuple(lexicon.SECTOR_CUES)
_BASIS = tuple(lexicon.BASIS_CUES)
_SIGN = ("+", "-")
_BALANCE_SIGN = ("+", "-")
# The original partner scan, for texts whose case folding differs from ``low`` (rare).
_PARTNER = re.compile(
    r"(?<![\w])(?:" + _alternation(lexicon.PARTNERS) + r")(?![\w])", re.IGNORECASE
)


def _services_around(low: str, start: int, end: int) -> bool:
    """ "xuất khẩu dịch vụ", "Cán cân thương mại dịch vụ ... nhập siêu": same clause."""
    if _P.services_after.match(low[end : end + 12]):
        return True
    before = low[max(0, start - 45) : start]
    before = _P.services_break.split(before)[-1]
    return bool(_P.services_before.search(before))


def _same_flow_before(low: str, kept: dict[str, Disjoint], flow: str, start: int) -> bool:
    """An earlier cue of the same flow in the same clause (no sentence or line break between).

    ``kept`` holds the cues so far by flow; they are disjoint, so the last one before
    ``start`` is the nearest, and if any has no break before ``start`` that one has none."""
    last = kept[flow].last_before(start) if flow in kept else None
    return last is not None and not _P.clause_break.search(low, last[1], start)


def _not_a_country(text: str, start: int, end: int) -> bool:
    """ "Ông Đức" is a person, not Germany; "US$ 4 billion" is a currency, not the US; "Một
    nước châu Âu" is one country of Europe, not the EU."""
    return bool(
        _P.person_title.search(text[max(0, start - 6) : start])
        or _currency(text, start, end)
        or _P.one_country_of.search(text[max(0, start - 16) : start].lower())
    )


def _currency(text: str, start: int, end: int) -> bool:
    """ "US$ 4 billion", "Singapore $": a dollar's name; "...; China $8.97 billion" is China,
    its figure after it (no dollar of its own)."""
    if not _P.currency_after.match(text, end):
        return False
    code = lexicon.PARTNERS.get(text[start:end].lower())
    return text[end] == "$" or (code or "").lower() in _DOLLAR_COUNTRIES


def _capital(text: str, start: int, end: int) -> bool:
    """The name is written with a capital, after its article ("the Netherlands") or on a
    later word of it ("châu Âu"), or is a phrase of common words, often in lower case ("xứ cờ
    hoa", "the Korean market")."""
    if text[start + 4 if text[start : start + 4].lower() == "the " else start].isupper():
        return True
    if any(w[:1].isupper() for w in text[start:end].split()[1:]):
        return True
    return text[start:end].lower() in lexicon.PARTNER_PHRASES


def partner_cues(text: str, low: str | None = None, words: Spans | None = None) -> list[Cue]:
    """Country names written with a capital ("Anh tăng 79%", not "anh"), mapped to codes,
    and the abbreviations they define ("Trung Quốc (TQ)").

    With ``low`` and its ``words`` (``find_words``) the names come from that scan."""
    cues = []
    if low is not None and words is not None and partners_from_low(text):
        for start, end in words["partner"]:
            if not _capital(text, start, end) or _not_a_country(text, start, end):
                continue
            cues.append(Cue(start, end, "partner", lexicon.PARTNERS[low[start:end]]))
        return _with_abbreviations(text, cues)
    for m in _PARTNER.finditer(text):
        if not _capital(text, m.start(), m.end()) or _not_a_country(text, m.start(), m.end()):
            continue
        code = lexicon.PARTNERS[m.group().lower()]
        cues.append(Cue(m.start(), m.end(), "partner", code))
    return _with_abbreviations(text, cues)


def _with_abbreviations(text: str, cues: list[Cue]) -> list[Cue]:
    """ "Trung Quốc (TQ) ... xuất khẩu sang TQ": the abbreviation's later uses name the partner."""
    if "(" not in text:
        return cues
    found: list[Cue] = []
    for cue in cues:
        m = _P.abbreviation_defined.match(text, cue.end)
        if m is None or m.group("abbr").lower() in lexicon.PARTNERS:
            continue
        uses = _word_uses(text, m.group("abbr"), m.end())
        found += [Cue(i, j, "partner", cue.value) for i, j in uses]
    return sorted(cues + found, key=lambda c: c.start) if found else cues


def _word_uses(text: str, word: str, pos: int) -> Iterator[tuple[int, int]]:
    """Where ``word`` stands as a whole word in ``text`` from ``pos`` on."""
    i = text.find(word, pos)
    while i >= 0:
        j = i + len(word)
        if not (i and text[i - 1].isalnum()) and not (j < len(text) and text[j].isalnum()):
            yield (i, j)
        i = text.find(word, j)


_FROM_VIETNAM_SIDE = {
    ("flow", "export"): "import",
    ("balance_sign", "+"): "-",
    ("balance_sign", "-"): "+",
}


def _bought_from_vietnam(low: str, cue: Cue) -> bool:
    if ranked_market_importing(low, cue.start) or ranked_buyer(low, cue.start):
        return True
    if _P.from_vietnam.match(low, cue.end) or _P.of_vietnamese_goods.match(low, cue.end):
        return True  # "... from Vietnam", "Japan's imports of Vietnamese products rose 4.9%"
    if _P.import_market_of_vietnam.match(low, cue.end):
        return True  # "The US is still the biggest import market of Vietnam"
    if _P.market_for_vietnamese_goods.search(low, max(0, cue.start - 90), cue.start):
        return True  # "the US was the largest market for Vietnamese garment products ..., with
        # imports up 10.1%"
    if _P.vietnam_supplies.search(low, max(0, cue.start - 60), cue.start):
        return True  # "Viet Nam remains biggest rice supplier for Philippines"
    if low.startswith("chi", cue.start) and _P.spent_buying_vietnamese.match(low, cue.end):
        return True  # "Thái Lan ..., chi 65 triệu USD mua sầu riêng Việt"
    if (
        low.startswith("nhập", cue.start)
        and _P.vietnamese_goods_after.match(low, cue.end)
        and _P.market_before.search(low, max(0, cue.start - 30), cue.start)
    ):
        return True  # "3 thị trường chính nhập khẩu tôm Việt Nam": markets buying Vietnam's
    if _P.industry_of_vietnam_after.match(low, cue.end):
        return True  # "thị trường nhập khẩu lớn nhất của ngành hàng trái cây Việt Nam"
    return bool(
        _P.buying_partners.search(low, max(0, cue.start - 30), cue.start)
        and _P.of_vietnam.match(low, cue.end)
    )


def _seen_from_vietnam(low: str, cue: Cue) -> Cue:
    """A partner exporting to Vietnam is Vietnam's import; its surplus is Vietnam's deficit;
    a buyer importing from Vietnam is Vietnam's export."""
    if (cue.kind, cue.value) == ("flow", "import") and _bought_from_vietnam(low, cue):
        return replace(cue, value="export")
    turned = _FROM_VIETNAM_SIDE.get((cue.kind, cue.value))
    if turned is None:
        return cue
    into = low[cue.start : cue.end].endswith(_INTO)  # the cue "xuất sang"
    if (_P.vietnam if into else _P.to_vietnam).match(low, cue.end) or (
        cue.kind == "flow" and _P.amount_to_vietnam.match(low, cue.end)
    ):
        return replace(cue, value=turned)
    if cue.kind == "balance_sign" and _P.with_vietnam_before.search(
        low, max(0, cue.start - 20), cue.start
    ):
        return replace(cue, value=turned)  # "... với Việt Nam thặng dư 27,55 tỷ USD"
    return cue


def _no_flow_word(low: str, flow: str, start: int, end: int) -> bool:
    """A flow word's literal that names no flow of the figures."""
    if _P.production_before.search(low, max(0, start - 9), start) or (
        low.startswith("xuất", start)
        and _P.production_xuat_before.search(low, max(0, start - 9), start)
    ):
        return True  # "phục vụ sản xuất, nhập khẩu vải", "các nhà nhập khẩu Mỹ"
    if _P.flow_compound.match(low, start):
        return True  # "chi phối", "chi phí"
    if flow == "total" and _P.among_before.search(low, max(0, start - 16), start):
        return True  # "lớn nhất trong các đối tác thương mại của nước ta": a ranking
    # "imported iron and steel from the largest market of China": a source, not a buyer
    return bool(
        flow == "export"
        and low.endswith("market", start, end)
        and _P.market_source_before.search(low, max(0, start - 12), start)
    )


_OTHER_SIDE = {
    ("flow", "import"): "export",
    ("flow", "export"): "import",
    ("balance_sign", "+"): "-",
    ("balance_sign", "-"): "+",
}


def partner_side_carried(
    low: str, flows: list[Cue], signs: list[Cue]
) -> tuple[list[Cue], list[Cue]]:
    """ "The RoK's exports to Viet Nam totaled US$60.98 billion, and imports hit US$26.72
    billion, resulting in a surplus of US$34.25 billion": the flows and balances that follow a
    partner's exports to Vietnam in its sentence, with no subject of their own, are the
    partner's too, and so the other way round from Vietnam's side."""
    turned = [c.end for c in flows if c.value == "import" and _P.export_word.match(low, c.start)]
    if not turned:
        return flows, signs
    ends = set(turned)

    def carried(c: Cue) -> Cue:
        i = bisect.bisect_left(turned, c.start) - 1
        if c.end in ends or i < 0 or _P.sentence_break.search(low, turned[i], c.start):
            return c
        if not _P.bare_link_before.search(low, max(0, c.start - 24), c.start):
            return c
        if _P.from_vietnam.match(low, c.end) or _P.to_vietnam.match(low, c.end):
            return c  # (seen from Vietnam already: "và nhập khẩu từ Việt Nam")
        other = _OTHER_SIDE.get((c.kind, c.value))
        return replace(c, value=other) if other else c

    return [carried(c) for c in flows], [carried(c) for c in signs]


def flow_cues(low: str, partners: list[Cue], words: Spans | None = None) -> list[Cue]:
    """Flow words, with the partner's side turned round: "Mỹ là nước nhập ..." is an export,
    "Campuchia xuất sang Việt Nam" an import."""
    words = words if words is not None else find_words(low)
    cues: list[Cue] = []
    taken = Disjoint()
    for phrase in partners:
        if low[phrase.start : phrase.end] in lexicon.PARTNER_PHRASES:
            taken.add(phrase.start, phrase.end)  # "xứ sở kim chi": no "chi" (spending)
    kept: dict[str, Disjoint] = {}  # the cues so far, by flow
    partner_starts = {p.start for p in partners}
    # (a text without the words of the services patterns has no services cue: not asked)
    services = may_occur(_P.services_after, low) or may_occur(_P.services_before, low)
    for flow in _FLOW:  # dict order = priority (balance, total, export, import)
        for start, end in words[f"flow:{flow}"]:
            if taken.overlaps(start, end):
                continue
            if _no_flow_word(low, flow, start, end):
                continue
            taken.add(start, end)
            if (
                flow in ("export", "import")
                and _P.adjectival_flow.search(low[max(0, start - 12) : start])
                and _same_flow_before(low, kept, flow, start)
            ):
                continue  # "... dịch vụ ... của hàng hóa nhập khẩu" restates; a heading does not
            scope = "services" if services and _services_around(low, start, end) else "goods"
            value = flow
            if (
                flow == "import"
                and (
                    _P.market_for_product.match(low, end)
                    or _P.market_for_vietnamese_product.match(low, end)
                    or _P.market_of_vietnamese_product.match(low, end)
                )
                and low[start:end].startswith(_IMPORT_MARKET)
                and not _P.market_for_vietnam.match(low, end)  # "... lớn nhất cho Việt Nam"
                and not _P.vietnam_is_before.search(low, max(0, start - 30), start)
            ):
                value = "export"  # "Philippines là thị trường nhập khẩu gạo lớn nhất của Việt Nam"
            elif flow == "import" and _P.importing_markets.match(low, start):
                value = "export"  # "The top 5 importing markets included the US (22.5%)"
            elif flow == "import" and _into_market(low, end, partner_starts):
                value = "export"  # "nhập khẩu giày dép vào Mỹ mang về kim ngạch 4,48 tỉ USD"
            elif flow == "import" and _market_of_exports(low, start, end):
                value = "export"
            cues.append(Cue(start, end, "flow", value, scope))
            kept.setdefault(value, Disjoint()).add(start, end)
    cues += _consuming_markets(low)
    buyers = _buyer_cues(low, partners)
    covered = Intervals((c.start, c.end) for c in buyers)
    cues = [c for c in cues if not covered.overlap(c.start, c.end)] + buyers
    if partners:
        ends = {p.end: p.start for p in partners}
        cues = _buyers_imports(low, cues, buyers, partner_starts, ends)
    return sorted((_seen_from_vietnam(low, c) for c in cues), key=lambda c: c.start)


def _market_of_exports(low: str, start: int, end: int) -> bool:
    """ "Trung Quốc là thị trường nhập khẩu lớn nhất, với 321,48 triệu USD, ..., chiếm 27,71%
    tổng kim ngạch xuất khẩu mặt hàng rau quả của Việt Nam": an import market whose share is
    of Vietnam's exports buys them."""
    if not low.startswith(_IMPORT_MARKET, start):
        return False
    stop = _P.sentence_break.search(low, end)
    return _P.share_of_exports.search(low, end, stop.start() if stop else len(low)) is not None


def _consuming_markets(low: str) -> list[Cue]:
    """ "Các thị trường tỷ USD tiêu thụ điện thoại của Việt Nam gồm có: EU ...": an export."""
    return [
        Cue(m.start("verb"), m.end("verb"), "flow", "export", "goods")
        for m in finditer_present(_P.consuming_markets, low)
    ]


def _into_market(low: str, end: int, partner_starts: set[int]) -> bool:
    """An import word whose goods go into a foreign market named after it."""
    m = _P.into_market.match(low, end)
    return m is not None and m.end() in partner_starts


def _buyers_imports(
    low: str,
    cues: list[Cue],
    buyers: list[Cue],
    partner_starts: set[int],
    partner_ends: dict[int, int],
) -> list[Cue]:
    """Import words that are a buyer's, Vietnam's export: after a buyer cue in its sentence
    ("China was Vietnam's second largest importer ..., with imports worth $90 million"), or
    with a partner for their subject ("89.6 percent of total rice imported by the
    Philippines"; not "imported by the domestic sector")."""
    buyer_ends = [b.end for b in buyers]
    named = sorted(partner_starts)
    exports = [c.start for c in cues if (c.kind, c.value) == ("flow", "export")]

    def bought(c: Cue) -> bool:
        if _P.vietnams_before.search(low, max(0, c.start - 40), c.start):
            return False  # "China took was Viet Nam's import markets"
        i = bisect.bisect_right(buyer_ends, c.start) - 1
        if (
            i >= 0
            and not _P.sentence_break.search(low, buyer_ends[i], c.start)
            # (not past another partner: "... while China is the country's largest supplier,
            # with goods imports of $20.8 billion")
            and bisect.bisect_left(named, c.start) == bisect.bisect_right(named, buyer_ends[i])
        ):
            return True
        by = _P.imported_by.match(low, c.end)
        if by is not None and by.end() in partner_starts:
            return True
        start = partner_ends.get(c.start - 1)
        return start is not None and partner_importing(low, start, c.start - 1, exports)

    return [
        replace(c, value="export") if (c.kind, c.value) == ("flow", "import") and bought(c) else c
        for c in cues
    ]


_BUYER_REACH = 70


def _market_buying(low: str, partner: Cue, window: str) -> re.Match[str] | None:
    """ "Thị trường lớn thứ 2 là Mỹ, nhập khẩu 25.894 tấn": a market of Vietnam's that buys."""
    if not _P.market_is.search(low, max(0, partner.start - 50), partner.start):
        return None
    return _P.market_buys.match(window)


def _buyer_cues(low: str, partners: list[Cue]) -> list[Cue]:
    """ "Mỹ là nước nhập ...": an export cue right after a partner ("Trung Quốc bán ... vào
    Việt Nam": an import cue), each overriding the flow words it overlaps and any earlier
    buyer cue that a later one overlaps."""
    found: list[Cue] = []
    for partner in partners:
        window = low[partner.end : partner.end + _BUYER_REACH]
        if m := _P.buyer.match(window) or _market_buying(low, partner, window):
            if _P.source_of_goods.match(low, partner.end + m.end()):
                continue  # "Đây là thị trường nhập khẩu lớn nhất của nhóm hàng này": a source
            start = partner.end + m.start() + window.startswith(")")  # "(UAE) nhập": past ")"
            found.append(Cue(start, partner.end + m.end(), "flow", "export"))
        elif m := _P.seller.match(window):
            found.append(Cue(partner.end + m.start(), partner.end + m.end(), "flow", "import"))
    kept: list[Cue] = []
    later: list[tuple[int, int]] = []  # the spans of the cues after this one, sorted
    for cue in reversed(found):
        # spans are at most _BUYER_REACH long: only those starting near this one can overlap
        lo = bisect.bisect_left(later, (cue.start - _BUYER_REACH, -1))
        hi = bisect.bisect_left(later, (cue.end, -1))
        if not any(b > cue.start for _, b in later[lo:hi]):
            kept.append(cue)
        bisect.insort(later, (cue.start, cue.end))
    return kept[::-1]


def simple_cues(low: str, words: Spans | None = None) -> list[Cue]:
    """Sector, basis, change-direction, share and absolute-change words."""
    words = words if words is not None else find_words(low)
    cues: list[Cue] = []
    for kind, table in (("sector", _SECTOR), ("basis", _BASIS)):
        for value in table:
            cues += [Cue(s, e, kind, value) for s, e in words[f"{kind}:{value}"]]
    for value in _SIGN:
        cues += [
            Cue(s, e, "change", value)
            for s, e in words[f"change:{value}"]
            if not _P.phrasal_verb_before.search(low, max(0, s - 10), s)
            and not (  # "fell up to nearly 68 per cent": "up to" says "as much as"
                low.startswith(" to ", e) and _P.change_verb_before.search(low, max(0, s - 12), s)
            )
        ]
    cues += [Cue(s, e, "share", "share") for s, e in words["share"]]
    cues += [Cue(s, e, "abs", "abs") for s, e in words["abs"]]
    for value in _BALANCE_SIGN:
        cues += [
            _seen_from_vietnam(low, Cue(s, e, "balance_sign", value))
            for s, e in words[f"balance_sign:{value}"]
        ]
    return sorted(cues, key=lambda c: c.start)


# Back references


def with_back_references(
    low: str,
    cues: list[Cue],
    spans: list[tuple[int, int]],
    kind: str,
    named: list[Cue] | None = None,
) -> list[Cue]:
    """ "xuất siêu sang thị trường này", "nhập khẩu của khối này": the one named last (of
    ``named``, by default ``cues``: a name that is no cue of a figure may still be referred to).

    ``spans`` are the back-reference words (``lexicon.*_BACK_REFERENCES``) found in ``low``."""
    added = []
    named = cues if named is None else named
    # the one named last before a position is the last in list order of those ending by
    # then: the running maximum of list positions, over the cues ordered by their ends
    by_end = sorted((c.end, i) for i, c in enumerate(named))
    ends = [e for e, _ in by_end]
    last = list(itertools.accumulate((i for _, i in by_end), max))
    for start, end in spans:
        if _P.within_before.search(low, max(0, start - 60), start):
            continue  # "the largest market in the bloc": where, not whom
        k = bisect.bisect_right(ends, start)
        if k:
            added.append(Cue(start, end, kind, named[last[k - 1]].value))
        elif low.find("\n", 0, start) < 0 and (later := _named_next(named, end)) is not None:
            # a page stored from the middle of a story ("Notably, Vietnam's export earnings in
            # the market dropped ...", "... trade between Vietnam and Malaysia" further on)
            added.append(Cue(start, end, kind, later.value))
    return sorted(cues + added, key=lambda c: c.start)


def _named_next(named: list[Cue], pos: int) -> Cue | None:
    """The first of ``named`` after ``pos``."""
    return min((c for c in named if c.start >= pos), key=lambda c: c.start, default=None)


_SHARED_BACK_REFERENCES = frozenset(lexicon.PARTNER_BACK_REFERENCES) & frozenset(
    lexicon.SECTOR_BACK_REFERENCES
)


def named_last(low: str, cues: list[Cue], others: list[Cue]) -> list[Cue]:
    """ "khu vực này" refers back to a region or to a sector, whichever was named last: drop
    it from ``cues`` when one of ``others`` (the other kind) was."""
    kept = []
    my_ends, their_ends = sorted(p.end for p in cues), sorted(o.end for o in others)
    for c in cues:
        if low[c.start : c.end] in _SHARED_BACK_REFERENCES and _last_end(
            their_ends, c.start
        ) > _last_end(my_ends, c.start):
            continue
        kept.append(c)
    return kept


def _last_end(ends: list[int], pos: int) -> int:
    """The greatest of ``ends`` (sorted) that is at most ``pos``, or -1."""
    k = bisect.bisect_right(ends, pos)
    return ends[k - 1] if k else -1
