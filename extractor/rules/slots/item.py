"""The item of a number: the product or product group it is about (None: all goods).

An item phrase right after an amount ("1,1 tỷ USD cà phê") wins; otherwise the
nearest item mention that can reach the number decides, read through back references
("nhóm hàng này") and subject-less phrases ("shipments were worth ...": the topic of
the article, its paragraph or its flow). The mention a number takes carries on to
later sentences (``Context.used_items``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from extractor.numbers import Unit
from extractor.rules.context import Ask, Resolved
from extractor.rules.document import nearest_left
from extractor.rules.engine import Rule, Span, rule
from extractor.rules.items import ItemMention, phrase_after, phrase_at
from extractor.rules.scan import any_between
from extractor.rules.slots.partner import NARROWING_START
from extractor.rules.vocab import PATTERNS

_P = PATTERNS.of("item")


PHRASE_AFTER = "item phrase right after the amount"
FROM_SELLING = (
    "money earned from selling a product or spent to buy it ('earned USD 270 million from"
    " shipping 103,000 tons of peppercorn', 'spent $78 million to import pesticides'): that"
    " product"
)
# rules that read the product after the number: what they read is a mention for the numbers after
READ_AFTER = frozenset({PHRASE_AFTER, FROM_SELLING})
Hit = tuple[str | None, Span | None] | None


def names_item(m: ItemMention) -> bool:
    return bool(m.item) and not m.back_reference


def _names_or_refers(m: ItemMention) -> bool:
    return bool(m.item) or m.back_reference


def _span(m: ItemMention) -> Span:
    return (m.start, m.end)


def _named_last_before(q: Ask, pos: int) -> str | None:
    earlier = q.ctx.last_item(0, pos, names_item)
    return earlier.item if earlier else None


_MONEY_OR_TONNES = (Unit.USD, Unit.TONNE)
_PRODUCT_FLOWS = ("export", "import")


def _money_or_tonnes(q: Ask) -> bool:
    return q.anchor.amount.unit in _MONEY_OR_TONNES


def _phrase(q: Ask) -> str | None:
    return phrase_after(q.doc.text, q.doc.low, q.end, q.doc.partner_words)


def mention(q: Ask) -> ItemMention | None:
    """The nearest mention that reaches the number: in its sentence, or before it when
    it names the whole, refers back, or was taken by an earlier number (looked up once
    per number)."""
    memo = q.memo
    if "item_mention" not in memo:
        memo["item_mention"] = _nearest_mention(q)
    found: ItemMention | None = memo["item_mention"]
    return found


def _nearest_mention(q: Ask) -> ItemMention | None:
    ctx, s0, visible = q.ctx, q.anchor.sentence[0], q.doc.visible

    def eligible(pos: int, anchor_pos: int) -> bool:
        if not visible(pos, anchor_pos):
            return False
        if pos >= s0:
            return True
        m = ctx.item_at[pos]
        if m.item is None or m.back_reference:
            return True
        taker = ctx.used_items.get(pos)
        if taker is None:
            return False
        # a product carries to later figures of its own flow; to the other flow only when it
        # is what the article is about ("nhập khẩu cà phê" in a coffee report), not from one
        # line of a whole-economy report ("seafood of 2.7%" → "Vietnam posted imports of")
        if q.flow == "balance" and taker != q.flow and m.item != ctx.topic:
            # a product's surplus is said with its trade ("..., resulting in a surplus of")
            last = ctx.last
            return last is not None and last.anchor.sentence == q.anchor.sentence
        return taker == q.flow or q.flow not in _PRODUCT_FLOWS or m.item == ctx.topic

    return nearest_left(ctx.items, ctx.item_starts, q.start, 0, eligible)


def _unnamed(m: ItemMention) -> bool:
    return m.item is None and not m.back_reference


@rule(PHRASE_AFTER, units=_MONEY_OR_TONNES)
def _after(q: Ask) -> Hit:
    after = _phrase(q)
    if not after:
        return None
    at = q.doc.low.find(after.lower(), q.end)
    return (after, (at, at + len(after)) if at >= 0 else None)


@rule(
    "a percent for a product ('35.1 percent for machines', 'Hàn Quốc ... chiếm 29% tổng kim"
    " ngạch nhập khẩu nhóm linh kiện phụ tùng ô tô'): the item after 'for', or what the share"
    " is of when its clause names no item",
    units=(Unit.PERCENT,),
    needs=(_P.percent_for, _P.percent_of_product),
)
def _percent_for(q: Ask) -> Hit:
    m = _P.percent_for.match(q.doc.low, q.end)
    if m is None and q.ctx.last_item(q.clause_start, q.start, names_item) is None:
        m = _P.percent_of_product.match(q.doc.low, q.end)
    if m is None:
        return None
    item = phrase_at(q.doc.text, q.doc.low, m.end(), q.doc.partner_words)
    return (item, (m.end(), m.end() + len(item))) if item else None


@rule(
    "an amount a percent's product reached ('35.1 percent for machines ... to reach 16.56"
    " billion USD'): the item after 'for'",
    units=_MONEY_OR_TONNES,
    needs=(_P.for_to_reach_before,),
)
def _for_to_reach(q: Ask) -> Hit:
    doc = q.doc
    m = _P.for_to_reach_before.search(doc.low, max(0, q.start - 120), q.start)
    if m is None:
        return None
    item = phrase_at(doc.text, doc.low, m.start("item"), doc.partner_words)
    return (item, (m.start("item"), m.start("item") + len(item))) if item else None


@rule(
    "'mặt hàng này' after the amount: the item named last",
    units=_MONEY_OR_TONNES,
    needs=(_P.back_reference_after,),
)
def _back_reference_after(q: Ask) -> Hit:
    m = _P.back_reference_after.match(q.doc.low, q.end)
    if m is None:
        return None
    item = _named_last_before(q, q.start)
    return (item, m.span()) if item is not None else None


@rule(
    FROM_SELLING,
    units=(Unit.USD,),
    needs=(_P.from_selling,),
)
def _from_selling(q: Ask) -> Hit:
    m = _P.from_selling.match(q.doc.low, q.end)
    if m is None:
        return None
    (tonnes,) = q.doc.amounts_in(m.end(), m.end() + 1) or (None,)
    if tonnes is not None and tonnes.unit is not Unit.TONNE:
        return None
    doc = q.doc
    if tonnes is None:  # "spent $78 million to import pesticides and raw materials"
        after = phrase_at(doc.text, doc.low, m.end(), doc.partner_words)
    else:  # "... from shipping 103,000 tons of peppercorn"
        after = phrase_after(doc.text, doc.low, tonnes.end, doc.partner_words)
    return (after, m.span()) if after else None


@rule(
    "a running total ('nâng tổng ... lên 17,1 tỉ USD'): the item of the figure before",
    needs=(_P.running_total,),
)
def _running_total(q: Ask) -> Hit:
    last = q.ctx.last
    if last is None or last.anchor.sentence != q.anchor.sentence:
        return None
    m = q.doc.search(_P.running_total, q.anchor.sentence[0], q.start)
    if m is None or q.ctx.last_item(m.end(), q.start, names_item) is not None:
        return None  # (an item named after it is the later figures' own)
    return (last.item, m.span())


@rule(
    "a percent's change noun, then a product ('a 5.7 per cent increase in shrimp exports', 'a"
    " 15.4 percent drop in crude oil'): that product",
    units=(Unit.PERCENT,),
    needs=(_P.change_in,),
)
def _change_in_product(q: Ask) -> Hit:
    low, items, starts = q.doc.low, q.ctx.items, q.ctx.item_starts
    m = _P.change_in.match(low, q.end)
    if m is None:
        return None
    i = bisect_right(starts, m.end()) - 1  # (a mention may begin at the space)
    found = items[i] if i >= 0 else None
    if (
        found
        and found.end > m.end()
        and names_item(found)
        and _P.flow_word_after.match(low, found.end)
    ):
        return (found.item, _span(found))  # "a 5.7 per cent increase in shrimp exports"
    # "including a 15.4 percent drop in crude oil, a 50.7 percent decrease in coal"
    item = phrase_at(q.doc.text, low, m.end(), q.doc.partner_words)
    return (item, (m.end(), m.end() + len(item))) if item else None


@rule(
    "no item mention reaches it: the product its headline leads with, else all goods (a page"
    " opening mid-story with tonnes and no product: the product named next)"
)
def _no_mention(q: Ask) -> Hit:
    if mention(q) is not None:
        return None
    if q.ctx.headline_topic is None and any(
        a.unit is Unit.TONNE for a in q.doc.amounts_in(*q.anchor.sentence)
    ):  # ("Riêng tháng 11/2019 xuất khẩu 14.240 tấn, ... \n Giá chè xuất khẩu ..."): all
        return (_named_next(q, q.end), None)  # goods are not counted in tonnes
    return (q.ctx.headline_topic, None)


@rule("a back reference ('nhóm hàng này'): the item named last")
def _back_reference(q: Ask) -> Hit:
    m = mention(q)
    if m is None or not m.back_reference:
        return None
    named = _named_last_before(q, m.start)
    if named is None:  # a stored page that opens mid-story ("Tính chung, ... xuất khẩu nhóm
        named = _named_next(q, m.end)  # hàng này ... hàng rau quả của Việt Nam")
    return (named, _span(m))


def _named_next(q: Ask, pos: int) -> str | None:
    """The first item named after ``pos`` in its paragraph, or further on when that is the
    page's first paragraph (a page opening mid-story names its product later)."""
    doc, ctx = q.doc, q.ctx
    here = doc.paragraph_index(pos)
    for m in ctx.items[bisect_left(ctx.item_starts, pos) :]:
        if here > 0 and doc.paragraph_index(m.start) != here:
            return None
        if m.item:
            return m.item
    return None


