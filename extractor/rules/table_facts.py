"""Cells of text tables, read with their row label and column header.

Each key of a cell is decided by a named rule of this module (the table is its own
evidence): the flow word before the table, the column's period or the one before the
table, the row's partner or item, the column's metric and comparison.
"""

from __future__ import annotations

from typing import Any

from extractor.numbers import Amount, Unit
from extractor.rules.context import Period, Resolved
from extractor.rules.document import Anchor, Document, nearest_left
from extractor.rules.engine import Decision
from extractor.rules.slots.basis import of_comparison
from extractor.rules.tables import Cell, partner_of, read_tables
from extractor.rules.vocab import PATTERNS

_P = PATTERNS.of("table_facts")

_TABLE_UNITS = {
    "value": Unit.USD,
    "quantity": Unit.TONNE,
    "change_pct": Unit.PERCENT,
    "share_pct": Unit.PERCENT,
}


def _period(doc: Document, cell: Cell) -> Decision[Period] | None:
    period = cell.column.period
    rule = "table: the column's period"
    if period is None:
        before = nearest_left(doc.periods, doc.period_starts, cell.row_start, 0, lambda p, q: True)
        if before is None:
            return None
        period = (before.year, before.start_month, before.end_month)
        rule = "table: the period before the table"
    if period[0] is None:
        period = (doc.main_year, period[1], period[2])
    return Decision(period, rule, None)


def _cell(doc: Document, cell: Cell) -> Resolved | None:
    flow_cue = nearest_left(doc.flows, doc.flow_starts, cell.row_start, 0, doc.visible)
    period = _period(doc, cell)
    if flow_cue is None or period is None:
        return None
    col, row = cell.column, (cell.row_start, cell.row_end)
    partner = partner_of(cell.row_label)
    item = None if partner or _P.table_total.match(cell.row_label) else cell.row_label or None
    basis = None
    if col.metric == "change_pct":
        basis = of_comparison(col.comparison, period.value) or "yoy"
    flow = Decision(
        flow_cue.value, "table: the flow word before the table", (flow_cue.start, flow_cue.end)
    )
    trace: dict[str, Decision[Any]] = {
        "flow": flow,
        "scope": Decision(flow_cue.scope, flow.rule, flow.span),
        "period": period,
        "sector": Decision(None, "table: no sector", None),
        "partner": Decision(partner, "table: the row's partner", row),
        "item": Decision(item, "table: the row's label", row),
        "metric": Decision(col.metric, "table: the column's header", None),
        "sign": Decision(1, "table: the column's header", None),
        "basis": Decision(basis, "table: the column's comparison", None),
    }
    amount = Amount(
        cell.start, cell.end, cell.value, _TABLE_UNITS[col.metric], doc.text[cell.start : cell.end]
    )
    anchor = Anchor(amount, -1, row, cell.row_start)
    return Resolved(
        anchor, flow_cue.value, flow_cue.scope, period.value, None, partner, item,
        col.metric, 1, basis, trace,
    )  # fmt: skip


def table_facts(doc: Document) -> list[Resolved]:
    """A fact for each cell of the document's text tables that has a flow and a period."""
    return [r for cell in read_tables(doc.text, doc.decimal) if (r := _cell(doc, cell))]
