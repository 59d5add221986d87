"""What every test starts from, whatever terminal or runner the suite runs in."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_terminal_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Output widths do not depend on the terminal the suite runs in (pytest-xdist workers
    inherit COLUMNS from it)."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)
