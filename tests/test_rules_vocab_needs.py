"""The words a pattern's every match holds: each match of each rule pattern on the
repo's articles consumes a word of each set ``needs`` gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.normalise import normalise
from extractor.rules.document import lower
from extractor.rules.vocab import PATTERNS
from extractor.rules.vocab.needs import needs

ROOT = Path(__file__).resolve().parents[1]


def _texts() -> list[str]:
    """The samples and the dev evalset, normalised and lower-cased as the rules read them."""
    paths = [*(ROOT / "samples").glob("*.txt"), *(ROOT / "evalsets" / "dev").rglob("*.txt")]
    return [lower(normalise(p.read_text(encoding="utf-8")).text) for p in sorted(paths)]


@pytest.mark.parametrize("module", PATTERNS.modules())
def test_every_match_holds_a_word_of_each_set(module: str) -> None:
    texts = _texts()
    for name, pattern in PATTERNS.of(module).items():
        sets = needs(pattern)
        for text in texts:
            for m in pattern.finditer(text):
                for words in sets:
                    assert any(w in m.group() for w in words), (name, m.group(), words)


def test_literal_runs_make_words_and_alternatives_join() -> None:
    assert needs(re.compile(r"(?:vượt\s+mốc|ngưỡng)\s*\$?$")) == (frozenset({"vượt", "ngưỡng"}),)
    assert needs(re.compile(r"gấp\s+(?:hai|ba)")) == (
        frozenset({"gấp"}),
        frozenset({"hai", "ba"}),
    )


def test_lookarounds_consume_nothing_so_say_nothing() -> None:
    assert needs(re.compile(r"(?<![\w])(?=export)\w+(?!x)")) == ()
    assert needs(re.compile(r"(?<=tăng )\d+%")) == (frozenset({"%"}),)


def test_no_set_when_a_match_can_do_without() -> None:
    assert needs(re.compile(r"(?:ab)?c*")) == ()  # optional parts
    assert needs(re.compile(r"ab|\d")) == ()  # an alternative without a word
    assert needs(re.compile(r"(?i)ab")) == ()  # case ignored: "AB" holds no "ab"
    assert needs(re.compile(r"(?i:ab)c")) == (frozenset({"c"}),)


def test_the_rarest_sets_first() -> None:
    found = needs(re.compile(r"a\s*,\s*(?:down|up)\s+(?:hectare|tonne|ton)"))
    assert found == (frozenset({"hectare", "tonne", "ton"}), frozenset({"down", "up"}))


def test_words_met_in_most_texts_rank_last() -> None:
    """A word of a trade article's every other line gates nothing: a rarer one is taken."""
    pattern = re.compile(r"nhập\s+khẩu\s+của\s+nước\s+này")
    assert needs(pattern, most=1) == (frozenset({"khẩu"}),)
    met = {"khẩu": 90, "nhập": 90, "nước": 60, "của": 95, "này": 40, "the": 30}
    assert needs(pattern, most=1, met=met) == (frozenset({"này"}),)
    branch = re.compile(r"(?:nhập\s+khẩu\s+của\s+nước\s+này|the\s+country\s+imports)")
    assert needs(branch, most=1, met=met) == (frozenset({"này", "country"}),)
