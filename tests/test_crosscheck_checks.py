"""Consistency checks: each relation holds on real article figures and fails on real slips.

Figures are those of the articles in the eval set (003: the first half of 2025;
001: January 2025; 002: ten months of 2021). A failing case is either a mistake
a path really makes (a figure read with the wrong period, flow or scope) or an
inconsistency the article itself contains.
"""

from __future__ import annotations

from typing import Any

import pytest

from extractor.crosscheck.checks import Candidate, run_checks
from extractor.crosscheck.tolerance import tolerance
from extractor.types import Fact

BN = 1e9
H1 = (1, 6)
JUNE = (6, 6)
Q2 = (4, 6)


def fact(flow: str, metric: str, value: float, months: tuple[int, int] = H1, **keys: Any) -> Fact:
    year = keys.pop("year", 2025)
    period = {"year": year, "start_month": months[0], "end_month": months[1]}
    return Fact(flow=flow, metric=metric, value=value, period=period, **keys)


def check(name: str, *facts: Fact) -> list[tuple[bool, list[str], str]]:
    cands = [Candidate(f"R{i}", f, tolerance(f)) for i, f in enumerate(facts)]
    return [(c.passed, c.refs, c.arithmetic) for c in run_checks(cands) if c.name == name]


# 003: "xuất khẩu hàng hóa đạt 219,83 tỷ USD", "nhập khẩu hàng hóa đạt 212,2 tỷ USD"
EXPORT_H1 = fact("export", "value", 219.83 * BN)
IMPORT_H1 = fact("import", "value", 212.2 * BN)


def test_balance_is_exports_minus_imports() -> None:
    # "cán cân thương mại hàng hóa xuất siêu 7,63 tỷ USD"
    [(passed, refs, how)] = check(
        "balance", EXPORT_H1, IMPORT_H1, fact("balance", "value", 7.63 * BN)
    )
    assert passed and refs == ["R0", "R1", "R2"]
    assert "219.83 bn USD − import 212.2 bn USD = 7.63 bn USD" in how


def test_balance_fails_when_the_services_deficit_is_read_as_goods() -> None:
    # "Cán cân thương mại dịch vụ 6 tháng đầu năm 2025 nhập siêu 4,71 tỷ USD" labelled goods
    [(passed, refs, how)] = check(
        "balance", EXPORT_H1, IMPORT_H1, fact("balance", "value", -4.71 * BN)
    )
    assert not passed and refs == ["R0", "R1", "R2"]
    assert "stated balance -4.71 bn USD" in how and "off by 12.34 bn USD" in how


def test_balance_of_services_stands_apart_from_goods() -> None:
    services = [
        fact("export", "value", 14.79 * BN, scope="services"),
        fact("import", "value", 19.5 * BN, scope="services"),
        fact("balance", "value", -4.71 * BN, scope="services"),
    ]
    results = check("balance", EXPORT_H1, IMPORT_H1, *services)
    assert [(passed, refs) for passed, refs, _ in results] == [(True, ["R2", "R3", "R4"])]


def test_total_is_exports_plus_imports() -> None:
    # "tổng kim ngạch xuất, nhập khẩu hàng hóa đạt 432,03 tỷ USD"
    [(passed, _, how)] = check("total", EXPORT_H1, IMPORT_H1, fact("total", "value", 432.03 * BN))
    assert passed and "= 432.03 bn USD" in how


def test_total_fails_when_the_june_total_is_read_as_half_year() -> None:
    # "trong tháng 6/2025, kim ngạch xuất, nhập khẩu hàng hóa đạt 76,15 tỷ USD" as 1..6
    [(passed, _, _)] = check("total", EXPORT_H1, IMPORT_H1, fact("total", "value", 76.15 * BN))
    assert not passed


def test_domestic_plus_fdi_is_the_whole() -> None:
    # "khu vực kinh tế trong nước đạt 58,28 tỷ USD ... (kể cả dầu thô) đạt 161,55 tỷ USD"
    domestic = fact("export", "value", 58.28 * BN, sector="domestic")
    fdi = fact("export", "value", 161.55 * BN, sector="fdi")
    [(passed, refs, how)] = check("sector_sum", domestic, fdi, EXPORT_H1)
    assert passed and refs == ["R0", "R1", "R2"]
    assert "domestic 58.28 bn USD + FDI 161.55 bn USD = 219.83 bn USD" in how


