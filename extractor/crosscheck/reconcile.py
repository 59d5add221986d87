"""Which facts a careful user should take, and in what order.

Policy (one function per verdict): agreeing facts first; in a conflict, the value
written at its evidence span, then the one the checks support, then the rule
path's; rule facts alone unless a failed check singles them out *and* misses by far
(a few percent is the article's own rounding or revision: the stated fact stays, flagged);
LLM facts alone
only when grounded *and* confirmed by a consistency check that also rests on a
rule-backed fact, and never when a check fails. A weak model's facts thus enter
only when the text and the arithmetic both vouch for them.
"""

from __future__ import annotations

from collections.abc import Callable

from extractor.crosscheck.assess import anchored_checks
from extractor.crosscheck.types import (
    AlignedBy,
    AlignedPair,
    CheckResult,
    Side,
    Verdict,
)
from extractor.types import Evidence, Fact

Decision = tuple[Side | None, str]

# A failed check that misses by at most this share of the expected figure points at an
# article that contradicts itself slightly ("chiếm 31,7%" where its own figures give 32,4%),
# not at a misread fact; a misread label misses by far more (a deficit read as a surplus).
SMALL_MISS = 0.10


def _check_record(side: Side) -> int:
    return len(side.checks_passed) - len(side.checks_failed)


def _agree(pair: AlignedPair, _anchored: set[str], _small: set[str]) -> Decision:
    return pair.rules, "both paths agree"


def _conflict(pair: AlignedPair, _anchored: set[str], _small: set[str]) -> Decision:
    rules, llm = pair.rules, pair.llm
    assert rules is not None and llm is not None
    if pair.aligned_by is AlignedBy.EVIDENCE:  # one number, two labellings
        if llm.grounded and _check_record(llm) > max(_check_record(rules), 0):
            return llm, "same number: the LLM labelling is the one the checks support"
        return rules, "same number labelled differently: the rule labelling is kept"
    ranked = sorted(
        (rules, llm),
        key=lambda s: (s.grounded, _check_record(s), s is rules),
        reverse=True,
    )
    winner = ranked[0]
    if winner is llm and not llm.grounded:
        winner = rules
    why = "value written at its evidence span" if winner.grounded else "rule value kept"
    if winner.grounded and ranked[1].grounded:
        why = "both values written; the checks or the rule path decide"
    return winner, why


def _rules_only(pair: AlignedPair, _anchored: set[str], small_misses: set[str]) -> Decision:
    side = pair.rules
    assert side is not None
    if side.blamed and not set(side.checks_failed) <= small_misses:
        return None, "a failed check points at this fact alone"
    if side.blamed:
        return (
            side,
            "stated in the text; a check misses slightly: the article may contradict itself",
        )
    return side, "rule fact, no check against it"


def _llm_only(pair: AlignedPair, anchored: set[str], _small: set[str]) -> Decision:
    side = pair.llm
    assert side is not None
    if not side.grounded:
        return None, "LLM fact not grounded in the text"
    if side.checks_failed:
        return None, "LLM fact fails a consistency check"
    if not any(check_id in anchored for check_id in side.checks_passed):
        return None, "LLM fact not confirmed by a check on rule-backed facts"
    return side, "grounded LLM fact confirmed by a consistency check"


DECIDE: dict[Verdict, Callable[[AlignedPair, set[str], set[str]], Decision]] = {
    Verdict.AGREE: _agree,
    Verdict.CONFLICT: _conflict,
    Verdict.RULES_ONLY: _rules_only,
    Verdict.LLM_ONLY: _llm_only,
}
TIER: dict[Verdict, int] = {
    Verdict.AGREE: 0,
    Verdict.CONFLICT: 1,
    Verdict.RULES_ONLY: 2,
    Verdict.LLM_ONLY: 3,
}


def small_misses(checks: list[CheckResult]) -> set[str]:
    """Failed checks whose figures disagree by at most SMALL_MISS of the expected one."""
    return {
        check.id
        for check in checks
        if not check.passed and abs(check.difference) <= SMALL_MISS * abs(check.expected)
    }


def decide(pairs: list[AlignedPair], checks: list[CheckResult]) -> None:
    """Mark the side of each pair that goes into the reconciled output."""
    anchored = anchored_checks(checks)
    small = small_misses(checks)
    for pair in pairs:
        kept, why = DECIDE[pair.verdict](pair, anchored, small)
        for side in pair.sides():
            side.kept = side is kept
            side.reasons.append(("kept: " if side is kept else "left out: ") + why)


def reconciled_facts(pairs: list[AlignedPair], text: str) -> list[Fact]:
    """The kept facts, agreeing ones first, each with its evidence offsets filled in."""
    chosen = sorted(
        (pair for pair in pairs if pair.kept is not None), key=lambda p: TIER[p.verdict]
    )
    return [_as_kept(pair, pair.kept, text) for pair in chosen if pair.kept is not None]


def _as_kept(pair: AlignedPair, side: Side, text: str) -> Fact:
    """The kept side's fact with its verdict, confidence, reasons and evidence offsets."""
    update: dict[str, object] = {
        "verdict": pair.verdict,
        "confidence": side.confidence,
        "reasons": list(side.reasons),
    }
    if side.fact.evidence is None and side.span is not None:
        start, end = side.span
        update["evidence"] = Evidence(quote=text[start:end], start=start, end=end)
    return side.fact.model_copy(update=update)
