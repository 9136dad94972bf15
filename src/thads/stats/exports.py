"""Exports of the statistics report (interchange.md §2 JSON form) as CSV, XLSX and PDF, laid out by a form layout.

Pure: no ORM access. The caller passes the report dictionary (``thads.domain.report.compute_report`` or a closed
snapshot) and a :class:`ReportMeta` (unit, period, production time, closing status, adjustments, group names);
:func:`render` returns the file's bytes. What is printed where comes from the layout file
(:mod:`thads.stats.layouts`, ``src/thads/stats/layouts/<name>.json``): this module only reads it.

One neutral table model (:class:`Grid`) is built from report + layout, then written by three small writers:

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

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from thads.domain.report import CASE_KEYS, MONEY_KEYS
from thads.lib.numbers import format_vnd, group_thousands
from thads.stats.layouts import Figure, Layout, LayoutError, load_layout

__all__ = ["CONTENT_TYPES", "FORMATS", "Layout", "LayoutError", "ReportMeta", "filename", "load_layout", "render"]

FORMATS = ("csv", "xlsx", "pdf")
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "pdf": "application/pdf"}
PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/thads
FONT_DIR = PACKAGE_DIR / "static" / "fonts"
TEMPLATE_DIR = PACKAGE_DIR / "templates"
VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
_RATE = re.compile(r"^\d+\.\d{2}$")

# Display names of contract values, used when ReportMeta.group_labels has none (interchange.md §1 `case`).
VALUE_LABELS: dict[str, dict[str, str]] = {
    "initiation": {"chu_dong": "Chủ động", "theo_don": "Theo yêu cầu"},
    "judgment_kind": {"dan_su": "Dân sự", "hinh_su": "Hình sự", "hanh_chinh": "Hành chính",
                      "hon_nhan_gia_dinh": "Hôn nhân và gia đình", "kinh_doanh_thuong_mai": "Kinh doanh, thương mại",
                      "lao_dong": "Lao động", "pha_san": "Phá sản", "trong_tai": "Trọng tài", "khac": "Khác"},
}
EVENT_KIND_LABELS: dict[str, str] = {
    "verified_able": "Xác minh có điều kiện", "classified_unable": "Chưa có điều kiện thi hành",
    "postponed": "Hoãn thi hành án", "suspended": "Tạm đình chỉ", "resumed": "Tiếp tục thi hành",
    "separate_book": "Chuyển sổ theo dõi riêng", "payment": "Thu tiền", "reduced": "Miễn, giảm",
    "terminated": "Đình chỉ", "completed": "Thi hành xong", "entrusted_out": "Ủy thác đi",
    "revoked": "Thu hồi, hủy quyết định", "moved": "Chuyển đơn vị", "reassigned": "Phân công lại Chấp hành viên",
}


@dataclass(frozen=True)
class ReportMeta:
    """What the report dictionary does not say: who, when, how final, and display names.

    ``adjustments``: acts entered after a closing whose legal date falls inside the closed period, each
    ``{"case", "kind", "on": "YYYY-MM-DD", "entered_at": ISO datetime, "effect": short Vietnamese text}``.
    ``group_labels``: display names of the ``groups`` keys. ``by``: the breakdown of ``groups`` (``unit``,
    ``officer``, ``initiation``, ``judgment_kind``) or ``None``.
    """

    unit_code: str
    unit_name: str
    date_from: date
    date_to: date
    produced_at: datetime
    closed: bool
    period_label: str  # e.g. "12 tháng năm 2025 (01/10/2024 – 30/09/2025)"
    adjustments: list[dict[str, str]] = field(default_factory=list)
    group_labels: dict[str, str] = field(default_factory=dict)
    by: str | None = None


# --------------------------------------------------------------------------------------------------------------
# Neutral table model


@dataclass(frozen=True, slots=True)
class Cell:
    """``kind``: ``text``, ``count``, ``money``, ``rate`` (value: contract string or ``None``), ``none`` (no figure)."""

    value: int | str | None
    kind: str = "text"


@dataclass(frozen=True, slots=True)
class GridColumn:
    path: tuple[str, ...]  # heading path, outer merged headings first
    kind: str  # "number" (STT), "label", "count", "money", "rate", "mixed" (indicator rows: count/rate), "text"
    code: str = ""
    number: str = ""
    width: float = 12.0


@dataclass(frozen=True, slots=True)
class GridRow:
    code: str
    cells: tuple[Cell, ...]
    level: int = 0
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Grid:
    columns: tuple[GridColumn, ...]
    rows: tuple[GridRow, ...]
    heading: str = ""
    number_row: bool = False
    label_col: int = 0
    freeze_cols: int = 0


@dataclass(frozen=True, slots=True)
class HeaderCell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


def header_cells(columns: Sequence[GridColumn]) -> tuple[int, list[HeaderCell]]:
    """The merged header of a grid: depth and cells. Consecutive columns sharing a heading prefix share its cell;
    a column whose path is shorter than the depth has its last heading span the rows below."""
    paths = [c.path for c in columns]
    depth = max(len(p) for p in paths)
    cells: list[HeaderCell] = []
    for level in range(depth):
        c = 0
        while c < len(paths):
            p = paths[c]
            if level >= len(p):
                c += 1
            elif level == len(p) - 1:
                cells.append(HeaderCell(p[level], level, c, depth - level, 1))
                c += 1
            else:
                e = c + 1
                while e < len(paths) and len(paths[e]) > level + 1 and paths[e][:level + 1] == p[:level + 1]:
                    e += 1
                cells.append(HeaderCell(p[level], level, c, 1, e - c))
                c = e
    return depth, cells


# --------------------------------------------------------------------------------------------------------------
# Formatting


def group_digits(n: int, sep: str = ".") -> str:
    """``1234567`` → ``"1.234.567"`` (Vietnamese thousands separator; ``sep`` for another one)."""
    text = group_thousands(n)
    return text if sep == "." else text.replace(".", sep)


def divide(amount: int, divisor: int) -> int:
    """``amount / divisor`` rounded half up (away from zero for negatives)."""
    if divisor == 1:
        return amount
    q = (2 * abs(amount) + divisor) // (2 * divisor)
    return -q if amount < 0 else q


def rate_vn(rate: str | None, none: str = "—") -> str:
    """Contract rate ``"62.26"`` → ``"62,26"``; ``None`` (CDK = 0) → ``none``."""
    return none if rate is None else rate.replace(".", ",")


def _local(dt: datetime) -> datetime:
    return dt.astimezone(VN_TZ) if dt.tzinfo is not None else dt


def format_datetime(dt: datetime) -> str:
    """``HH:MM dd/mm/yyyy`` in Vietnam time (naive datetimes are taken as Vietnam time)."""
    return _local(dt).strftime("%H:%M %d/%m/%Y")


def format_date(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def _iso_date(text: str) -> str:
    try:
        return format_date(date.fromisoformat(text))
    except (TypeError, ValueError):
        return str(text)


def _iso_datetime(text: str) -> str:
    try:
        return format_datetime(datetime.fromisoformat(text))
    except (TypeError, ValueError):
        return str(text)


# --------------------------------------------------------------------------------------------------------------
# Checks of the input


def _check_part(part: Any, keys: tuple[str, ...], where: str) -> Mapping[str, Any]:
    if not isinstance(part, Mapping):
        raise ValueError(f"report {where}: expected an object")
    for key in keys:
        if key not in part:
            raise ValueError(f"report {where}: missing indicator {key}")
        v = part[key]
        if key == "RATE":
            if v is not None and not (isinstance(v, str) and _RATE.match(v)):
                raise ValueError(f"report {where}.RATE: expected a string like \"62.26\" or null, got {v!r}")
        elif isinstance(v, bool) or not isinstance(v, int):
            raise ValueError(f"report {where}.{key}: expected an integer, got {v!r}")
    return part


def _check(report: Mapping[str, Any], meta: ReportMeta) -> None:
    if not isinstance(report, Mapping):
        raise ValueError("report: expected the JSON object of interchange.md §2")
    _check_part(report.get("cases"), CASE_KEYS, "cases")
    _check_part(report.get("money"), MONEY_KEYS, "money")
    groups = report.get("groups", {})
    if not isinstance(groups, Mapping):
        raise ValueError("report groups: expected an object")
    for k, g in groups.items():
        if not isinstance(g, Mapping):
            raise ValueError(f"report groups.{k}: expected an object")
        _check_part(g.get("cases"), CASE_KEYS, f"groups.{k}.cases")
        _check_part(g.get("money"), MONEY_KEYS, f"groups.{k}.money")
    for field_, expected in (("unit", meta.unit_code), ("from", meta.date_from.isoformat()),
                             ("to", meta.date_to.isoformat())):
        if field_ in report and report[field_] != expected:
            raise ValueError(f"report {field_} {report[field_]!r} does not match the meta ({expected!r})")


# --------------------------------------------------------------------------------------------------------------
# Building the grids


def _value(part: Mapping[str, Mapping[str, Any]], fig: Figure, measure: str) -> Cell:
    if not fig.has(measure):
        return Cell(None, "none")
    if fig.is_rate:
        return Cell(part[measure]["RATE"], "rate")
    allowed = CASE_KEYS if measure == "cases" else MONEY_KEYS
    total = sum(int(part[measure][k]) for k in fig.keys if k in allowed)
    return Cell(total, "count" if measure == "cases" else "money")


def _groups(report: Mapping[str, Any], meta: ReportMeta, layout: Layout) -> list[tuple[str, str, Mapping[str, Any]]]:
    """(key, display name, figures) of each group, in the report's (sorted) order."""
    out = []
    fallback = VALUE_LABELS.get(meta.by or "", {})
    for key, figures in report.get("groups", {}).items():
        name = meta.group_labels.get(key) or fallback.get(key) or (layout.text("empty_group") if key == "" else key)
        out.append((key, name, figures))
    return out


