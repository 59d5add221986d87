"""Normalisation: clean text for the rules, offsets that still point into the original."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from extractor.normalise import fold, looks_masked, normalise

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
MASKED = "000_78b8f9d05d1a4fcc.txt"


def test_nfd_input_becomes_nfc() -> None:
    original = unicodedata.normalize("NFD", "Xuất khẩu đạt 33,19 tỷ USD")
    assert original != unicodedata.normalize("NFC", original)
    assert normalise(original).text == unicodedata.normalize("NFC", original)


def test_offsets_map_back_to_the_original_span_of_decomposed_text() -> None:
    original = unicodedata.normalize("NFD", "Kim ngạch xuất khẩu đạt 33,19 tỷ USD")
    norm = normalise(original)
    for word in ("xuất khẩu", "33,19 tỷ USD", "Kim"):
        start = norm.text.index(word)
        a, b = norm.to_original(start, start + len(word))
        assert unicodedata.normalize("NFC", original[a:b]) == word


def test_word_segmentation_underscores_become_spaces() -> None:
    norm = normalise("kim_ngạch xuất_khẩu tăng")
    assert norm.text == "kim ngạch xuất khẩu tăng"
    assert norm.original_slice(0, len("kim ngạch")) == "kim_ngạch"


def test_a_lone_underscore_is_kept() -> None:
    assert normalise("a _ b").text == "a _ b"


def test_html_tags_and_entities_are_removed() -> None:
    norm = normalise("<p>Xuất khẩu&nbsp;<b>tăng</b> 5&#37; &amp; nhập khẩu</p><script>x=1</script>")
    assert "<" not in norm.text
    assert "&" not in norm.text.replace(" & ", "")
    assert "Xuất khẩu tăng 5% & nhập khẩu" in norm.text
    assert "x=1" not in norm.text


def test_offsets_of_text_after_html_point_into_the_original() -> None:
    original = "<div><b>Nhập khẩu</b> đạt 30,5 tỷ&nbsp;USD</div>"
    norm = normalise(original)
    start = norm.text.index("30,5")
    a, b = norm.to_original(start, start + len("30,5 tỷ"))
    assert original[a:b] == "30,5 tỷ"


def test_whitespace_is_folded() -> None:
    assert normalise("a  \t b \r\n\r\nc ").text.split("\n")[0] == "a b"


def test_fold_is_lower_case_single_spaced() -> None:
    assert fold("Kim_Ngạch   XUẤT khẩu\n") == "kim ngạch xuất khẩu"


def test_masked_sample_is_detected() -> None:
    text = (SAMPLES / MASKED).read_text(encoding="utf-8")
    assert looks_masked(normalise(text).text)


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.txt") if p.name != MASKED))
def test_real_samples_are_not_masked(name: str) -> None:
    text = (SAMPLES / name).read_text(encoding="utf-8")
    assert not looks_masked(normalise(text).text)


def test_english_text_is_not_masked() -> None:
    text = (
        "Vietnam's exports reached 33.19 billion USD in January, down 6.6% from the previous "
        "month, while imports were 30.11 billion USD, leaving a trade surplus of 3.08 billion USD."
    )
    assert not looks_masked(text)


def test_text_without_numbers_is_not_masked() -> None:
    assert not looks_masked("Hôm nay trời nắng đẹp.")


def test_every_character_has_its_original_span_as_runs() -> None:
    """The offset map is kept as runs; read per character it is what a list would hold."""
    original = "Kim_ngạch  <b>xuất</b> &amp; khẩu \n đạt"
    norm = normalise(original)
    assert norm.text == "Kim ngạch xuất & khẩu\nđạt"
    assert len(norm.starts) == len(norm.ends) == len(norm.text)
    assert list(norm.starts)[:4] == [0, 1, 2, 3]  # "Kim_": the underscore is a space
    amp = norm.text.index("&")
    assert original[norm.starts[amp] : norm.ends[amp]] == "&amp;"
    assert norm.starts[-1] == len(original) - 1 and norm.ends[-1] == len(original)
    assert norm.starts[-3:] == [len(original) - 3, len(original) - 2, len(original) - 1]
    with pytest.raises(IndexError):
        norm.starts[len(norm.text)]


def test_a_clean_article_maps_each_character_to_itself() -> None:
    norm = normalise("Xuất khẩu đạt 40,5 tỷ USD.\nNhập khẩu giảm.")
    assert list(norm.starts) == list(range(len(norm.text)))
    assert list(norm.ends) == list(range(1, len(norm.text) + 1))


def test_hard_wrapped_text_has_its_lines_joined_inside_sentences() -> None:
    # a page hard-wrapped at a fixed width: a break inside a sentence reads as a space (the
    # same length, so offsets are kept); one after a full stop stays a line break
    original = (
        "Export revenue of the domestic economic sector rose 16.8 percent, reaching 56.82\n"
        "billion USD, while that of the foreign direct investment (FDI) sector expanded\n"
        "13.2 percent to 143.45 billion USD, up 13.2 percent, accounting for 71.6 percent\n"
        "of total turnover.\n"
        "Many key exports gained high growth, with mobile phones and spare parts reaching\n"
        "40.7 billion USD.\n"
    )
    n = normalise(original)
    assert n.text == (
        "Export revenue of the domestic economic sector rose 16.8 percent, reaching 56.82 "
        "billion USD, while that of the foreign direct investment (FDI) sector expanded "
        "13.2 percent to 143.45 billion USD, up 13.2 percent, accounting for 71.6 percent "
        "of total turnover.\n"
        "Many key exports gained high growth, with mobile phones and spare parts reaching "
        "40.7 billion USD.\n"
    )
    assert len(n.text) == len(original)


def test_a_headline_and_its_dateline_stay_lines_of_their_own() -> None:
    # short lines (a headline, a dateline, paragraphs) are no hard-wrapped text
    original = (
        "Vietnamese seafood exports hit US$6.3 billion during eight-month period\n"
        "thứ sáu, 11:00, 06/09/2024\n"
        "VOV.VN - Vietnam earned US$6.3 billion from exporting aquatic products.\n"
    )
    assert normalise(original).text == original


def test_a_figure_glued_to_a_word_gets_a_space_of_its_own() -> None:
    # pages stripped of their markup join a figure to the word before it, or its unit to the
    # word after it; the space added stands for no original character, so quotes map back
    original = (
        "Exports rose14.9%, tăng hơn16%, tương đương119 triệu USD; 72.2 percentin value"
        " in the first 10months."
    )
    n = normalise(original)
    assert n.text == (
        "Exports rose 14.9%, tăng hơn 16%, tương đương 119 triệu USD; 72.2 percent in value"
        " in the first 10 months."
    )
    start = n.text.index("14.9%")
    assert n.original_slice(start, start + 5) == "14.9%"
    assert n.original_slice(0, len(n.text)) == original


def test_codes_and_names_with_digits_stay_as_written() -> None:
    original = "USD100 million in H1 2023, COVID-19, 1.79 percentage points and 5 percents."
    assert normalise(original).text == original
