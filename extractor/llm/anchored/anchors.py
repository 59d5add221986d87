"""Anchors: every amount the article states, with an id, its sign and the window it is read in.

The code already finds the number of every fact (``find_amounts``); a model should not be
asked to copy or convert it. Each money amount, percentage and tonnage becomes an anchor;
the model is only asked what it is. Value, sign and qualifier come from here, never from
the model's text, and the anchor's offsets are the fact's evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.numbers import Amount, Unit
from extractor.rules.document import Document as Scan

ANCHOR_UNITS = frozenset({Unit.USD, Unit.PERCENT, Unit.TONNE})
MAX_SENTENCE_CHARS = 420  # a longer sentence is cut to the clauses around the anchor
MAX_LEAD_CHARS = 220

_SIGNED_BEFORE = re.compile(r"\(\s*([+\-−–])\s*$")
_CLAUSE_START = re.compile(r"[;:]\s*|,\s+")
_LIST_GAP = re.compile(r"^[\s,]*(?:và|and|,)?[\s,]*$")


@dataclass(frozen=True)
class Anchor:
    """One stated amount: what the model labels, and where its fact will point."""

    id: int  # 1-based, in text order; the mark the model reads is ``[id]``
    amount: Amount
    sentence: tuple[int, int]
    paragraph: tuple[int, int]
    window: tuple[int, int]  # the stretch of text the model reads for it
    change_sign: int  # the sign of the amount read as a change ("giảm 6,6%" → -1)
    balance_sign: int  # the sign of the amount read as a balance ("nhập siêu" → -1)
    metric_cue: str | None = None  # "change" or "share": the word right before it, if any


def find_anchors(scan: Scan) -> list[Anchor]:
    """Every money amount, percentage and tonnage of the scanned article, in order."""
    amounts = [a for a in scan.amounts if a.unit in ANCHOR_UNITS]
    anchors: list[Anchor] = []
    for index, amount in enumerate(amounts):
        previous = amounts[index - 1] if index else None
        sentence = scan.regions.sentence_of(amount.start)
        paragraph = _paragraph(scan, amount.start)
        change = _change_sign(scan, amount, previous, anchors[-1] if anchors else None, sentence)
        anchors.append(
            Anchor(
                id=index + 1,
                amount=amount,
                sentence=sentence,
                paragraph=paragraph,
                window=_window(scan.text, amount, sentence, paragraph),
                change_sign=change,
                balance_sign=_balance_sign(scan, amount, sentence),
                metric_cue=_metric_cue(scan, amount, previous, sentence),
            )
        )
    return anchors


def _paragraph(scan: Scan, pos: int) -> tuple[int, int]:
    paragraphs = scan.regions.paragraphs
    return paragraphs[scan.paragraph_index(pos)] if paragraphs else (0, len(scan.text))


def _window(
    text: str, amount: Amount, sentence: tuple[int, int], paragraph: tuple[int, int]
) -> tuple[int, int]:
    """The anchor's sentence, cut to its clauses around the anchor when it is long."""
    s0, s1 = max(sentence[0], paragraph[0]), min(sentence[1], paragraph[1])
    if s1 - s0 <= MAX_SENTENCE_CHARS:
        return s0, s1
    start = max(s0, amount.start - MAX_SENTENCE_CHARS * 2 // 3)
    cut = [m.end() for m in _CLAUSE_START.finditer(text, start, amount.start)]
    start = cut[0] if cut and start > s0 else start
    end = min(s1, amount.end + MAX_SENTENCE_CHARS // 3)
    stop = [m.start() for m in _CLAUSE_START.finditer(text, amount.end, end)]
    end = stop[-1] if stop and end < s1 else end
    return start, end


def _change_sign(
    scan: Scan,
    amount: Amount,
    previous: Amount | None,
    last: Anchor | None,
    sentence: tuple[int, int],
) -> int:
    """The verb right before the number ("giảm", "tăng", "(-"), else the list it continues."""
    floor = max(previous.end if previous else 0, sentence[0])
    cues = [c for c in scan.changes if floor <= c.start < amount.start]
    if cues:
        return -1 if cues[-1].value == "-" else 1
    low = scan.low
    signed = _SIGNED_BEFORE.search(low, max(0, amount.start - 3), amount.start)
    if signed:
        return -1 if signed.group(1) in "-−–" else 1
    continues_list = (
        last is not None
        and previous is not None
        and last.sentence == sentence
        and _LIST_GAP.match(low[previous.end : amount.start])
    )
    if continues_list and last is not None:
        return last.change_sign  # "giảm lần lượt 5% và 7%"
    return 1


def _metric_cue(
    scan: Scan, amount: Amount, previous: Amount | None, sentence: tuple[int, int]
) -> str | None:
    """A change word ("tăng", "giảm") or a share word ("chiếm") between the number and the one
    before it: it orders the metric options, the model still chooses."""
    floor = max(previous.end if previous else 0, sentence[0])
    cues = [c for c in scan.metric_cues if floor <= c.start < amount.start]
    return cues[-1].kind if cues else None


def _balance_sign(scan: Scan, amount: Amount, sentence: tuple[int, int]) -> int:
    """A deficit ("nhập siêu", "thâm hụt") before the number in its sentence, or right after."""
    signs = scan.balance_signs
    before = [c for c in signs if sentence[0] <= c.start < amount.start]
    if before:
        return -1 if before[-1].value == "-" else 1
    after = [c for c in signs if amount.end <= c.start < amount.end + 25]
    return -1 if after and after[0].value == "-" else 1