def _money_heading(layout: Layout, exact: bool = False) -> str:
    return f"{layout.text('money')} ({layout.text('vnd') if exact else layout.money_unit})"


def indicator_grids(report: Mapping[str, Any], meta: ReportMeta, layout: Layout, *, per_table: int | None = None,
                    exact_money: bool = False, numbers: bool = True) -> list[Grid]:
    """Rows-as-indicators. ``per_table=None``: one grid, totals then one column pair per group. Otherwise the
    totals in a first grid and the groups in further grids of at most ``per_table`` pairs each."""
    groups = _groups(report, meta, layout)
    blocks: list[list[tuple[str, str, Mapping[str, Any]]]]
    total = ("", layout.text("total"), report)
    if per_table is None:
        blocks = [[total, *groups]]
    else:
        blocks = [[total]] + [groups[i:i + per_table] for i in range(0, len(groups), per_table)]
    label_width = min(70.0, max(30.0, max(len(r.label) + 3 * r.level for r in layout.rows) * 1.05))
    money_heading = _money_heading(layout, exact_money)
    grids = []
    for b, block in enumerate(blocks):
        pairs = len(block) > 1 or bool(groups)
        cols = [GridColumn((layout.text("number"),), "number", width=8.0)] if numbers else []
        cols.append(GridColumn((layout.text("label"),), "label", width=label_width))
        for key, name, _ in block:
            prefix = (name,) if pairs else ()
            cols.append(GridColumn((*prefix, layout.text("cases")), "mixed", key, width=13.0))
            cols.append(GridColumn((*prefix, money_heading), "mixed", key, width=22.0))
        rows = []
        for r in layout.rows:
            cells: list[Cell] = [Cell(r.number)] if numbers else []
            cells.append(Cell(r.label))
            for _, _, figures in block:
                cells += [_value(figures, r.figure, "cases"), _value(figures, r.figure, "money")]
            rows.append(GridRow(r.figure.code, tuple(cells), r.level, r.bold))
        heading = ""
        if b > 0:
            heading = f"{layout.text('breakdown')} {layout.group_heading(meta.by).lower()}"
            if len(blocks) > 2:
                heading += f" ({b}/{len(blocks) - 1})"
        grids.append(Grid(tuple(cols), tuple(rows), heading, False, 1 if numbers else 0, 2 if numbers else 1))
    return grids


