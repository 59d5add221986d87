"""The command line: `extract` writes gold-shaped JSON, `eval` prints scores, help teaches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import COMMANDS, app
from extractor.crosscheck.path import BASES
from extractor.paths import PATHS, PathFn
from extractor.types import Article, ArticleResult, ExtractOptions, Source

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
MASKED = "000_78b8f9d05d1a4fcc"
GOLD_KEYS = ["article", "numbers_masked", "facts"]
FACT_KEYS = {"flow", "scope", "period", "sector", "partner", "item", "metric", "basis", "value"}

runner = CliRunner()


def extract(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["extract", *args])
    return result.exit_code, result.output


def test_extract_writes_one_gold_shaped_json_per_sample(tmp_path: Path) -> None:
    code, output = extract(str(SAMPLES), "--path", "rules", "--out", str(tmp_path))

    assert code == 0, output
    stems = sorted(p.stem for p in SAMPLES.glob("*.txt"))
    assert sorted(p.stem for p in tmp_path.glob("*.json")) == stems
    for stem in stems:
        data = json.loads((tmp_path / f"{stem}.json").read_text(encoding="utf-8"))
        assert list(data)[:3] == GOLD_KEYS
        assert data["article"] == f"{stem}.txt"
        assert data["numbers_masked"] is (stem == MASKED)
        assert len(data["facts"]) >= 0
        for fact in data["facts"]:
            assert set(fact) >= FACT_KEYS
            assert set(fact["period"]) == {"year", "start_month", "end_month"}
        assert ArticleResult.model_validate(data).error is None


def test_extract_prints_a_summary_with_totals(tmp_path: Path) -> None:
    code, output = extract(str(SAMPLES), "--out", str(tmp_path))
    assert code == 0
    assert "Extraction summary" in output
    assert f"{MASKED}.txt" in output
    assert "5 articles" in output
    assert "0 failed" in output


def test_unknown_path_is_a_usage_error(tmp_path: Path) -> None:
    code, output = extract(str(SAMPLES), "--path", "nosuch", "--out", str(tmp_path))
    assert code == 2
    assert "unknown path 'nosuch'" in output
    assert not tmp_path.exists() or not any(tmp_path.iterdir())


def fake_llm(article: Article, _options: ExtractOptions) -> ArticleResult:
    return ArticleResult(article=article.name, source=Source.LLM, warnings=["fake"])


def test_path_both_writes_one_folder_per_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(PATHS, "llm", fake_llm)
    code, output = extract(str(SAMPLES / f"{MASKED}.txt"), "--path", "both", "--out", str(tmp_path))
    assert code == 0, output
    assert (tmp_path / "rules" / f"{MASKED}.json").is_file()
    llm = json.loads((tmp_path / "llm" / f"{MASKED}.json").read_text())
    assert llm["source"] == "llm"


def test_llm_options_reach_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[ExtractOptions] = []

    def spy(article: Article, options: ExtractOptions) -> ArticleResult:
        seen.append(options)
        return ArticleResult(article=article.name)

    monkeypatch.setitem(PATHS, "spy", spy)
    code, output = extract(
        str(SAMPLES / f"{MASKED}.txt"),
        *("--path", "spy", "--out", str(tmp_path), "--llm", "openai:some-model"),
        *("--base-url", "http://localhost:8080/v1", "--mode", "json", "--max-retries", "0"),
        *("--timeout", "5", "--cache-dir", "c", "--cassette-dir", "k"),
    )
    assert code == 0, output
    assert seen == [
        ExtractOptions(
            llm="openai:some-model",
            base_url="http://localhost:8080/v1",
            mode="json",
            max_retries=0,
            timeout_s=5.0,
            cache_dir="c",
            cassette_dir="k",
        )
    ]


def gold_folder(tmp_path: Path) -> Path:
    """Gold for the samples that the rule stub can get right: the masked flag only."""
    gold = tmp_path / "gold"
    gold.mkdir()
    for path in SAMPLES.glob("*.txt"):
        data = {"article": path.name, "numbers_masked": path.stem == MASKED, "facts": []}
        (gold / f"{path.stem}.json").write_text(json.dumps(data))
    return gold


def test_eval_extracts_and_prints_one_row_per_path(tmp_path: Path) -> None:
    gold = gold_folder(tmp_path)
    scores = tmp_path / "scores.json"
    result = runner.invoke(
        app,
        [
            *("eval", "--gold", str(gold), "--articles", str(SAMPLES), "--path", "rules"),
            *("--out", str(tmp_path / "out"), "--json", str(scores)),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Facts (micro average, %)" in result.output
    assert "numbers_masked: 5/5 articles right" in result.output
    assert "per article" in result.output
    assert "per metric" in result.output
    assert "near misses" in result.output
    assert (tmp_path / "out" / "rules" / f"{MASKED}.json").is_file()
    assert json.loads(scores.read_text())["rules"]["numbers_masked"]["correct"] == 5


def test_eval_with_several_paths_prints_one_row_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(PATHS, "llm", fake_llm)
    gold = gold_folder(tmp_path)
    result = runner.invoke(
        app,
        [
            *("eval", "--gold", str(gold), "--articles", str(SAMPLES)),
            *("--path", "rules", "--path", "llm", "--no-per-article", "--no-per-metric"),
        ],
    )
    assert result.exit_code == 0, result.output
    overall = result.output.split("numbers_masked:")[0]
    assert "\n rules " in overall
    assert "\n llm " in overall
    assert "llm · numbers_masked: 4/5 articles right" in result.output


def test_eval_runs_each_path_once_and_reconciles_the_results_it_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[tuple[str, str]] = []

    def counted(name: str, inner: PathFn) -> PathFn:
        def run(article: Article, options: ExtractOptions) -> ArticleResult:
            runs.append((name, article.name))
            return inner(article, options)

        return run

    for name, inner in (("rules", PATHS["rules"]), ("llm", fake_llm)):
        monkeypatch.setitem(PATHS, name, counted(name, inner))
        monkeypatch.setitem(BASES, name, counted(name, inner))
    gold = gold_folder(tmp_path)
    result = runner.invoke(
        app,
        [
            *("eval", "--gold", str(gold), "--articles", str(SAMPLES), "--llm", "openai:m"),
            *("--base-url", "http://127.0.0.1:9/v1", "--no-per-article", "--no-per-metric"),
            *("--path", "reconciled", "--path", "rules", "--path", "llm"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(runs) == sorted(
        {(n, p.name) for n in ("rules", "llm") for p in SAMPLES.glob("*.txt")}
    )
    assert "\n reconciled " in result.output.split("numbers_masked:")[0]


def test_reconciled_alone_runs_both_paths_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[str] = []

    def llm(article: Article, options: ExtractOptions) -> ArticleResult:
        runs.append(article.name)
        return fake_llm(article, options)

    monkeypatch.setitem(BASES, "llm", llm)
    code, output = extract(
        str(SAMPLES / f"{MASKED}.txt"),
        *("--path", "reconciled", "--out", str(tmp_path), "--llm", "openai:m"),
        *("--base-url", "http://127.0.0.1:9/v1"),
    )
    assert code == 0, output
    assert runs == [f"{MASKED}.txt"]
    assert (tmp_path / f"{MASKED}.json").is_file()


def test_eval_scores_existing_output_with_pred(tmp_path: Path) -> None:
    gold = gold_folder(tmp_path)
    result = runner.invoke(
        app, ["eval", "--gold", str(gold), "--pred", str(gold), "--path", "gold", "--no-near-miss"]
    )
    assert result.exit_code == 0, result.output
    assert "gold · per article" in result.output
    assert "near misses" not in result.output


def test_eval_needs_articles_or_pred(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "--gold", str(gold_folder(tmp_path))])
    assert result.exit_code == 2
    assert "--articles" in result.output


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_teaches_with_examples(command: str) -> None:
    result = runner.invoke(app, [*command.split(), "--help"])
    assert result.exit_code == 0
    assert "Examples" in result.output
    assert "extractor " in result.output


def test_schema_check_passes_on_a_fresh_file(tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    assert runner.invoke(app, ["schema", "--out", str(target), "--check"]).exit_code == 1
    assert runner.invoke(app, ["schema", "--out", str(target)]).exit_code == 0
    assert runner.invoke(app, ["schema", "--out", str(target), "--check"]).exit_code == 0


def test_eval_scores_only_the_articles_given_and_names_the_gold_left_out(tmp_path: Path) -> None:
    gold = gold_folder(tmp_path)
    extra = {"article": "elsewhere.txt", "numbers_masked": False, "facts": []}
    extra["facts"] = [
        {
            **dict.fromkeys(FACT_KEYS - {"flow", "scope", "metric", "value", "period"}),
            "flow": "export",
            "scope": "goods",
            "metric": "value",
            "value": 1e9,
            "period": {"year": 2025, "start_month": 1, "end_month": 1},
        }
    ]
    (gold / "elsewhere.json").write_text(json.dumps(extra))
    result = runner.invoke(
        app,
        [
            *("eval", "--gold", str(gold), "--articles", str(SAMPLES), "--path", "rules"),
            *("--json", str(tmp_path / "scores.json")),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "not scored: 1 gold file(s) with no article" in result.output
    assert "(elsewhere)" in result.output
    scores = json.loads((tmp_path / "scores.json").read_text())["rules"]
    assert "elsewhere" not in json.dumps(scores)
