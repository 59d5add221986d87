"""Vietnamese and English number and unit parsing.

"33,19 tỷ USD" → 33.19e9 USD; "548.000 tấn" → 548000 t; "1,2 triệu tấn" → 1.2e6 t;
"99.36 billion USD" → 99.36e9 USD; "1.9bln USD". Qualifiers such as "gần", "hơn",
"ước đạt" are kept apart from the value: the value is the number written.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from extractor.records import frozen_record


class Unit(StrEnum):
    USD = "usd"
    USD_PER_UNIT = "usd_per_unit"  # a price ("3.127 USD/tấn"), never a trade value
    VND = "vnd"
    PERCENT = "percent"
    TONNE = "tonne"
    NONE = "none"


@frozen_record
class Amount:
    """A number stated in the text with its unit, already scaled to base units."""

    start: int
    end: int
    value: float
    unit: Unit
    text: str
    qualifier: str | None = None


_SCALES: dict[str, float] = {
    "nghìn tỷ": 1e12,
    "ngàn tỷ": 1e12,
    "nghìn tỉ": 1e12,
    "ngàn tỉ": 1e12,
    "nghìn": 1e3,
    "ngàn": 1e3,
    "triệu": 1e6,
    "tỷ": 1e9,
    "tỉ": 1e9,
    "trillion": 1e12,
    "billion": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "bil": 1e9,  # "US$8.21bil" (Malaysian press)
    "million": 1e6,
    "mln": 1e6,
    "mn": 1e6,  # "$670 mn"
    "mil": 1e6,
    "m": 1e6,
    "thousand": 1e3,
}

_SCALE_DECIMALS = {word: Decimal(repr(scale)) for word, scale in _SCALES.items()}
_SPACES = re.compile(r"\s+")
_SCALE_RE = "|".join(sorted((re.escape(s) for s in _SCALES), key=len, reverse=True))
_NUM_RE = r"\d+(?:[.,]\d+)*"
_PER_UNIT_RE = r"(?:\s*/\s*(?:tấn|kg|lb|tonnes?|tons?))?"
# "tỉ đô-la Mỹ", "2.1 billion U.S. dollars", "US dollars", "5,2 tỷ $" (a "$" after a scale word
# only: "increased by 11.4$" is a percent mistyped): the country names the currency
_CURRENCY_RE = (
    r"(?:USD|US\$|(?<=[^\W\d]\s)\$|(?<=[^\W\d])\$|đô[\s-]+la(?:\s+Mỹ)?|đôla|đô(?!\s+thị)|(?:U\.?\s?S\.?\s+|American\s+)?dollars?|đồng|VND|VNĐ)"
    + _PER_UNIT_RE
)
_TONNE_RE = (
    r"(?:tấn|(?:metric\s+)?(?:tonnes?|tons?)|MT)(?!\s*/)"  # "USD/tấn" is a price, not a tonnage
)

# Not after a word character, a dot or a comma; then an optional currency prefix, spaces and
# digits, so a match can only begin at a space, a digit, "$" or "U": the lookahead rejects
# every other position at once (the same matches, about a third faster than without it). A
# percent may be joined to the word after it by a page stripped of its markup
# ("18%year-on-year"); digits joined to the word before them ("chiếm18,8%") are not read: a
# start after any letter costs the scan of every article about 0.05-0.1 ms.
AMOUNT_RE = re.compile(
    rf"(?<![\w.,])(?=[\s\d$u])(?:(?P<prefix>US\$|\$\s?US(?![\w])|\$|USD\s?)|)\s*(?P<num>{_NUM_RE})"
    # "a US$17.8-billion deficit"; "324,68 triệuUSD" (the unit joined to its scale)
    rf"(?:(?:\s*|-(?=[a-z]))(?P<scale>{_SCALE_RE})(?:(?![\w])|(?=(?:USD|VND|VNĐ)(?![\w]))))?"
    # "a 13.7-percent increase": English joins the unit to an attributive figure
    rf"(?:(?:\s*|-(?=per\s*cent))(?P<unit>%|(?:phần\s+trăm|percent|per\s+cent|pct|{_CURRENCY_RE}|{_TONNE_RE})(?![\w])))?",
    re.IGNORECASE,
)

# Numbers written as words, from the rules' vocabulary ("năm tỉ USD", "four billion dollars",
# "a five-percent increase"); read only with a scale word or a percent after them, so that
# "năm 2015" (the year) or "hai chiều" (two-way) stay words.
# (read from the file itself: importing the rules package from here would be circular)
with (Path(__file__).parent / "rules" / "vocab" / "numbers.toml").open("rb") as _f:
    _NUMBERS = tomllib.load(_f)["number"]
_NUMBER_WORDS: dict[str, int] = {  # one word each ("mười một" is rare)
    w: n for lang in ("en", "vi") for w, n in _NUMBERS[lang].items() if " " not in w
}
_AFTER_NUMBER_WORD = (
    "tỷ",
    "tỉ",
    "triệu",
    "nghìn",
    "ngàn",
    "billion",
    "million",
    "thousand",
    "percent",
    "per cent",
    "phần trăm",
)
_WORD_AMOUNT_RE = re.compile(
    r"(?<![\w])(?P<num>"
    + "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True))
    + rf")(?:[\s-]+(?P<scale>{_SCALE_RE}))?[\s-]+"
    rf"(?P<unit>%|phần\s+trăm|percent|per\s+cent|{_CURRENCY_RE}|{_TONNE_RE})(?![\w])",
    re.IGNORECASE,
)

# Words before a number that qualify it without changing it. The approximate ones also say
# how exactly the figure is known ("gần 70 tỷ" is looser than "70,12 tỷ").
APPROXIMATE_QUALIFIERS: tuple[str, ...] = (
    "ước đạt khoảng",
    "ước đạt gần",
    "ước đạt hơn",
    "xấp xỉ",
    "khoảng",
    "gần",
    "hơn",
    "trên",
    "dưới",
    "more than",
    "over",
    "nearly",
    "almost",
    "about",
    "around",
    "approximately",
    "some",
)
QUALIFIERS: tuple[str, ...] = (
    *APPROXIMATE_QUALIFIERS,
    "ước đạt",
    "ước tính đạt",
    "ước tính",
    "tới",
    "lên tới",
    "lên đến",
)
_LONGEST_QUALIFIER = max(len(q) for q in QUALIFIERS)
_FOLDED_QUALIFIERS = tuple(q.casefold() for q in QUALIFIERS)


def _may_end_with_qualifier(tail: str) -> bool:
    """False when no qualifier ends ``tail``. Where each character folds to the one it
    lowers to (all but a few, such as "ſ" and "İ", for which the pattern is asked), the
    folded text ends with a folded qualifier if ``re.IGNORECASE`` sees one there."""
    folded = tail.casefold()
    if len(folded) != len(tail) or folded != tail.lower():
        return True
    return folded.endswith(_FOLDED_QUALIFIERS)


_QUALIFIER_RE = re.compile(
    r"(?:^|(?<=\W))(" + "|".join(re.escape(q) for q in QUALIFIERS) + r")\s*$", re.IGNORECASE
)


# The members read where every number is built, as plain globals: in Python 3.11 each read
# of ``Unit.X`` goes through the enum class's ``__getattr__`` hook (several times slower).
_USD, _PERCENT, _TONNE, _NONE = Unit.USD, Unit.PERCENT, Unit.TONNE, Unit.NONE
_USD_PER_UNIT, _VND = Unit.USD_PER_UNIT, Unit.VND


def _unit(token: str | None, prefix: str | None) -> Unit:
    if token is None:
        return _USD if prefix else _NONE
    low = token.lower()
    if low in ("%", "pct") or "trăm" in low or "cent" in low:
        return _PERCENT
    if low.startswith(("tấn", "ton", "mt", "metric")):
        return _TONNE
    if "/" in low:
        return _USD_PER_UNIT
    if low in {"đồng", "vnd", "vnđ"}:
        return _VND
    return _USD


def parse_number(text: str, *, decimal: str = ",") -> float:
    """Parse one written number.

    Vietnamese (decimal ","): "33,19" → 33.19, "548.000" → 548000, "1.234,5" → 1234.5.
    English (decimal "."): "99.36" → 99.36, "1,234.5" → 1234.5.
    A separator followed by exactly three digits in a group of several is a
    thousands separator whatever the language ("2.587" in Vietnamese is 2587, but
    "2,587 tỷ" is 2.587 milliard); a lone "." followed by other than three digits
    is a decimal point in either language ("62.0 tỷ").
    """
    text = text.strip()
    thousands = "." if decimal == "," else ","
    if decimal in text and thousands in text:
        return float(text.replace(thousands, "").replace(decimal, "."))
    if thousands in text:
        groups = text.split(thousands)
        if all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3:
            return float("".join(groups))
        if len(groups) == 2:  # "62.0 tỷ" in Vietnamese, "1,5" in English: the other decimal
            return float(groups[0] + "." + groups[1])
        return float("".join(groups))
    if decimal in text:
        groups = text.split(decimal)
        if len(groups) > 2:  # "1,234,567" with commas in a Vietnamese text: thousands
            return float("".join(groups))
        return float(groups[0] + "." + groups[1])
    return float(text)


# "14 and 17.5 per cent", "14 và 17,5%": the first number of the pair takes the percent after it
_PERCENT_PAIR = re.compile(
    r"\s+(?:and|và|or|hoặc)\s+\d+(?:[.,]\d+)?\s*(?:%|phần\s+trăm|percent|per\s*cent)(?![\w])",
    re.IGNORECASE,
)
_NOT_A_RATE_BEFORE = re.compile(
    r"(?:tháng|quý|năm|month|months|quarter|ngày|day)\s*$", re.IGNORECASE
)


def _shares_the_percent(text: str, m: re.Match[str], num: str) -> bool:
    """A bare number joined by "and" / "và" to a percent is a percent too (not a year, a
    month or a quarter: "tháng 5 và 6%")."""
    if len(num) == 4 and num.isdigit():
        return False  # a year
    if not _PERCENT_PAIR.match(text, m.end("num")):
        return False
    return not _NOT_A_RATE_BEFORE.search(text, max(0, m.start() - 12), m.start())


# More than any year of Vietnam's trade: "$US 6,334 billion" is 6.334 billion written with the
# other decimal mark
_IMPLAUSIBLE_USD = Decimal("1.5e12")
_ONE_GROUP = re.compile(r"\d{1,3}[.,]\d{3}")


def _separator_as_decimal(number: Decimal, num: str, unit: Unit) -> Decimal:
    """A scaled dollar amount too large for any trade figure, written with one separator
    before three digits, read with that separator as the decimal mark."""
    if unit is _USD and number >= _IMPLAUSIBLE_USD and _ONE_GROUP.fullmatch(num):
        return number / 1000
    return number


def _separator_as_thousands(number: Decimal, num: str, unit: Unit) -> Decimal:
    """Tonnes without a scale word, written with one separator before three digits: a
    thousands separator whichever the language ("Nam Hàn: 545,745 tấn" in a text with
    decimal commas is 545,745 tonnes, "nearly 177.000 tons" in one with decimal points
    177,000; nobody weighs a shipment to the kilogram in tonnes)."""
    if unit is Unit.TONNE and _ONE_GROUP.fullmatch(num) and not num.startswith("0"):
        return Decimal(num.replace(",", "").replace(".", ""))
    return number


def find_amounts(
    text: str,
    *,
    decimal: str = ",",
    units: Collection[Unit] | None = None,
    low: str | None = None,
) -> list[Amount]:
    """Every number in ``text`` with its scale, unit and qualifier, in base units.

    Years ("2025"), dates ("5/7/2025") and month numbers ("tháng 6") come back with
    ``Unit.NONE`` so that callers can ignore them. With ``units``, only amounts in those
    units are built (the same ones, cheaper than building all and filtering). ``low``: the
    text lower-cased character for character, if the caller has it.
    """
    amounts: list[Amount] = []
    for m in AMOUNT_RE.finditer(text):
        unit_word, prefix, num, scale_word = m.group("unit", "prefix", "num", "scale")
        unit = _unit(unit_word, prefix)
        if unit is _NONE and not scale_word and _shares_the_percent(text, m, num):
            unit = _PERCENT  # "annual increases of 14 and 17.5 per cent", "tăng 14 và 17,5%"
        if units is not None and unit not in units:
            continue
        try:
            number = Decimal(repr(parse_number(num, decimal=decimal)))
        except ValueError:
            continue
        if scale_word:
            scale_key = _SPACES.sub(" ", scale_word.lower())
            if scale_key == "m" and unit is not _USD:
                scale_word = None  # "5 m" alone is not a million
            else:
                number *= _SCALE_DECIMALS[scale_key]
                number = _separator_as_decimal(number, num, unit)
        else:
            number = _separator_as_thousands(number, num, unit)
        end = m.end() if (unit_word or scale_word) else m.end("num")
        start = m.start("prefix") if prefix else m.start("num")
        amounts.append(
            Amount(
                start=start,
                end=end,
                value=float(number),
                unit=unit,
                text=text[start:end],
                qualifier=_qualifier(text, start),
            )
        )
    in_words = _amounts_in_words(text, units, text.lower() if low is None else low)
    return sorted(amounts + in_words, key=lambda a: a.start) if in_words else amounts


def _qualifier(text: str, start: int) -> str | None:
    """The qualifier right before the number at ``start`` ("gần", "more than"), if any."""
    before = text[max(0, start - 24) : start]
    # A qualifier ends where the trailing spaces begin: no need to try further left.
    trimmed = before.rstrip()
    if not _may_end_with_qualifier(trimmed[-_LONGEST_QUALIFIER:]):
        return None
    q = _QUALIFIER_RE.search(before, max(0, len(trimmed) - _LONGEST_QUALIFIER))
    return q.group(1).lower() if q else None


def _word_amount_starts(low: str) -> list[int]:
    """Where a number word stands right before a scale word or a percent: each of those words
    is looked for with ``str.find`` (a pattern that opens with a word would be tried at every
    letter of the text)."""
    starts = set()
    for after in _AFTER_NUMBER_WORD:
        i = low.find(after)
        while i >= 0:
            end = i
            while end > 0 and low[end - 1] in " -":
                end -= 1
            start = end
            while start > 0 and low[start - 1].isalpha():
                start -= 1
            if end < i and low[start:end] in _NUMBER_WORDS:
                starts.add(start)
            i = low.find(after, i + 1)
    return sorted(starts)


def _amounts_in_words(text: str, units: Collection[Unit] | None, low: str) -> list[Amount]:
    """ "hơn năm tỉ USD", "four billion dollars", "increased eight percent": a number word
    with a scale word, or a percent, after it."""
    if len(low) != len(text):
        return []  # (a character that lowers to two: the offsets would not agree)
    found = []
    starts = _word_amount_starts(low)
    for m in filter(None, (_WORD_AMOUNT_RE.match(text, s) for s in starts)):
        unit = _unit(m.group("unit"), None)
        scale = m.group("scale")
        if (unit is not _PERCENT and not scale) or (units is not None and unit not in units):
            continue
        value = _NUMBER_WORDS[m.group("num").lower()] * (
            _SCALES[_SPACES.sub(" ", scale.lower())] if scale else 1
        )
        found.append(
            Amount(m.start(), m.end(), float(value), unit, m.group(), _qualifier(text, m.start()))
        )
    return found


_VI_DECIMAL = re.compile(r"\d,\d{1,2}(?!\d)\s*(?:%|tỷ|triệu)")
_EN_DECIMAL = re.compile(
    r"\d\.\d{1,2}(?!\d)\s*(?:%|percent|per\s+cent|pct|billion|million|bln|mln|mn|bil|mil)"
)
# thousands grouped the English way ("35,000 tonnes") or the Vietnamese way ("35.000 tấn"):
# what tells the mark in a text with no decimal before a percent or a scale word (before one,
# "3,387 tỷ USD" is a decimal)
_NO_SCALE = r"(?!\s*(?:%|tỷ|tỉ|triệu|nghìn|ngàn|billion|million|bn|mn|per))"
_EN_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])" + _NO_SCALE)
_VI_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d.])" + _NO_SCALE)


def detect_decimal(text: str) -> str:
    """Guess the decimal mark: "," for Vietnamese text, "." for English."""
    vi = len(_VI_DECIMAL.findall(text))
    en = len(_EN_DECIMAL.findall(text))
    if en == vi:
        vi, en = len(_VI_THOUSANDS.findall(text)), len(_EN_THOUSANDS.findall(text))
    return "." if en > vi else ","


def same_value(a: float, b: float, *, rel: float = 0.005, abs_tol: float = 0.051) -> bool:
    """Equal within the tolerance of the evaluation spec (0.5 % relative, or 0.051 absolute)."""
    return abs(a - b) <= max(abs(b) * rel, abs_tol if abs(b) < 1000 else 0.0)