def group_grid(report: Mapping[str, Any], meta: ReportMeta, layout: Layout, *, exact_money: bool = False) -> Grid:
    """Rows-as-groups: a total row and one row per group; one column per layout column."""
    groups = _groups(report, meta, layout)
    names = [layout.text("total")] + [g[1] for g in groups]
    cols = [GridColumn((layout.group_heading(meta.by),), "label", number="A",
                       width=min(45.0, max(22.0, max(len(n) for n in names) * 0.95)))]
    for c in layout.columns:
        kind = "rate" if c.figure.is_rate else "count" if c.measure == "cases" else "money"
        path = c.heading
        if kind == "money" and exact_money and layout.money_divisor != 1:
            path = (*path[:-1], f"{path[-1]} ({layout.text('vnd')})")
        width = c.width or (9.0 if kind in ("count", "rate") else 15.0 if layout.money_divisor == 1 else 12.0)
        cols.append(GridColumn(path, kind, c.figure.code, c.number, width))

    def row(code: str, name: str, figures: Mapping[str, Any], bold: bool) -> GridRow:
        return GridRow(code, (Cell(name), *(_value(figures, c.figure, c.measure) for c in layout.columns)), 0, bold)

    body = [row(key, name, figures, False) for key, name, figures in groups]
    total = row("*", layout.text("total"), report, True)
    rows = [total, *body] if layout.total_position == "first" else [*body, total]
    return Grid(tuple(cols), tuple(rows), "", True, 0, 1)


