"""Result types of the cross-check: aligned pairs, consistency checks, per-fact trust.

Kept apart from ``extractor.types`` (the contract between extraction paths): these
types describe a *comparison* of two paths' results, not a path's result.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from extractor.types import ArticleResult, Fact, Usage, Verdict

# A fact is referred to as prefix + number: R3 is the rule path's fact 3, L3 the LLM's.
RULES_REF_PREFIX = "R"
LLM_REF_PREFIX = "L"
# The outputs whose facts are checked on their own, in the order a report shows them.
CHECKED_PATHS: tuple[str, ...] = ("reconciled", "rules", "llm")


class AlignedBy(StrEnum):
    KEYS = "keys"  # every key equal (items as the eval spec compares them)
    ANCHOR = "anchor"  # both facts rest on the same written number (find_amounts in evidence)
    NONE = "none"  # found by one path only


class Side(BaseModel):
    """One path's fact in an aligned pair, with what the cross-check found about it."""

    ref: str  # "R3": the 4th rule fact; "L0": the 1st LLM fact
    fact: Fact
    span: tuple[int, int] | None = None  # evidence span in the original text, if located
    stated: bool = False  # the value is written at that span
    number: tuple[int, int] | None = None  # where that written number stands
    grounded: bool = False  # stated, and (LLM) the grounding stage agrees
    checks_passed: list[str] = Field(default_factory=list)  # check ids
    checks_failed: list[str] = Field(default_factory=list)
    blamed: bool = False  # the one uncorroborated fact of a failed check
    confidence: float = 0.0
    kept: bool = False  # taken into the reconciled output
    reasons: list[str] = Field(default_factory=list)


class AlignedPair(BaseModel):
    """A fact as both paths see it, side by side (one side empty when only one found it)."""

    id: str
    verdict: Verdict
    aligned_by: AlignedBy
    differing: list[str] = Field(default_factory=list)  # keys (or "value") that disagree
    rules: Side | None = None
    llm: Side | None = None

    def sides(self) -> list[Side]:
        return [side for side in (self.rules, self.llm) if side is not None]

    @property
    def confidence(self) -> float:
        kept = [side.confidence for side in self.sides() if side.kept]
        return max(kept) if kept else max(side.confidence for side in self.sides())

    @property
    def kept(self) -> Side | None:
        return next((side for side in self.sides() if side.kept), None)


class CheckResult(BaseModel):
    """One consistency check applied to some facts of one article."""

    id: str
    name: str
    rule: str  # the relation checked, in words
    passed: bool
    refs: list[str]  # the facts it rests on
    arithmetic: str  # the computation, readable by a person
    expected: float
    stated: float
    difference: float
    tolerance: float
    corroborates: bool = True  # an equality that, when it holds, vouches for its facts


class ArticleCrosscheck(BaseModel):
    """Everything the cross-check says about one article."""

    article: str
    numbers_masked: bool = False
    errors: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    usage: Usage | None = None  # tokens the LLM path spent
    pairs: list[AlignedPair] = Field(default_factory=list)
    checks: list[CheckResult] = Field(default_factory=list)  # over both paths: decide
    # the same checks over one path's facts alone: whose facts break a check
    path_checks: dict[str, list[CheckResult]] = Field(default_factory=dict)
    reconciled: ArticleResult

    def counts(self) -> dict[str, int]:
        counts = {verdict.value: 0 for verdict in Verdict}
        for pair in self.pairs:
            counts[pair.verdict.value] += 1
        return counts

    @property
    def failed_checks(self) -> list[CheckResult]:
        return [check for check in self.checks if not check.passed]

    def failed_by_path(self) -> dict[str, int]:
        """Failed checks per path, reconciled first."""
        return {
            path: sum(not check.passed for check in self.path_checks.get(path, []))
            for path in CHECKED_PATHS
        }


class RunSummary(BaseModel):
    """Totals over one run of the cross-check."""

    articles: int = 0
    masked: int = 0
    errors: int = 0
    verdicts: dict[str, int] = Field(default_factory=dict)
    checks_passed: int = 0
    checks_failed: int = 0
    checks_failed_by_path: dict[str, int] = Field(default_factory=dict)  # reconciled first
    rules_facts: int = 0
    llm_facts: int = 0
    reconciled_facts: int = 0
    tokens: int = 0
    requests: int = 0
    cached: int = 0  # model answers taken from the answer cache
