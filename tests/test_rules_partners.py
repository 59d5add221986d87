"""Which partner names speak of the figures around them (``extractor.rules.partners``)."""

from __future__ import annotations

from extractor.rules.cues import partner_cues
from extractor.rules.partners import (
    appositives,
    headline_partner,
    not_in_ranking,
    without_group_frames,
)
from extractor.rules.regions import find_regions
from extractor.rules.words import find_words


def _cues(text: str):
    low = text.lower()
    return low, partner_cues(text, low, find_words(low))


def test_partners_a_ranking_is_measured_against_are_dropped() -> None:
    low, cues = _cues(
        "Nhật Bản là thị trường lớn thứ tư, sau Mỹ, Trung Quốc và EU. Trung Quốc vượt Mỹ."
    )
    assert [c.value for c in not_in_ranking(low, cues)] == ["JP", "CN"]


def test_an_apposition_after_a_partner_is_a_span_of_its_own() -> None:
    text = "Imports from China, Vietnam's biggest supplier of components, rose 22.6%."
    low, cues = _cues(text)
    (span,) = appositives(low, cues)
    assert text[span[0] : span[1]] == ", Vietnam's biggest supplier of components,"


def test_a_group_that_frames_a_country_named_before_it_is_dropped() -> None:
    text = (
        "Campuchia là thị trường lớn nhất của Việt Nam trong khối ASEAN. Xuất khẩu sang ASEAN tăng."
    )
    low, cues = _cues(text)
    kept = without_group_frames(low, find_regions(text, low), cues)
    assert [c.value for c in kept] == ["KH", "ASEAN"]  # the second ASEAN is a partner


def test_a_bilateral_headline_names_the_article_partner() -> None:
    text = "Thương mại Việt Nam – Hàn Quốc 9 tháng\n\nKim ngạch hai chiều đạt 60 tỷ USD."
    low, cues = _cues(text)
    assert headline_partner(text, low, cues, text.index("60")) == "KR"
    text = "Xuất khẩu sang Mỹ tăng mạnh\n\nXuất khẩu cả nước đạt 300 tỷ USD."
    low, cues = _cues(text)
    assert headline_partner(text, low, cues, text.index("300")) is None


def test_a_first_sentence_with_a_period_but_no_figure_can_name_the_article_partner() -> None:
    text = (
        "Thương mại Việt Nam - Lào trong quý I/2025 tăng mạnh, hợp tác song phương mở rộng. "
        "Xuất khẩu sang Lào đạt 346 triệu USD."
    )
    low, cues = _cues(text)
    assert headline_partner(text, low, cues, text.index("346")) == "LA"
    text = "Xuất khẩu của Việt Nam sang Lào đạt 346 triệu USD, tăng mạnh so với cùng kỳ."
    low, cues = _cues(text)
    assert headline_partner(text, low, cues, text.index("346")) is None


def test_a_first_sentence_on_the_two_countries_trade_names_the_partner_of_its_paragraph() -> None:
    """A page stored without its headline that opens on the two countries' trade, a figure
    or not: the one partner its first paragraph names."""
    text = (
        "Theo Thương vụ Việt Nam tại Úc, kim ngạch hai chiều giữa hai nước đạt 5,3 tỉ USD. "
        "Trong đó, xuất khẩu của Việt Nam sang Úc đạt hơn 2,2 tỉ USD."
    )
    low, cues = _cues(text)
    assert headline_partner(text, low, cues, text.index("5,3")) == "AU"
