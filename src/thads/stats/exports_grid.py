"""The neutral table model of the statistics report exports: report + layout -> :class:`Grid` (pure, no ORM).

:mod:`thads.stats.exports` checks the input (:func:`check_report`), builds the grids here (rows as indicators:
:func:`indicator_grids`; rows as groups: :func:`group_grid`; acts after closing: :func:`adjustments_grid`; the header
block: :func:`heading`) and hands them to one writer per format (``exports_csv``, ``exports_xlsx``, ``exports_pdf``).
The number and date formatting of the files (``1.234.567``, ``62,26``, ``HH:MM dd/mm/yyyy`` in Vietnam time) is here
too, so every format writes the same figures.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from thads.domain.report import CASE_KEYS, MONEY_KEYS
from thads.lib.numbers import format_vnd, group_thousands
from thads.stats.layouts import Figure, Layout

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


def check_report(report: Mapping[str, Any], meta: ReportMeta) -> None:
    """``ValueError`` unless ``report`` is of the contract's form (interchange.md §2) and matches ``meta``."""
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
