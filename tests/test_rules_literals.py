"""One pass finds every literal the rules ask for: the same positions as ``str.find``."""

from __future__ import annotations

from extractor.rules.literals import starts


def _by_find(text: str, literals: tuple[str, ...]) -> list[int]:
    return sorted({i for lit in literals for i in range(len(text)) if text.startswith(lit, i)})


def test_every_start_of_every_literal_overlaps_included() -> None:
    text = "xuất khẩu đạt; nhập khẩu đạt: khẩu khẩu 𝟙đạt aaa"
    for literals in (("khẩu",), ("đạt", ";", ":"), ("aa",), ("khẩu", "ẩu"), ("vắng",)):
        assert starts(text, literals) == _by_find(text, literals)


def test_a_literal_learnt_after_the_text_was_scanned_is_still_found() -> None:
    text = "tính đến hết tháng 8, kim ngạch đạt 40 tỷ USD"
    assert starts(text, ("tính",)) == [0]
    assert starts(text, ("kim ngạch", "đạt")) == _by_find(text, ("kim ngạch", "đạt"))


def test_offsets_count_characters_not_bytes() -> None:
    text = "🙂🙂 so với cùng kỳ"
    assert starts(text, ("so với",)) == [3]