@rule("an item named earlier in its clause, else in its sentence")
def _named_in_clause(q: Ask) -> Hit:
    m = mention(q)
    if m is None or not _unnamed(m):
        return None
    named = q.ctx.last_item(q.anchor.window_start, m.start, _names_or_refers)
    if named is None and m.start >= q.anchor.sentence[0]:
        # "Đối với nhóm hàng dệt may, Mỹ ... lớn nhất với 4,84 tỉ USD, giảm gần 15%"
        named = q.ctx.last_item(q.anchor.sentence[0], m.start, _names_or_refers)
    if named is None:  # "nhóm hàng này ... là mặt hàng có kim ngạch lớn nhất": still that item
        return None
    if named.back_reference:
        return (_named_last_before(q, named.start), _span(named))
    return (named.item, _span(named))


@rule("a trade balance whose sentence names no product: all goods")
def _balance(q: Ask) -> Hit:
    """A surplus or deficit is of all goods unless its own sentence names the product, or its
    paragraph has just given a product's trade (the human gold: 672 balances of all goods, 44
    of a product): a product of earlier paragraphs does not carry to it ("... iron and steel
    ... \n Vietnam saw a trade surplus of 6.8 billion US dollars")."""
    if q.flow != "balance":
        return None
    if q.ctx.last_item(q.anchor.sentence[0], q.start, _names_or_refers) is not None:
        return None  # "năm 2022 Việt Nam nhập siêu sắt thép 3,93 tỷ USD"
    last, doc = q.ctx.last, q.doc
    if (
        last is not None
        and last.item
        and doc.paragraph_index(last.anchor.amount.start) == doc.paragraph_index(q.start)
    ):
        return None  # "... imports of the products rose to 41.22 billion USD, resulting in a
        # surplus of 7.82 billion USD": the balance of the trade just given
    return (None, None)


