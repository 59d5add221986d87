"""Numbers that are no fact: thresholds, prices, targets, forecasts, local figures, ...

``TABLE`` is tried before any key is read; the first rule that hits names why the
number is left out (``extractor explain --at`` shows it).
"""

from __future__ import annotations

import math
import re

from extractor.numbers import Unit
from extractor.rules.context import Ask
from extractor.rules.engine import Rule, Span, rule
from extractor.rules.partners import in_headline
from extractor.rules.scan import any_between
from extractor.rules.slots import foreign, local
from extractor.rules.slots.level import compared_period_in_parens
from extractor.rules.slots.lookups import (
    Hit,
    between,
    clause_start_of,
    hit_of,
    is_percent,
    said_after,
    search_hit,
    search_slice_hit,
)
from extractor.rules.slots.partner import NARROWING_START
from extractor.rules.vocab import PATTERNS
from extractor.rules.years import reached_by

_P = PATTERNS.of("notfact")
PRICE_TOPIC = _P.price_topic
PER_UNIT_AFTER = _P.per_unit_after  # "$10.9 per kilogram": a price (carry.py asks it too)
TARGET_BEFORE = _P.target_before
_TARGET_REACHED = _P.target_reached  # (``target_met``)

FORECAST = _P.forecast

LAST_YEAR_IN_PARENS = PATTERNS.of("level").paren_last_year_before
_EXCEEDED_BEFORE = PATTERNS.of("metric").exceeded_level_before  # "vượt 21 tỷ USD"
_PERCENT = (Unit.PERCENT,)
_NOT_PERCENT = tuple(u for u in Unit if u is not Unit.PERCENT)


def _after_clause_turn(low: str, start: int, end: int) -> int:
    """Where the last clause of ``low[start:end]`` begins after a turn such as ", after"."""
    turns = [m.end() for m in _P.clause_turn.finditer(low, start, end)]
    return turns[-1] if turns else start


@rule("counts goods over a threshold")
def _counts(q: Ask) -> Hit:
    return (True, None) if q.start in q.doc.in_count else None


_per_unit = said_after("a price per unit ('$513 per tonne')", _P.per_unit_after, units=(Unit.USD,))
_per_area = said_after(
    "a yield per area ('6.7 tonnes per ha')", _P.per_area_after, units=(Unit.TONNE,)
)


_ownership = said_after(
    "a share of ownership ('doanh nghiệp 100% vốn trong nước', '100% foreign-owned')",
    _P.ownership_after,
    units=_PERCENT,
)


@rule(
    "a change of the price just before it ('$2,995.8 per tonne, up 33.4%', '729 USD/tấn, tăng 5%')",
    units=_PERCENT,
    needs=(_P.per_unit_after, _P.slash_price_before),
)
def _change_after_price(q: Ask) -> Hit:
    doc, s0 = q.doc, q.anchor.sentence[0]
    slash = doc.search(_P.slash_price_before, max(s0, q.start - 60), q.start)
    if slash and not _P.value_change_after.match(doc.low, q.end):  # not "tăng 9,7% về kim ngạch"
        return hit_of(slash)  # (a price with a slash is no amount of the text)
    before = doc.amounts_in(s0, q.start)
    if not before:
        return None
    price = before[-1]
    m = _P.per_unit_after.match(doc.low, price.end) if price.unit is Unit.USD else None
    return hit_of(_P.change_after_price.fullmatch(doc.low, m.end(), q.start)) if m else None


_price_change = said_after(
    "a change of a price, the price after it ('Hà Lan giảm 7,1%, xuống còn 3.632 USD/tấn')",
    _P.price_after_change,
    units=_PERCENT,
    in_sentence=True,
)
_price_measure = said_after(
    "a change of a price, named after it ('tăng 11,7% về giá', 'up 5% in price')",
    _P.price_measure_after,
    units=_PERCENT,
)


