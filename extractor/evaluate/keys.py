"""Per-key accuracy: of the gold facts whose number a path reported, how many it labelled right.

P/R/F1 say whether whole facts match; they do not say *which* key a path gets wrong.
Here each non-optional gold fact is paired with the prediction that reports its
written number, and every key is judged on its own (items by the eval spec's word
rule, periods by their three fields). The cross-check weighs each path's vote per
key by these figures (see ``extractor.crosscheck.reliability``).

Pairing, one prediction per gold fact at most:

1. the same anchor: the written numbers (``find_amounts``) inside the gold quote and
   inside the prediction's evidence are one stretch of the text (their spans overlap);
2. else the same value (sign aside): the text cannot place one of the two, or the
   article restates the number and the path read it at another place.

Among candidates the one with the fewest wrong keys is taken (the path's best reading
of that number), anchors first, so a prediction is spent on the number it stands on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from extractor.crosscheck.stated import Span, locate, same_anchor, stated_amount
from extractor.evaluate.match import Fact, failed_keys, is_optional, values_agree
from extractor.evaluate.score import load_dir
from extractor.types import Fact as FactModel

KEYS: tuple[str, ...] = (
    "flow",
    "metric",
    "basis",
    "period",
    "partner",
    "item",
    "sector",
    "scope",
)


@dataclass
class KeyAccuracy:
    """Counts behind per-key accuracy; adds up over articles."""

    gold: int = 0  # non-optional gold facts
    reported: int = 0  # of those, the ones whose number the path reported
    right: Counter[str] = field(default_factory=Counter)  # key → reported facts with it right

    def accuracy(self, key: str) -> float | None:
        return self.right[key] / self.reported if self.reported else None

    def __add__(self, other: KeyAccuracy) -> KeyAccuracy:
        return KeyAccuracy(
            self.gold + other.gold, self.reported + other.reported, self.right + other.right
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "reported": self.reported,
            "keys": {key: self.accuracy(key) for key in KEYS},
        }


def anchor(fact: Fact, text: str | None) -> Span | None:
    """Where the fact's written number stands in ``text`` (evidence, else quote), if found."""
    if not text:
        return None
    try:
        model = FactModel.model_validate(fact)
    except ValidationError:
        return None
    amount = stated_amount(model, text, locate(model, text))
    return None if amount is None else (amount.start, amount.end)


def _same_number(pred: Fact, gold: Fact) -> bool:
    value, target = pred.get("value"), gold.get("value")
    if not isinstance(value, int | float) or not isinstance(target, int | float):
        return False
    return values_agree(abs(value), abs(target), gold.get("metric"))


def pair_reported(
    preds: Sequence[Fact], golds: Sequence[Fact], text: str | None = None
) -> dict[int, int]:
    """gold index → index of the prediction that reports its number (non-optional gold)."""
    pred_at = [anchor(p, text) for p in preds]
    gold_at = [anchor(g, text) for g in golds]

    def one_number(i: int, j: int) -> bool:
        return same_anchor(pred_at[i], gold_at[j])

    def same_value(i: int, j: int) -> bool:
        return _same_number(preds[i], golds[j])

    paired: dict[int, int] = {}
    for same in (one_number, same_value):
        candidates = sorted(
            (len(failed_keys(preds[i], golds[j])), j, i)
            for j, gold in enumerate(golds)
            if j not in paired and not is_optional(gold)
            for i in range(len(preds))
            if same(i, j)
        )
        for _, j, i in candidates:
            if j not in paired and i not in paired.values():
                paired[j] = i
    return paired


def key_accuracy(
    preds: Sequence[Fact], golds: Sequence[Fact], text: str | None = None
) -> KeyAccuracy:
    """Per-key counts for one article."""
    paired = pair_reported(preds, golds, text)
    right: Counter[str] = Counter()
    for j, i in paired.items():
        wrong = set(failed_keys(preds[i], golds[j]))
        right.update(key for key in KEYS if key not in wrong)
    gold = sum(not is_optional(g) for g in golds)
    return KeyAccuracy(gold=gold, reported=len(paired), right=right)


def key_accuracy_dirs(
    preds: Mapping[str, Mapping[str, Any]],
    golds: Mapping[str, Mapping[str, Any]],
    texts: Mapping[str, str],
) -> KeyAccuracy:
    """Summed over the gold articles (by stem); ``texts`` by stem, where known."""
    total = KeyAccuracy()
    for stem, gold in golds.items():
        pred = preds.get(stem) or {}
        facts = [f for f in pred.get("facts") or [] if isinstance(f, dict)]
        total += key_accuracy(facts, list(gold.get("facts") or []), texts.get(stem))
    return total


def key_accuracy_folder(
    pred_dir: Path,
    gold_dir: Path,
    texts: Mapping[str, str],
    only: Collection[str] | None = None,
) -> KeyAccuracy:
    """Per-key counts of a folder of predictions (``only``: the stems to measure)."""
    golds = load_dir(gold_dir)
    if only is not None:
        golds = {stem: gold for stem, gold in golds.items() if stem in only}
    return key_accuracy_dirs(load_dir(pred_dir), golds, texts)
