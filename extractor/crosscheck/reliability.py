"""How often each path labels each key right, as measured: the weight of its vote per key.

``extractor eval ... --write-reliability FILE`` measures per-key accuracy (see
``extractor.evaluate.keys``) and stores it here by path label: ``rules``, or
``llm/<strategy>/<model>`` for the LLM path, since a strategy or a model reads
keys differently. When the two paths read one written number with different
keys, the cross-check lets the path that is more reliable on those keys decide.
A path without measured figures has no weight: the rule labelling stands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field

from extractor.types import ExtractOptions, Source

DEFAULT_FILE = Path(__file__).with_name("reliability.json")
# Cassettes are recorded from the bundled local model, so replay is that model's answers.
_LOCAL_SPECS = ("local", "replay")


class PathReliability(BaseModel):
    """Per-key accuracy of one path on the gold facts whose number it reported."""

    gold: int  # gold facts measured against
    reported: int  # of those, the ones whose number the path reported
    keys: dict[str, float | None]


class Reliability(BaseModel):
    """The reliability file: where and how it was measured, then one entry per path label."""

    measured_on: str = ""
    command: str = ""
    paths: dict[str, PathReliability] = Field(default_factory=dict)

    def of(self, label: str) -> PathReliability | None:
        """The entry for ``label``, else one of the same path and strategy (another model)."""
        if label in self.paths:
            return self.paths[label]
        family = label.rsplit("/", 1)[0] + "/"
        return next((v for k, v in sorted(self.paths.items()) if k.startswith(family)), None)

    def weight(self, label: str, key: str) -> float | None:
        entry = self.of(label)
        return None if entry is None else entry.keys.get(key)


def model_name(spec: str | None) -> str:
    """The model behind an ``--llm`` spec: "local" (also for replay), else what follows ":"."""
    if spec is None or spec.split(":", 1)[0] in _LOCAL_SPECS:
        return "local"
    return spec.split(":", 1)[1] if ":" in spec else spec


def path_label(path: str, options: ExtractOptions) -> str:
    """``rules``; ``llm/<strategy>/<model>`` for the LLM path."""
    if path != "llm":
        return path
    return f"llm/{options.strategy}/{model_name(options.llm)}"


def load(file: Path = DEFAULT_FILE) -> Reliability:
    """The reliability figures (a copy: the caller may change it); none when the file is missing."""
    return _load(str(file)).model_copy(deep=True)


@lru_cache(maxsize=4)
def _load(file: str) -> Reliability:
    path = Path(file)
    if not path.exists():
        return Reliability()
    return Reliability.model_validate_json(path.read_text(encoding="utf-8"))


def save(reliability: Reliability, file: Path) -> None:
    from extractor.io import write_json_atomic

    write_json_atomic(file, reliability.model_dump(mode="json"))
    _load.cache_clear()


def _figure(weight: float | None) -> str:
    return "–" if weight is None else f"{weight:.2f}"


@dataclass(frozen=True)
class Votes:
    """The two paths' measured reliability, for a vote on the keys they read differently."""

    reliability: Reliability = field(default_factory=Reliability)
    rules: str = "rules"
    llm: str = field(default_factory=lambda: path_label("llm", ExtractOptions()))

    @classmethod
    def for_options(cls, options: ExtractOptions, file: Path = DEFAULT_FILE) -> Votes:
        return cls(load(file), path_label("rules", options), path_label("llm", options))

    def tally(self, keys: list[str]) -> tuple[Source, str]:
        """The path the figures favour on ``keys`` (ties and unmeasured keys: rules), and why.

        Each path's vote on a key weighs its measured accuracy on that key; the votes on
        all the differing keys are summed. A path without figures has no weight.
        """
        labels = [key for key in keys if key != "value"]
        rules = [self.reliability.weight(self.rules, key) for key in labels]
        llm = [self.reliability.weight(self.llm, key) for key in labels]
        llm_ahead = sum(w or 0 for w in llm) > sum(w or 0 for w in rules)
        favoured = Source.LLM if llm_ahead else Source.RULES
        votes = ", ".join(
            f"{key} {_figure(r)}/{_figure(m)}" for key, r, m in zip(labels, rules, llm, strict=True)
        )
        why = (
            f"per-key vote weighted by measured reliability (rules/llm: {votes}) "
            f"favours the {favoured.value} labelling"
        )
        return favoured, why
