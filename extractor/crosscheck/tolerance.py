"""How far a stated figure may be from the true one: half its last written digit.

"219,83 tỷ USD" is known to ±0,005 tỷ; "26,5%" to ±0,05. An approximate figure
("gần 70 tỷ", "hơn 26%", "khoảng") is known less well: one whole written step or
APPROX_REL of its size, whichever is larger. The written precision is read from
the number at the evidence span when there is one, else inferred from the value.
"""

from __future__ import annotations

import math
import re

from extractor.numbers import APPROXIMATE_QUALIFIERS, Amount
from extractor.types import Fact

APPROX_REL = 0.01
APPROXIMATE: frozenset[str] = frozenset(APPROXIMATE_QUALIFIERS)
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_ROUND_THOUSANDS = re.compile(r"\d{1,3}(?:[.,]000)+")


def written_step(fact: Fact, amount: Amount | None = None) -> float:
    """The value of one unit in the last digit written (in the fact's own units)."""
    if amount is not None and amount.value:
        step = _step_from_text(amount)
        if step is not None:
            return step
    return inferred_step(fact.value)


def inferred_step(value: float) -> float:
    """The largest power of ten that divides ``value`` (0,01 at the finest)."""
    value = abs(value)
    if value == 0:
        return 0.01
    step = 10.0 ** math.floor(math.log10(value))
    while step > 0.01 and not _is_multiple(value, step):
        step /= 10
    return step


def tolerance(fact: Fact, amount: Amount | None = None) -> float:
    """Half a written step; for approximate figures a whole step or APPROX_REL, if larger."""
    step = written_step(fact, amount)
    qualifier = (fact.qualifier or (amount.qualifier if amount else None) or "").lower()
    if qualifier in APPROXIMATE:
        return max(step, APPROX_REL * abs(fact.value))
    return step / 2


def _is_multiple(value: float, step: float) -> bool:
    ratio = value / step
    return abs(ratio - round(ratio)) < 1e-6 * max(1.0, ratio)


def _step_from_text(amount: Amount) -> float | None:
    """ "219,83 tỷ" (=219,83e9) → 1e7: the scale of the number divided by 10^decimals."""
    match = _DIGITS.search(amount.text)
    if match is None:
        return None
    digits = match.group()
    plain = re.sub(r"[.,]", "", digits)
    if not plain.isdigit() or int(plain) == 0:
        return None
    # value = int(plain) * step, whatever the separators meant
    step = abs(amount.value) / int(plain)
    if _ROUND_THOUSANDS.fullmatch(digits):  # "548.000 tấn": rounded to the thousand
        step *= 10 ** (len(plain) - len(plain.rstrip("0")))
    return float(f"{step:.6g}")
