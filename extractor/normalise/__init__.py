"""Stage 1: make article text comparable (NFC, segmentation, HTML) and spot masked corpora."""

from extractor.normalise.article import ArticleText, article_text
from extractor.normalise.masked import looks_masked
from extractor.normalise.text import NormalisedText, fold, normalise

__all__ = ["ArticleText", "NormalisedText", "article_text", "fold", "looks_masked", "normalise"]
