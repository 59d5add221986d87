"""The rules' fast scans find exactly what the plain regex scans they stand for find.

Anchored scans (``scan.finditer_at``), the one-pass word lists (``words.WORDS``) and the
literal pre-checks before a search each rely on a fact about a pattern ("every match
starts with one of these words"). Editing a pattern without its literals would break
that fact silently; these tests compare both ways on real articles and random texts.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import yaml

from extractor.normalise import normalise
from extractor.rules import cues, document, items, lexicon, periods, regions, years
from extractor.rules.scan import (
    Disjoint,
    Intervals,
    SpanIndex,
    any_between,
    finditer_at,
    occurrences,
)
from extractor.rules.slots import local as local_figures
from extractor.rules.slots import notfact
from extractor.rules.trie import trie_pattern
from extractor.rules.words import _IN_ORDER, _LISTS, WORDS, find_words

_ROOT = Path(__file__).resolve().parents[1]
_PATTERNS = (
    notfact.PRICE_TOPIC,
    notfact.TARGET_BEFORE,
    notfact.FORECAST,
    local_figures.LOCAL,
    regions._P.count,
    regions._P.comparison,
    regions._P.source,
    items._P.list_starts,
    periods._P.same_period_last_year,
    *(rule.pattern for rule in periods.RULES),
)
# The words written in the patterns themselves: an edited pattern brings its new words.
_PATTERN_WORDS = sorted(
    {w for p in _PATTERNS for w in re.findall(r"[^\W\d_]+(?: [^\W\d_]+)*", p.pattern)}
)
_TOKENS = [
    *_PATTERN_WORDS,
    *(w for words in _LISTS.values() for w in words[:6]),
    *lexicon.FORECAST_WORDS,
    *document.PRICE_WORDS,
    *document.TARGET_WORDS,
    *(w.title() for w in list(lexicon.PARTNERS)[:20]),
    *("tháng", "năm", "2024", "9", "12", "ba", "mười một", "quý", "q1", "first", "the"),
    *("cùng kỳ", "năm trước", "so với", "hết", "đến", "tính", "từ đầu năm", "ngày 5/6"),
    *("mặt hàng", "nhóm hàng", "có", "trong số", "items", "products fetched", "theo"),
    *("according to", "year-on-year", "month-on-month", "from the same", "usd", "tấn", "%"),
    *("percent", "và", "were", "such as", "ông ", "Ông ", "Mr. ", "tp.", "prices", "aims to"),
    *(
        "xếp sau",
        "đứng thứ hai sau",
        "behind",
        "chiếm",
        "cùng kỳ năm 2024",
        "in the same period of",
    ),
    *(" ", " ", "  ", "\n", ",", ".", ";", ":", "(", ")", "!", "…", "x", "5", "-", "/"),
]


def _texts() -> list[str]:
    found = [p.read_text() for p in sorted((_ROOT / "samples").glob("*.txt"))]
    corpus = _ROOT / "tests" / "corpora" / "rules.yaml"
    if corpus.exists():
        found += [case["text"] for case in yaml.safe_load(corpus.read_text())]
    rng = random.Random(7)
    found += ["".join(rng.choice(_TOKENS) for _ in range(rng.randint(1, 30))) for _ in range(800)]
    return [document.lower(normalise(t).text) for t in found]


TEXTS = _texts()


def test_period_rules_find_what_their_patterns_find() -> None:
    for low in TEXTS:
        for rule in periods.RULES:
            assert [m.span() for m in rule.finditer(low)] == [
                m.span() for m in rule.pattern.finditer(low)
            ], rule.name


def test_list_starts_and_region_scans() -> None:
    for low in TEXTS:
        assert items._list_start_ends(low) == [m.end() for m in items._P.list_starts.finditer(low)]
        assert regions._counts(low) == tuple(m.span() for m in regions._P.count.finditer(low))
        for pattern, starts in (
            (regions._P.comparison, regions._COMPARISON_STARTS),
            (regions._P.source, regions._SOURCE_STARTS),
            (document._P.ranked_after, document._RANKED_WORDS),
            (periods._P.same_period_of_year, ("cùng", "in the same")),
        ):
            fast = finditer_at(pattern, low, occurrences(low, starts))
            assert [m.span() for m in fast] == [m.span() for m in pattern.finditer(low)]


@pytest.mark.parametrize("name", list(_LISTS))
def test_each_word_list_gets_its_own_matches(name: str) -> None:
    words = _LISTS[name]
    body = "|".join(re.escape(w) for w in words) if name in _IN_ORDER else trie_pattern(set(words))
    own = re.compile(r"(?<![\w])(?:" + body + r")(?![\w])")
    for low in TEXTS:
        assert WORDS.find(low)[name] == [m.span() for m in own.finditer(low)]


def test_partners_from_the_word_scan() -> None:
    rng = random.Random(3)
    names = [*lexicon.PARTNERS, *(n.title() for n in lexicon.PARTNERS)]
    for _ in range(500):
        text = "".join(rng.choice([*names, " ", ", ", "Ông ", "x", "\n"]) for _ in range(12))
        low = document.lower(text)
        assert cues.partner_cues(text, low, find_words(low)) == cues.partner_cues(text)


def test_pre_checks_never_skip_a_match() -> None:
    rng = random.Random(5)
    for low in TEXTS:
        words = find_words(low)
        forecast, local = SpanIndex(words["forecast"]), SpanIndex(words["local"])
        price = occurrences(low, document.PRICE_WORDS)
        target = occurrences(low, document.TARGET_WORDS)
        for pattern, covers in (
            (notfact.FORECAST, forecast.overlap),
            (local_figures.LOCAL, local.overlap),
            (notfact.PRICE_TOPIC, lambda a, b, price=price: any_between(price, a, b)),
        ):
            for m in pattern.finditer(low):
                assert covers(m.start(), m.end()), m.group()
        for _ in range(5):
            hi = rng.randint(0, len(low))
            if hi and re.match(r"[\w.,]", low[hi - 1]):
                continue  # a number never starts right after these (see the resolver)
            lo = rng.randint(0, hi)
            if notfact.FORECAST.search(low, lo, hi):
                assert forecast.overlap(lo, hi)
            if local_figures.LOCAL.search(low, lo, hi):
                assert local.overlap(lo, hi)
            if notfact.PRICE_TOPIC.search(low[lo:hi]):
                assert any_between(price, lo, hi)
            if notfact.TARGET_BEFORE.search(low[max(0, hi - 60) : hi]):
                assert any_between(target, hi - 60, hi)


def test_disjoint_spans_answer_an_overlap_as_a_scan_would():
    spans = [(10, 14), (0, 3), (20, 25), (5, 8)]
    taken = Disjoint()
    for a, b in spans:
        taken.add(a, b)
    for start in range(-2, 30):
        for end in range(start + 1, start + 8):
            expected = any(a < end and start < b for a, b in spans)
            assert taken.overlaps(start, end) is expected, (start, end)
    assert taken.last_before(10) == (5, 8) and taken.last_before(0) is None


def test_intervals_that_nest_and_overlap_answer_as_a_scan_would():
    spans = [(0, 30), (2, 4), (10, 12), (11, 20), (40, 41), (40, 40)]
    index = Intervals(spans)
    for pos in range(-2, 45):
        assert (pos in index) is any(a <= pos < b for a, b in spans), pos
        for hi in range(pos, pos + 5):
            assert index.overlap(pos, hi) is any(a < hi and pos < b for a, b in spans)
    assert 5 not in Intervals([])


def test_sentence_ends_and_datelines_found_where_they_can_begin() -> None:
    """The sentence ends and the datelines are matched only where a match can begin."""
    rng = random.Random(11)
    pieces = [
        *_TOKENS,
        "Theo ",
        " Theo\n",
        "*",
        " *",
        "\u00a0*",
        "A",
        "U.S.",
        "on ",
        "ngày 5/6/2024",
    ]
    texts = [p.read_text() for p in sorted((_ROOT / "samples").glob("*.txt"))]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(800)]
    for text in texts:
        low = document.lower(text)
        expected = [m.span() for m in regions._P.sentence_end.finditer(text)]
        fast = finditer_at(regions._P.sentence_end, text, regions._sentence_end_starts(low))
        assert [m.span() for m in fast] == expected, text
        years.datelines.cache_clear()
        assert [m.span() for m in years.datelines(low)] == [
            m.span() for m in years.DATELINE.finditer(low[:400])
        ], low
