"""The machine-readable report: its shape is a contract for whoever reads it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from located_facts import at

from extractor.crosscheck import crosscheck_article
from extractor.report import report_json
from extractor.types import Article, ArticleResult, Source, Usage

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
ARTICLE_KEYS = {
    "article",
    "numbers_masked",
    "errors",
    "warnings",
    "usage",
    "counts",
    "failed_checks",
    "failed_by_path",
    "path_checks",
    "pairs",
    "checks",
    "reconciled",
}
PAIR_KEYS = {"id", "verdict", "aligned_by", "differing", "confidence", "kept", "rules", "llm"}
SIDE_KEYS = {
    "ref",
    "fact",
    "span",
    "stated",
    "number",
    "grounded",
    "checks_passed",
    "checks_failed",
    "blamed",
    "confidence",
    "kept",
    "reasons",
}
CHECK_KEYS = {
    "id",
    "name",
    "rule",
    "passed",
    "refs",
    "arithmetic",
    "expected",
    "stated",
    "difference",
    "tolerance",
    "corroborates",
}


def sample(name: str) -> Article:
    return Article(name=name, text=(SAMPLES / name).read_text(encoding="utf-8"))


def report() -> dict[str, Any]:
    article = sample("003_8daf333cb5e73b3d.txt")
    masked = sample("000_78b8f9d05d1a4fcc.txt")
    export_q = "kim ngạch xuất khẩu hàng hóa đạt 219,83 tỷ USD"
    import_q = "kim ngạch nhập khẩu hàng hóa đạt 212,2 tỷ USD"
    total_q = "tổng kim ngạch xuất, nhập khẩu hàng hóa đạt 432,03 tỷ USD"
    rules = [
        at(article, export_q, Source.RULES, flow="export", metric="value", value=219.83e9),
        at(article, import_q, Source.RULES, flow="import", metric="value", value=212.2e9),
    ]
    llm = [
        at(article, export_q, Source.LLM, flow="export", metric="value", value=219.83e9),
        at(article, total_q, Source.LLM, flow="total", metric="value", value=432.03e9),
    ]
    usage = Usage(prompt_tokens=1000, completion_tokens=200, requests=1)
    results = [
        crosscheck_article(
            article,
            ArticleResult(article=article.name, facts=rules),
            ArticleResult(article=article.name, facts=llm, usage=usage),
        ),
        crosscheck_article(
            masked,
            ArticleResult(article=masked.name, numbers_masked=True),
            ArticleResult(article=masked.name, usage=usage),
        ),
    ]
    return json.loads(json.dumps(report_json(results)))  # plain JSON all the way down


def test_top_level_has_a_version_a_summary_and_articles() -> None:
    data = report()
    assert data["version"] == 1
    assert data["summary"] == {
        "articles": 2,
        "masked": 1,
        "errors": 0,
        "verdicts": {"agree": 1, "conflict": 0, "llm_only": 1, "rules_only": 1},
        "checks_passed": 1,
        "checks_failed": 0,
        "checks_failed_by_path": {"reconciled": 0, "rules": 0, "llm": 0},
        "rules_facts": 2,
        "llm_facts": 2,
        "reconciled_facts": 3,
        "tokens": 2400,
        "requests": 2,
        "cached": 0,
    }


def test_each_article_has_pairs_checks_and_reconciled_facts() -> None:
    article = report()["articles"][0]
    assert set(article) == ARTICLE_KEYS
    assert article["counts"] == {"agree": 1, "conflict": 0, "llm_only": 1, "rules_only": 1}
    for pair in article["pairs"]:
        assert set(pair) == PAIR_KEYS
        assert 0.0 <= pair["confidence"] <= 1.0
        for side in ("rules", "llm"):
            assert pair[side] is None or set(pair[side]) == SIDE_KEYS
    [check] = article["checks"]
    assert set(check) == CHECK_KEYS
    assert check["name"] == "total" and check["passed"] is True
    assert "export 219.83 bn USD + import 212.2 bn USD = 432.03 bn USD" in check["arithmetic"]


def test_reconciled_facts_are_in_the_gold_fact_format() -> None:
    reconciled = report()["articles"][0]["reconciled"]
    assert reconciled["article"] == "003_8daf333cb5e73b3d.txt"
    assert reconciled["numbers_masked"] is False
    assert [(f["flow"], f["value"]) for f in reconciled["facts"]] == [
        ("export", 219.83e9),
        ("import", 212.2e9),
        ("total", 432.03e9),
    ]
    for fact in reconciled["facts"]:
        assert {"flow", "scope", "period", "metric", "value", "evidence"} <= set(fact)


def test_a_masked_article_has_no_values() -> None:
    masked = report()["articles"][1]
    assert masked["numbers_masked"] is True
    assert masked["pairs"] == [] and masked["checks"] == []
    assert masked["reconciled"]["facts"] == [] and masked["reconciled"]["numbers_masked"] is True


def test_failed_checks_are_counted_per_path_reconciled_first() -> None:
    article = sample("003_8daf333cb5e73b3d.txt")
    export_q = "kim ngạch xuất khẩu hàng hóa đạt 219,83 tỷ USD"
    import_q = "kim ngạch nhập khẩu hàng hóa đạt 212,2 tỷ USD"
    total_q = "tổng kim ngạch xuất, nhập khẩu hàng hóa đạt 432,03 tỷ USD"
    both = [
        at(article, export_q, Source.RULES, flow="export", metric="value", value=219.83e9),
        at(article, import_q, Source.RULES, flow="import", metric="value", value=212.2e9),
    ]
    # the LLM reads the total with the wrong scale: its own facts fail the total check
    llm = [
        *(f.model_copy(update={"source": Source.LLM}) for f in both),
        at(article, total_q, Source.LLM, flow="total", metric="value", value=43.203e9),
    ]
    result = crosscheck_article(
        article,
        ArticleResult(article=article.name, facts=both),
        ArticleResult(article=article.name, facts=llm),
    )
    data = json.loads(json.dumps(report_json([result])))
    entry = data["articles"][0]
    assert list(entry["failed_by_path"].items()) == [("reconciled", 0), ("rules", 0), ("llm", 1)]
    [failed] = entry["path_checks"]["llm"]
    assert failed["name"] == "total" and failed["id"].startswith("llm-")
    assert entry["path_checks"]["reconciled"] == entry["path_checks"]["rules"] == []
    assert data["summary"]["checks_failed_by_path"] == {"reconciled": 0, "rules": 0, "llm": 1}
