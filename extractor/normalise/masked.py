"""Detect corpora that publish articles with every number masked.

Such corpora replace each number with one placeholder digit ("1") and each comma
with "7". Reporting those placeholders as figures would be inventing data, so a
masked article yields ``numbers_masked: true`` and no numeric facts.
"""

from __future__ import annotations

import re

_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
_BEFORE_UNIT = re.compile(
    r"(?<![\w.,])(\d+(?:[.,]\d+)*)\s*(?:%|tỷ|tỉ|triệu|nghìn|ngàn|tấn|USD|usd)", re.IGNORECASE
)
_LONE_SEVEN = re.compile(r"(?:(?<=\s)|^)7(?=\s|$)", re.MULTILINE)
_MIN_UNIT_NUMBERS = 3


def looks_masked(text: str) -> bool:
    """True when every number next to a unit is the same placeholder and commas became '7'.

    Real articles state figures such as "33,19 tỷ USD" and "548.000 tấn": many distinct
    values. A masked one states "1 tỷ USD", "1 %" over and over, with free-standing
    "7" tokens where punctuation was.
    """
    # Real articles show a second distinct figure within a few numbers: stop reading there.
    unit_numbers: list[str] = []
    for m in _BEFORE_UNIT.finditer(text):
        if unit_numbers and m.group(1) != unit_numbers[0]:
            return False
        unit_numbers.append(m.group(1))
    if len(unit_numbers) < _MIN_UNIT_NUMBERS:
        return False
    placeholders = {n for n in unit_numbers}
    all_numbers = _NUMBER.findall(text)
    distinct = set(all_numbers)
    lone_sevens = len(_LONE_SEVEN.findall(text))
    return len(placeholders) == 1 and distinct <= {"1", "7", *placeholders} and lone_sevens >= 2
