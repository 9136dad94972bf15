"""Report form layouts as data: ``src/thads/stats/layouts/<name>.json`` parsed and checked into :class:`Layout`.

Pure Python (no Django import). A layout says *what* a printed report looks like — title lines, national motto,
the rows (``orientation: "indicators"``: one row per indicator, columns "về việc" / "về tiền") or the columns
(``orientation: "groups"``: one row per group of a ``--by`` breakdown, one column per indicator), numbering,
indentation, page set-up and every fixed text. The export code (:mod:`thads.stats.exports`) only reads it, so the
official appendix of the statistics circular can replace a layout file without a code change (forms.md §14.1).

Indicator keys are those of the statistics contract (interchange.md §2): :data:`CASE_KEYS` have a case figure,
:data:`MONEY_KEYS` a money figure (``GIAM`` is money only). A row or column shows either one ``key`` or the ``sum``
of several keys (e.g. the money form's "thi hành xong (tổng)" = XONG + DC + GIAM, forms.md §5.2); ``RATE`` cannot be
summed. Anything unknown — a key, a field, a value — is a :class:`LayoutError` naming the file and the place.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thads.domain.report import BY_KEYS, CASE_KEYS, MONEY_KEYS

LAYOUT_DIR = Path(__file__).resolve().parent / "layouts"
FORMAT_ID = "thads-report-layout/1"
INDICATORS: tuple[str, ...] = MONEY_KEYS  # the contract's order; CASE_KEYS is the same without GIAM
ORIENTATIONS = ("indicators", "groups")
MEASURES = ("cases", "money")
PAGE_SIZES = ("A4", "A3")
PAGE_ORIENTATIONS = ("portrait", "landscape")
MONEY_DIVISORS = (1, 1000, 1000000)  # VND, nghìn đồng, triệu đồng (forms.md §5.1: the form chooses the divisor)
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

# Every fixed text the exports print; a layout may override any of them under "texts".
DEFAULT_TEXTS: dict[str, str] = {
    "period": "Kỳ báo cáo",
    "produced_at": "Thời điểm lập",
    "closed": "Số liệu đã khóa sổ",
    "provisional": "Số liệu chưa khóa sổ (tạm tính)",
    "unit_code": "Mã đơn vị",
    "unit": "Đơn vị báo cáo",
    "status": "Tình trạng số liệu",
    "form": "Biểu",
    "number": "STT",
    "label": "Chỉ tiêu",
    "code": "Mã chỉ tiêu",
    "cases": "Về việc",
    "money": "Về tiền",
    "vnd": "đồng",
    "total": "Tổng cộng",
    "group_code": "Mã nhóm",
    "group_name": "Tên nhóm",
    "breakdown": "Chi tiết theo",
    "empty_group": "(chưa phân công)",
    "no_case_figure": "—",
    "no_rate": "—",
    "units_note": "Đơn vị tính: việc; tiền: {money_unit}",
    "adjustments": "Điều chỉnh sau khóa sổ (báo cáo vào kỳ sau)",
    "adjustments_note": "Các việc dưới đây được nhập sau khi khóa sổ, có ngày pháp lý trong kỳ đã khóa; "
                        "số liệu trên không thay đổi, các điều chỉnh được báo cáo vào kỳ sau.",
    "adj_case": "Việc",
    "adj_kind": "Loại",
    "adj_on": "Ngày pháp lý",
    "adj_entered_at": "Thời điểm nhập",
    "adj_effect": "Ảnh hưởng",
    "page": "Trang",
    "place_date": "……, ngày …… tháng …… năm ……",
}
_BY_HEADINGS: dict[str, str] = {"unit": "Đơn vị", "officer": "Chấp hành viên", "initiation": "Loại việc",
                                "judgment_kind": "Loại bản án, quyết định", "": "Nhóm"}


class LayoutError(ValueError):
    """A layout file that cannot be used: missing, not JSON, or not a valid layout (the message says where)."""


@dataclass(frozen=True, slots=True)
class Figure:
    """What a row or column shows: one indicator ``key``, or the sum of ``keys`` (``len(keys) > 1`` or ``summed``)."""

    keys: tuple[str, ...]
    summed: bool = False

    @property
    def code(self) -> str:
        return "+".join(self.keys)

    def has(self, measure: str) -> bool:
        """Whether the figure exists for ``measure`` (``GIAM`` has no case figure)."""
        allowed = CASE_KEYS if measure == "cases" else MONEY_KEYS
        return any(k in allowed for k in self.keys)

    @property
    def is_rate(self) -> bool:
        return self.keys == ("RATE",)


@dataclass(frozen=True, slots=True)
class Row:
    """A row of an ``indicators`` layout: numbering (``"1"``, ``"6.1"``, ``"a"``), label, indentation, emphasis."""

    figure: Figure
    label: str
    number: str = ""
    level: int = 0
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a ``groups`` layout: printed number, heading path (outer merged headings first), measure."""

    figure: Figure
    heading: tuple[str, ...]
    measure: str
    number: str = ""
    width: float = 0.0  # spreadsheet width in characters; 0 = automatic


