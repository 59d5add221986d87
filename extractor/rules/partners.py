"""Which partner names speak of the figures around them.

A country named in a ranking ("sau Mỹ, Trung Quốc và EU"), in an apposition ("China,
Vietnam's biggest supplier of components, ...") or as the group that frames another
country ("Campuchia ... trong khối ASEAN") is not the partner of those figures; a headline
about the trade of two countries names the partner of the whole article.
"""

from __future__ import annotations

import re

from extractor.rules.cues import Cue
from extractor.rules.regions import Regions

# "lớn thứ tư của Việt Nam, sau Mỹ, Trung Quốc và EU": partners a ranking is measured against.
_RANKING_BEFORE = re.compile(
    r"(?<![\w])(?:(?:chỉ\s+)?(?:đứng\s+)?(?:sau|after|behind)|vượt(?:\s+qua)?|overtaking|surpassing"
    r"|overtook|surpassed|ahead\s+of)\s+(?:the\s+)?$"
)
_LIST_JOIN = re.compile(r"\s*(?:,|và|and|,\s*and)\s*(?:the\s+)?")
# "Thương mại Việt Nam – Hàn Quốc ...": an article about the trade of two countries (not
# "Xuất khẩu sang Mỹ tăng ...", whose articles give the country's totals too).
_BILATERAL = re.compile(r"(?:việt\s+nam|việt|vietnam)\s*(?:[–—-]|và|với|and)\s*$")
# "giữa hai nước", "thương mại hai chiều": the lead speaks of the two countries' trade
_TWO_COUNTRIES = re.compile(r"giữa\s+hai\s+nước|hai\s+chiều|song\s+phương|bilateral|two-way")
_HEADLINE_CHARS = 200
_LEAD_SKIP = 2  # blank lines between the headline and the lead


_APPOSITIVE = re.compile(r",\s+(?:a|an|the|vietnam['’]s|its|itself|one\s+of)\s[^,.;()\n]{0,80},")


# "Campuchia là ... thị trường lớn nhất của Việt Nam trong khối ASEAN": where, not whom
_GROUP_FRAME_BEFORE = re.compile(r"(?<![\w])(?:trong|within|in)\s+(?:khối\s+|the\s+)?$")


def without_group_frames(low: str, regions: Regions, partners: list[Cue]) -> list[Cue]:
    """Drop a group ("trong khối ASEAN", "in the EU") that frames a country named before
    it in the same sentence."""
    kept: list[Cue] = []
    for c in partners:
        if (
            c.value in ("ASEAN", "EU")
            and kept
            and kept[-1].value not in ("ASEAN", "EU")
            and kept[-1].start >= regions.sentence_of(c.start)[0]
            and _GROUP_FRAME_BEFORE.search(low, max(0, c.start - 14), c.start)
        ):
            continue
        kept.append(c)
    return kept


def appositives(low: str, partners: list[Cue]) -> tuple[tuple[int, int], ...]:
    """ "China, Vietnam's biggest supplier of components, ...": the apposition describes the
    partner; the items and partners it names are not those of the figures."""
    spans = []
    for c in partners:
        m = _APPOSITIVE.match(low, c.end)
        if m is not None:
            spans.append((c.end, m.end()))
    return tuple(spans)


def not_in_ranking(low: str, cues: list[Cue]) -> list[Cue]:
    """The cues (sorted) without those of a "sau X, Y và Z" list."""
    kept: list[Cue] = []
    ranking = False
    for i, cue in enumerate(cues):
        joined = i > 0 and _LIST_JOIN.fullmatch(low, cues[i - 1].end, cue.start) is not None
        ranking = bool(_RANKING_BEFORE.search(low, max(0, cue.start - 16), cue.start)) or (
            joined and ranking
        )
        if not ranking:
            kept.append(cue)
    return kept


def headline_partner(text: str, low: str, partners: list[Cue]) -> str | None:
    """The one partner a headline names, when the headline or the lead says the article is
    about the trade of the two countries ("Thương mại Việt Nam – Hàn Quốc 9 tháng", or
    "Nhập siêu từ Trung Quốc ..." then "... giữa Việt Nam và Trung Quốc đạt ...")."""
    end = text.find("\n")
    if not 0 < end <= _HEADLINE_CHARS:
        return None
    named = {c.value for c in partners if c.end <= end}
    if len(named) != 1:
        return None
    (code,) = named
    lead_end = text.find("\n", end + 1 + _LEAD_SKIP)
    lead_end = len(text) if lead_end < 0 else lead_end
    if _TWO_COUNTRIES.search(low, 0, lead_end):
        return code
    return next(
        (
            code
            for c in partners
            if c.end <= lead_end
            and c.value == code
            and _BILATERAL.search(low, max(0, c.start - 16), c.start)
        ),
        None,
    )
