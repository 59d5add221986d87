"""The metric of a number and its sign: a quantity, a share, a change or a level.

Read from the change or share word right before the number in its own clause. The
value is ``(metric, sign)``; a percentage that no rule reads is no fact (``None``).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from extractor.numbers import Unit
from extractor.rules.context import Ask
from extractor.rules.cues import Cue
from extractor.rules.engine import Rule, Span, rule
from extractor.rules.vocab import PATTERNS, VOCAB

_P = PATTERNS.of("metric")
_JOINING = frozenset({"", *VOCAB.words("joining")})


Hit = tuple[tuple[str, int] | None, Span | None] | None


def _last_cue(q: Ask) -> Cue | None:
    """The last change or share word in the number's own clause (looked up once)."""
    memo = q.memo
    if "metric_cue" not in memo:
        doc = q.doc
        lo = bisect_left(doc.metric_cue_starts, q.anchor.window_start)
        hi = bisect_left(doc.metric_cue_starts, q.start, lo)
        cues = [c for c in doc.metric_cues[lo:hi] if doc.visible(c.start, q.start)]
        i = len(cues) - 1
        while i > 0 and cues[i - 1].start == cues[-1].start:
            i -= 1  # of two words at one start, the first listed (a change before a share)
        memo["metric_cue"] = cues[i] if cues else None
    found: Cue | None = memo["metric_cue"]
    return found


def _span(c: Cue) -> Span:
    return (c.start, c.end)


def _same_sentence_prev(q: Ask, metrics: tuple[str, ...]) -> bool:
    prev = q.ctx.last
    return prev is not None and prev.anchor.sentence == q.anchor.sentence and prev.metric in metrics


_PERCENT = (Unit.PERCENT,)


def _percent(q: Ask) -> bool:
    return q.anchor.amount.unit is _PERCENT[0]  # (a global is read faster than Unit.PERCENT)


@rule("tonnes are a quantity", units=(Unit.TONNE,))
def _tonnes(q: Ask) -> Hit:
    return (("quantity", 1), None)


@rule("a signed percent ('(+5,1%)')", units=_PERCENT)
def _signed(q: Ask) -> Hit:
    if _last_cue(q) is not None:
        return None
    m = _P.sign_before.search(q.doc.low, max(0, q.start - 3), q.start)
    return (("change_pct", -1 if m.group(1) in "-−–" else 1), m.span()) if m else None


@rule("a percent written negative in words ('to minus 1.6%', 'âm 6%')", units=_PERCENT)
def _minus(q: Ask) -> Hit:
    m = _P.minus_before.search(q.doc.low, max(0, q.start - 8), q.start)
    return (("change_pct", -1), m.span()) if m else None


@rule("a share word before it", units=_PERCENT)
def _share_word(q: Ask) -> Hit:
    cue = _last_cue(q)
    if cue is None or cue.kind != "share":
        return None
    if _change_noun_follows(q):
        return None  # "representing a 22% increase": a change, said with a share word
    return (("share_pct", 1), _span(cue))


@rule(
    "a share said with a comparative ('chiếm tỷ trọng cao hơn với 51,5%')",
    units=_PERCENT,
    needs=(_P.share_comparative_before,),
)
def _share_comparative(q: Ask) -> Hit:
    m = _P.share_comparative_before.search(q.doc.low, max(0, q.start - 60), q.start)
    return (("share_pct", 1), m.span()) if m else None


def _change_noun_follows(q: Ask) -> bool:
    """ "a 22% increase": an indefinite article before the percent, a change noun after it."""
    low = q.doc.low
    return bool(
        _P.indefinite_before.search(low, max(0, q.start - 4), q.start)
        and _P.change_noun_after.match(low, q.end)
    )


@rule("'of the total' or 'share' after it", units=_PERCENT, needs=(_P.share_of_total_after,))
def _share_after(q: Ask) -> Hit:
    m = _P.share_of_total_after.match(q.doc.low, q.end)
    if m is None or q.doc.search(_P.equal_to_before, max(0, q.start - 20), q.start):
        return None  # ("bằng khoảng 1,9% tổng kim ngạch xuất khẩu": a ratio)
    return (("share_pct", 1), m.span())


@rule("'với 30% thị phần': a share word after it", units=_PERCENT)
def _with_share_after(q: Ask) -> Hit:
    if not _P.with_before.search(q.doc.low, max(0, q.start - 20), q.start):
        return None
    m = _P.share_word_after.match(q.doc.low, q.end)
    return (("share_pct", 1), m.span()) if m else None


