"""Which facts a careful user should take, and in what order.

Policy (one function per verdict): agreeing facts first; in a conflict, the value
written at its evidence span, then the one the checks support, then the rule
path's; one number labelled differently by the two paths: the labelling the checks
support, else the one the paths' measured per-key reliability favours (see
``reliability``); rule facts alone unless a failed check singles them out *and*
misses by far (a few percent is the article's own rounding or revision: the stated
fact stays, flagged); LLM facts alone only when grounded *and* confirmed by a
consistency check that also rests on a rule-backed fact, and never when a check
fails. A weak model's facts thus enter only when the text and the arithmetic both
vouch for them.

That is the "rules-first" policy. With a capable model the two paths are two readers of
the same numbers, and where they differ neither is the safer bet: the "agreed" policy
takes only the facts both read alike (measured with a careful reader answering the
anchored requests of 40 real development pages: the agreeing facts right 91% of the
time, the rule side of a conflict 16%, a rule fact the reader called no fact 0%). Of the
conflicts on one number (80 pages), those that differ only in the partner or the item
named are the reader's more often than not (partner 24 of 40 right, the rules' 0; item 45
of 62, the rules' 22); in flow or period neither is (14 and 7 right of 27 and 20): the
"agreed-names" policy takes the model's reading of those two as well. Once the options held
the article's other periods and items too, the model's side of a conflict on one number
was right 147 times of 233 (the rules' 8) on 100 pages: the "agreed-numbers" policy takes
every number both paths call a fact, labelled as the model reads it (P 0.864 R 0.854
there, against agreed-names' P 0.891 R 0.798); a number only one path calls a fact stays
out (the model's alone were right 133 of 202 times, the rules' alone 2 of 37).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from extractor.crosscheck.assess import anchored_checks
from extractor.crosscheck.reliability import Votes, model_name
from extractor.crosscheck.types import (
    AlignedBy,
    AlignedPair,
    CheckResult,
    Side,
    Verdict,
)
from extractor.types import Evidence, ExtractOptions, Fact, Source

Decision = tuple[Side | None, str]

# A failed check that misses by at most this share of the expected figure points at an
# article that contradicts itself slightly ("chiếm 31,7%" where its own figures give 32,4%),
# not at a misread fact; a misread label misses by far more (a deficit read as a surplus).
SMALL_MISS = 0.10


@dataclass(frozen=True)
class Context:
    """What every decision may consult besides its own pair."""

    anchored: set[str] = field(default_factory=set)  # passing checks resting on a rule fact
    small: set[str] = field(default_factory=set)  # failed checks that miss by little
    votes: Votes = field(default_factory=Votes)  # measured per-key reliability of the paths


def _check_record(side: Side) -> int:
    return len(side.checks_passed) - len(side.checks_failed)


def _agree(pair: AlignedPair, _ctx: Context) -> Decision:
    return pair.rules, "both paths agree"


def _conflict(pair: AlignedPair, ctx: Context) -> Decision:
    rules, llm = pair.rules, pair.llm
    assert rules is not None and llm is not None
    if pair.aligned_by is AlignedBy.ANCHOR:  # one number, two labellings
        if llm.grounded and _check_record(llm) > max(_check_record(rules), 0):
            return llm, "same number: the LLM labelling is the one the checks support"
        favoured, why = ctx.votes.tally(pair.differing)
        if favoured is Source.LLM and not llm.grounded:
            return rules, f"same number: {why}, but the LLM fact is not grounded"
        return (llm if favoured is Source.LLM else rules), f"same number: {why}"
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


def _rules_only(pair: AlignedPair, ctx: Context) -> Decision:
    side = pair.rules
    assert side is not None
    if side.blamed and not set(side.checks_failed) <= ctx.small:
        return None, "a failed check points at this fact alone"
    if side.blamed:
        return (
            side,
            "stated in the text; a check misses slightly: the article may contradict itself",
        )
    return side, "rule fact, no check against it"


def _llm_only(pair: AlignedPair, ctx: Context) -> Decision:
    side = pair.llm
    assert side is not None
    if not side.grounded:
        return None, "LLM fact not grounded in the text"
    if side.checks_failed:
        return None, "LLM fact fails a consistency check"
    if not any(check_id in ctx.anchored for check_id in side.checks_passed):
        return None, "LLM fact not confirmed by a check on rule-backed facts"
    return side, "grounded LLM fact confirmed by a consistency check"


Policy = dict[Verdict, Callable[[AlignedPair, Context], Decision]]
DECIDE: Policy = {
    Verdict.AGREE: _agree,
    Verdict.CONFLICT: _conflict,
    Verdict.RULES_ONLY: _rules_only,
    Verdict.LLM_ONLY: _llm_only,
}


def _disputed(_pair: AlignedPair, _ctx: Context) -> Decision:
    return None, "the two paths read this number differently"


def _unconfirmed(_pair: AlignedPair, _ctx: Context) -> Decision:
    return None, "only one path reads this fact"


NAMES = frozenset({"partner", "item"})  # what a number is about, as the text names it


def _model_where(takes: Callable[[list[str]], bool]) -> Callable[[AlignedPair, Context], Decision]:
    """A conflict on one number the model read from the text: its reading where ``takes``
    the keys the two readings differ in, else disputed."""

    def by_model(pair: AlignedPair, ctx: Context) -> Decision:
        llm = pair.llm
        one_number = pair.aligned_by is AlignedBy.ANCHOR and llm is not None and llm.grounded
        if one_number and pair.differing and takes(pair.differing):
            return llm, f"same number, another {' and '.join(pair.differing)}: the model's"
        return _disputed(pair, ctx)

    return by_model


# read alike but for the partner or item the number is about
_names_by_model = _model_where(lambda differing: set(differing) <= NAMES)
# both call it a fact, whatever they label otherwise (not its value)
_labels_by_model = _model_where(lambda differing: "value" not in differing)


# only what both read alike: one path's fact alone (rules_only, llm_only) is unconfirmed
AGREED: Policy = {
    **dict.fromkeys(Verdict, _unconfirmed),
    Verdict.AGREE: _agree,
    Verdict.CONFLICT: _disputed,
}


# as agreed, and where the paths name another partner or item for one number, the model's
AGREED_NAMES: Policy = {**AGREED, Verdict.CONFLICT: _names_by_model}
# the numbers both paths take for facts, each labelled as the model reads it
AGREED_NUMBERS: Policy = {**AGREED, Verdict.CONFLICT: _labels_by_model}
POLICIES: dict[str, Policy] = {
    "rules-first": DECIDE,
    "agreed": AGREED,
    "agreed-names": AGREED_NAMES,
    "agreed-numbers": AGREED_NUMBERS,
}


def chosen_policy(options: ExtractOptions) -> str:
    """The policy ``options`` ask for; "auto" is "agreed-numbers" with a hosted model (a
    capable reader) and "rules-first" with the bundled small model or its replayed answers."""
    if options.reconcile != "auto":
        return options.reconcile
    return "rules-first" if model_name(options.llm) == "local" else "agreed-numbers"


def judged_by(options: ExtractOptions) -> tuple[Votes, str]:
    """What the cross-check decides by for ``options``: the paths' measured per-key
    reliability and the policy (``crosscheck_article``'s last two arguments)."""
    return Votes.for_options(options), chosen_policy(options)


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


def decide(
    pairs: list[AlignedPair],
    checks: list[CheckResult],
    votes: Votes | None = None,
    policy: str = "rules-first",
) -> None:
    """Mark the side of each pair that goes into the reconciled output (``POLICIES``)."""
    ctx = Context(anchored_checks(checks), small_misses(checks), votes or Votes())
    table = POLICIES[policy]
    for pair in pairs:
        kept, why = table[pair.verdict](pair, ctx)
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
