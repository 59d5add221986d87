"""What a period pattern's match means: its year (when it names one) and its first and last
months, one production per kind of period, for the rules of ``periods.py``."""

from __future__ import annotations

import re
from collections.abc import Callable

from extractor.rules.vocab import PATTERNS, VOCAB

_P = PATTERNS.of("period_values")


def _whole_numbers(name: str) -> dict[str, int]:
    return {word: int(n) for word, n in VOCAB.numbers(name).items()}


_QUARTER_WORDS = _whole_numbers("number.roman") | _whole_numbers("number.en_ordinal")
_EN_NUMBERS = _whole_numbers("number.en")
VI_NUMBERS = _whole_numbers("number.vi")
# Month names are the numbers, plus the traditional names of the first, fourth and last month.
_VI_MONTH_WORDS = {**VI_NUMBERS, **_whole_numbers("month.vi_names")}


def quarter_number(q: str) -> int | None:
    """ "iv" → 4, "third" → 3, "2" → 2; None for anything else."""
    n = _QUARTER_WORDS.get(q) or (int(q) if q.isdigit() else 0)
    return n if 1 <= n <= 4 else None


EN_MONTHS = {m: i + 1 for i, m in enumerate(VOCAB.words("month.en"))}
EN_SHORT_MONTHS = {m: i + 1 for i, m in enumerate(VOCAB.words("month.en_short"))}


Production = Callable[[re.Match[str]], tuple[int | None, int, int] | None]


def year_of(m: re.Match[str], *groups: str) -> int | None:
    """The year the first of ``groups`` that matched names, if any."""
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
    return _EN_NUMBERS.get(text) or VI_NUMBERS.get(text)


def quarter(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    q = m.group("q")
    n = quarter_number(q)
    if n is None:
        return None
    return (year_of(m, "y1", "y2"), 3 * n - 2, 3 * n)


def quarters_to_date(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    """ "tính đến hết quý II", "kết thúc quý III", "by the end of the third quarter": January to
    the quarter's last month."""
    q = quarter_number(m.group("q"))
    return (year_of(m, "y1", "y2"), 1, 3 * q) if q else None


def quarters_in_words(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    """ "the first three quarters of 2023", "3 quý đầu năm": January to the last quarter's last
    month ("quý đầu năm" alone: the first quarter)."""
    n = _month_number(m.group("q")) if m.group("q") else 1
    return (year_of(m, "y1"), 1, 3 * n) if n else None


def cumulative(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    n = _month_number(m.group("n"))
    return (year_of(m, "y1", "y2", "y3"), 1, n) if n else None


def month_range(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    """ "từ tháng 1 đến tháng 7": the months from the first to the last named."""
    first, last = int(m.group("a")), int(m.group("n"))
    return (year_of(m, "y1", "y2"), first, last) if 1 <= first <= last <= 12 else None


def cumulative_number(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    n = _month_number(m.group("n") or m.group("w"))
    return (year_of(m, "y1", "y2"), 1, n) if n else None


def last_months(m: re.Match[str]) -> tuple[int | None, int, int] | None:  # "2 tháng cuối năm"
    n = _month_number(m.group("n") or m.group("w"))
    return (year_of(m, "y1", "y2"), 13 - n, 12) if n else None


def month(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    n = _month_number(m.group("m"))
    return (year_of(m, "y1", "y2"), n, n) if n else None


def month_word(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    n = _VI_MONTH_WORDS[m.group("m")]
    return (year_of(m, "y1", "y2"), n, n)


def to_month_word(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    """ "đến hết tháng Năm": January to the month named in words."""
    return (year_of(m, "y1", "y2"), 1, _VI_MONTH_WORDS[re.sub(r"\s+", " ", m.group("m"))])


def en_month(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    n = EN_MONTHS[m.group("m") or m.group("m2")]
    return (year_of(m, "y1"), n, n)


def en_month_range(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    """ "January-June", "between January and July"; "in January and February" only for two
    months in a row (the first two months, not two months apart)."""
    first, last = (
        EN_MONTHS[m.group("a") or m.group("a2") or m.group("a3") or m.group("a4")],
        EN_MONTHS[m.group("b")],
    )
    if m.group("a4") and last != first + 1:
        return None
    return (year_of(m, "y1"), first, last)


def whole_year(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    return (int(m.group("y1")), 1, 12)


def last_year(m: re.Match[str]) -> tuple[int | None, int, int] | None:
    """ "last year", unless it names a comparison ("over last year", "the same period last
    year"): the whole year, its number known only once the article's year is."""
    if _P.last_year_en_not_after.search(m.string, max(0, m.start() - 30), m.start()):
        return None
    return (None, 1, 12)


def fixed(start: int, end: int) -> Production:
    return lambda m: (year_of(m, "y1", "y2"), start, end)
