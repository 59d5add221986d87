"""A rules-only run starts quickly: it never loads a model client (openai, HTTP, cassettes).

Start-up is the serial part of every run, so it bounds what ``--workers`` can gain.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).parents[1] / "samples"
MODEL_CLIENTS = ("openai", "httpx", "httpx2", "instructor", "vcr", "yaml")


def test_a_rules_only_run_never_loads_a_model_client(tmp_path: Path) -> None:
    code = f"""
import json, sys
from typer.testing import CliRunner
from extractor.cli import app
args = ["extract", {str(SAMPLES)!r}, "--path", "rules", "--out", {str(tmp_path)!r}]
args += ["--workers", "2"]
result = CliRunner().invoke(app, args)
assert result.exit_code == 0, result.output
print(json.dumps(sorted({{m.split(".")[0] for m in sys.modules}})))
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    loaded = set(json.loads(run.stdout.splitlines()[-1]))
    assert "extractor" in loaded and len(list(tmp_path.glob("*.json"))) == 5
    assert loaded.isdisjoint(MODEL_CLIENTS), sorted(loaded & set(MODEL_CLIENTS))


def test_the_llm_entry_points_still_load_on_first_use() -> None:
    import extractor.llm

    assert callable(extractor.llm.extract_by_llm) and callable(extractor.llm.extract_article)
