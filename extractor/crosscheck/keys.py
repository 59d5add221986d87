"""When two facts are about the same thing: keys equal, items compared as the eval spec does."""

from __future__ import annotations

from extractor.evaluate.match import item_words, items_agree
from extractor.types import FactKeys

KEY_NAMES: tuple[str, ...] = (
    "flow",
    "scope",
    "period",
    "sector",
    "partner",
    "item",
    "metric",
    "basis",
)


def differing_keys(a: FactKeys, b: FactKeys) -> list[str]:
    """The key names on which ``a`` and ``b`` disagree (items by the eval spec's word rule)."""
    return [
        name
        for name in KEY_NAMES
        if not (
            items_agree(a.item, b.item) if name == "item" else getattr(a, name) == getattr(b, name)
        )
    ]


def same_keys(a: FactKeys, b: FactKeys) -> bool:
    return not differing_keys(a, b)


def item_key(item: str | None) -> tuple[str, ...] | None:
    """A hashable form of an item for grouping facts in consistency checks."""
    return None if item is None else tuple(item_words(item))
