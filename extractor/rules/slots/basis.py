"""The basis of a change: what it is compared with (yoy, prev_period, plan).

The nearest comparison after the number in its sentence, else one before it in its
sentence, else the one a sentence it narrows says ("... đều giảm mạnh so với tháng trước.
Trong đó, ..."), else the last one said in its paragraph, else year-on-year. Levels and
shares have no basis. ``of_comparison`` reads one comparison phrase.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from extractor.rules.context import Ask, Period
from extractor.rules.engine import Rule, Span, rule
from extractor.rules.period_values import EN_MONTHS, quarter_number
from extractor.rules.scan import any_between
from extractor.rules.slots.partner import NARROWING_START
from extractor.rules.vocab import PATTERNS

_P = PATTERNS.of("basis")


CHANGES = ("change_pct", "change_abs")
Hit = tuple[str | None, Span | None] | None


def _by_month(m: re.Match[str], period: Period) -> str:
    month = int(m.group(1))
    year = m.group(2) or m.group(3)
    year_now, first, last = period
    if first == last == month and (year is None or year_now is None or int(year) != year_now):
        return "yoy"
    return "prev_period"


def _by_quarter(m: re.Match[str], period: Period) -> str:
    """ "so với quý IV/2022" for quý IV/2023 is the same quarter a year earlier."""
    _, first, last = period
    named = quarter_number(m.group("q"))
    return "yoy" if named and last - first == 2 and last == 3 * named else "prev_period"


def _by_en_month(m: re.Match[str], phrase: str, period: Period) -> str:
    """ "compared to February 2022" for February 2023 is the same month a year earlier."""
    year = _P.year_after.match(phrase, m.end())
    year_now, first, last = period
    month = EN_MONTHS.get(m.group().lower())
    if year and first == last == month and year_now is not None and int(year.group(1)) != year_now:
        return "yoy"
    return "prev_period"


def _by_month_last_year(m: re.Match[str], period: Period) -> str | None:
    """ "so với tháng 12 năm ngoái", "compared to December last year": the same month a
    year earlier, or, for January, the month before."""
    named = int(m.group("m")) if m.group("m") else EN_MONTHS.get(m.group("en"))
    _, first, last = period
    if named == 12 and first == last == 1:
        return "prev_period"
    return "yoy"


@lru_cache(maxsize=1024)  # (asked again for every number before the phrase in its sentence)
def of_comparison(phrase: str, period: Period) -> str | None:
    """The basis a comparison phrase ("so với cùng kỳ năm trước") gives a change of ``period``."""
    month_last_year = _P.month_last_year.search(phrase)
    if month_last_year:  # "compared to December last year" for January: the month before
        return _by_month_last_year(month_last_year, period)
    for pattern, basis in ((_P.plan, "plan"), (_P.yoy, "yoy"), (_P.prev, "prev_period")):
        if pattern.search(phrase):
            return basis
    m = _P.basis_month.search(phrase)
    if m:
        return _by_month(m, period)
    q = _P.basis_quarter.search(phrase)
    if q:
        return _by_quarter(q, period)
    en = _P.basis_en_month.search(phrase)
    if en:
        return _by_en_month(en, phrase, period)
    if _P.basis_vi_month_word.search(phrase):
        return "prev_period"
    if _P.basis_year.search(phrase):
        return "yoy"
    return None


@rule("a level or share has no basis")
def _not_a_change(q: Ask) -> Hit:
    return (None, None) if q.metric not in CHANGES else None


ADVERB_REACH = 60  # characters from "a month-on-month increase of" to its number


@rule(
    "a comparison adverb before the change noun it leads ('a month-on-month increase of 5%')",
    needs=(_P.adverb_before,),
)
def _adverb_before(q: Ask) -> Hit:
    lo = max(q.anchor.sentence[0], q.start - ADVERB_REACH)
    m = q.doc.search(_P.adverb_before, lo, q.start)
    basis = of_comparison(m.group("b"), q.period) if m else None
    return (basis, m.span("b")) if m and basis else None


@rule("the comparison after it in its sentence")
def _after(q: Ask) -> Hit:
    """(Not past a ';' when its clause opens with a comparison of its own.)"""
    doc, s1 = q.doc, q.anchor.sentence[1]
    semicolon = doc.low.find(";", q.end, s1)
    if semicolon >= 0 and (_comparison_before(q) is not None or _aside_after(q, semicolon, s1)):
        # "So với tháng 6/2020 ... tăng hơn 36% về trị giá; ... so với tháng 5/2021", "giảm
        # 8,8%; riêng tháng 6/2021 tăng 7,4% so với tháng 5": the later clause's own comparison
        s1 = semicolon
    comparisons = doc.regions.comparisons[_between(doc.comparison_starts, q.end, s1)]
    bases = doc.standalone_bases[_between(doc.standalone_base_starts, q.end, s1)]
    ahead = sorted(
        [(start, end, None) for start, end in comparisons]
        + [(c.start, c.end, c.value) for c in bases]
    )
    for start, end, standalone in ahead:
        basis = standalone or of_comparison(doc.low[start:end], q.period)
        if basis == "plan" and any_between(doc.percent_starts, q.end, start):
            continue  # "so với kế hoạch" binds only the change right before it
        if basis:
            return (basis, (start, end))
    return None


def _aside_after(q: Ask, lo: int, hi: int) -> bool:
    """A month said alone ("riêng tháng 6/2021") between ``lo`` and ``hi``."""
    periods = q.doc.periods[_between(q.doc.period_starts, lo, hi)]
    return any(p.aside for p in periods)


@rule("a comparison before it in its sentence ('So với cùng kỳ năm trước, X tăng 20,2%')")
def _before(q: Ask) -> Hit:
    return _comparison_before(q)


def _comparison_before(q: Ask) -> Hit:
    s0, comparisons = q.anchor.sentence[0], q.doc.regions.comparisons
    # from the last comparison starting by the number back to the sentence's start
    for i in range(bisect_right(q.doc.comparison_starts, q.start) - 1, -1, -1):
        start, end = comparisons[i]
        if start < s0:
            break
        if end <= q.start:
            basis = of_comparison(q.doc.low[start:end], q.period)
            if basis == "prev_period" and _months_to_the_month_before(q, start, end):
                continue  # "... 8 tháng lên 19,42 tỷ USD, tăng 14,9%" after "so với tháng trước"
            if basis:
                return (basis, (start, end))
    return None


def _months_to_the_month_before(q: Ask, start: int, end: int) -> bool:
    """A figure of several months and a comparison with the month before: said of another
    figure, the month's before it."""
    _, first, last = q.period
    return first != last and q.doc.search(_P.previous_month, start, end) is not None


