"""Cross-check one article: align the two paths, check, assess, reconcile."""

from __future__ import annotations

from extractor.crosscheck.align import align, drop_repeats, make_sides
from extractor.crosscheck.assess import attach_checks, is_grounded, score
from extractor.crosscheck.checks import Candidate, run_checks
from extractor.crosscheck.reconcile import decide, reconciled_facts
from extractor.crosscheck.reliability import Votes
from extractor.crosscheck.stated import stated_amount
from extractor.crosscheck.tolerance import tolerance
from extractor.crosscheck.types import (
    LLM_REF_PREFIX,
    RULES_REF_PREFIX,
    AlignedPair,
    ArticleCrosscheck,
    Side,
    Verdict,
)
from extractor.normalise.article import article_text
from extractor.types import Article, ArticleResult, ExtractOptions, Source


def crosscheck_article(
    article: Article,
    rules: ArticleResult,
    llm: ArticleResult,
    votes: Votes | None = None,
    policy: str = "rules-first",
) -> ArticleCrosscheck:
    """Everything the cross-check says about one article, reconciled output included.

    ``votes``: the paths' measured per-key reliability (default: the shipped figures);
    ``policy``: which facts the reconciled output takes (``reconcile.POLICIES``); when the
    LLM failed on the article, rules-first, so its rule facts stay (beside the error); so too
    when it left numbers unanswered (``incomplete``), whose rule facts a policy that wants
    both readings would otherwise drop as if the model had called them no fact.
    """
    errors = [f"{name}: {r.error}" for name, r in (("rules", rules), ("llm", llm)) if r.error]
    warnings = [f"{name}: {w}" for name, r in (("rules", rules), ("llm", llm)) for w in r.warnings]
    if _masked(article, rules, llm, warnings):
        return ArticleCrosscheck(
            article=article.name,
            numbers_masked=True,
            errors=errors,
            warnings=warnings,
            usage=llm.usage,
            reconciled=ArticleResult(
                article=article.name, numbers_masked=True, warnings=errors, usage=llm.usage
            ),
        )
    text = article.text
    rule_sides, notes_r = drop_repeats(make_sides(rules.facts, RULES_REF_PREFIX, text))
    llm_sides, notes_l = drop_repeats(make_sides(llm.facts, LLM_REF_PREFIX, text))
    for side in rule_sides:
        side.grounded = is_grounded(side, Source.RULES)
    for side in llm_sides:
        side.grounded = is_grounded(side, Source.LLM)
    pairs = align(rule_sides, llm_sides)
    checks = run_checks(_candidates(pairs, text))
    attach_checks(pairs, checks)
    for pair in pairs:
        score(pair)
    policy = "rules-first" if llm.error or llm.incomplete else policy  # no reading to agree with
    decide(pairs, checks, votes or Votes.for_options(ExtractOptions()), policy)
    warnings += notes_r + notes_l
    by_path: dict[str, list[Side]] = {
        "reconciled": [s for s in (pair.kept for pair in pairs) if s is not None],
        "rules": [s for s in (pair.rules for pair in pairs) if s is not None],
        "llm": [s for s in (pair.llm for pair in pairs) if s is not None],
    }
    return ArticleCrosscheck(
        article=article.name,
        errors=errors,
        warnings=warnings,
        usage=llm.usage,
        pairs=pairs,
        checks=checks,
        path_checks={
            path: run_checks([_candidate(side, text) for side in sides], prefix=f"{path}-c")
            for path, sides in by_path.items()
        },
        reconciled=ArticleResult(
            article=article.name,
            facts=reconciled_facts(pairs, text),
            warnings=errors if not rules.error else [],
            error=rules.error and f"rules: {rules.error}",  # nothing to anchor the LLM facts
            incomplete=[f"llm: {passage}" for passage in llm.incomplete],
            usage=llm.usage,
        ),
    )


def _masked(
    article: Article, rules: ArticleResult, llm: ArticleResult, warnings: list[str]
) -> bool:
    """Masked when the text looks masked or the rule path says so; the LLM alone is not believed."""
    masked = rules.numbers_masked or article_text(article.text).masked
    if llm.numbers_masked and not masked:
        warnings.append("llm: reports masked numbers, but the text does not look masked")
    if masked and (rules.facts or llm.facts):
        withheld = len(rules.facts) + len(llm.facts)
        warnings.append(f"numbers are masked: {withheld} fact(s) from the paths withheld")
    return masked


def _candidates(pairs: list[AlignedPair], text: str) -> list[Candidate]:
    """What the checks see: rule facts, grounded LLM facts; an agreeing pair once."""
    out: list[Candidate] = []
    for pair in pairs:
        sides = [pair.rules] if pair.verdict is Verdict.AGREE else list(pair.sides())
        for side in sides:
            if side is None or (side.ref.startswith(LLM_REF_PREFIX) and not side.grounded):
                continue
            out.append(_candidate(side, text))
    return out


def _candidate(side: Side, text: str) -> Candidate:
    amount = stated_amount(side.fact, text, side.span)
    return Candidate(side.ref, side.fact, tolerance(side.fact, amount), side.number)
