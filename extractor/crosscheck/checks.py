"""Consistency checks within the facts of one article, as named data.

Each check finds the groups of facts a relation ties together (same period,
sector, partner, scope and item), computes what one of them should be from the
others, and compares it with the stated figure within the sum of the facts'
rounding tolerances (see ``tolerance``). A failed check names its facts and its
arithmetic, so a reader can redo it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import product

from extractor.crosscheck.fmt import figure
from extractor.crosscheck.keys import item_key
from extractor.crosscheck.types import CheckResult
from extractor.types import Fact, Flow, Metric, Period, Sector

MAX_COMBINATIONS = 16  # conflicting values multiply the combinations; keep reports readable


@dataclass(frozen=True)
class Candidate:
    """A fact offered to the checks, with its reference and rounding tolerance."""

    ref: str
    fact: Fact
    tol: float
    number: tuple[int, int] | None = None  # where its written number stands, if located


@dataclass(frozen=True)
class Outcome:
    refs: tuple[str, ...]
    expected: float
    stated: float
    tolerance: float
    arithmetic: str
    passed: bool


Finder = Callable[[list[Candidate]], Iterator[Outcome]]


@dataclass(frozen=True)
class Check:
    name: str
    rule: str
    corroborates: bool  # equalities vouch for their facts; bounds only refute
    find: Finder


_DIMS = ("flow", "scope", "period", "sector", "partner", "item", "metric", "basis")


def _dims(fact: Fact, *without: str) -> tuple[object, ...]:
    values = {
        "flow": fact.flow,
        "scope": fact.scope,
        "period": fact.period,
        "sector": fact.sector,
        "partner": fact.partner,
        "item": item_key(fact.item),
        "metric": fact.metric,
        "basis": fact.basis,
    }
    return tuple(values[name] for name in _DIMS if name not in without)


def _groups(
    cands: list[Candidate], keep: Callable[[Fact], bool], *without: str
) -> list[list[Candidate]]:
    groups: dict[tuple[object, ...], list[Candidate]] = defaultdict(list)
    for cand in cands:
        if keep(cand.fact):
            groups[_dims(cand.fact, *without)].append(cand)
    return list(groups.values())


def _equality(
    refs: tuple[str, ...], expected: float, stated: float, tol: float, how: str, metric: Metric
) -> Outcome:
    diff = abs(expected - stated)
    return Outcome(
        refs=refs,
        expected=expected,
        stated=stated,
        tolerance=tol,
        arithmetic=f"{how}; off by {figure(diff, metric)} (tolerance {figure(tol, metric)})",
        passed=diff <= tol * (1 + 1e-9),
    )


def _two_flows(result_flow: Flow, sign: float, symbol: str) -> Finder:
    """export ± import = result, for each group of money values with the same other keys."""

    def find(cands: list[Candidate]) -> Iterator[Outcome]:
        for group in _groups(cands, lambda f: f.metric is Metric.VALUE, "flow"):
            by = _by(group, lambda f: f.flow)
            combos = product(by[Flow.EXPORT], by[Flow.IMPORT], by[result_flow])
            for e, i, r in _limited(combos):
                expected = e.fact.value + sign * i.fact.value
                how = (
                    f"export {figure(e.fact.value, Metric.VALUE)} {symbol} import "
                    f"{figure(i.fact.value, Metric.VALUE)} = {figure(expected, Metric.VALUE)}; "
                    f"stated {result_flow.value} {figure(r.fact.value, Metric.VALUE)}"
                )
                yield _equality(
                    (e.ref, i.ref, r.ref),
                    expected,
                    r.fact.value,
                    e.tol + i.tol + r.tol,
                    how,
                    Metric.VALUE,
                )

    return find


def _sector_sum(cands: list[Candidate]) -> Iterator[Outcome]:
    """domestic + FDI = the whole, for values and quantities of any flow."""
    amounts = {Metric.VALUE, Metric.QUANTITY}
    for group in _groups(cands, lambda f: f.metric in amounts, "sector"):
        by = _by(group, lambda f: f.sector)
        for d, x, w in _limited(product(by[Sector.DOMESTIC], by[Sector.FDI], by[None])):
            metric = w.fact.metric
            expected = d.fact.value + x.fact.value
            how = (
                f"domestic {figure(d.fact.value, metric)} + FDI {figure(x.fact.value, metric)} "
                f"= {figure(expected, metric)}; stated whole {figure(w.fact.value, metric)}"
            )
            tol = d.tol + x.tol + w.tol
            yield _equality((d.ref, x.ref, w.ref), expected, w.fact.value, tol, how, metric)


_WHOLE_OF: tuple[str, ...] = ("sector", "partner", "item")  # the dimension a share narrows


def _share(cands: list[Candidate]) -> Iterator[Outcome]:
    """A share ≈ part / whole × 100, the whole being the part without the narrowing key."""
    values = [c for c in cands if c.fact.metric is Metric.VALUE]
    for s in (c for c in cands if c.fact.metric is Metric.SHARE_PCT):
        parts = [p for p in values if _dims(p.fact, "metric") == _dims(s.fact, "metric")]
        best: Outcome | None = None
        for dim in (d for d in _WHOLE_OF if getattr(s.fact, d) is not None):
            wholes = [
                w
                for w in values
                if getattr(w.fact, dim) is None
                and _dims(w.fact, "metric", dim) == _dims(s.fact, "metric", dim)
            ]
            for p, w in _limited(product(parts, wholes)):
                if w.fact.value <= 0:
                    continue
                ratio = p.fact.value / w.fact.value
                expected = 100 * ratio
                tol = s.tol + expected * (
                    p.tol / max(abs(p.fact.value), 1e-9) + w.tol / w.fact.value
                )
                how = (
                    f"{figure(p.fact.value, Metric.VALUE)} / {figure(w.fact.value, Metric.VALUE)} "
                    f"= {figure(expected, Metric.SHARE_PCT)}; stated share "
                    f"{figure(s.fact.value, Metric.SHARE_PCT)}"
                )
                outcome = _equality(
                    (p.ref, w.ref, s.ref), expected, s.fact.value, tol, how, Metric.SHARE_PCT
                )
                if best is None or _score(outcome) < _score(best):
                    best = outcome
        if best is not None:
            yield best


def _score(outcome: Outcome) -> float:
    return abs(outcome.expected - outcome.stated) / max(outcome.tolerance, 1e-12)


def _change(cands: list[Candidate]) -> Iterator[Outcome]:
    """value / (1 + pct) ≈ value − abs: both give the figure of the base period."""
    groups = _groups(cands, lambda f: f.flow is not Flow.BALANCE, "metric", "basis")
    for group in groups:
        values = [c for c in group if c.fact.metric is Metric.VALUE]
        bases = {c.fact.basis for c in group if c.fact.basis is not None}
        for basis in bases:
            pcts = [
                c for c in group if c.fact.metric is Metric.CHANGE_PCT and c.fact.basis == basis
            ]
            abss = [
                c for c in group if c.fact.metric is Metric.CHANGE_ABS and c.fact.basis == basis
            ]
            for v, p, a in _limited(product(values, pcts, abss)):
                growth = 1 + p.fact.value / 100
                if growth <= 0:
                    continue
                via_pct = v.fact.value / growth
                via_abs = v.fact.value - a.fact.value
                tol = v.tol / growth + v.fact.value * (p.tol / 100) / growth**2 + v.tol + a.tol
                how = (
                    f"{figure(v.fact.value, Metric.VALUE)} / (1 {p.fact.value:+g}%) = "
                    f"{figure(via_pct, Metric.VALUE)}; {figure(v.fact.value, Metric.VALUE)} − "
                    f"({figure(a.fact.value, Metric.VALUE)}) = {figure(via_abs, Metric.VALUE)}"
                )
                yield _equality((v.ref, p.ref, a.ref), via_pct, via_abs, tol, how, Metric.VALUE)


def _within_period(cands: list[Candidate]) -> Iterator[Outcome]:
    """A month (or quarter) cannot exceed the cumulative figure of a period containing it."""
    amounts = {Metric.VALUE, Metric.QUANTITY}
    flows = {Flow.EXPORT, Flow.IMPORT, Flow.TOTAL}
    keep = lambda f: f.metric in amounts and f.flow in flows  # noqa: E731
    for group in _groups(cands, keep, "period"):
        for part, whole in product(group, group):
            a, b = part.fact.period, whole.fact.period
            inside = (
                a.year == b.year and b.start_month <= a.start_month and a.end_month <= b.end_month
            )
            if not inside or a == b:
                continue
            metric = part.fact.metric
            tol = part.tol + whole.tol
            how = (
                f"{_months(a)} {figure(part.fact.value, metric)} ≤ {_months(b)} "
                f"{figure(whole.fact.value, metric)}"
            )
            yield Outcome(
                refs=(part.ref, whole.ref),
                expected=whole.fact.value,
                stated=part.fact.value,
                tolerance=tol,
                arithmetic=how if part.fact.value <= whole.fact.value + tol else f"not {how}",
                passed=part.fact.value <= whole.fact.value + tol,
            )


def _months(period: Period) -> str:
    p = period
    span = f"{p.start_month}" if p.start_month == p.end_month else f"{p.start_month}–{p.end_month}"
    return f"month {span}/{p.year}" if p.year else f"month {span}"


def _by(
    group: list[Candidate], key: Callable[[Fact], object]
) -> defaultdict[object, list[Candidate]]:
    out: defaultdict[object, list[Candidate]] = defaultdict(list)
    for cand in group:
        out[key(cand.fact)].append(cand)
    return out


def _limited(combos: Iterator[tuple[Candidate, ...]]) -> list[tuple[Candidate, ...]]:
    out = []
    for combo in combos:
        out.append(combo)
        if len(out) >= MAX_COMBINATIONS:
            break
    return out


def _reuses_a_number(refs: tuple[str, ...], number_of: dict[str, tuple[int, int] | None]) -> bool:
    """Two terms read from one written number prove nothing: "76,15 tỷ" as both the
    exports and the total of one sum is a misreading, not a sum that holds."""
    numbers = [number_of.get(ref) for ref in refs]
    located = [n for n in numbers if n is not None]
    return len(set(located)) < len(located)


CHECKS: tuple[Check, ...] = (
    Check("balance", "balance = exports − imports", True, _two_flows(Flow.BALANCE, -1, "−")),
    Check("total", "total = exports + imports", True, _two_flows(Flow.TOTAL, +1, "+")),
    Check("sector_sum", "domestic + FDI = whole", True, _sector_sum),
    Check("share", "share ≈ part / whole × 100", True, _share),
    Check("change", "value / (1 + change_pct) ≈ value − change_abs", True, _change),
    Check(
        "month_within_ytd", "a month cannot exceed its year-to-date total", False, _within_period
    ),
)


def run_checks(
    cands: list[Candidate], checks: tuple[Check, ...] = CHECKS, prefix: str = "c"
) -> list[CheckResult]:
    """Every check over the candidates; ids are ``prefix`` + a running number."""
    results: list[CheckResult] = []
    number_of = {cand.ref: cand.number for cand in cands}
    for check in checks:
        for outcome in check.find(cands):
            if _reuses_a_number(outcome.refs, number_of):
                continue
            results.append(
                CheckResult(
                    id=f"{prefix}{len(results) + 1}",
                    name=check.name,
                    rule=check.rule,
                    passed=outcome.passed,
                    refs=list(outcome.refs),
                    arithmetic=outcome.arithmetic,
                    expected=outcome.expected,
                    stated=outcome.stated,
                    difference=outcome.stated - outcome.expected,
                    tolerance=outcome.tolerance,
                    corroborates=check.corroborates,
                )
            )
    return results
