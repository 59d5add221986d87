"""Reconciliation: the facts a careful user should take, built from both paths.

All figures are those of the real article samples/003 (first half of 2025).
The LLM is a weak model: its facts enter only when grounded and confirmed by a
consistency check that rests on a rule-backed fact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extractor.crosscheck import crosscheck_article, extract_reconciled
from extractor.crosscheck.path import BASES
from extractor.crosscheck.reliability import PathReliability, Reliability, Votes
from extractor.crosscheck.stated import find_quote
from extractor.crosscheck.types import ArticleCrosscheck, Verdict
from extractor.paths import PATHS
from extractor.types import (
    Article,
    ArticleResult,
    Evidence,
    ExtractOptions,
    Fact,
    Grounding,
    Source,
    Usage,
)

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
ARTICLE = Article(
    name="003_8daf333cb5e73b3d.txt",
    text=(SAMPLES / "003_8daf333cb5e73b3d.txt").read_text(encoding="utf-8"),
)
MASKED = Article(
    name="000_78b8f9d05d1a4fcc.txt",
    text=(SAMPLES / "000_78b8f9d05d1a4fcc.txt").read_text(encoding="utf-8"),
)
H1 = {"year": 2025, "start_month": 1, "end_month": 6}
EXPORT_Q = "kim ngạch xuất khẩu hàng hóa đạt 219,83 tỷ USD"
IMPORT_Q = "kim ngạch nhập khẩu hàng hóa đạt 212,2 tỷ USD"
TOTAL_Q = "tổng kim ngạch xuất, nhập khẩu hàng hóa đạt 432,03 tỷ USD"
BALANCE_Q = "cán cân thương mại hàng hóa xuất siêu 7,63 tỷ USD"
SERVICES_BALANCE_Q = "Cán cân thương mại dịch vụ 6 tháng đầu năm 2025 nhập siêu 4,71 tỷ USD"


def at(
    quote: str,
    source: Source = Source.RULES,
    grounded: bool = True,
    article: Article = ARTICLE,
    **keys: Any,
) -> Fact:
    span = find_quote(quote, article.text)
    assert span is not None, quote
    keys.setdefault("period", H1)
    keys.setdefault("metric", "value")
    grounding = None
    if source is Source.LLM:
        grounding = Grounding.GROUNDED if grounded else Grounding.VALUE_NOT_IN_TEXT
    return Fact(
        quote=quote,
        evidence=Evidence(quote=article.text[span[0] : span[1]], start=span[0], end=span[1]),
        source=source,
        grounding=grounding,
        **keys,
    )


def export(source: Source = Source.RULES, **kw: Any) -> Fact:
    kw.setdefault("value", 219.83e9)
    return at(EXPORT_Q, source, flow="export", **kw)


def imports(source: Source = Source.RULES, **kw: Any) -> Fact:
    return at(IMPORT_Q, source, flow="import", value=212.2e9, **kw)


def total(source: Source = Source.LLM, **kw: Any) -> Fact:
    return at(TOTAL_Q, source, flow="total", value=432.03e9, **kw)


def run(
    rules: list[Fact],
    llm: list[Fact],
    article: Article = ARTICLE,
    votes: Votes | None = None,
    policy: str = "rules-first",
) -> ArticleCrosscheck:
    return crosscheck_article(
        article,
        ArticleResult(article=article.name, facts=rules, source=Source.RULES),
        ArticleResult(article=article.name, facts=llm, source=Source.LLM, usage=Usage()),
        votes,
        policy,
    )


def votes(rules: dict[str, float], llm: dict[str, float]) -> Votes:
    """Measured per-key reliability of both paths (the LLM: the bundled model, anchored)."""
    entry = lambda keys: PathReliability(gold=100, reported=100, keys=keys)  # noqa: E731
    return Votes(Reliability(paths={"rules": entry(rules), "llm/anchored/local": entry(llm)}))


def values(result: ArticleCrosscheck) -> list[tuple[str, float]]:
    return [(f.flow.value, f.value) for f in result.reconciled.facts]


def test_agreeing_facts_are_taken_first_with_high_confidence() -> None:
    result = run([imports(), export()], [export(Source.LLM)])
    assert values(result) == [("export", 219.83e9), ("import", 212.2e9)]
    agree = next(p for p in result.pairs if p.verdict is Verdict.AGREE)
    assert agree.confidence >= 0.9 and agree.kept is agree.rules


def test_in_a_value_conflict_the_value_written_at_the_evidence_wins() -> None:
    slip = export(value=21.983e9)  # a slip of scale: not what the text says
    result = run([slip], [export(Source.LLM)])
    [pair] = result.pairs
    assert pair.verdict is Verdict.CONFLICT and pair.kept is pair.llm
    assert values(result) == [("export", 219.83e9)]
    assert pair.rules.confidence < pair.llm.confidence


def test_in_a_conflict_an_ungrounded_llm_value_never_wins() -> None:
    result = run([export(value=21.983e9)], [export(Source.LLM, grounded=False)])
    [pair] = result.pairs
    assert pair.kept is pair.rules


def test_a_grounded_llm_fact_confirmed_by_a_check_on_rule_facts_is_taken() -> None:
    result = run([export(), imports()], [total()])
    llm_only = next(p for p in result.pairs if p.verdict is Verdict.LLM_ONLY)
    assert llm_only.kept is llm_only.llm
    assert ("total", 432.03e9) in values(result)
    assert [c.name for c in result.checks if c.passed] == ["total"]


def test_a_grounded_llm_fact_with_nothing_to_confirm_it_is_left_out() -> None:
    result = run([export()], [total()])
    assert values(result) == [("export", 219.83e9)]
    [llm_only] = [p for p in result.pairs if p.verdict is Verdict.LLM_ONLY]
    assert "not confirmed" in llm_only.llm.reasons[-1]


def test_an_ungrounded_llm_fact_never_enters_even_when_the_sum_works() -> None:
    result = run([export(), imports()], [total(grounded=False)])
    assert ("total", 432.03e9) not in values(result)


def test_an_llm_fact_failing_a_check_is_left_out() -> None:
    # the June total ("76,15 tỷ USD") read as the half-year total
    june_total = at("đạt 76,15 tỷ USD", Source.LLM, flow="total", value=76.15e9)
    result = run([export(), imports()], [june_total])
    assert [c.passed for c in result.checks if c.name == "total"] == [False]
    assert ("total", 76.15e9) not in values(result)


def test_a_rule_fact_singled_out_by_a_failed_check_is_dropped() -> None:
    # the rules read the services deficit as the goods balance; exports and imports agree
    wrong = at(SERVICES_BALANCE_Q, flow="balance", value=-4.71e9)
    result = run([export(), imports(), wrong], [export(Source.LLM), imports(Source.LLM)])
    [failed] = result.failed_checks
    assert failed.name == "balance" and "stated balance -4.71 bn USD" in failed.arithmetic
    dropped = next(p for p in result.pairs if p.verdict is Verdict.RULES_ONLY)
    assert dropped.rules.blamed and dropped.kept is None
    assert values(result) == [("export", 219.83e9), ("import", 212.2e9)]


def test_llm_facts_adding_up_among_themselves_cannot_topple_a_rule_fact() -> None:
    # the weak model read June's total "76,15 tỷ USD" as the half-year exports and a count
    # ("33 mặt hàng ... trên 1 tỷ USD") as 33 USD of imports; the two "add up" with a third
    # misreading, and the half-year "exports" of 76.15 bn then contradict the rules' Q2
    quarter = at(
        "Trong quý 2/2025, kim ngạch xuất khẩu đạt 116,93 tỷ USD",
        flow="export",
        value=116.93e9,
        period={"year": 2025, "start_month": 4, "end_month": 6},
    )
    june_total_q = "kim ngạch xuất, nhập khẩu hàng hóa đạt 76,15 tỷ USD"
    as_exports = at(june_total_q, Source.LLM, flow="export", value=76.15e9)
    as_total = at(june_total_q, Source.LLM, flow="total", value=76.15e9)
    count = at(
        "33 mặt hàng nhập khẩu đạt trị giá trên 1 tỷ USD", Source.LLM, flow="import", value=33
    )
    result = run([quarter], [as_exports, as_total, count])
    assert ("export", 116.93e9) in values(result)
    kept_rules = next(p for p in result.pairs if p.rules is not None)
    assert not kept_rules.rules.blamed


def test_a_rule_fact_in_a_failed_check_with_no_single_culprit_is_kept() -> None:
    wrong = at(SERVICES_BALANCE_Q, flow="balance", value=-4.71e9)
    result = run([export(), imports(), wrong], [])
    assert len(values(result)) == 3


JUNE = {"year": 2025, "start_month": 6, "end_month": 6}


def test_same_number_labelled_differently_keeps_the_rule_labelling() -> None:
    result = run([export()], [export(Source.LLM, period=JUNE)])
    [pair] = result.pairs
    assert pair.verdict is Verdict.CONFLICT and pair.kept is pair.rules
    assert pair.differing == ["period"]


def test_the_labelling_of_the_path_more_reliable_on_the_differing_keys_wins() -> None:
    measured = votes({"period": 0.7, "flow": 0.99}, {"period": 0.95, "flow": 0.6})
    [pair] = run([export()], [export(Source.LLM, period=JUNE)], votes=measured).pairs
    assert pair.kept is pair.llm
    reason = pair.llm.reasons[-1]
    assert "measured reliability" in reason and "period 0.70/0.95" in reason


def test_votes_add_up_over_the_differing_keys_and_ties_keep_the_rule_labelling() -> None:
    measured = votes({"period": 0.7, "flow": 0.99}, {"period": 0.95, "flow": 0.6})
    llm = export(Source.LLM, period=JUNE, sector="fdi")  # period 0.95 + sector – vs 0.7 + –
    [pair] = run([export()], [llm], votes=measured).pairs
    assert pair.kept is pair.llm
    tie = votes({"period": 0.9}, {"period": 0.9})
    [pair] = run([export()], [export(Source.LLM, period=JUNE)], votes=tie).pairs
    assert pair.kept is pair.rules
    assert "favours the rules labelling" in pair.rules.reasons[-1]


def test_an_unmeasured_path_has_no_weight() -> None:
    only_rules = Votes(Reliability(paths={"rules": PathReliability(gold=1, reported=1, keys={})}))
    [pair] = run([export()], [export(Source.LLM, period=JUNE)], votes=only_rules).pairs
    assert pair.kept is pair.rules
    assert "period –/–" in pair.rules.reasons[-1]


def test_an_ungrounded_llm_labelling_never_wins_the_vote() -> None:
    measured = votes({"period": 0.1}, {"period": 0.99})
    llm = export(Source.LLM, period=JUNE).model_copy(update={"grounding": "value_not_in_text"})
    [pair] = run([export()], [llm], votes=measured).pairs
    assert pair.kept is pair.rules


def test_reconciled_facts_carry_evidence_offsets_into_the_original_text() -> None:
    llm_total = total().model_copy(update={"evidence": None})
    result = run([export(), imports()], [llm_total])
    for fact in result.reconciled.facts:
        assert fact.evidence is not None
        assert ARTICLE.text[fact.evidence.start : fact.evidence.end] == fact.evidence.quote


def test_each_reconciled_fact_says_how_far_to_trust_it() -> None:
    result = run([export(), imports()], [export(Source.LLM), total()])
    by_flow = {f.flow.value: f for f in result.reconciled.facts}
    agreed, confirmed = by_flow["export"], by_flow["total"]
    assert agreed.verdict is Verdict.AGREE and confirmed.verdict is Verdict.LLM_ONLY
    assert agreed.confidence is not None and confirmed.confidence is not None
    assert agreed.confidence > confirmed.confidence
    assert confirmed.reasons and confirmed.reasons[-1].startswith("kept: ")
    assert by_flow["import"].verdict is Verdict.RULES_ONLY


def test_the_single_paths_leave_trust_unset() -> None:
    assert (export().verdict, export().confidence, export().reasons) == (None, None, None)


def test_a_masked_article_is_reported_masked_with_no_values() -> None:
    placeholder = Fact(flow="export", metric="value", value=1e9, period=H1)
    result = run([], [placeholder], MASKED)
    assert result.numbers_masked and result.pairs == [] and result.checks == []
    assert result.reconciled.numbers_masked and result.reconciled.facts == []
    assert any("masked" in w for w in result.warnings)


def test_an_llm_claim_of_masking_is_not_believed_on_a_real_article() -> None:
    result = crosscheck_article(
        ARTICLE,
        ArticleResult(article=ARTICLE.name, facts=[export()]),
        ArticleResult(article=ARTICLE.name, numbers_masked=True),
    )
    assert not result.numbers_masked and len(result.reconciled.facts) == 1


def test_an_llm_failure_leaves_the_rule_facts() -> None:
    result = crosscheck_article(
        ARTICLE,
        ArticleResult(article=ARTICLE.name, facts=[export()]),
        ArticleResult(article=ARTICLE.name, error="timeout"),
    )
    assert result.errors == ["llm: timeout"] and result.reconciled.error is None
    assert values(result) == [("export", 219.83e9)]


def test_the_reconciled_path_runs_both_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(
        BASES, "rules", lambda a, _o: ArticleResult(article=a.name, facts=[export(), imports()])
    )
    monkeypatch.setitem(
        BASES,
        "llm",
        lambda a, _o: ArticleResult(article=a.name, facts=[total()], usage=Usage(requests=1)),
    )
    result = PATHS["reconciled"](ARTICLE, ExtractOptions())
    assert result is not None and len(result.facts) == 3
    assert extract_reconciled(ARTICLE, ExtractOptions()).usage == Usage(requests=1)


def test_the_reconciled_path_survives_a_path_that_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_article: Article, _options: ExtractOptions) -> ArticleResult:
        raise ConnectionError("model server down")

    monkeypatch.setitem(
        BASES, "rules", lambda a, _o: ArticleResult(article=a.name, facts=[export()])
    )
    monkeypatch.setitem(BASES, "llm", broken)
    result = extract_reconciled(ARTICLE, ExtractOptions())
    assert len(result.facts) == 1
    assert result.warnings == ["llm: ConnectionError: model server down"]


def test_given_results_are_combined_not_run_again(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(_article: Article, _options: ExtractOptions) -> ArticleResult:
        raise AssertionError("a given path ran again")

    monkeypatch.setitem(BASES, "rules", never)
    monkeypatch.setitem(BASES, "llm", lambda a, _o: ArticleResult(article=a.name, facts=[total()]))
    given = {"rules": ArticleResult(article=ARTICLE.name, facts=[export(), imports()])}
    result = extract_reconciled(ARTICLE, ExtractOptions(), given)
    assert len(result.facts) == 3


def test_a_stated_fact_with_a_slightly_failing_check_stays_flagged() -> None:
    # samples/001: "chiếm 31,7% tỷ trọng nhập khẩu" while its own figures give 32,4%: the
    # article contradicts itself a little; the stated share is what it says, so it stays
    jan_article = Article(
        name="001_791fcfb07cf1515f.txt",
        text=(SAMPLES / "001_791fcfb07cf1515f.txt").read_text(encoding="utf-8"),
    )
    item = "máy vi tính, sản phẩm điện tử và linh kiện"
    jan = {"year": 2025, "start_month": 1, "end_month": 1}

    def fact(quote: str, source: Source = Source.RULES, **keys: Any) -> Fact:
        return at(quote, source, article=jan_article, flow="import", period=jan, **keys)

    whole = ("ghi nhận đạt 30,06 tỷ USD", {"value": 30.06e9})
    part = ("trong tháng 1/2025 đạt 9,73 tỷ USD", {"item": item, "value": 9.73e9})
    rules = [fact(q, **k) for q, k in (whole, part)]
    rules.append(fact("chiếm 31,7%", item=item, metric="share_pct", value=31.7))
    llm = [fact(q, Source.LLM, **k) for q, k in (whole, part)]
    result = run(rules, llm, jan_article)
    [failed] = result.failed_checks
    assert failed.name == "share"
    kept = next(p for p in result.pairs if p.verdict is Verdict.RULES_ONLY)
    assert kept.kept is kept.rules and "contradict" in kept.rules.reasons[-1]
    assert ("import", 31.7) in values(result)


def test_agreed_takes_only_the_facts_both_paths_read_alike() -> None:
    # the same pairs under rules-first keep every rule fact (see the tests above)
    rules = [export(), imports(), at(BALANCE_Q, flow="balance", value=7.63e9)]
    llm = [export(Source.LLM), imports(Source.LLM, period=JUNE), total()]
    result = run(rules, llm, policy="agreed")
    assert values(result) == [("export", 219.83e9)]
    verdicts = {p.verdict: p for p in result.pairs}
    assert set(verdicts) == {Verdict.AGREE, Verdict.CONFLICT, Verdict.RULES_ONLY, Verdict.LLM_ONLY}
    conflict = verdicts[Verdict.CONFLICT]
    assert conflict.kept is None
    assert conflict.rules.reasons[-1] == "left out: the two paths read this number differently"
    assert verdicts[Verdict.RULES_ONLY].kept is None
    assert verdicts[Verdict.LLM_ONLY].kept is None
    # rules-first: every rule fact, and the LLM's total that the rule figures add up to
    assert values(run(rules, llm)) == [
        ("export", 219.83e9),
        ("import", 212.2e9),
        ("balance", 7.63e9),
        ("total", 432.03e9),
    ]


def test_the_options_name_every_policy_the_cross_check_has() -> None:
    from typing import get_args

    from extractor.crosscheck.reconcile import POLICIES

    choices = get_args(ExtractOptions.model_fields["reconcile"].annotation)
    assert set(choices) == {"auto", *POLICIES}
    assert ExtractOptions().reconcile == "auto"


def test_auto_is_agreed_numbers_with_a_hosted_model_and_rules_first_with_the_bundled_one() -> None:
    from extractor.crosscheck.reconcile import chosen_policy

    def chosen(**options: Any) -> str:
        return chosen_policy(ExtractOptions(**options))

    assert chosen(llm="openai:gpt-4o") == "agreed-numbers"
    assert chosen(llm="openai:qwen", base_url="http://127.0.0.1:8000/v1") == "agreed-numbers"
    assert chosen(llm="local") == chosen(llm="replay") == chosen() == "rules-first"
    assert chosen(llm="openai:gpt-4o", reconcile="rules-first") == "rules-first"
    assert chosen(llm="replay", reconcile="agreed-names") == "agreed-names"


def test_agreed_names_takes_the_models_partner_or_item_for_one_number_but_no_other_key() -> None:
    rules = [export(partner="US"), imports(item="xăng dầu")]
    llm = [export(Source.LLM, partner="CN"), imports(Source.LLM, item="than", period=JUNE)]
    result = run(rules, llm, policy="agreed-names")
    [partner_pair, two_keys] = sorted(result.pairs, key=lambda p: len(p.differing))
    assert partner_pair.differing == ["partner"] and partner_pair.kept is partner_pair.llm
    assert partner_pair.llm.reasons[-1] == "kept: same number, another partner: the model's"
    assert two_keys.differing == ["period", "item"] and two_keys.kept is None
    assert [(f.flow.value, f.partner) for f in result.reconciled.facts] == [("export", "CN")]
    assert run(rules, llm, policy="agreed").reconciled.facts == []


def test_agreed_numbers_takes_the_models_labels_for_every_number_both_call_a_fact() -> None:
    rules = [export(partner="US"), imports(item="xăng dầu"), total(Source.RULES)]
    llm = [export(Source.LLM, partner="CN"), imports(Source.LLM, item="than", period=JUNE)]
    result = run(rules, llm, policy="agreed-numbers")
    facts = result.reconciled.facts
    assert [(f.flow.value, f.partner, f.item) for f in facts] == [
        ("export", "CN", None),
        ("import", None, "than"),
    ]  # the total only the rules give stays out, as under agreed
    assert facts[1].period is not None and facts[1].period.end_month == 6
    kept = [pair.kept.reasons[-1] for pair in result.pairs if pair.kept is not None]
    assert kept == [
        "kept: same number, another partner: the model's",
        "kept: same number, another period and item: the model's",
    ]


def test_a_failed_llm_leaves_the_rule_facts_under_any_policy() -> None:
    rules = ArticleResult(article=ARTICLE.name, facts=[export(), imports()], source=Source.RULES)
    failed = ArticleResult(article=ARTICLE.name, source=Source.LLM, error="endpoint down")
    for policy in ("agreed", "agreed-names", "agreed-numbers"):
        result = crosscheck_article(ARTICLE, rules, failed, None, policy)
        assert values(result) == [("export", 219.83e9), ("import", 212.2e9)]
        assert result.errors == ["llm: endpoint down"]


def test_a_partial_answer_leaves_the_rule_facts_of_the_numbers_it_did_not_read() -> None:
    rules = ArticleResult(article=ARTICLE.name, facts=[export(), imports()], source=Source.RULES)
    partial = ArticleResult(
        article=ARTICLE.name, facts=[export(Source.LLM)], source=Source.LLM, incomplete=["anchor 2"]
    )
    for policy in ("agreed", "agreed-names", "agreed-numbers"):
        result = crosscheck_article(ARTICLE, rules, partial, None, policy)
        assert values(result) == [("export", 219.83e9), ("import", 212.2e9)]
        assert result.reconciled.incomplete == ["llm: anchor 2"]  # and it says so
    whole = partial.model_copy(update={"incomplete": []})
    assert values(crosscheck_article(ARTICLE, rules, whole, None, "agreed")) == [
        ("export", 219.83e9)
    ]
