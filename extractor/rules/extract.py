"""The rule baseline: every number of the article, read with the cues around it.

For each money amount, percentage or tonnage (an *anchor*) the resolver asks:
what flow (nearest flow word, a foreign buyer turned round), which period
(nearest period expression, carried across sentences, the year inferred from the
article), which sector, partner and item (nearest mention, not leaking out of
parentheses or across ";"), which metric and sign (the verb right before it),
and which basis (the comparison that follows it in the sentence, else the last
one said). Lists read "lần lượt"/"respectively" are zipped in order.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from extractor.normalise import looks_masked, normalise
from extractor.numbers import Amount, Unit, detect_decimal, find_amounts
from extractor.rules import lexicon
from extractor.rules.cues import (
    Cue,
    flow_cues,
    named_last,
    partner_cues,
    simple_cues,
    with_back_references,
)
from extractor.rules.items import (
    ItemMention,
    item_mentions,
    phrase_after,
    respective_names,
    split_list,
)
from extractor.rules.partners import (
    appositives,
    headline_partner,
    not_in_ranking,
    without_group_frames,
)
from extractor.rules.periods import (
    EN_MONTHS,
    VI_MONTH_WORD,
    PeriodMention,
    find_periods,
    infer_main_year,
    quarter_number,
)
from extractor.rules.regions import Mask, Regions, find_regions, inside
from extractor.rules.scan import SpanIndex, any_between, finditer_at, occurrences
from extractor.rules.tables import partner_of, read_tables
from extractor.rules.words import find_words
from extractor.types import Article, ArticleResult, Fact, Source

_ANCHOR_UNITS = {Unit.USD, Unit.PERCENT, Unit.TONNE}
_LEVEL_VERBS = re.compile(
    r"(?<![\w])(?:đạt|với|là|ở mức|trị giá|giá trị|lên|lên đến|lên tới|thu về|mang về|đem về|"
    r"chi|nhập|xuất|was|were|reached|reaching|of|valued at|turnover)(?![\w])"
)
_PRICE_TOPIC = re.compile(
    r"(?<![\w])(?<!trị )(?<!đánh )(?:giá(?! trị)(?![\w])|sản lượng|price|prices|tỷ giá|cước|"
    r"exchange rate|interest rate|lãi suất|lạm phát|inflation|cpi(?![\w])|"
    r"vốn đăng ký|vốn thực hiện|"
    r"vốn fdi|tổng vốn|doanh thu|tập đoàn|công ty|samsung|đầu tư nước ngoài đăng ký|"
    r"bình quân|mỗi khách|lượt khách|per capita|per visitor|"
    r"investment\s+pledges|direct\s+investment|disbursed|gross\s+domestic\s+product|gdp|"
    r"targeting|targets|tăng\s+trưởng\s+kinh\s+tế|registered\s+fdi|fdi\s+inflows)"
)
# Every _PRICE_TOPIC match holds one of these: without one the search can be skipped.
_PRICE_WORDS = (
    "giá",
    "sản lượng",
    "price",
    "cước",
    "exchange rate",
    "interest rate",
    "lãi suất",
    "lạm phát",
    "inflation",
    "cpi",
    "vốn",
    "doanh thu",
    "tập đoàn",
    "công ty",
    "samsung",
    "đầu tư nước ngoài đăng ký",
    "bình quân",
    "mỗi khách",
    "lượt khách",
    "per capita",
    "per visitor",
    "investment",
    "disbursed",
    "gross domestic product",
    "gdp",
    "targeting",
    "targets",
    "tăng trưởng kinh tế",
    "registered",
    "inflows",
)
_QUANTITY_CHANGE_AFTER = re.compile(r"^\s*(?:về\s+lượng|in\s+volume|in\s+quantity)")
_MULTIPLE_BEFORE = re.compile(r"(?:gấp|lần)\s*(?:hơn\s+|gần\s+)?$")
_THRESHOLD_AFTER = re.compile(r"^\s*(?:trở\s+lên|là\s)")
_THRESHOLD_BEFORE = re.compile(
    r"(?:vượt|vượt\s+mốc|vượt\s+ngưỡng|vượt\s+kim\s+ngạch|mốc|ngưỡng)\s*$"
)
_THIS_QUARTER = re.compile(r"(?:in|for)\s+the\s+quarter|trong\s+quý(?!\s*(?:\d|i|v))")
_THIS_MONTH = re.compile(
    r"trong\s+tháng(?!\s*(?:\d|đầu|qua|này|vừa))|tháng\s+(?:vừa\s+qua|này)|(?:in|for)\s+the\s+month(?!s)"
    r"|last\s+month|this\s+month"
)
_TARGET_BEFORE = re.compile(
    r"(?:mục tiêu|kế hoạch|chỉ tiêu|targets?|goal|aims? (?:for|at|to reach))"
    r"(?:\s+[^\d\s,;.:]+){0,7}\s*$"
)
# Every _TARGET_BEFORE match holds one of these.
_TARGET_WORDS = ("mục tiêu", "kế hoạch", "chỉ tiêu", "target", "goal", "aim")
# A forecast or a condition states no outcome: "Nếu ... thì cả năm có thể đạt trên 400 tỷ USD".
_FORECAST = re.compile(
    r"(?:^|[\s,(])(?:" + "|".join(re.escape(w) for w in lexicon.FORECAST_WORDS) + r")(?![\w])"
    r"(?!\s+(?:tính|so sánh|xét))"  # "nếu tính đến hết tháng 4": a way of counting
)
# Figures of one province or city are not the country's trade.
_LOCAL = re.compile(
    r"(?<![\w])(?:" + "|".join(re.escape(w) for w in lexicon.LOCAL_WORDS) + r")(?![\w])"
)
_TARGET_AFTER = re.compile(
    r"^\s*(?:kế hoạch|mục tiêu|chỉ tiêu|of the (?:annual )?(?:target|plan|goal))"
)
_RESPECTIVELY = re.compile(r"(?<![\w])(?:lần\s+lượt|respectively)(?![\w])")
_BASIS_MONTH = re.compile(
    r"tháng\s+(\d{1,2})(?:\s*[/\-.]\s*((?:19|20)\d{2})|\s+năm\s+((?:19|20)\d{2}))?"
)
_EN_MONTH_NAMES = "|".join(EN_MONTHS)
# Compiled once: the resolver asks these for every number.
_SHARE_BEFORE = re.compile(r"(?:chiếm|tỷ trọng|tỉ trọng|accounting for|đóng góp)[^,;.\d]*$")
_SHARE_OBJECT_END = re.compile(r"[,;.(\n]|\s(?:và|tăng|giảm)\s")
_PLAN = re.compile(r"kế hoạch|mục tiêu|chỉ tiêu|target|plan")
_YOY = re.compile(
    r"cùng kỳ|year-on-year|year on year|on-year|same period|a year (?:earlier|ago|before)|"
    r"năm trước|năm ngoái|(?:previous|prior|last) year|the year before"
)
_PREV = re.compile(r"tháng trước|quý trước|kỳ trước|previous|last month|month-on-month|on-month")
_BASIS_QUARTER = re.compile(r"quý\s*(?P<q>iv|i{1,3}|[1-4])(?![\w])")
_BASIS_EN_MONTH = re.compile(_EN_MONTH_NAMES)
_BASIS_VI_MONTH_WORD = re.compile(r"tháng\s+" + VI_MONTH_WORD + r"(?![\w])")  # "so với tháng Bảy"
_BASIS_YEAR = re.compile(r"năm\s+(?:19|20)\d{2}|(?:19|20)\d{2}")
_CLAUSE_BREAK = re.compile(r"[;.]")
_WITH_PARTNER = re.compile(r"\s*(?:with|với)\s+(?:the\s+)?")
_PARTNER_AFTER = re.compile(r"[^;.()]{0,80}?(?:từ|sang|to|from)\s+")
_SERVICES_ITEM = re.compile(r"(?:phí\s+)?dịch\s+vụ")
_LEAD = re.compile(r"\s*(?:[-+*•–]\s*)?(?:the\s+|ngoài\s+ra,?\s+|còn\s+|trong khi đó,?\s+)?")


# Words of partner and sector names: a phrase of only these names no item.
_PARTNER_WORDS = frozenset(
    w for name in lexicon.PARTNERS for w in re.findall(r"\w+", name)
) | frozenset(
    w for words in lexicon.SECTOR_CUES.values() for p in words for w in re.findall(r"\w+", p)
)


@dataclass
class _Anchor:
    amount: Amount
    index: int
    sentence: tuple[int, int]
    window_start: int  # where this number's own clause starts (end of the previous number)


@dataclass
class _Resolved:
    anchor: _Anchor
    flow: str
    scope: str
    period: tuple[int | None, int, int]
    sector: str | None
    partner: str | None
    item: str | None
    metric: str
    sign: int
    basis: str | None
    explicit_basis: bool = False


_Period = tuple[int | None, int, int]  # (year, start month, end month)


@dataclass
class _State:
    """What carries over from sentence to sentence."""

    flow: tuple[str, str] | None = None
    period: tuple[int | None, int, int] | None = None
    month: tuple[int | None, int, int] | None = None  # the last single month named ("trong tháng")
    quarter: tuple[int | None, int, int] | None = None  # the last quarter named ("in the quarter")
    period_paragraph: int = -1  # where ``period`` was named
    basis: str | None = None
    basis_paragraph: int = -1
    # a period of an earlier year than the article's ("Năm 2023, con số này chỉ đạt ...") and
    # "trong tháng" after a cumulative period are asides: they hold to the end of their
    # paragraph, then the period before them resumes
    aside_paragraph: int = -1
    aside_to_heading: bool = False  # the aside holds up to the next heading, not paragraph end
    resume: tuple[_Period | None, _Period | None, _Period | None] = (None, None, None)
    sign: int = 1
    last: _Resolved | None = None
    notes: list[str] = field(default_factory=list)


def _lower(text: str) -> str:
    """Lower case that keeps every offset (a few characters lower to two)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


