"""Figures quoted as the level a change is compared with, and the sign of a balance.

"(so với) mức 26,3 tỷ USD của năm 2023" is that year's value: these rules decide the
period and metric again after the other slots. A surplus or deficit takes its sign
from the balance word nearest to it.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from extractor.numbers import Unit
from extractor.rules.context import Ask, Period
from extractor.rules.document import nearest_left
from extractor.rules.engine import Rule, Span, rule
from extractor.rules.period_values import EN_MONTHS, quarter_number
from extractor.rules.periods import PeriodMention, find_periods
from extractor.rules.vocab import PATTERNS

_P = PATTERNS.of("level")


_LEVELS = {Unit.USD: "value", Unit.TONNE: "quantity"}  # a level's metric, by its unit
LevelHit = tuple[tuple[Period, str], Span | None] | None
SignHit = tuple[int, Span | None] | None


def _earlier_period(m: re.Match[str], period: Period, in_force: Period | None) -> Period:
    """``period`` is the number's as decided; "the same period of 2019" keeps the months in
    force where the year written after the number made the decided period that whole year."""
    assert period[0] is not None
    q = quarter_number(m.group("q") or "")
    if q is not None:  # "mức xuất siêu 3,92 tỷ USD của quý II", "... của quý III/2024"
        year = int(m.group("y3")) if m.group("y3") else period[0] - bool(m.group("last"))
        return (year, 3 * q - 2, 3 * q)
    month = EN_MONTHS[m.group("mname")] if m.group("mname") else int(m.group("mo") or 0)
    if 1 <= month <= 12:  # "so với mức 3,94 tỷ USD của tháng 2/2024", "... in February"
        # (a month after the figure's own is of the year before: "in January ... in December")
        year = int(m.group("y5")) if m.group("y5") else period[0] - (month > period[2])
        return (year, month, month)
    written = m.group("y") or m.group("y2") or m.group("y4")
    year = int(written) if written else period[0] - 1
    if not written and in_force is not None and in_force[0] is not None and period[0] < in_force[0]:
        year = period[0]  # ("from 47.5 percent last year": the words dated it a year back already)
    if m.group("whole"):  # "higher than the US$668.54 billion of the whole 2021"
        return (year, 1, 12)
    same = bool(m.group("same") or m.group("same_of")) and period[0] == year
    months = in_force if same and in_force is not None and in_force[0] is not None else period
    return (year, months[1], months[2])


def _in_force(q: Ask) -> Period | None:
    """The period of the figure a level is compared with: the last number's in its sentence,
    else the period carried into it."""
    last = q.ctx.last
    if last is not None and last.anchor.sentence == q.anchor.sentence:
        return last.period
    return q.ctx.period


@rule(
    "the level a change is compared with ('so với mức 26,3 tỷ USD của năm 2023')",
    units=(Unit.USD, Unit.TONNE, Unit.PERCENT),
)
def _earlier_level(q: Ask) -> LevelHit:
    """An amount, a share after a share ("took 33.2% ..., up from 29.7% a year earlier"), or a
    change compared with the change of a year before ("compared with the 3.1% rise posted
    during the same period in 2013")."""
    a, last = q.anchor.amount, q.ctx.last
    after_share = (
        last is not None
        and last.anchor.sentence == q.anchor.sentence
        and last.metric == "share_pct"
    )
    metric = "share_pct" if after_share else q.metric
    if q.period[0] is None or not (
        a.unit in _LEVELS or (a.unit is Unit.PERCENT and metric in ("share_pct", "change_pct"))
    ):
        return None
    m = _P.level_after.match(q.doc.low, a.end)  # (first: it fails at once, mostly)
    if m is None or not q.doc.search(_P.level_before, max(0, a.start - 45), a.start):
        return None
    return (
        (_earlier_period(m, q.period, _in_force(q)), _LEVELS.get(a.unit, metric)),
        m.span(),
    )


@rule(
    "last year's level in parentheses ('so với cùng kỳ năm ngoái (2,35 tỷ USD)')", units=(Unit.USD,)
)
def _last_year_in_parens(q: Ask) -> LevelHit:
    a, period = q.anchor.amount, q.period
    if period[0] is None or a.unit is not Unit.USD:
        return None
    m = q.doc.search(_P.paren_last_year_before, max(0, a.start - 40), a.start)
    if m is None:
        return None
    year = int(m.group("y")) if m.group("y") else period[0] - 1  # "cùng kỳ năm 2023 (872 ...)"
    return (((year, period[1], period[2]), "value"), m.span())


def compared_period_in_parens(q: Ask) -> PeriodMention | None:
    """The dated period a comparison names right before the parentheses the number stands
    in ("so với tháng 12/2023 (1,13 tỷ USD)", "so với năm 2014 (6,3 triệu tấn)"); looked up
    once per number (the no-fact table asks first, then this table)."""
    if "compared_period" not in q.memo:
        q.memo["compared_period"] = _compared_period_in_parens(q)
    found: PeriodMention | None = q.memo["compared_period"]
    return found


def _compared_period_in_parens(q: Ask) -> PeriodMention | None:
    doc = q.doc
    paren = doc.regions.paren_of(q.start)
    if paren is None or not _P.paren_opening.fullmatch(doc.low, paren[0], q.start):
        return None
    i = bisect_left(doc.comparison_ends, paren[0] - 2)
    if i >= len(doc.comparison_ends) or doc.comparison_ends[i] > paren[0] + 1:
        return None
    start, end = doc.regions.comparisons[i]
    named = _P.comparison_word.sub("", doc.low[start:end], count=1)  # (a period after the word
    dated = [p for p in find_periods(named) if p.year is not None]  # "so với" is no period)
    return dated[-1] if dated else None


def _level_metric(q: Ask) -> str:
    """A level in dollars is a value, in tonnes a quantity."""
    return "value" if q.anchor.amount.unit is Unit.USD else "quantity"


@rule(
    "the level of the dated period a change is compared with, in parentheses ('so với tháng"
    " 12/2023 (1,13 tỷ USD)', 'so với năm 2014 (6,3 triệu tấn)')",
    units=(Unit.USD, Unit.TONNE),
)
def _compared_period_level(q: Ask) -> LevelHit:
    p = compared_period_in_parens(q)  # (the rule's units: a number in USD or tonnes)
    if p is None or p.year is None:
        return None
    span = (p.start_month, p.end_month)
    if not p.start_month:  # "versus ... the same periods of 2022 ($17.9 billion)": the months
        last = q.ctx.last  # of the figure compared, in that year
        if last is None or not last.period[1]:
            return None
        span = last.period[1:]
    return (((p.year, *span), _level_metric(q)), None)


@rule(
    "the level of a year listed after another level in parentheses ('the same periods of 2022"
    " ($17.9 billion), 2021 ($12 billion)'): that year, over the months of the one before",
    units=(Unit.USD, Unit.TONNE),
)
def _listed_year_level(q: Ask) -> LevelHit:
    doc, last = q.doc, q.ctx.last
    paren = doc.regions.paren_of(q.start)
    if paren is None or last is None or last.period[0] is None or not last.period[1]:
        return None
    before = doc.regions.paren_of(last.anchor.amount.start)
    if before is None or not _P.paren_opening.fullmatch(doc.low, paren[0], q.start):
        return None
    m = _P.listed_year.fullmatch(doc.low, before[1], paren[0])
    if m is None:
        return None
    return (((int(m.group("y")), last.period[1], last.period[2]), _level_metric(q)), m.span("y"))


LEVEL: tuple[Rule, ...] = (
    _earlier_level,
    _last_year_in_parens,
    _compared_period_level,
    _listed_year_level,
)


@rule(
    "a balance takes the sign of the surplus or deficit word it qualifies ('$13.8 billion surplus')"
)
def _sign_right_after(q: Ask) -> SignHit:
    doc = q.doc
    i = bisect_left(doc.balance_sign_starts, q.end)
    cue = doc.balance_signs[i] if i < len(doc.balance_signs) else None
    if cue is None or not _P.sign_word_gap.fullmatch(doc.low, q.end, cue.start):
        return None
    return (-1 if cue.value == "-" else 1, (cue.start, cue.end))


@rule("a balance takes the sign of the surplus or deficit word before it")
def _sign_before(q: Ask) -> SignHit:
    doc = q.doc
    cue = nearest_left(
        doc.balance_signs, doc.balance_sign_starts, q.start, q.anchor.sentence[0], doc.visible
    )
    return (-1 if cue.value == "-" else 1, (cue.start, cue.end)) if cue is not None else None


@rule("a balance takes the sign of the surplus or deficit word right after it")
def _sign_after(q: Ask) -> SignHit:
    doc = q.doc
    i = bisect_left(doc.balance_sign_starts, q.end)
    cue = doc.balance_signs[i] if i < len(doc.balance_signs) else None
    if cue is not None and cue.start >= q.end + 25:
        cue = None
    return (-1 if cue.value == "-" else 1, (cue.start, cue.end)) if cue is not None else None


@rule("a balance without a sign word is a surplus")
def _sign_default(q: Ask) -> SignHit:
    return (1, None)


BALANCE_SIGN: tuple[Rule, ...] = (_sign_right_after, _sign_before, _sign_after, _sign_default)
