"""Tables written as text ("Mặt hàng | Tháng 10/2025 (triệu USD) | So với tháng 9 (%) | ...").

A cell means nothing alone: its row names the item or partner, its column header
names the period, the unit and scale, and whether it is a level, a change (with
its basis) or a share. This module reads such tables into cells that carry all of
that; the resolver turns them into facts like any other number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.numbers import parse_number
from extractor.rules import lexicon
from extractor.rules.periods import find_periods
from extractor.rules.vocab import PATTERNS, VOCAB

_P = PATTERNS.of("tables")

_SCALE = VOCAB.numbers("scale")


@dataclass(frozen=True)
class Column:
    metric: str  # "value", "quantity", "change_pct", "share_pct"
    scale: float
    period: tuple[int | None, int, int] | None
    comparison: str  # the header text of a change column ("so với tháng 9/2025")


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    value: float
    row_label: str
    column: Column
    row_start: int
    row_end: int


def _column(header: str, previous: Column | None) -> Column | None:
    low = header.lower()
    unit = " ".join(_P.unit.findall(low))
    periods = find_periods(low)
    period = (periods[0].year, periods[0].start_month, periods[0].end_month) if periods else None
    comparison = bool(_P.comparison_header.search(low))
    if "%" in unit or "%" in low:
        if _P.share_header.search(low):
            return Column("share_pct", 1.0, period or (previous.period if previous else None), "")
        if comparison:
            base = previous.period if previous else period
            return Column("change_pct", 1.0, base, low)
        return None
    scale = next((v for k, v in _SCALE.items() if re.search(rf"(?<![\w]){k}(?![\w])", unit)), 1.0)
    if _P.tonnes_unit.search(unit):
        return Column("quantity", scale, period, "")
    if _P.usd_unit.search(unit):
        return Column("value", scale, period, "")
    return None


def read_tables(text: str, decimal: str) -> list[Cell]:
    """Every number of every text table, with its row label and column meaning."""
    cells: list[Cell] = []
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
    i = 0
    while i < len(lines):
        start, line = lines[i]
        if line.count("|") < 2:
            i += 1
            continue
        width = line.count("|")
        block = [(start, line)]
        j = i + 1
        while j < len(lines) and lines[j][1].count("|") == width:
            block.append(lines[j])
            j += 1
        i = j
        if len(block) < 2:
            continue
        columns: list[Column | None] = []
        previous: Column | None = None
        for header in block[0][1].split("|")[1:]:
            col = _column(header, previous)
            columns.append(col)
            if col is not None and col.metric in ("value", "quantity"):
                previous = col
        for row_start, row in block[1:]:
            parts = row.split("|")
            label = parts[0].strip()
            offset = row_start + len(parts[0]) + 1
            for part, col in zip(parts[1:], columns, strict=False):
                raw = part.strip()
                cell_start = offset + (len(part) - len(part.lstrip()))
                offset += len(part) + 1
                if col is None or not _P.number.match(raw):
                    continue
                negative = raw[0] in "-−–"
                try:
                    number = parse_number(raw.lstrip("-−–+ "), decimal=decimal)
                except ValueError:
                    continue
                value = (-number if negative else number) * col.scale
                cells.append(
                    Cell(
                        cell_start,
                        cell_start + len(raw),
                        value,
                        label,
                        col,
                        row_start,
                        row_start + len(row),
                    )
                )
    return cells


def partner_of(label: str) -> str | None:
    """A row label that is a partner's name ("Hoa Kỳ") rather than a product."""
    return lexicon.PARTNERS.get(label.strip().lower())
