"""Item phrases (extractor/rules/items.py): what an item is named, exactly as the rules give it
(the corpus cases check only that the expected words are in the item)."""

from __future__ import annotations

import pytest

from extractor.rules import extract_by_rules
from extractor.types import Article

# why, the text, the one item its facts are of
CASES: list[tuple[str, str, str]] = [
    (
        "a generic head before the product it names is dropped",
        "Tháng 1/2014, xuất khẩu sản phẩm túi xách, va li, ô dù sang Hoa Kỳ đạt 89 triệu USD.",
        "túi xách, va li, ô dù",
    ),
    (
        "a wire dateline before the story's first words is no part of the item",
        "HCMC – Coffee exports reached 2.1 billion USD in the first seven months of 2024.",
        "Coffee",
    ),
    (
        "a generic head that is part of the product name stays",
        "Năm 2023, xuất khẩu gỗ và sản phẩm gỗ đạt 13,4 tỷ USD.",
        "gỗ và sản phẩm gỗ",
    ),
    (
        "a decline word ends the item phrase",
        "Tháng 10/2016, nhập khẩu bông suy giảm cả lượng và trị giá, giảm 17,8% so với cùng kỳ.",
        "bông",
    ),
    (
        "an auxiliary verb ends an English item phrase",
        "The export value of telephones and parts has increased to $8.27 billion in May 2016.",
        "telephones and parts",
    ),
    (
        "a verb left at an English phrase's end is no part of the item",
        "In the first quarter of 2023, the export value of black pepper, recording US$200"
        " million, rose 12 percent.",
        "black pepper",
    ),
    (
        "an adverb left at a Vietnamese phrase's end is no part of the item",
        "Năm 2023, xuất khẩu điện thoại và linh kiện luôn dẫn đầu với 52,4 tỷ USD.",
        "điện thoại và linh kiện",
    ),
    (
        "a preposition of time after the product is no part of the item",
        "Vietnam's exports of cinnamon throughout 2023 reached US$260 million.",
        "cinnamon",
    ),
    (
        "an adverb that opens the sentence is no part of the item",
        "Most notably, mobile phones and components earned US$30 billion in exports in the"
        " first half of 2023.",
        "mobile phones and components",
    ),
]


@pytest.mark.parametrize(("why", "text", "item"), CASES, ids=[c[0] for c in CASES])
def test_the_item_is_named_exactly(why: str, text: str, item: str) -> None:
    facts = extract_by_rules(Article(name="case.txt", text=text)).facts
    assert facts, why
    assert {f.item for f in facts} == {item}, why
