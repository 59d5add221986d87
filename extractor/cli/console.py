"""Consoles for the commands' output: piped output is not cut at 80 columns.

rich falls back to 80 columns when the stream is not a terminal, which folds every
table of a piped or redirected run; there we use a wide page instead (``COLUMNS``
still wins when set).
"""

from __future__ import annotations

import os

from rich.console import Console

PIPE_WIDTH = 200


def make_console(*, stderr: bool = False, soft_wrap: bool = False) -> Console:
    console = Console(stderr=stderr, soft_wrap=soft_wrap)
    if console.is_terminal or os.environ.get("COLUMNS"):
        return console
    return Console(stderr=stderr, soft_wrap=soft_wrap, width=PIPE_WIDTH)
