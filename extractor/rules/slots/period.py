"""The period of a number: (year, first month, last month).

A period written in the number's sentence wins (the nearest before it, or the one
right after it in its clause); otherwise what is in force: "trong quý" / "trong tháng"
name the quarter or month in force, and a figure compared with the month before the
last month of a cumulative period is that month's; with none in force, a span compared
with ("so với 5 tháng đầu năm 2017") is the figure's, a year on. A part of a month ("kỳ 2
tháng 8") is no period a fact can hold: the number is no fact (value ``None``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from extractor.rules.context import Ask, Period, Resolved
from extractor.rules.document import Document, nearest_left
from extractor.rules.engine import Rule, Span, rule
from extractor.rules.period_values import EN_MONTHS, year_of
from extractor.rules.periods import WHOLE_YEAR_RULES, PeriodMention, find_periods
from extractor.rules.scan import any_between
from extractor.rules.slots.notfact import FORECAST, past_year_beside
from extractor.rules.slots.partner import NARROWING_START
from extractor.rules.vocab import PATTERNS

_P = PATTERNS.of("period")
# "Trong tháng 10, ... qua đó nâng tổng ... lên 194,82 tỷ USD", "bringing the total to"
RUNNING_TOTAL = PATTERNS.of("item").running_total


Hit = tuple[Period | None, Span | None] | None

THIS_MONTH_ASIDE = "'trong tháng': the month in force, up to the paragraph's end"


def _left(q: Ask) -> PeriodMention | None:
    """The nearest period mention before the number in its sentence (looked up once)."""
    memo = q.memo
    if "period_left" not in memo:
        doc = q.doc

        def dates_later(pos: int, at: int) -> bool:
            return doc.visible(pos, at) and pos not in doc.figure_own_periods

        memo["period_left"] = nearest_left(
            doc.periods, doc.period_starts, q.start, q.anchor.sentence[0], dates_later
        )
    found: PeriodMention | None = memo["period_left"]
    return found


def _next(q: Ask) -> PeriodMention | None:
    """The first period mention after the number."""
    doc = q.doc
    i = bisect_left(doc.period_starts, q.end)
    return doc.periods[i] if i < len(doc.periods) else None


def _of_previous_year(q: Ask, mention: PeriodMention) -> Period | None:
    """ "cùng kỳ năm trước": the span of the sentence's own period (or the one in force),
    a year earlier."""
    doc, s0 = q.doc, q.anchor.sentence[0]
    own = nearest_left(
        doc.periods,
        doc.period_starts,
        mention.start,
        s0,
        lambda p, at: not doc.period_at[p].previous_year and doc.visible(p, at),
    )
    base = (
        (own.year if own.year is not None else doc.main_year, own.start_month, own.end_month)
        if own is not None
        else q.ctx.period
    )
    if base is None or base[0] is None:
        return None
    return (mention.year or base[0] - 1, base[1], base[2])


def _year_before_in_sentence(q: Ask, mention: PeriodMention) -> int | None:
    """The year in force, or a later whole year the sentence names before the undated
    span ("carried into 2024, with the first five months recording ...")."""
    doc, in_force = q.doc, q.ctx.year_in_force(q.doc)

    def whole_year(pos: int, at: int) -> bool:
        named = doc.period_at[pos]
        return (
            named.year is not None
            and (named.start_month, named.end_month) == (1, 12)
            and not named.previous_year
            and doc.visible(pos, at)
        )

    whole = nearest_left(
        doc.periods, doc.period_starts, mention.start, q.anchor.sentence[0], whole_year
    )
    if whole is None or whole.year is None or (in_force is not None and whole.year <= in_force):
        return in_force
    return whole.year


def _written(q: Ask, mention: PeriodMention, partial_is_none: bool = True) -> Hit:
    """The period a mention names, the year from the article where it writes none."""
    span = (mention.start, mention.end)
    if mention.partial and partial_is_none:
        return (None, span)  # "kỳ 2 tháng 8": no period the fact format can hold
    if mention.previous_year:
        return (_of_previous_year(q, mention), span)
    year = mention.year if mention.year is not None else _year_before_in_sentence(q, mention)
    s0 = q.anchor.sentence[0]
    if (
        mention.year is None
        and year is not None
        and any_between(q.doc.previous_year_starts, s0, mention.start)
    ):
        year -= 1  # "Cùng kỳ năm ngoái, xuất khẩu 9 tháng chỉ đạt ..."
    return ((year, mention.start_month, mention.end_month), span)


@rule(
    "period right after it, past a comma or 'and' ('..., xuất siêu 2,77 tỷ USD sau 11 tháng', "
    "'in September and reached a record surplus of US$16.99 billion in the January–September "
    "period')"
)
def _after_past_comma(q: Ask) -> Hit:
    left, nxt, low = _left(q), _next(q), q.doc.low
    if left is None or nxt is None or not _P.period_right_after.match(low, q.end, nxt.start):
        return None  # (the match right after the number first: it fails at once, mostly)
    return _written(q, nxt) if _P.clause_join.search(low, left.end, q.start) else None


@rule("in a series of whole years, the year right after it ('$36.93 billion in 2013')")
def _year_in_series(q: Ask) -> Hit:
    left, nxt = _left(q), _next(q)
    if left is None or nxt is None or left.rule not in WHOLE_YEAR_RULES:
        return None
    if nxt.rule not in WHOLE_YEAR_RULES or q.doc.low[q.end : nxt.start].strip():
        return None
    return _written(q, nxt)


@rule(
    "a running total after a month's figure ('nâng tổng ... lên'): January to that month",
    needs=(RUNNING_TOTAL,),
)
def _running_total(q: Ask) -> Hit:
    left = _left(q)
    if left is None or left.start_month != left.end_month or left.start_month == 1:
        return None
    m = q.doc.search(RUNNING_TOTAL, left.end, q.start)
    hit = _written(q, left) if m is not None else None
    if m is None or hit is None or hit[0] is None:
        return None
    year, _, month = hit[0]
    return ((year, 1, month), m.span())


@rule(
    "the period a figure was recorded in, said right after it ('from the $1.86 billion recorded in"
    " October')",
    needs=(_P.recorded_in,),
)
def _recorded_in(q: Ask) -> Hit:
    nxt = _next(q)
    if nxt is None or not _P.recorded_in.fullmatch(q.doc.low, q.end, nxt.start):
        return None
    return _written(q, nxt)


@rule("'Lũy kế từ đầu năm 2024' with a month of that year in force: January to that month")
def _year_to_date_of_year(q: Ask) -> Hit:
    period, left = q.ctx.period, _left(q)
    if period is None or left is None or left.year != period[0] or period[1:] == (1, 12):
        return None
    if (left.start_month, left.end_month) != (1, 12):
        return None
    m = q.doc.search(_P.year_to_date_before, max(0, left.start - 40), left.start)
    return ((period[0], 1, period[2]), (m.start(), left.end)) if m else None


@rule("period before it in its sentence")
def _before(q: Ask) -> Hit:
    left = _left(q)
    return _written(q, left) if left is not None else None


@rule("period after it in its clause")
def _after(q: Ask) -> Hit:
    doc, nxt = q.doc, _next(q)
    if nxt is None or not doc.visible(nxt.start, q.start) or nxt.start >= q.anchor.sentence[1]:
        return None
    starts, gap_start = doc.amount_starts, q.end
    j = bisect_right(starts, q.start)
    paren = doc.regions.paren_of(starts[j]) if j < len(starts) else None
    if paren is not None and not doc.low[q.end : paren[0]].strip():
        # "USD 2.7 billion (EUR 2.5 billion) for the 11 months": past the amount in parentheses
        gap_start, j = paren[1], bisect_left(starts, paren[1])
    if j < len(starts) and _P.worth_link.fullmatch(doc.low, q.end, starts[j]):
        # "5.9 million tons of rice worth 2.7 billion dollars last year": both figures
        gap_start = doc.amounts[j].end
        j += 1
    next_anchor_start = starts[j] if j < len(starts) else len(doc.low)
    if nxt.start >= next_anchor_start or _P.clause_break.search(doc.low, gap_start, nxt.start):
        return None
    if nxt.years_back and _P.subordinate_clause.search(doc.low, q.end, nxt.start):
        return None  # "fell to $4.05 billion as prices slumped after India ... last year"
    return _written(q, nxt)


@rule("the sentence's own period (none in force yet)")
def _sentence_own(q: Ask) -> Hit:
    if q.ctx.period is not None:
        return None
    s1 = q.anchor.sentence[1]
    mention = next(
        (
            p
            for p in q.doc.periods[bisect_left(q.doc.period_starts, q.end) :]
            if not p.previous_year
        ),
        None,
    )
    mention = mention if mention is not None and mention.start < s1 else None
    # (a part of a month found this way is read as its month)
    return _written(q, mention, partial_is_none=False) if mention is not None else None


@rule("'trong quý', 'in the quarter': the quarter in force", needs=(_P.this_quarter,))
def _this_quarter(q: Ask) -> Hit:
    if q.ctx.quarter is None:
        return None
    m = q.doc.search(_P.this_quarter, q.anchor.sentence[0], q.end + 20)
    return (q.ctx.quarter, m.span()) if m else None


def _this_month(q: Ask) -> re.Match[str] | None:
    memo = q.memo
    if "this_month" not in memo:
        memo["this_month"] = q.doc.search(_P.this_month, q.anchor.sentence[0], q.start)
    found: re.Match[str] | None = memo["this_month"]
    return found


@rule("'tháng này ... so với tháng 8 năm ngoái': the month compared with, a year on")
def _this_month_compared(q: Ask) -> Hit:
    month = q.ctx.month or (q.doc.main_year, 0, 0)  # (none named yet: the article's year)
    if month[0] is None or _this_month(q) is None:
        return None
    if (m := q.doc.search(_P.same_month_before, q.end, q.anchor.sentence[1])) is None:
        return None
    named = int(m.group("m")) if m.group("m") else EN_MONTHS[m.group("en")]
    year = y + 1 if (y := year_of(m, "y", "y2", "y3")) else month[0]
    if not 1 <= named <= 12 or named == month[1] or year != month[0]:
        return None  # (the month in force, or one of another year than the month in force's)
    return ((year, named, named), m.span())


@rule(THIS_MONTH_ASIDE)
def _month_in_force(q: Ask) -> Hit:
    m = _this_month(q) if q.ctx.month is not None else None
    return (q.ctx.month, m.span()) if m else None


@rule("'tháng vừa qua' after a longer period: its last month")
def _last_month_said(q: Ask) -> Hit:
    period = q.ctx.period
    m = _this_month(q) if period is not None else None
    return ((period[0], period[2], period[2]), m.span()) if m and period else None


@rule("compared with the month before its last month: that last month")
def _month_by_comparison(q: Ask) -> Hit:
    """A figure carried into a cumulative period but compared with the month before its
    last month is that last month's ("10 tháng ..." then "giảm 4,6% so với tháng 9")."""
    period = q.ctx.period
    if period is None or period[1] != 1 or period[2] == 1:
        return None
    m = q.doc.search(_P.previous_month, *q.anchor.sentence)
    if m is None or _named_month(m, period[0]) not in (None, period[2] - 1):
        return None
    if any_between(q.doc.period_starts, q.end, m.start()):
        return None  # "... đạt 131,77 triệu USD; riêng tháng 6/2021 tăng 7,4% so với tháng 5"
    return ((period[0], period[2], period[2]), m.span())


