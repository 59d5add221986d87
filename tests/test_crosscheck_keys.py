"""Two facts are about the same thing when every key is equal, items as the eval spec says."""

from __future__ import annotations

from typing import Any

from extractor.crosscheck.keys import differing_keys, item_key, same_keys
from extractor.types import FactKeys

H1 = {"year": 2025, "start_month": 1, "end_month": 6}


def keys(**extra: Any) -> FactKeys:
    return FactKeys(**{"flow": "export", "metric": "value", "period": H1, **extra})


def test_items_agree_when_the_shorter_ones_words_are_in_the_longer() -> None:
    assert same_keys(keys(item="nhóm hàng dệt may"), keys(item="hàng dệt may"))
    assert not same_keys(keys(item="dệt may"), keys(item="giày dép"))


def test_differing_keys_are_named_in_spec_order() -> None:
    june = {"year": 2025, "start_month": 6, "end_month": 6}
    assert differing_keys(keys(), keys(flow="import", period=june, sector="fdi")) == [
        "flow",
        "period",
        "sector",
    ]


def test_item_key_groups_spellings_of_one_item() -> None:
    assert item_key("Nhóm hàng Dệt may") == item_key("dệt may") == ("dệt", "may")
    assert item_key(None) is None