@rule(
    "a threshold ('trên 1 tỷ USD trở lên', 'vượt mốc')",
    needs=(
        _P.threshold_after,
        _P.threshold_before,
        _P.threshold_group_before,
        _P.counted_group_before,
        _P.milestone_before,
    ),
)
def _threshold(q: Ask) -> Hit:
    low, a = q.doc.low, q.anchor.amount
    after = low[a.end : a.end + 12]  # (its match opens with "trở" or "là" past spaces)
    hit = (
        hit_of(_P.threshold_after.match(after), a.end)
        if after.lstrip().startswith(("trở", "là"))
        else None
    )
    if hit is None and a.unit is not Unit.PERCENT:
        hit = search_slice_hit(q, _P.threshold_before, max(0, a.start - 30), a.start)
    if hit is None and a.unit is not Unit.PERCENT:
        hit = search_slice_hit(q, _P.threshold_group_before, max(0, a.start - 80), a.start)
    if hit is None and a.unit is not Unit.PERCENT:
        lo = max(q.anchor.sentence[0], a.start - 140)
        hit = search_hit(q, _P.counted_group_before, lo, a.start)
    if hit is None and a.unit is not Unit.PERCENT and in_headline(q.doc.low, q.start):
        lo = max(0, a.start - 20)  # "Nhập siêu từ Trung Quốc vượt 21 tỷ USD": a headline's floor
        hit = search_slice_hit(q, _EXCEEDED_BEFORE, lo, a.start)
    if hit is None and a.unit is Unit.USD and _round(a.value):
        lo = max(0, a.start - 40)  # "the two-way turnover, which exceeded $100 billion"
        hit = search_hit(q, _P.milestone_before, lo, a.start)
    return hit


def _round(value: float) -> bool:
    """One significant digit (100 billion, 900 billion, 1 billion): a milestone's figure."""
    if value <= 0:
        return False
    scale = 10 ** math.floor(math.log10(value))
    return abs(value / scale - round(value / scale)) < 1e-9


@rule("a forecast or a condition", needs=(FORECAST,))
def _forecast(q: Ask) -> Hit:
    low, a = q.doc.low, q.anchor.amount
    clause_start = clause_start_of(q, a.start)
    if not q.doc.forecast_words.overlap(clause_start, a.start) or past_year_beside(q):
        return None
    return hit_of(FORECAST.search(low, _after_clause_turn(low, clause_start, a.start), a.start))


def past_year_beside(q: Ask) -> tuple[int, Span] | None:
    """A figure of a year before the article's, set beside a forecast ("... 18.5 billion USD
    for the whole year, higher than the 17.14 billion USD recorded in 2015", "vượt xa mức
    4,63 tỷ USD của 2024", "last year's US$32.4 billion"): that year, and the words naming it.
    Looked up once per number (the no-fact table asks first, then the period table)."""
    if "past_year_beside" not in q.memo:
        a = q.anchor.amount
        beside = q.doc.forecast_words.overlap(clause_start_of(q, a.start), a.start)
        q.memo["past_year_beside"] = _past_year_named(q) if beside else None
    found: tuple[int, Span] | None = q.memo["past_year_beside"]
    return found


def _past_year_named(q: Ask) -> tuple[int, Span] | None:
    """A year before the article's named right at the figure ("last year's US$32.4 billion",
    "... USD recorded in 2015"), and the words naming it."""
    low, a, main = q.doc.low, q.anchor.amount, q.doc.main_year
    if main is None:
        return None
    if m := _P.last_year_before.search(low, max(0, a.start - 16), a.start):
        return (main - 1, m.span())
    m = _P.past_year_after.match(low, a.end)
    return (int(m.group("y")), m.span()) if m and int(m.group("y")) < main else None


@rule(
    "a group's share ('4 thị trường ... chiếm 84,7%', 'the top 10 markets accounting for')",
    units=_PERCENT,
    needs=(_P.group_share_before,),
)
def _group_share(q: Ask) -> Hit:
    return search_hit(q, _P.group_share_before, clause_start_of(q, q.start), q.start)


