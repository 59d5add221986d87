"""How the context moves on as the reading passes periods and comparisons.

Before each number, the period mentions up to its sentence are read into the context
(the period, month and quarter in force, asides that end with their paragraph or at
the next heading); after it, the comparisons up to it set the basis in force.
"""

from __future__ import annotations

from bisect import bisect_left

from extractor.rules.context import Context, Period
from extractor.rules.document import Document
from extractor.rules.periods import PeriodMention
from extractor.rules.scan import any_between
from extractor.rules.slots.basis import of_comparison
from extractor.rules.slots.notfact import PER_UNIT_AFTER, PRICE_TOPIC
from extractor.rules.slots.partner import NARROWING_START
from extractor.rules.vocab import PATTERNS

_P = PATTERNS.of("carry")


def _about_prices(doc: Document, pos: int) -> bool:
    """A sentence of prices or dong amounts and no trade figure (its amounts, if any, are
    prices per unit: "$10.9 per kilogram in March"): its period is not carried."""
    s0, s1 = doc.regions.sentence_of(pos)
    if any(not PER_UNIT_AFTER.match(doc.low, a.end) for a in doc.amounts_in(s0, s1)):
        return False
    return bool(doc.search(_P.local_money, s0, s1) or doc.search(PRICE_TOPIC, s0, s1))


def _about_tariffs(doc: Document, pos: int) -> bool:
    """A sentence of tariff rates and no amount of money or goods: "Washington announced a
    46% tariff in April" dates a policy, not the figures after it."""
    s0, s1 = doc.regions.sentence_of(pos)
    if not doc.search(_P.tariff_words, s0, s1):
        return False
    return not any_between(doc.non_percent_starts, s0, s1)


def _earlier_background(doc: Document, p: PeriodMention) -> bool:
    """An earlier year named in a sentence of prose without figures is background, not the
    period of what follows (a heading such as "Năm 2023:" is short and still sets it)."""
    if p.year is None or doc.main_year is None or p.year >= doc.main_year:
        return False
    s0, s1 = doc.regions.sentence_of(p.start)
    return s1 - s0 > 80 and not doc.sentence_has_figures(p.start)


def _of_a_goal(doc: Document, p: PeriodMention) -> bool:
    """A period a target word leads ("mục tiêu năm 2025") or that follows a target's figure
    ("đạt mục tiêu xuất khẩu 18 tỷ USD trong năm 2025"), or whose sentence turns to a target
    before its first figure ("Năm 2017, ngành gỗ đặt mục tiêu ... đạt 7,5 tỷ USD") dates the
    goal, and so does a part of the year a forecast is for ("tăng cao trong nửa cuối năm, kỳ
    vọng đạt ...", or with no figure: "dự báo ... trong tháng 12 sẽ duy trì ở mức cao"), not
    what follows; a whole year still dates what follows ("In 2020, the total export
    turnover ... will reach about 35 billion USD. In which, exports ...")."""
    if any_between(doc.target_words, p.start - 16, p.start):
        return True  # "tiến sát mục tiêu năm 2025 là 5,5 tỷ USD"
    s0, s1 = doc.regions.sentence_of(p.start)
    if _after_a_target_figure(doc, p, s0):
        return True  # "đạt mục tiêu xuất khẩu 18 tỷ USD trong năm 2025"
    i = bisect_left(doc.amount_starts, p.end)
    first = doc.amount_starts[i] if i < len(doc.amount_starts) else s1
    whole_year = p.start_month == 1 and p.end_month == 12
    if first >= s1:  # "dự báo kim ngạch xuất khẩu trong tháng 12 sẽ duy trì ở mức cao"
        return (
            not whole_year
            and not any_between(doc.amount_starts, s0, s1)
            and doc.forecast_words.overlap(s0, s1)
        )
    words = doc.target_words
    targets = words[bisect_left(words, p.end) : bisect_left(words, first)]
    if any(not _passed(doc.low, t) for t in targets):  # (not "reached the target of")
        return True
    return not whole_year and doc.forecast_words.overlap(p.end, first)


