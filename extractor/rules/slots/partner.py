"""The partner of a number: the market it goes to or comes from.

The nearest partner named before it in its clause (not across ";", unless the clause
after it opens with its verb: "...; chiếm 52,3%"), unless an amount is followed by its
partner ("10 tỷ USD với Mỹ", "... sang Mỹ"); a sentence that narrows the one before
("Riêng ...", "Trong đó, ...") keeps its market; a bilateral article's partner holds for
figures that name none, unless they are the whole country's.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left

from extractor.numbers import Unit
from extractor.rules.context import Ask
from extractor.rules.cues import Cue
from extractor.rules.document import nearest_left
from extractor.rules.engine import Rule, Span, rule
from extractor.rules.scan import any_between
from extractor.rules.vocab import PATTERNS

_P = PATTERNS.of("partner")
CHINA_AND = PATTERNS.of("partners").china_and_before  # ("Trung Quốc & Hồng Kông": one market)
_RESPECTIVELY = PATTERNS.of("notfact").respectively
_RUNNING = PATTERNS.of("item").running_total  # ("nâng tổng ... lên", "đưa số lượng ... lên")
NARROWING_START = _P.narrowing_start


Hit = tuple[str | None, Span | None] | None


def _of(cue: Cue | None) -> Hit:
    return (cue.value, (cue.start, cue.end)) if cue is not None else None


_NAMED_AFTER_UNITS = (Unit.USD, Unit.TONNE)  # the amounts ``_named_after`` reads


def _named_after(q: Ask, lead: re.Pattern[str], reach: int) -> Hit:
    """The partner named right after an amount and what ``lead`` matches (within ``reach``)."""
    if q.anchor.amount.unit not in _NAMED_AFTER_UNITS:
        return None
    m = lead.match(q.doc.low[q.end : q.end + reach])
    if m is None:
        return None
    at = q.end + m.end()
    low, partner_at = q.doc.low, q.doc.partner_at
    if at not in partner_at and (the := _P.the_before.match(low, at)):
        at = the.end()
    if _P.subordinate_clause.search(low, q.end, at):
        return None
    return _of(partner_at.get(at))


@rule("partner right after an amount ('với Mỹ')", units=_NAMED_AFTER_UNITS)
def _with_after(q: Ask) -> Hit:
    return _named_after(q, _P.with_partner, 32)


@rule(
    "partner right after an amount ('838,229 tonnes from China', '1,2 tỷ USD sang Mỹ')",
    units=_NAMED_AFTER_UNITS,
)
def _right_after(q: Ask) -> Hit:
    return _named_after(q, _P.partner_right_after, 60)


def _nearest_before(q: Ask) -> Cue | None:
    """The nearest partner named before the number in its clause (looked up once)."""
    memo = q.memo
    if "partner_left" not in memo:
        doc = q.doc
        memo["partner_left"] = nearest_left(
            doc.partners, doc.partner_starts, q.start, q.clause_start, doc.visible
        )
    found: Cue | None = memo["partner_left"]
    return found


@rule(
    "the market named after a percent's change noun ('a 29.8% increase in Ghana')",
    units=(Unit.PERCENT,),
)
def _change_in(q: Ask) -> Hit:
    m = _P.change_in_partner.match(q.doc.low, q.end)
    return _of(q.doc.partner_at.get(m.end())) if m else None


@rule(
    "the main markets named before it are no partner ('mostly to China, India and Malaysia')",
    needs=(_P.main_markets,),
)
def _main_markets(q: Ask) -> Hit:
    cue = _nearest_before(q)
    if cue is None:
        return None
    low, found = q.doc.low, None
    lo = max(q.anchor.sentence[0], cue.start - 120)
    if not q.doc.may_match(_P.main_markets, lo, cue.start):
        return None  # (no match: none of its words there)
    for m in _P.main_markets.finditer(low, lo, cue.start):
        found = m
    if found is None or not _P.main_markets_list.fullmatch(low, found.end(), cue.start):
        return None
    if not _P.main_markets_end.match(low, cue.end):
        return None  # "chủ yếu từ Trung Quốc với 3,22 tỷ USD": the market's own figure
    if not any_between(q.doc.partner_starts, found.end(), cue.start):
        return None  # one market ("chủ yếu sang Mỹ, riêng thị trường này chiếm 49,3%")
    return (None, found.span())


@rule("China and Hong Kong counted together ('sang Trung Quốc & Hồng Kông đạt'): China")
def _china_and_hong_kong(q: Ask) -> Hit:
    doc, cue = q.doc, _nearest_before(q)
    if cue is None or cue.value != "HK":
        return None
    both = CHINA_AND.search(doc.low, max(0, cue.start - 16), cue.start)
    if both is None or doc.search(_RESPECTIVELY, *q.anchor.sentence):
        return None  # "Trung Quốc và Hồng Kông, chiếm thị phần lần lượt là ...": each its own
    return ("CN", (both.start(), cue.end))


LIST_LENGTH = 3  # partners named one after another that make a list, not one market


@rule(
    "a list of markets before it names no single one ('như Mỹ, Trung Quốc, Nhật, Hàn, Australia')"
)
def _markets_listed(q: Ask) -> Hit:
    doc, cue = q.doc, _nearest_before(q)
    if cue is None or not _P.after_list.match(doc.low, cue.end):
        return None
    i = bisect_left(doc.partner_starts, cue.start)
    first = i
    while first > 0 and _P.list_join.fullmatch(
        doc.low, doc.partners[first - 1].end, doc.partners[first].start
    ):
        first -= 1
    if i - first + 1 < LIST_LENGTH or doc.search(_RESPECTIVELY, *q.anchor.sentence):
        return None
    return (None, (doc.partners[first].start, cue.end))


@rule("partner named before it in its clause")
def _before(q: Ask) -> Hit:
    doc = q.doc
    cue = _nearest_before(q)
    if cue is not None and _P.whole_economy.search(doc.low, cue.end, q.start):
        return None  # "... Trung Quốc ... gấp 10 lần mức nhập siêu chung của toàn nền kinh tế"
    return _of(cue)


@rule("partner after an amount ('... sang Mỹ', 'from China')", units=_NAMED_AFTER_UNITS)
def _to_or_from_after(q: Ask) -> Hit:
    return _named_after(q, _P.partner_after, 90)


@rule(
    "a figure in a clause that opens its sentence, then its subject ('Với kim ngạch 320 triệu"
    " USD, Philippines là thị trường lớn nhất', 'Accounting for 35.9 percent ..., the"
    " Philippines was ...'): that partner",
    needs=(_P.fronted_figure,),
)
def _fronted_figure(q: Ask) -> Hit:
    doc, s0 = q.doc, q.anchor.sentence[0]
    m = _P.fronted_figure.match(doc.low, s0)
    if m is None or m.start("comma") < q.end:
        return None  # (the figure must lie in the clause before the comma)
    at = m.end()
    if at not in doc.partner_at and doc.low.startswith("the ", at):
        at += 4  # "the Philippines"
    return _of(doc.partner_at.get(at))


@rule(
    "a change's partner right after it or its measure ('increased 17 per cent to Japan, 10 per"
    " cent to South Korea', '18.6 per cent in value to China')",
    units=(Unit.PERCENT,),
    needs=(_P.percent_partner_after,),
)
def _percent_partner_after(q: Ask) -> Hit:
    m = _P.percent_partner_after.match(q.doc.low, q.end)
    return _of(q.doc.partner_at.get(m.end())) if m else None


@rule(
    "a figure referred back to ('Trị giá kim ngạch này tăng 15,23%'): the partner of the one"
    " before",
    needs=(_P.figure_back,),
)
def _figure_back(q: Ask) -> Hit:
    last = q.ctx.last
    if last is None:
        return None
    m = q.doc.search(_P.figure_back, q.clause_start, q.start)
    return (last.partner, m.span()) if m else None


@rule("the partner of what a share in its sentence is of ('chiếm 46% tổng ... sang Mỹ')")
def _share_object(q: Ask) -> Hit:
    doc = q.doc
    s0, s1 = q.anchor.sentence
    i = bisect_left(doc.object_flow_starts, s0)
    for cue in doc.object_flows[i:]:
        if cue.start >= s1:
            break
        m = _P.object_partner.match(doc.low, cue.end, s1)
        partner = doc.quiet_partner_at.get(m.end()) if m else None
        if partner is None and _P.object_back_reference.match(doc.low, cue.end, s1):
            before = bisect_left(doc.partner_starts, cue.start)
            partner = doc.partners[before - 1] if before else None  # the partner named last
        if partner is not None:
            return _of(partner)
    return None


@rule(
    "an element of a list after ':' or 'gồm' ('... từ Trung Quốc ... gồm: X (3,4 tỉ USD); Y ...',"
    " '... tới thị trường Mỹ gồm X đạt ...; Y đạt ...')"
)
def _list_lead(q: Ask) -> Hit:
    doc, s0 = q.doc, q.anchor.sentence[0]
    if q.clause_start == s0:
        return None  # (no ";" before it in its sentence: the clause rule reads it)
    # the last opening before the number, with a ";" after it: the last before the ";" that
    # opens the number's clause, unless one stands in the clause itself (an opening holds
    # no ";"); the first is looked for once per clause, not back over the sentence each time
    semi = q.clause_start - 1
    if _P.list_opened.match(doc.low, semi, q.start) is not None:
        return None  # (without a ";" after the opening the clause rule has read it)
    opened = _opened_before(q, semi)
    if opened is None:
        return None
    if doc.whole_subject(q.anchor):
        return None  # ("...; trong khi tổng kim ngạch xuất khẩu của cả nước đạt ...")
    at = opened.start(1)
    return _of(nearest_left(doc.partners, doc.partner_starts, at, s0, doc.visible))


def _opened_before(q: Ask, semi: int) -> re.Match[str] | None:
    """The last list opening of the number's sentence before ``semi`` (once per clause)."""
    memo = q.clause_memo
    if "list_opened" not in memo:
        memo["list_opened"] = _P.list_opened.match(q.doc.low, q.anchor.sentence[0], semi)
    found: re.Match[str] | None = memo["list_opened"]
    return found


