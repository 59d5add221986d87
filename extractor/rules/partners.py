"""Which partner names speak of the figures around them.

A country named in a ranking ("sau Mỹ, Trung Quốc và EU"), in an apposition ("China,
Vietnam's biggest supplier of components, ...") or as the group that frames another
country ("Campuchia ... trong khối ASEAN") is not the partner of those figures; a headline
about the trade of two countries names the partner of the whole article.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.rules.cues import Cue
from extractor.rules.regions import Regions
from extractor.rules.vocab import PATTERNS
from extractor.rules.years import datelines

_P = PATTERNS.of("partners")
_TWO_WAY = PATTERNS.of("partner").two_way  # "kim ngạch hai chiều", "giữa hai nước", "bilateral"

_HEADLINE_CHARS = 200
_LEAD_SKIP = 2  # blank lines between the headline and the lead
_LEAD_CHARS = 600  # a first paragraph no longer than this is a lead, not a whole story


def without_group_frames(low: str, regions: Regions, partners: list[Cue]) -> list[Cue]:
    """Drop a group ("trong khối ASEAN", "in the EU") that frames a country named before
    it in the same clause of its sentence."""
    kept: list[Cue] = []
    for c in partners:
        if (
            c.value in ("ASEAN", "EU")
            and kept
            and kept[-1].value not in ("ASEAN", "EU")
            and kept[-1].start >= regions.sentence_of(c.start)[0]
            and ";" not in low[kept[-1].end : c.start]  # (a list's next element is no frame)
            and _P.group_frame_before.search(low, max(0, c.start - 14), c.start)
        ):
            continue
        kept.append(c)
    return kept


def appositives(low: str, partners: list[Cue]) -> tuple[tuple[int, int], ...]:
    """ "China, Vietnam's biggest supplier of components, ...": the apposition describes the
    partner; the items and partners it names are not those of the figures."""
    spans = []
    for c in partners:
        m = _P.appositive.match(low, c.end)
        if m is not None:
            spans.append((c.end, m.end()))
    return tuple(spans)


def china_with_hong_kong(low: str, named: list[Cue], partners: list[Cue]) -> list[Cue]:
    """A back reference ("thị trường này") to "Trung Quốc & Hồng Kông", "China and Hong Kong"
    counted as one market is to China (as the figures right after the pair are)."""
    named_starts = {c.start for c in named}
    out = []
    for c in partners:
        if c.value == "HK" and c.start not in named_starts:
            pair = [n for n in named if n.end <= c.start][-1:]
            if pair and _P.china_and_before.search(low, max(0, pair[0].start - 16), pair[0].start):
                c = Cue(c.start, c.end, c.kind, "CN", c.scope)
        out.append(c)
    return out


def not_in_ranking(low: str, cues: list[Cue]) -> list[Cue]:
    """The cues (sorted) without those of a "sau X, Y và Z" list."""
    kept: list[Cue] = []
    ranking = False

    def joined(i: int) -> bool:
        return 0 < i < len(cues) and bool(
            _P.list_join.fullmatch(low, cues[i - 1].end, cues[i].start)
        )

    for i, cue in enumerate(cues):
        # (a name after a comma that ends no list is the clause's subject: "Vượt qua Trung
        # Quốc, Bờ Biển Ngà vươn lên thành ...")
        comma_closes = (
            i > 0 and low[cues[i - 1].end : cue.start].strip() == "," and not joined(i + 1)
        )
        ranking = bool(_P.ranking_before.search(low, max(0, cue.start - 16), cue.start)) or (
            joined(i) and ranking and not comma_closes
        )
        if not ranking:
            kept.append(cue)
    return kept


def in_headline(low: str, pos: int) -> bool:
    """``pos`` stands in the article's first line, a short one (its headline)."""
    end = low.find("\n")
    return 0 < end <= _HEADLINE_CHARS and pos < end


def _one_partner_again(
    partners: list[Cue], para_end: int, first_end: int, next_end: int = -1, low: str = ""
) -> str | None:
    """The partner of a page stored without its headline whose short first paragraph (one of
    several; it ends at ``para_end``, -1 when there is one only) names one partner only, twice
    or more (by name, also inside a count or a share's object, or "thị trường này"), the first
    time in its first sentence (before ``first_end``); named once there as what is traded with
    ("nhập khẩu hàng hóa từ Australia"), again in the paragraph after it (to ``next_end``),
    which names no other."""
    if _one_partner(partners, para_end) is None:
        return None
    named = sorted((c for c in partners if c.end <= para_end), key=lambda c: c.start)
    if (
        len(named) == 1
        and next_end > para_end
        and _P.traded_with_before.search(low, max(0, named[0].start - 24), named[0].start)
    ):
        named = sorted((c for c in partners if c.end <= next_end), key=lambda c: c.start)
        if len({c.value for c in named}) != 1:
            return None
    return named[0].value if len(named) > 1 and named[0].end <= first_end else None