_TARGET_PERIOD_GAP = 8  # ("trong", "in", "for", "vào", "of"): what joins a figure to its period
_TARGET_REACH = 40  # characters before a figure where its target word stands


def _after_a_target_figure(doc: Document, p: PeriodMention, s0: int) -> bool:
    """The period follows, in its sentence, a figure that a target word leads."""
    i = bisect_left(doc.amount_starts, p.start) - 1
    if i < 0 or doc.amount_starts[i] < s0:
        return False
    figure = doc.amounts[i]
    if len(doc.low[figure.end : p.start].strip()) > _TARGET_PERIOD_GAP:
        return False
    return any_between(doc.target_words, max(s0, figure.start - _TARGET_REACH), figure.start)


def _passed(low: str, target: int) -> bool:
    """The target word at ``target`` names one reached or passed ("reaching the ... target of
    US$5 billion"): the sentence is of an outcome, not a goal."""
    return _P.target_passed.search(low, max(0, target - 45), target) is not None


def _not_carried(doc: Document, p: PeriodMention) -> bool:
    """Mentions that do not set the period of what follows."""
    paren = doc.regions.paren_of(p.start)
    if p.previous_year or (
        paren is not None and paren not in doc.label_parens and doc.sentence_has_figures(p.start)
    ):
        # "(Tháng 1-2014 cả nước nhập ...)" is an aside; "(9 tháng)" in a heading is not
        return True
    if _about_prices(doc, p.start) or _about_tariffs(doc, p.start):
        return True  # "selling green beans for VND130,000 a kilogram in December"
    if _of_a_goal(doc, p):
        return True
    if p.start in doc.figure_own_periods:
        return True  # "từ 61% của cùng kỳ năm 2016": the period of that level alone
    if any_between(doc.crop_years, *doc.regions.sentence_of(p.start)):
        return True  # "the 2024/25 crop year that ended in September"
    return _earlier_background(doc, p)  # "Indonesia, which bought heavily in 2024, ..."


def carry_period(doc: Document, upto: int, ctx: Context) -> None:
    """Read the period mentions before ``upto`` (each once: ``ctx.periods_carried``)."""
    periods = doc.periods
    while ctx.periods_carried < len(periods) and periods[ctx.periods_carried].start < upto:
        p = periods[ctx.periods_carried]
        ctx.periods_carried += 1
        if p.partial:  # what follows in its paragraph is of that part-month too: no facts
            begin_aside(doc, p.start, ctx)
            ctx.period = ctx.month = None
        elif _not_carried(doc, p):
            continue
        elif (p.aside or _month_after_figures(doc, p, ctx)) and doc.sentence_has_figures(p.start):
            if p.start_month == p.end_month:
                year = p.year if p.year is not None else doc.main_year
                ctx.month = (year, p.start_month, p.end_month)
                if ctx.period is None:  # "In November alone, ..." with no period said
                    # before: what is not of that month alone is of the year to it
                    ctx.period = (year, 1, p.end_month)
        else:
            _set_period(doc, p, ctx)


def _month_after_figures(doc: Document, p: PeriodMention, ctx: Context) -> bool:
    """ "... đạt 49,08 tỉ USD, tăng 8,4%, mặc dù trong tháng 12/2018, kim ngạch ... giảm gần
    40%": the last month of the months to date, named after a figure of its own sentence, is
    said of its clause alone, as "riêng" says it."""
    if p.start_month != p.end_month or ctx.period is None:
        return False
    year = p.year if p.year is not None else ctx.period[0]
    return _last_month_of((year, p.start_month, p.end_month), ctx.period) and any_between(
        doc.amount_starts, doc.regions.sentence_of(p.start)[0], p.start
    )


