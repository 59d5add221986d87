"""Period expressions as named rules: a pattern and a production.

A production turns a match into a ``PeriodMention`` (year may be unknown; the
resolver fills it from the article). Patterns run on lower-cased NFC text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from extractor.records import frozen_record
from extractor.rules.scan import Disjoint, finditer_at, finditer_present, occurrences
from extractor.rules.vocab import PATTERNS, VOCAB

_P = PATTERNS.of("periods")
# Literals where matches of the patterns below begin (``scan.finditer_at``).
_MONTH_WORD = VOCAB.words("period_start.month_word")
_SAME_PERIOD_OF_YEAR_STARTS = VOCAB.words("period_start.same_period_of_year")
_SAME_PERIOD_LAST_YEAR_STARTS = VOCAB.words("period_start.same_period_last_year")


def _whole_numbers(name: str) -> dict[str, int]:
    return {word: int(n) for word, n in VOCAB.numbers(name).items()}


_QUARTER_WORDS = _whole_numbers("number.roman") | _whole_numbers("number.en_ordinal")
_EN_NUMBERS = _whole_numbers("number.en")
_VI_NUMBERS = _whole_numbers("number.vi")
# Month names are the numbers, plus the traditional names of the first, fourth and last month.
_VI_MONTH_WORDS = {**_VI_NUMBERS, **_whole_numbers("month.vi_names")}
# A month's word after "tháng", longest first ("mười một" before "mười").
VI_MONTH_WORD = _P.vi_month_word.pattern


def quarter_number(q: str) -> int | None:
    """ "iv" → 4, "third" → 3, "2" → 2; None for anything else."""
    n = _QUARTER_WORDS.get(q) or (int(q) if q.isdigit() else 0)
    return n if 1 <= n <= 4 else None


EN_MONTHS = {m: i + 1 for i, m in enumerate(VOCAB.words("month.en"))}
EN_SHORT_MONTHS = {m: i + 1 for i, m in enumerate(VOCAB.words("month.en_short"))}


@frozen_record
class PeriodMention:
    start: int
    end: int
    year: int | None
    start_month: int
    end_month: int
    rule: str
    previous_year: bool = False  # "cùng kỳ năm trước xuất siêu ..." (same span, a year earlier)
    aside: bool = False  # "Riêng tháng 8", "In June alone": only for its own sentence
    # part of a month ("kỳ 2 tháng 8", "nửa đầu tháng 3", "đến hết ngày 15/8"): the fact
    # format cannot hold it, so figures of that period are not reported
    partial: bool = False
    # "last year": the year before the article's, set once that year is known
    years_back: int = 0


Production = Callable[[re.Match[str]], tuple[int | None, int, int] | None]
Starts = Callable[[str], list[int]]


@dataclass(frozen=True)
class PeriodRule:
    name: str
    pattern: re.Pattern[str]
    production: Production
    # Where a match can start, when that is cheap to know: the pattern is then tried only
    # there (``scan.finditer_at``), which finds exactly what ``finditer`` finds.
    starts: Starts | None = None

    def finditer(self, low: str) -> Iterator[re.Match[str]]:
        if self.starts is None:
            return finditer_present(self.pattern, low)
        return finditer_at(self.pattern, low, self.starts(low))


def _starting_with(*lists: str) -> Starts:
    """Matches begin with an entry of one of the vocabulary's ``lists``."""
    literals = tuple(w for name in lists for w in VOCAB.words(name))
    return lambda low: occurrences(low, literals)


def _year(m: re.Match[str], *groups: str) -> int | None:
    for g in groups:
        value = m.groupdict().get(g)
        if value:
            return int(value)
    return None


def _month_number(text: str) -> int | None:
    text = text.strip()
    if text.isdigit():
        n = int(text)
        return n if 1 <= n <= 12 else None
    return _EN_NUMBERS.get(text) or _VI_NUMBERS.get(text)


