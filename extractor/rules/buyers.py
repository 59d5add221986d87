"""Import words that are a buyer's: a partner importing what Vietnam exports.

Shared by the flow cues (the import word turned into Vietnam's export) and the foreign-trade
check of ``slots/foreign.py`` (no partner's own trade, then).
"""

from __future__ import annotations

from extractor.rules.vocab import PATTERNS

_P = PATTERNS.of("buyers")
_SENTENCE_BREAK = PATTERNS.of("cues").sentence_break


def ranked_market_importing(low: str, start: int) -> bool:
    """ "nhập khẩu" at ``start`` in or right after a sentence that ranks the partner among
    Vietnam's markets ("Nhật Bản tụt xuống vị trí thứ ba, nhập khẩu 5,2 triệu USD", "Vương
    quốc Anh là thị trường xuất khẩu lớn thứ 2. Tháng 1, nước này nhập khẩu ..."): what the
    market buys of Vietnam's."""
    if not low.startswith("nhập", start):
        return False
    rank = _P.market_rank.search(low, max(0, start - 150), start)
    if rank is None:
        return False
    if low[rank.end() : start].strip() == ",":  # "tụt xuống vị trí thứ ba, nhập khẩu"
        return True
    return (
        "xuất" in rank.group()  # an export market, referred back to right before the verb
        and len(_SENTENCE_BREAK.findall(low, rank.end(), start)) == 1
        and _P.this_market_before.search(low, max(0, start - 20), start) is not None
    )


def ranked_buyer(low: str, start: int) -> bool:
    """An import word at ``start`` after a rank ("The US came third with an import turnover of
    USD 95 million") in a passage that named the importers of Vietnam's goods before it ("...
    were the biggest importers of Vietnam’s aquatic products"): what that buyer buys."""
    return bool(
        _P.rank_with_before.search(low, max(0, start - 40), start)
        and _P.importers_of_vietnam.search(low, max(0, start - 400), start)
    )


def partner_importing(low: str, start: int, end: int, exports: list[int]) -> bool:
    """A partner (``start``-``end``) importing, as a buyer of Vietnam's exports: in a
    sentence about them ("fruit-vegetable exports to most markets registered growth with China
    importing nearly 989 million USD"), or with its share of them ("Southeast Asian countries
    imported 56.39 million USD ..., 4.3 percent of the fruit-vegetable export turnover"). Not a
    partner's own imports ("Japan imported 1.53 million tonnes")."""
    verb = _P.partner_importing.match(low, end)
    if verb is None:
        return False
    s0 = max(
        (b.start() for b in _SENTENCE_BREAK.finditer(low, max(0, start - 300), start)), default=-1
    )
    s1 = _SENTENCE_BREAK.search(low, verb.end())
    stop = s1.start() if s1 else len(low)
    if _P.with_before.search(low, max(0, start - 6), start):
        return any(s0 < e < start for e in exports)
    share = _P.share_of_export.search(low, verb.end(), stop)
    return share is not None and any(share.start() < e < stop for e in exports)
