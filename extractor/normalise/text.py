"""Text normalisation that remembers where every character came from.

Rules and grounding work on clean text (NFC, no word-segmentation underscores,
no HTML, tidy whitespace), but evidence offsets must point into the article as
given. ``NormalisedText`` keeps, for each normalised character, the span of the
original text it came from.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import overload

# One token of the original text, tried in this order.
_MARKS = "\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"  # combining marks
_SPECIAL = "<&_\\s\u00ad\u200b-\u200d\u2060\ufeff" + _MARKS  # characters that need a look
# One token of the original text, tried in this order.
_TOKEN = re.compile(
    r"(?P<tag><(?:script|style)\b[^>]*>.*?</(?:script|style)\s*>|</?[A-Za-z][^<>]{0,500}>)"
    r"|(?P<entity>&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,10});)"
    r"|(?P<space>[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+)"
    r"|(?P<invisible>[\u200b-\u200d\u2060\ufeff\u00ad])"
    r"|(?P<newline>\r\n|\r|\n)"
    rf"|(?P<plain>(?:[^{_SPECIAL}]+(?: (?=[^{_SPECIAL}]))?)+(?![{_MARKS}]))"
    rf"|(?P<cluster>.[{_MARKS}]*)",
    re.DOTALL | re.IGNORECASE,
)
# A line broken inside a sentence (text hard-wrapped at a fixed width: "... reaching 56.82\nbillion
# USD"): a word, digit or comma before it, a lower-case letter or a digit after it.
_SOFT_WRAP = re.compile(r"(?<=[\w,])\n(?=[a-zà-ỹđ0-9])")
# Anything ``normalise`` would change: markup, underscores, marks, invisible characters,
# whitespace other than single spaces and line breaks, spaces at a line's start or end.
_NEEDS_WORK = re.compile(rf"[<&_{_MARKS}\u00ad\u200b-\u200d\u2060\ufeff]|[^\S \n]|  |^ | \n|\n ")
# A figure joined to the word before it or its unit to the word after it, as pages stripped of
# their markup publish them ("rose14.9%", "tương đương119 triệu USD", "72.2 percentin value",
# "the first 10months"): a space goes between them, so that every rule reads the words as
# words. Only after a lower-case letter and before a unit, so "USD100", "H1 2023" and
# "COVID-19" stay as written.
_GLUED_UNIT = (
    r"(?:%|percent|per cent|phần trăm|tỷ|tỉ|triệu|nghìn|ngàn|billion|million|USD|tấn|tonnes?|tons?)"
)
_GLUED = re.compile(
    rf"(?<=[a-zà-ỹđ])(?=\d+(?:[.,]\d+)*\s?{_GLUED_UNIT}(?![^\W\d_]))"
    r"|(?<=\d percent)(?!age|ile|s\b)(?=[a-z])"
    r"|(?<=[\s(]\d)(?=(?:months?|tháng)(?![^\W\d_]))|(?<=[\s(]\d\d)(?=(?:months?|tháng)(?![^\W\d_]))"
)
# What any ``_GLUED`` match holds, each found far faster than ``_GLUED`` itself (which only
# clean text without them skips): a digit after a lower-case letter, one before "months",
# "percent" joined to a word
_MAY_BE_GLUED = (
    re.compile(r"\d(?<=[a-zà-ỹđ]\d)"),
    re.compile(r"\d(?:months?|tháng)"),
    re.compile(r"percent[a-z]"),
)
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|li|tr|h[1-6]|section|article)\b", re.IGNORECASE)
_WORD_CHAR = re.compile(r"\w")


@dataclass(frozen=True)
class NormalisedText:
    """Clean text plus, for each of its characters, the original span it stands for."""

    original: str
    text: str
    starts: Sequence[int]  # a range when every character stands for itself
    ends: Sequence[int]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text to the span of the original text."""
        if not self.text:
            return (0, 0)
        start = min(max(start, 0), len(self.text) - 1)
        end = min(max(end, start + 1), len(self.text))
        return (self.starts[start], self.ends[end - 1])

    def original_slice(self, start: int, end: int) -> str:
        a, b = self.to_original(start, end)
        return self.original[a:b]


class Offsets(Sequence[int]):
    """One original offset per character of the clean text, kept as runs: in run ``k``
    (from ``firsts[k]``) the offsets go up from ``bases[k]`` by ``steps[k]`` (1 for text
    copied as is, 0 for a replacement that stands for a whole original span). An article
    of millions of characters is a few thousand runs, not millions of integers."""

    def __init__(self, firsts: list[int], bases: list[int], steps: list[int], length: int):
        self._firsts, self._bases, self._steps, self._length = firsts, bases, steps, length

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, i: int) -> int: ...

    @overload
    def __getitem__(self, i: slice) -> list[int]: ...

    def __getitem__(self, i: int | slice) -> int | list[int]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._length))]
        if i < 0:
            i += self._length
        if not 0 <= i < self._length:
            raise IndexError(i)
        k = bisect_right(self._firsts, i) - 1
        return self._bases[k] + self._steps[k] * (i - self._firsts[k])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self))


