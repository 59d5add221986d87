"""The JSON Schema of one article's output, checked in so consumers need no Python.

``schemas/article_result.schema.json`` is generated from ``ArticleResult``; a test
fails when the two drift apart, and ``extractor schema`` regenerates the file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extractor.types import ArticleResult

SCHEMA_FILE = Path("schemas") / "article_result.schema.json"
REGENERATE = "extractor schema"
_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def article_result_schema() -> dict[str, Any]:
    return {"$schema": _DIALECT, **ArticleResult.model_json_schema(mode="serialization")}


def render_schema() -> str:
    """The file's exact text: stable key order and a final newline, for clean diffs."""
    return json.dumps(article_result_schema(), ensure_ascii=False, indent=2) + "\n"


def write_schema(path: Path = SCHEMA_FILE) -> bool:
    """Write the schema; True when the file changed."""
    text = render_schema()
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True
