"""The LLM extraction path: openai + instructor, validated, grounded, cached, recorded."""

from extractor.llm.path import extract_article, extract_by_llm

__all__ = ["extract_article", "extract_by_llm"]
