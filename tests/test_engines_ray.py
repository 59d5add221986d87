"""--engine ray: the same per-article function on a local Ray (2 CPUs) gives the same facts."""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import ray
from typer.testing import CliRunner

from extractor.cli import app
from extractor.engines.ray import extract_dataset
from extractor.io import read_paths
from extractor.output import article_row, fact_rows
from extractor.rules import extract_by_rules
from extractor.types import Article

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def in_process() -> tuple[list[dict], list[dict]]:
    results = [extract_by_rules(a) for a in read_paths([SAMPLES]) if isinstance(a, Article)]
    facts = [row for r in results for row in fact_rows(r, "rules")]
    return facts, [article_row(r, "rules") for r in results]


def ordered(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda row: (row["article"], row.get("fact", 0)))


def test_extract_engine_ray_gives_the_in_process_facts(local_ray: None, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["extract", str(SAMPLES), "--engine", "ray", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert re.search(r"rules\s*│\s*5\s*│\s*\d+\s*│\s*1\s*│\s*0", result.output)
    facts, articles = in_process()
    assert ordered(pq.read_table(tmp_path / "facts").to_pylist()) == ordered(facts)
    assert ordered(pq.read_table(tmp_path / "articles").to_pylist()) == ordered(articles)


def test_a_jsonl_column_of_texts_gives_the_same_facts(local_ray: None, tmp_path: Path) -> None:
    table = tmp_path / "texts.jsonl"
    with table.open("w", encoding="utf-8") as handle:
        for path in sorted(SAMPLES.glob("*.txt")):
            row = {"body": path.read_text(encoding="utf-8"), "id": path.name}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    run = extract_dataset(table, text_column="body", name_column="id")
    facts, _ = in_process()
    assert ordered(run.facts.take_all()) == ordered(facts)
    assert run.written == []  # no out: the datasets only
    assert run.summarise().failed == 0


def test_ray_refuses_what_it_cannot_write(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["extract", str(SAMPLES), "--engine", "ray", "--format", "csv", "-o", str(tmp_path)]
    )
    flat = " ".join(result.output.replace("│", " ").split())
    assert result.exit_code == 2 and "writes Parquet or JSONL" in flat


def test_an_address_where_nothing_listens_stops_at_once(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    args = ["extract", str(SAMPLES), "--engine", "ray", "--address", f"127.0.0.1:{port}"]
    result = CliRunner().invoke(app, [*args, "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert f"nothing answers at 127.0.0.1:{port}" in result.output
    assert "ray start --head" in result.output
