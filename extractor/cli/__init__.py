"""The command line: one module per command, registered in ``COMMANDS``.

Adding a command is one line here: its name and the module that defines
``command`` (the function) and ``HELP`` (its help text, with examples).
"""

from __future__ import annotations

from importlib import import_module

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
)

for _name, _module in COMMANDS.items():
    _cmd = import_module(_module)
    app.command(_name, help=_cmd.HELP, no_args_is_help=_name != "schema")(_cmd.command)