def _between(starts: list[int], lo: int, hi: int) -> slice:
    """The slice of a list sorted by ``starts`` whose items start in ``[lo, hi)``."""
    return slice(bisect_left(starts, lo), bisect_left(starts, hi))


@rule(
    "a sentence that narrows the one before ('Trong đó, giày dép giảm 40,6%'): the comparison"
    " that sentence says with no figure ('các mặt hàng đều giảm mạnh so với tháng trước'), or"
    " with figures when it ends the paragraph before ('... giảm 6,6% so với tháng 3/2020')"
)
def _narrowed(q: Ask) -> Hit:
    doc, s0 = q.doc, q.anchor.sentence[0]
    if s0 == 0 or not NARROWING_START.match(doc.low, s0):
        return None
    p0 = doc.regions.sentence_of(s0 - 1)[0]
    same_paragraph = doc.paragraph_index(p0) == doc.paragraph_index(s0)
    if same_paragraph and any_between(doc.amount_starts, p0, s0):
        return None  # (a figure before in its paragraph: its comparison is the paragraph's)
    for start, end in reversed(doc.regions.comparisons[_between(doc.comparison_starts, p0, s0)]):
        basis = of_comparison(doc.low[start:end], q.period)
        if basis:
            return (basis, (start, end))
    return None


@rule("the last comparison said in its paragraph, of a figure of the same period")
def _paragraph(q: Ask) -> Hit:
    ctx = q.ctx
    if ctx.basis and ctx.basis_paragraph == q.doc.paragraph_index(q.start):
        # "riêng tháng 3 ... tăng 44,7% so với tháng 2. ... Trung Quốc [quý I] ..., tăng 6%":
        # a month's comparison says nothing of the quarter's figures after it
        return (ctx.basis, None) if ctx.basis_period == q.period else None
    return None


@rule(
    "a month's figure with no comparison, in the paragraph after one with the month before: that"
    " comparison ('... in January, slightly increasing by 0.5% against the previous month.' then"
    " 'The FDI sector ..., an increase of 4.8%')"
)
def _month_paragraph_before(q: Ask) -> Hit:
    ctx, period = q.ctx, q.period
    if ctx.basis != "prev_period" or period is None or period[1] != period[2]:
        return None
    here = q.doc.paragraph_index(q.start)
    return (
        ("prev_period", None)
        if ctx.basis_paragraph == here - 1 and ctx.basis_period == period
        else None
    )


@rule("year-on-year when no comparison is said")
def _default(q: Ask) -> Hit:
    return ("yoy", None)


TABLE: tuple[Rule, ...] = (
    _not_a_change,
    _adverb_before,
    _after,
    _before,
    _narrowed,
    _paragraph,
    _month_paragraph_before,
    _default,
)