def test_domestic_plus_fdi_holds_for_a_balance_too() -> None:
    # "trong nước nhập siêu 14,54 tỷ USD; ... có vốn đầu tư nước ngoài ... xuất siêu 22,17 tỷ USD"
    parts = [
        fact("balance", "value", -14.54 * BN, sector="domestic"),
        fact("balance", "value", 22.17 * BN, sector="fdi"),
        fact("balance", "value", 7.63 * BN),
    ]
    assert [passed for passed, _, _ in check("sector_sum", *parts)] == [True]


def test_domestic_plus_fdi_fails_against_the_import_total() -> None:
    domestic = fact("export", "value", 58.28 * BN, sector="domestic")
    fdi = fact("export", "value", 161.55 * BN, sector="fdi")
    wrong_whole = fact("export", "value", 212.2 * BN)  # the import figure, read as exports
    [(passed, _, how)] = check("sector_sum", domestic, fdi, wrong_whole)
    assert not passed and "stated whole 212.2 bn USD" in how


def test_share_is_part_over_whole() -> None:
    # "trong nước đạt 58,28 tỷ USD, tăng 9,4%, chiếm 26,5% tổng kim ngạch xuất khẩu"
    part = fact("export", "value", 58.28 * BN, sector="domestic")
    share = fact("export", "share_pct", 26.5, sector="domestic")
    [(passed, refs, how)] = check("share", part, EXPORT_H1, share)
    assert passed and refs == ["R0", "R1", "R2"]
    assert "58.28 bn USD / 219.83 bn USD = 26.5114%; stated share 26.5%" in how


def test_share_of_an_item_uses_the_flow_total_as_whole() -> None:
    # "dịch vụ du lịch đạt 7,62 tỷ USD (chiếm 51,5% tổng kim ngạch)" of 14,79 tỷ USD
    item = "dịch vụ du lịch"
    facts = [
        fact("export", "value", 7.62 * BN, scope="services", item=item),
        fact("export", "value", 14.79 * BN, scope="services"),
        fact("export", "share_pct", 51.5, scope="services", item=item),
    ]
    assert [passed for passed, _, _ in check("share", *facts)] == [True]


def test_share_fails_when_the_article_contradicts_itself() -> None:
    # 001: "máy vi tính ... đạt 9,73 tỷ USD, chiếm 31,7% tỷ trọng nhập khẩu" of 30,06 tỷ USD
    item = "máy vi tính, sản phẩm điện tử và linh kiện"
    jan = (1, 1)
    facts = [
        fact("import", "value", 9.73 * BN, jan, item=item),
        fact("import", "value", 30.06 * BN, jan),
        fact("import", "share_pct", 31.7, jan, item=item),
    ]
    [(passed, _, how)] = check("share", *facts)
    assert not passed and "= 32.3686%; stated share 31.7%" in how


COMPUTERS = "máy vi tính, sản phẩm điện tử và linh kiện"


def test_value_change_pct_and_change_abs_agree() -> None:
    # 001: "đạt 9,73 tỷ USD ... tăng 13,8% so với cùng kỳ năm 2024 (... 1,18 tỷ USD)"
    jan = (1, 1)
    facts = [
        fact("import", "value", 9.73 * BN, jan, item=COMPUTERS),
        fact("import", "change_pct", 13.8, jan, item=COMPUTERS, basis="yoy"),
        fact("import", "change_abs", 1.18 * BN, jan, item=COMPUTERS, basis="yoy"),
    ]
    [(passed, _, how)] = check("change", *facts)
    assert passed and "9.73 bn USD − (1.18 bn USD) = 8.55 bn USD" in how


def test_change_fails_when_pct_and_abs_disagree() -> None:
    # 001: "hạt điều đạt 104 triệu USD, tăng 65,7% (tương ứng tăng 68 triệu USD)"
    jan = (1, 1)
    facts = [
        fact("import", "value", 104e6, jan, item="hạt điều"),
        fact("import", "change_pct", 65.7, jan, item="hạt điều", basis="yoy"),
        fact("import", "change_abs", 68e6, jan, item="hạt điều", basis="yoy"),
    ]
    [(passed, refs, how)] = check("change", *facts)
    assert not passed and refs == ["R0", "R1", "R2"]
    assert "104 M USD / (1 +65.7%) = 62.764 M USD" in how and "= 36 M USD" in how


