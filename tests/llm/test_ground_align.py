"""Quotes are found in the original text whatever its Unicode form, spacing or segmentation."""

from __future__ import annotations

import unicodedata

from extractor.ground import align

TEXT = "Tháng 3/2024, xuất khẩu gạo đạt 1,2 tỷ USD, tăng 5,5% so với cùng kỳ."


def test_exact_quote_maps_to_original_offsets():
    span = align(TEXT, "xuất khẩu gạo đạt 1,2 tỷ USD")
    assert span.exact and TEXT[span.start : span.end] == "xuất khẩu gạo đạt 1,2 tỷ USD"


def test_nfd_article_and_nfc_quote_align():
    nfd = unicodedata.normalize("NFD", TEXT)
    span = align(nfd, "xuất khẩu gạo đạt 1,2 tỷ USD")
    found = nfd[span.start : span.end]
    assert unicodedata.normalize("NFC", found) == "xuất khẩu gạo đạt 1,2 tỷ USD"


def test_nfd_quote_against_nfc_article():
    span = align(TEXT, unicodedata.normalize("NFD", "tăng 5,5% so với cùng kỳ"))
    assert TEXT[span.start : span.end] == "tăng 5,5% so với cùng kỳ"


def test_word_segmented_article_aligns_to_plain_quote():
    segmented = "Kim_ngạch xuất_khẩu   gạo\nđạt 1,2 tỷ USD ."
    span = align(segmented, "kim ngạch xuất khẩu gạo đạt 1,2 tỷ USD")
    assert segmented[span.start : span.end] == "Kim_ngạch xuất_khẩu   gạo\nđạt 1,2 tỷ USD"


def test_a_slightly_wrong_quote_is_found_fuzzily():
    span = align(TEXT, "xuat khẩu gạo đạt 1,2 tỷ USD")  # a dropped diacritic
    assert span is not None and not span.exact
    assert "1,2 tỷ USD" in TEXT[span.start : span.end]


def test_a_quote_that_is_not_there_is_not_found():
    assert align(TEXT, "nhập khẩu than đá đạt 812 triệu USD trong quý IV") is None
    assert align(TEXT, "") is None
