"""Numbers that are no fact: thresholds, prices, targets, forecasts, local figures, ...

``TABLE`` is tried before any key is read; the first rule that hits names why the
number is left out (``extractor explain --at`` shows it).
"""

from __future__ import annotations

import re

from extractor.numbers import Unit
from extractor.rules import lexicon
from extractor.rules.context import Ask
from extractor.rules.engine import Rule, Span, rule
from extractor.rules.scan import any_between

PRICE_TOPIC = re.compile(
    r"(?<![\w])(?<!trị )(?<!đánh )(?:giá(?! trị)(?![\w])|sản lượng|price|prices|tỷ giá|cước|"
    r"exchange rate|interest rate|lãi suất|lạm phát|inflation|cpi(?![\w])|"
    r"vốn đăng ký|vốn thực hiện|"
    r"vốn fdi|tổng vốn|doanh thu|tập đoàn|công ty|samsung|đầu tư nước ngoài đăng ký|"
    r"bình quân|mỗi khách|lượt khách|per capita|per visitor|"
    r"investment\s+pledges|direct\s+investment|disbursed|gross\s+domestic\s+product|gdp|"
    r"targeting|targets|tăng\s+trưởng\s+kinh\s+tế|registered\s+fdi|fdi\s+inflows)"
)
TARGET_BEFORE = re.compile(
    r"(?:mục tiêu|kế hoạch|chỉ tiêu|targets?|goal|aims? (?:for|at|to reach))"
    r"(?:\s+[^\d\s,;.:]+){0,7}\s*$"
)
# A forecast or a condition states no outcome: "Nếu ... thì cả năm có thể đạt trên 400 tỷ USD".
FORECAST = re.compile(
    r"(?:^|[\s,(])(?:" + "|".join(re.escape(w) for w in lexicon.FORECAST_WORDS) + r")(?![\w])"
    r"(?!\s+(?:tính|so sánh|xét))"  # "nếu tính đến hết tháng 4": a way of counting
)
# Figures of one province or city are not the country's trade.
LOCAL = re.compile(
    r"(?<![\w])(?:" + "|".join(re.escape(w) for w in lexicon.LOCAL_WORDS) + r")(?![\w])"
)
_QUANTITY_CHANGE_AFTER = re.compile(r"^\s*(?:về\s+lượng|in\s+volume|in\s+quantity)")
_MULTIPLE_BEFORE = re.compile(r"(?:gấp|lần)\s*(?:hơn\s+|gần\s+)?$")
_THRESHOLD_AFTER = re.compile(r"^\s*(?:trở\s+lên|là\s)")
_THRESHOLD_BEFORE = re.compile(
    r"(?:vượt|vượt\s+mốc|vượt\s+ngưỡng|vượt\s+kim\s+ngạch|mốc|ngưỡng)\s*$"
)
_TARGET_AFTER = re.compile(
    r"^\s*(?:kế hoạch|mục tiêu|chỉ tiêu|of the (?:annual )?(?:target|plan|goal))"
)
# "$513 per tonne", "$360-$365 a tonne", "2.9 USD a kilogram": prices, not values
_PER_UNIT_AFTER = re.compile(
    r"(?:\s*[-–]\s*\$?\d[\d.,]*)?\s+(?:a|per|each|mỗi|một)\s+"
    r"(?:metric\s+)?(?:tonnes?|tons?|kg|kilograms?|kilos?|tấn|pounds?|lb)(?![\w])"
)
# "a 46% tariff", "a 40% rate applies", "thuế suất 20%", "mức thuế đối ứng 46%"
_TARIFF_AFTER = re.compile(
    r"\s+(?:(?:reciprocal|import|export|punitive|additional|retaliatory)\s+)?"
    r"(?:tariffs?|duty|duties|levy|rate)(?![\w])"
)
_TARIFF_BEFORE = re.compile(
    r"(?:thuế\s+suất|mức\s+thuế|thuế\s+đối\s+ứng|thuế\s+nhập\s+khẩu|thuế\s+xuất\s+khẩu|"
    r"tariffs?\s+of|duty\s+of|levy\s+of)(?:\s+\w+){0,2}\s*(?:là\s+|lên\s+|ở\s+mức\s+)?$"
)
# "..., after reaching a record $10.5 billion": what follows is an outcome again
_CLAUSE_TURN = re.compile(r",\s+(?:after|sau\s+khi|while|whereas|trong\s+khi)\s")

Hit = tuple[bool, Span | None] | None