WHOLE_COUNTRY_TONNES = (
    "tonnes of the whole country ('cả nước xuất khẩu 3,25 triệu tấn'): the article's topic,"
    " else the product named last"
)


@rule("a figure after whole-country tonnes in their sentence ('..., kim ngạch đạt 1,4 tỷ USD')")
def _after_whole_country_tonnes(q: Ask) -> Hit:
    last = q.ctx.last
    if last is None or last.anchor.sentence != q.anchor.sentence:
        return None
    return (last.item, None) if last.trace["item"].rule == WHOLE_COUNTRY_TONNES else None


@rule(WHOLE_COUNTRY_TONNES, units=(Unit.TONNE,))
def _whole_country_tonnes(q: Ask) -> Hit:
    if q.anchor.amount.unit != Unit.TONNE or _whole.when(q) is None:
        return None  # (tonnes are of one product, never of all goods)
    m = mention(q)
    item = q.ctx.topic or _named_last_before(q, m.start if m is not None else q.start)
    return (item, None) if item else None


@rule("the whole of the goods ('hàng hóa', 'cả nước')")
def _whole(q: Ask) -> Hit:
    m = mention(q)
    if m is None or not _unnamed(m) or m.start < q.anchor.sentence[0]:
        return None
    w = _P.explicit_whole.search(q.doc.low, m.start, m.end)
    if w is None:  # "Về thị trường hàng hóa nhập khẩu quý 1/2020, Trung Quốc ... lớn nhất ..."
        w = _P.goods_markets_opening.match(q.doc.low, q.anchor.sentence[0])
    return (None, w.span()) if w else None  # "Đức là thị trường cung cấp hàng hóa lớn nhất"