@dataclass(frozen=True, slots=True)
class Signature:
    title: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Layout:
    name: str
    orientation: str
    title: tuple[str, ...]
    motto: tuple[str, ...]
    sheet_name: str
    form_code: str = ""
    reference_note: str = ""
    source: str = ""
    description: str = ""
    rows: tuple[Row, ...] = ()
    columns: tuple[Column, ...] = ()
    group_headings: Mapping[str, str] | None = None
    total_position: str = "first"
    page_size: str = "A4"
    page_orientation: str = "portrait"
    font_size_pt: float = 11.0
    groups_per_table: int = 3
    money_divisor: int = 1
    money_unit: str = "đồng"
    signatures: tuple[Signature, ...] = ()
    texts: Mapping[str, str] | None = None

    def text(self, key: str, **values: str) -> str:
        """A fixed text of the exports, from the layout's ``texts`` or the default."""
        source = self.texts if self.texts is not None and key in self.texts else DEFAULT_TEXTS
        text = source[key]
        for name, value in values.items():  # plain replacement: other braces in a text stay as they are
            text = text.replace("{" + name + "}", value)
        return text

    def group_heading(self, by: str | None) -> str:
        headings = self.group_headings or _BY_HEADINGS
        return headings.get(by or "", headings.get("", _BY_HEADINGS[""]))


def layout_names() -> list[str]:
    """The layouts shipped in :data:`LAYOUT_DIR`."""
    return sorted(p.stem for p in LAYOUT_DIR.glob("*.json"))


def load_layout(name: str) -> Layout:
    """The layout ``src/thads/stats/layouts/<name>.json``, validated (:class:`LayoutError` on any problem)."""
    if not isinstance(name, str) or not _NAME.match(name):
        raise LayoutError(f"invalid layout name {name!r}: lower-case letters, digits, '_' and '-' only")
    path = LAYOUT_DIR / f"{name}.json"
    if not path.is_file():
        raise LayoutError(f"no layout '{name}' in {LAYOUT_DIR} (available: {', '.join(layout_names()) or 'none'})")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LayoutError(f"layout '{name}' ({path.name}): not readable JSON: {exc}") from exc
    return parse_layout(data, name)


_TOP_FIELDS = {"format", "name", "description", "source", "orientation", "form_code", "reference_note", "title",
               "motto", "sheet_name", "rows", "columns", "group_headings", "total_position", "page", "money_divisor",
               "money_unit", "signatures", "texts"}
_ROW_FIELDS = {"key", "sum", "label", "number", "level", "bold"}
_COLUMN_FIELDS = {"key", "sum", "heading", "measure", "number", "width"}
_PAGE_FIELDS = {"size", "orientation", "font_size_pt", "groups_per_table"}