@rule("a clause after ';' that opens with its verb: the partner of the clause before")
def _subjectless_clause(q: Ask) -> Hit:
    last, doc, s0 = q.ctx.last, q.doc, q.anchor.sentence[0]
    semi = doc.low.rfind(";", s0, q.start)
    m = _P.subjectless_clause.match(doc.low, semi) if semi >= 0 else None
    if m is None:
        return None
    if last is not None and last.partner is not None and last.anchor.sentence == q.anchor.sentence:
        return (last.partner, m.span())
    if any_between(doc.amount_starts, s0, semi):
        return None
    # "... sang thị trường Trung Quốc tăng rất mạnh ...; cụ thể, đạt 3.517 tấn": no figure before
    return _of(nearest_left(doc.partners, doc.partner_starts, semi, s0, doc.visible))


@rule(
    "a sentence that opens with its period then its verb ('Lũy kế 7 tháng, đạt ...'): the"
    " partner of the sentence before"
)
def _subjectless_sentence(q: Ask) -> Hit:
    last, doc, s0 = q.ctx.last, q.doc, q.anchor.sentence[0]
    if last is None or last.partner is None:
        return None
    if doc.paragraph_index(last.anchor.amount.start) != doc.paragraph_index(q.start):
        return None
    m = _P.subjectless_sentence.match(doc.low, s0, q.start)
    return (last.partner, m.span()) if m else None


