"""The Python API: the README's example runs, and the functions behave like the CLI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import extractor
from extractor import ConfigError, compare, extract, extract_many, to_frame
from extractor.crosscheck.path import BASES
from extractor.output import FACT_COLUMNS
from extractor.types import Article, ArticleResult, ExtractOptions, Source

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
TEXT = (
    "Trong tháng 8/2025, kim ngạch xuất khẩu hàng hóa đạt 40,5 tỷ USD, "
    "tăng 14,5% so với cùng kỳ năm trước."
)


def readme_example() -> str:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Python API", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "the README's Python API section has no example"
    return match.group(1)


def test_the_readme_example_runs(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.chdir(ROOT)  # the example reads samples/ like a user in a fresh clone
    exec(compile(readme_example(), "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert printed.startswith("export 8 40500000000.0\n")
    assert "001_791fcfb07cf1515f.txt" in printed  # the per-article counts of the frame


def test_extract_reads_a_plain_string_as_the_text() -> None:
    result = extract(TEXT)
    assert result.error is None
    assert result.article.startswith("text-") and result.article.endswith(".txt")
    assert [(f.metric.value, f.value) for f in result.facts] == [
        ("value", 40.5e9),
        ("change_pct", 14.5),
    ]
    assert extract(TEXT).article == result.article  # a stable name for the same text


def test_extract_reads_a_path_given_as_str_or_path() -> None:
    sample = SAMPLES / "003_8daf333cb5e73b3d.txt"
    by_str, by_path = extract(str(sample)), extract(sample)
    assert by_str.article == by_path.article == sample.name
    assert by_str.facts == by_path.facts and by_str.facts
    assert extract(sample.read_text(encoding="utf-8"), name=sample.name) == by_path


def test_a_bad_file_is_the_results_error_as_on_the_command_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    assert extract(empty).error == f"{empty}: file is empty"


def test_an_unknown_option_or_path_raises_before_running() -> None:
    with pytest.raises(TypeError, match=r"unknown option.*timeout"):
        extract(TEXT, timeout=5)
    with pytest.raises(KeyError, match="unknown path 'nosuch'"):
        extract(TEXT, path="nosuch")


def test_the_llm_path_on_a_users_text_without_llm_says_to_run_a_model() -> None:
    with pytest.raises(ConfigError) as caught:
        extract(TEXT, path="llm")
    message = str(caught.value)
    assert "no --llm given" in message and "--llm local" in message
    assert "--llm openai:MODEL" in message and "make record" not in message


def test_extract_many_keeps_input_order_with_workers_in_processes() -> None:
    sources = [SAMPLES, TEXT, Article(name="own.txt", text=TEXT)]
    one = list(extract_many(sources, workers=1))
    two = list(extract_many(sources, workers=2))
    names = [p.name for p in sorted(SAMPLES.glob("*.txt"))]
    assert [r.article for r in one][: len(names)] == names
    assert [r.article for r in one][-1] == "own.txt"
    assert one == two


def test_extract_many_writes_one_json_each_with_out(tmp_path: Path) -> None:
    results = list(extract_many([SAMPLES], out=tmp_path))
    assert sorted(p.stem for p in tmp_path.glob("*.json")) == [
        r.article.removesuffix(".txt") for r in results
    ]


def fake_llm(article: Article, _options: ExtractOptions) -> ArticleResult:
    return ArticleResult(article=article.name, source=Source.LLM)


def test_compare_cross_checks_one_article(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(BASES, "llm", fake_llm)
    checked = compare(SAMPLES / "003_8daf333cb5e73b3d.txt", llm="replay")
    assert checked.article == "003_8daf333cb5e73b3d.txt"
    assert checked.reconciled.facts  # the rule facts, with their verdicts
    assert {f.verdict.value for f in checked.reconciled.facts} == {"rules_only"}


def test_to_frame_has_one_row_per_fact_and_the_documented_columns() -> None:
    results = list(extract_many([SAMPLES]))
    frame = to_frame(results)
    assert list(frame.columns) == list(FACT_COLUMNS)
    assert len(frame) == sum(len(r.facts) for r in results)
    first = results[1].facts[0]
    row = frame[frame.article == results[1].article].iloc[0]
    assert (row.flow, row.value, row.path) == (first.flow.value, first.value, "rules")
    assert (row.evidence_start, row.evidence_end) == (first.evidence.start, first.evidence.end)


def test_to_frame_in_polars_has_the_same_rows_and_columns_as_in_pandas() -> None:
    pl = pytest.importorskip("polars")
    results = list(extract_many([SAMPLES]))
    pandas_frame = to_frame(results)

    frame = to_frame(results, library="polars")

    assert isinstance(frame, pl.DataFrame) and frame.columns == list(FACT_COLUMNS)
    assert frame.schema["value"] == pl.Float64 and frame.schema["year"] == pl.Int64
    assert frame.to_dicts() == pandas_frame.astype(object).where(
        pandas_frame.notna(), None
    ).to_dict("records")


def test_to_frame_names_the_libraries_it_knows() -> None:
    with pytest.raises(ValueError, match="pandas, polars"):
        to_frame([], library="arrow")  # type: ignore[call-overload]


def test_the_package_is_typed_and_versioned() -> None:
    assert (Path(extractor.__file__).parent / "py.typed").is_file()
    assert re.match(r"^\d+\.\d+", extractor.__version__)


def test_a_key_of_the_environment_never_reaches_a_result(monkeypatch: pytest.MonkeyPatch) -> None:
    key = "Qz9Wm2Lx4Rt8Vb1Nc6Yt"
    monkeypatch.setenv("OPENAI_API_KEY", key)
    text = TEXT.replace("hàng hóa", f"hàng hóa {key}")
    result = extract(text)
    assert result.facts and key not in result.model_dump_json()
