"""A pattern compiled with the set of its first characters finds what it finds as written."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from extractor.normalise import normalise
from extractor.rules.document import lower
from extractor.rules.vocab import FOLDER, PATTERNS, VOCAB, _expand, first
from extractor.rules.vocab.first import first_class, with_first

ROOT = Path(__file__).resolve().parents[1]


def _texts() -> list[str]:
    texts = []
    paths = [*(ROOT / "samples").glob("*.txt"), *(ROOT / "evalsets" / "dev").rglob("*.txt")]
    for path in sorted(paths):
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
    texts, plain_patterns = _texts(), _plain(module)
    for name, fast in PATTERNS.of(module).items():
        plain = plain_patterns[name]
        for text in texts:
            found = [(m.span(), m.groups()) for m in fast.finditer(text)]
            assert found == [(m.span(), m.groups()) for m in plain.finditer(text)], name


def test_the_set_lists_the_first_characters_past_assertions() -> None:
    pattern = re.compile(r"(?<![\w])(?:so\s+với|compared|(?:\d+|một)\s+mặt)")
    assert first_class(pattern) == r"[sc\dm]"


def test_optional_parts_add_what_follows_them() -> None:
    assert first_class(re.compile(r"(?:ab)?c")) == "[ac]"


def test_a_lookahead_says_what_begins_the_match() -> None:
    assert first_class(re.compile(r"(?<![\w])(?=ab|cd)\w+")) == "[ac]"


def test_no_set_where_re_knows_or_it_cannot_be_told() -> None:
    assert first_class(re.compile(r"(?:ab)?")) is None  # can match empty: anywhere
    assert first_class(re.compile(r"(?=ab)")) is None  # empty matches too
    assert first_class(re.compile(r"abc|abd")) is None  # re already skips to a literal
    assert first_class(re.compile(r"^(?:a|bc)")) is None  # an anchor limits the search
    assert first_class(re.compile(r"(?:[^a]|b)c")) is None  # a negated set
    assert first_class(re.compile(r"(?:(?i:a)|b)")) is None  # local flags
    assert first_class(re.compile(r"(?i)(?:a|bc)d")) is None  # case-insensitive


def test_the_same_pattern_source_groups_and_matches() -> None:
    plain = re.compile(r"(?<![\w])(?:(?P<w>so)\s+với|(\d+)\s+mặt)")
    fast = with_first(plain)
    assert fast is not plain and fast.pattern == plain.pattern
    assert fast.groupindex == plain.groupindex and fast.groups == plain.groups
    text = "xso với, so với 12 mặt hàng"
    assert [m.span() for m in fast.finditer(text)] == [(9, 15), (16, 22)]
    found = fast.search(text)
    assert found is not None and found.group("w") == "so"


def test_the_pattern_as_given_when_re_internals_differ(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise TypeError("an internal that changed")

    plain = re.compile(r"(?<![\w])(?:so|với)")
    monkeypatch.setattr(first.K, "_compile_charset", broken)
    assert with_first(plain) is plain
