"""What a hosted model is offered beyond the number's window: the rule reading, the subject."""

from __future__ import annotations

from extractor.llm.anchored.anchors import find_anchors
from extractor.llm.anchored.extract import anchor_choices
from extractor.llm.anchored.hints import (
    ARTICLE_ITEMS,
    Hint,
    article_hint,
    merged,
    period_words,
    rule_hints,
    subject_hint,
)
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
WARES = ("gạo", "cà phê", "hạt điều", "hồ tiêu", "cao su", "chè", "sắn", "rau quả", "thủy sản")


def test_the_subject_is_what_the_headline_and_lead_name():
    subject = subject_hint(Document(ABOUT_CHINA), 2021)
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


LEAD_LOST = "\n\n".join(  # a stored page that lost its lead, cut off as stored
    (
        "Nhập khẩu thủy sản vào Việt Nam tăng mạnh so cùng kỳ 2016",
        "Trong đó, Ấn Độ là thị trường lớn nhất cung cấp thủy sản các loại cho Việt Nam, "
        "chiếm trên 25% trong tổng kim ngạch nhập khẩu thủy sản của cả nước, trị giá "
        "132,57 triệu USD, tăng 35,6% so cùng kỳ năm 2016. Sản phẩm mà Việt Nam thường "
        "xuyên nhập từ Ấn Độ là tôm sú.",
        "Ngoài thị trường chủ đạo là Ấn Độ, thì Việt Nam còn nhập khẩu thủy sản từ các "
        "thị trường như: Trung Quốc 48,98 triệu USD (chiếm 9,4%, tăng mạnh 94,3%); Na Uy "
        "42,02 triệu USD (chiếm 8%, tăng 9,8% so cù",
        "Trong 5 tháng đầu năm nay, nhập khẩu thủy sản từ phần lớn các thị trường đều "
        "tăng mạnh so với cùng k",
    )
)


def test_a_period_named_only_further_down_is_offered_to_the_figures_before_it():
    """A stored page may have lost its lead: the period of its figures comes later."""
    scan = Document(LEAD_LOST)
    article = Article(name="a.txt", text=LEAD_LOST)
    [jan_may] = [
        p
        for p in article_hint(scan, scan.main_year).periods
        if (p.start_month, p.end_month) == (1, 5)
    ]
    hosted, small = (
        next(c for c in anchor_choices(article, scan, offer) if c.anchor.amount.value == 48.98e6)
        for offer in (True, False)
    )
    assert jan_may in [o.value for o in hosted.periods]
    assert jan_may not in [o.value for o in small.periods]  # the bundled model: its window's


def test_the_article_offers_its_items_too_in_text_order_and_a_few_at_most():
    scan = Document(ABOUT_CHINA)
    korea = anchor_choices(Article(name="a.txt", text=ABOUT_CHINA), scan, offer_rules=True)[-1]
    assert article_hint(scan, scan.main_year).items == (
        "máy móc, thiết bị",
    )  # named beside another figure
    assert "máy móc, thiết bị" in [o.value for o in korea.items]
    many = " ".join(f"Xuất khẩu mặt hàng {w} đạt {n} triệu USD." for n, w in enumerate(WARES, 1))
    assert len(article_hint(Document(many), None).items) == ARTICLE_ITEMS < len(WARES)


def test_the_article_offers_its_partners_too():
    headline_only = (
        "Tuyên bố giảm 97% lượng gạo nhập từ Việt Nam, nền kinh tế lớn nhất Đông Nam Á\n"
        "\n"
        "Indonesia nhập khẩu 1,3 triệu tấn gạo trong 7 tháng đầu năm 2025."
    )
    scan = Document(headline_only)
    assert "ID" in article_hint(scan, scan.main_year).partners
    [cut, *_] = anchor_choices(Article(name="a.txt", text=headline_only), scan, offer_rules=True)
    assert "ID" in [o.value for o in cut.partners]  # the headline's figure: Indonesia's
