"""A pattern's first-character lookahead changes no match: same spans, same groups."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from extractor.normalise import normalise
from extractor.rules.document import lower
from extractor.rules.vocab import FOLDER, PATTERNS, VOCAB, _expand
from extractor.rules.vocab.first import lookahead, with_first

ROOT = Path(__file__).resolve().parents[1]


def _texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "samples").glob("*.txt")):
        text = normalise(path.read_text(encoding="utf-8")).text
        texts += [text, lower(text)]
    return texts


def _plain(module: str) -> dict[str, re.Pattern[str]]:
    """The patterns of ``patterns/<module>.toml`` as written, without the lookahead."""
    path = FOLDER / "patterns" / f"{module}.toml"
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    return {k: re.compile(_expand(v, table, VOCAB, module)) for k, v in table.items()}


@pytest.mark.parametrize("module", PATTERNS.modules())
def test_every_pattern_finds_what_it_finds_as_written(module: str) -> None:
    texts = _texts()
    for name, fast in PATTERNS.of(module).items():
        plain = _plain(module)[name]
        for text in texts:
            found = [(m.span(), m.groups()) for m in fast.finditer(text)]
            assert found == [(m.span(), m.groups()) for m in plain.finditer(text)], name


def test_the_lookahead_lists_the_first_characters_past_assertions() -> None:
    pattern = re.compile(r"(?<![\w])(?:so\s+với|compared|(?:\d+|một)\s+mặt)")
    assert lookahead(pattern) == r"(?=[sc\dm])"


def test_optional_parts_add_what_follows_them() -> None:
    assert lookahead(re.compile(r"(?:ab)?c")) == "(?=[ac])"


def test_no_lookahead_where_it_cannot_help_or_would_be_wrong() -> None:
    assert lookahead(re.compile(r"(?:ab)?")) is None  # can match empty: anywhere
    assert lookahead(re.compile(r"abc|abd")) is None  # re already skips to a literal
    assert lookahead(re.compile(r"^(?:a|bc)")) is None  # an anchor limits the search
    assert lookahead(re.compile(r"(?:\w+|x)y")) is None  # nearly any character
    assert lookahead(re.compile(r"(?:(?i:a)|b)")) is None  # local flags: not told


def test_global_flags_stay_in_front() -> None:
    fast = with_first(re.compile(r"(?i)(?<![\w])(?:tổng|total)"))
    assert fast.pattern.startswith("(?i)(?=[")
    found = fast.search("Grand TOTAL")
    assert found is not None and found.span() == (6, 11)