@rule(
    "a share of partners named as a list ('sang Trung Quốc, Hoa Kỳ và Hà Lan, chiếm 50,95%')",
    units=_PERCENT,
    needs=(_P.list_share_before,),
)
def _partner_list_share(q: Ask) -> Hit:
    doc, low = q.doc, q.doc.low
    lo = max(clause_start_of(q, q.start), q.start - 200)
    share = doc.search(_P.list_share_before, lo, q.start)
    if share is None or doc.search(_P.respectively, q.anchor.sentence[0], q.anchor.sentence[1]):
        return None
    named = doc.partners[between(doc.partner_starts, lo, share.start())]
    if len(named) < 2 or _P.list_gap.fullmatch(low, named[-1].end, share.start()) is None:
        return None
    last, before = named[-1], named[-2]
    if last.value == before.value or not _P.list_joint.fullmatch(low, before.end, last.start):
        return None
    return (True, (before.start, share.end()))


@rule(
    "the change of an amount that is no trade figure ('VND56.33 trillion, down 19.4%')",
    units=_PERCENT,
    needs=(_P.other_amount_change,),
)
def _other_amount_change(q: Ask) -> Hit:
    lo = max(q.anchor.sentence[0], q.start - 80)
    return search_hit(q, _P.other_amount_change, lo, q.start)


@rule(
    "a habitual yearly or daily amount ('$300 million each year', 'mỗi ngày, có hơn 50.000 tấn')",
    units=_NOT_PERCENT,
    needs=(_P.yearly_after, _P.yearly_before),
)
def _yearly(q: Ask) -> Hit:
    if hit := hit_of(_P.yearly_after.match(q.doc.low, q.end, q.anchor.sentence[1])):
        return hit
    # "mỗi năm Việt Nam chế biến khoảng 1 triệu tấn": the yearly amount said before it
    return search_hit(q, _P.yearly_before, clause_start_of(q, q.start), q.start)


@rule("a target", needs=(TARGET_BEFORE,))
def _target(q: Ask) -> Hit:
    if not any_between(q.doc.target_words, q.start - 60, q.start):
        return None
    lo = max(0, q.start - 60)
    m = TARGET_BEFORE.search(q.doc.low[lo : q.start])
    if m is not None and target_met(q.doc.low, lo + m.start()):
        return None  # "cashew exports reached the target of 644,000 tons": an outcome
    return hit_of(m, lo)


def target_met(low: str, pos: int) -> bool:
    """The target word at ``pos`` names one reached ("reached the target of 644,000 tons"):
    what follows is an outcome (carry.py asks it too)."""
    return _TARGET_REACHED.search(low, max(0, pos - 30), pos) is not None


@rule("a figure for a year still to come ('... US$ 2.62 billion by 2030')", needs=(_P.by_year,))
def _year_to_come(q: Ask) -> Hit:
    now = q.doc.main_year
    if now is None:
        return None  # (no year known: none to come)
    lo, hi = clause_start_of(q, q.start), q.anchor.sentence[1]
    if not q.doc.may_match(_P.by_year, lo, hi):
        return None  # (no match: none of its words there)
    found = _P.by_year.finditer(q.doc.low, lo, hi)
    # (not a year a figure had been reached by: "by 2021 it had increased to ...")
    to_come = (m for m in found if int(m.group("y")) > now and not reached_by(q.doc.low, m.end()))
    return hit_of(next(to_come, None))


@rule("a tariff or duty rate", units=_PERCENT, needs=(_P.tariff_after, _P.tariff_before))
def _tariff(q: Ask) -> Hit:
    low = q.doc.low
    return hit_of(_P.tariff_after.match(low, q.end)) or search_hit(
        q, _P.tariff_before, max(0, q.start - 30), q.start
    )


@rule("share of a target achieved", units=_PERCENT, needs=(_P.target_after,))
def _of_target(q: Ask) -> Hit:
    return hit_of(_P.target_after.match(q.doc.low[q.end : q.end + 25]), q.end)


@rule(
    "change in volume",
    units=_PERCENT,
    needs=(_P.quantity_change_after, _P.quantity_change_before),
)
def _volume_change(q: Ask) -> Hit:
    if hit := hit_of(_P.quantity_change_after.match(q.doc.low[q.end : q.end + 40]), q.end):
        return hit
    lo = max(clause_start_of(q, q.start), q.start - 60)
    return search_hit(q, _P.quantity_change_before, lo, q.start)


