"""Precision, recall and F1 of predicted facts against gold, micro-averaged over articles.

Works on dicts loaded from JSON (``<stem>.json`` in a predictions folder and a gold
folder), so the output of any path, ours or not, can be scored. Besides the totals
it breaks the score down per article and per metric, and explains each false
positive by the gold fact it came closest to (the near-miss analysis).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from extractor.evaluate.match import Fact, Matching, failed_keys, is_optional, match_facts

NO_VALUE_MATCH = "no gold fact with this value"
DUPLICATE = "duplicate (gold already matched)"
MANY_KEYS = "3+ keys"


@dataclass
class Counts:
    """Matched predictions, counted predictions and non-optional gold facts."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0
    optional: int = 0  # predictions that matched optional gold: left out of both counts

    @property
    def precision(self) -> float | None:
        return self.matched / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None and r is None:
            return None
        p, r = p or 0.0, r or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.matched + other.matched,
            self.predicted + other.predicted,
            self.gold + other.gold,
            self.optional + other.optional,
        )

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class ArticleScore:
    article: str
    counts: Counts
    masked_pred: bool
    masked_gold: bool
    note: str | None = None  # "no prediction", or the extraction error

    @property
    def masked_ok(self) -> bool:
        return self.masked_pred == self.masked_gold


@dataclass
class Scores:
    articles: list[ArticleScore] = field(default_factory=list)
    metrics: dict[str, Counts] = field(default_factory=dict)
    near_misses: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> Counts:
        return sum((a.counts for a in self.articles), Counts())

    @property
    def masked_correct(self) -> int:
        return sum(a.masked_ok for a in self.articles)

    def to_json(self) -> dict[str, Any]:
        return {
            **self.total.to_json(),
            "numbers_masked": {"correct": self.masked_correct, "articles": len(self.articles)},
            "per_article": [
                {
                    "article": a.article,
                    **a.counts.to_json(),
                    "numbers_masked_ok": a.masked_ok,
                    "note": a.note,
                }
                for a in self.articles
            ],
            "per_metric": {m: c.to_json() for m, c in sorted(self.metrics.items())},
            "near_miss": dict(self.near_misses.most_common()),
        }


def near_miss(pred: Fact, golds: Sequence[Fact], taken: set[int]) -> str:
    """Why an unmatched prediction missed: the keys it got wrong.

    Compared with the gold facts that agree on its value, the one with the fewest
    wrong keys (gold not yet matched first). When none is within two keys, a gold fact
    that differs only in value (a scale or sign slip) is reported as "value".
    """
    failures = [(failed_keys(pred, g), j in taken) for j, g in enumerate(golds)]
    same_value = sorted(
        (len(failed), was_taken, failed) for failed, was_taken in failures if "value" not in failed
    )
    if same_value and len(same_value[0][2]) <= 2:
        failed = same_value[0][2]
        return "+".join(failed) if failed else DUPLICATE
    if any(failed == ["value"] for failed, _ in failures):
        return "value"
    return MANY_KEYS if same_value else NO_VALUE_MATCH


def score_article(
    name: str, pred: Mapping[str, Any] | None, gold: Mapping[str, Any], scores: Scores
) -> None:
    """Add one article's counts, per-metric counts and near misses to ``scores``."""
    preds: list[Fact] = [f for f in (pred or {}).get("facts") or [] if isinstance(f, dict)]
    golds: list[Fact] = list(gold.get("facts") or [])
    matching = match_facts(preds, golds)
    counts = Counts(
        matched=len(matching.pairs),
        predicted=len(preds) - len(matching.optional_pairs),
        gold=matching.n_gold,
        optional=len(matching.optional_pairs),
    )
    note = "no prediction" if pred is None else pred.get("error")
    scores.articles.append(
        ArticleScore(
            name,
            counts,
            masked_pred=bool((pred or {}).get("numbers_masked")),
            masked_gold=bool(gold.get("numbers_masked")),
            note=note,
        )
    )
    _count_metrics(preds, golds, matching, scores.metrics)
    taken = set(matching.pairs.values()) | set(matching.optional_pairs.values())
    for i in matching.unmatched_preds:
        scores.near_misses[near_miss(preds[i], golds, taken)] += 1


def _count_metrics(
    preds: Sequence[Fact], golds: Sequence[Fact], matching: Matching, metrics: dict[str, Counts]
) -> None:
    def at(metric: Any) -> Counts:
        return metrics.setdefault(str(metric), Counts())

    for j in matching.pairs.values():
        at(golds[j].get("metric")).matched += 1
    for i, fact in enumerate(preds):
        if i in matching.optional_pairs:
            at(fact.get("metric")).optional += 1
        else:
            at(fact.get("metric")).predicted += 1
    for g in golds:
        if not is_optional(g):
            at(g.get("metric")).gold += 1


def score(preds: Mapping[str, Mapping[str, Any]], golds: Mapping[str, Mapping[str, Any]]) -> Scores:
    """Score every gold article (by stem); predictions without gold are ignored."""
    scores = Scores()
    for stem in sorted(golds):
        gold = golds[stem]
        score_article(str(gold.get("article") or stem), preds.get(stem), gold, scores)
    return scores


def load_dir(folder: Path) -> dict[str, dict[str, Any]]:
    """Every ``*.json`` of a folder by stem; an unreadable file becomes an error entry."""
    loaded: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            data = {"facts": [], "error": f"{path}: unreadable JSON ({exc})"}
        if not isinstance(data, dict):
            data = {"facts": [], "error": f"{path}: not a JSON object"}
        loaded[path.stem] = data
    return loaded


def score_dirs(pred_dir: Path, gold_dir: Path, only: Collection[str] | None = None) -> Scores:
    """Score a folder of predictions; ``only``: the article stems to score (default: all gold)."""
    golds = load_dir(gold_dir)
    if only is not None:
        golds = {stem: gold for stem, gold in golds.items() if stem in only}
    return score(load_dir(pred_dir), golds)