def _one_partner(partners: list[Cue], para_end: int) -> str | None:
    """The one partner named in a short first paragraph (to ``para_end``), if only one is."""
    named = {c.value for c in partners if c.end <= para_end}
    return named.pop() if 0 < para_end <= _LEAD_CHARS and len(named) == 1 else None


def _past_dateline(low: str, end: int) -> int:
    """Where the lead can begin after a headline that ends at ``end``: past a dateline line
    ("Society – Economy - Ngày đăng : 10:57, 19/11/2024") right after it."""
    for m in datelines(low):
        if end <= m.start() <= end + 3:
            line_end = low.find("\n", m.end())  # (the time after the date: "17:27")
            return len(low) if line_end < 0 else line_end
    return end


def headline_partner(
    text: str, low: str, partners: list[Cue], first_figure: int | None, quiet: Sequence[Cue] = ()
) -> str | None:
    """The one partner a headline names, when the headline or the lead says the article is
    about the trade of the two countries ("Thương mại Việt Nam – Hàn Quốc 9 tháng", or
    "Nhập siêu từ Trung Quốc ..." then "... giữa Việt Nam và Trung Quốc đạt ..."). ``quiet``:
    the names in counts and shares' objects ("Có 4 nhóm hàng xuất sang Hồng Kông đạt ... trên
    100 triệu USD"), which still say what a lead is about."""
    end = text.find("\n")
    if end > 0 and _P.store_date_line.fullmatch(low, 0, end):  # ("date 2022-07-25")
        start = len(text) - len(text[end:].lstrip())  # the headline is the line after it
        end = text.find("\n", start)
    if not 0 < end <= _HEADLINE_CHARS:
        # a page stored without its headline: a first sentence with no figure says what it
        # is about ("... quan hệ thương mại hai chiều giữa Việt Nam và Australia ...")
        first = _P.sentence_end.search(low, 0, _HEADLINE_CHARS)
        if first is None:  # (a long first sentence: of one partner named again, or none)
            if first_figure is None:
                return None
            if _TWO_WAY.search(low, 0, first_figure):  # ("... giữa Việt Nam và Australia ...
                return _one_partner(partners, end)  # với kim ngạch hai chiều ... đạt ...")
            return _one_partner_again([*partners, *quiet], end, _HEADLINE_CHARS)
        if _TWO_WAY.search(low, 0, first.start()):
            # "kim ngạch hai chiều giữa hai nước đạt ...": the two countries' trade, a figure
            # or not, its partner named in its paragraph ("... xuất khẩu sang Úc ...")
            end = len(text) if end < 0 else end
        elif first_figure is not None and first_figure < first.start():
            # (a figure in it; a period's digits, "quý I/2025", are no figure), unless it is
            # of one partner named again ("... từ Đài Loan đạt 12 tỷ USD; ... từ thị trường này")
            after = text.find("\n", end + 1 + _LEAD_SKIP)
            after = len(text) if after < 0 else after
            return _one_partner_again([*partners, *quiet], end, first.start(), after, low)
        else:
            end = first.start()
    named = {c.value for c in partners if c.end <= end}
    if len(named) != 1:
        return None
    (code,) = named
    lead_end = text.find("\n", _past_dateline(low, end) + 1 + _LEAD_SKIP)
    lead_end = len(text) if lead_end < 0 else lead_end
    if any(c.value == code and end < c.start < lead_end for c in partners):
        # a lead that names the partner again may say "bilateral" in the paragraph after it
        # ("Viet Nam's exports to Mexico ... \n ... bringing bilateral trade to $1.98 billion")
        second = text.find("\n", lead_end + 1 + _LEAD_SKIP)
        lead_end = len(text) if second < 0 else second
    if _P.two_countries.search(low, 0, lead_end):
        return code
    return next(
        (
            code
            for c in partners
            if c.end <= lead_end
            and c.value == code
            and _P.bilateral.search(low, max(0, c.start - 16), c.start)
        ),
        None,
    )