class _Checker:
    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, where: str, message: str) -> LayoutError:
        return LayoutError(f"layout '{self.name}': {where}: {message}")

    def fields(self, obj: Any, where: str, allowed: set[str], required: set[str]) -> dict[str, Any]:
        if not isinstance(obj, dict):
            raise self.fail(where, f"expected an object, got {type(obj).__name__}")
        unknown = sorted(set(obj) - allowed)
        if unknown:
            raise self.fail(where, f"unknown field(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}")
        missing = sorted(k for k in required if obj.get(k) is None)
        if missing:
            raise self.fail(where, f"missing field(s) {', '.join(missing)}")
        return obj

    def text(self, value: Any, where: str, *, empty: bool = True) -> str:
        if not isinstance(value, str) or (not empty and not value.strip()):
            raise self.fail(where, f"expected a{'' if empty else ' non-empty'} string, got {value!r}")
        return value

    def texts(self, value: Any, where: str, *, empty: bool = False) -> tuple[str, ...]:
        if not isinstance(value, list) or (not empty and not value):
            raise self.fail(where, f"expected a{'' if empty else ' non-empty'} list of strings, got {value!r}")
        return tuple(self.text(v, f"{where}[{i}]", empty=False) for i, v in enumerate(value))

    def integer(self, value: Any, where: str, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(where, f"expected an integer from {low} to {high}, got {value!r}")
        return value

    def flag(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(where, f"expected true or false, got {value!r}")
        return value

    def choice(self, value: Any, where: str, choices: tuple[Any, ...]) -> Any:
        if value not in choices:
            raise self.fail(where, f"{value!r} is not one of {', '.join(map(repr, choices))}")
        return value

    def figure(self, obj: dict[str, Any], where: str, measure: str | None = None) -> Figure:
        if ("key" in obj) == ("sum" in obj):
            raise self.fail(where, "give exactly one of 'key' (an indicator) or 'sum' (a list of indicators)")
        raw = [obj["key"]] if "key" in obj else obj["sum"]
        if not isinstance(raw, list) or not raw:
            raise self.fail(where, f"'sum' must be a non-empty list of indicator keys, got {raw!r}")
        for key in raw:
            if key not in INDICATORS:
                raise self.fail(where, f"unknown indicator {key!r}; expected one of {', '.join(INDICATORS)}")
        if "sum" in obj and "RATE" in raw:
            raise self.fail(where, "RATE cannot be summed")
        if len(set(raw)) != len(raw):
            raise self.fail(where, f"indicator repeated in {raw!r}")
        fig = Figure(tuple(raw), summed="sum" in obj)
        if measure is not None and not fig.has(measure):
            raise self.fail(where, f"{fig.code} has no {measure} figure (GIAM is money only)")
        return fig


def _indicator_rows(c: _Checker, obj: Mapping[str, Any]) -> list[Row]:
    """The rows of an ``indicators`` layout (it has no columns)."""
    if "columns" in obj:
        raise c.fail("columns", "an 'indicators' layout has rows, not columns")
    raw_rows = obj.get("rows")
    if not isinstance(raw_rows, list) or not raw_rows:
        raise c.fail("rows", "an 'indicators' layout needs a non-empty list of rows")
    rows: list[Row] = []
    for i, r in enumerate(raw_rows):
        where = f"rows[{i}]"
        r = c.fields(r, where, _ROW_FIELDS, {"label"})
        rows.append(Row(c.figure(r, where), c.text(r["label"], f"{where}.label", empty=False),
                        c.text(r.get("number", ""), f"{where}.number"),
                        c.integer(r.get("level", 0), f"{where}.level", 0, 4),
                        c.flag(r.get("bold", False), f"{where}.bold")))
    return rows


def _group_columns(c: _Checker, obj: Mapping[str, Any]) -> list[Column]:
    """The columns of a ``groups`` layout (its rows are the groups)."""
    if "rows" in obj:
        raise c.fail("rows", "a 'groups' layout has columns, not rows (its rows are the groups)")
    raw_cols = obj.get("columns")
    if not isinstance(raw_cols, list) or not raw_cols:
        raise c.fail("columns", "a 'groups' layout needs a non-empty list of columns")
    columns: list[Column] = []
    for i, col in enumerate(raw_cols):
        where = f"columns[{i}]"
        col = c.fields(col, where, _COLUMN_FIELDS, {"heading", "measure"})
        measure = c.choice(col["measure"], f"{where}.measure", MEASURES)
        heading = (c.texts(col["heading"], f"{where}.heading") if isinstance(col["heading"], list)
                   else (c.text(col["heading"], f"{where}.heading", empty=False),))
        width = col.get("width", 0)
        if isinstance(width, bool) or not isinstance(width, int | float) or not 0 <= width <= 100:
            raise c.fail(f"{where}.width", f"expected a number from 0 to 100, got {width!r}")
        columns.append(Column(c.figure(col, where, measure), heading, measure,
                              c.text(col.get("number", ""), f"{where}.number"), float(width)))
    return columns


def _text_maps(c: _Checker, obj: Mapping[str, Any]) -> tuple[Any, Any]:
    """``group_headings`` and ``texts``: optional maps of known keys to text."""
    group_headings = obj.get("group_headings")
    if group_headings is not None:
        group_headings = c.fields(group_headings, "group_headings", {*BY_KEYS, ""}, set())
        for k, v in group_headings.items():
            c.text(v, f"group_headings.{k}", empty=False)
    texts = obj.get("texts")
    if texts is not None:
        texts = c.fields(texts, "texts", set(DEFAULT_TEXTS), set())
        for k, v in texts.items():
            c.text(v, f"texts.{k}")
    return group_headings, texts


def _signatures(c: _Checker, obj: Mapping[str, Any]) -> list[Signature]:
    raw_sigs = obj.get("signatures", [])
    if not isinstance(raw_sigs, list):
        raise c.fail("signatures", "expected a list")
    signatures = []
    for i, s in enumerate(raw_sigs):
        s = c.fields(s, f"signatures[{i}]", {"title", "note"}, {"title"})
        signatures.append(Signature(c.text(s["title"], f"signatures[{i}].title", empty=False),
                                    c.text(s.get("note", ""), f"signatures[{i}].note")))
    return signatures


def parse_layout(data: Any, name: str = "<data>") -> Layout:
    """Validate a layout given as parsed JSON (what :func:`load_layout` reads) and build the :class:`Layout`."""
    c = _Checker(name)
    obj = c.fields(data, "top level", _TOP_FIELDS, {"format", "orientation", "title", "sheet_name"})
    if obj["format"] != FORMAT_ID:
        raise c.fail("format", f"expected {FORMAT_ID!r}, got {obj['format']!r}")
    if "name" in obj and obj["name"] != name and name != "<data>":
        raise c.fail("name", f"{obj['name']!r} does not match the file name {name!r}")
    orientation = c.choice(obj["orientation"], "orientation", ORIENTATIONS)
    sheet = c.text(obj["sheet_name"], "sheet_name", empty=False)
    if len(sheet) > 31 or _SHEET_FORBIDDEN.search(sheet):
        raise c.fail("sheet_name", f"{sheet!r}: a sheet name has at most 31 characters and none of []:*?/\\")
    rows = _indicator_rows(c, obj) if orientation == "indicators" else []
    columns = _group_columns(c, obj) if orientation != "indicators" else []
    group_headings, texts = _text_maps(c, obj)
    page = c.fields(obj.get("page", {}), "page", _PAGE_FIELDS, set())
    font = page.get("font_size_pt", 11)
    if isinstance(font, bool) or not isinstance(font, int | float) or not 5 <= font <= 16:
        raise c.fail("page.font_size_pt", f"expected a number from 5 to 16, got {font!r}")
    signatures = _signatures(c, obj)

    return Layout(
        name=name,
        orientation=orientation,
        title=c.texts(obj["title"], "title"),
        motto=c.texts(obj.get("motto", []), "motto", empty=True),
        sheet_name=sheet,
        form_code=c.text(obj.get("form_code", ""), "form_code"),
        reference_note=c.text(obj.get("reference_note", ""), "reference_note"),
        source=c.text(obj.get("source", ""), "source"),
        description=c.text(obj.get("description", ""), "description"),
        rows=tuple(rows),
        columns=tuple(columns),
        group_headings=group_headings,
        total_position=c.choice(obj.get("total_position", "first"), "total_position", ("first", "last")),
        page_size=c.choice(page.get("size", "A4"), "page.size", PAGE_SIZES),
        page_orientation=c.choice(page.get("orientation", "portrait"), "page.orientation", PAGE_ORIENTATIONS),
        font_size_pt=float(font),
        groups_per_table=c.integer(page.get("groups_per_table", 3), "page.groups_per_table", 1, 12),
        money_divisor=c.choice(c.integer(obj.get("money_divisor", 1), "money_divisor", 1, 10**6), "money_divisor",
                               MONEY_DIVISORS),
        money_unit=c.text(obj.get("money_unit", "đồng"), "money_unit", empty=False),
        signatures=tuple(signatures),
        texts=texts,
    )
