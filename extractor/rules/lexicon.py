"""The word lists of the rules under the names the rule modules use.

The words themselves are data in ``extractor/rules/vocab/*.toml``; this module only
reads them. Every list is matched on NFC, lower-cased text with whole-word boundaries;
longer entries win over shorter ones that they contain (see ``trie.py``).
"""

from __future__ import annotations

import re
import unicodedata

from extractor.rules.vocab import VOCAB


def _without_marks(name: str) -> str:
    """ "trung quốc" → "trung quoc": the name as typed without Vietnamese diacritics."""
    bare = unicodedata.normalize("NFD", name.replace("đ", "d"))
    return unicodedata.normalize("NFC", "".join(c for c in bare if not unicodedata.combining(c)))


_HYPHENED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
_SPACED = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)+")


def spellings(names: dict[str, str]) -> dict[str, str]:
    """Every name with the spellings the press also uses: hyphens as spaces and spaces as
    hyphens ("a-rập" / "a rập"), and, for names of two words or more and seven letters or
    more, without diacritics ("trung quoc"; short ones such as "my" or "y" would be words)."""
    out = dict(names)
    for name, code in names.items():
        variants = set()
        if _HYPHENED.fullmatch(name):
            variants.add(name.replace("-", " "))
        if _SPACED.fullmatch(name):
            variants.add(name.replace(" ", "-"))
        if " " in name and len(name) >= 7:
            variants |= {_without_marks(v) for v in (name, *variants)}
        for variant in variants:
            out.setdefault(variant, code)
    return out


# name as written → ISO 3166 alpha-2 code, "EU" or "ASEAN"
PARTNER_PHRASES: dict[str, str] = VOCAB.mapping("partner_phrase")
PARTNERS: dict[str, str] = spellings(VOCAB.mapping("partner")) | PARTNER_PHRASES
CONTINENTS: tuple[str, ...] = VOCAB.words("continents")
FLOW_CUES: dict[str, tuple[str, ...]] = VOCAB.group("flow")
SURPLUS_CUES: tuple[str, ...] = VOCAB.words("balance_sign.+")
DEFICIT_CUES: tuple[str, ...] = VOCAB.words("balance_sign.-")
SECTOR_CUES: dict[str, tuple[str, ...]] = VOCAB.group("sector")
INCREASE_CUES: tuple[str, ...] = VOCAB.words("change.+")
DECREASE_CUES: tuple[str, ...] = VOCAB.words("change.-")
SHARE_CUES: tuple[str, ...] = VOCAB.words("share")
ABS_CHANGE_CUES: tuple[str, ...] = VOCAB.words("abs_change")
BASIS_CUES: dict[str, tuple[str, ...]] = VOCAB.group("basis")
ITEM_STOPS: tuple[str, ...] = VOCAB.words("item.stops")
GENERIC_WORDS: frozenset[str] = frozenset(VOCAB.words("item.generic"))
LOOSE_ENDS: frozenset[str] = frozenset(VOCAB.words("item.loose_ends"))
ITEM_LEADS: tuple[str, ...] = VOCAB.words("item.leads")
BACK_REFERENCES: tuple[str, ...] = VOCAB.words("item.back_references")
WHOLE_CUES: tuple[str, ...] = VOCAB.words("item.whole")
PARTNER_BACK_REFERENCES: tuple[str, ...] = VOCAB.words("reference.partner")
SECTOR_BACK_REFERENCES: tuple[str, ...] = VOCAB.words("reference.sector")
STRONG_ITEM_STARTS: tuple[str, ...] = VOCAB.words("item.strong_starts")
SECTOR_QUALIFIERS: tuple[str, ...] = VOCAB.words("item.sector_qualifiers")
PRODUCT_WORDS: tuple[str, ...] = VOCAB.words("item.product_words")
PRODUCT_HEADS: tuple[str, ...] = VOCAB.words("item.product_heads")
FORECAST_WORDS: tuple[str, ...] = VOCAB.words("forecast")
PROVINCES: tuple[str, ...] = VOCAB.words("local.provinces")
# a province's, city's, region's or company's figure: not the country's (provinces last)
LOCAL_WORDS: tuple[str, ...] = VOCAB.words("local.others") + PROVINCES