RUNNING_TOTAL = (
    "a running total with no market named keeps the market of the figure before ('... 693.527"
    " tấn ngô từ Argentina ... Kết quả ... đưa số lượng trong 9 tháng đầu năm lên 4.303.660 tấn')"
)


@rule(RUNNING_TOTAL, needs=(_RUNNING,))
def _running_total(q: Ask) -> Hit:
    last, doc = q.ctx.last, q.doc
    if last is None or last.partner is None:
        return None
    if last.anchor.sentence == q.anchor.sentence and last.trace["partner"].rule == RUNNING_TOTAL:
        return (last.partner, last.trace["partner"].span)  # "..., kim ngạch 1,54 tỷ USD"
    if doc.paragraph_index(q.start) - doc.paragraph_index(last.anchor.amount.start) > 1:
        return None  # (the figure before: in its paragraph or the one before)
    m = doc.search(_RUNNING, max(q.clause_start, last.anchor.amount.end), q.start)
    return (last.partner, m.span()) if m else None


def _one_market_before(q: Ask, s0: int) -> str | None:
    """The market of the sentence before, when it names one market and gives no fact
    ("Danh mục các nhóm hàng nhập khẩu chính từ Trung Quốc ... Trong đó, ... gồm: ...", "12
    groups of goods exported to the Chinese market with more than $1 billion each. Among them,
    ...")."""
    last, doc = q.ctx.last, q.doc
    if s0 == 0:
        return None
    p0 = doc.regions.sentence_of(s0 - 1)[0]
    named = _one_partner_in(q, p0, s0)
    if named is None or (last is not None and last.anchor.amount.start >= p0):
        return None
    # (a percent there that gave no fact is no list's lead: "có tới 62,3% vải ... xuất xứ từ
    # thị trường Trung Quốc. Cụ thể, riêng tháng 7, nhập khẩu vải ...")
    return None if any_between(doc.percent_starts, p0, s0) else named