@rule(
    "the change of a figure in other units ('304 triệu cái, tăng 12,9%', '4 million bags, up 66%')",
    units=_PERCENT,
    needs=(_P.other_unit_before,),
)
def _other_unit_change(q: Ask) -> Hit:
    lo = max(q.anchor.window_start, q.start - 80)
    return search_hit(q, _P.other_unit_before, lo, q.start)


@rule(
    "production or consumption ('sản xuất thép thành phẩm đạt 8,456 triệu tấn', 'rice output')",
    needs=(_P.production_subject,),
)
def _production(q: Ask) -> Hit:
    doc, found = q.doc, None
    lo = clause_start_of(q, q.start)
    if not doc.may_match(_P.production_subject, lo, q.start):
        return None  # (no match: none of its words there)
    for m in _P.production_subject.finditer(doc.low, lo, q.start):
        found = m
    if found is None or any_between(doc.flow_starts, found.start(), q.start):
        return None
    if doc.search(_P.flow_value_of, lo, found.start()):
        return None  # "import value of raw materials for animal feed production reached ..."
    return hit_of(found)


@rule(
    "an average yearly rate over several years ('an annual export growth rate of 7.5%', "
    "'khoảng 12,08%/năm')",
    units=_PERCENT,
    needs=(_P.average_rate_before, _P.average_rate_after),
)
def _average_rate(q: Ask) -> Hit:
    if found := hit_of(_P.average_rate_after.match(q.doc.low, q.end)):
        return found
    lo = max(clause_start_of(q, q.start), q.start - 80)
    return search_hit(q, _P.average_rate_before, lo, q.start)


@rule(
    "a change in tonnes ('tăng gần 665 nghìn tấn', 'cao hơn tới 65 nghìn tấn')", units=(Unit.TONNE,)
)
def _tonnage_change(q: Ask) -> Hit:
    return search_hit(q, _P.tonnage_change_before, max(0, q.start - 30), q.start)


@rule("the end of a range ('đều tăng 45-90%', 'between 4 and 4.5 per cent')")
def _range_end(q: Ask) -> Hit:
    low = q.doc.low
    near = low[max(0, q.start - 6) : q.start]  # (each pattern holds one of these words)
    if ("-" in near or "–" in near) and (
        hit := hit_of(_P.range_end_before.search(low, max(0, q.start - 6), q.start))
    ):
        return hit
    before = low[max(0, q.start - 30) : q.start]
    if "từ" not in before and "between" not in before and "from" not in before:
        return None
    if hit := hit_of(_P.range_between_before.search(low, max(0, q.start - 30), q.start)):
        return hit  # the second end: "between 4 and 4.5 per cent"
    if _P.between_before.search(low, max(0, q.start - 14), q.start):
        return hit_of(_P.range_and_after.match(low, q.end))  # the first end
    return None


@rule("the start of a range ('USD 350-400 million')", needs=(_P.range_start_after,))
def _range_start(q: Ask) -> Hit:
    return hit_of(_P.range_start_after.match(q.doc.low, q.end))


@rule("a multiple ('gấp 2 lần')", needs=(_P.multiple_before,))
def _multiple(q: Ask) -> Hit:
    return search_slice_hit(q, _P.multiple_before, max(0, q.start - 12), q.start)


@rule("describes what a change is compared with")
def _compared_with(q: Ask) -> Hit:
    regions = q.doc.regions
    paren = regions.paren_of(q.start)
    if paren and any_between(q.doc.comparison_ends, paren[0] - 2, paren[0] + 3):
        if LAST_YEAR_IN_PARENS.search(q.doc.low, max(0, q.start - 40), q.start):
            return None  # "so với cùng kỳ năm ngoái (2,35 tỷ USD)": last year's level
        if q.anchor.amount.unit is not Unit.PERCENT and compared_period_in_parens(q):
            return None  # "so với tháng 12/2023 (1,13 tỷ USD)": that month's level
        if _P.own_level_paren.match(q.doc.low, paren[0]):
            return None  # "... so với cùng kỳ năm 2022 (đạt gần 186.000 tấn)": its own level
        return (True, paren)
    return None


