"""PDF writer of the statistics report exports (WeasyPrint, ``templates/stats/report_pdf.html``; see
:mod:`thads.stats.exports`). Liberation Serif is embedded from ``static/fonts`` (DejaVu Serif lacks ₫)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from thads.stats.exports_grid import (
    Cell,
    Grid,
    ReportMeta,
    adjustments_grid,
    divide,
    group_digits,
    group_grid,
    header_cells,
    heading,
    indicator_grids,
    rate_vn,
)
from thads.stats.layouts import Layout

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/thads
FONT_DIR = PACKAGE_DIR / "static" / "fonts"
TEMPLATE_DIR = PACKAGE_DIR / "templates"


def _css_string(text: str) -> str:
    """A CSS string literal (for ``content:`` inside ``<style>``, where HTML escaping does not apply)."""
    return '"' + "".join(ch if ch.isalnum() or ch in " .,:;·–-()/%" else f"\\{ord(ch):x} " for ch in text) + '"'


def _pdf_text(cell: Cell, layout: Layout) -> tuple[str, str]:
    """(text, css class) of a body cell in the PDF."""
    if cell.kind == "none":
        return layout.text("no_case_figure"), "na"
    if cell.kind == "rate":
        return rate_vn(cell.value if isinstance(cell.value, str) else None, layout.text("no_rate")), "num"
    if cell.kind == "count":
        return group_digits(int(cell.value or 0)), "num"
    if cell.kind == "money":
        return group_digits(divide(int(cell.value or 0), layout.money_divisor)), "num"
    return str(cell.value or ""), "txt"


def _pdf_grid(grid: Grid, layout: Layout) -> dict[str, Any]:
    depth, hcells = header_cells(grid.columns)
    # Strings only: the template is rendered without Django settings, so no number localisation may run.
    head = [[{"text": hc.text, "rowspan": str(hc.rowspan) if hc.rowspan > 1 else "",
              "colspan": str(hc.colspan) if hc.colspan > 1 else ""} for hc in hcells if hc.row == level]
            for level in range(depth)]
    total = sum(c.width for c in grid.columns)
    rows = []
    for r in grid.rows:
        cells = []
        for i, (col, cell) in enumerate(zip(grid.columns, r.cells, strict=True)):
            text, css = _pdf_text(cell, layout)
            if col.kind == "number":
                css = "ctr"
            indent = f"{0.3 + 1.4 * r.level:.1f}em" if i == grid.label_col and col.kind == "label" else ""
            cells.append({"text": text, "css": css, "indent": indent})
        rows.append({"cells": cells, "bold": r.bold})
    return {"heading": grid.heading, "head": head,
            "widths": [f"{100 * c.width / total:.2f}%" for c in grid.columns],
            "numbers": [c.number for c in grid.columns] if grid.number_row else None, "rows": rows}


def render_pdf(report: Mapping[str, Any], meta: ReportMeta, layout: Layout) -> bytes:
    from django.template import Context, Engine
    from weasyprint import HTML

    if layout.orientation == "indicators":
        grids = indicator_grids(report, meta, layout, per_table=layout.groups_per_table)
    else:
        grids = [group_grid(report, meta, layout)]
    adj = adjustments_grid(meta, layout)
    h = heading(meta, layout)
    engine = Engine(dirs=[str(TEMPLATE_DIR)], autoescape=True)
    html = engine.get_template("stats/report_pdf.html").render(Context({
        "h": h,
        "layout": layout,
        "meta": meta,
        "page_size": f"{layout.page_size} {layout.page_orientation}",
        "font_size": f"{layout.font_size_pt:g}pt",
        "font_regular": (FONT_DIR / "LiberationSerif-Regular.ttf").as_uri(),
        "font_bold": (FONT_DIR / "LiberationSerif-Bold.ttf").as_uri(),
        "font_italic": (FONT_DIR / "LiberationSerif-Italic.ttf").as_uri(),
        "narrow": layout.orientation == "indicators" and layout.page_orientation == "landscape" and not grids[1:],
        "grids": [_pdf_grid(g, layout) for g in grids],
        "adjustments": _pdf_grid(adj, layout) if adj is not None else None,
        "adjustments_note": layout.text("adjustments_note"),
        "signatures": layout.signatures,
        "place_date": layout.text("place_date"),
        "footer_page": _css_string(f"{layout.text('page')} "),
        "footer_left": _css_string(f"{meta.unit_code} · {h.period}"),
        "doc_title": " ".join(layout.title),
    }))
    return HTML(string=html, base_url=str(PACKAGE_DIR)).write_pdf()
