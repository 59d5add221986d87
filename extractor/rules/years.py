"""The years of an article: the year it is about and the year it was written.

Periods are found without their year where the text writes none ("5 tháng", "in
February", "last year"); these readings of the whole article fill it in.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from extractor.rules.period_values import EN_MONTHS
from extractor.rules.periods import WHOLE_YEAR_RULES, YEAR_RANGE_RULE, PeriodMention
from extractor.rules.scan import finditer_at, finditer_present
from extractor.rules.vocab import PATTERNS
from extractor.types import plausible_year

_P = PATTERNS.of("years")
_THIS_YEAR = PATTERNS.of("document").this_year  # "năm nay", "this year"


# "HANOI, April 3, 2024 -", "(Hà Nội, 5/10/2024)", "ngày 5/10/2024": when the article was written.
DATELINE = _P.dateline


@lru_cache(maxsize=8)
def datelines(low: str) -> tuple[re.Match[str], ...]:
    """The ``DATELINE`` matches in the first 400 characters of ``low`` (the regions and
    the years ask of each text: found once), the pattern tried only where one can begin
    (it opens with alternatives, so ``finditer`` would start its matcher everywhere)."""
    head = low[:400]
    starts = [0, *(m.start() for m in _P.dateline_starts.finditer(head))]
    return tuple(finditer_at(DATELINE, head, starts))


def _dateline(low: str) -> re.Match[str] | None:
    """The first ``DATELINE`` match in the first 400 characters (``DATELINE.search``)."""
    found = datelines(low)
    return found[0] if found else None


# Last resort for articles that never write a year: dated events a reader would use.
DATED_EVENTS: tuple[tuple[re.Pattern[str], int], ...] = (
    (_P.dated_event_2020, 2020),
    (_P.dated_event_2025, 2025),
)


_DATELINE_YEARS = ("y", "y2", "y3", "y4", "y5", "y6", "y7")
_LEAD_REACH = 300  # characters after the date line that make the article's lead


def dateline_year(m: re.Match[str]) -> int:
    """The year of a ``DATELINE`` match, whichever of its forms matched."""
    return int(next(m.group(g) for g in _DATELINE_YEARS if m.group(g)))


def _sentence_around(low: str, at: int) -> tuple[int, int]:
    """The sentence holding ``at``: between full stops (not decimal points) or newlines.
    (Looked for backwards from ``at``: a scan from the text's start for every year named
    would take time quadratic in the article.)"""
    dot = at
    while (dot := low.rfind(".", 0, dot)) >= 0 and low[dot + 1 : dot + 2].isdigit():
        pass  # "2.5 billion": a decimal point
    start = max(dot, low.rfind("\n", 0, at)) + 1
    m = _P.sentence_end.search(low, at)
    return start, m.start() if m else len(low)


def _said_as_forecast(low: str, p: PeriodMention) -> bool:
    """The period is named in a sentence of forecast, estimate or target: the year in
    progress, not one reported as done."""
    return bool(_P.forecast.search(low, *_sentence_around(low, p.start)))


def _hoped_for_whole_year(low: str, p: PeriodMention) -> bool:
    """ "... is expected to retain its momentum for the whole year": the year in force, in a
    sentence of forecast with no figure, says nothing of which year it is."""
    if (p.start_month, p.end_month) != (1, 12) or not _said_as_forecast(low, p):
        return False
    return _P.figure.search(low, *_sentence_around(low, p.start)) is None


def after_the_years_reported(low: str, periods: list[PeriodMention]) -> int | None:
    """Whole years reported as done ("Năm 2015, VN chi 49,5 tỉ USD", "$36.93 billion in
    2013") while the article's own periods, written without a year, end before December
    ("5 tháng", "in February"): those periods are of the year after the last of them (as
    are those written with a year: "tháng 1/2020" after "năm 2019"), when the article leads
    with its months or writes that later year; a review that opens with "Năm 2025" and
    then turns to the first half speaks of one year.
    When a whole year is forecast ("dự kiến cả năm 2015 đạt ..."), that is this year (if
    it follows the last year reported), and the later year is not."""
    whole = [p for p in periods if p.year and p.rule in WHOLE_YEAR_RULES and not p.previous_year]
    undated = [
        p
        for p in periods
        if p.year is None and not p.previous_year and not p.partial and not p.years_back
    ]
    if (
        not whole
        or not undated
        or any(p.end_month == 12 and not _hoped_for_whole_year(low, p) for p in undated)
    ):
        return None  # "tháng 12", "quý IV", "cả năm": the year itself may be this one
    forecast = [p for p in whole if _said_as_forecast(low, p)]
    if forecast:
        # "In 2023, ... reached 3.6 million tons. In 2024, ... are expected to reach ...":
        # the year forecast right after the last one reported is this year
        done = [p.year or 0 for p in whole if p not in forecast]
        this_year = max(p.year or 0 for p in forecast)
        return this_year if done and this_year == max(done) + 1 else None
    later = max(p.year or 0 for p in whole) + 1
    dated = [p for p in periods if p.year and p.rule not in WHOLE_YEAR_RULES]
    if any(p.year != later for p in dated):
        return None
    # the article leads with its own months, or writes the later year on one of them
    return later if dated or undated[0].start < whole[0].start else None


def _years_of_compared_months(low: str, periods: list[PeriodMention]) -> list[tuple[int, int]]:
    """ "so với tháng 5/2024", "compared to May 2024" after a figure of May: a year later;
    after a figure of June (the month before, "tăng 37,7% so với tháng 2/2016" in March): the
    same year. A sentence that names no month of its own speaks of the article's first month
    written without a year."""
    found = []
    said = [(m, int(m.group("m"))) for m in finditer_present(_P.compared_month_year, low)]
    english = finditer_present(_P.compared_month_year_en, low)
    said += [(m, EN_MONTHS[m.group("mn")]) for m in english]
    # "... sụt giảm so với tháng 7/2018" in an article of "tháng 8": the article's month
    # (else the last month of its first undated span: "Tính chung trong 8 tháng đầu năm")
    unsaid = [p for p in periods if p.year is None and not p.previous_year and not p.years_back]
    undated = next((p for p in unsaid if p.start_month == p.end_month), None)
    undated = undated or next(iter(unsaid), None)
    for m, compared in said:
        year = int(m.group("y"))
        s0 = _sentence_around(low, m.start())[0]
        own = [p for p in periods if s0 <= p.start < m.start() and p.start_month == p.end_month]
        if not own and undated is not None:
            own = [undated]
        month = own[-1].end_month if own else compared
        if month == compared % 12 + 1:
            found.append((m.start(), year + (compared == 12)))
        elif month == compared:
            found.append((m.start(), year + 1))
    return found


def _year_said(low: str, m: re.Match[str]) -> bool:
    """A year or "last year" said before the change in its sentence ("In 2020, ... up 15.7
    percent from 2019"): the change is of that year, not of the article's."""
    start = max(low.rfind("\n", 0, m.start()) + 1, m.start() - 200)
    for stop in _P.full_stop.finditer(low, start, m.start()):
        start = stop.end()
    return _P.year_said.search(low, start, m.start()) is not None


def of_a_plan(low: str, start: int) -> bool:
    """Whether the period at ``start`` is what a plan or a target is for ("bảo vệ kế hoạch xuất
    nhập khẩu năm 2015"): no evidence of the year the figures are of."""
    return _P.plan_before.search(low, max(0, start - 48), start) is not None or _a_goal(low, start)


def reached_by(low: str, pos: int) -> bool:
    """Whether the year "by" which ends at ``pos`` is one a figure had been reached by ("by
    2021 it had increased to ...", "đến năm 2015 đã tăng"): past, not to come."""
    return _P.past_perfect_after.match(low, pos) is not None


def _a_goal(low: str, start: int) -> bool:
    """Whether the year at ``start`` is one a target is to be reached by ("towards the target
    of a US$15 billion two-way trade value by 2020"): a year to come, not the article's."""
    return _P.plan_by_before.search(low, max(0, start - 120), start) is not None


def _republished(dateline: re.Match[str], periods: list[PeriodMention]) -> bool:
    """A page dated before its lead's period could end ("Thứ tư, 18/05/2022" over "9 tháng đầu
    năm 2018"): the date is the page's, not the figures'; the written year decides."""
    m = _P.day_month_year.search(dateline.group())
    if m is None:
        return False
    year, month = dateline_year(dateline), int(m.group("m"))
    lead = next((p for p in periods if p.start >= dateline.end()), None)
    if lead is None or lead.year in (None, year):
        return False
    if (lead.start_month, lead.end_month) == (1, 12) and lead.year < year - 1:
        return False  # (a whole year before the last is background a page of any date gives)
    return lead.end_month > month


def _of_a_year_reported(low: str, periods: list[PeriodMention], pos: int, year: int) -> bool:
    """The comparison at ``pos`` dates ``year``, a whole year named in its sentence."""
    start, end = _sentence_around(low, pos)
    return any(
        p.year == year and p.rule in WHOLE_YEAR_RULES and start <= p.start < end for p in periods
    )


def _lead_is_last_year(dateline: re.Match[str], periods: list[PeriodMention]) -> bool:
    """The first period after the date is "last year" ("18 January 2021 ... rice exports to
    the Philippines last year exceeded ..."): the article reviews the year just ended."""
    lead = next((p for p in periods if p.start >= dateline.end()), None)
    return lead is not None and lead.years_back == 1 and lead.start < dateline.end() + _LEAD_REACH


def _months_of_this_year(low: str, periods: list[PeriodMention]) -> bool:
    """Months reported of "this year" ("In the first 10 months of this year, ..."): the year
    the date names runs, whatever year the lead looks back on (not months forecast)."""
    return any(
        p.year is None
        and not p.years_back
        and (p.start_month, p.end_month) != (1, 12)
        and _P.of_this_year.match(low, p.end) is not None
        and not _said_as_forecast(low, p)  # "In the first quarter of this year, ... forecast"
        for p in periods
    )


def _last_year_compared(low: str, periods: list[PeriodMention]) -> list[tuple[int, int]]:
    """ "last year ... up 8.4 percent from 2020": last year is 2021, and this year (the year
    the article is about, when it reports months of its own) 2022."""
    own = any(p.year is None and not p.years_back and not p.previous_year for p in periods)
    found = finditer_present(_P.last_year_compared, low)
    return [(m.start(), int(m.group("y")) + (2 if own else 1)) for m in found]


def _written_years(low: str, periods: list[PeriodMention]) -> list[tuple[int, int]]:
    """The years the periods write, by position: evidence of the article's year."""
    # "... in 2020 and over 40 billion USD last year": the year before last, named with last year
    before_last = {
        m.start("y"): int(m.group("y")) for m in finditer_present(_P.then_last_year, low)
    }
    evidence: list[tuple[int, int]] = [
        (p.start, _last_year_of(low, p))
        for p in periods
        if p.year is not None
        and plausible_year(p.year)  # not "established diplomatic relations in 1955"
        and not p.previous_year
        and not of_a_plan(low, p.start)
        and not any(p.start <= at < p.end for at in before_last)
        and not _base_of_a_forecast(low, periods, p)
    ]
    return [_after_a_span(low, p) for p in evidence] + [
        (at, year + 2) for at, year in before_last.items()
    ]


def _last_year_of(low: str, p: PeriodMention) -> int:
    """The year a period is evidence of: for a range of years ("the 2017-2018 crop"), its last."""
    if p.rule != YEAR_RANGE_RULE or p.year is None:
        return p.year or 0
    return int(_P.any_year.findall(low, p.start, p.end)[-1])


def _after_a_span(low: str, found: tuple[int, int]) -> tuple[int, int]:
    """A span of years reported whole ("trong giai đoạn 2020-2023, ...") and then "năm nay" (this
    year) after it: this year is the one after the span's last."""
    at = found[0]
    span = _P.year_span.match(low, at)
    if span is None or not _THIS_YEAR.search(low, span.end()):
        return found
    return (at, int(span.group("last")) + 1)


def _base_of_a_forecast(low: str, periods: list[PeriodMention], p: PeriodMention) -> bool:
    """A whole year that a forecast in its sentence starts from ("GDP được dự báo tăng từ 2,6%
    trong năm 2021 lên 7,5% trong năm 2022"): the year before the one forecast, which runs."""
    if p.rule not in WHOLE_YEAR_RULES or not _said_as_forecast(low, p):
        return False
    end = _sentence_around(low, p.start)[1]
    return any(
        q.year == (p.year or 0) + 1 and q.rule in WHOLE_YEAR_RULES and p.start < q.start < end
        for q in periods
    )


def infer_main_year(low: str, periods: list[PeriodMention]) -> int | None:
    """The year the article is about: the earliest evidence wins, a written period year
    ("tháng 6/2025") or one a comparison implies ("so với cùng kỳ 2020" → 2021)."""
    evidence = _written_years(low, periods)
    written = len(evidence)
    for pattern in (
        _P.yoy_year,
        _P.en_yoy_year,
        _P.compared_span_year,
        _P.compared_year_figure,
        _P.exceeds_year_figure,
        _P.that_of_year,
        _P.than_in_year,
    ):
        evidence += [(m.start(), int(m.group("y")) + 1) for m in finditer_present(pattern, low)]
    changes = finditer_present(_P.change_against_year, low)
    evidence += [(m.start(), int(m.group("y")) + 1) for m in changes if not _year_said(low, m)]
    evidence += _last_year_compared(low, periods)
    evidence += _years_of_compared_months(low, periods)
    dateline = _dateline(low)
    later = after_the_years_reported(low, periods)
    # a comparison's year ("so với cùng kỳ năm 2019") agrees with it, or is that of a whole
    # year reported in its sentence ("... in 2018, up 13.2 percent against 2017")
    compared = evidence[written:]
    if (
        later is not None
        and dateline is None
        and all(y == later or _of_a_year_reported(low, periods, pos, y) for pos, y in compared)
    ):
        return later
    if (
        dateline
        and plausible_year(year := dateline_year(dateline))
        and not _republished(dateline, periods)
    ):
        # the publication date: the year of figures that do not name one
        lead = [y for pos, y in evidence if pos < dateline.end() + _LEAD_REACH]
        # ...unless its lead names the year before: a review of the year just ended
        past = (lead and min(lead) == year - 1) or _lead_is_last_year(dateline, periods)
        past = past and not _months_of_this_year(low, periods)
        evidence.append((-1, year - 1 if past else year))
    if evidence:
        return _past_year_passed(periods, min(evidence))
    return _last_resort_year(low)


def _last_resort_year(low: str) -> int | None:
    """For an article no period or comparison dates: the latest year it writes ("xu hướng từ
    năm 2018", "since 2018": a later year is running), not a year to come ("by 2030"), one
    things were before ("before 2015") nor one of a span reported whole ("in 2015-2021
    period"); else a dated event it names."""
    spans = [m.span() for m in _P.in_year_span.finditer(low)]
    years = [
        y
        for m in _P.any_year.finditer(low)
        if plausible_year(y := int(m.group()))
        and not any(a <= m.start() < b for a, b in spans)
        and not _a_goal(low, m.start())
        and not _P.horizon_before.search(low, max(0, m.start() - 12), m.start())
        and not _P.bound_before.search(low, max(0, m.start() - 12), m.start())
    ]
    if years:
        return max(years + [int(m.group("y")) + 1 for m in _P.since_year.finditer(low)])
    for pattern, year in DATED_EVENTS:
        if pattern.search(low):
            return year
    return None


def _past_year_passed(periods: list[PeriodMention], first: tuple[int, int]) -> int:
    """The earliest evidence, unless it is a whole year after which the months the article
    leads with, undated, are dated with a later year ("Trong cơ cấu ... 11 tháng đầu năm, ...
    Trước đó, kim ngạch XNK đã đạt 400 tỷ USD vào năm 2017. ... sau 11 tháng năm 2019")."""
    pos, year = first
    if not any(p.start == pos and p.rule in WHOLE_YEAR_RULES for p in periods):
        return year
    undated = {
        (p.start_month, p.end_month)
        for p in periods
        if p.start < pos
        and p.year is None
        and not p.previous_year
        and not p.years_back
        and p.end_month < 12
    }
    later = next(
        (
            p.year
            for p in periods
            if p.year
            and p.year > year
            and (p.start_month, p.end_month) in undated
            and not p.previous_year
        ),
        None,
    )
    return later or year


def publication_year(low: str, periods: list[PeriodMention], main_year: int | None) -> int | None:
    """The year the article was written: its dateline's; else the year after the one it is
    about when it reports that year whole ("... in 2018", "in December"; "last year" is
    then 2018) or names a later whole year as done, else the year it is about."""
    dateline = _dateline(low)
    if dateline:
        return dateline_year(dateline)
    done = [
        p.year
        for p in periods
        if p.year and p.rule in WHOLE_YEAR_RULES and not _said_as_forecast(low, p)
    ]
    if main_year is not None and done and max(done) > main_year:
        return max(done) + 1  # "... in 2017 and ... in 2016. In 2018, the country ...": 2019
    if main_year is None:
        return None
    own = [p for p in periods if not p.years_back and p.year in (None, main_year)]
    if own and all(_said_as_forecast(low, p) for p in own):
        return main_year  # "turnaround forecast for 2016": the year in progress
    if any(
        p.year == main_year and p.rule in WHOLE_YEAR_RULES and not _said_as_forecast(low, p)
        for p in own
    ):
        return main_year + 1  # "US$6.45 billion for 2017" reported done: written after it
    # the year, or its last month; or only "last year" is named, dated by a comparison
    whole = all(p.end_month == 12 for p in own)
    return main_year + 1 if whole else main_year


def with_years_back(
    low: str, periods: list[PeriodMention], main_year: int | None
) -> list[PeriodMention]:
    """ "last year" becomes the year before the article was written; without that year it
    is still a whole year, of no year a reader can tell ("Last year, bilateral trade reached
    $24.3 billion" in an article that never writes its year)."""
    if not any(p.years_back for p in periods):
        return periods
    now = publication_year(low, periods, main_year)
    return [replace(p, year=now - p.years_back) if p.years_back and now else p for p in periods]
