"""The read-only view of one article that every slot rule reads.

Everything the rules look up is found once, up front: the normalised text and its
offset-preserving lower case, regions (sentences, paragraphs, parentheses,
comparisons), the numbers (*anchors*), and the mentions of flows, partners, sectors,
items, periods and metric words, each sorted by start for lookups by bisection.
Nothing here changes while the numbers are read; what carries from number to number
is the ``Context``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TypeVar

from extractor.numbers import Amount, Unit, detect_decimal, find_amounts
from extractor.rules import lexicon
from extractor.rules.cues import (
    Cue,
    flow_cues,
    named_last,
    partner_cues,
    partner_side_carried,
    simple_cues,
    with_back_references,
)
from extractor.rules.items import ItemMention, item_mentions
from extractor.rules.partners import (
    appositives,
    china_with_hong_kong,
    headline_partner,
    not_in_ranking,
    without_group_frames,
)
from extractor.rules.periods import WHOLE_YEAR_RULES, PeriodMention, find_periods
from extractor.rules.regions import Mask, Regions, find_regions
from extractor.rules.scan import (
    Intervals,
    SpanIndex,
    any_between,
    finditer_at,
    finditer_present,
    may_occur,
    needed,
    occurrences,
)
from extractor.rules.vocab import PATTERNS, VOCAB
from extractor.rules.words import Spans, find_words
from extractor.rules.years import infer_main_year, of_a_plan, reached_by, with_years_back

_P = PATTERNS.of("document")
_FROM_LEVEL = PATTERNS.of("metric").share_from_before  # "từ mức", "from": a level changed from
CROP_YEAR = _P.crop_year

ANCHOR_UNITS = {Unit.USD, Unit.PERCENT, Unit.TONNE}
_PERCENT = Unit.PERCENT  # (a global is read faster than an enum's member)

# Every PRICE_TOPIC match (slots/notfact.py) holds one of these: without one the search
# can be skipped.
PRICE_WORDS = VOCAB.words("precheck.price")
# Every TARGET_BEFORE match (slots/notfact.py) holds one of these.
TARGET_WORDS = VOCAB.words("precheck.target")

# Words of partner and sector names: a phrase of only these names no item.
PARTNER_WORDS = frozenset(
    w
    for name in lexicon.PARTNERS
    if name not in lexicon.PARTNER_PHRASES
    for w in re.findall(r"\w+", name)
) | frozenset(
    w for words in lexicon.SECTOR_CUES.values() for p in words for w in re.findall(r"\w+", p)
)

# "chỉ xếp sau máy vi tính, ...": the item ranked ahead is not the subject
_RANKED_WORDS = VOCAB.words("item.ranked")


@dataclass(slots=True)
class Anchor:
    """One number the rules read: its amount, sentence and own clause."""

    amount: Amount
    index: int
    sentence: tuple[int, int]
    window_start: int  # where this number's own clause starts (end of the previous number)


_Y_SPELLING = VOCAB.mapping("spelling.y_for_i")  # "quí" is read as "quý" (same length)


def lower(text: str) -> str:
    """Lower case that keeps every offset (a few characters lower to two), with the
    i-spelling of a few syllables read as their y-spelling."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if any(word in low for word in _Y_SPELLING):  # (every match is one of them)
        low = _P.i_for_y.sub(lambda m: _Y_SPELLING[m.group(1)], low)
    return low


_T = TypeVar("_T")