def _set_period(doc: Document, p: PeriodMention, ctx: Context) -> None:
    year = p.year if p.year is not None else ctx.year_in_force(doc)
    period = (year, p.start_month, p.end_month)
    _note_past_aside(doc, p.start, period, ctx)
    paragraph = doc.paragraph_index(p.start)
    if _last_month_of(period, ctx.period) and doc.sentence_has_figures(p.start):
        # "8 tháng ... Tháng 8/2025, xuất khẩu đạt ...": the month holds to the end of its
        # paragraph when the months to date were named there, else over the paragraphs after
        # it that narrow it or compare with a month, up to the next heading; then the months
        # to date are in force again
        begin_aside(doc, p.start, ctx)
        ctx.aside_to_heading = ctx.period_paragraph != paragraph
    ctx.period_paragraph = paragraph
    ctx.period = period
    if p.start_month == p.end_month:
        ctx.month = ctx.period
    if p.end_month - p.start_month == 2 and p.end_month % 3 == 0:
        ctx.quarter = ctx.period


def _last_month_of(period: Period, cumulative: Period | None) -> bool:
    """``period`` is the last month of the months to date in force."""
    return (
        cumulative is not None
        and period[1] == period[2] == cumulative[2]
        and cumulative[1] == 1
        and cumulative[2] > 1
        and period[0] == cumulative[0]
    )


def _note_past_aside(doc: Document, start: int, period: Period, ctx: Context) -> None:
    past = period[0] is not None and doc.main_year is not None and period[0] < doc.main_year
    if past:
        begin_aside(doc, start, ctx)
    else:
        ctx.aside_paragraph = -1  # a period of the article's own time: no aside any more


def begin_aside(doc: Document, pos: int, ctx: Context) -> None:
    """What is said from ``pos`` to the end of its paragraph is an aside to the period."""
    if ctx.aside_paragraph < 0:
        ctx.resume = (ctx.period, ctx.month, ctx.quarter)
    ctx.aside_paragraph = doc.paragraph_index(pos)
    ctx.aside_to_heading = False


def resume_after_aside(doc: Document, pos: int, ctx: Context) -> None:
    """A new paragraph after an earlier year's aside returns to the article's period; after the
    last month of the months to date, unless it narrows it or compares with a month again."""
    if ctx.aside_paragraph < 0:  # no aside (most numbers): no paragraph to look up
        return
    here = doc.paragraph_index(pos)
    if not ctx.aside_paragraph < here:
        return
    p0, p1 = doc.regions.paragraphs[here]
    if (
        ctx.aside_to_heading
        and not any(ctx.aside_paragraph < h <= here for h in doc.heading_paragraphs)
        and (NARROWING_START.match(doc.low, p0) or doc.search(_P.month_comparison, p0, p1))
    ):
        return  # "Of this, ...", "Kim ngạch ... tăng so với tháng 4-2019 ...": the month goes on
    if (
        here == ctx.aside_paragraph + 1
        and NARROWING_START.match(doc.low, p0)
        and _opens_aside(doc, ctx)
    ):
        ctx.aside_paragraph = here  # "In 2024, Việt Nam imported ... \n Specifically, log
        return  # imports ...": the paragraph right after the aside narrows it, in its period
    ctx.period, ctx.month, ctx.quarter = ctx.resume
    ctx.aside_paragraph = -1
    ctx.aside_to_heading = False


def _opens_aside(doc: Document, ctx: Context) -> bool:
    """The aside's paragraph opens with its earlier year ("In 2024, Việt Nam imported ..."), so
    all of it is of that year (not "... 420,1 tỷ USD. Năm 2024, con số này ..." inside a
    paragraph of the article's own period)."""
    p0, p1 = doc.regions.paragraphs[ctx.aside_paragraph]
    i = bisect_left(doc.period_starts, p0)
    if i == len(doc.periods) or doc.periods[i].start >= p1 or doc.periods[i].year is None:
        return False
    resumed = ctx.resume[0]
    return resumed is None or doc.periods[i].year != resumed[0]


def carry_basis(doc: Document, upto: int, period: Period, ctx: Context) -> None:
    """The last comparison said before ``upto`` is the basis in force in its paragraph."""
    comparisons = doc.regions.comparisons
    while ctx.bases_carried < len(comparisons) and comparisons[ctx.bases_carried][0] < upto:
        start, end = comparisons[ctx.bases_carried]
        ctx.bases_carried += 1
        basis = of_comparison(doc.low[start:end], period)
        if basis:
            ctx.basis = basis
            ctx.basis_paragraph = doc.paragraph_index(start)
            ctx.basis_period = period