def _found(m: re.Match[str] | None, offset: int = 0) -> Hit:
    return (True, (offset + m.start(), offset + m.end())) if m else None


def _after_clause_turn(low: str, start: int, end: int) -> int:
    """Where the last clause of ``low[start:end]`` begins after a turn such as ", after"."""
    turns = [m.end() for m in _CLAUSE_TURN.finditer(low, start, end)]
    return turns[-1] if turns else start


@rule("counts goods over a threshold")
def _counts(q: Ask) -> Hit:
    return (True, None) if q.start in q.doc.in_count else None


@rule("a price per unit ('$513 per tonne')")
def _per_unit(q: Ask) -> Hit:
    if q.anchor.amount.unit is not Unit.USD:
        return None
    return _found(_PER_UNIT_AFTER.match(q.doc.low, q.end))


@rule("a threshold ('trên 1 tỷ USD trở lên', 'vượt mốc')")
def _threshold(q: Ask) -> Hit:
    low, a = q.doc.low, q.anchor.amount
    hit = _found(_THRESHOLD_AFTER.match(low[a.end : a.end + 12]), a.end)
    if hit is None and a.unit is not Unit.PERCENT:
        lo = max(0, a.start - 30)
        hit = _found(_THRESHOLD_BEFORE.search(low[lo : a.start]), lo)
    return hit


@rule("a forecast or a condition")
def _forecast(q: Ask) -> Hit:
    low, a = q.doc.low, q.anchor.amount
    clause_start = max(q.anchor.sentence[0], low.rfind(";", 0, a.start) + 1)
    if not q.doc.forecast_words.overlap(clause_start, a.start):
        return None
    return _found(FORECAST.search(low, _after_clause_turn(low, clause_start, a.start), a.start))


@rule("a province's, city's or company's figure")
def _local(q: Ask) -> Hit:
    s0 = q.anchor.sentence[0]
    if not q.doc.local_words.overlap(s0, q.start):
        return None
    return _found(LOCAL.search(q.doc.low, s0, q.start))


@rule("a target")
def _target(q: Ask) -> Hit:
    if not any_between(q.doc.target_words, q.start - 60, q.start):
        return None
    lo = max(0, q.start - 60)
    return _found(TARGET_BEFORE.search(q.doc.low[lo : q.start]), lo)


@rule("a tariff or duty rate")
def _tariff(q: Ask) -> Hit:
    if q.anchor.amount.unit is not Unit.PERCENT:
        return None
    low = q.doc.low
    return _found(_TARIFF_AFTER.match(low, q.end)) or _found(
        _TARIFF_BEFORE.search(low, max(0, q.start - 30), q.start)
    )


@rule("share of a target achieved")
def _of_target(q: Ask) -> Hit:
    if q.anchor.amount.unit is not Unit.PERCENT:
        return None
    return _found(_TARGET_AFTER.match(q.doc.low[q.end : q.end + 25]), q.end)


@rule("change in volume")
def _volume_change(q: Ask) -> Hit:
    if q.anchor.amount.unit is not Unit.PERCENT:
        return None
    return _found(_QUANTITY_CHANGE_AFTER.match(q.doc.low[q.end : q.end + 20]), q.end)


@rule("a multiple ('gấp 2 lần')")
def _multiple(q: Ask) -> Hit:
    lo = max(0, q.start - 12)
    return _found(_MULTIPLE_BEFORE.search(q.doc.low[lo : q.start]), lo)


@rule("describes what a change is compared with")
def _compared_with(q: Ask) -> Hit:
    regions = q.doc.regions
    paren = regions.paren_of(q.start)
    if paren and any(abs(end - paren[0]) <= 2 for _, end in regions.comparisons):
        return (True, paren)
    return None


@rule("a crop year or season")
def _crop_year(q: Ask) -> Hit:
    return (True, None) if any_between(q.doc.crop_years, q.anchor.sentence[0], q.start) else None


@rule("about prices or output")
def _prices(q: Ask) -> Hit:
    s0 = q.anchor.sentence[0]
    if not any_between(q.doc.price_words, s0, q.start):
        return None
    return _found(PRICE_TOPIC.search(q.doc.low[s0 : q.start]), s0)


TABLE: tuple[Rule, ...] = (
    _counts,
    _per_unit,
    _threshold,
    _forecast,
    _local,
    _target,
    _tariff,
    _of_target,
    _volume_change,
    _multiple,
    _compared_with,
    _crop_year,
    _prices,
)