@rule(
    "a sentence that narrows the one before, or turns to its other side, keeps its market"
    " ('Riêng ...', 'Trong đó', 'Ngược lại, ...'; 'Cụ thể trong tháng 8' after a sentence that"
    " names one market)"
)
def _narrowing(q: Ask) -> Hit:
    last, doc, s0 = q.ctx.last, q.doc, q.anchor.sentence[0]
    contrast = _P.contrast_start.match(doc.low, s0)  # (it may open the paragraph after)
    m = NARROWING_START.match(doc.low, s0) or contrast
    if m is None:  # "Trung Quốc là thị trường xuất khẩu lớn nhất ... Cụ thể trong tháng 8/2023"
        m = _P.specifically_at.match(doc.low, s0)
        named = _one_market_before(q, s0) if m else None
        return (named, m.span()) if m and named else None
    if named := _one_market_before(q, s0):
        return (named, m.span())
    if last is None or last.partner is None:
        return None
    apart = doc.paragraph_index(q.start) - doc.paragraph_index(last.anchor.amount.start)
    if apart and not (apart == 1 and (contrast or _P.back_to_paragraph_before.match(doc.low, s0))):
        return None  # ("... reached 76.3 billion USD last year. \n Of this, exports hit ...")
    return (last.partner, m.span())


@rule(
    "a two-way figure ('kim ngạch 2 chiều') with no partner named: the partner last named beside"
    " Việt Nam ('quan hệ Việt Nam - Thái Lan')",
    needs=(_P.two_way,),
)
def _two_way_pair(q: Ask) -> Hit:
    doc = q.doc
    if not doc.search(_P.two_way, q.anchor.sentence[0], q.start):
        return None
    low, i = doc.low, bisect_left(doc.partner_starts, q.start)
    # the last pair before it, else (a page stored from the middle of the story: "Bilateral
    # trade in goods totaled 8.9 billion USD ... Vietnam and Canada will reap ...") the first after
    for cue in itertools.chain(reversed(doc.partners[:i]), doc.partners[i:]):
        if _P.paired_before.search(low, max(0, cue.start - 16), cue.start) or _P.paired_after.match(
            low, cue.end
        ):
            return (cue.value, (cue.start, cue.end))
    return None


@rule(
    "a two-way figure with no partner named, broken down in the next sentence with one partner"
    " ('two-way trade ... reached US$133 billion. Of which, Vietnam's exports to China ...')",
    needs=(_P.two_way,),
)
def _two_way_broken_down(q: Ask) -> Hit:
    doc, (s0, s1) = q.doc, q.anchor.sentence
    if q.flow != "total" or not doc.search(_P.two_way, s0, q.start):
        return None
    if s1 >= len(doc.low) or NARROWING_START.match(doc.low, s1) is None:
        return None
    named = _one_partner_in(q, *doc.regions.sentence_of(s1))
    return (named, None) if named is not None else None


def _one_partner_in(q: Ask, lo: int, hi: int) -> str | None:
    """The partner named in ``[lo, hi)`` when only one is."""
    starts = q.doc.partner_starts
    named = {c.value for c in q.doc.partners[bisect_left(starts, lo) : bisect_left(starts, hi)]}
    return named.pop() if len(named) == 1 else None


@rule(
    "the partner of the figure before in its paragraph, named in its sentence or the one before"
    " ('... exported $800 million of seafood to Japan. Shrimp brought in $320 million, up 12"
    " per cent')"
)
def _partner_before(q: Ask) -> Hit:
    last, doc = q.ctx.last, q.doc
    if last is None or last.partner is None or doc.whole_subject(q.anchor):
        return None
    if doc.paragraph_index(q.start) != doc.paragraph_index(last.anchor.amount.start):
        return None
    named = last.trace.get("partner")  # where the partner was written (carried: the same)
    s0 = q.anchor.sentence[0]
    sentence_before = doc.regions.sentence_of(s0 - 1)[0] if s0 > 0 else 0
    if named is None or named.span is None or named.span[0] < sentence_before:
        return None
    if named.span[0] < s0 and any_between(doc.flow_starts, s0, q.start):
        return None  # a sentence after it with a flow word of its own says what it is of
    return (last.partner, named.span)


@rule("the partner of a bilateral article")
def _article(q: Ask) -> Hit:
    if not q.doc.article_partner or q.doc.whole_subject(q.anchor):
        return None
    return (q.doc.article_partner, None)


@rule("no partner named: the world")
def _none(q: Ask) -> Hit:
    return (None, None)


TABLE: tuple[Rule, ...] = (
    _with_after,
    _right_after,
    _change_in,
    _percent_partner_after,
    _main_markets,
    _china_and_hong_kong,
    _markets_listed,
    _before,
    _to_or_from_after,
    _fronted_figure,
    _figure_back,
    _share_object,
    _list_lead,
    _subjectless_clause,
    _subjectless_sentence,
    _running_total,
    _narrowing,
    _two_way_pair,
    _two_way_broken_down,
    _partner_before,
    _article,
    _none,
)