def _partner_led(q: Ask) -> bool:
    """A sentence whose subject is a partner or a sector ("Italy nhập ...", "The US
    remained ...", "Foreign-invested firms shipped ...")."""
    doc, s0 = q.doc, q.anchor.sentence[0]
    lead = _P.lead.match(doc.low[s0 : s0 + 40])
    first = s0 + (lead.end() if lead else 0)
    return first in doc.partner_start_set or first in doc.sector_start_set


@rule("a sentence that narrows the one before ('Trong đó', 'Of which'): the product named there")
def _narrowing(q: Ask) -> Hit:
    doc, s0 = q.doc, q.anchor.sentence[0]
    if s0 == 0 or not (
        NARROWING_START.match(doc.low, s0) or _P.narrowing_to_a_period.match(doc.low, s0)
    ):
        return None
    if q.ctx.last_item(s0, q.start, _names_or_refers) is not None:
        return None  # its own sentence names one
    p0, p1 = doc.regions.sentence_of(s0 - 1)
    named = q.ctx.last_item(p0, p1, names_item)  # "Các thị trường ... của nhóm hàng hạt điều
    if named:  # như: ... Trong đó, Hoa Kỳ ..."
        return (named.item, _span(named))
    whole = doc.search(_P.whole_country_subject, p0, p1)  # "Tổng trị giá xuất nhập khẩu của cả
    return (None, whole.span()) if whole else None  # nước ... Trong đó, khối FDI đóng góp ..."


@rule("a sentence led by a partner or sector: the topic")
def _partner_led_topic(q: Ask) -> Hit:
    if mention(q) is None or not _partner_led(q):
        return None
    if q.ctx.last_item(q.anchor.sentence[0], q.start, _names_or_refers) is not None:
        return None
    whole = q.doc.search(_P.country_market, q.anchor.sentence[0], q.start)
    if whole and q.ctx.headline_topic is None:  # (in a wood article, the market for wood)
        return (None, whole.span())  # "The US remains the country's largest export market"
    topic = q.ctx.topic_at(q.doc, q.start, q.flow)  # "The US remained ...": same topic
    last = q.ctx.last
    if topic is None and last is not None and _led_by_its_partner(q, last):
        # "Đức là quốc gia nhập khẩu cà phê nhiều nhất ..., với 104.375 tấn ... Italy nhập
        # 80.655 tấn": the product of the partner before
        return (last.item, None)
    return (topic, None)


def _led_by_its_partner(q: Ask, last: Resolved) -> bool:
    """The figure before, in this paragraph or the one before, named its partner before its
    product ("Đức là quốc gia nhập khẩu cà phê ...", not "Sắt thép nhập từ Trung Quốc ...")."""
    partner, item = last.trace["partner"].span, last.trace["item"].span
    if last.partner is None or not last.item or partner is None or item is None:
        return False
    apart = q.doc.paragraph_index(q.start) - q.doc.paragraph_index(last.anchor.amount.start)
    return apart <= 1 and partner[0] < item[0]


@rule("a ranking of partners continued ('It was followed by South Korea'): the item before")
def _ranking_continued(q: Ask) -> Hit:
    last, doc, s0 = q.ctx.last, q.doc, q.anchor.sentence[0]
    if last is None or last.partner is None:
        return None
    m = doc.search(_P.ranking_continued, s0, q.start)
    if m is None or not doc.partners or q.ctx.last_item(s0, q.start, _names_or_refers):
        return None
    return (last.item, m.span()) if any_between(doc.partner_starts, m.end(), q.start) else None