@rule(
    "a share that rose or fell to a level ('tỷ trọng ... tăng lên 65%', 'the share ... to 30.95%')",
    units=_PERCENT,
    needs=(_P.risen_to_before,),
)
def _share_risen_to(q: Ask) -> Hit:
    doc, s0 = q.doc, q.anchor.sentence[0]
    to = doc.search(_P.risen_to_before, max(s0, q.start - 20), q.start)
    # the last share word before "lên" ("..., tỷ trọng tôm biển tăng lên 11%")
    words = (
        list(_P.share_subject.finditer(doc.low, max(s0, q.start - 160), to.start())) if to else []
    )
    share = words[-1] if words else None
    if share is None or to is None:
        return None
    if any(
        a.unit is Unit.PERCENT and not _P.share_from_before.search(doc.low, a.start - 6, a.start)
        for a in doc.amounts_in(share.end(), to.start())
    ):
        return None  # (a percent between them is the change: "tăng 5%, lên 30%" keeps both)
    return (("share_pct", 1), share.span())


def _noun_of_the_percent_before(q: Ask, cue: Cue) -> bool:
    """The change word is the noun of the percent before ("a 6.7 per cent decline")."""
    doc = q.doc
    i = bisect_left(doc.amount_starts, q.start) - 1
    if i < 0 or doc.amounts[i].unit is not Unit.PERCENT:
        return False
    m = _P.change_noun_after.match(doc.low, doc.amounts[i].end)
    return m is not None and m.start() <= cue.start < m.end()


def _exceeded_level(q: Ask) -> bool:
    """An amount right after "vượt" with nothing it is compared with after it: a level."""
    low = q.doc.low
    return bool(
        _P.exceeded_level_before.search(low, max(0, q.start - 20), q.start)
        and not _P.compared_after.match(low, q.end)
    )


@rule("a change word before it", units=(Unit.PERCENT, Unit.USD))
def _change_word(q: Ask) -> Hit:
    cue = _last_cue(q)
    if cue is None:
        return None
    if not _percent(q):
        if q.anchor.amount.unit is not Unit.USD or cue.kind != "change":
            return None
        if _P.level_verbs.search(q.doc.low[cue.end : q.start]):
            return None  # "tăng ... đạt 5 tỷ USD": the level it rose to
        if _P.named_in_parens.search(q.doc.low, cue.end, q.start):
            return None  # "vượt qua nhóm thức ăn gia súc (2,67 tỷ USD)": that group's level
        if _noun_of_the_percent_before(q, cue):
            return None  # "an 18.2-percent increase; phones, 21.7 billion USD": a level
        if _P.earned_from_after.match(q.doc.low, q.end) or (
            _P.gained.search(q.doc.low, cue.start, cue.end)
            and _P.change_after_level.match(q.doc.low, q.end)
        ):
            return None  # "Vietnam gained nearly $50.9 billion from exporting phones", "...
            # gained US$23.6 billion, up 9.5%": earned
        if _exceeded_level(q):
            return None  # "thương mại Việt Nam - Brazil vượt 7,11 tỷ USD": the level
        return (("change_abs", -1 if cue.value == "-" else 1), _span(cue))
    return (("change_pct", -1 if cue.value == "-" else 1), _span(cue))


@rule(
    "a change noun right after a percent or amount ('a 6.7 per cent decline', 'a $2 billion"
    " rise'), or 'higher' or 'down' right after a percent ('54.7 per cent higher from the"
    " previous year', '6% down in the same period')",
    units=(Unit.PERCENT, Unit.USD),
    needs=(_P.change_noun_after, _P.change_adverb_after),
)
def _change_noun_after(q: Ask) -> Hit:
    low = q.doc.low
    if _percent(q):
        metric = "change_pct"
        m = _P.change_noun_after.match(low, q.end) or _P.change_adverb_after.match(low, q.end)
    elif q.anchor.amount.unit is Unit.USD and _P.indefinite_before.search(
        low, q.start - 4, q.start
    ):
        metric = "change_abs"
        m = _P.change_noun_after.match(low, q.end)
    else:
        return None
    return ((metric, -1 if m.group("down") else 1), m.span()) if m else None


