"""The checked-in JSON Schema is the one the code generates."""

from __future__ import annotations

from pathlib import Path

from extractor.schema import REGENERATE, SCHEMA_FILE, render_schema

ROOT = Path(__file__).resolve().parents[1]


def test_checked_in_schema_is_up_to_date() -> None:
    path = ROOT / SCHEMA_FILE
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    assert current == render_schema(), (
        f"{SCHEMA_FILE} is out of date with extractor/types.py; "
        f"regenerate it with `{REGENERATE}` (run from the repository root)"
    )


def test_schema_describes_the_gold_keys_of_a_fact() -> None:
    schema = render_schema()
    for key in ("numbers_masked", "flow", "period", "start_month", "basis", "quote"):
        assert f'"{key}"' in schema
