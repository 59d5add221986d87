"""The LLM path: openai client, strict schemas, per-fact checks, grounded, cached, recorded."""

from extractor.llm.path import extract_article, extract_by_llm

__all__ = ["extract_article", "extract_by_llm"]