def _named_month(m: re.Match[str], year: int | None) -> int | None:
    """The month a comparison names (0 for one of another year), None for "the month before"."""
    if m.group("m"):
        return int(m.group("m"))
    if m.group("en"):
        return 0 if m.group("y") and int(m.group("y")) != year else EN_MONTHS[m.group("en")]
    return None


def _dated_aside(doc: Document, r: Resolved) -> bool:
    """The figure's period was named as an aside ("Riêng trong Quý I năm 2022, ...")."""
    if (span := r.trace["period"].span) is None:
        return False
    i = bisect_left(doc.period_starts, span[0])
    return i < len(doc.periods) and doc.periods[i].start == span[0] and doc.periods[i].aside


def _compares_another_span(q: Ask, period: Period) -> bool:
    """A comparison in the number's sentence names a span of another length than ``period``."""
    doc, (s0, s1), length = q.doc, q.anchor.sentence, period[2] - period[1]
    comparisons = doc.regions.comparisons
    for a, b in comparisons[bisect_left(comparisons, (s0, s0)) :]:
        if a >= s1:
            break
        opener = _P.comparison_opener.match(doc.low, a, b)
        a = opener.end() if opener else a  # (``find_periods`` skips a period after "so với")
        if any(p.end_month - p.start_month != length for p in find_periods(doc.low[a:b])):
            return True
    return False


