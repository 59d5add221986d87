"""The negative corpus: sentences with numbers that are no fact of Vietnam's trade.

Prices, targets, forecasts, province, city and company figures, thresholds, exchange
rates, investment, output growth, tariff rates and other countries' own trade must
give no fact (tests/corpora/negative.yaml).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from extractor.rules import extract_by_rules
from extractor.types import Article

NEGATIVE = yaml.safe_load((Path(__file__).parent / "corpora" / "negative.yaml").read_text("utf-8"))


CASES = [
    pytest.param(c, id=c["kind"], marks=pytest.mark.xfail(strict=True, reason=c["gap"]))
    if "gap" in c
    else pytest.param(c, id=c["kind"])
    for c in NEGATIVE
]


@pytest.mark.parametrize("case", CASES)
def test_no_fact(case: dict[str, Any]) -> None:
    facts = extract_by_rules(Article(name="negative.txt", text=case["text"])).facts
    shown = [(f.flow.value, f.metric.value, f.value, f.quote) for f in facts]
    assert not facts, f"{case['kind']}: no fact expected, got {shown}"
