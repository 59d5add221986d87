"""Rule baseline entry point (work in progress)."""

from __future__ import annotations

from extractor.normalise import looks_masked, normalise
from extractor.types import Article, ArticleResult, Source


def extract_by_rules(article: Article) -> ArticleResult:
    norm = normalise(article.text)
    masked = looks_masked(norm.text)
    return ArticleResult(article=article.name, numbers_masked=masked, facts=[], source=Source.RULES)