_T = TypeVar("_T")


def _nearest_left(
    items: Sequence[_T],
    starts: list[int],
    pos: int,
    floor: int,
    visible: Callable[[int, int], bool],
) -> _T | None:
    """The last of ``items`` (sorted by start; ``starts`` their starts) before ``pos``
    and not before ``floor``."""
    i = bisect_left(starts, pos) - 1
    while i >= 0 and starts[i] >= floor:
        if visible(starts[i], pos):
            return items[i]
        i -= 1
    return None


class _Reader:
    """Everything found in one article, and the questions the resolver asks of it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = _lower(text)
        self.regions: Regions = find_regions(text, self.low)
        self.decimal = detect_decimal(text)
        self.amounts = find_amounts(text, decimal=self.decimal, units=_ANCHOR_UNITS)
        share_objects = self._share_objects()
        self.quiet = Mask(
            len(text),
            self.regions.comparisons + self.regions.counts + self.regions.sources + share_objects,
        )
        self.in_comparison = Mask(len(text), self.regions.comparisons)
        self.in_count = Mask(len(text), self.regions.counts)
        words = find_words(self.low)  # every word list in one pass
        named = [c for c in partner_cues(text, self.low, words) if c.start not in self.quiet]
        partners = with_back_references(
            self.low,
            not_in_ranking(self.low, named),
            words["back:partner"],
            "partner",
        )
        self.appositives = appositives(self.low, partners)
        partners = [c for c in partners if not inside(self.appositives, c.start)]
        partners = without_group_frames(self.low, self.regions, partners)
        self.partners = partners
        self.article_partner = headline_partner(text, self.low, self.partners)
        all_flows = flow_cues(self.low, partners, words)
        # "36 mặt hàng đạt kim ngạch xuất khẩu trên 1 tỷ USD" counts items, but its flow word
        # still says what the figures after it are
        flow_quiet = Mask(
            len(text), self.regions.comparisons + self.regions.sources + share_objects
        )
        self.flows = [c for c in all_flows if c.start not in flow_quiet]
        self.label_parens = {
            paren
            for c in self.flows
            if (paren := self.regions.paren_of(c.start)) is not None
            and _LABEL.fullmatch(self.low, paren[0], paren[1])
        }
        self.object_flows = [c for c in all_flows if c.start in flow_quiet]
        simple = simple_cues(self.low, words)
        self.sectors = with_back_references(
            self.low,
            [c for c in simple if c.kind == "sector" and c.start not in self.quiet],
            words["back:sector"],
            "sector",
        )
        self.partners, self.sectors = (
            named_last(self.low, self.partners, self.sectors),
            named_last(self.low, self.sectors, self.partners),
        )
        self.changes = [
            c for c in simple if c.kind == "change" and c.start not in self.in_comparison
        ]
        self.shares = [c for c in simple if c.kind == "share"]
        self.balance_signs = [c for c in simple if c.kind == "balance_sign"]
        self.changes = [  # "up" inside "making up", "hụt" inside "thâm hụt": no change
            c
            for c in self.changes
            if not any(o.start <= c.start < o.end for o in self.shares + self.balance_signs)
        ]
        self.abs_cues = [c for c in simple if c.kind == "abs"]
        self.standalone_bases = [
            c for c in simple if c.kind == "basis" and c.start not in self.in_comparison
        ]
        no_period_here = self.regions.comparisons + self.regions.sources + self.regions.quotes
        self.periods = [p for p in find_periods(self.low) if not inside(no_period_here, p.start)]
        self.main_year = infer_main_year(self.low, self.periods)
        self.period_at = {p.start: p for p in self.periods}
        self.period_starts = [p.start for p in self.periods]
        self.periods_carried = 0  # periods already read into the state (see _carry_period)
        self.amount_starts = [a.start for a in self.amounts]
        # change and share words in one list by start (changes first on a tie, as before)
        self.metric_cues = sorted(self.changes + self.shares, key=lambda c: c.start)
        self.metric_cue_starts = [c.start for c in self.metric_cues]
        # Where the words of the skip patterns stand: a window without one needs no search.
        # A number starts after a non-word character, so no word ends right at its start and
        # each _FORECAST / _LOCAL match before a number lies in or overlaps one of these spans.
        self.forecast_words = SpanIndex(words["forecast"])
        self.local_words = SpanIndex(words["local"])
        self.price_words = occurrences(self.low, _PRICE_WORDS)
        self.target_words = occurrences(self.low, _TARGET_WORDS)
        self.crop_years = [m.start() for m in _CROP_YEAR.finditer(self.low)]
        self.partner_words = _PARTNER_WORDS
        self._paragraph_starts = [a for a, _ in self.regions.paragraphs]
        self._basis_scanned = 0
        self.used_items: set[int] = set()  # item mentions some number took: they carry on
        self.topic: str | None = None  # item of the article's first figure
        self.paragraph_topic: dict[int, str | None] = {}  # item of each paragraph's first figure
        self.flow_topic: dict[str, str | None] = {}  # item of each flow's first figure
        ranked = tuple(
            m.span(1)
            for m in finditer_at(_RANKED_AFTER, self.low, occurrences(self.low, _RANKED_WORDS))
        )
        self.items = [
            m
            for m in item_mentions(
                text,
                self.low,
                [_item_lead(self.low, c) for c in self.flows],
                _PARTNER_WORDS,
                words,
            )
            if m.start not in self.quiet
            and not any(m.start < b and a < max(m.end, m.start + 1) for a, b in self.appositives)
            and not inside(ranked, m.start)
            and not (m.item is None and not m.back_reference and self.regions.paren_of(m.start))
        ]
        self.item_at = {m.start: m for m in self.items}
        # Starts of the sorted lists above, for bisection (item_starts follows self.items).
        self.item_starts = [m.start for m in self.items]
        self.flow_starts = [c.start for c in self.flows]
        self.flow_at = {c.start: c for c in self.flows}
        self.sector_starts = [c.start for c in self.sectors]
        self.partner_starts = [c.start for c in self.partners]
        self.balance_sign_starts = [c.start for c in self.balance_signs]
        self.partner_start_set = set(self.partner_starts)
        self.sector_start_set = set(self.sector_starts)

    # -- regions ------------------------------------------------------------------

    def _share_objects(self) -> tuple[tuple[int, int], ...]:
        """After "chiếm 18,2%": "tỷ trọng xuất khẩu" says what the share is of."""
        spans = []
        for a in self.amounts:
            if a.unit is not Unit.PERCENT:
                continue
            before = self.low[max(0, a.start - 40) : a.start]
            if _SHARE_BEFORE.search(before):
                m = _SHARE_OBJECT_END.search(self.low, a.end)
                spans.append((a.end, m.start() if m else len(self.low)))
        return tuple(spans)

    @cached_property
    def heading_paragraphs(self) -> list[int]:
        """The paragraphs that are headings (asked only when an aside runs to the next one)."""
        return [
            i
            for i, (p0, p1) in enumerate(self.regions.paragraphs)
            if _HEADING.fullmatch(self.text, p0, p1) is not None
        ]

    def topic_at(self, pos: int, flow: str) -> str | None:
        """What a subject-less figure is about: its paragraph's first figure; else the first
        figure of its flow (an article about wood exports that turns to "nhập khẩu gỗ nguyên
        liệu" and then "Trung Quốc là nhà cung cấp lớn nhất với ..."); else the article's."""
        here = self.paragraph_index(pos)
        if here in self.paragraph_topic:
            return self.paragraph_topic[here]
        return self.flow_topic.get(flow, self.topic)

    def whole_subject(self, anchor: _Anchor) -> bool:
        """The number's clause names the whole country or the world ("cả nước", "toàn cầu")."""
        return bool(_WHOLE_COUNTRY.search(self.low, anchor.window_start, anchor.amount.start))

    def sentence_has_figures(self, pos: int) -> bool:
        """False for a heading such as "5. Riêng tháng 11/2023": it governs the lines below."""
        s0, s1 = self.regions.sentence_of(pos)
        return any(s0 <= a.start < s1 for a in self.amounts)

    def visible(self, mention_pos: int, anchor_pos: int) -> bool:
        """A mention inside parentheses reaches only numbers in the same parentheses,
        unless the parentheses only label what stands before them ("Xăng dầu (nhập khẩu):")."""
        paren = self.regions.paren_of(mention_pos)
        return paren is None or paren[0] <= anchor_pos < paren[1] or paren in self.label_parens

    def paragraph_index(self, pos: int) -> int:
        return max(bisect_right(self._paragraph_starts, pos) - 1, 0)


# A short line without a full stop or a figure: a heading between sections
_HEADING = re.compile(r"\s*[^\d\n.!?]{3,90}?[^\d\n.!?:;,]\s*")
# "thặng dư thương mại của ngành dệt may": a balance that names its item
_BALANCE_OF = re.compile(r"\s+(?:của\s+)?(?:ngành|nhóm\s+hàng|mặt\s+hàng)\s")


def _item_lead(low: str, flow: Cue) -> tuple[int, int, bool]:
    """Where the item phrase after a flow cue begins, and whether it names an item: a
    balance names one only as "thặng dư thương mại của ngành dệt may"."""
    if flow.value != "balance":
        return (flow.start, flow.end, True)
    m = _BALANCE_OF.match(low, flow.end)
    return (flow.start, m.end(), True) if m else (flow.start, flow.end, False)


# "chỉ xếp sau máy vi tính, ...": the item ranked ahead is not the subject
_RANKED_WORDS = ("xếp", "đứng", "behind")
_RANKED_AFTER = re.compile(
    r"(?:(?:xếp|đứng)\s+(?:thứ\s+\w+\s+)?sau|(?<![\w])behind)\s+"
    r"([^;.\n]{0,80}?)(?=,\s*(?:chiếm|với|đạt|tăng|giảm|là|accounting|with)|[;.\n]|$)"
)
# Parentheses that only label: "(nhập khẩu)", "(xuất khẩu)", "(exports)".
_LABEL = re.compile(r"\(\s*(?:xuất khẩu|nhập khẩu|xk|nk|exports?|imports?)\s*\)")

_EXPLICIT_WHOLE = re.compile(
    r"hàng\s+hó?a|hàng\s+hoá|cả\s+nước|việt\s+nam|tổng|goods|overall|total|dịch\s+vụ|services"
)
_WHOLE_COUNTRY = re.compile(
    r"(?<![\w])(?:cả nước|toàn cầu|tổng kim ngạch|overall|in total|total trade)(?![\w])"
)


def _basis_of_comparison(phrase: str, period: tuple[int | None, int, int]) -> str | None:
    if _PLAN.search(phrase):
        return "plan"
    if _YOY.search(phrase):
        return "yoy"
    if _PREV.search(phrase):
        return "prev_period"
    m = _BASIS_MONTH.search(phrase)
    if m:
        month = int(m.group(1))
        year = m.group(2) or m.group(3)
        year_now, first, last = period
        if first == last == month and (year is None or year_now is None or int(year) != year_now):
            return "yoy"
        return "prev_period"
    q = _BASIS_QUARTER.search(phrase)
    if q:  # "so với quý IV/2022" for quý IV/2023 is the same quarter a year earlier
        year_now, first, last = period
        named = quarter_number(q.group("q"))
        if named and last - first == 2 and last == 3 * named:
            return "yoy"
        return "prev_period"
    if _BASIS_EN_MONTH.search(phrase) or _BASIS_VI_MONTH_WORD.search(phrase):
        return "prev_period"
    if _BASIS_YEAR.search(phrase):
        return "yoy"
    return None


_SIGN_BEFORE = re.compile(r"\(\s*([+\-−–])\s*$")


# "or 12.8% of the nation's total exports", "a 73.4 per cent share": a share, whatever word
# led to it
_SHARE_OF_TOTAL_AFTER = re.compile(
    r"\s+of\s+(?:the\s+)?(?:(?:country|nation|vietnam)['’]s\s+|its\s+)?(?:total|overall)\s"
    r"|\s+share(?![\w])"  # "held a 73.4 per cent share of exports"
)


def _resolve_metric(
    reader: _Reader, anchor: _Anchor, prev: _Resolved | None
) -> tuple[str, int] | None:
    a = anchor.amount
    window = (anchor.window_start, a.start)
    if a.unit is Unit.TONNE:
        return ("quantity", 1)
    lo = bisect_left(reader.metric_cue_starts, window[0])
    hi = bisect_left(reader.metric_cue_starts, window[1])
    cues = [c for c in reader.metric_cues[lo:hi] if reader.visible(c.start, a.start)]
    last = max(cues, key=lambda c: c.start) if cues else None
    same_sentence_prev = prev is not None and prev.anchor.sentence == anchor.sentence
    if a.unit is Unit.PERCENT:
        signed = _SIGN_BEFORE.search(reader.low, max(0, a.start - 3), a.start)
        if signed and last is None:  # "48,9 tỷ USD (+5,1%)": a signed percent is a change
            return ("change_pct", -1 if signed.group(1) in "-−–" else 1)
        if (last is not None and last.kind == "share") or _SHARE_OF_TOTAL_AFTER.match(
            reader.low, a.end
        ):
            return ("share_pct", 1)
        if last is not None:
            return ("change_pct", -1 if last.value == "-" else 1)
        if prev is not None and same_sentence_prev and prev.metric in ("change_pct", "share_pct"):
            return (prev.metric, prev.sign)
        return None
    # money
    if last is not None and last.kind == "change":
        after = reader.low[last.end : a.start]
        if not _LEVEL_VERBS.search(after):
            return ("change_abs", -1 if last.value == "-" else 1)
    gap = reader.low[window[0] : a.start].strip(" ,")
    if (
        prev is not None
        and same_sentence_prev
        and prev.metric == "change_abs"
        and gap
        in {
            "và",
            "and",
            "",
        }
    ):
        return ("change_abs", prev.sign)
    return ("value", 1)


# "$513 per tonne", "$360-$365 a tonne", "2.9 USD a kilogram": prices, not values
_PER_UNIT_AFTER = re.compile(
    r"(?:\s*[-–]\s*\$?\d[\d.,]*)?\s+(?:a|per|each|mỗi|một)\s+"
    r"(?:metric\s+)?(?:tonnes?|tons?|kg|kilograms?|kilos?|tấn|pounds?|lb)(?![\w])"
)


# "niên vụ 2024/2025", "the 2024/25 crop year": a season, not months of one calendar year
_CROP_YEAR = re.compile(
    r"(?:niên\s+vụ|mùa\s+vụ|crop\s+year|season|marketing\s+year)\s*(?:(?:19|20)\d{2}\s*[/–-]\s*\d{2,4})"
    r"|(?:19|20)\d{2}\s*[/–-]\s*\d{2,4}\s+(?:crop|season|marketing|niên\s+vụ)"
)


# "a 46% tariff", "a 40% rate applies", "thuế suất 20%", "mức thuế đối ứng 46%"
_TARIFF_AFTER = re.compile(
    r"\s+(?:(?:reciprocal|import|export|punitive|additional|retaliatory)\s+)?"
    r"(?:tariffs?|duty|duties|levy|rate)(?![\w])"
)
_TARIFF_BEFORE = re.compile(
    r"(?:thuế\s+suất|mức\s+thuế|thuế\s+đối\s+ứng|thuế\s+nhập\s+khẩu|thuế\s+xuất\s+khẩu|"
    r"tariffs?\s+of|duty\s+of|levy\s+of)(?:\s+\w+){0,2}\s*(?:là\s+|lên\s+|ở\s+mức\s+)?$"
)


# "..., after reaching a record $10.5 billion": what follows is an outcome again
_CLAUSE_TURN = re.compile(r",\s+(?:after|sau\s+khi|while|whereas|trong\s+khi)\s")


def _after_clause_turn(low: str, start: int, end: int) -> int:
    """Where the last clause of ``low[start:end]`` begins after a turn such as ", after"."""
    turns = [m.end() for m in _CLAUSE_TURN.finditer(low, start, end)]
    return turns[-1] if turns else start


def _skip_reason(reader: _Reader, anchor: _Anchor) -> str | None:
    a = anchor.amount
    low = reader.low
    if a.start in reader.in_count:
        return "counts goods over a threshold"
    if a.unit is Unit.USD and _PER_UNIT_AFTER.match(low, a.end):
        return "a price per unit ('$513 per tonne', '$360-$365 a tonne')"
    if _THRESHOLD_AFTER.match(low[a.end : a.end + 12]) or (
        a.unit is not Unit.PERCENT and _THRESHOLD_BEFORE.search(low[max(0, a.start - 30) : a.start])
    ):
        return "a threshold, not a figure"
    clause_start = max(anchor.sentence[0], low.rfind(";", 0, a.start) + 1)
    if reader.forecast_words.overlap(clause_start, a.start) and _FORECAST.search(
        low, _after_clause_turn(low, clause_start, a.start), a.start
    ):
        return "a forecast or a condition, not an outcome"
    if reader.local_words.overlap(anchor.sentence[0], a.start) and _LOCAL.search(
        low, anchor.sentence[0], a.start
    ):
        return "a province's or city's figure, not the country's"
    if any_between(reader.target_words, a.start - 60, a.start) and _TARGET_BEFORE.search(
        low[max(0, a.start - 60) : a.start]
    ):
        return "a target, not an outcome"
    if a.unit is Unit.PERCENT and (
        _TARIFF_AFTER.match(low, a.end) or _TARIFF_BEFORE.search(low, max(0, a.start - 30), a.start)
    ):
        return "a tariff or duty rate, not trade"
    if a.unit is Unit.PERCENT and _TARGET_AFTER.match(low[a.end : a.end + 25]):
        return "share of a target achieved, not a change"
    if a.unit is Unit.PERCENT and _QUANTITY_CHANGE_AFTER.match(low[a.end : a.end + 20]):
        return "change in volume (no key of its own)"
    if _MULTIPLE_BEFORE.search(low[max(0, a.start - 12) : a.start]):
        return "a multiple"
    paren = reader.regions.paren_of(a.start)
    if paren and any(abs(end - paren[0]) <= 2 for _, end in reader.regions.comparisons):
        return "describes what a change is compared with"
    clause_start = anchor.sentence[0]
    if any_between(reader.crop_years, clause_start, a.start):
        return "a crop year or season, not calendar months"
    if any_between(reader.price_words, clause_start, a.start) and _PRICE_TOPIC.search(
        low[clause_start : a.start]
    ):
        return "about prices or output, not trade flows"
    return None


def _respectively(reader: _Reader, resolved: list[_Resolved]) -> None:
    """Zip "A, B và C lần lượt đạt x; y và z" in order, per metric."""
    by_sentence: dict[tuple[int, int], list[_Resolved]] = {}
    for r in resolved:
        by_sentence.setdefault(r.anchor.sentence, []).append(r)
    for (s0, s1), group in by_sentence.items():
        if reader.low.find("lần", s0, s1) == -1 and reader.low.find("respectively", s0, s1) == -1:
            continue  # _RESPECTIVELY needs one of these words: skip the scan
        cue = _RESPECTIVELY.search(reader.low, s0, s1)
        if not cue:
            continue
        english = cue.group() == "respectively"
        first_anchor = group[0].anchor.amount.start
        list_end = first_anchor if english else cue.start()
        list_floor = s0
        for r in group:
            if r.anchor.amount.end <= list_end:
                list_floor = r.anchor.amount.end
        members = [r for r in group if r.anchor.amount.start >= list_end or english]
        partners = [p for p in reader.partners if list_floor <= p.start < list_end]
        items = [m for m in reader.items if list_floor <= m.start < list_end and m.item]
        by_metric: dict[str, list[_Resolved]] = {}
        for r in members:
            by_metric.setdefault(r.metric, []).append(r)
        for metric_group in by_metric.values():
            k = len(metric_group)
            if k < 2:
                continue
            periods = [
                p
                for p in reader.periods
                if list_floor <= p.start < list_end and not p.previous_year
            ]
            if len(periods) == k:  # "tháng 12/2023 và cả năm 2023 ... lần lượt đạt x và y"
                for r, p in zip(metric_group, periods, strict=True):
                    r.period = (
                        p.year if p.year is not None else reader.main_year,
                        p.start_month,
                        p.end_month,
                    )
            if len(partners) == k:
                for r, partner in zip(metric_group, partners, strict=True):
                    r.partner = partner.value
            elif items:
                names = split_list(items[-1].item or "", k)
                if names is None and len(items) == k:  # "X; Y; Z với kim ngạch lần lượt đạt"
                    names = [m.item or "" for m in items]
                if names is None:  # "... là điện thoại; máy móc; hàng dệt, may với kim ngạch"
                    names = respective_names(
                        reader.text, reader.low, list_floor, list_end, k, reader.partner_words
                    )
                if names:
                    for r, name in zip(metric_group, names, strict=True):
                        r.item = name
            if metric_group[0].metric == "change_abs":
                pcts = [
                    r
                    for r in group
                    if r.metric == "change_pct" and r.anchor.amount.start < list_end
                ]
                if len(pcts) >= k:
                    for r, pct in zip(metric_group, pcts[-k:], strict=True):
                        r.basis = pct.basis


# A sentence that narrows what the one before said: its market carries over
_NARROWING_START = re.compile(
    r"\s*(?:riêng|trong\s+đó|trong\s+số\s+này|of\s+which|among\s+them)(?![\w])"
    r"(?!,?\s+(?:trong\s+|tính\s+)?(?:tháng|quý|năm|nửa|kỳ|\d))"  # "Riêng tháng 8": a period
)
# A period that follows its number at once, in the same clause
_PERIOD_RIGHT_AFTER = re.compile(r"\s+(?:sau|trong|qua|in|during|over)\s+(?:the\s+)?$")


def _period_for(
    reader: _Reader, anchor: _Anchor, state: _State
) -> tuple[int | None, int, int] | None:
    a = anchor.amount
    s0, _ = anchor.sentence
    left = _nearest_left(reader.periods, reader.period_starts, a.start, s0, reader.visible)
    mention: PeriodMention | None = left
    i = bisect_left(reader.period_starts, a.end)
    nxt = reader.periods[i] if i < len(reader.periods) else None  # the first period after it
    if (
        mention is not None
        and nxt is not None
        and reader.low.find(",", mention.end, a.start) != -1
        and _PERIOD_RIGHT_AFTER.match(reader.low, a.end, nxt.start)
    ):
        mention = nxt  # "..., cả nước vẫn xuất siêu 2,77 tỷ USD sau 11 tháng"
    if mention is None:
        j = bisect_right(reader.amount_starts, a.start)
        next_anchor_start = (
            reader.amount_starts[j] if j < len(reader.amount_starts) else len(reader.low)
        )
        if (
            nxt is not None
            and reader.visible(nxt.start, a.start)
            and nxt.start < next_anchor_start
            and nxt.start < anchor.sentence[1]
            and not _CLAUSE_BREAK.search(reader.low, a.end, nxt.start)
        ):
            mention = nxt
    if mention is not None and mention.partial:
        return None  # "kỳ 2 tháng 8": no period the fact format can hold
    if mention is None and state.period is None:  # nothing said yet: the sentence's own period
        mention = next(
            (
                p
                for p in reader.periods
                if a.end <= p.start < anchor.sentence[1] and not p.previous_year
            ),
            None,
        )
    if mention is None:
        if state.quarter is not None and _THIS_QUARTER.search(
            reader.low, anchor.sentence[0], a.end + 20
        ):
            return state.quarter
        if _THIS_MONTH.search(reader.low, anchor.sentence[0], a.start):
            if state.month is not None:
                # "trong tháng" puts the month in force again, up to the paragraph's end
                _begin_aside(reader, a.start, state)
                state.period = state.month
                return state.month
            if state.period is not None:  # "tháng vừa qua" after "quý III": its last month
                return (state.period[0], state.period[2], state.period[2])
        return _month_by_its_comparison(reader, anchor, state.period)
    if mention.previous_year:
        own = _nearest_left(
            reader.periods,
            reader.period_starts,
            mention.start,
            s0,
            lambda p, q: not reader.period_at[p].previous_year and reader.visible(p, q),
        )
        base = (
            (own.year if own.year is not None else reader.main_year, own.start_month, own.end_month)
            if own is not None
            else state.period
        )
        if base is None or base[0] is None:
            return None
        return (mention.year or base[0] - 1, base[1], base[2])
    year = mention.year if mention.year is not None else _year_in_force(reader, state)
    if (
        mention.year is None
        and year is not None
        and any(p.previous_year and s0 <= p.start < mention.start for p in reader.periods)
    ):
        year -= 1  # "Cùng kỳ năm ngoái, xuất khẩu 9 tháng chỉ đạt ..."
    return (year, mention.start_month, mention.end_month)


# "so với tháng trước", "so với tháng 9": what only a month's figure is compared with.
_PREVIOUS_MONTH = re.compile(r"so\s+với\s+tháng\s+(?:trước|(?P<m>\d{1,2})(?!\s*[/\-.]\s*\d))")


def _month_by_its_comparison(
    reader: _Reader, anchor: _Anchor, period: _Period | None
) -> _Period | None:
    """A figure carried into a cumulative period but compared with the month before its
    last month is that last month's figure ("10 tháng ..." then "giảm 4,6% so với tháng 9")."""
    if period is None or period[1] != 1 or period[2] == 1:
        return period
    s0, s1 = anchor.sentence
    m = _PREVIOUS_MONTH.search(reader.low, s0, s1)
    if m is None or (m.group("m") and int(m.group("m")) != period[2] - 1):
        return period
    return (period[0], period[2], period[2])


_LOCAL_MONEY = re.compile(r"(?<![\w])(?:vnd|vnđ)\s?\d|\d[\d.,]*\s*(?:đồng|vnd|vnđ)(?![\w])")


def _about_prices(reader: _Reader, pos: int) -> bool:
    """A sentence of prices or dong amounts and no trade figure: its period is not carried."""
    if reader.sentence_has_figures(pos):
        return False
    s0, s1 = reader.regions.sentence_of(pos)
    return bool(_LOCAL_MONEY.search(reader.low, s0, s1) or _PRICE_TOPIC.search(reader.low, s0, s1))


def _year_in_force(reader: _Reader, state: _State) -> int | None:
    """The year of a period written without one: the article's, or a later one the article
    has moved on to ("Bước sang năm 2025, ... Trong quý I, ...")."""
    year = state.period[0] if state.period is not None else None
    if year is None or reader.main_year is None or year < reader.main_year:
        return reader.main_year
    return year


def _earlier_background(reader: _Reader, p: PeriodMention) -> bool:
    """An earlier year named in a sentence of prose without figures is background, not the
    period of what follows (a heading such as "Năm 2023:" is short and still sets it)."""
    if p.year is None or reader.main_year is None or p.year >= reader.main_year:
        return False
    s0, s1 = reader.regions.sentence_of(p.start)
    return s1 - s0 > 80 and not reader.sentence_has_figures(p.start)


_TARIFF_WORDS = re.compile(r"tariffs?|(?<![\w])dut(?:y|ies)|thuế\s+(?:đối\s+ứng|suất|quan)")


def _about_tariffs(reader: _Reader, pos: int) -> bool:
    """A sentence of tariff rates and no amount of money or goods: "Washington announced a 46%
    tariff in April" dates a policy, not the figures after it."""
    s0, s1 = reader.regions.sentence_of(pos)
    if not _TARIFF_WORDS.search(reader.low, s0, s1):
        return False
    return not any(s0 <= a.start < s1 and a.unit is not Unit.PERCENT for a in reader.amounts)


def _carry_period(reader: _Reader, upto: int, state: _State) -> None:
    """The period in force after reading up to ``upto`` (mentions outside parentheses).

    ``upto`` only grows and each mention only sets fields, so each is read once
    (``reader.periods_carried``)."""
    periods = reader.periods
    while reader.periods_carried < len(periods) and periods[reader.periods_carried].start < upto:
        p = periods[reader.periods_carried]
        reader.periods_carried += 1
        if p.partial:  # what follows in its paragraph is of that part-month too: no facts
            _begin_aside(reader, p.start, state)
            state.period = state.month = None
            continue
        if p.previous_year or (
            reader.regions.paren_of(p.start) is not None and reader.sentence_has_figures(p.start)
        ):
            # "(Tháng 1-2014 cả nước nhập ...)" is an aside; "(9 tháng)" in a heading is not
            continue
        if _about_prices(reader, p.start) or _about_tariffs(reader, p.start):
            continue  # "selling green beans for VND130,000 a kilogram in December"
        if any_between(reader.crop_years, *reader.regions.sentence_of(p.start)):
            continue  # "the 2024/25 crop year that ended in September"
        if _earlier_background(reader, p):
            continue  # "Indonesia, which bought heavily in 2024, has all but disappeared"
        if p.aside and reader.sentence_has_figures(p.start):
            if p.start_month == p.end_month:
                state.month = (
                    p.year if p.year is not None else reader.main_year,
                    p.start_month,
                    p.end_month,
                )
            continue
        period = (
            p.year if p.year is not None else _year_in_force(reader, state),
            p.start_month,
            p.end_month,
        )
        _note_past_aside(reader, p.start, period, state)
        paragraph = reader.paragraph_index(p.start)
        if _last_month_of(period, state.period) and reader.sentence_has_figures(p.start):
            # "8 tháng ... Tháng 8/2025, xuất khẩu đạt ...": the month holds to the end of its
            # paragraph when the months to date were named there, else up to the next heading;
            # then the months to date are in force again
            _begin_aside(reader, p.start, state)
            state.aside_to_heading = state.period_paragraph != paragraph
        state.period_paragraph = paragraph
        state.period = period
        if p.start_month == p.end_month:
            state.month = state.period
        if p.end_month - p.start_month == 2 and p.end_month % 3 == 0:
            state.quarter = state.period


def _last_month_of(period: _Period, cumulative: _Period | None) -> bool:
    """``period`` is the last month of the months to date in force."""
    return (
        cumulative is not None
        and period[1] == period[2] == cumulative[2]
        and cumulative[1] == 1
        and cumulative[2] > 1
        and period[0] == cumulative[0]
    )


def _note_past_aside(
    reader: _Reader, start: int, period: tuple[int | None, int, int], state: _State
) -> None:
    past = period[0] is not None and reader.main_year is not None and period[0] < reader.main_year
    if past:
        _begin_aside(reader, start, state)
    else:
        state.aside_paragraph = -1  # a period of the article's own time: no aside any more


def _begin_aside(reader: _Reader, pos: int, state: _State) -> None:
    """What is said from ``pos`` to the end of its paragraph is an aside to the period."""
    if state.aside_paragraph < 0:
        state.resume = (state.period, state.month, state.quarter)
    state.aside_paragraph = reader.paragraph_index(pos)
    state.aside_to_heading = False


def _resume_after_aside(reader: _Reader, pos: int, state: _State) -> None:
    """A new paragraph after an earlier year's aside returns to the article's period."""
    here = reader.paragraph_index(pos)
    if not 0 <= state.aside_paragraph < here:
        return
    if state.aside_to_heading and not any(
        state.aside_paragraph < h <= here for h in reader.heading_paragraphs
    ):
        return
    state.period, state.month, state.quarter = state.resume
    state.aside_paragraph = -1
    state.aside_to_heading = False


def _basis_for(
    reader: _Reader, anchor: _Anchor, period: tuple[int | None, int, int], state: _State
) -> tuple[str, bool]:
    a = anchor.amount
    s0, s1 = anchor.sentence
    ahead = sorted(
        [(start, end, None) for start, end in reader.regions.comparisons if a.end <= start < s1]
        + [(c.start, c.end, c.value) for c in reader.standalone_bases if a.end <= c.start < s1]
    )
    for start, end, standalone in ahead:  # the nearest comparison after the number
        basis = standalone or _basis_of_comparison(reader.low[start:end], period)
        if basis == "plan" and any(
            a.end <= b.start < start and b.unit is Unit.PERCENT for b in reader.amounts
        ):
            continue  # "so với kế hoạch" binds only the change right before it
        if basis:
            return basis, True
    for start, end in reversed(
        reader.regions.comparisons
    ):  # "So với cùng kỳ năm trước, X tăng 20,2%"
        if s0 <= start and end <= a.start:
            basis = _basis_of_comparison(reader.low[start:end], period)
            if basis:
                return basis, True
    paragraph = reader.paragraph_index(a.start)
    if state.basis and state.basis_paragraph == paragraph:
        return state.basis, False
    return "yoy", False


def _remember_basis(
    reader: _Reader, upto: int, period: tuple[int | None, int, int], state: _State
) -> None:
    comparisons = reader.regions.comparisons
    while reader._basis_scanned < len(comparisons) and comparisons[reader._basis_scanned][0] < upto:
        start, end = comparisons[reader._basis_scanned]
        reader._basis_scanned += 1
        basis = _basis_of_comparison(reader.low[start:end], period)
        if basis:
            state.basis = basis
            state.basis_paragraph = reader.paragraph_index(start)


def _resolve(reader: _Reader, anchor: _Anchor, state: _State) -> _Resolved | None:
    a = anchor.amount
    s0, s1 = anchor.sentence
    metric_sign = _resolve_metric(reader, anchor, state.last)
    if metric_sign is None:
        return None
    metric, sign = metric_sign

    flow_cue: Cue | None = _nearest_left(
        reader.flows, reader.flow_starts, a.start, s0, reader.visible
    )
    if flow_cue is None:
        i = bisect_left(reader.flow_starts, a.end)
        if i < len(reader.flows) and reader.flows[i].start < min(s1, a.end + 30):
            flow_cue = reader.flows[i]
    if flow_cue is None and metric == "share_pct":  # "chiếm 88,7% tổng kim ngạch xuất khẩu"
        flow_cue = next((c for c in reader.object_flows if a.end <= c.start < a.end + 40), None)
    if flow_cue is None:  # "nhóm hàng X đạt 310,4 tỷ USD, chiếm 87,3% tổng kim ngạch xuất khẩu"
        flow_cue = next((c for c in reader.object_flows if s0 <= c.start < s1), None)
    if flow_cue is None:  # a heading or an earlier sentence said it ("Nhóm hàng xuất khẩu chủ lực")
        flow_cue = _nearest_left(
            reader.flows,
            reader.flow_starts,
            a.start,
            0,
            # a surplus or deficit is said in its own sentence; it is not a topic to carry
            lambda pos, at: (
                reader.visible(pos, at) and (pos >= s0 or reader.flow_at[pos].value != "balance")
            ),
        )
    if flow_cue is not None:
        flow, scope = flow_cue.value, flow_cue.scope
    elif state.flow is not None:
        flow, scope = state.flow
    else:
        return None

    period = _period_for(reader, anchor, state)
    if period is None:
        return None

    sector_cue = _nearest_left(reader.sectors, reader.sector_starts, a.start, s0, reader.visible)
    sector = sector_cue.value if sector_cue else None

    seg_floor = max(s0, reader.low.rfind(";", s0, a.start) + 1)
    partner_cue = _nearest_left(
        reader.partners, reader.partner_starts, a.start, seg_floor, reader.visible
    )
    partner = partner_cue.value if partner_cue else None
    with_partner = _WITH_PARTNER.match(reader.low[a.end : a.end + 12])
    if with_partner and a.unit is Unit.USD:
        after = next((p for p in reader.partners if p.start == a.end + with_partner.end()), None)
        if after is not None:
            partner = after.value
    if partner is None and a.unit is Unit.USD:
        m = _PARTNER_AFTER.match(reader.low[a.end : a.end + 90])
        if m:
            after = next((p for p in reader.partners if p.start == a.end + m.end()), None)
            partner = after.value if after else None

    if (
        partner is None
        and state.last is not None
        and state.last.partner is not None
        and reader.paragraph_index(state.last.anchor.amount.start)
        == reader.paragraph_index(a.start)
        and _NARROWING_START.match(reader.low, s0)
    ):
        partner = state.last.partner  # "Riêng sắt thép ...", "Trong đó, hạt điều ...": same market
    if partner is None and reader.article_partner and not reader.whole_subject(anchor):
        partner = reader.article_partner  # a bilateral article: its partner unless the whole

    item = _item_for(reader, anchor, flow)
    if item and (
        _SERVICES_ITEM.match(item.lower())
        or reader.low.find("dịch vụ " + item.lower(), s0, a.start) >= 0
    ):
        scope = "services"  # "dịch vụ vận tải", whose item reads "vận tải"

    after_share = (  # "took 33.2% of ..., up from 29.7% a year earlier"
        state.last is not None
        and state.last.anchor.sentence == anchor.sentence
        and state.last.metric == "share_pct"
    )
    earlier = _earlier_level(reader, a, period, "share_pct" if after_share else metric)
    if earlier is not None:  # "so với mức 26,3 tỷ USD của năm 2023": that year's value
        period, sign = earlier, 1
        metric = "share_pct" if a.unit is Unit.PERCENT else "value"

    if flow == "balance" and metric == "value":
        sign_cue = _nearest_left(
            reader.balance_signs, reader.balance_sign_starts, a.start, s0, reader.visible
        )
        if sign_cue is None:
            sign_cue = next(
                (c for c in reader.balance_signs if a.end <= c.start < a.end + 25), None
            )
        sign = -1 if sign_cue is not None and sign_cue.value == "-" else 1

    basis: str | None = None
    explicit = False
    if metric in ("change_pct", "change_abs"):
        basis, explicit = _basis_for(reader, anchor, period, state)
    return _Resolved(
        anchor, flow, scope, period, sector, partner, item, metric, sign, basis, explicit
    )


# "(so với | thấp hơn | down from) mức X của (cùng kỳ) năm 2023 / in the same period last year"
_LEVEL_BEFORE = re.compile(
    r"(?:mức(?:\s+(?:xuất\s+siêu|nhập\s+siêu|thặng\s+dư|thâm\s+hụt))?|from|compared\s+(?:with|to)"
    r"|against|versus)"
    r"(?:\s+(?:gần|hơn|khoảng|trên|xấp xỉ|nearly|about|almost))?\s*\$?$"
)
_LEVEL_AFTER = re.compile(
    r"\s*(?:(?:của|in)\s+)?(?:the\s+)?(?:cùng\s+kỳ\s+)?(?:"
    r"năm\s+(?P<y>(?:19|20)\d{2})|(?P<y2>(?:19|20)\d{2})|năm\s+(?:trước|ngoái)|"
    r"same\s+period\s+(?:of\s+)?last\s+year|same\s+period\s+a\s+year\s+(?:earlier|ago)|"
    r"a\s+year\s+(?:earlier|ago|before)|the\s+(?:previous|prior)\s+year|the\s+year\s+before|"
    r"last\s+year|cùng\s+kỳ|quý\s*(?P<q>iv|i{1,3}|[1-4])"
    r"(?:\s*[/\-]\s*(?P<y3>(?:19|20)\d{2})|\s+(?:của\s+)?(?P<last>năm\s+(?:ngoái|trước)))?)"
    r"(?![\w])"
)


def _earlier_level(reader: _Reader, a: Amount, period: _Period, metric: str) -> _Period | None:
    """The period of a figure quoted as the level it is compared with, if it is one: an
    amount, or a share after a share ("took 33.2% ..., up from 29.7% a year earlier")."""
    if period[0] is None or not (
        a.unit is Unit.USD or (a.unit is Unit.PERCENT and metric == "share_pct")
    ):
        return None
    if not _LEVEL_BEFORE.search(reader.low, max(0, a.start - 20), a.start):
        return None
    m = _LEVEL_AFTER.match(reader.low, a.end)
    if m is None:
        return None
    q = quarter_number(m.group("q") or "")
    if q is not None:  # "mức xuất siêu 3,92 tỷ USD của quý II", "... của quý III/2024"
        year = int(m.group("y3")) if m.group("y3") else period[0] - bool(m.group("last"))
        return (year, 3 * q - 2, 3 * q)
    written = m.group("y") or m.group("y2")
    return (int(written) if written else period[0] - 1, period[1], period[2])


def _names_item(m: ItemMention) -> bool:
    return bool(m.item) and not m.back_reference


def _names_or_refers(m: ItemMention) -> bool:
    return bool(m.item) or m.back_reference


def _last_item(
    reader: _Reader, lo: int, hi: int, wanted: Callable[[ItemMention], bool]
) -> ItemMention | None:
    """The last item mention starting in ``[lo, hi)`` that is ``wanted``."""
    i = bisect_left(reader.item_starts, hi) - 1
    while i >= 0 and reader.item_starts[i] >= lo:
        if wanted(reader.items[i]):
            return reader.items[i]
        i -= 1
    return None


_BACK_REFERENCE_AFTER = re.compile(
    r"\s+(?:" + "|".join(re.escape(w) for w in lexicon.BACK_REFERENCES) + r")(?![\w])"
)


def _item_for(reader: _Reader, anchor: _Anchor, flow: str) -> str | None:
    a = anchor.amount
    if a.unit in (Unit.USD, Unit.TONNE):
        after = phrase_after(reader.text, reader.low, a.end, reader.partner_words)
        if after:
            i = bisect_right(reader.item_starts, a.start)  # after any mention at the same start
            reader.items.insert(i, ItemMention(a.start, a.end, after))
            reader.item_starts.insert(i, a.start)
            reader.item_at[a.start] = reader.items[bisect_left(reader.item_starts, a.start)]
            reader.used_items.add(a.start)
            return after
        if _BACK_REFERENCE_AFTER.match(reader.low, a.end):  # "1,1 tỷ USD mặt hàng này"
            earlier = _last_item(reader, 0, a.start, _names_item)
            if earlier is not None:
                return earlier.item
    s0 = anchor.sentence[0]

    def eligible(pos: int, anchor_pos: int) -> bool:
        if not reader.visible(pos, anchor_pos):
            return False
        if pos >= s0:
            return True
        m = reader.item_at[pos]
        return m.item is None or m.back_reference or pos in reader.used_items

    mention: ItemMention | None = _nearest_left(
        reader.items, reader.item_starts, a.start, 0, eligible
    )
    if mention is None:
        return None
    reader.used_items.add(mention.start)
    if mention.back_reference:
        earlier = _last_item(reader, 0, mention.start, _names_item)
        return earlier.item if earlier else None
    if mention.item is None and not mention.back_reference:
        named = _last_item(reader, anchor.window_start, mention.start, _names_or_refers)
        if named:  # "nhóm hàng này ... là mặt hàng có kim ngạch lớn nhất": still that item
            mention = named
            if mention.back_reference:
                earlier = _last_item(reader, 0, mention.start, _names_item)
                return earlier.item if earlier else None
            return mention.item
    if (
        mention.item is None
        and not mention.back_reference
        and mention.start >= anchor.sentence[0]
        and _EXPLICIT_WHOLE.search(reader.low, mention.start, mention.end)
    ):
        return None  # "Đức là thị trường cung cấp hàng hóa lớn nhất": all goods
    if (
        _partner_led(reader, anchor)
        and _last_item(reader, anchor.sentence[0], a.start, _names_or_refers) is None
    ):
        return reader.topic_at(a.start, flow)  # "The US remained ...": a new subject, same topic
    if (
        mention.item is None
        and not mention.back_reference
        and not mention.partner_follows
        and reader.topic is not None
        and not _EXPLICIT_WHOLE.search(
            reader.low, max(anchor.sentence[0], mention.start - 60), mention.end
        )
    ):
        return reader.topic  # "shipments were worth ..." in an article about seafood
    if mention.item is None and mention.partner_follows:
        # "giá trị xuất khẩu sang EU": the product named earlier in the sentence still holds,
        # else the article's topic (the item of its first figure: None for the whole economy)
        same_sentence = _last_item(reader, anchor.sentence[0], mention.start, _names_item)
        if same_sentence:
            return same_sentence.item
        return reader.topic_at(a.start, flow)
    return mention.item


_TABLE_TOTAL = re.compile(r"^(?:tổng|tổng cộng|cả nước|total|overall)(?![\w])", re.IGNORECASE)
_TABLE_UNITS = {
    "value": Unit.USD,
    "quantity": Unit.TONNE,
    "change_pct": Unit.PERCENT,
    "share_pct": Unit.PERCENT,
}


def _table_facts(reader: _Reader, text: str) -> list[_Resolved]:
    """Cells of text tables, read with their row label and column header."""
    resolved = []
    for cell in read_tables(text, reader.decimal):
        flow_cue: Cue | None = _nearest_left(
            reader.flows, reader.flow_starts, cell.row_start, 0, reader.visible
        )
        if flow_cue is None:
            continue
        col = cell.column
        period = col.period
        if period is None:
            before = _nearest_left(
                reader.periods, reader.period_starts, cell.row_start, 0, lambda p, q: True
            )
            if before is None:
                continue
            period = (before.year, before.start_month, before.end_month)
        if period[0] is None:
            period = (reader.main_year, period[1], period[2])
        partner = partner_of(cell.row_label)
        item = None if partner or _TABLE_TOTAL.match(cell.row_label) else cell.row_label or None
        basis = None
        if col.metric == "change_pct":
            basis = _basis_of_comparison(col.comparison, period) or "yoy"
        amount = Amount(
            cell.start, cell.end, cell.value, _TABLE_UNITS[col.metric], text[cell.start : cell.end]
        )
        anchor = _Anchor(amount, -1, (cell.row_start, cell.row_end), cell.row_start)
        resolved.append(
            _Resolved(
                anchor,
                flow_cue.value,
                flow_cue.scope,
                period,
                None,
                partner,
                item,
                col.metric,
                1,
                basis,
            )
        )
    return resolved


def _partner_led(reader: _Reader, anchor: _Anchor) -> bool:
    """A sentence whose subject is a partner or a sector ("Italy nhập ...", "The US remained ...",
    "Foreign-invested firms shipped ...")."""
    s0 = anchor.sentence[0]
    head = reader.low[s0 : s0 + 40]
    lead = _LEAD.match(head)
    first = s0 + (lead.end() if lead else 0)
    return first in reader.partner_start_set or first in reader.sector_start_set


def _quote(reader: _Reader, anchor: _Anchor) -> tuple[int, int]:
    a = anchor.amount
    start = max(anchor.window_start, anchor.sentence[0], a.start - 90)
    while start < a.start and reader.text[start] in " ,;.:)\n":
        start += 1
    if start > anchor.sentence[0] and start < a.start and reader.text[start - 1].isalnum():
        nxt = reader.text.find(" ", start, a.start)
        start = nxt + 1 if nxt != -1 else start
    return start, a.end


def extract_by_rules(article: Article) -> ArticleResult:
    """Extract the facts of one article without any model."""
    norm = normalise(article.text)
    if looks_masked(norm.text):
        return ArticleResult(
            article=article.name,
            numbers_masked=True,
            source=Source.RULES,
            warnings=[
                "numbers are masked in this article (placeholders, no figures): no facts reported"
            ],
        )
    reader = _Reader(norm.text)
    state = _State()
    resolved: list[_Resolved] = []
    anchors: list[_Anchor] = []
    prev_end: dict[tuple[int, int], int] = {}
    for i, amount in enumerate(reader.amounts):
        sentence = reader.regions.sentence_of(amount.start)
        window_start = prev_end.get(sentence, sentence[0])
        prev_end[sentence] = amount.end
        anchors.append(_Anchor(amount, i, sentence, window_start))

    for anchor in anchors:
        _carry_period(reader, anchor.sentence[0], state)
        _resume_after_aside(reader, anchor.amount.start, state)
        if _skip_reason(reader, anchor):
            continue
        r = _resolve(reader, anchor, state)
        if r is None:
            continue
        if not resolved:
            reader.topic = r.item
        paragraph = reader.paragraph_index(anchor.amount.start)
        reader.paragraph_topic.setdefault(paragraph, r.item)
        if r.flow in ("export", "import"):  # a balance or a total names no product of its own
            reader.flow_topic.setdefault(r.flow, r.item)
        resolved.append(r)
        state.last = r
        state.flow = (r.flow, r.scope)
        _remember_basis(reader, anchor.amount.start, r.period, state)

    _respectively(reader, resolved)
    resolved += _table_facts(reader, norm.text)

    facts: list[Fact] = []
    seen: set[tuple] = set()
    for r in resolved:
        a = r.anchor.amount
        value = a.value * r.sign
        year, first, last = r.period
        q0, q1 = _quote(reader, r.anchor)
        o0, o1 = norm.to_original(q0, q1)
        try:
            # one validation of plain data: the enums, Period and Evidence are built by Fact
            fact = Fact.model_validate(
                {
                    "flow": r.flow,
                    "scope": r.scope,
                    "period": {"year": year, "start_month": first, "end_month": last},
                    "sector": r.sector,
                    "partner": r.partner,
                    "item": r.item,
                    "metric": r.metric,
                    "basis": r.basis,
                    "value": value,
                    "quote": article.text[o0:o1],
                    "qualifier": a.qualifier,
                    "evidence": {"quote": article.text[o0:o1], "start": o0, "end": o1},
                    "source": Source.RULES,
                }
            )
        except ValueError:
            continue
        key = (
            r.flow,
            r.scope,
            r.period,
            r.sector,
            r.partner,
            r.item,
            r.metric,
            r.basis,
            round(value, 6),
        )
        if key in seen:
            continue
        seen.add(key)
        facts.append(fact)
    warnings = [] if facts else ["no trade figures found in this article"]
    return ArticleResult(
        article=article.name,
        numbers_masked=False,
        facts=facts,
        source=Source.RULES,
        warnings=warnings,
    )
