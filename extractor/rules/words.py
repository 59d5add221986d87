"""All word lists of the rules found in one pass over the text.

Each list used to be its own regex scan over the whole article; ``WordLists`` finds
them together and still gives each list exactly the matches its own scan gave
(see ``trie.WordLists``). Cues and item phrases read their lists from here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractor.rules import lexicon
from extractor.rules.trie import WordLists

_LISTS: dict[str, tuple[str, ...]] = {
    **{f"flow:{flow}": words for flow, words in lexicon.FLOW_CUES.items()},
    **{f"sector:{s}": words for s, words in lexicon.SECTOR_CUES.items()},
    **{f"basis:{b}": words for b, words in lexicon.BASIS_CUES.items()},
    "change:+": lexicon.INCREASE_CUES,
    "change:-": lexicon.DECREASE_CUES,
    "share": lexicon.SHARE_CUES,
    "abs": lexicon.ABS_CHANGE_CUES,
    "balance_sign:+": lexicon.SURPLUS_CUES,
    "balance_sign:-": lexicon.DEFICIT_CUES,
    "partner": tuple(lexicon.PARTNERS),
    "item:lead": lexicon.ITEM_LEADS,
    "item:back": lexicon.BACK_REFERENCES,
    "item:whole": lexicon.WHOLE_CUES,
    "item:strong": lexicon.STRONG_ITEM_STARTS,
    "item:qualifier": lexicon.SECTOR_QUALIFIERS,
    "back:partner": lexicon.PARTNER_BACK_REFERENCES,
    "back:sector": lexicon.SECTOR_BACK_REFERENCES,
    "forecast": lexicon.FORECAST_WORDS,
    "local": lexicon.LOCAL_WORDS,
    "continent": lexicon.CONTINENTS,
    "item:product": lexicon.PRODUCT_WORDS,
}
# Lists written as plain alternations, where the first entry listed wins.
_IN_ORDER = frozenset(
    {
        "item:lead",
        "item:back",
        "item:whole",
        "item:strong",
        "back:partner",
        "back:sector",
        "forecast",
        "local",
        "continent",
    }
)
WORDS = WordLists(_LISTS, in_order=_IN_ORDER)

Spans = dict[str, list[tuple[int, int]]]


@lru_cache(maxsize=8)
def find_words(low: str) -> Spans:
    """Spans of every word list in ``low`` (offset-preserving lower case), by list name.

    Once per text: the document view and the item phrases read after each number (which
    ask where product names stand) share the scan; the spans are shared, never changed."""
    return WORDS.find(low)


# Partners are matched case-insensitively on the text as written. On ``low`` the same
# matches come out for every character whose lower case is one character, keeps being
# a word character or not, and equals under ``re.IGNORECASE`` exactly the pattern
# characters it lowers to. Texts with any other character use the original scan.
def _safe_characters() -> str:
    pattern_chars = {ch for name in lexicon.PARTNERS for ch in name}
    tests = {ch: re.compile(re.escape(ch), re.IGNORECASE) for ch in pattern_chars}
    candidates = [
        chr(i)
        for lo, hi in ((0x0, 0x24F), (0x1E00, 0x1EFF), (0x2000, 0x206F))
        for i in range(lo, hi + 1)
    ]
    safe = []
    for c in candidates:
        low = c.lower()
        if len(low) != 1 or (c.isalnum() or c == "_") != (low.isalnum() or low == "_"):
            continue
        if all(bool(t.fullmatch(c)) == (low == ch) for ch, t in tests.items()):
            safe.append(c)
    return "".join(safe)


_UNSAFE = re.compile("[^" + "".join(re.escape(c) for c in _safe_characters()) + "]")


def partners_from_low(text: str) -> bool:
    """True when the partner matches on ``low`` are the case-insensitive ones on ``text``."""
    return _UNSAFE.search(text) is None