def test_change_compares_like_with_like_basis() -> None:
    jan = (1, 1)
    facts = [
        fact("import", "value", 9.73 * BN, jan, item=COMPUTERS),
        fact("import", "change_pct", 4.4, jan, item=COMPUTERS, basis="prev_period"),
        fact("import", "change_abs", 1.18 * BN, jan, item=COMPUTERS, basis="yoy"),
    ]
    assert check("change", *facts) == []


def test_a_month_does_not_exceed_its_year_to_date_total() -> None:
    # "trong tháng 6/2025 đạt 39,49 tỷ USD" and 219,83 tỷ USD for six months
    [(passed, refs, how)] = check(
        "month_within_ytd", fact("export", "value", 39.49 * BN, JUNE), EXPORT_H1
    )
    assert passed and refs == ["R0", "R1"]
    assert how == "month 6/2025 39.49 bn USD ≤ month 1–6/2025 219.83 bn USD"


def test_a_month_exceeding_its_quarter_fails() -> None:
    # the half-year figure read as June, against "Trong quý 2/2025 ... đạt 116,93 tỷ USD"
    june = fact("export", "value", 219.83 * BN, JUNE)
    q2 = fact("export", "value", 116.93 * BN, Q2)
    [(passed, _, how)] = check("month_within_ytd", june, q2)
    assert not passed and how.startswith("not month 6/2025 219.83 bn USD ≤ month 4–6/2025")


def test_a_balance_is_not_bounded_by_its_year_to_date_figure() -> None:
    # 002: "Xuất siêu trở lại trong tháng 10 với mức 1,1 tỷ USD" vs "10 tháng ... nhập siêu 1,45"
    month = fact("balance", "value", 1.1 * BN, (10, 10), year=2021)
    ytd = fact("balance", "value", -1.45 * BN, (1, 10), year=2021)
    assert check("month_within_ytd", month, ytd) == []


def test_approximate_figures_pass_within_their_rounding() -> None:
    # 002: "Doanh nghiệp trong nước xuất khẩu gần 70 tỷ USD", FDI "198,16 tỷ USD",
    # "kim ngạch xuất khẩu ... ước đạt hơn 267,9 tỷ USD" (10 months of 2021)
    months = (1, 10)
    facts = [
        fact("export", "value", 70 * BN, months, year=2021, sector="domestic", qualifier="gần"),
        fact("export", "value", 198.16 * BN, months, year=2021, sector="fdi"),
        fact("export", "value", 267.9 * BN, months, year=2021, qualifier="hơn"),
        fact("export", "share_pct", 74, months, year=2021, sector="fdi", qualifier="gần"),
    ]
    assert [passed for passed, _, _ in check("sector_sum", *facts)] == [True]
    assert [passed for passed, _, _ in check("share", *facts)] == [True]


@pytest.mark.parametrize(
    "name", ["balance", "total", "sector_sum", "share", "change", "month_within_ytd"]
)
def test_every_check_is_named_with_its_rule(name: str) -> None:
    from extractor.crosscheck.checks import CHECKS

    by_name = {c.name: c for c in CHECKS}
    assert by_name[name].rule


def test_two_terms_read_from_one_written_number_make_no_check() -> None:
    # 003: "kim ngạch xuất, nhập khẩu hàng hóa đạt 76,15 tỷ USD" (June's total) read by a
    # weak model as both the exports and the total, plus a count read as "33 USD"
    june_total = (1000, 1010)  # where "76,15 tỷ USD" stands
    cands = [
        Candidate("L0", fact("export", "value", 76.15 * BN), 0.005 * BN, june_total),
        Candidate("L1", fact("import", "value", 33), 0.5, (2000, 2002)),
        Candidate("L2", fact("total", "value", 76.15 * BN), 0.005 * BN, june_total),
    ]
    assert [c for c in run_checks(cands) if c.name == "total"] == []
    apart = [*cands[:2], Candidate("L2", cands[2].fact, cands[2].tol, (3000, 3010))]
    assert [c.name for c in run_checks(apart)] == ["total"]  # the arithmetic alone holds
