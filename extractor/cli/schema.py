"""`extractor schema`: regenerate the checked-in JSON Schema of one article's output."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from extractor.schema import SCHEMA_FILE, render_schema, write_schema

HELP = """
Write the JSON Schema of one article's output (ArticleResult).

Run it after changing extractor/types.py; a test fails while the checked-in file is
out of date. `--check` only compares (exit 1 when out of date), for CI.

**Examples**

```
extractor schema
extractor schema --check
```
"""


def command(
    out: Annotated[Path, typer.Option("--out", "-o", help="Schema file to write.")] = SCHEMA_FILE,
    check: Annotated[
        bool, typer.Option("--check", help="Do not write; fail if the file is out of date.")
    ] = False,
) -> None:
    if check:
        current = out.read_text(encoding="utf-8") if out.exists() else None
        if current != render_schema():
            typer.echo(f"{out} is out of date; run `extractor schema` to regenerate it", err=True)
            raise typer.Exit(code=1)
        typer.echo(f"{out} is up to date")
        return
    changed = write_schema(out)
    typer.echo(f"{'wrote' if changed else 'unchanged:'} {out}")
