"""Exports of the statistics report (interchange.md §2 JSON form) as CSV, XLSX and PDF, laid out by a form layout.

Pure: no ORM access. The caller passes the report dictionary (``thads.domain.report.compute_report`` or a closed
snapshot) and a :class:`ReportMeta` (unit, period, production time, closing status, adjustments, group names);
:func:`render` returns the file's bytes. What is printed where comes from the layout file
(:mod:`thads.stats.layouts`, ``src/thads/stats/layouts/<name>.json``): this module only reads it.

One neutral table model (:class:`Grid`, :mod:`thads.stats.exports_grid`) is built from report + layout, then written
by three small writers (``exports_csv``, ``exports_xlsx``, ``exports_pdf``); this module is their entry point and
re-exports the names callers use:

* **CSV**: UTF-8 with BOM (Excel opens Vietnamese correctly), comma separated, CRLF; header lines
  (``label,value``), a blank line, then the table: indicator code, label, cases, money (exact VND, plain integers;
  RATE in the contract's form ``62.26``; no case figure for GIAM → empty cell). With ``groups`` each group adds a
  pair of columns. A ``groups`` layout gives one line per group (``*`` = the total line) under two header lines
  (headings, then indicator codes).
* **XLSX** (xlsxwriter): agency and national motto side by side, merged bold title, header block, bold bordered
  table header (merged group headings), money ``#,##0`` (scaled by the layout's divisor with Excel's ``,`` scaling,
  so the cells keep exact VND), RATE a number with two decimals, widths set, frozen header, landscape A4 fit to
  width with the header rows repeated.
* **PDF** (WeasyPrint, ``templates/stats/report_pdf.html``): page size and orientation from the layout (the
  default layout A4 portrait, the per-group forms A4 landscape), Liberation Serif embedded from ``static/fonts``
  (DejaVu Serif lacks ₫), money ``1.234.567`` (divided by the layout's ``money_divisor``, half up), rates ``62,26``,
  page numbers, signature block. With ``groups`` in an
  ``indicators`` layout the main table shows the totals and the groups follow in tables of
  ``page.groups_per_table`` column pairs.

Every format carries the header block (unit, period, "Thời điểm lập: HH:MM dd/mm/yyyy", "Số liệu đã khóa sổ" or
"… chưa khóa sổ (tạm tính)") and, when given, the acts entered after closing ("Điều chỉnh sau khóa sổ").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from thads.stats.exports_csv import render_csv
from thads.stats.exports_grid import (
    EVENT_KIND_LABELS,
    VALUE_LABELS,
    VN_TZ,
    Cell,
    Grid,
    GridColumn,
    GridRow,
    HeaderCell,
    Heading,
    ReportMeta,
    adjustments_grid,
    check_report,
    divide,
    format_date,
    format_datetime,
    group_digits,
    group_grid,
    header_cells,
    heading,
    indicator_grids,
    rate_vn,
)
from thads.stats.exports_pdf import FONT_DIR, PACKAGE_DIR, TEMPLATE_DIR, render_pdf
from thads.stats.exports_xlsx import render_xlsx
from thads.stats.layouts import Layout, LayoutError, load_layout

__all__ = [
    "CONTENT_TYPES", "EVENT_KIND_LABELS", "FONT_DIR", "FORMATS", "PACKAGE_DIR", "TEMPLATE_DIR", "VALUE_LABELS", "VN_TZ",
    "Cell", "Grid", "GridColumn", "GridRow", "HeaderCell", "Heading", "Layout", "LayoutError", "ReportMeta",
    "adjustments_grid", "divide", "filename", "format_date", "format_datetime", "group_digits", "group_grid",
    "header_cells", "heading", "indicator_grids", "load_layout", "rate_vn", "render", "render_csv", "render_pdf",
    "render_xlsx",
]

FORMATS = ("csv", "xlsx", "pdf")
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "pdf": "application/pdf"}


def render(report: Mapping[str, Any], meta: ReportMeta, fmt: str, layout: str | Layout = "default") -> bytes:
    """The report as a ``fmt`` file (``csv``, ``xlsx`` or ``pdf``) laid out by ``layout`` (a layout name, see
    :func:`thads.stats.layouts.load_layout`, or a :class:`Layout`). ``ValueError`` on an unknown format, a report
    that is not of the contract's form or does not match ``meta``; :class:`LayoutError` on a bad layout."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    lay = layout if isinstance(layout, Layout) else load_layout(layout)
    check_report(report, meta)
    writer = {"csv": render_csv, "xlsx": render_xlsx, "pdf": render_pdf}[fmt]
    return writer(report, meta, lay)


def filename(meta: ReportMeta, fmt: str, layout: str = "default") -> str:
    """A download name: ``bao-cao-HUE-2024-10-01-2025-09-30[-layout].pdf`` (ASCII, no spaces)."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", meta.unit_code).strip("-") or "don-vi"
    suffix = "" if layout == "default" else f"-{layout}"
    return f"bao-cao-{safe}-{meta.date_from.isoformat()}-{meta.date_to.isoformat()}{suffix}.{fmt}"
