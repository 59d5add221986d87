"""Split an article into passages a model can answer within its context and token limit.

Splits fall at paragraph, then sentence boundaries (a full stop glued to the next
sentence, "tháng.Theo", is one too), never at a ";" inside a sentence, so a
"lần lượt" list stays whole. The budget (``budget.py``, per model) counts
characters (prompt side) and stated amounts (answer side: each amount becomes a
fact of ~80 tokens, so a passage with too many numbers would be cut off). Every
passage after the first carries the headline and opening sentence for the period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.numbers import Unit, find_amounts

MAX_CHARS = 900
MAX_AMOUNTS = 6

_PARAGRAPH = re.compile(r"\n\s*\n|\n")
# A sentence end: a stop and a space, or a stop glued to a capitalised word ("USD.Như").
_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=\S)|(?<=[^\W_][.!?])(?=[\"“]?[^\W\d_][^\W\d_])")


def _is_end(text: str, m: re.Match[str]) -> bool:
    if m.end() > m.start():
        return True
    word = text[m.end() :].lstrip('"“')
    return word[0].isupper() and word[1].islower()  # "TP.HCM" is no sentence end


@dataclass(frozen=True)
class Chunk:
    context: str  # headline + opening sentence, for the period ("" in the passage holding them)
    text: str  # the passage the facts are taken from
    start: int  # offset of ``text`` in the article


def _amounts(text: str) -> int:
    return sum(1 for a in find_amounts(text) if a.unit is not Unit.NONE)


def _pieces(text: str, pattern: re.Pattern[str], base: int) -> list[tuple[int, str]]:
    out, pos = [], 0
    for m in pattern.finditer(text):
        if not _is_end(text, m):
            continue
        if text[pos : m.start()].strip():
            out.append((base + pos, text[pos : m.start()]))
        pos = m.end()
    if text[pos:].strip():
        out.append((base + pos, text[pos:]))
    return out


def _fits(text: str, max_chars: int, max_amounts: int) -> bool:
    return _span_fits(text, 0, len(text), max_chars, max_amounts)


def _span_fits(text: str, start: int, end: int, max_chars: int, max_amounts: int) -> bool:
    """``text[start:end]`` within budget. A text holds fewer amounts than characters, so
    with a budget of more amounts than that (a whole-article budget) they need no counting,
    nor the span a copy: doing either for a growing passage at each step would take time
    quadratic in the article."""
    if end - start > max_chars:
        return False
    return max_amounts >= end - start or _amounts(text[start:end]) <= max_amounts


def _units(article: str, max_chars: int, max_amounts: int) -> list[tuple[int, str]]:
    """Paragraphs, with any paragraph over budget broken into its sentences."""
    units: list[tuple[int, str]] = []
    for start, para in _pieces(article, _PARAGRAPH, 0):
        if _fits(para, max_chars, max_amounts):
            units.append((start, para))
        else:
            units.extend(_pieces(para, _SENTENCE, start))
    return units


def _first_sentence(text: str) -> str:
    pieces = _pieces(text, _SENTENCE, 0)
    return pieces[0][1] if pieces else text


def opening(article: str) -> str:
    """Headline (first line) and the first sentence of the body, the period context."""
    lines = [ln.strip() for ln in article.strip().splitlines() if ln.strip()]
    if not lines:
        return ""
    if len(lines) > 1 and len(lines[0]) < 200:
        return f"{lines[0]}\n{_first_sentence(lines[1])}"[:600]
    return _first_sentence(lines[0])[:600]


def split_article(
    article: str, *, max_chars: int = MAX_CHARS, max_amounts: int = MAX_AMOUNTS
) -> list[Chunk]:
    """Greedy packing of paragraphs/sentences into passages within budget, in order."""
    spans: list[tuple[int, int]] = []
    for start, text in _units(article, max_chars, max_amounts):
        end = start + len(text)
        if spans and _span_fits(article, spans[-1][0], end, max_chars, max_amounts):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    context = opening(article)
    return [Chunk(context if i else "", article[a:b], a) for i, (a, b) in enumerate(spans)]


def halves(chunk: Chunk) -> list[Chunk]:
    """Two smaller passages at a sentence boundary (for an answer cut off by the limit)."""
    sentences = _pieces(chunk.text, _SENTENCE, chunk.start)
    if len(sentences) < 2:
        return []
    mid = len(sentences) // 2
    text = chunk.text
    cut = sentences[mid][0] - chunk.start
    return [
        Chunk(chunk.context, text[:cut].rstrip(), chunk.start),
        Chunk(chunk.context or opening(text), text[cut:], chunk.start + cut),
    ]
