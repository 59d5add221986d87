"""Reliability figures: labelled by path, strategy and model; looked up with a fallback."""

from __future__ import annotations

from pathlib import Path

from extractor.crosscheck import reliability as rel
from extractor.types import ExtractOptions


def test_labels_name_the_path_and_for_the_llm_its_strategy_and_model() -> None:
    assert rel.path_label("rules", ExtractOptions(llm="local")) == "rules"
    assert rel.path_label("llm", ExtractOptions()) == "llm/anchored/local"
    assert rel.path_label("llm", ExtractOptions(llm="replay")) == "llm/anchored/local"
    assert rel.path_label("llm", ExtractOptions(llm="local:/m/x.gguf")) == "llm/anchored/local"
    assert rel.path_label("llm", ExtractOptions(llm="openai:gpt-4o-mini")) == (
        "llm/anchored/gpt-4o-mini"
    )


def test_lookup_falls_back_to_another_model_of_the_same_strategy_only() -> None:
    entry = rel.PathReliability(gold=10, reported=8, keys={"flow": 0.75, "item": None})
    figures = rel.Reliability(paths={"llm/direct/local": entry})
    assert figures.weight("llm/direct/local", "flow") == 0.75
    assert figures.weight("llm/direct/gpt-4o", "flow") == 0.75
    assert figures.weight("llm/anchored/local", "flow") is None
    assert figures.weight("llm/direct/local", "item") is None
    assert figures.weight("rules", "flow") is None


def test_saved_figures_load_back_and_a_missing_file_has_none(tmp_path: Path) -> None:
    file = tmp_path / "r.json"
    assert rel.load(file).paths == {}
    figures = rel.Reliability(
        measured_on="gold", paths={"rules": rel.PathReliability(gold=2, reported=2, keys={})}
    )
    rel.save(figures, file)
    assert rel.load(file) == figures


def test_the_shipped_file_holds_the_rule_path_measured_on_every_key() -> None:
    rules = rel.load().of("rules")
    assert rules is not None and rules.reported > 0
    assert set(rules.keys) == {
        "flow",
        "metric",
        "basis",
        "period",
        "partner",
        "item",
        "sector",
        "scope",
    }


def test_the_strategy_is_part_of_the_label() -> None:
    anchored = ExtractOptions(llm="replay", strategy="anchored")
    assert rel.path_label("llm", anchored) == "llm/anchored/local"
    assert rel.Votes.for_options(anchored).llm == "llm/anchored/local"
    assert rel.Votes().llm == rel.path_label("llm", ExtractOptions())


def test_a_loaded_copy_can_change_without_touching_the_next_load(tmp_path: Path) -> None:
    file = tmp_path / "r.json"
    rel.save(
        rel.Reliability(paths={"rules": rel.PathReliability(gold=1, reported=1, keys={})}), file
    )
    first = rel.load(file)
    first.paths.clear()
    assert set(rel.load(file).paths) == {"rules"}
