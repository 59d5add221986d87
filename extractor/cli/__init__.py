"""The command line: one module per command, registered in ``COMMANDS``.

Adding a command is one line here: its name and the module that defines
``command`` (the function) and ``HELP`` (its help text, with examples).
"""

from __future__ import annotations

from importlib import import_module
from typing import Annotated

import typer

COMMANDS: dict[str, str] = {
    "extract": "extractor.cli.extract",
    "eval": "extractor.cli.evaluate",
    "schema": "extractor.cli.schema",
    "compare": "extractor.cli.compare",
    "explain": "extractor.cli.explain",
}

HELP = """
Turn Vietnamese news articles about Vietnam's trade statistics into validated,
source-grounded facts (flow, period, partner, item, metric, value, quote).

**Examples**

```
extractor extract samples/ --path rules --out out/
extractor eval --gold ../shared/eval/gold --articles ../shared/eval/articles --path rules
extractor schema
```
"""

app = typer.Typer(
    help=HELP,
    no_args_is_help=True,
    rich_markup_mode="markdown",
    add_completion=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        from extractor import __version__

        typer.echo(f"extractor {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_print_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Options before the command apply to the whole program."""


for _name, _module in COMMANDS.items():
    _cmd = import_module(_module)
    app.command(_name, help=_cmd.HELP, no_args_is_help=_name != "schema")(_cmd.command)