def _quarter(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    q = m.group("q")
    n = quarter_number(q)
    if n is None:
        return None
    return (_year(m, "y1", "y2"), 3 * n - 2, 3 * n)


def _quarters_to_date(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    """ "tính đến hết quý II", "kết thúc quý III", "by the end of the third quarter": January to
    the quarter's last month."""
    q = quarter_number(m.group("q"))
    return (_year(m, "y1", "y2"), 1, 3 * q) if q else None


def _quarters_in_words(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    """ "the first three quarters of 2023", "3 quý đầu năm": January to the last quarter's last
    month ("quý đầu năm" alone: the first quarter)."""
    n = _month_number(m.group("q")) if m.group("q") else 1
    return (_year(m, "y1"), 1, 3 * n) if n else None


def _cumulative(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    n = _month_number(m.group("n"))
    return (_year(m, "y1", "y2", "y3"), 1, n) if n else None


def _month_range(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    """ "từ tháng 1 đến tháng 7": the months from the first to the last named."""
    first, last = int(m.group("a")), int(m.group("n"))
    return (_year(m, "y1", "y2"), first, last) if 1 <= first <= last <= 12 else None


def _cumulative_number(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    n = _month_number(m.group("n") or m.group("w"))
    return (_year(m, "y1", "y2"), 1, n) if n else None


def _last_months(m: re.Match[str]) -> tuple[int | None, int, int] | None:  # "2 tháng cuối năm"
    n = _month_number(m.group("n") or m.group("w"))
    return (_year(m, "y1", "y2"), 13 - n, 12) if n else None


def _month(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    n = _month_number(m.group("m"))
    return (_year(m, "y1", "y2"), n, n) if n else None


def _month_word(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    n = _VI_MONTH_WORDS[m.group("m")]
    return (_year(m, "y1", "y2"), n, n)


def _to_month_word(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    """ "đến hết tháng Năm": January to the month named in words."""
    return (_year(m, "y1", "y2"), 1, _VI_MONTH_WORDS[re.sub(r"\s+", " ", m.group("m"))])


def _en_month(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    n = EN_MONTHS[m.group("m") or m.group("m2")]
    return (_year(m, "y1"), n, n)


def _en_month_range(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    """ "January-June", "between January and July"; "in January and February" only for two
    months in a row (the first two months, not two months apart)."""
    first, last = (
        EN_MONTHS[m.group("a") or m.group("a2") or m.group("a3") or m.group("a4")],
        EN_MONTHS[m.group("b")],
    )
    if m.group("a4") and last != first + 1:
        return None
    return (_year(m, "y1"), first, last)


def _whole_year(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    return (int(m.group("y1")), 1, 12)


def _last_year(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    """ "last year", unless it names a comparison ("over last year", "the same period last
    year"): the whole year, its number known only once the article's year is."""
    if _P.last_year_en_not_after.search(m.string, max(0, m.start() - 30), m.start()):
        return None
    return (None, 1, 12)


def _fixed(start: int, end: int) -> Production:
    return lambda m: (_year(m, "y1", "y2"), start, end)


_N_LENGTHS = sorted({1, 2, *(len(w) for w in _VI_NUMBERS)})


def _number_before_month(low: str) -> list[int]:
    """Starts of "<n> tháng": a number of 1-2 digits or a word of ``_VI_NUMBERS`` ending
    where the spaces before a "tháng" begin."""
    starts: set[int] = set()
    for q in occurrences(low, _MONTH_WORD):
        j = q
        while j > 0 and low[j - 1].isspace():  # str.isspace is what ``\s`` matches
            j -= 1
        if j < q:
            starts.update(j - n for n in _N_LENGTHS if j - n >= 0)
    return sorted(starts)


RULES: tuple[PeriodRule, ...] = (
    PeriodRule(
        "part of a month",
        _P.part_of_a_month,
        _month,
        _starting_with("period_start.part_of_a_month"),
    ),
    PeriodRule(
        "half month",
        _P.half_month,
        _month,
    ),
    PeriodRule(
        "to date (day)",
        _P.to_date_day,
        _cumulative,
        _starting_with("period_start.to_date"),
    ),
    PeriodRule(
        "range of months",
        _P.month_range,
        _month_range,
        _starting_with("period_start.to_date"),
    ),
    PeriodRule(
        "span of months",
        _P.month_span,
        _month_range,
        _starting_with("period_start.month_word"),
    ),
    PeriodRule(
        "to date (month)",
        _P.to_date_month,
        _cumulative,
        _starting_with("period_start.to_date"),
    ),
    PeriodRule(
        "to date (month in words)",
        _P.to_date_month_in_words,
        _to_month_word,
        _starting_with("period_start.to_date"),
    ),
    PeriodRule(
        "to date (quarter)",
        _P.to_date_quarter,
        _quarters_to_date,
        _starting_with("period_start.to_date_quarter"),
    ),
    PeriodRule(
        "quarter",
        _P.quarter,
        _quarter,
    ),
    PeriodRule(
        "first months of the year",
        _P.first_months_of_the_year,
        lambda m: _cumulative_number(m),
        _number_before_month,
    ),
    PeriodRule(
        "first quarter in words",
        _P.first_quarter_in_words,
        _quarters_in_words,
    ),
    PeriodRule(
        "first month of the year",
        _P.first_month_of_the_year,
        _fixed(1, 1),
        _starting_with("period_start.month_word"),
    ),
    PeriodRule(
        "last months of the year",
        _P.last_months_of_the_year,
        _last_months,
        _number_before_month,
    ),
    PeriodRule(
        "last month of the year",
        _P.last_month_of_the_year,
        _fixed(12, 12),
        _starting_with("period_start.month_word"),
    ),
    PeriodRule("half year", _P.half_year, _fixed(1, 6)),
    PeriodRule("second half", _P.second_half, _fixed(7, 12)),
    PeriodRule("month", _P.month, _month),
    PeriodRule("month abbreviated ('T1/2014')", _P.month_abbreviated, _month),
    PeriodRule(
        "month in words",
        _P.month_in_words,
        _month_word,
    ),
    PeriodRule(
        "year",
        _P.year,
        _whole_year,
        _starting_with("period_start.year"),
    ),
    PeriodRule(
        "the whole year in force",
        _P.this_whole_year,
        lambda m: (None, 1, 12),
        _starting_with("period_start.year", "period_start.year_en"),
    ),
    PeriodRule(
        "the first month (en)",
        _P.first_month_en,
        lambda m: (_year(m, "y1"), 1, 1),
        _starting_with("period_start.first_quarter_en"),
    ),
    PeriodRule(
        "first quarters (en)",
        _P.first_quarters_en,
        _quarters_in_words,
        _starting_with("period_start.first_quarters_en"),
    ),
    PeriodRule(
        "first months (en)",
        _P.first_months_en,
        _cumulative,
        _starting_with("period_start.first_months_en"),
    ),
    PeriodRule(
        "first quarter (en)",
        _P.first_quarter_en,
        _fixed(1, 3),
        _starting_with("period_start.first_quarter_en"),
    ),
    PeriodRule(
        "first half (en)",
        _P.first_half_en,
        _fixed(1, 6),
    ),
    PeriodRule(
        "month range (en)",
        _P.month_range_en,
        _en_month_range,
        _starting_with("month.en", "period_start.month_range_en"),
    ),
    PeriodRule(
        "to date (day, en)",
        _P.to_date_day_en,
        lambda m: (_year(m, "y1"), 1, EN_MONTHS[m.group("m")]),
        _starting_with("period_start.to_date_day_en"),
    ),
    PeriodRule(
        "to date (month, en)",
        _P.to_date_month_en,
        lambda m: (_year(m, "y1"), 1, EN_MONTHS[m.group("m")]),
        _starting_with("period_start.to_date_month_en"),
    ),
    PeriodRule(
        "a range of years",
        _P.year_range,
        _whole_year,
        _starting_with("period_start.year_range"),
    ),
    PeriodRule(
        "days of a month (en)",
        _P.day_range_en,
        lambda m: (_year(m, "y1"), EN_MONTHS[m.group("m")], EN_MONTHS[m.group("m")]),
        _starting_with("month.en", "period_start.month_range_en"),
    ),
    PeriodRule(
        "range of months, abbreviated (en)",
        _P.month_range_en_short,
        lambda m: (_year(m, "y1"), EN_SHORT_MONTHS[m.group("a")], EN_SHORT_MONTHS[m.group("b")]),
        _starting_with("month.en_short"),
    ),
    PeriodRule(
        "quarter (en)",
        _P.quarter_en,
        _quarter,
        _starting_with("period_start.quarter_en"),
    ),
    PeriodRule(
        "quarter in words (en)",
        _P.quarter_in_words_en,
        _quarter,
        _starting_with("period_start.quarter_in_words_en"),
    ),
    PeriodRule(
        "month last year (en)",
        _P.month_last_year_en,
        lambda m: (None, EN_MONTHS[m.group("m")], EN_MONTHS[m.group("m")]),
        _starting_with("period_start.month_en"),
    ),
    PeriodRule(
        "year (en)",
        _P.year_en,
        _whole_year,
        _starting_with("period_start.year_en"),
    ),
    PeriodRule(
        "last year (en)",
        _P.last_year_en,
        _last_year,
        _starting_with("period_start.last_year_en"),
    ),
    PeriodRule(
        "month (en)",
        _P.month_en,
        _en_month,
        _starting_with("period_start.month_en", "month.en"),
    ),
)

_PARTIAL_RULES = frozenset(
    {"part of a month", "half month", "days of a month (en)", "a range of years"}
)
_YEARS_BACK = {"last year (en)": 1, "month last year (en)": 1}
_MONTH_END = 28  # "đến hết ngày 31/8" closes August; "đến hết ngày 15/8" does not


def _mention(
    low: str, m: re.Match[str], rule: str, year: int | None, first: int, last: int
) -> PeriodMention:
    start, end = m.span()
    aside = (
        bool(_P.aside_before.search(low[max(0, start - 16) : start]))
        or bool(_P.aside_after.match(low, end))
        or bool(m.groupdict().get("m2"))  # "March imports were ...": that sentence only
    )
    day = m.groupdict().get("d")
    partial = rule in _PARTIAL_RULES or (day is not None and int(day) < _MONTH_END)
    partial = partial or bool(m.groupdict().get("mid"))  # "from January to mid-August"
    back = _YEARS_BACK.get(rule, 0) or int(
        year is None and low.endswith("năm", 0, end) and bool(_P.last_year_after.match(low, end))
    )  # "hai tháng đầu năm ngoái": the months of the year before
    return PeriodMention(
        start, end, year, first, last, rule, aside=aside, partial=partial, years_back=back
    )


def find_periods(low: str) -> list[PeriodMention]:
    """Every period expression of the text (not those that name a comparison basis)."""
    found: list[PeriodMention] = []
    taken = Disjoint()
    for m in finditer_at(
        _P.same_period_of_year, low, occurrences(low, _SAME_PERIOD_OF_YEAR_STARTS)
    ):
        named = int(m.group("y") or m.group("y2"))
        found.append(PeriodMention(m.start(), m.end(), named, 0, 0, "same period of a year", True))
        taken.add(*m.span())
    for rule in RULES:
        for m in rule.finditer(low):
            start, end = m.span()
            if taken.overlaps(start, end):
                continue
            if _P.comparison_before.search(low[max(0, start - 50) : start]):
                taken.add(start, end)
                continue
            produced = rule.production(m)
            if produced is None:
                continue
            year, first, last = produced
            if first > last:
                continue
            taken.add(start, end)
            since = _P.since_before.search(low, max(0, start - 8), start)
            if since and (
                first == last
                or (
                    "quarter" in rule.name
                    and _P.mid_clause.match(low, max(0, since.start() - 2), since.start())
                )
                or (
                    rule.name.startswith("year")
                    and (
                        _P.ever_since.search(low, max(0, start - 12), start)
                        or _P.mid_clause.match(low, max(0, since.start() - 2), since.start())
                    )
                )
            ):
                # "từ tháng 9", "gom hàng từ quý II", "kể từ năm 2022", "xu hướng sụt giảm từ
                continue  # năm 2018": when it began
            found.append(_mention(low, m, rule.name, year, first, last))
    # Every match begins with "cùng" or "năm" (the "^" and lookbehinds are zero-width).
    for m in finditer_at(
        _P.same_period_last_year, low, occurrences(low, _SAME_PERIOD_LAST_YEAR_STARTS)
    ):
        if not taken.overlaps(m.start(), m.end()):
            found.append(PeriodMention(m.start(), m.end(), None, 0, 0, "same period", True))
    return sorted(found, key=lambda p: p.start)


WHOLE_YEAR_RULES = frozenset({"year", "year (en)"})
