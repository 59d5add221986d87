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


def test_highlights_are_coloured_by_verdict() -> None:
    html, result = page([ARTICLE])
    verdicts = {p.verdict.value for p in result[0].pairs}
    assert verdicts == {"agree", "conflict", "llm_only"}
    for verdict in verdicts:
        assert f'class="hl v-{verdict}' in html


def highlights(html: str) -> list[tuple[str, str]]:
    """(owner pair id, inner HTML) of every highlight, in text order."""
    return re.findall(r'<a class="hl[^"]*"[^>]*href="#[^"]*-(p\d+)"[^>]*>(.*?)</a>', html)


def test_highlights_stand_apart_each_with_its_number_emphasised() -> None:
    html, [result] = page([ARTICLE])
    marks = highlights(html)
    assert not any("<a " in inner for _, inner in marks)  # no highlight inside another
    # the clause holding the rule fact is cut: the number goes to the pair it belongs to
    numbers = {
        owner: re.findall(r'<strong class="num">(.*?)</strong>', inner) for owner, inner in marks
    }
    by_number = {n: owner for owner, found in numbers.items() for n in found}
    for pair in result.pairs:
        side = pair.rules or pair.llm
        assert side is not None and side.number is not None
        written = ARTICLE.text[side.number[0] : side.number[1]]
        assert by_number[written] == pair.id, (written, pair.id)


def test_highlighted_text_is_the_article_text_at_the_evidence_offsets() -> None:
    html, [result] = page([ARTICLE])
    import html as html_lib

    text = "".join(
        html_lib.unescape(re.sub(r"<[^>]+>", "", inner)) for _, inner in highlights(html)
    )
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
    assert "<th>quote</th><th>rules</th><th>LLM</th>" in html
    assert "1020 tokens" in html


def test_articles_with_facts_come_first_and_masked_ones_last() -> None:
    masked = sample("000_78b8f9d05d1a4fcc.txt")
    empty = Article(name="empty.txt", text="Không có số liệu thương mại.")
    nothing = crosscheck_article(
        empty, ArticleResult(article=empty.name), ArticleResult(article=empty.name)
    )
    results = [crosschecked(masked), nothing, crosschecked(ARTICLE)]
    html = render_html(results, {a.name: a.text for a in (masked, empty, ARTICLE)})
    order = [html.index(f"<h2>{name}</h2>") for name in (ARTICLE.name, empty.name, masked.name)]
    assert order == sorted(order)
    overview = html.split("<section")[0]
    assert overview.index(ARTICLE.name) < overview.index(empty.name) < overview.index(masked.name)


def test_the_quote_is_in_the_table_with_its_number_emphasised() -> None:
    html, [result] = page([ARTICLE])
    prefix = slug(0, result.article)
    row = re.search(rf'<tr id="{prefix}-p\d+"[^>]*data-verdict="agree".*?</tr>', html)
    assert row is not None
    assert re.search(r'<td class="quote">[^<]*<strong class="num">219,83 tỷ USD</strong>', row[0])


def test_failed_checks_are_counted_per_path_reconciled_first() -> None:
    html, [result] = page([ARTICLE])
    failed = result.failed_by_path()
    assert list(failed) == ["reconciled", "rules", "llm"]
    line = (
        f'failed checks: <span class="{"fail" if failed["reconciled"] else "pass"}">'
        f"reconciled {failed['reconciled']}</span>"
    )
    assert line in html
    assert html.index("<th>failed: reconciled</th>") < html.index("<th>failed: rules</th>")
    assert html.index("<th>failed: rules</th>") < html.index("<th>failed: LLM</th>")


def test_a_filter_offers_every_verdict_and_rows_and_highlights_carry_theirs() -> None:
    html, [result] = page([ARTICLE])
    for pair in result.pairs:
        value = pair.verdict.value
        assert f'<input type="checkbox" value="{value}" checked>' in html
        assert f"body.hide-{value} tr[data-verdict={value}]{{display:none}}" in html
        assert re.search(rf'<a class="hl v-{value}[^"]*"[^>]*data-verdict="{value}"', html)
