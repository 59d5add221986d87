"""Per-fact trust: grounding, agreement and checks turned into reasons and a confidence.

The confidence is a base for how the two paths relate (agreement is the strongest
sign, a weak LLM alone the weakest) moved by named signals. The weights are data,
so the report can say which signals made a number.
"""

from __future__ import annotations

from collections.abc import Callable

from extractor.crosscheck.types import (
    RULES_REF_PREFIX,
    AlignedPair,
    CheckResult,
    Side,
    Verdict,
)
from extractor.types import Grounding, Source

BASE: dict[tuple[Verdict, Source], float] = {
    (Verdict.AGREE, Source.RULES): 0.8,
    (Verdict.AGREE, Source.LLM): 0.8,
    (Verdict.CONFLICT, Source.RULES): 0.45,
    (Verdict.CONFLICT, Source.LLM): 0.3,
    (Verdict.RULES_ONLY, Source.RULES): 0.6,
    (Verdict.LLM_ONLY, Source.LLM): 0.2,
}

# (reason, applies to a side, change of confidence)
SIGNALS: tuple[tuple[str, Callable[[Side], bool], float], ...] = (
    ("value written at its evidence span", lambda s: s.grounded, +0.1),
    ("value not found at its evidence span", lambda s: not s.grounded, -0.3),
    ("a consistency check holds", lambda s: bool(s.checks_passed), +0.1),
    (
        "a consistency check fails, none holds",
        lambda s: bool(s.checks_failed) and not s.checks_passed,
        -0.2,
    ),
    ("the only unconfirmed fact of a failed check", lambda s: s.blamed, -0.2),
)


def is_grounded(side: Side, source: Source) -> bool:
    """Written at its span; for an LLM fact the grounding stage must not object either."""
    if source is Source.LLM:
        return side.stated and side.fact.grounding in (None, Grounding.GROUNDED)
    return side.stated


def attach_checks(pairs: list[AlignedPair], checks: list[CheckResult]) -> None:
    """Give each side the checks it takes part in, and blame lone unconfirmed facts."""
    owner = {side.ref: pair for pair in pairs for side in pair.sides()}
    for check in checks:
        for ref in check.refs:
            for side in _sides_of(owner[ref], ref):
                if check.passed and check.corroborates:
                    side.checks_passed.append(check.id)
                elif not check.passed:
                    side.checks_failed.append(check.id)
    anchored = anchored_checks(checks)
    confirmed = {
        side.ref
        for pair in pairs
        for side in pair.sides()
        if pair.verdict is Verdict.AGREE or anchored.intersection(side.checks_passed)
    }
    for check in (c for c in checks if not c.passed):
        unconfirmed = [ref for ref in check.refs if ref not in confirmed]
        if len(unconfirmed) == 1:
            for side in _sides_of(owner[unconfirmed[0]], unconfirmed[0]):
                side.blamed = True


def anchored_checks(checks: list[CheckResult]) -> set[str]:
    """Passing equalities that rest on at least one rule-backed fact: LLM facts that only
    add up among themselves confirm nothing (a weak model's misreadings can add up)."""
    return {
        check.id
        for check in checks
        if check.passed
        and check.corroborates
        and any(ref.startswith(RULES_REF_PREFIX) for ref in check.refs)
    }


def _sides_of(pair: AlignedPair, ref: str) -> list[Side]:
    """An agreeing pair is offered to the checks once (by its rule fact): credit both sides."""
    if pair.verdict is Verdict.AGREE:
        return pair.sides()
    return [side for side in pair.sides() if side.ref == ref]


def score(pair: AlignedPair) -> None:
    """Set each side's confidence and the reasons behind it."""
    for side, source in ((pair.rules, Source.RULES), (pair.llm, Source.LLM)):
        if side is None:
            continue
        confidence = BASE[(pair.verdict, source)]
        reasons = [f"{pair.verdict.value}"]
        for reason, applies, delta in SIGNALS:
            if applies(side):
                confidence += delta
                reasons.append(reason)
        side.confidence = round(min(1.0, max(0.0, confidence)), 2)
        side.reasons = reasons