def adjustments_grid(meta: ReportMeta, layout: Layout) -> Grid | None:
    if not meta.adjustments:
        return None
    t = layout.text
    cols = tuple(GridColumn((t(k),), "text", k, width=w) for k, w in
                 (("adj_case", 12.0), ("adj_kind", 16.0), ("adj_on", 13.0), ("adj_entered_at", 19.0),
                  ("adj_effect", 52.0)))
    rows = []
    for a in meta.adjustments:
        kind = str(a.get("kind", ""))
        effect = a.get("effect")
        if not effect and isinstance(a.get("amount"), int) and not isinstance(a.get("amount"), bool):
            effect = format_vnd(a["amount"])  # thads.stats.closing.adjustments gives the amount, not a text
        rows.append(GridRow(str(a.get("case", "")), (
            Cell(str(a.get("case", ""))), Cell(EVENT_KIND_LABELS.get(kind, kind)), Cell(_iso_date(a.get("on", ""))),
            Cell(_iso_datetime(a.get("entered_at", ""))), Cell(str(effect or "")))))
    return Grid(cols, tuple(rows), t("adjustments"))


@dataclass(frozen=True, slots=True)
class Heading:
    agency: tuple[str, ...]
    motto: tuple[str, ...]
    form_code: str
    title: tuple[str, ...]
    period: str
    produced: str
    status: str
    reference_note: str
    units_note: str


def heading(meta: ReportMeta, layout: Layout) -> Heading:
    t = layout.text
    period = meta.period_label or f"{format_date(meta.date_from)} – {format_date(meta.date_to)}"
    return Heading(
        agency=(meta.unit_name.upper(), f"{t('unit_code')}: {meta.unit_code}"),
        motto=layout.motto,
        form_code=layout.form_code,
        title=layout.title,
        period=f"{t('period')}: {period}",
        produced=f"{t('produced_at')}: {format_datetime(meta.produced_at)}",
        status=t("closed") if meta.closed else t("provisional"),
        reference_note=layout.reference_note,
        units_note=t("units_note", money_unit=layout.money_unit),
    )


# --------------------------------------------------------------------------------------------------------------
# CSV


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


# --------------------------------------------------------------------------------------------------------------
# XLSX


