"""Split an article into passages a small model can answer within its token limit.

Splits fall at paragraph, then sentence boundaries. The budget counts characters
(prompt side) and stated amounts (answer side: each amount becomes a fact of
~80 tokens, so a passage with too many numbers would be cut off). Every passage
carries the headline and opening sentence so the model knows the period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.numbers import Unit, find_amounts

MAX_CHARS = 900
MAX_AMOUNTS = 6

_PARAGRAPH = re.compile(r"\n\s*\n|\n")
_SENTENCE = re.compile(r"(?<=[.;!?…])\s+(?=\S)")


@dataclass(frozen=True)
class Chunk:
    context: str  # headline + opening sentence, for the period
    text: str  # the passage the facts are taken from
    start: int  # offset of ``text`` in the article


def _amounts(text: str) -> int:
    return sum(1 for a in find_amounts(text) if a.unit is not Unit.NONE)


def _pieces(text: str, pattern: re.Pattern[str], base: int) -> list[tuple[int, str]]:
    out, pos = [], 0
    for m in pattern.finditer(text):
        if text[pos : m.start()].strip():
            out.append((base + pos, text[pos : m.start()]))
        pos = m.end()
    if text[pos:].strip():
        out.append((base + pos, text[pos:]))
    return out


def _fits(text: str, max_chars: int, max_amounts: int) -> bool:
    return len(text) <= max_chars and _amounts(text) <= max_amounts


def _units(article: str, max_chars: int, max_amounts: int) -> list[tuple[int, str]]:
    """Paragraphs, with any paragraph over budget broken into its sentences."""
    units: list[tuple[int, str]] = []
    for start, para in _pieces(article, _PARAGRAPH, 0):
        if _fits(para, max_chars, max_amounts):
            units.append((start, para))
        else:
            units.extend(_pieces(para, _SENTENCE, start))
    return units


def opening(article: str) -> str:
    """Headline (first line) and the first sentence of the body, the period context."""
    lines = [ln.strip() for ln in article.strip().splitlines() if ln.strip()]
    if not lines:
        return ""
    first = _SENTENCE.split(lines[0], maxsplit=1)[0]
    if len(lines) > 1 and len(lines[0]) < 200:
        return f"{lines[0]}\n{_SENTENCE.split(lines[1], maxsplit=1)[0]}"[:600]
    return first[:600]


def split_article(
    article: str, *, max_chars: int = MAX_CHARS, max_amounts: int = MAX_AMOUNTS
) -> list[Chunk]:
    """Greedy packing of paragraphs/sentences into passages within budget, in order."""
    context = opening(article)
    chunks: list[Chunk] = []
    cur_start, cur_end = -1, -1
    for start, text in _units(article, max_chars, max_amounts):
        end = start + len(text)
        if cur_start >= 0 and _fits(article[cur_start:end], max_chars, max_amounts):
            cur_end = end
            continue
        if cur_start >= 0:
            chunks.append(Chunk(context, article[cur_start:cur_end], cur_start))
        cur_start, cur_end = start, end
    if cur_start >= 0:
        chunks.append(Chunk(context, article[cur_start:cur_end], cur_start))
    return chunks


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
        Chunk(chunk.context, text[cut:], chunk.start + cut),
    ]
