"""Share of facts in each grounding state, for ``extractor eval`` and reports."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from extractor.types import ArticleResult, Grounding


def grounding_rates(results: Iterable[ArticleResult]) -> dict[str, float]:
    """{'grounded': 0.8, 'quote_not_found': 0.1, 'value_not_in_text': 0.1, 'facts': N}."""
    counts: Counter[str] = Counter()
    for result in results:
        for fact in result.facts:
            if fact.grounding is not None:
                counts[fact.grounding.value] += 1
    total = sum(counts.values())
    rates: dict[str, float] = {
        g.value: (counts[g.value] / total if total else 0.0) for g in Grounding
    }
    rates["facts"] = float(total)
    return rates


def format_rates(rates: dict[str, float]) -> str:
    parts = [f"{g.value} {rates[g.value]:.1%}" for g in Grounding]
    return f"grounding over {int(rates['facts'])} facts: " + ", ".join(parts)


def grounding_rates_in(folder: Path) -> dict[str, float]:
    """Grounding rates over the ``*.json`` results written to ``folder`` (e.g. OUT/llm/)."""
    results = []
    for path in sorted(folder.glob("*.json")):
        try:
            results.append(ArticleResult.model_validate_json(path.read_text(encoding="utf-8")))
        except ValueError:
            continue  # not a result file
    return grounding_rates(results)