def nearest_left(
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


def _item_lead(low: str, flow: Cue) -> tuple[int, int, bool]:
    """Where the item phrase after a flow cue begins, and whether it names an item: a
    balance names one only as "thặng dư thương mại của ngành dệt may"."""
    if flow.value != "balance":
        m = _P.acronym_after.match(low, flow.end)
        return (flow.start, m.end() if m else flow.end, True)
    m = _P.balance_of.match(low, flow.end)
    return (flow.start, m.end(), True) if m else (flow.start, flow.end, False)


def _this_year_named(low: str, periods: list[PeriodMention]) -> list[PeriodMention]:
    """ "Sang năm 2017, cụ thể là 7 tháng đầu năm nay": "this year" restating the year named
    right before it is that year."""
    out = list(periods)
    for i in range(1, len(out)):
        p, before = out[i], out[i - 1]
        if (
            p.year is None
            and before.year is not None
            and before.rule in WHOLE_YEAR_RULES
            and _P.this_year.search(low, p.start, p.end)
            and _P.restating.fullmatch(low, before.end, p.start)
        ):
            out[i] = replace(p, year=before.year)
    return out


class Document:
    """Everything found in one article, and the questions the slot rules ask of it."""

    flows: list[Cue]
    balance_signs: list[Cue]

    def __init__(self, text: str) -> None:
        self.text = text
        self._length = len(text)
        self.low = lower(text)
        self._needed: dict[int, tuple[list[int], ...]] = {}  # ``may_match`` words, by pattern
        self._occurs: dict[int, bool] = {}  # ``may_occur`` by pattern id
        self.regions: Regions = find_regions(text, self.low)
        self.decimal = detect_decimal(text)
        self.amounts = find_amounts(text, decimal=self.decimal, units=ANCHOR_UNITS, low=self.low)
        share_objects = self._share_objects()
        self.quiet = Mask(
            len(text),
            self.regions.comparisons + self.regions.counts + self.regions.sources + share_objects,
        )
        self.in_comparison = Mask(len(text), self.regions.comparisons)
        self.in_count = Mask(len(text), self.regions.counts)
        words = find_words(self.low)  # every word list in one pass
        self._find_partners(words)
        self._find_flows(words, share_objects)
        self._find_simple(words, share_objects)
        # "The RoK's exports to Viet Nam ..., and imports hit ...": the partner's side carried
        self.flows, self.balance_signs = partner_side_carried(
            self.low, self.flows, self.balance_signs
        )
        self._find_periods()
        # Where the words of the skip patterns stand: a window without one needs no search.
        # A number starts after a non-word character, so no word ends right at its start and
        # each FORECAST / LOCAL / CONTINENT match before a number lies in or overlaps one of
        # these spans.
        self.forecast_words = SpanIndex(words["forecast"])
        self.local_words = SpanIndex(words["local"])
        self.continent_words = SpanIndex(words["continent"])
        self.price_words = occurrences(self.low, PRICE_WORDS)
        self.target_words = occurrences(self.low, TARGET_WORDS)
        self.crop_years = [m.start() for m in finditer_present(CROP_YEAR, self.low)]
        self.partner_words = PARTNER_WORDS
        self._paragraph_starts = [a for a, _ in self.regions.paragraphs]
        self.items: tuple[ItemMention, ...] = self._find_items(words)
        self.flow_starts = [c.start for c in self.flows]
        self.flow_at = {c.start: c for c in self.flows}
        self.sector_starts = [c.start for c in self.sectors]
        self.partner_starts = [c.start for c in self.partners]
        self.balance_sign_starts = [c.start for c in self.balance_signs]
        self.partner_start_set = set(self.partner_starts)
        self.sector_start_set = set(self.sector_starts)
        self._index()
        self.anchors = self._anchors()

    # -- what is found ---------------------------------------------------------------

    def _find_partners(self, words: Spans) -> None:
        # a currency is no partner: "tỉ đô la Mỹ", "$US 12.6 billion" name the unit
        in_amount = Mask(len(self.text), tuple((a.start, a.end) for a in self.amounts))
        found = [c for c in partner_cues(self.text, self.low, words) if c.start not in in_amount]
        # "from the European nation": a name within a back reference is not the partner
        backs = words["back:partner"]
        said = [
            c for c in found if not (backs and any(a <= c.start and c.end <= b for a, b in backs))
        ]
        # partners inside what a share is of ("chiếm 46% tổng ... sang Mỹ"): by position
        self.quiet_partner_at = {c.start: c for c in found if c.start in self.quiet}
        named = not_in_ranking(self.low, [c for c in said if c.start not in self.quiet])
        # "... với tỷ trọng đạt trên 70% là Kuwait. ... nhập khẩu từ thị trường này": a name in
        # what a share is of may still be referred back to
        referred = with_back_references(
            self.low, named, backs, "partner", not_in_ranking(self.low, said)
        )
        partners = china_with_hong_kong(self.low, named, referred)
        self.appositives = appositives(self.low, partners)
        self.in_appositive = Intervals(self.appositives)
        partners = [c for c in partners if c.start not in self.in_appositive]
        self.partners = without_group_frames(self.low, self.regions, partners)
        first_figure = self.amounts[0].start if self.amounts else None
        quiet = list(self.quiet_partner_at.values())
        self.article_partner = headline_partner(
            self.text, self.low, self.partners, first_figure, quiet
        )

    def _find_flows(self, words: Spans, share_objects: tuple[tuple[int, int], ...]) -> None:
        all_flows = flow_cues(self.low, self.partners, words)
        # "36 mặt hàng đạt kim ngạch xuất khẩu trên 1 tỷ USD" counts items, but its flow word
        # still says what the figures after it are
        # "nhập khẩu nguyên liệu phục vụ sản xuất hàng xuất khẩu", "imports serving production
        # for exports": the export is what the imports are for, not the figures' flow
        purposes = tuple(m.span() for m in finditer_present(_P.production_for_export, self.low))
        flow_quiet = Mask(
            len(self.text),
            self.regions.comparisons + self.regions.sources + share_objects + purposes,
        )
        self.flows = [c for c in all_flows if c.start not in flow_quiet]
        self.label_parens = {
            paren
            for c in self.flows
            if (paren := self.regions.paren_of(c.start)) is not None
            and _P.label.fullmatch(self.low, paren[0], paren[1])
        }
        self.object_flows = [c for c in all_flows if c.start in flow_quiet]

    def _find_simple(self, words: Spans, share_objects: tuple[tuple[int, int], ...]) -> None:
        simple = simple_cues(self.low, words)
        # Sectors are quiet where ``self.quiet`` is, but for counts: a sector in a count is that
        # of the list the count leads ("5 nhóm hàng xuất khẩu của doanh nghiệp FDI đạt ... trở
        # lên gồm: điện thoại ..."). The quiet ones are kept by position ("so với mức tăng 4,2%
        # của khu vực FDI": a sector in a comparison).
        r = self.regions
        sector_quiet = Mask(self._length, r.comparisons + r.sources + share_objects)
        self.quiet_sectors = [c for c in simple if c.kind == "sector" and c.start in sector_quiet]
        self.sectors = with_back_references(
            self.low,
            [c for c in simple if c.kind == "sector" and c.start not in sector_quiet],
            words["back:sector"],
            "sector",
        )
        self.partners, self.sectors = (
            named_last(self.low, self.partners, self.sectors),
            named_last(self.low, self.sectors, self.partners),
        )
        changes = [c for c in simple if c.kind == "change" and c.start not in self.in_comparison]
        self.shares = [c for c in simple if c.kind == "share"]
        self.balance_signs = [c for c in simple if c.kind == "balance_sign"]
        in_other_word = Intervals((o.start, o.end) for o in self.shares + self.balance_signs)
        longest: dict[int, Cue] = {}  # "tăng trưởng âm" over "tăng trưởng" at its start
        for c in changes:
            if c.start not in longest or c.end > longest[c.start].end:
                longest[c.start] = c
        self.changes = [  # "up" inside "making up", "hụt" inside "thâm hụt": no change
            c for c in changes if c.start not in in_other_word and longest[c.start] is c
        ]
        self.abs_cues = [c for c in simple if c.kind == "abs"]
        self.standalone_bases = [
            c for c in simple if c.kind == "basis" and c.start not in self.in_comparison
        ]
        # change and share words in one list by start (changes first on a tie)
        self.metric_cues = sorted(self.changes + self.shares, key=lambda c: c.start)
        self.metric_cue_starts = [c.start for c in self.metric_cues]

    def _find_periods(self) -> None:
        # reported speech: its period sets nothing, unless the quote states figures itself
        # ('"Nửa đầu tháng 4, xuất khẩu ... đạt 13,23 tỷ USD"'): then they are of that period
        # and it holds for its own sentence only (an aside)
        self.amount_starts = starts = [a.start for a in self.amounts]
        with_figures = [q for q in self.regions.quotes if any_between(starts, q[0], q[1])]
        quiet_quotes = tuple(q for q in self.regions.quotes if q not in with_figures)
        no_period = Intervals(self.regions.comparisons + quiet_quotes)
        # in a source, only the period of the data it gives ("Theo số liệu 8 tháng của ...")
        sources = Intervals(self.regions.sources)
        quoted = Intervals(with_figures)
        self.periods = [
            replace(p, aside=True) if p.start in quoted else p
            for p in find_periods(self.low)
            if p.start not in no_period
            and (p.start not in sources or _P.data_of.search(self.low, p.start - 16, p.start))
            and not self._date_of_an_event(p)
        ]
        self.main_year = infer_main_year(self.low, self.periods)
        self.periods = _this_year_named(
            self.low, with_years_back(self.low, self.periods, self.main_year)
        )
        if self.main_year is not None:  # "... và đến năm 2020 đạt 10 tỷ USD": a goal's year
            self.periods = [p for p in self.periods if not self._to_come(p, self.main_year)]
        for p in self.periods:  # "(cập nhật hết tháng 7)", "(11 tháng)": a note that dates
            paren = self.regions.paren_of(p.start)  # its sentence
            if (
                paren is not None
                and (_P.update_note.match(self.low, paren[0]) or self._undated_label(p, paren))
                and not any_between(starts, paren[0], paren[1])
            ):
                self.label_parens.add(paren)
        self.period_at = {p.start: p for p in self.periods}
        self.period_starts = [p.start for p in self.periods]
        # "tăng lên 65% từ 61% của cùng kỳ năm 2016": a period joined by "của" to the figure
        # right before it dates that figure alone, not the ones after it
        self.figure_own_periods = {p.start for p in self.periods if self._of_figure_before(p)}

    def _of_figure_before(self, p: PeriodMention) -> bool:
        i = bisect_left(self.amount_starts, p.start) - 1
        if i < 0:
            return False
        a, low = self.amounts[i], self.low
        if _P.own_period_link.fullmatch(low, a.end, p.start):
            return True
        return bool(
            _P.own_period_gap.fullmatch(low, a.end, p.start)
            and _FROM_LEVEL.search(low[max(0, a.start - 12) : a.start])
        )

    def _date_of_an_event(self, p: PeriodMention) -> bool:
        """ "the UKVFTA, which took effect in August 2020", "EVFTA có hiệu lực từ tháng
        8/2020": the date an agreement took effect dates no figure."""
        return _P.event_date_before.search(self.low, max(0, p.start - 40), p.start) is not None

    def _undated_label(self, p: PeriodMention, paren: tuple[int, int]) -> bool:
        """ "ở chiều xuất khẩu (11 tháng) đạt ...": brackets holding only a period of the
        article's year label what stands around them ("(năm 2000)" is a reference)."""
        inside = self.low[paren[0] + 1 : p.start] + self.low[p.end : paren[1] - 1]
        return p.year is None and not p.years_back and not inside.strip()

    def _find_items(self, words: Spans) -> tuple[ItemMention, ...]:
        ranked = Intervals(
            m.span(1)
            for m in finditer_at(_P.ranked_after, self.low, occurrences(self.low, _RANKED_WORDS))
        )
        qualifiers = Intervals(words["item:qualifier"])  # "including crude oil": of a sector
        return tuple(
            m
            for m in item_mentions(
                self.text,
                self.low,
                [_item_lead(self.low, c) for c in self.flows],
                PARTNER_WORDS,
                words,
                self.quiet,
            )
            if m.start not in self.quiet
            and not self.in_appositive.overlap(m.start, max(m.end, m.start + 1))
            and m.start not in ranked
            and m.start not in qualifiers
            and not (m.item is None and not m.back_reference and self.regions.paren_of(m.start))
        )

    def _index(self) -> None:
        """Sorted starts (and lookups) of what the resolver asks about by position, so each
        question is a bisection rather than a scan of the whole article."""
        self.percent_starts = [a.start for a in self.amounts if a.unit is _PERCENT]
        self.non_percent_starts = [a.start for a in self.amounts if a.unit is not _PERCENT]
        self.comparison_starts = [a for a, _ in self.regions.comparisons]
        self.comparison_ends = [b for _, b in self.regions.comparisons]  # sorted: disjoint
        self.standalone_base_starts = [c.start for c in self.standalone_bases]
        self.previous_year_starts = [p.start for p in self.periods if p.previous_year]
        self.object_flow_starts = [c.start for c in self.object_flows]
        self.partner_at: dict[int, Cue] = {}  # the first partner cue at each start
        for c in self.partners:
            self.partner_at.setdefault(c.start, c)

    def _anchors(self) -> list[Anchor]:
        anchors = []
        prev_end: dict[tuple[int, int], int] = {}
        for i, amount in enumerate(self.amounts):
            sentence = self.regions.sentence_of(amount.start)
            window_start = prev_end.get(sentence, sentence[0])
            prev_end[sentence] = amount.end
            anchors.append(Anchor(amount, i, sentence, window_start))
        return anchors

    def _share_objects(self) -> tuple[tuple[int, int], ...]:
        """After "chiếm 18,2%": "tỷ trọng xuất khẩu" says what the share is of."""
        spans = []
        for a in self.amounts:
            if a.unit is not _PERCENT:
                continue
            before = self.low[max(0, a.start - 40) : a.start]
            if _P.share_before.search(before):
                m = _P.share_object_end.search(self.low, a.end)
                spans.append((a.end, m.start() if m else len(self.low)))
        return tuple(spans)

    # -- questions -------------------------------------------------------------------

    @cached_property
    def heading_paragraphs(self) -> list[int]:
        """The paragraphs that are headings (asked only when an aside runs to the next one)."""
        return [
            i
            for i, (p0, p1) in enumerate(self.regions.paragraphs)
            if _P.heading.fullmatch(self.text, p0, p1) is not None
        ]

    def may_match(self, pattern: re.Pattern[str], lo: int, hi: int) -> bool:
        """False when no match of ``pattern`` can lie in ``low[lo:hi]``: of some words every
        match holds one, and none starts there (``vocab.needs``). A test before a search."""
        where = self._needed.get(id(pattern))
        if where is None:  # where each set's words start, per pattern
            where = self._needed[id(pattern)] = tuple(
                occurrences(self.low, words) for words in needed(pattern).literals
            )
        for starts in where:
            i = bisect_left(starts, lo)  # ``any_between``, inlined
            if i == len(starts) or starts[i] >= hi:
                return False
        return True

    def may_occur(self, pattern: re.Pattern[str]) -> bool:
        """``may_match`` over the whole text, without finding where the words stand."""
        found = self._occurs.get(id(pattern))
        if found is None:
            found = self._occurs[id(pattern)] = may_occur(pattern, self.low)
        return found

    def search(self, pattern: re.Pattern[str], lo: int, hi: int) -> re.Match[str] | None:
        """``pattern.search(low, lo, hi)``, not run where none of the words every match
        holds stands (for searches over a clause or a sentence, not a few characters)."""
        where = self._needed.get(id(pattern))  # ``may_match``, inlined (a call per search)
        if where is None:
            return pattern.search(self.low, lo, hi) if self.may_match(pattern, lo, hi) else None
        for starts in where:
            i = bisect_left(starts, lo)
            if i == len(starts) or starts[i] >= hi:
                return None
        return pattern.search(self.low, lo, hi)

    def whole_subject(self, anchor: Anchor) -> bool:
        """The number's clause names the whole country or the world ("cả nước", "toàn cầu")."""
        return bool(self.search(_P.whole_country, anchor.window_start, anchor.amount.start))

    def amounts_in(self, lo: int, hi: int) -> Sequence[Amount]:
        """The amounts written in ``[lo, hi)``."""
        return self.amounts[
            bisect_left(self.amount_starts, lo) : bisect_left(self.amount_starts, hi)
        ]

    def sentence_has_figures(self, pos: int) -> bool:
        """False for a heading such as "5. Riêng tháng 11/2023": it governs the lines below."""
        return any_between(self.amount_starts, *self.regions.sentence_of(pos))

    def _to_come(self, p: PeriodMention, now: int) -> bool:
        """A year after the article's, reached "by" it or named by a plan: what a target or a
        plan is for."""
        return (
            p.year is not None
            and p.year > now
            and (
                _P.until_before.search(self.low, max(0, p.start - 8), p.start) is not None
                or of_a_plan(self.low, p.start)
            )
            and not reached_by(self.low, p.end)
        )

    def visible(self, mention_pos: int, anchor_pos: int) -> bool:
        """A mention inside parentheses reaches only numbers in the same parentheses,
        unless the parentheses only label what stands before them ("Xăng dầu (nhập khẩu):")."""
        regions = self.regions  # (``paren_of``, inlined: asked for every mention looked at)
        i = regions.innermost_paren[mention_pos] if 0 <= mention_pos < self._length else -1
        if i < 0:
            return True
        paren = regions.parens[i]
        return paren[0] <= anchor_pos < paren[1] or paren in self.label_parens

    def paragraph_index(self, pos: int) -> int:
        return max(bisect_right(self._paragraph_starts, pos) - 1, 0)

    def period_mention(self, pos: int) -> PeriodMention:
        return self.period_at[pos]
