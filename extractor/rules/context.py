"""What carries from one number to the next, and the question each slot rule reads.

The document view never changes; everything that the reading of earlier numbers
settles (the flow, period, month, quarter and basis in force, asides, the item mentions
taken, the topics) is the ``Context``. Slot rules only read it: the engine
(``resolve.py``) updates it between numbers, from what the rules decided.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from extractor.rules.document import Anchor, Document
from extractor.rules.engine import Asked, Decision
from extractor.rules.items import ItemMention, phrase_after
from extractor.rules.vocab import PATTERNS, VOCAB

Period = tuple[int | None, int, int]  # (year, start month, end month)


@dataclass
class Resolved:
    """One number read as a fact, with the decision of every slot (its trace)."""

    anchor: Anchor
    flow: str
    scope: str
    period: Period
    sector: str | None
    partner: str | None
    item: str | None
    metric: str
    sign: int
    basis: str | None
    trace: dict[str, Decision[Any]] = field(default_factory=dict)

    def redecide(self, slot: str, value: Any, rule: str, span: tuple[int, int] | None) -> None:
        """A later reading of the whole sentence (a "lần lượt" list) sets ``slot`` again."""
        setattr(self, slot, value)
        self.trace[slot] = Decision(value, rule, span)


def _referred_back_next(doc: Document, m: ItemMention, nxt: ItemMention | None) -> bool:
    """Whether the mention after ``m`` (``nxt``) refers back to it from the next sentence."""
    if nxt is None or not nxt.back_reference:
        return False
    if _P.list_intro_before.search(doc.low, max(0, m.start - 12), m.start):
        return False  # "Sản phẩm xuất khẩu chủ yếu là túi nhựa, ...": examples of the topic
    end = doc.regions.sentence_of(m.start)[1]
    return doc.low[end : nxt.start].count(".") <= 1


@dataclass
class Context:
    """The state of the reading between numbers."""

    flow: tuple[str, str] | None = None
    period: Period | None = None
    month: Period | None = None  # the last single month named ("trong tháng")
    quarter: Period | None = None  # the last quarter named ("in the quarter")
    period_paragraph: int = -1  # where ``period`` was named
    basis: str | None = None
    basis_paragraph: int = -1
    basis_period: Period | None = None  # the period of the figure the basis was said of
    # a period of an earlier year than the article's ("Năm 2023, con số này chỉ đạt ...") and
    # "trong tháng" after a cumulative period are asides: they hold to the end of their
    # paragraph, then the period before them resumes
    aside_paragraph: int = -1
    aside_to_heading: bool = False  # the aside holds up to the next heading, not paragraph end
    resume: tuple[Period | None, Period | None, Period | None] = (None, None, None)
    last: Resolved | None = None
    # the last number read when it was no fact: its sentence and the name of the not-a-fact
    # rule that left it out (None: a key it lacked)
    skipped: tuple[tuple[int, int], str | None] | None = None
    periods_carried: int = 0  # periods already read into the context
    bases_carried: int = 0  # comparisons already read into ``basis``
    items: list[ItemMention] = field(default_factory=list)  # the document's, and phrases read
    item_starts: list[int] = field(default_factory=list)
    item_at: dict[int, ItemMention] = field(default_factory=dict)
    # mentions some number took, with that number's flow: they carry to later sentences of it
    used_items: dict[int, str] = field(default_factory=dict)
    topic: str | None = None  # item of the article's first figure
    headline_topic: str | None = None  # the product a headline without figures leads with
    paragraph_topic: dict[int, str | None] = field(default_factory=dict)
    flow_topic: dict[str, str | None] = field(default_factory=dict)
    read_any: bool = False
    # the rules of each table (by id) that can apply in this document, by unit
    applicable: dict[Any, dict[int, Asked]] = field(default_factory=dict)
    cannot_apply: frozenset[int] | None = None  # rules (ids) whose patterns cannot match here
    clause: tuple[int, int] = (-1, -1)  # the last number's sentence start and clause start
    clause_memo: dict[str, Any] = field(default_factory=dict)  # that clause's lookups

    @classmethod
    def start(cls, doc: Document) -> Context:
        # a list of products in a sentence without figures ("Sản phẩm xuất khẩu chủ yếu là
        # túi nhựa, nhựa gia dụng, ...") describes the topic and does not replace it; one
        # group's name with commas in it is no list, nor one the next sentence refers back to
        # ("... machinery, equipment and spare parts from China. ... these products fell ...")
        items = [
            m
            for m, nxt in itertools.zip_longest(doc.items, doc.items[1:])
            if not (
                m.item
                and "," in m.item
                and not doc.sentence_has_figures(m.start)
                and not doc.low.startswith(_GROUP, m.start)  # ("nhóm máy vi tính, ...")
                and not _referred_back_next(doc, m, nxt)
            )
        ]
        return cls(
            items=items,
            item_starts=[m.start for m in items],
            item_at={m.start: m for m in items},
            topic=(topic := headline_topic(doc, items)),
            headline_topic=topic,
        )

    def topic_at(self, doc: Document, pos: int, flow: str) -> str | None:
        """What a subject-less figure is about: its paragraph's first figure; else the first
        figure of its flow (an article about wood exports that turns to "nhập khẩu gỗ nguyên
        liệu" and then "Trung Quốc là nhà cung cấp lớn nhất với ..."); else the article's."""
        here = doc.paragraph_index(pos)
        if here in self.paragraph_topic:
            return self.paragraph_topic[here]
        return self.flow_topic.get(flow, self.topic)

    def year_in_force(self, doc: Document) -> int | None:
        """The year of a period written without one: the article's, or a later one the
        article has moved on to ("Bước sang năm 2025, ... Trong quý I, ...")."""
        year = self.period[0] if self.period is not None else None
        if year is None or doc.main_year is None or year < doc.main_year:
            return doc.main_year
        return year

    def add_item(self, mention: ItemMention) -> None:
        """An item phrase read after a number becomes a mention (after any at its start)."""
        i = bisect_right(self.item_starts, mention.start)
        self.items.insert(i, mention)
        self.item_starts.insert(i, mention.start)
        self.item_at[mention.start] = self.items[bisect_left(self.item_starts, mention.start)]

    def last_item(self, lo: int, hi: int, wanted: Any) -> ItemMention | None:
        """The last item mention starting in ``[lo, hi)`` that is ``wanted``."""
        i = bisect_left(self.item_starts, hi) - 1
        while i >= 0 and self.item_starts[i] >= lo:
            if wanted(self.items[i]):
                return self.items[i]
            i -= 1
        return None


@dataclass(slots=True)
class Ask:
    """The question a slot rule answers: this number, in this document and context, with
    the slots decided before it (the order is metric, flow, period, sector, partner,
    item, scope, sign, basis)."""

    doc: Document
    anchor: Anchor
    ctx: Context
    metric: str = ""
    sign: int = 1
    flow: str = ""
    scope: str = "goods"
    period: Period = (None, 0, 0)
    partner: str | None = None
    item: str | None = None
    memo: dict[str, Any] = field(default_factory=dict)  # lookups several rules share
    start: int = 0  # where the number is written (normalised text)
    end: int = 0
    tables: dict[int, Asked] = field(default_factory=dict)  # the rules to ask (``asked``)
    clause_start: int = 0  # where the number's clause begins: its sentence's or after ";"
    # lookups that depend on the number's clause alone, shared by the numbers of the clause
    # (the engine hands each number its clause's: ``Context.clause_memo``)
    clause_memo: dict[str, Any] = field(default_factory=dict)
    not_fact: str | None = None  # the name of the not-a-fact rule that applied, if one did

    def __post_init__(self) -> None:
        self.start, self.end = self.anchor.amount.start, self.anchor.amount.end
        s0 = self.anchor.sentence[0]  # (asked by several rules of every number)
        self.clause_start = max(s0, self.doc.low.rfind(";", s0, self.start) + 1)


_P = PATTERNS.of("context")
# a phrase that names one group, commas and all ("nhóm máy vi tính, sản phẩm điện tử và linh kiện")
_GROUP = tuple(f"{w} " for w in VOCAB.words("item.group_heads"))

HEADLINE_TOPIC_REACH = 60  # characters from the headline's start to its product


def _headline(low: str) -> tuple[int, int]:
    """The first line, or the second when the first is only a date ("December 06, 2024 |
    17:46 (GMT+7)", "06/12/2024 08:30")."""
    end = low.find("\n")
    if end > 0 and _P.date_line.fullmatch(low, 0, end):
        start = end + 1
        end = low.find("\n", start)
        return (start, end if end >= 0 else 0)
    return (0, end)


def _first_product(doc: Document, items: list[ItemMention]) -> str | None:
    """A page stored from the middle of a story ("Trong đó, xuất khẩu sang EU chiếm ..."):
    the product its first two paragraphs name first, the topic it had before the cut."""
    for m in items:
        if doc.paragraph_index(m.start) > 1:
            return None
        if m.item and "," not in m.item and _led_by_flow(doc, m):
            return m.item  # ("xuất khẩu hàng dệt may của Việt Nam sang EU")
    return None


def _led_by_flow(doc: Document, m: ItemMention, end: int | None = None) -> bool:
    """The product is what a flow word is of: "Xuất khẩu gỗ ...", "Seafood exports"."""
    return any(
        abs(m.start - c.end) <= 1 or abs(c.start - m.end) <= 1
        for c in doc.flows
        if end is None or c.end <= end
    )


def _product_after_figure(doc: Document, start: int) -> str | None:
    """The product a headline names right after its figure, when its flow word leads straight
    to the figure ("Xuất khẩu 11,8 tỷ USD hàng dệt may sang Hoa Kỳ trong năm qua")."""
    figure = doc.amounts[0]
    if not any(start <= c.start and 0 <= figure.start - c.end <= 1 for c in doc.flows):
        return None
    return phrase_after(doc.text, doc.low, figure.end, doc.partner_words)


def headline_topic(doc: Document, items: list[ItemMention]) -> str | None:
    """The product a headline leads with, before any figure in it ("Xuất khẩu gỗ và sản phẩm
    gỗ sang một số thị trường giảm mạnh", "Seafood exports projected to ...", "Xuất khẩu hạt
    tiêu tụt mốc 1 tỷ USD"): the topic of the figures that name none, until the first figure
    says otherwise."""
    start, end = _headline(doc.low)
    if _P.mid_story_opening.match(doc.low):
        return _first_product(doc, items)
    if end <= start:
        return None
    if doc.amount_starts and start <= doc.amount_starts[0] < end:
        after = _product_after_figure(doc, start)
        if after is not None:  # "Xuất khẩu 11,8 tỷ USD hàng dệt may sang Hoa Kỳ"
            return after
        end = doc.amount_starts[0]  # "Xuất khẩu hạt tiêu tụt mốc 1 tỷ USD": what leads to it
    named = {m.item.lower(): m.item for m in items if m.item and start <= m.start < end}
    first = next((m for m in items if start <= m.start < end), None)
    if len(named) != 1 or first is None or first.item is None or "," in first.item:
        return None  # (a list of products is no topic)
    if first.start - start > HEADLINE_TOPIC_REACH:
        return None
    return first.item if _led_by_flow(doc, first, end) else None