@rule("a percent after a change or share in its sentence", units=_PERCENT)
def _like_previous_percent(q: Ask) -> Hit:
    prev = q.ctx.last
    if prev is None or not _same_sentence_prev(q, ("change_pct", "share_pct")):
        return None
    cue = _last_change_cue(q, q.start)
    if prev.metric == "change_pct" and cue is not None and cue.start >= prev.anchor.amount.end:
        # "decreased by 3% ... but increased by 11.6% in volume and 2.9% in value": the
        # change word between them (of a number that is no fact) says the direction
        return (("change_pct", -1 if cue.value == "-" else 1), None)
    return ((prev.metric, prev.sign), None)


@rule(
    "a percent equal to the change just given ('tăng 360 triệu USD, tương đương gần 12%')",
    units=_PERCENT,
)
def _equivalent_percent(q: Ask) -> Hit:
    return _equal_to_change_before(q, "change_abs", "change_pct")


@rule(
    "an amount equal to the change just given ('up 5.1%, equivalent to US$4.55 billion')",
    units=(Unit.USD,),
)
def _equivalent_amount(q: Ask) -> Hit:
    return _equal_to_change_before(q, "change_pct", "change_abs")


@rule(
    "an amount alone in brackets right after a change in percent ('giảm 19,5% (1,8 tỷ USD)'):"
    " the same change in USD",
    units=(Unit.USD,),
)
def _bracketed_change(q: Ask) -> Hit:
    if not _P.bracket_close_after.match(q.doc.low, q.end):
        return None
    return _equal_to_change_before(q, "change_pct", "change_abs", _P.bracket_open_before)


def _equal_to_change_before(
    q: Ask, before: str, metric: str, between: re.Pattern[str] = _P.equivalent_before
) -> Hit:
    """The number restates the change just given in its sentence in the other measure
    ("tăng 360 triệu USD, tương đương gần 12%", "up 4.1%, equivalent to US$4.55 billion"),
    with only ``between`` between them."""
    prev = q.ctx.last
    if prev is None or not _same_sentence_prev(q, (before,)):
        return None
    m = between.fullmatch(q.doc.low, prev.anchor.amount.end, q.start)
    return ((metric, prev.sign), m.span()) if m else None


def _last_change_cue(q: Ask, pos: int) -> Cue | None:
    """The last change word before ``pos`` in the number's sentence, if any."""
    doc = q.doc
    j = bisect_left(doc.metric_cue_starts, pos) - 1
    while j >= 0 and doc.metric_cues[j].kind != "change":
        j -= 1
    if j < 0 or doc.metric_cues[j].start < q.anchor.sentence[0]:
        return None
    return doc.metric_cues[j]


def _change_sign_before(q: Ask, pos: int) -> int | None:
    """The sign of the last change word before ``pos`` in the number's sentence, if any."""
    cue = _last_change_cue(q, pos)
    return None if cue is None else -1 if cue.value == "-" else 1


@rule(
    "a change with its verb left out ('...; coffee, by 34.3 percent'): the change before",
    units=_PERCENT,
    needs=(_P.elided_by,),
)
def _elided_change(q: Ask) -> Hit:
    m = _P.elided_by.search(q.doc.low, max(q.anchor.sentence[0], q.start - 60), q.start)
    if m is None or (sign := _change_sign_before(q, m.start())) is None:
        return None
    return (("change_pct", sign), m.span())


@rule(
    "a change in value with its verb said before ('... and 37.9 percent in value')", units=_PERCENT
)
def _value_change(q: Ask) -> Hit:
    m = _P.value_after.match(q.doc.low, q.end)
    if m is None or (sign := _change_sign_before(q, q.start)) is None:
        return None
    return (("change_pct", sign), m.span())


@rule(
    "a list element 'N percent for X' or 'N percent to $Y' after one whose change word it"
    " leaves out ('a surge of 35.1 percent for machines ...; 35 percent for telephone', 'rose"
    " 12.7 percent to USD 54.2 billion ..., and 8.5 percent to USD 76.5 billion')",
    units=_PERCENT,
    needs=(_P.listed_for_after,),
)
def _listed_for(q: Ask) -> Hit:
    low = q.doc.low
    if (
        not _P.listed_for_after.match(low, q.end)
        or not _P.listed_for_before.search(low, max(0, q.start - 6), q.start)
        or (sign := _change_sign_before(q, q.start)) is None
    ):
        return None
    return (("change_pct", sign), None)