NARROWING = (
    "a sentence that narrows a month's figure or an aside's ('Of this, ...', 'Trong đó, ...') "
    "keeps its period"
)


@rule(NARROWING)
def _narrowing(q: Ask) -> Hit:
    """("... in the past month ... $32.31 billion. \n Of this, the domestic economic sector
    reached $8.49 billion": October, not the ten months in force)"""
    last, doc, s0, now = q.ctx.last, q.doc, q.anchor.sentence[0], q.ctx.period
    if last is None or now is None:
        return None
    if last.anchor.sentence[0] == s0 and last.trace["period"].rule == NARROWING:
        if _compares_another_span(q, last.period):
            return None  # "..., tăng 16,04% so với 5 tháng năm 2017": five months, not the month
        return (last.period, last.trace["period"].span)  # the sentence's next figure
    if last.anchor.sentence[1] > s0:
        return None
    year, first, end = last.period
    month = first == end == now[2] != now[1] and year == now[0]
    if not month and not _dated_aside(doc, last):
        return None
    p0, p1 = doc.regions.sentence_of(max(s0 - 1, 0))
    if not p0 <= last.anchor.amount.start < p1:
        return None  # it narrows the sentence right before, which holds the month's figure
    m = NARROWING_START.match(doc.low, s0)
    return (last.period, m.span()) if m else None