@rule("a crop year or season")
def _crop_year(q: Ask) -> Hit:
    return (True, None) if any_between(q.doc.crop_years, q.anchor.sentence[0], q.start) else None


def _price_of(q: Ask, m: re.Match[str]) -> bool:
    """Whether a price word before a number speaks of it: a tonnage is never a price (a price
    is per tonne), nor a value with a value or quantity word after the price ("tăng 11,7% về
    giá và tăng 5,9% kim ngạch ..., với 342.417 tấn, tương đương 146,76 triệu USD")."""
    if q.anchor.amount.unit is Unit.TONNE:
        return False
    return is_percent(q) or not q.doc.search(_P.measure_after_price, m.end(), q.start)


PRICES = "about prices or output"
NARROWS_PRICES = (
    "a sentence that narrows a figure about prices or output ('tăng trưởng GDP ... đạt 5,46%."
    " Trong đó, khu vực nông, lâm nghiệp và thủy sản ước giảm 1,23%'): about them too"
)


@rule(NARROWS_PRICES)
def _narrows_prices(q: Ask) -> Hit:
    skipped, s0 = q.ctx.skipped, q.anchor.sentence[0]
    if skipped is None:
        return None
    (b0, b1), why, doc = skipped[0], skipped[1], q.doc
    if b0 == s0 and why == NARROWS_PRICES:
        return (True, None)  # the rest of that sentence
    if why != PRICES or b1 > s0 or doc.low[b1:s0].strip():
        return None  # (it narrows the sentence right before)
    return hit_of(NARROWING_START.match(doc.low, s0))


@rule(PRICES, needs=(PRICE_TOPIC,))
def _prices(q: Ask) -> Hit:
    s0 = q.anchor.sentence[0]
    if not any_between(q.doc.price_words, s0, q.start):
        return None
    low = q.doc.low
    before = max(s0, q.start - 40)
    if is_percent(q) and (m := q.doc.search(_P.price_change_before, before, q.start)):
        return hit_of(m)  # "giảm 43,2% về kim ngạch và giá giảm 19,7%"
    if is_percent(q) and _P.value_change_after.match(low, q.end):
        return None  # "giá trung bình đạt 800,4 USD/tấn, ... giảm 17,6% kim ngạch"
    if is_percent(q) and _P.measure_before_change.search(low, before, q.start):
        return None  # "giá 1.505,5 USD/tấn, lượng tăng 175%, kim ngạch tăng 152%"
    m = PRICE_TOPIC.search(low, s0, q.start)
    if m is not None and m.group() == "doanh thu" and any_between(q.doc.flow_starts, s0, m.start()):
        return None  # "xuất khẩu tôm sang Mỹ, đạt doanh thu 1,3 tỷ USD": export revenue
    if (
        m is not None
        and _P.price_word.fullmatch(m.group())
        and (q.doc.search(_P.trade_value_subject, m.end(), q.start) or not _price_of(q, m))
    ):
        return None  # "Do đơn giá bình quân giảm ... nên trị giá xuất khẩu chỉ đạt 1,29 tỷ USD"
    return hit_of(m)


TABLE: tuple[Rule, ...] = (
    _counts,
    _per_unit,
    _per_area,
    _change_after_price,
    _ownership,
    _price_change,
    _price_measure,
    _threshold,
    _forecast,
    local.local,
    local.company_list,
    foreign.continent,
    foreign.third_country,
    foreign.foreign_pair,
    foreign.foreign_imports,
    _group_share,
    _partner_list_share,
    _other_amount_change,
    _yearly,
    _target,
    _year_to_come,
    _tariff,
    _of_target,
    _volume_change,
    _other_unit_change,
    _production,
    foreign.world_share,
    foreign.combined,
    foreign.other_countries,
    _average_rate,
    _tonnage_change,
    _range_end,
    _range_start,
    _multiple,
    _compared_with,
    _crop_year,
    _prices,
    _narrows_prices,
)
