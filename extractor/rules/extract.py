"""The rule baseline: every number of the article, read with the cues around it.

An article is normalised once into a ``Document`` (a read-only view: text, regions,
numbers, mentions). Each number (*anchor*) goes through the slot tables of
``slots/`` (``resolve.read_all``): is it a fact at all, and which metric, flow, period,
sector, partner, item and basis, each decided by a named rule. Lists read "lần
lượt"/"respectively" are zipped in order, and text tables read cell by cell.
``read_article`` keeps every decision for ``extractor explain``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from extractor.normalise.article import article_text
from extractor.normalise.text import NormalisedText
from extractor.rules.context import Context, Resolved
from extractor.rules.distributive import each_partner
from extractor.rules.document import Anchor, Document
from extractor.rules.engine import Decision
from extractor.rules.items import fact_item
from extractor.rules.resolve import read_all
from extractor.rules.respectively import zip_respectively
from extractor.rules.table_facts import table_facts
from extractor.rules.vocab import PATTERNS
from extractor.types import Article, ArticleResult, Evidence, Fact, Period, Source

MASKED = "numbers are masked in this article (placeholders, no figures): no facts reported"

_P = PATTERNS.of("extract")
_ITEM = 5  # where a fact's key (``_key``) holds the product it names


@dataclass
class Reading:
    """One article read by the rules: its facts, each with its trace, and why every
    other number is no fact."""

    doc: Document | None
    norm: NormalisedText | None = None
    facts: list[tuple[Fact, Resolved]] = field(default_factory=list)
    not_facts: list[tuple[Anchor, Decision[Any]]] = field(default_factory=list)
    masked: bool = False


def _quote(doc: Document, anchor: Anchor) -> tuple[int, int]:
    a = anchor.amount
    start = max(anchor.window_start, anchor.sentence[0], a.start - 90)
    while start < a.start and doc.text[start] in " ,;.:)\n":
        start += 1
    if start > anchor.sentence[0] and start < a.start and doc.text[start - 1].isalnum():
        nxt = doc.text.find(" ", start, a.start)
        start = nxt + 1 if nxt != -1 else start
    return start, a.end


def _evidence(article: Article, norm: NormalisedText, doc: Document, r: Resolved) -> dict[str, Any]:
    """The quote of ``r`` and where it stands in the article as given."""
    q0, q1 = _quote(doc, r.anchor)
    o0, o1 = norm.to_original(q0, q1)
    return {"quote": article.text[o0:o1], "start": o0, "end": o1}


@lru_cache(maxsize=512)
def _period(year: int | None, first: int, last: int) -> Period | dict[str, Any]:
    """The period of a fact, validated once for every fact of it (a frozen model, shared);
    one that does not validate stays plain data, for the fact's validation to refuse."""
    data = {"year": year, "start_month": first, "end_month": last}
    try:
        return Period.model_validate(data)
    except ValueError:
        return data


def _fact(article: Article, norm: NormalisedText, doc: Document, r: Resolved) -> Fact | None:
    a = r.anchor.amount
    evidence = _evidence(article, norm, doc, r)
    try:
        # one validation of plain data: the enums and Evidence are built by Fact
        return Fact.model_validate(
            {
                "flow": r.flow,
                "scope": r.scope,
                "period": _period(*r.period),
                "sector": r.sector,
                "partner": r.partner,
                "item": fact_item(r.item),
                "metric": r.metric,
                "basis": r.basis,
                "value": a.value * r.sign,
                "quote": evidence["quote"],
                "qualifier": a.qualifier,
                "evidence": evidence,
                "source": Source.RULES,
            }
        )
    except ValueError:
        return None


def _key(r: Resolved) -> tuple[Any, ...]:
    value = round(r.anchor.amount.value * r.sign, 6)
    item = _product_named(r.item)
    return (r.flow, r.scope, r.period, r.sector, r.partner, item, r.metric, r.basis, value)


@lru_cache(maxsize=1024)
def _product_named(item: str | None) -> str | None:
    """What an item phrase names, whatever its case, punctuation and filler words: "Ngô các
    loại" and "ngô" name one product, so a figure said of both is said twice."""
    if item is None:
        return None
    low = _P.naming_filler.sub(" ", item.lower())
    return " ".join(_P.word_run.findall(low))


def _without_item(key: tuple[Any, ...]) -> tuple[Any, ...]:
    return (*key[:_ITEM], *key[_ITEM + 1 :])


