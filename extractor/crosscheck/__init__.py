"""Stage 3: cross-check the rule and LLM paths and reconcile them into trusted facts."""

from extractor.crosscheck.path import extract_reconciled, run_both
from extractor.crosscheck.run import crosscheck_article
from extractor.crosscheck.types import AlignedPair, ArticleCrosscheck, CheckResult, Verdict

__all__ = [
    "AlignedPair",
    "ArticleCrosscheck",
    "CheckResult",
    "Verdict",
    "crosscheck_article",
    "extract_reconciled",
    "run_both",
]