@rule("the country's total trade as its sentence's subject ('Vietnam’s total export turnover')")
def _country_total(q: Ask) -> Hit:
    m, s0 = mention(q), q.anchor.sentence[0]
    if m is not None and m.start >= s0 and not _unnamed(m):
        return None
    w = q.doc.search(_P.country_total_subject, s0, q.start)
    return (None, w.span()) if w else None


@rule("an unnamed subject: the item named before it in its sentence, else the article's topic")
def _article_topic(q: Ask) -> Hit:
    m = mention(q)
    if m is None or not _unnamed(m) or m.partner_follows or q.ctx.topic is None:
        return None
    lo = max(q.anchor.sentence[0], m.start - 60)
    low = q.doc.low
    if _P.explicit_whole.search(low, lo, m.end):
        return None
    if m.start >= lo and _P.explicit_whole.match(low, m.start):
        return None  # "xuất khẩu cả nước": the phrase stops at the word that names the whole
    same_sentence = q.ctx.last_item(q.anchor.sentence[0], m.start, names_item)
    if same_sentence:  # "Về tôm, ... tôm ... đạt 17,1 nghìn tấn, trị giá 155,99 triệu USD"
        return (same_sentence.item, _span(same_sentence))
    return (q.ctx.topic, _span(m))  # "shipments were worth ..." in an article about seafood


@rule("a phrase about a partner ('xuất khẩu sang EU'): the product of its sentence, else the topic")
def _partner_follows(q: Ask) -> Hit:
    m = mention(q)
    if m is None or m.item is not None or not m.partner_follows:
        return None
    total = q.doc.search(_P.total_flow_before, max(0, m.start - 40), m.start)
    if total is not None and not q.doc.search(_P.running_total, max(0, m.start - 40), m.start):
        # "Tổng kim ngạch xuất khẩu sang Trung Quốc": all goods (but not a running total, "đưa
        # tổng kim ngạch nhập khẩu từ thị trường này lên ...": the product's, as the figure's)
        return (None, total.span())
    same_sentence = q.ctx.last_item(q.anchor.sentence[0], m.start, names_item)
    if same_sentence:
        return (same_sentence.item, _span(same_sentence))
    return (q.ctx.topic_at(q.doc, q.start, q.flow), _span(m))


def _carried_from_before(q: Ask) -> ItemMention | None:
    """The product the number would take from a sentence before, when it is not the article's."""
    m = mention(q)
    if m is None or m.start >= q.anchor.sentence[0] or m.item is None or m.item == q.ctx.topic:
        return None
    return m


@rule(
    "a sentence whose subject is the whole country ('the country recorded ...'): all goods, "
    "not a product carried from a line before",
    needs=(_P.country_subject,),
)
def _country_subject(q: Ask) -> Hit:
    m, (s0, s1) = _carried_from_before(q), q.anchor.sentence
    if m is None or m.item is None or m.item.lower() in q.doc.low[s0:s1]:
        return None  # "Vietnam had made 1.83 billion U.S. dollars from selling ... rice"
    found = q.doc.search(_P.country_subject, s0, q.start)
    return (None, found.span()) if found else None


@rule(
    "a sentence that ranks a partner among Vietnam's ('the United States remained Vietnam's "
    "biggest importer'): all goods, not a product carried from a line before",
    needs=(_P.partner_rank,),
)
def _partner_rank(q: Ask) -> Hit:
    if _carried_from_before(q) is None:
        return None
    found = q.doc.search(_P.partner_rank, q.anchor.sentence[0], q.start)
    return (None, found.span()) if found else None


@rule("the nearest item mention")
def _nearest(q: Ask) -> Hit:
    m = mention(q)
    return (m.item, _span(m)) if m is not None else None


TABLE: tuple[Rule, ...] = (
    _after,
    _percent_for,
    _for_to_reach,
    _back_reference_after,
    _from_selling,
    _running_total,
    _change_in_product,
    _no_mention,
    _back_reference,
    _named_in_clause,
    _balance,
    _whole_country_tonnes,
    _after_whole_country_tonnes,
    _whole,
    _narrowing,
    _partner_led_topic,
    _ranking_continued,
    _country_total,
    _article_topic,
    _partner_follows,
    _country_subject,
    _partner_rank,
    _nearest,
)
