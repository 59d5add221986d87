"""A figure said of each of a list of partners: one fact for every partner listed.

"xuất khẩu sang Hàn Quốc, Nhật Bản và EU đều tăng trên 16%" says the same change of three
markets, and "Japan and the Republic of Korea with $7.2 billion each" the same value of two:
a reader takes one fact per partner. Only a list written as one ("A, B và C") right
before the figure, with a word that says *each* ("đều", "both", "each", "mỗi thị trường")
between the list and the figure or right after it, is read so; a "lần lượt" list is zipped
instead. A level or share of a list joined by "và"/"and" with no such word is the partners'
together ("Imports from China and the Republic of Korea hit US$66.238 billion"): no one
partner's figure, so no fact.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from dataclasses import replace

from extractor.rules.context import Resolved
from extractor.rules.cues import Cue
from extractor.rules.document import Anchor, Document
from extractor.rules.engine import Decision
from extractor.rules.respectively import PARTNER_RULES
from extractor.rules.vocab import PATTERNS

_P = PATTERNS.of("distributive")
_LIST_JOIN = PATTERNS.of("partners").list_join  # "Japan, South Korea and China"
_AFTER = 16  # how far past the figure "each" may stand ("$7.2 billion each")
_LEVELS = ("value", "share_pct", "quantity")  # what a list of partners may hold together
_RESPECTIVELY = PATTERNS.of("notfact").respectively  # "lần lượt", "respectively"
TOGETHER = "not a fact: a level of a list of partners together ('Imports from China and Korea hit')"
EACH_PARTNER = (
    "each of a list of partners ('sang Hàn Quốc, Nhật Bản và EU đều tăng', "
    "'Japan and Korea with $7.2 billion each')"
)


def _list_before(doc: Document, s0: int, start: int) -> list[Cue]:
    """The partners written as one list that ends last before ``start`` in its sentence."""
    named = doc.partners[
        bisect_left(doc.partner_starts, s0) : bisect_left(doc.partner_starts, start)
    ]
    chain: list[Cue] = []
    for cue in reversed(named):
        if chain and (cue.value == chain[-1].value or cue.end > chain[-1].start):
            continue  # "the European Union (EU)": a name and its abbreviation are one partner
        if chain and not _LIST_JOIN.fullmatch(doc.low, cue.end, chain[-1].start):
            break
        chain.append(cue)
    return chain[::-1]


def _each_said(doc: Document, r: Resolved, partners: list[Cue]) -> bool:
    """A word that says *each* stands between the list and the figure or right after it."""
    s1, a = r.anchor.sentence[1], r.anchor.amount
    return doc.search(_P.each, partners[-1].end, min(s1, a.end + _AFTER)) is not None


def _said_of_each(doc: Document, r: Resolved) -> list[Cue]:
    """The partners of the list ``r`` is said of, each; none when it is not so said."""
    partners = _list_before(
        doc, max(r.anchor.sentence[0], r.anchor.window_start), r.anchor.amount.start
    )
    if len(partners) < 2 or r.partner not in (None, partners[-1].value):
        return []
    if any(p.value == q.value for p, q in itertools.combinations(partners, 2)):
        return []
    return partners if _each_said(doc, r, partners) else []


def _of_all_together(doc: Document, r: Resolved) -> Decision[None] | None:
    """A level or share said of a list of partners as one ("Imports from China and the Republic
    of Korea hit US$66.238 billion, making up 47%"): no one partner's figure."""
    s0, s1 = r.anchor.sentence
    if r.metric not in _LEVELS:
        return None
    lo = s0 if r.metric == "share_pct" else max(s0, r.anchor.window_start)  # ("..., making up 47%")
    partners = _list_before(doc, lo, r.anchor.amount.start)
    if len(partners) < 2 or r.partner != partners[-1].value:
        return None
    if not _P.and_before.search(doc.low, partners[-2].end, partners[-1].start):
        return None  # ("Besides Brazil, the United States is ...": no list joined by "and")
    if doc.search(_RESPECTIVELY, s0, s1) or _each_said(doc, r, partners):
        return None  # (a "lần lượt" list whose figures could not all be read; or each's)
    return Decision(None, TOGETHER, (partners[0].start, partners[-1].end))


def each_partner(
    doc: Document, resolved: list[Resolved]
) -> tuple[list[Resolved], list[tuple[Anchor, Decision[None]]]]:
    """``resolved`` with a figure said of each of a list of partners read once per partner, and
    the figures of a list together, each with the decision that made it no fact."""
    out: list[Resolved] = []
    together: list[tuple[Anchor, Decision[None]]] = []
    for r in resolved:
        if r.trace["partner"].rule in PARTNER_RULES:
            out.append(r)  # (zipped with its list already)
        elif partners := _said_of_each(doc, r):
            span = (partners[0].start, partners[-1].end)
            for cue in partners:
                trace = {**r.trace, "partner": Decision(cue.value, EACH_PARTNER, span)}
                out.append(replace(r, partner=cue.value, trace=trace))
        elif (decision := _of_all_together(doc, r)) is not None:
            together.append((r.anchor, decision))
        else:
            out.append(r)
    return out, together