def _said_of_it(named: dict[tuple[Any, ...], list[set[str]]], key: tuple[Any, ...]) -> bool:
    """The same figure given before of a product this one's name holds, or that holds it
    ("tôm" and "tôm chân trắng", "hạt điều" and "điều"): said again."""
    if not key[_ITEM]:
        return False
    words = set(key[_ITEM].split())
    return any(words <= w or w <= words for w in named.get(_without_item(key), ()))


def _inputs(r: Resolved, key: tuple[Any, ...]) -> tuple[Any, ...]:
    """Everything the validation of ``r``'s fact reads except its quote and evidence
    (``key`` is ``_key(r)``)."""
    a = r.anchor.amount
    return (*key[:_ITEM], r.item, *key[_ITEM + 1 : -1], a.value * r.sign, a.qualifier)


def _validates(
    article: Article, norm: NormalisedText, doc: Document, r: Resolved, valid: set[tuple[Any, ...]]
) -> bool:
    """Whether ``r`` gives a valid fact. A repeat of a fact already built from the same
    inputs differs from it only in its quote and evidence (a repeated article, a figure
    said twice): the evidence model alone decides, without building the whole fact."""
    if _inputs(r, _key(r)) not in valid:
        return _fact(article, norm, doc, r) is not None
    try:
        Evidence.model_validate(_evidence(article, norm, doc, r))
    except ValueError:
        return False
    return True


# Reading an article allocates many small objects and no cycles: the collector would walk
# them (and, now and then, the whole heap of compiled patterns and tables) for nothing. A
# long article made it worse with its size (with the default thresholds time per MB rose
# with the size; with fewer young collections it still cost about 4% at 5 MB); for the dev
# articles the walks cost about 1.4% of the instructions. It is paused while one article
# is read; anything left is collected afterwards, between articles. ``extract_by_rules``
# lets the reading go before it resumes: what died uncounted, the young objects that
# trigger a collection are few, and none is walked for it.
@contextmanager
def _no_collections() -> Iterator[None]:
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def read_article(article: Article) -> Reading:
    """Every number of ``article`` read by the slot rules, with the decisions kept."""
    with _no_collections():
        return _read(article)


def _read(article: Article) -> Reading:
    source = article_text(article.text)  # shared with grounding and the cross-check
    norm = source.norm
    if source.masked:
        return Reading(None, masked=True)
    doc = Document(norm.text)
    ctx = Context.start(doc)
    reading = Reading(doc, norm)
    resolved: list[Resolved] = []
    for anchor, outcome in read_all(doc, ctx):
        if isinstance(outcome, Resolved):
            resolved.append(outcome)
        else:
            reading.not_facts.append((anchor, outcome))
    zip_respectively(doc, ctx, resolved)
    # (after the zip: a "lần lượt" list is no list of partners said of each or of all together)
    resolved, together = each_partner(doc, resolved)
    reading.not_facts += together
    seen: set[tuple[Any, ...]] = set()
    named: dict[tuple[Any, ...], list[set[str]]] = {}  # the products of each figure so far
    valid: set[tuple[Any, ...]] = set()  # the inputs of the facts built so far
    for r in resolved + table_facts(doc):
        key = _key(r)
        if key in seen or _said_of_it(named, key):  # dropped either way; only why is asked
            ok = _validates(article, norm, doc, r, valid)
            why = "repeats an earlier fact" if ok else "does not validate as a fact"
            reading.not_facts.append((r.anchor, Decision(None, why, None)))
            continue
        fact = _fact(article, norm, doc, r)
        if fact is None:
            reading.not_facts.append(
                (r.anchor, Decision(None, "does not validate as a fact", None))
            )
            continue
        seen.add(key)
        if key[_ITEM]:
            named.setdefault(_without_item(key), []).append(set(key[_ITEM].split()))
        valid.add(_inputs(r, key))
        reading.facts.append((fact, r))
    return reading


def extract_by_rules(article: Article) -> ArticleResult:
    """Extract the facts of one article without any model."""
    with _no_collections():
        return _result(article, _read(article))  # (the reading freed before collections)


def _result(article: Article, reading: Reading) -> ArticleResult:
    if reading.masked:
        return ArticleResult(
            article=article.name, numbers_masked=True, source=Source.RULES, warnings=[MASKED]
        )
    facts = [fact for fact, _ in reading.facts]
    return ArticleResult(
        article=article.name,
        numbers_masked=False,
        facts=facts,
        source=Source.RULES,
        warnings=[] if facts else ["no trade figures found in this article"],
    )
