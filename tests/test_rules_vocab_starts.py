"""The literals read as where a pattern's matches begin let a scan try it only there and
find what ``finditer`` finds."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from extractor.normalise import normalise
from extractor.rules.document import lower
from extractor.rules.scan import finditer_at, occurrences
from extractor.rules.vocab import PATTERNS
from extractor.rules.vocab.starts import starts

ROOT = Path(__file__).resolve().parents[1]


def _texts(words: tuple[str, ...]) -> list[str]:
    texts = []
    for path in sorted((ROOT / "samples").glob("*.txt")):
        texts.append(lower(normalise(path.read_text(encoding="utf-8")).text))
    rng = random.Random(13)
    pieces = [*words, " ", "\n", ", ", ".", "(", ")", "2024", "5", "tháng", "năm", "so với"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 25))) for _ in range(150)]
    return texts


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?:^|\n)x", ("\n", "x")),
        (r"(?:so\s+với|compared|against)\s+x", ("against", "compared", "so")),
        (r"(?<![\w])(?:ab|cd)?ef", ("ab", "cd", "ef")),
        (r"(?=x)abc|“[^”]+”", ("abc", "“")),
        (r"(?:(?:^|x))abc", ("abc", "x")),
        (r"(?:ab)+c", ("ab",)),
        (r"a*", None),  # a match can be empty
        (r"(?:a|)", None),
        (r"(?i)abc", None),  # case ignored
        (r"\d+x", None),  # a class first
        (r"(?i:a)b", None),  # local flags
    ],
)
def test_starts_are_read_from_the_pattern(pattern: str, expected: tuple[str, ...] | None) -> None:
    assert starts(re.compile(pattern)) == expected


@pytest.mark.parametrize("module", PATTERNS.modules())
def test_a_scan_from_the_starts_finds_what_finditer_finds(module: str) -> None:
    for name, pattern in PATTERNS.of(module).items():
        literals = starts(pattern)
        if literals is None:
            continue
        for low in _texts(literals):
            fast = finditer_at(pattern, low, occurrences(low, literals))
            assert [m.span() for m in fast] == [m.span() for m in pattern.finditer(low)], name
