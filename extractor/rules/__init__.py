"""Stage 2a: the deterministic rule baseline (no model)."""

from extractor.rules.extract import extract_by_rules

__all__ = ["extract_by_rules"]
