"""`extractor explain`: why the rules read each number of an article as they did."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from extractor.io import read_article
from extractor.rules.explain import NumberWhy, at_offset, explain_article
from extractor.types import Article

HELP = """
Show, for each fact the rules give for one article, its value and every key with the
rule that decided it and the words that rule fired on; numbers that are no fact are
listed with the rule that left them out.

`--fact N` shows the N-th fact only (1-based, in output order); `--at OFFSET` the
number written at that character offset of the file (else the nearest one), fact or not.

**Examples**

```
extractor explain samples/001_791fcfb07cf1515f.txt
extractor explain samples/001_791fcfb07cf1515f.txt --fact 3
extractor explain samples/001_791fcfb07cf1515f.txt --at 1200
```
"""


def _lines(why: NumberWhy) -> list[str]:
    if why.fact is None:
        return [f"number {why.number!r} at {why.start}-{why.end}: no fact ({why.not_fact})"]
    f = why.fact
    head = f"fact {why.fact_index}: {f.value:,.10g} ({why.number!r} at {why.start}-{why.end})"
    rows = [head, f"  quote: {f.quote}"]
    for s in why.slots:
        words = f"  «{s.words}»" if s.words else ""
        rows.append(f"  {s.slot:<8} {s.value:<22} {s.rule}{words}")
    return rows


def command(
    file: Annotated[Path, typer.Argument(help="One article (a .txt file).", show_default=False)],
    fact: Annotated[
        int | None, typer.Option("--fact", "-n", help="Only the N-th fact (1-based).")
    ] = None,
    at: Annotated[
        int | None, typer.Option("--at", help="Only the number at this character offset.")
    ] = None,
) -> None:
    loaded = read_article(file)
    if not isinstance(loaded, Article):
        typer.echo(f"{loaded.path}: {loaded.reason}", err=True)
        raise typer.Exit(code=1)
    numbers = explain_article(loaded)
    facts = [n for n in numbers if n.fact is not None]
    if fact is not None:
        if not 1 <= fact <= len(facts):
            typer.echo(f"{file}: fact {fact} out of range (the rules give {len(facts)})", err=True)
            raise typer.Exit(code=2)
        shown = [facts[fact - 1]]
    elif at is not None:
        shown = at_offset(numbers, at)
    else:
        shown = facts + [n for n in numbers if n.fact is None]
    if not numbers:
        typer.echo(f"{file}: no numbers the rules read (none, or masked)")
    for why in shown:
        typer.echo("\n".join(_lines(why)))