LEAD_REACH = 600  # characters from a lead's figure to the period named after it
FAR_LEAD_REACH = 1500  # ... and to the months to date named after it


def _in_body_paragraph(q: Ask) -> bool:
    """The number's paragraph ends a sentence: body text, not a headline."""
    p0, p1 = q.doc.regions.paragraphs[q.doc.paragraph_index(q.start)]
    return q.doc.text[p0:p1].rstrip().rstrip("\"”’'").endswith((".", "!", "?", "…"))


def _after_partial_period(q: Ask) -> bool:
    """A part of a month named earlier in its paragraph ("soared in the second half of November
    ... They included ...") or in the sentence before it narrows ("tính đến ngày 15/11/2022, ...
    Trong đó, xuất khẩu đạt ..."): of that part, not of a period named later."""
    doc, s0 = q.doc, q.anchor.sentence[0]
    i = bisect_left(doc.period_starts, q.start) - 1
    if i < 0 or not doc.periods[i].partial or s0 == 0:
        return False
    at = doc.periods[i].start
    return doc.paragraph_index(at) == doc.paragraph_index(q.start) or bool(
        NARROWING_START.match(doc.low, s0) and at >= doc.regions.sentence_of(s0 - 1)[0]
    )


def _leads(mention: PeriodMention) -> bool:
    """A mention a lead's figures can take: of the article's own year, whole months."""
    return not mention.previous_year and not mention.partial


def _year_to_date_lead(mention: PeriodMention) -> bool:
    return _leads(mention) and mention.start_month == 1 and mention.end_month < 12


def _first_after(
    periods: list[PeriodMention], i: int, take: Callable[[PeriodMention], bool]
) -> PeriodMention | None:
    """The first of ``periods[i:]`` that ``take`` accepts (none copied, none read past it)."""
    return next((periods[k] for k in range(i, len(periods)) if take(periods[k])), None)


LEAD_RULE = "a lead's figures before any period: the first period named after them"