@rule(
    "a percent alone in brackets after a name, in a sentence of changes or shares: the last"
    " change or share word before it ('... (up 60.4 percent), footwear – 5.9 billion USD (21.9"
    " percent)', 'growth rates included the US (18.8%), Canada (15.1%)')",
    units=_PERCENT,
)
def _bracketed_in_list(q: Ask) -> Hit:
    doc, paren = q.doc, _alone_in_brackets(q)
    if paren is None:
        return None
    j = bisect_left(doc.metric_cue_starts, paren[0]) - 1
    if j < 0 or doc.metric_cues[j].start < q.anchor.sentence[0]:
        return None
    cue = doc.metric_cues[j]
    if cue.kind == "share":
        return (("share_pct", 1), _span(cue))
    return (("change_pct", -1 if cue.value == "-" else 1), _span(cue))


def _alone_in_brackets(q: Ask) -> tuple[int, int] | None:
    """The brackets a percent stands alone in ("(21.9 percent)"), if it does."""
    paren = q.doc.regions.paren_of(q.start)
    if paren is None or not _P.bare_percent_in_brackets.fullmatch(q.doc.low, *paren):
        return None
    return paren


@rule(
    "a main market's share, alone in brackets after it ('ASEAN (36,38%), EU (24,15%)')",
    units=_PERCENT,
    needs=(_P.main_markets,),
)
def _market_share_in_brackets(q: Ask) -> Hit:
    bracket = _alone_in_brackets(q)
    named = _partner_right_before(q, bracket[0]) if bracket else None
    m = q.doc.search(_P.main_markets, q.anchor.sentence[0], named.start) if named else None
    return (("share_pct", 1), m.span()) if m else None


def _partner_right_before(q: Ask, pos: int) -> Cue | None:
    """The partner named right before ``pos`` ("ASEAN (36,38%)")."""
    doc = q.doc
    i = bisect_left(doc.partner_starts, pos) - 1
    if i < 0 or not _P.to_bracket.fullmatch(doc.low, doc.partners[i].end, pos):
        return None
    return doc.partners[i]


@rule("a percent without a change or share word is no fact", units=_PERCENT)
def _bare_percent(q: Ask) -> Hit:
    return (None, None)


@rule("an amount joined to a change ('tăng x và y')")
def _joined_change(q: Ask) -> Hit:
    prev = q.ctx.last
    if prev is None or not _same_sentence_prev(q, ("change_abs",)):
        return None
    gap = q.doc.low[q.anchor.window_start : q.start].strip(" ,")
    return (("change_abs", prev.sign), None) if gap in _JOINING else None


@rule(
    "an amount or percent 'higher / lower than' something is a change ('14.1% higher than')",
    units=(Unit.PERCENT, Unit.USD),
    needs=(_P.than_after,),
)
def _than_after(q: Ask) -> Hit:
    if _percent(q):
        metric = "change_pct"
    elif q.anchor.amount.unit is Unit.USD:
        metric = "change_abs"
    else:
        return None
    m = _P.than_after.match(q.doc.low, q.end)
    return ((metric, -1 if m.group("down") or m.group("below") else 1), m.span()) if m else None


@rule(
    "a percent after an amount and 'or' ('with $24.01 billion, or 12.1 per cent'): its share,"
    " or its change when the amount is what a figure fell or rose from",
    units=_PERCENT,
    needs=(_P.or_after_amount,),
)
def _or_after_amount(q: Ask) -> Hit:
    low = q.doc.low
    m = _P.or_after_amount.search(low, max(0, q.start - 30), q.start)
    before = q.doc.amounts_in(q.anchor.sentence[0], m.start() + 1) if m else []
    if m is None or not before:
        return None
    amount = before[-1]
    moved = _P.changed_from.search(low, max(q.anchor.sentence[0], amount.start - 20), amount.start)
    if moved is None:
        return (("share_pct", 1), m.span())
    return (("change_pct", -1 if moved.group("down") else 1), m.span())


@rule("an amount is a level")
def _level(q: Ask) -> Hit:
    return (("value", 1), None)


TABLE: tuple[Rule, ...] = (
    _tonnes,
    _minus,
    _signed,
    _share_word,
    _share_comparative,
    _share_after,
    _with_share_after,
    _share_risen_to,
    _change_noun_after,
    _change_word,
    _like_previous_percent,
    _equivalent_percent,
    _equivalent_amount,
    _bracketed_change,
    _elided_change,
    _value_change,
    _than_after,
    _or_after_amount,
    _listed_for,
    _bracketed_in_list,
    _market_share_in_brackets,
    _bare_percent,
    _joined_change,
    _level,
)
