"""CSV writer of the statistics report exports (see :mod:`thads.stats.exports`).

UTF-8 with BOM (Excel opens Vietnamese correctly), comma separated, CRLF; header lines (``label,value``), a blank
line, then the table in exact VND; a text cell that starts like a formula gets a leading ``'``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from thads.stats.exports_grid import (
    Cell,
    ReportMeta,
    adjustments_grid,
    format_datetime,
    group_grid,
    heading,
    indicator_grids,
)
from thads.stats.layouts import Layout


def _csv_text(text: object) -> str:
    """Text for a CSV cell; a leading ``= + - @`` (or tab, CR) gets a ``'`` so a spreadsheet never runs it as a
    formula (names and effects are typed by users)."""
    value = "" if text is None else str(text)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _csv_value(cell: Cell) -> str | int:
    if cell.kind in ("count", "money"):
        return int(cell.value or 0)
    if cell.kind == "none" or cell.value is None:
        return ""
    return _csv_text(cell.value)


def render_csv(report: Mapping[str, Any], meta: ReportMeta, layout: Layout) -> bytes:
    t = layout.text
    h = heading(meta, layout)
    out = io.StringIO()
    w = csv.writer(out)  # excel dialect: comma, CRLF, minimal quoting
    w.writerow([t("unit"), _csv_text(meta.unit_name)])
    w.writerow([t("unit_code"), meta.unit_code])
    w.writerow([t("form"), " ".join(layout.title)] + ([layout.form_code] if layout.form_code else []))
    w.writerow([t("period"), h.period.split(": ", 1)[1]])
    w.writerow([t("produced_at"), format_datetime(meta.produced_at)])
    w.writerow([t("status"), h.status])
    w.writerow([])
    if layout.orientation == "indicators":
        grid = indicator_grids(report, meta, layout, exact_money=True, numbers=False)[0]
        w.writerow([t("code")] + [" – ".join(c.path) for c in grid.columns])
        for r in grid.rows:
            w.writerow([r.code, _csv_text(r.cells[0].value)] + [_csv_value(c) for c in r.cells[1:]])
    else:
        grid = group_grid(report, meta, layout, exact_money=True)
        label, *columns = grid.columns
        w.writerow([t("group_code"), label.path[0]] + [" – ".join(filter(None, (c.number, *c.path))) for c in columns])
        w.writerow([t("code"), ""] + [c.code for c in grid.columns[1:]])
        for r in grid.rows:
            w.writerow([_csv_text(r.code), _csv_text(r.cells[0].value)] + [_csv_value(c) for c in r.cells[1:]])
    adj = adjustments_grid(meta, layout)
    if adj is not None:
        w.writerow([])
        w.writerow([adj.heading])
        w.writerow([c.path[0] for c in adj.columns])
        for r in adj.rows:
            w.writerow([_csv_text(c.value) for c in r.cells])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
