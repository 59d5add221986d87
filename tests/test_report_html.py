"""The HTML page: self-contained, escaped, each fact highlighted at its span and linked."""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

from located_facts import at

from extractor.crosscheck import crosscheck_article
from extractor.crosscheck.types import ArticleCrosscheck
from extractor.report.html import render_html, slug
from extractor.types import Article, ArticleResult, Source, Usage

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def crosschecked(article: Article) -> ArticleCrosscheck:
    near = partial(at, article, located=False)  # the masked sample has none of these quotes
    export_q = "kim ngạch xuất khẩu hàng hóa đạt 219,83 tỷ USD"
    rules = [
        near(export_q, Source.RULES, flow="export", metric="value", value=219.83e9),
        near(
            "tăng 14,4% so với cùng kỳ năm trước",
            Source.RULES,
            flow="export",
            metric="change_pct",
            basis="yoy",
            value=14.4,
        ),
    ]
    llm = [
        # the whole clause: the rule fact's span nests inside it
        near(
            "Tính chung 6 tháng đầu năm 2025, kim ngạch xuất khẩu hàng hóa đạt 219,83 tỷ USD",
            Source.LLM,
            flow="export",
            metric="value",
            value=219.83e9,
        ),
        near(
            "tăng 14,4% so với cùng kỳ năm trước",
            Source.LLM,
            flow="export",
            metric="change_pct",
            basis="prev_period",
            value=14.4,
        ),
        near(
            "nhập khẩu hàng hóa đạt 212,2 tỷ USD",
            Source.LLM,
            flow="import",
            metric="value",
            value=212.2e9,
        ),
    ]
    return crosscheck_article(
        article,
        ArticleResult(article=article.name, facts=rules),
        ArticleResult(
            article=article.name, facts=llm, usage=Usage(prompt_tokens=900, completion_tokens=120)
        ),
    )


def sample(name: str) -> Article:
    return Article(name=name, text=(SAMPLES / name).read_text(encoding="utf-8"))


def page(articles: list[Article]) -> tuple[str, list[ArticleCrosscheck]]:
    results = [crosschecked(a) for a in articles]
    return render_html(results, {a.name: a.text for a in articles}), results


ARTICLE = sample("003_8daf333cb5e73b3d.txt")


def test_the_page_is_self_contained() -> None:
    html, _ = page([ARTICLE])
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html and "<script>" in html
    assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", html)  # no CDN, works offline
    assert "@import" not in html


def test_every_fact_is_highlighted_and_links_to_its_row() -> None:
    html, [result] = page([ARTICLE])
    prefix = slug(0, result.article)
    for pair in result.pairs:
        assert re.search(rf'data-pairs="[^"]*\b{pair.id}\b', html), pair.id
        assert f'<tr id="{prefix}-{pair.id}"' in html
        assert f'id="hl-{prefix}-{pair.id}"' in html  # the row links back to its text
    assert f'href="#{prefix}-p1"' in html


def test_highlights_are_coloured_by_verdict_and_overlaps_marked() -> None:
    html, result = page([ARTICLE])
    verdicts = {p.verdict.value for p in result[0].pairs}
    assert verdicts == {"agree", "conflict", "llm_only"}
    for verdict in verdicts:
        assert f'class="hl v-{verdict}' in html
    assert "overlap" in html  # the LLM clause holds the rule fact's span


def test_highlighted_text_is_the_article_text_at_the_evidence_offsets() -> None:
    html, [result] = page([ARTICLE])
    pieces = re.findall(r'<a class="hl[^"]*"[^>]*>(.*?)</a>', html)
    import html as html_lib

    text = "".join(html_lib.unescape(p) for p in pieces)
    for pair in result.pairs:
        for side in pair.sides():
            assert side.span is not None
            start, end = side.span
            assert ARTICLE.text[start:end] in text


def test_article_text_is_escaped() -> None:
    hostile = Article(
        name="x<y>.txt",
        text=ARTICLE.text + '\n<script>alert("x")</script> & <b>bold</b>',
    )
    html, _ = page([hostile])
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "x&lt;y&gt;.txt" in html


def test_a_masked_article_shows_no_values() -> None:
    masked = sample("000_78b8f9d05d1a4fcc.txt")
    html, [result] = page([masked])
    assert result.numbers_masked
    assert "Numbers are masked" in html and 'class="hl' not in html and "<tr id=" not in html


def test_the_page_has_a_run_summary_and_the_side_by_side_table() -> None:
    html, _ = page([ARTICLE, sample("000_78b8f9d05d1a4fcc.txt")])
    assert "2 articles (1 masked, 0 with errors)" in html
    assert "<th>rules</th><th>LLM</th>" in html
    assert "1020 tokens" in html
