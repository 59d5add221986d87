"""Batches: every finished article is kept, one failure does not stop the others."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.batch import MAX_CHUNK, chunks, run_batch
from extractor.cli import app
from extractor.io import InputError, read_paths, write_result
from extractor.paths import PATHS
from extractor.types import Article, ArticleResult, ExtractOptions


def articles(*names: str) -> list[Article]:
    return [Article(name=f"{n}.txt", text=f"text of {n}") for n in names]


def echo(article: Article, _options: ExtractOptions) -> ArticleResult:
    return ArticleResult(article=article.name, warnings=[article.text])


def test_results_come_back_in_input_order_and_are_written(tmp_path: Path) -> None:
    results = run_batch(articles("b", "a", "c"), echo, out_dir=tmp_path, workers=3)
    assert [r.article for r in results] == ["b.txt", "a.txt", "c.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.json", "c.json"]
    assert json.loads((tmp_path / "a.json").read_text())["warnings"] == ["text of a"]


def test_an_exception_becomes_that_articles_error(tmp_path: Path) -> None:
    def flaky(article: Article, options: ExtractOptions) -> ArticleResult:
        if article.name == "bad.txt":
            raise ValueError("model answer was not JSON")
        return echo(article, options)

    results = run_batch(articles("ok1", "bad", "ok2"), flaky, out_dir=tmp_path, workers=2)

    assert [r.error for r in results] == [
        None,
        "bad.txt: ValueError: model answer was not JSON",
        None,
    ]
    assert {p.name for p in tmp_path.iterdir()} == {"ok1.json", "bad.json", "ok2.json"}


def test_finished_articles_are_on_disk_when_the_run_is_interrupted(tmp_path: Path) -> None:
    def interrupted(article: Article, options: ExtractOptions) -> ArticleResult:
        if article.name == "c.txt":
            raise KeyboardInterrupt
        return echo(article, options)

    with pytest.raises(KeyboardInterrupt):
        run_batch(articles("a", "b", "c", "d"), interrupted, out_dir=tmp_path, workers=1)
    assert {"a.json", "b.json"} <= {p.name for p in tmp_path.iterdir()}


def test_resume_skips_articles_already_done(tmp_path: Path) -> None:
    write_result(tmp_path, ArticleResult(article="a.txt", warnings=["from before"]))
    calls: list[str] = []
    lock = threading.Lock()

    def counting(article: Article, options: ExtractOptions) -> ArticleResult:
        with lock:
            calls.append(article.name)
        return echo(article, options)

    results = run_batch(articles("a", "b"), counting, out_dir=tmp_path, resume=True)

    assert calls == ["b.txt"]
    assert results[0].warnings == ["from before"]


@pytest.mark.parametrize(
    "previous",
    ['{"article": "a.txt", "error": "a.txt: timed out"}', '{"article": "a.t', ""],
    ids=["failed-before", "half-written", "empty"],
)
def test_resume_redoes_failed_or_unreadable_output(tmp_path: Path, previous: str) -> None:
    (tmp_path / "a.json").write_text(previous)
    results = run_batch(articles("a"), echo, out_dir=tmp_path, resume=True)
    assert results[0].error is None
    assert results[0].warnings == ["text of a"]


def test_without_resume_everything_is_redone(tmp_path: Path) -> None:
    write_result(tmp_path, ArticleResult(article="a.txt", warnings=["from before"]))
    [result] = run_batch(articles("a"), echo, out_dir=tmp_path)
    assert result.warnings == ["text of a"]


def test_refused_files_are_written_but_missing_paths_are_not(tmp_path: Path) -> None:
    items = [
        InputError("in/empty.txt", "file is empty", name="empty.txt"),
        InputError("in/nothing", "no such file or folder"),
    ]
    results = run_batch(items, echo, out_dir=tmp_path)
    assert [r.error for r in results] == [
        "in/empty.txt: file is empty",
        "in/nothing: no such file or folder",
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["empty.json"]


def test_cli_exit_code_is_1_when_one_article_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails_on_b(article: Article, options: ExtractOptions) -> ArticleResult:
        if article.name == "b.txt":
            raise RuntimeError("boom")
        return echo(article, options)

    monkeypatch.setitem(PATHS, "flaky", fails_on_b)
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(f"text of {name}")
    out = tmp_path / "out"

    result = CliRunner().invoke(
        app, ["extract", str(tmp_path), "--path", "flaky", "--out", str(out), "--workers", "2"]
    )

    assert result.exit_code == 1
    assert "b.txt: RuntimeError: boom" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "b.json", "c.json"]


def pid_of_worker(article: Article, _options: ExtractOptions) -> ArticleResult:
    return ArticleResult(article=article.name, warnings=[str(os.getpid())])


def test_a_cpu_bound_path_runs_in_worker_processes_that_write_their_results(
    tmp_path: Path,
) -> None:
    names = [f"a{i}" for i in range(6)]
    results = run_batch(
        articles(*names), pid_of_worker, out_dir=tmp_path, workers=2, processes=True
    )
    pids = {int(r.warnings[0]) for r in results}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2
    assert [r.article for r in results] == [f"{n}.txt" for n in names]
    written = {json.loads((tmp_path / f"{n}.json").read_text())["warnings"][0] for n in names}
    assert written == {str(pid) for pid in pids}


def test_one_worker_needs_no_process(tmp_path: Path) -> None:
    results = run_batch(articles("a", "b"), pid_of_worker, workers=1, processes=True)
    assert {r.warnings[0] for r in results} == {str(os.getpid())}


def test_worker_processes_get_the_articles_in_chunks_longest_first() -> None:
    todo = [(i, Article(name=f"a{i}.txt", text="x" * (i % 7 + 1))) for i in range(300)]

    groups = chunks(todo, workers=2)

    sent = [index for group in groups for index, _ in group]
    assert sorted(sent) == list(range(300))  # each article exactly once
    assert all(1 <= len(group) <= MAX_CHUNK for group in groups)
    assert len(groups) < len(todo) / 4  # few round trips, not one per article
    lengths = [len(article.text) for group in groups for _, article in group]
    assert lengths == sorted(lengths, reverse=True)  # the last chunks are the quick ones


def test_a_small_batch_is_spread_over_every_worker() -> None:
    todo = [(i, Article(name=f"a{i}.txt", text="x")) for i in range(3)]
    assert [len(group) for group in chunks(todo, workers=2)] == [1, 1, 1]


def test_worker_processes_give_the_same_results_as_one_process(tmp_path: Path) -> None:
    items = read_paths([Path(__file__).parents[1] / "samples"])
    rules = PATHS["rules"]

    alone = run_batch(items, rules, out_dir=tmp_path / "one", workers=1, processes=True)
    shared = run_batch(items, rules, out_dir=tmp_path / "two", workers=2, processes=True)

    assert shared == alone and sum(len(r.facts) for r in alone) > 0
    for result in alone:
        name = f"{Path(result.article).stem}.json"
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes()


def test_the_rules_path_is_the_one_run_in_processes() -> None:
    from extractor.paths import CPU_BOUND

    assert {"rules"} == CPU_BOUND
