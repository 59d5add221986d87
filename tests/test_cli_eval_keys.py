"""`extractor eval --per-key` and `--write-reliability`: per-key accuracy shown and stored."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from extractor.cli import app
from extractor.crosscheck import reliability as rel

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "001_791fcfb07cf1515f"
runner = CliRunner()


def gold_from_rules(tmp_path: Path) -> tuple[Path, Path, int]:
    """Gold = the rule path's own output on one sample, with the partner of one fact changed."""
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / f"{SAMPLE}.txt").write_bytes((ROOT / "samples" / f"{SAMPLE}.txt").read_bytes())
    out = tmp_path / "first"
    result = runner.invoke(app, ["extract", str(articles), "--path", "rules", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads((out / f"{SAMPLE}.json").read_text(encoding="utf-8"))
    data["facts"][0]["partner"] = "KR"
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / f"{SAMPLE}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return gold, articles, len(data["facts"])


def test_per_key_shows_the_one_key_the_path_got_wrong_and_stores_it(tmp_path: Path) -> None:
    gold, articles, n = gold_from_rules(tmp_path)
    file = tmp_path / "reliability.json"
    file.write_text(
        rel.Reliability(
            paths={"llm/direct/local": rel.PathReliability(gold=1, reported=1, keys={"flow": 1.0})}
        ).model_dump_json()
    )
    result = runner.invoke(
        app,
        [
            *("eval", "--gold", str(gold), "--articles", str(articles), "--path", "rules"),
            *("--per-key", "--write-reliability", str(file), "--json", str(tmp_path / "s.json")),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Per key" in result.output
    assert f"{n}/{n}" in result.output
    stored = rel.Reliability.model_validate_json(file.read_text())
    assert set(stored.paths) == {"rules", "llm/direct/local"}  # other paths' entries kept
    rules = stored.paths["rules"]
    assert (rules.gold, rules.reported) == (n, n)
    assert rules.keys["partner"] == (n - 1) / n
    assert rules.keys["flow"] == rules.keys["item"] == 1.0
    assert "--per-key" in stored.command
    scores = json.loads((tmp_path / "s.json").read_text())
    assert scores["rules"]["per_key"]["keys"]["partner"] == (n - 1) / n


def test_without_the_options_no_per_key_table(tmp_path: Path) -> None:
    gold, articles, _ = gold_from_rules(tmp_path)
    result = runner.invoke(
        app, ["eval", "--gold", str(gold), "--articles", str(articles), "--path", "rules"]
    )
    assert result.exit_code == 0, result.output
    assert "Per key" not in result.output


def test_a_path_that_reported_nothing_leaves_the_stored_figures_alone(tmp_path: Path) -> None:
    gold, _, _ = gold_from_rules(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / f"{SAMPLE}.json").write_text(json.dumps({"article": SAMPLE, "facts": []}))
    file = tmp_path / "reliability.json"
    kept = rel.PathReliability(gold=3, reported=2, keys={"flow": 0.5})
    file.write_text(rel.Reliability(paths={"rules": kept}).model_dump_json())
    result = runner.invoke(
        app,
        [
            *("eval", "--gold", str(gold), "--pred", str(empty), "--path", "rules"),
            *("--write-reliability", str(file)),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "rules reported no gold number; not written" in result.output
    assert rel.Reliability.model_validate_json(file.read_text()).paths == {"rules": kept}
