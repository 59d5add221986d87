"""What a hosted model is offered beyond the number's window: the rule reading, the subject."""

from __future__ import annotations

from extractor.llm.anchored.anchors import find_anchors
from extractor.llm.anchored.extract import anchor_choices
from extractor.llm.anchored.hints import Hint, merged, period_words, rule_hints, subject_hint
from extractor.rules.document import Document
from extractor.types import Article, Period

ABOUT_CHINA = (
    "Nhập khẩu hàng hóa từ Trung Quốc 7 tháng tăng mạnh\n"
    "Theo Tổng cục Hải quan, 7 tháng đầu năm 2021, "
    "nhập khẩu hàng hóa từ Trung Quốc đạt 61 tỷ USD.\n"
    "\n"
    "Trong đó, máy móc, thiết bị dẫn đầu với kim ngạch 14,45 tỷ USD, tăng 73,3%. "
    "Xuất khẩu sang Hàn Quốc đạt 2 tỷ USD."
)
JAN_JUL = Period(year=2021, start_month=1, end_month=7)


def test_the_subject_is_what_the_headline_and_lead_name():
    subject = subject_hint(Document(ABOUT_CHINA))
    assert subject.partners == ("CN",)  # Korea is named only further down
    assert subject.periods == (JAN_JUL,)


def test_the_rule_reading_is_keyed_by_where_its_number_ends():
    article = Article(name="a.txt", text=ABOUT_CHINA)
    scan = Document(ABOUT_CHINA)
    hints = rule_hints(article)
    ends = [a.amount.end for a in find_anchors(scan)]
    assert set(hints) <= set(ends)
    machinery = hints[ends[1]]  # "14,45 tỷ USD"
    assert machinery.items == ("máy móc, thiết bị",) and machinery.periods == (JAN_JUL,)


def test_merged_keeps_the_rule_reading_first_and_each_option_once():
    rule = Hint(partners=("KR",), items=("gạo",))
    both = merged(rule, Hint(partners=("CN", "KR"), periods=(JAN_JUL,)))
    assert both == Hint(partners=("KR", "CN"), items=("gạo",), periods=(JAN_JUL,))
    assert merged(None, rule) == rule


def test_a_hosted_model_is_offered_the_subjects_partner_the_window_does_not_name():
    scan = Document(ABOUT_CHINA)
    korea = anchor_choices(Article(name="a.txt", text=ABOUT_CHINA), scan, offer_rules=True)[-1]
    assert [o.value for o in korea.partners][:2] == [
        "KR",
        "CN",
    ]  # its own first, then the subject's
    small = anchor_choices(Article(name="a.txt", text=ABOUT_CHINA), scan, offer_rules=False)[-1]
    assert [o.value for o in small.partners] == ["KR", None]


def test_an_offered_period_reads_in_words():
    assert period_words(JAN_JUL) == "months 1-7 of 2021"
    assert period_words(Period(year=2021, start_month=1, end_month=12)) == "year 2021"
    assert (
        period_words(Period(year=None, start_month=8, end_month=8))
        == "month 8 of the article's year"
    )
