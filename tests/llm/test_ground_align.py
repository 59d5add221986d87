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


# A long article: many paragraphs that share the article's words but not its figures.
OTHER = "Các doanh nghiệp xuất khẩu tiếp tục mở rộng thị trường, nâng cao chất lượng. "
LONG = "\n\n".join([OTHER * 3] * 300 + [TEXT] + [OTHER * 3] * 300)


def test_a_slightly_wrong_quote_is_found_where_it_is_in_a_long_article():
    span = align(LONG, "xuat khẩu gạo đạt 1,2 tỷ USD, tang 5,5%")
    assert span is not None and not span.exact
    assert LONG.index(TEXT) < span.start < span.end <= LONG.index(TEXT) + len(TEXT)
    assert "1,2 tỷ USD" in LONG[span.start : span.end]


def test_a_long_article_is_searched_only_around_a_bounded_number_of_places(monkeypatch):
    """However long the article, the quote is compared with a few regions of it (where
    pieces of the quote occur): the cost is a few scans, not the whole text per quote."""
    import difflib

    regions: list[tuple[int, int]] = []
    original = difflib.SequenceMatcher.find_longest_match

    def counting(self, alo=0, ahi=None, blo=0, bhi=None):
        if len(self.a) > 20_000:  # a search of the article (not of one short window)
            regions.append((alo, ahi))
        return original(self, alo, ahi, blo, bhi)

    monkeypatch.setattr(difflib.SequenceMatcher, "find_longest_match", counting)
    for copies in (300, 3000):  # 21 and 210 thousand characters
        regions.clear()
        text = "\n\n".join([TEXT] * copies)  # the quote's pieces occur in every copy
        span = align(text, "xuat khẩu gạo đạt 1,2 tỷ USD")
        assert span is not None and "1,2 tỷ USD" in text[span.start : span.end]
        assert 1 <= len(regions) <= 16  # around each place where pieces of the quote occur
        assert sum(hi - lo for lo, hi in regions) < 16 * 3 * 30  # each about 3 quotes long


def test_an_invented_quote_in_a_long_article_is_not_found():
    assert align(LONG, "nhập khẩu than đá đạt 812 triệu USD trong quý IV") is None
