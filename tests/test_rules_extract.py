"""The rule baseline, specified by the corpus in tests/corpora/rules.yaml (and the exact item
names of tests/corpora/item_names.yaml) and a few properties that hold for any input (offsets,
NFC/NFD, word segmentation, masking)."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml

from extractor.numbers import same_value
from extractor.rules import extract_by_rules
from extractor.types import Article, Fact

CORPUS = yaml.safe_load((Path(__file__).parent / "corpora" / "rules.yaml").read_text("utf-8"))
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _extract(text: str) -> list[Fact]:
    return extract_by_rules(Article(name="case.txt", text=text)).facts


def _fits(fact: Fact, want: dict[str, Any]) -> bool:
    for key, expected in want.items():
        if key == "value":
            if not same_value(fact.value, expected):
                return False
        elif key == "period":
            p = fact.period
            if [p.year, p.start_month, p.end_month] != expected:
                return False
        elif key == "item" and expected is not None:
            if fact.item is None or not all(w in fact.item.lower() for w in expected.split()):
                return False
        else:
            got = getattr(fact, key)
            got = got.value if hasattr(got, "value") else got
            if got != expected:
                return False
    return True


def _unmatched(facts: list[Fact], wants: list[dict[str, Any]]) -> tuple[list[Fact], list[dict]]:
    """Pair facts with listed facts one to one; what is left on each side."""
    left = list(wants)
    extras = []
    for fact in facts:
        hit = next((w for w in left if _fits(fact, w)), None)
        if hit is None:
            extras.append(fact)
        else:
            left.remove(hit)
    return extras, left


@pytest.mark.parametrize("case", CORPUS, ids=[c["name"] for c in CORPUS])
def test_corpus_case(case: dict[str, Any]) -> None:
    facts = _extract(case["text"])
    shown = "\n".join(
        f"  {f.flow.value} {f.period.year}/{f.period.start_month}-{f.period.end_month} "
        f"{f.sector} {f.partner} {f.item!r} {f.metric.value} {f.basis} {f.value}"
        for f in facts
    )
    extras, missing = _unmatched(facts, case["expect"])
    assert not missing, f"missing {missing}; got:\n{shown}"
    extras, _ = _unmatched(extras, case.get("known_wrong", []))
    assert not extras, f"facts the case does not list: {len(extras)}; got:\n{shown}"
    for value in case.get("absent", []):
        assert not any(same_value(abs(f.value), value) for f in facts), (
            f"{value} must not be a fact; got:\n{shown}"
        )


def test_evidence_offsets_point_into_the_original_text() -> None:
    text = (SAMPLES / "003_8daf333cb5e73b3d.txt").read_text("utf-8")
    result = extract_by_rules(Article(name="003.txt", text=text))
    assert len(result.facts) > 50
    for fact in result.facts:
        assert fact.evidence is not None
        assert text[fact.evidence.start : fact.evidence.end] == fact.evidence.quote
        assert fact.evidence.quote.strip()


def test_nfd_text_gives_the_same_facts_with_offsets_into_the_nfd_text() -> None:
    text = (SAMPLES / "001_791fcfb07cf1515f.txt").read_text("utf-8")
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    plain = _extract(text)
    decomposed = extract_by_rules(Article(name="001.txt", text=nfd)).facts
    assert [(f.keys(), f.value) for f in decomposed] == [(f.keys(), f.value) for f in plain]
    for fact in decomposed:
        quote = nfd[fact.evidence.start : fact.evidence.end]
        assert unicodedata.normalize("NFC", quote) == unicodedata.normalize("NFC", fact.quote)


def test_word_segmented_text_reads_like_plain_text() -> None:
    segmented = (
        "Tháng 3/2024 , kim_ngạch xuất_khẩu hàng_hóa đạt 30,5 tỷ USD , "
        "tăng 2,1 % so_với tháng trước ."
    )
    facts = _extract(segmented)
    assert any(_fits(f, {"flow": "export", "metric": "value", "value": 30.5e9}) for f in facts)
    assert any(
        _fits(f, {"metric": "change_pct", "basis": "prev_period", "value": 2.1}) for f in facts
    )


def test_masked_article_reports_masked_and_no_figures() -> None:
    text = (SAMPLES / "000_78b8f9d05d1a4fcc.txt").read_text("utf-8")
    result = extract_by_rules(Article(name="000.txt", text=text))
    assert result.numbers_masked is True
    assert result.facts == []
    assert result.warnings


def test_unrelated_text_gives_no_facts_and_a_warning() -> None:
    result = extract_by_rules(
        Article(name="weather.txt", text="Hôm nay trời nắng đẹp, nhiệt độ khoảng 30 độ C.")
    )
    assert result.facts == []
    assert result.warnings


def test_an_item_phrase_drops_the_trade_role_words_around_the_product() -> None:
    # "importer of Vietnamese rice by occupying": the product is rice, not the buyer's role
    facts = _extract(
        "In the first nine months of 2022, the Philippines remained the largest importer of "
        "Vietnamese rice by occupying 45 percent of the market, with 2.47 million tonnes."
    )
    assert facts and {f.item for f in facts} == {"rice"}


def test_an_item_phrase_drops_reporting_words_and_each() -> None:
    # "Customs said cashew nut exports": who said it is no part of the product; "ô tô mỗi
    # tháng": "mỗi" (each) ends the product's name
    facts = _extract(
        "In the first six months of 2019, the General Department of Customs said cashew nut "
        "exports to the US reached 63,700 tonnes. Năm 2023, giá trị nhập khẩu ô tô mỗi tháng "
        "đạt hơn 350 triệu USD."
    )
    assert {f.item for f in facts} == {"cashew nut", "ô tô"}


def test_an_item_phrase_drops_the_words_that_narrow_to_it() -> None:
    # "Among them, phones and components took the lead": the product, not the narrowing
    facts = _extract(
        "In 2023, Vietnam's exports to China reached 61 billion USD. Among them, phones and "
        "components took the lead with earnings of $16.87 billion."
    )
    assert {f.item for f in facts} == {None, "phones and components"}


def test_an_item_phrase_drops_the_side_of_the_trade() -> None:
    # "On the export side, computers ...": the side is no part of the product
    facts = _extract(
        "On the export side, computers, electronics and components brought in $10.2 billion "
        "in August 2024."
    )
    assert facts and {f.item for f in facts} == {"computers, electronics and components"}


def test_an_item_phrase_ends_before_a_jump() -> None:
    # "xuất khẩu thủy sản bật tăng mạnh mẽ": the jump ("bật tăng") is no part of the product
    facts = _extract(
        "4 tháng đầu năm 2021, xuất khẩu thủy sản bật tăng mạnh mẽ, ước đạt 2,39 tỷ USD."
    )
    assert facts and {f.item for f in facts} == {"thủy sản"}


def test_an_item_phrase_ends_before_an_adverb_or_a_participle() -> None:
    # "mực, bạch tuộc bất ngờ tăng 12%": "unexpectedly" is no part of the product; ", holding a
    # lion's share": a participle ends the phrase
    facts = _extract("Tháng 7/2019, xuất khẩu mực, bạch tuộc bất ngờ tăng 12%.")
    assert facts and {f.item for f in facts} == {"mực, bạch tuộc"}
    facts = _extract(
        "In the first half of 2020, China was the leading importer of Vietnam's vegetable and"
        " fruit, holding a lion's share of about 60.8 percent."
    )
    assert facts and {f.item for f in facts} == {"vegetable and fruit"}


def test_an_english_item_before_its_flow_word_drops_an_opening_word() -> None:
    # "Additionally, machinery and tools exports": the opening word is no part of the products
    facts = _extract("In February 2023, additionally, machinery and tools exports dropped 1.6%.")
    assert facts and {f.item for f in facts} == {"machinery and tools"}


def test_english_product_words_in_the_singular_name_items() -> None:
    # "Handbag exports", "Tapioca exports", "Semiconductor imports": singular heads are products
    facts = _extract(
        "In 2021, handbag exports posted 2.2 billion USD. Tapioca exports reached 1.1 billion"
        " USD. Semiconductor imports rose 12%."
    )
    assert [f.item for f in facts] == ["handbag", "Tapioca", "Semiconductor"]


def test_vietnamese_product_words_of_spices_and_fruit_name_items() -> None:
    # "xuất khẩu quế", "nhập khẩu hạnh nhân": products of one word, or of words no other head holds
    facts = _extract(
        "Năm 2023, xuất khẩu quế đạt 250 triệu USD. Nhập khẩu hạnh nhân đạt 30 triệu USD."
    )
    assert [f.item for f in facts] == ["quế", "hạnh nhân"]


def test_an_item_phrase_ends_before_potential() -> None:
    # "thị trường xuất khẩu xi măng tiềm năng": the markets are potential, not the product
    facts = _extract(
        "Một số thị trường xuất khẩu xi măng tiềm năng của Việt Nam trong 6 tháng đầu năm 2015 "
        "là Indonesia, Philippin, lần lượt đạt 49.689.743 USD và 29.627.985 USD."
    )
    assert facts and {f.item for f in facts} == {"xi măng"}


def test_an_item_phrase_drops_what_a_fall_cost() -> None:
    # "..., costing the country US$500 million": the cost is no part of the products
    facts = _extract(
        "Key agricultural exports tumbled in the first quarter of 2015, including seafood, "
        "coffee, rubber and rice, costing the country US$500 million."
    )
    assert facts and {f.item for f in facts} == {"seafood, coffee, rubber and rice"}


def test_a_subject_before_enjoyed_names_the_item() -> None:
    # "The wood processing sector also enjoyed a trade surplus": the subject is the item of
    # the balance, not the product of the sentence before
    facts = _extract(
        "In 2018, wood exports reached 9.4 billion USD. The wood processing sector also "
        "enjoyed a trade surplus of over 7 billion USD."
    )
    assert [f.item for f in facts] == ["wood", "wood processing"]


def test_a_figure_said_again_of_the_same_product_is_one_fact() -> None:
    # the lead and the body give the same figures, of "ngô" and of "Ngô các loại": one
    # product, so each figure is one fact (the first kept)
    facts = _extract(
        "Trong 11 tháng năm 2025, Việt Nam nhập khẩu gần 10,47 triệu tấn ngô.\n\nTheo Cục Hải "
        "quan, tổng lượng Ngô các loại nhập khẩu về Việt Nam trong 11 tháng năm 2025 đạt gần "
        "10,47 triệu tấn."
    )
    assert [(f.item, f.value) for f in facts] == [("ngô", 10470000)]


def test_a_figure_said_again_of_a_product_its_name_holds_is_one_fact() -> None:
    # "tôm chân trắng" then "tôm", the same figure of the same period: said again
    facts = _extract(
        "Trong 9 tháng năm 2023, xuất khẩu tôm chân trắng đạt 1,9 tỷ USD. Riêng tôm, trong 9 "
        "tháng năm 2023 xuất khẩu đạt 1,9 tỷ USD."
    )
    assert [(f.item, f.value) for f in facts] == [("tôm chân trắng", 1900000000)]


def test_an_item_phrase_drops_the_verb_that_raises_a_total() -> None:
    # "nâng lượng phân bón nhập khẩu ... lên": the product is "phân bón", not "nâng lượng ..."
    facts = _extract(
        "Tháng 2/2017, nhập khẩu phân bón đạt 418,7 nghìn tấn, nâng lượng phân bón nhập khẩu "
        "2 tháng đầu năm 2017 lên 773,8 nghìn tấn."
    )
    assert facts and {f.item for f in facts} == {"phân bón"}


ITEM_NAMES = yaml.safe_load(
    (Path(__file__).parent / "corpora" / "item_names.yaml").read_text("utf-8")
)


@pytest.mark.parametrize("case", ITEM_NAMES, ids=[c["name"] for c in ITEM_NAMES])
def test_item_names(case: dict[str, Any]) -> None:
    expected = [(item, value) for item, value in case["expect"]]
    assert [(f.item, f.value) for f in _extract(case["text"])] == expected
