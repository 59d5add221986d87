"""Item phrases (extractor/rules/items.py): what an item is named, exactly as the rules give it
(the corpus cases check only that the expected words are in the item)."""

from __future__ import annotations

from extractor.rules import extract_by_rules
from extractor.types import Article


def _items(text: str) -> set[str | None]:
    return {f.item for f in extract_by_rules(Article(name="case.txt", text=text)).facts}


def test_a_generic_head_before_the_product_it_names_is_dropped() -> None:
    text = "Tháng 1/2014, xuất khẩu sản phẩm túi xách, va li, ô dù sang Hoa Kỳ đạt 89 triệu USD."
    assert _items(text) == {"túi xách, va li, ô dù"}


def test_a_generic_head_that_is_part_of_the_product_name_stays() -> None:
    text = "Năm 2023, xuất khẩu gỗ và sản phẩm gỗ đạt 13,4 tỷ USD."
    assert _items(text) == {"gỗ và sản phẩm gỗ"}


def test_a_decline_word_ends_the_item_phrase() -> None:
    text = "Tháng 10/2016, nhập khẩu bông suy giảm cả lượng và trị giá, giảm 17,8% so với cùng kỳ."
    assert _items(text) == {"bông"}


def test_an_auxiliary_verb_ends_an_english_item_phrase() -> None:
    text = "The export value of telephones and parts has increased to $8.27 billion in May 2016."
    assert _items(text) == {"telephones and parts"}