class _Builder:
    """The clean text as non-empty pieces (joined once at the end) and, per character,
    its original span (as runs, see ``Offsets``)."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.length = 0
        self.firsts: list[int] = []  # where each run starts in the clean text
        self.starts: list[int] = []  # the original start of each run's first character
        self.ends: list[int] = []  # ... and its original end
        self.steps: list[int] = []

    def _run(self, first_start: int, first_end: int, step: int, n: int) -> None:
        self.firsts.append(self.length)
        self.starts.append(first_start)
        self.ends.append(first_end)
        self.steps.append(step)
        self.length += n

    def add(self, text: str, start: int, end: int) -> None:
        if not text:
            return
        self.pieces.append(text)
        self._run(start, end, 0, len(text))

    def add_verbatim(self, text: str, start: int) -> None:
        """A run copied as is: each character stands for itself."""
        if not text:
            return
        self.pieces.append(text)
        self._run(start, start + 1, 1, len(text))

    def drop_last(self) -> None:
        """Forget the last character."""
        rest = self.pieces[-1][:-1]
        if rest:
            self.pieces[-1] = rest
        else:
            self.pieces.pop()
        self.length -= 1
        if self.firsts[-1] == self.length:  # the last run is now empty
            for runs in (self.firsts, self.starts, self.ends, self.steps):
                runs.pop()

    @property
    def last(self) -> str:
        return self.pieces[-1][-1] if self.pieces else "\n"

    def offsets(self) -> tuple[Offsets, Offsets]:
        return (
            Offsets(self.firsts, self.starts, self.steps, self.length),
            Offsets(self.firsts, self.ends, self.steps, self.length),
        )


def _is_segmentation_underscore(original: str, pos: int) -> bool:
    """'kim_ngạch' joins syllables with '_'; a lone '_' elsewhere is kept."""
    before = original[pos - 1] if pos > 0 else ""
    after = original[pos + 1] if pos + 1 < len(original) else ""
    return bool(_WORD_CHAR.match(before)) and bool(_WORD_CHAR.match(after))


def _hard_wrapped(original: str) -> bool:
    """Text broken into lines of a fixed width (most of its lines 50-100 characters long and
    ending mid-sentence), whose line breaks inside a sentence are spaces."""
    lines = [line for line in original.split("\n") if line.strip()]
    wrapped = sum(1 for line in lines if 50 <= len(line) <= 100 and line.rstrip()[-1] not in ".!?:")
    return len(lines) >= 4 and wrapped >= len(lines) / 2


def _add_plain(out: _Builder, token: str, start: int) -> None:
    """Plain text in NFC, with a space where a figure is glued to a word (``_GLUED``)."""
    if not unicodedata.is_normalized("NFC", token):
        for i, ch in enumerate(token):
            out.add(unicodedata.normalize("NFC", ch), start + i, start + i + 1)
        return
    cut = 0
    for glue in _GLUED.finditer(token):
        out.add_verbatim(token[cut : glue.start()], start + cut)
        out.add(" ", start + glue.start(), start + glue.start())
        cut = glue.start()
    out.add_verbatim(token[cut:], start + cut)


def normalise(original: str) -> NormalisedText:
    """NFC, undo word-segmentation underscores, drop HTML, fold whitespace, join the lines of
    hard-wrapped text; keep offsets."""
    unwrap = _hard_wrapped(original)
    if (
        not unwrap
        and _NEEDS_WORK.search(original) is None
        and not any(check.search(original) for check in _MAY_BE_GLUED)
        and unicodedata.is_normalized("NFC", original)
    ):
        # Already clean (most articles): every character stands for itself, and the map is
        # a range (a tuple of 5 million offsets cost more than the rest of normalising).
        n = len(original)
        return NormalisedText(original, original, range(n), range(1, n + 1))
    out = _Builder()
    for match in _TOKEN.finditer(original):
        kind = match.lastgroup
        start, end = match.span()
        token = match.group()
        if kind == "tag":
            if _BLOCK_TAG.match(token) and out.last != "\n":
                out.add("\n", start, end)
            elif out.last not in " \n":
                out.add(" ", start, end)
        elif kind == "entity":
            decoded = html.unescape(token)
            out.add(" " if decoded.isspace() else decoded, start, end)
        elif kind == "space":
            if out.last not in " \n":
                out.add(" ", start, end)
        elif kind == "invisible":
            continue
        elif kind == "newline":
            if out.last == " ":  # trailing space before a line break
                out.drop_last()
            soft = unwrap and _SOFT_WRAP.match(original, start) is not None
            out.add(" " if soft else "\n", start, end)
        elif kind == "plain":
            _add_plain(out, token, start)
        elif token == "_" and _is_segmentation_underscore(original, start):
            out.add(" ", start, end)
        else:
            out.add(unicodedata.normalize("NFC", token), start, end)
    starts, ends = out.offsets()
    return NormalisedText(original=original, text="".join(out.pieces), starts=starts, ends=ends)


def fold(text: str) -> str:
    """The comparison form used by grounding: NFC, no underscores, single spaces, lower case."""
    return re.sub(r"\s+", " ", normalise(text).text).strip().lower()