def render_xlsx(report: Mapping[str, Any], meta: ReportMeta, layout: Layout) -> bytes:
    import xlsxwriter

    t = layout.text
    h = heading(meta, layout)
    grid = (indicator_grids(report, meta, layout)[0] if layout.orientation == "indicators"
            else group_grid(report, meta, layout))
    ncols = len(grid.columns)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties({"title": " ".join(layout.title), "subject": h.period, "company": meta.unit_name,
                       "comments": f"THADS – {layout.name}"})
    ws = wb.add_worksheet(layout.sheet_name)
    base = {"font_name": "Times New Roman", "font_size": 11, "valign": "vcenter"}
    cache: dict[tuple[tuple[str, Any], ...], Any] = {}

    def fmt(**props: Any) -> Any:
        merged = {**base, **props}
        key = tuple(sorted(merged.items()))
        if key not in cache:
            cache[key] = wb.add_format(merged)
        return cache[key]

    scale = {1: "", 1000: ",", 1000000: ",,"}[layout.money_divisor]
    num_formats = {"count": "#,##0", "money": "#,##0" + scale, "rate": "0.00"}
    for i, col in enumerate(grid.columns):
        ws.set_column(i, i, col.width)

    row = 0
    split = max(1, ncols // 2) if ncols > 1 else 1

    def band(r: int, c1: int, c2: int, text: str, f: Any) -> None:
        if c2 > c1:
            ws.merge_range(r, c1, r, c2, text, f)
        else:
            ws.write_string(r, c1, text, f)

    widths = [c.width for c in grid.columns]
    left_w, right_w, full_w = sum(widths[:split]), sum(widths[split:]), sum(widths)

    def lines(text: str, width: float, bold: bool = False) -> int:
        """Lines a wrapped text takes in a cell ``width`` characters wide (xlsxwriter cannot auto-fit rows)."""
        return max(1, -(-int(len(text) * (1.15 if bold else 1.0)) // max(1, int(width))))

    left = [(h.agency[0], fmt(bold=True, align="center", text_wrap=True), lines(h.agency[0], left_w, True)),
            (h.agency[1], fmt(align="center", italic=True), 1)]
    if h.form_code:
        left.append((h.form_code, fmt(align="center", italic=True), 1))
    right = [(line, fmt(bold=True, align="center", text_wrap=True,
                        underline=1 if i == len(h.motto) - 1 and i else 0), lines(line, right_w, True))
             for i, line in enumerate(h.motto)]
    for i in range(max(len(left), len(right))):
        height = 1
        if i < len(left):
            band(row, 0, split - 1, *left[i][:2])
            height = max(height, left[i][2])
        if i < len(right):
            band(row, split, ncols - 1, *right[i][:2])
            height = max(height, right[i][2])
        ws.set_row(row, 15 * height + 3)
        row += 1
    row += 1
    for line in h.title:
        band(row, 0, ncols - 1, line, fmt(bold=True, align="center", font_size=14))
        ws.set_row(row, 21)
        row += 1
    for text, f in ((h.period, fmt(align="center", bold=True)),
                    (f"{h.produced}   •   {h.status}", fmt(align="center", italic=True)),
                    (h.reference_note, fmt(align="center", italic=True, font_size=9, font_color="#555555"))):
        if text:
            band(row, 0, ncols - 1, text, f)
            row += 1
    band(row, 0, ncols - 1, h.units_note, fmt(align="right", italic=True, font_size=10))
    row += 1

    # Table header
    depth, hcells = header_cells(grid.columns)
    head_fmt = fmt(bold=True, align="center", text_wrap=True, border=1, bg_color="#E7E6E6")
    first_header = row
    for hc in hcells:
        r1, c1 = row + hc.row, hc.col
        r2, c2 = r1 + hc.rowspan - 1, c1 + hc.colspan - 1
        if r2 > r1 or c2 > c1:
            ws.merge_range(r1, c1, r2, c2, hc.text, head_fmt)
        else:
            ws.write_string(r1, c1, hc.text, head_fmt)
    for level in range(depth):
        longest = max((len(hc.text) / max(1.0, sum(grid.columns[c].width for c in range(hc.col, hc.col + hc.colspan)))
                       for hc in hcells if hc.row == level and hc.row + hc.rowspan - 1 == level), default=0.0)
        ws.set_row(row + level, max(18, 15 * (int(longest * 1.1) + 1)))
    row += depth
    if grid.number_row:
        nf = fmt(italic=True, align="center", border=1, font_size=9)
        for i, col in enumerate(grid.columns):
            ws.write_string(row, i, col.number, nf)
        row += 1
    last_header = row - 1

    # Body
    for r in grid.rows:
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
        row += 1

    adj = adjustments_grid(meta, layout)
    if adj is not None:
        row += 1
        band(row, 0, ncols - 1, adj.heading, fmt(bold=True))
        row += 1
        band(row, 0, ncols - 1, t("adjustments_note"), fmt(italic=True, font_size=10, text_wrap=True))
        ws.set_row(row, 14 * lines(t("adjustments_note"), full_w * 1.1) + 3)
        row += 1
        line_fmt = fmt(text_wrap=True, border=1)
        for n, r in enumerate(adj.rows, 1):
            case, kind, on, entered, effect = (str(c.value) for c in r.cells)
            text = (f"{case} — {kind} — {t('adj_on')} {on} — {t('adj_entered_at')} {entered}: {effect}")
            if ncols > 1:
                ws.write_string(row, 0, str(n), fmt(align="center", border=1))
            band(row, 1 if ncols > 1 else 0, ncols - 1, text, line_fmt)
            ws.set_row(row, 15 * lines(text, full_w - (widths[0] if ncols > 1 else 0)) + 3)
            row += 1

    if layout.signatures:
        row += 1
        band(row, split, ncols - 1, t("place_date"), fmt(italic=True, align="center"))
        row += 1
        sigs = layout.signatures
        spans = [(0, split - 1), (split, ncols - 1)] if len(sigs) == 2 else \
            [(i * ncols // len(sigs), (i + 1) * ncols // len(sigs) - 1) for i in range(len(sigs))]
        for s, (c1, c2) in zip(sigs, spans, strict=False):
            band(row, c1, c2, s.title, fmt(bold=True, align="center"))
            if s.note:
                band(row + 1, c1, c2, s.note, fmt(italic=True, align="center"))

    ws.freeze_panes(last_header + 1, grid.freeze_cols)
    ws.repeat_rows(first_header, last_header)
    ws.set_landscape()
    ws.set_paper(8 if layout.page_size == "A3" else 9)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.center_horizontally()
    ws.set_footer(f"&C{t('page')} &P/&N")
    wb.close()
    return buf.getvalue()


# --------------------------------------------------------------------------------------------------------------
# PDF


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


# --------------------------------------------------------------------------------------------------------------
# Entry point


def render(report: Mapping[str, Any], meta: ReportMeta, fmt: str, layout: str | Layout = "default") -> bytes:
    """The report as a ``fmt`` file (``csv``, ``xlsx`` or ``pdf``) laid out by ``layout`` (a layout name, see
    :func:`thads.stats.layouts.load_layout`, or a :class:`Layout`). ``ValueError`` on an unknown format, a report
    that is not of the contract's form or does not match ``meta``; :class:`LayoutError` on a bad layout."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    lay = layout if isinstance(layout, Layout) else load_layout(layout)
    _check(report, meta)
    writer = {"csv": render_csv, "xlsx": render_xlsx, "pdf": render_pdf}[fmt]
    return writer(report, meta, lay)


def filename(meta: ReportMeta, fmt: str, layout: str = "default") -> str:
    """A download name: ``bao-cao-HUE-2024-10-01-2025-09-30[-layout].pdf`` (ASCII, no spaces)."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", meta.unit_code).strip("-") or "don-vi"
    suffix = "" if layout == "default" else f"-{layout}"
    return f"bao-cao-{safe}-{meta.date_from.isoformat()}-{meta.date_to.isoformat()}{suffix}.{fmt}"