@rule(LEAD_RULE)
def _named_after_lead(q: Ask) -> Hit:
    if q.ctx.period is not None or not _in_body_paragraph(q) or _after_partial_period(q):
        return None
    doc = q.doc
    last = q.ctx.last
    if (
        last is not None
        and last.trace["period"].rule == LEAD_RULE
        and doc.paragraph_index(last.anchor.amount.start) == doc.paragraph_index(q.start)
    ):  # "... from the beginning of the year to now ... Of which, exports reached ..."
        return (last.period, last.trace["period"].span)
    i, mention = bisect_left(doc.period_starts, q.end), None
    if doc.search(_P.year_to_date, q.anchor.sentence[0], q.start):
        # "from the beginning of the year to now ... in the first five months of 2023"
        mention = _first_after(doc.periods, i, _year_to_date_lead)
    mention = mention or _first_after(doc.periods, i, _leads)
    if far := mention is not None and mention.start - q.end > LEAD_REACH:
        # further on, only the months to date ("Trong 5 tháng đầu năm nay ..."), as said
        mention = _first_after(doc.periods, i, _year_to_date_lead)
    if mention is None or mention.start - q.end > (FAR_LEAD_REACH if far else LEAD_REACH):
        return None
    s0, s1 = doc.regions.sentence_of(mention.start)
    if doc.forecast_words.overlap(s0, s1) or any_between(doc.target_words, s0, s1):
        return None  # "... the country targets 320,000 tonnes ... in 2015": no figure's period
    hit = _written(q, mention)
    if (not far and hit and hit[0] and mention.start_month == 1 < mention.end_month) and (
        (q.start < s0 and doc.search(RUNNING_TOTAL, s0, mention.start)) or _this_month(q)
    ):  # "... earned over $4.4 billion ... The figure brings the total ... to $22.5 billion in
        # the first five months", "This month, ... In the nine months": the last of those months
        year, _, month = hit[0]
        return ((year, month, month), hit[1])
    if mention.aside and mention.start_month == mention.end_month and hit and hit[0]:
        # "Vietnam earned 2.18 billion USD ... In November alone, ...": the year to that month
        year, _, month = hit[0]
        return ((year, 1, month), hit[1])
    return hit


@rule(
    "'Lũy kế từ đầu năm', 'so far this year': January to the month in force",
    needs=(_P.year_to_date,),
)
def _year_to_date(q: Ask) -> Hit:
    period = q.ctx.period
    if period is None or (period[1] == 1 and period[2] == 12):
        return None
    m = q.doc.search(_P.year_to_date, q.anchor.sentence[0], q.start)
    return ((period[0], 1, period[2]), m.span()) if m else None


@rule(
    "none in force: the span a comparison after it names, a year on ('giảm 3,8% so với 5 tháng"
    " đầu năm 2017': the first five months of 2018; 'tăng 16,5% so với năm 2020': 2021)"
)
def _compared_span(q: Ask) -> Hit:
    doc, (_, s1) = q.doc, q.anchor.sentence
    if q.ctx.period is not None:
        return None
    comparisons = doc.regions.comparisons
    i = bisect_left(comparisons, (q.end, q.end))
    if i == len(comparisons) or comparisons[i][0] >= s1:
        return None
    a, b = comparisons[i]
    opener = _P.comparison_opener.match(doc.low, a, b)
    if opener is None:
        return None
    a = opener.end()  # (``find_periods`` skips a period after "so với": what is compared with)
    for p in find_periods(doc.low[a:b]):
        if p.year is not None and not p.partial and p.end_month > p.start_month:
            return ((p.year + 1, p.start_month, p.end_month), (a + p.start, a + p.end))
    return None  # (one month compared may be the month before: no span a year on)


@rule("the period in force")
def _in_force(q: Ask) -> Hit:
    return (q.ctx.period, None)


@rule(
    "a figure of an earlier year set beside a forecast ('higher than the 17.14 billion USD"
    " recorded in 2015'): that whole year",
    needs=(FORECAST,),
)
def _past_year_beside_forecast(q: Ask) -> Hit:
    found = past_year_beside(q)
    return ((found[0], 1, 12), found[1]) if found else None


TABLE: tuple[Rule, ...] = (
    _past_year_beside_forecast,
    _after_past_comma,
    _year_in_series,
    _running_total,
    _recorded_in,
    _year_to_date_of_year,
    _before,
    _after,
    _sentence_own,
    _this_quarter,
    _this_month_compared,
    _month_in_force,
    _last_month_said,
    _month_by_comparison,
    _narrowing,
    _named_after_lead,
    _year_to_date,
    _compared_span,
    _in_force,
)
