"""XLSX writer of the statistics report exports (xlsxwriter; see :mod:`thads.stats.exports`).

Agency and national motto side by side, merged bold title, header block, bold bordered table header (merged group
headings), money ``#,##0`` (scaled by the layout's divisor with Excel's ``,`` scaling, so the cells keep exact VND),
RATE a number with two decimals, widths set, frozen header, landscape fit to width with the header rows repeated.
The sheet is written top to bottom by one function per block (banner, table header, body, adjustments, signatures).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from thads.stats.exports_grid import (
    Grid,
    Heading,
    ReportMeta,
    adjustments_grid,
    group_grid,
    header_cells,
    heading,
    indicator_grids,
)
from thads.stats.layouts import Layout


class _Sheet:
    """The worksheet being written, its cached formats and the next free row."""

    def __init__(self, wb: Any, ws: Any, grid: Grid) -> None:
        self.wb, self.ws, self.grid = wb, ws, grid
        self.row = 0
        self.ncols = len(grid.columns)
        self.split = max(1, self.ncols // 2) if self.ncols > 1 else 1
        self.widths = [c.width for c in grid.columns]
        self.left_w, self.right_w = sum(self.widths[:self.split]), sum(self.widths[self.split:])
        self.full_w = sum(self.widths)
        self._base = {"font_name": "Times New Roman", "font_size": 11, "valign": "vcenter"}
        self._cache: dict[tuple[tuple[str, Any], ...], Any] = {}

    def fmt(self, **props: Any) -> Any:
        merged = {**self._base, **props}
        key = tuple(sorted(merged.items()))
        if key not in self._cache:
            self._cache[key] = self.wb.add_format(merged)
        return self._cache[key]

    def band(self, r: int, c1: int, c2: int, text: str, f: Any) -> None:
        if c2 > c1:
            self.ws.merge_range(r, c1, r, c2, text, f)
        else:
            self.ws.write_string(r, c1, text, f)


def _lines(text: str, width: float, bold: bool = False) -> int:
    """Lines a wrapped text takes in a cell ``width`` characters wide (xlsxwriter cannot auto-fit rows)."""
    return max(1, -(-int(len(text) * (1.15 if bold else 1.0)) // max(1, int(width))))


def _banner(s: _Sheet, h: Heading) -> None:
    """Agency (left) and motto (right), the title, period, production time and status, the units note."""
    fmt, ncols, split = s.fmt, s.ncols, s.split
    left = [(h.agency[0], fmt(bold=True, align="center", text_wrap=True), _lines(h.agency[0], s.left_w, True)),
            (h.agency[1], fmt(align="center", italic=True), 1)]
    if h.form_code:
        left.append((h.form_code, fmt(align="center", italic=True), 1))
    right = [(line, fmt(bold=True, align="center", text_wrap=True,
                        underline=1 if i == len(h.motto) - 1 and i else 0), _lines(line, s.right_w, True))
             for i, line in enumerate(h.motto)]
    for i in range(max(len(left), len(right))):
        height = 1
        if i < len(left):
            s.band(s.row, 0, split - 1, *left[i][:2])
            height = max(height, left[i][2])
        if i < len(right):
            s.band(s.row, split, ncols - 1, *right[i][:2])
            height = max(height, right[i][2])
        s.ws.set_row(s.row, 15 * height + 3)
        s.row += 1
    s.row += 1
    for line in h.title:
        s.band(s.row, 0, ncols - 1, line, fmt(bold=True, align="center", font_size=14))
        s.ws.set_row(s.row, 21)
        s.row += 1
    for text, f in ((h.period, fmt(align="center", bold=True)),
                    (f"{h.produced}   •   {h.status}", fmt(align="center", italic=True)),
                    (h.reference_note, fmt(align="center", italic=True, font_size=9, font_color="#555555"))):
        if text:
            s.band(s.row, 0, ncols - 1, text, f)
            s.row += 1
    s.band(s.row, 0, ncols - 1, h.units_note, fmt(align="right", italic=True, font_size=10))
    s.row += 1


def _table_header(s: _Sheet) -> tuple[int, int]:
    """The merged table header (and the column numbers row); returns its first and last sheet rows."""
    grid, ws = s.grid, s.ws
    depth, hcells = header_cells(grid.columns)
    head_fmt = s.fmt(bold=True, align="center", text_wrap=True, border=1, bg_color="#E7E6E6")
    first_header = s.row
    for hc in hcells:
        r1, c1 = s.row + hc.row, hc.col
        r2, c2 = r1 + hc.rowspan - 1, c1 + hc.colspan - 1
        if r2 > r1 or c2 > c1:
            ws.merge_range(r1, c1, r2, c2, hc.text, head_fmt)
        else:
            ws.write_string(r1, c1, hc.text, head_fmt)
    for level in range(depth):
        longest = max((len(hc.text) / max(1.0, sum(grid.columns[c].width for c in range(hc.col, hc.col + hc.colspan)))
                       for hc in hcells if hc.row == level and hc.row + hc.rowspan - 1 == level), default=0.0)
        ws.set_row(s.row + level, max(18, 15 * (int(longest * 1.1) + 1)))
    s.row += depth
    if grid.number_row:
        nf = s.fmt(italic=True, align="center", border=1, font_size=9)
        for i, col in enumerate(grid.columns):
            ws.write_string(s.row, i, col.number, nf)
        s.row += 1
    return first_header, s.row - 1


def _body(s: _Sheet, layout: Layout) -> None:
    """One sheet row per grid row: labels indented by level, counts and money as numbers, RATE with two decimals."""
    t, grid, ws, fmt = layout.text, s.grid, s.ws, s.fmt
    scale = {1: "", 1000: ",", 1000000: ",,"}[layout.money_divisor]
    num_formats = {"count": "#,##0", "money": "#,##0" + scale, "rate": "0.00"}
    for r in grid.rows:
        row = s.row
        for i, (col, cell) in enumerate(zip(grid.columns, r.cells, strict=True)):
            common: dict[str, Any] = {"border": 1, "bold": r.bold}
            if col.kind == "number":
                ws.write_string(row, i, str(cell.value or ""), fmt(align="center", **common))
            elif col.kind in ("label", "text"):
                indent = {"indent": r.level} if i == grid.label_col and r.level else {}
                ws.write_string(row, i, str(cell.value or ""), fmt(align="left", text_wrap=True, **indent, **common))
            elif cell.kind == "none" or (cell.kind == "rate" and cell.value is None):
                none = t("no_case_figure") if cell.kind == "none" else t("no_rate")
                ws.write_string(row, i, none, fmt(align="center", **common))
            elif cell.kind == "rate":
                ws.write_number(row, i, float(Decimal(str(cell.value))), fmt(num_format=num_formats["rate"], **common))
            else:
                ws.write_number(row, i, int(cell.value or 0), fmt(num_format=num_formats[cell.kind], **common))
        s.row += 1


def _adjustments(s: _Sheet, adj: Grid, layout: Layout) -> None:
    """The acts entered after closing: a heading, the note, then one numbered line per act."""
    t, fmt, ncols, ws = layout.text, s.fmt, s.ncols, s.ws
    s.row += 1
    s.band(s.row, 0, ncols - 1, adj.heading, fmt(bold=True))
    s.row += 1
    s.band(s.row, 0, ncols - 1, t("adjustments_note"), fmt(italic=True, font_size=10, text_wrap=True))
    ws.set_row(s.row, 14 * _lines(t("adjustments_note"), s.full_w * 1.1) + 3)
    s.row += 1
    line_fmt = fmt(text_wrap=True, border=1)
    for n, r in enumerate(adj.rows, 1):
        case, kind, on, entered, effect = (str(c.value) for c in r.cells)
        text = (f"{case} — {kind} — {t('adj_on')} {on} — {t('adj_entered_at')} {entered}: {effect}")
        if ncols > 1:
            ws.write_string(s.row, 0, str(n), fmt(align="center", border=1))
        s.band(s.row, 1 if ncols > 1 else 0, ncols - 1, text, line_fmt)
        ws.set_row(s.row, 15 * _lines(text, s.full_w - (s.widths[0] if ncols > 1 else 0)) + 3)
        s.row += 1


def _signatures(s: _Sheet, layout: Layout) -> None:
    """Place and date, then the signature titles side by side (two: the halves of the sheet)."""
    fmt, ncols, split = s.fmt, s.ncols, s.split
    s.row += 1
    s.band(s.row, split, ncols - 1, layout.text("place_date"), fmt(italic=True, align="center"))
    s.row += 1
    sigs = layout.signatures
    spans = [(0, split - 1), (split, ncols - 1)] if len(sigs) == 2 else \
        [(i * ncols // len(sigs), (i + 1) * ncols // len(sigs) - 1) for i in range(len(sigs))]
    for sig, (c1, c2) in zip(sigs, spans, strict=False):
        s.band(s.row, c1, c2, sig.title, fmt(bold=True, align="center"))
        if sig.note:
            s.band(s.row + 1, c1, c2, sig.note, fmt(italic=True, align="center"))


def render_xlsx(report: Mapping[str, Any], meta: ReportMeta, layout: Layout) -> bytes:
    import xlsxwriter

    h = heading(meta, layout)
    grid = (indicator_grids(report, meta, layout)[0] if layout.orientation == "indicators"
            else group_grid(report, meta, layout))
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties({"title": " ".join(layout.title), "subject": h.period, "company": meta.unit_name,
                       "comments": f"THADS – {layout.name}"})
    ws = wb.add_worksheet(layout.sheet_name)
    s = _Sheet(wb, ws, grid)
    for i, col in enumerate(grid.columns):
        ws.set_column(i, i, col.width)
    _banner(s, h)
    first_header, last_header = _table_header(s)
    _body(s, layout)
    adj = adjustments_grid(meta, layout)
    if adj is not None:
        _adjustments(s, adj, layout)
    if layout.signatures:
        _signatures(s, layout)
    ws.freeze_panes(last_header + 1, grid.freeze_cols)
    ws.repeat_rows(first_header, last_header)
    ws.set_landscape()
    ws.set_paper(8 if layout.page_size == "A3" else 9)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.center_horizontally()
    ws.set_footer(f"&C{layout.text('page')} &P/&N")
    wb.close()
    return buf.getvalue()
