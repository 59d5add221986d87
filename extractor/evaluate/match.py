"""When a predicted fact matches a gold fact: the rules of ``shared/eval/README.md``.

Facts are plain dicts as loaded from JSON, so any output can be scored. Two facts
match when the keys are equal, the items agree and the values agree. The spec says
values agree "within 0.5% of the gold value (and within 0.051 for change_pct and
share_pct)": read literally, a percentage must meet *both* bounds, so the absolute
bound narrows the relative one for large percentages ("gấp 3,2 lần" → 220) and never
widens it for small ones.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

Fact = dict[str, Any]

EQUAL_KEYS: tuple[str, ...] = (
    "flow",
    "scope",
    "period",
    "sector",
    "partner",
    "metric",
    "basis",
)
ALL_KEYS: tuple[str, ...] = (*EQUAL_KEYS, "item")
REL_TOLERANCE = 0.005
PCT_ABS_TOLERANCE = 0.051
PCT_METRICS = frozenset({"change_pct", "share_pct"})
_EPSILON = 1e-9  # so that 6.651 vs 6.6 is not lost to binary floating point
_IGNORED_PHRASES: tuple[tuple[str, ...], ...] = (
    ("nhóm", "hàng"),
    ("mặt", "hàng"),
    ("các", "loại"),
)


def item_words(item: str | None) -> list[str]:
    """Lower case, NFC, no punctuation, without "nhóm hàng" / "mặt hàng" / "các loại"."""
    if item is None:
        return []
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFC", item).lower())
    text = "".join(" " if unicodedata.category(ch).startswith("P") else ch for ch in text)
    words = text.split()
    kept: list[str] = []
    i = 0
    while i < len(words):
        phrase = next((p for p in _IGNORED_PHRASES if tuple(words[i : i + len(p)]) == p), None)
        if phrase:
            i += len(phrase)
            continue
        kept.append(words[i])
        i += 1
    return kept


def items_agree(pred: str | None, gold: str | None) -> bool:
    """Both null, or the shorter one's words are all among the longer one's.

    Taken literally, an item with no words left ("các loại") agrees with any item.
    """
    if pred is None or gold is None:
        return pred is None and gold is None
    shorter, longer = sorted((item_words(pred), item_words(gold)), key=len)
    return set(shorter) <= set(longer)


def values_agree(pred: Any, gold: Any, metric: str | None) -> bool:
    """Within 0.5% of gold; for change_pct and share_pct also within 0.051."""
    if not _is_number(pred) or not _is_number(gold):
        return False
    diff = abs(float(pred) - float(gold))
    if diff > REL_TOLERANCE * abs(float(gold)) + _EPSILON:
        return False
    return metric not in PCT_METRICS or diff <= PCT_ABS_TOLERANCE + _EPSILON


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _period(value: Any) -> Any:
    """A period compared by its three fields, whatever extra keys it carries."""
    if isinstance(value, dict):
        return (value.get("year"), value.get("start_month"), value.get("end_month"))
    return value


def _equal_key(key: str) -> Callable[[Fact, Fact], bool]:
    return lambda p, g: p.get(key) == g.get(key)


_KEY_CHECKS: dict[str, Callable[[Fact, Fact], bool]] = {
    **{key: _equal_key(key) for key in EQUAL_KEYS},
    "period": lambda p, g: _period(p.get("period")) == _period(g.get("period")),
    "item": lambda p, g: items_agree(p.get("item"), g.get("item")),
}


def failed_keys(pred: Fact, gold: Fact) -> list[str]:
    """The keys (and "value") on which ``pred`` disagrees with ``gold``, in spec order."""
    failed = [key for key in ALL_KEYS if not _KEY_CHECKS[key](pred, gold)]
    if not values_agree(pred.get("value"), gold.get("value"), gold.get("metric")):
        failed.append("value")
    return failed


def facts_match(pred: Fact, gold: Fact) -> bool:
    return not failed_keys(pred, gold)


@dataclass
class Matching:
    """Which prediction matched which gold fact, by index into the two lists."""

    pairs: dict[int, int] = field(default_factory=dict)  # pred index → non-optional gold
    optional_pairs: dict[int, int] = field(default_factory=dict)  # pred → optional gold
    n_pred: int = 0
    n_gold: int = 0

    @property
    def unmatched_preds(self) -> list[int]:
        used = self.pairs.keys() | self.optional_pairs.keys()
        return [i for i in range(self.n_pred) if i not in used]


def is_optional(gold: Fact) -> bool:
    return bool(gold.get("optional"))


def match_facts(preds: Sequence[Fact], golds: Sequence[Fact]) -> Matching:
    """One-to-one matching with the most matches, non-optional gold first.

    A maximum bipartite matching against the non-optional gold, then the predictions
    left over against the optional gold. Candidates are tried closest value first, so
    among equally large matchings the one pairing nearest values is preferred.
    """
    required = [j for j, g in enumerate(golds) if not is_optional(g)]
    optional = [j for j, g in enumerate(golds) if is_optional(g)]
    pairs = _max_matching(preds, golds, range(len(preds)), required)
    rest = [i for i in range(len(preds)) if i not in pairs]
    optional_pairs = _max_matching(preds, golds, rest, optional)
    return Matching(pairs, optional_pairs, n_pred=len(preds), n_gold=len(required))


def _max_matching(
    preds: Sequence[Fact], golds: Sequence[Fact], pred_ids: Sequence[int], gold_ids: list[int]
) -> dict[int, int]:
    """Kuhn's augmenting paths: small inputs (tens of facts), exact maximum."""
    candidates = {
        i: sorted(
            (j for j in gold_ids if facts_match(preds[i], golds[j])),
            key=functools.partial(_closeness, preds[i], golds),
        )
        for i in pred_ids
    }
    gold_to_pred: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in gold_to_pred or augment(gold_to_pred[j], seen):
                gold_to_pred[j] = i
                return True
        return False

    for i in pred_ids:
        augment(i, set())
    return {i: j for j, i in gold_to_pred.items()}


def _closeness(pred: Fact, golds: Sequence[Fact], j: int) -> tuple[float, int]:
    """Sort key of gold ``j`` for ``pred``: the nearest value first, then gold order."""
    return (_distance(pred, golds[j]), j)


def _distance(pred: Fact, gold: Fact) -> float:
    return abs(float(pred["value"]) - float(gold["value"]))
