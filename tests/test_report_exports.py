"""Report exports (thads.stats.exports): CSV / XLSX / PDF of the statistics report, laid out by data files.

The worked example of THADS.md §4.4 (``worked-example.report.json``) is rendered in every format and read back;
the layouts are validated; both orientations (rows = indicators, rows = groups) and the adjustments section are
checked. PDF text is read with ``pdftotext`` (poppler) when it is installed.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from thads.domain.interchange import split_lines, validate
from thads.domain.report import CASE_KEYS, MONEY_KEYS, compute_report
from thads.stats.exports import (
    FONT_DIR,
    GridColumn,
    ReportMeta,
    divide,
    filename,
    header_cells,
    render,
)
from thads.stats.layouts import INDICATORS, LAYOUT_DIR, LayoutError, layout_names, load_layout, parse_layout

SHARED = Path(__file__).resolve().parents[2] / "shared" / "domain"
if not SHARED.exists():  # CI lays shared/ beside the clone
    SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "domain"
REPORT = json.loads((SHARED / "worked-example.report.json").read_text(encoding="utf-8"))
UNIT_NAME = "Cục Thi hành án dân sự tỉnh Thừa Thiên Huế"
PERIOD = "12 tháng năm 2025 (01/10/2024 – 30/09/2025)"
ADJUSTMENTS = [
    {"case": "V3", "kind": "payment", "on": "2025-09-20", "entered_at": "2025-10-06T09:15:00+07:00",
     "effect": "Thu thêm 5.000.000 ₫ (thi hành xong về tiền)"},
    {"case": "V9", "kind": "resumed", "on": "2025-09-28", "entered_at": "2025-10-07T16:40:00+07:00",
     "effect": "Tiếp tục thi hành: 1 việc chuyển từ chưa có điều kiện sang có điều kiện"},
]
# The brief's print order: the contract's indicator order with each group total above its parts.
DEFAULT_ORDER = ["CU", "MOI", "TT", "UT", "TH", "PTH", "CDK", "XONG", "GIAM", "DC", "DANG", "HOAN_C", "CCDK",
                 "CHUA_DK", "HOAN_KHAC", "TDC", "SO_RIENG", "CKS", "RATE"]
PDFTOTEXT = shutil.which("pdftotext")
PDFFONTS = shutil.which("pdffonts")


def meta(**changes: Any) -> ReportMeta:
    base: dict[str, Any] = {
        "unit_code": "HUE", "unit_name": UNIT_NAME, "date_from": date(2024, 10, 1), "date_to": date(2025, 9, 30),
        "produced_at": datetime(2025, 10, 3, 14, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), "closed": True,
        "period_label": PERIOD,
    }
    return ReportMeta(**{**base, **changes})


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def pdf_text(data: bytes, tmp_path: Path, layout: bool = False) -> str:
    """The PDF's text by ``pdftotext``: in reading order (cells whole, wrapped lines joined by ``flat``), or with
    ``layout=True`` as printed (one table row per line)."""
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    args = [PDFTOTEXT, *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, check=True, text=True).stdout


def cell_text(value: int | str | None) -> str:
    """How the CSV writes a contract value: integers plain, RATE as in the contract, null as an empty cell."""
    return "" if value is None else str(value)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def by_unit_report() -> tuple[dict[str, Any], dict[str, str]]:
    """The worked example with a second Chi cục: V2 and V9 move there on 30/09/2025, so ``--by unit`` has two
    groups (the report counts a case for the unit holding it at ``to``)."""
    lines = (SHARED / "worked-example.jsonl").read_text(encoding="utf-8").splitlines()
    lines.insert(2, json.dumps({"type": "unit", "code": "HUE-TP", "name": "Chi cục Thi hành án dân sự thành phố Huế",
                                "parent": "HUE"}, ensure_ascii=False))
    for case in ("V2", "V9"):
        lines.append(json.dumps({"type": "event", "case": case, "on": "2025-09-30", "kind": "moved",
                                 "unit": "HUE-TP"}))
    result = validate(split_lines("\n".join(lines)))
    assert result.ok, result
    report = compute_report(result.histories(), {u.code: u.parent for u in result.units}, "HUE",
                            date(2024, 10, 1), date(2025, 9, 30), by="unit")
    return report, {u.code: u.name for u in result.units}


@pytest.fixture(scope="module")
def unit_groups() -> tuple[dict[str, Any], dict[str, str]]:
    return by_unit_report()


@pytest.fixture(scope="module")
def pdf_default() -> bytes:
    return render(REPORT, meta(adjustments=ADJUSTMENTS), "pdf")


# --------------------------------------------------------------------------------------------------------------
# CSV


def test_csv_round_trips_the_worked_example() -> None:
    rows = read_csv(render(REPORT, meta(), "csv"))
    header = {r[0]: r[1] for r in rows[:6]}
    assert header["Đơn vị báo cáo"] == UNIT_NAME
    assert header["Mã đơn vị"] == "HUE"
    assert header["Kỳ báo cáo"] == PERIOD
    assert header["Thời điểm lập"] == "14:30 03/10/2025"
    assert header["Tình trạng số liệu"] == "Số liệu đã khóa sổ"
    start = next(i for i, r in enumerate(rows) if r and r[0] == "Mã chỉ tiêu")
    assert rows[start] == ["Mã chỉ tiêu", "Chỉ tiêu", "Về việc", "Về tiền (đồng)"]
    table = {r[0]: r for r in rows[start + 1:] if r}
    assert list(table) == DEFAULT_ORDER
    for key in MONEY_KEYS:
        money = table[key][3]
        assert money == (str(REPORT["money"][key]) if key != "RATE" else REPORT["money"]["RATE"])
    for key in CASE_KEYS:
        assert table[key][2] == str(REPORT["cases"][key])
    assert table["GIAM"][2] == ""  # no case figure
    assert table["PTH"][1].startswith("Tổng số phải thi hành")
    assert int(table["PTH"][3]) == 768_000_000  # plain integers, no separators
    assert not any("Điều chỉnh" in cell for r in rows for cell in r)


def test_csv_provisional_and_adjustments() -> None:
    rows = read_csv(render(REPORT, meta(closed=False, adjustments=ADJUSTMENTS), "csv"))
    assert ["Tình trạng số liệu", "Số liệu chưa khóa sổ (tạm tính)"] in rows
    i = rows.index(["Điều chỉnh sau khóa sổ (báo cáo vào kỳ sau)"])
    assert rows[i + 1] == ["Việc", "Loại", "Ngày pháp lý", "Thời điểm nhập", "Ảnh hưởng"]
    assert rows[i + 2] == ["V3", "Thu tiền", "20/09/2025", "09:15 06/10/2025", ADJUSTMENTS[0]["effect"]]
    assert rows[i + 3][0] == "V9"


def test_adjustment_with_amount_and_no_effect_text() -> None:
    """The shape ``thads.stats.closing.adjustments`` returns: an amount instead of an effect text."""
    adjustment = {"case": "V3", "kind": "payment", "on": "2025-09-20", "entered_at": "2025-10-06T09:15:00+07:00",
                  "amount": 5_000_000}
    rows = read_csv(render(REPORT, meta(adjustments=[adjustment]), "csv"))
    assert rows[-1] == ["V3", "Thu tiền", "20/09/2025", "09:15 06/10/2025", "5.000.000 ₫"]


def test_csv_indicator_layout_with_groups_adds_column_pairs(unit_groups: tuple[dict[str, Any], dict[str, str]]) -> None:
    report, names = unit_groups
    rows = read_csv(render(report, meta(by="unit", group_labels=names), "csv"))
    start = next(i for i, r in enumerate(rows) if r and r[0] == "Mã chỉ tiêu")
    head = rows[start]
    assert head[2:4] == ["Tổng cộng – Về việc", "Tổng cộng – Về tiền (đồng)"]
    assert head[4] == "Chi cục Thi hành án dân sự huyện Phú Vang – Về việc"
    assert head[6] == "Chi cục Thi hành án dân sự thành phố Huế – Về việc"
    table = {r[0]: r for r in rows[start + 1:] if r}
    for n, key in enumerate(report["groups"]):
        for ind in CASE_KEYS:
            assert table[ind][4 + 2 * n] == cell_text(report["groups"][key]["cases"][ind])
        for ind in MONEY_KEYS:
            assert table[ind][5 + 2 * n] == cell_text(report["groups"][key]["money"][ind])


# --------------------------------------------------------------------------------------------------------------
# XLSX


def test_xlsx_cells_formats_and_print_setup(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    path.write_bytes(render(REPORT, meta(adjustments=ADJUSTMENTS), "xlsx"))
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws.title == "Kết quả THADS"
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    # Header block and merged, bold title across the table width.
    assert cells[UNIT_NAME.upper()].font.b
    assert cells["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"].font.b
    assert "Độc lập - Tự do - Hạnh phúc" in cells
    title = cells["KẾT QUẢ THI HÀNH ÁN DÂN SỰ"]
    assert title.font.b
    assert f"A{title.row}:D{title.row}" in {str(r) for r in ws.merged_cells.ranges}
    assert f"Kỳ báo cáo: {PERIOD}" in cells
    assert "Thời điểm lập: 14:30 03/10/2025   •   Số liệu đã khóa sổ" in cells
    # Table header: bold, in row h; body below in the layout's order.
    h = cells["Chỉ tiêu"].row
    assert [ws.cell(h, c).value for c in range(1, 5)] == ["STT", "Chỉ tiêu", "Về việc", "Về tiền (đồng)"]
    assert all(ws.cell(h, c).font.b for c in range(1, 5))
    body = {ws.cell(r, 2).value: r for r in range(h + 1, h + 1 + len(DEFAULT_ORDER))}
    layout = load_layout("default")
    for row in layout.rows:
        r = body[row.label]
        key = row.figure.keys[0]
        assert ws.cell(r, 1).value == row.number
        if key == "RATE":
            assert ws.cell(r, 3).value == pytest.approx(60.00) and ws.cell(r, 4).value == pytest.approx(62.26)
            assert ws.cell(r, 4).number_format == "0.00"
            continue
        money = ws.cell(r, 4)
        assert money.value == REPORT["money"][key] and money.number_format == "#,##0"
        if key == "GIAM":
            assert ws.cell(r, 3).value == "—"
        else:
            assert ws.cell(r, 3).value == REPORT["cases"][key]
        assert ws.cell(r, 2).font.b == row.bold
        assert (ws.cell(r, 2).alignment.indent or 0) == row.level
    assert ws.cell(body["Tổng số phải thi hành (6 = 3 − 4 − 5 = 6.1 + 6.2)"], 4).value == 768_000_000
    # Adjustments after the table.
    adj = cells["Điều chỉnh sau khóa sổ (báo cáo vào kỳ sau)"]
    assert adj.row > h + len(DEFAULT_ORDER)
    assert any(v.startswith("V3 — Thu tiền — Ngày pháp lý 20/09/2025") for v in cells)
    # Frozen header, widths, landscape fit to one page wide, header rows repeated.
    assert ws.freeze_panes == f"C{h + 1}"
    assert ws.column_dimensions["B"].width > 40
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == f"${h}:${h}"


def test_xlsx_groups_orientation_money_form(tmp_path: Path, unit_groups: tuple[dict[str, Any], dict[str, str]]) -> None:
    report, names = unit_groups
    path = tmp_path / "t.xlsx"
    path.write_bytes(render(report, meta(by="unit", group_labels=names), "xlsx", "tt05_bieu_tien"))
    ws = openpyxl.load_workbook(path).active
    assert ws.title == "Kết quả về tiền"
    layout = load_layout("tt05_bieu_tien")
    label = next(c for row in ws.iter_rows() for c in row if c.value == "Tên đơn vị")
    numbers = label.row + 3  # three heading levels, then the column-number row
    assert ws.cell(numbers, 1).value == "A"
    assert [ws.cell(numbers, 2 + i).value for i in range(len(layout.columns))] == [c.number for c in layout.columns]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert f"A{label.row}:A{label.row + 2}" in merged  # the label heading spans the three heading rows
    top = {ws.cell(label.row, c).value: c for c in range(2, 2 + len(layout.columns))}
    assert "Có điều kiện thi hành" in top and "Chưa có điều kiện thi hành" in top
    rows = {ws.cell(r, 1).value: r for r in range(numbers + 1, numbers + 4)}
    assert list(rows) == ["Tổng cộng", *(names[k] for k in report["groups"])]
    assert ws.cell(rows["Tổng cộng"], 1).font.b
    for name, part in [("Tổng cộng", report), *((names[k], g) for k, g in report["groups"].items())]:
        for i, col in enumerate(layout.columns):
            cell = ws.cell(rows[name], 2 + i)
            keys = col.figure.keys
            if keys == ("RATE",):
                rate = part["money"]["RATE"]
                assert cell.value == ("—" if rate is None else pytest.approx(float(rate)))
            else:
                assert cell.value == sum(part["money"][k] for k in keys)  # exact VND kept in the cell …
                assert cell.number_format == "#,##0,"  # … shown in thousands (money_divisor 1000)
    assert ws.freeze_panes == f"B{numbers + 1}"


# --------------------------------------------------------------------------------------------------------------
# PDF


def test_pdf_text_and_fonts(pdf_default: bytes, tmp_path: Path) -> None:
    assert pdf_default.startswith(b"%PDF")
    text = pdf_text(pdf_default, tmp_path)
    printed = flat(text)
    for needle in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", UNIT_NAME.upper(),
                   "KẾT QUẢ THI HÀNH ÁN DÂN SỰ", "Tổng số phải thi hành", "768.000.000", "1.288.000.000",
                   "62,26", "60,00", f"Kỳ báo cáo: {PERIOD}", "Thời điểm lập: 14:30 03/10/2025",
                   "Số liệu đã khóa sổ", "Về tiền (đồng)", "Điều chỉnh sau khóa sổ (báo cáo vào kỳ sau)",
                   "5.000.000 ₫", "Chuyển sổ theo dõi riêng", "Hoãn thi hành án theo điểm c khoản 1 Điều 48"):
        assert needle in printed, needle
    assert "₫" in text or "đồng" in text
    if PDFFONTS is not None:
        path = tmp_path / "f.pdf"
        path.write_bytes(pdf_default)
        fonts = subprocess.run([PDFFONTS, str(path)], capture_output=True, check=True, text=True).stdout
        lines = fonts.splitlines()[2:]
        assert lines and all("THADS-Serif" in ln and " yes " in ln for ln in lines), fonts  # all embedded


def test_pdf_provisional_groups_and_no_adjustments(tmp_path: Path,
                                                   unit_groups: tuple[dict[str, Any], dict[str, str]]) -> None:
    report, names = unit_groups
    data = render(report, meta(closed=False, by="unit", group_labels=names), "pdf")
    printed = flat(pdf_text(data, tmp_path))
    assert "Số liệu chưa khóa sổ (tạm tính)" in printed
    assert "Chi tiết theo đơn vị" in printed
    assert "Chi cục Thi hành án dân sự thành phố Huế" in printed
    assert "Điều chỉnh sau khóa sổ" not in printed


def test_pdf_groups_orientation(tmp_path: Path, unit_groups: tuple[dict[str, Any], dict[str, str]]) -> None:
    report, names = unit_groups
    data = render(report, meta(by="unit", group_labels=names), "pdf", "tt05_bieu_tien")
    printed = flat(pdf_text(data, tmp_path))
    assert "KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG TIỀN" in printed
    assert "Đơn vị tính: nghìn đồng" in printed
    text = pdf_text(data, tmp_path, layout=True)
    total = next(ln for ln in text.splitlines() if ln.strip().startswith("Tổng cộng"))
    # TT, CU, MOI in thousands of đồng, and the money rate with a decimal comma.
    assert re.search(r"1\.288\.000\s+235\.000\s+1\.053\.000", total), total
    assert "62,26" in total
    viec = flat(pdf_text(render(report, meta(by="unit", group_labels=names), "pdf", "tt05_bieu_viec"), tmp_path))
    assert "KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC" in viec and "Tên đơn vị" in viec


# --------------------------------------------------------------------------------------------------------------
# Layouts


def test_shipped_layouts_are_valid_and_complete() -> None:
    assert {"default", "tt05_bieu_viec", "tt05_bieu_tien"} <= set(layout_names())
    default = load_layout("default")
    assert default.orientation == "indicators"
    assert [r.figure.keys[0] for r in default.rows] == DEFAULT_ORDER
    assert sorted(DEFAULT_ORDER) == sorted(INDICATORS)
    assert not default.form_code  # forms.md §14.2: no "Biểu số" until the official appendix is checked
    assert default.motto == ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
    for name, measure in (("tt05_bieu_viec", "cases"), ("tt05_bieu_tien", "money")):
        lay = load_layout(name)
        assert lay.orientation == "groups"
        assert {c.measure for c in lay.columns} == {measure}
        shown = {k for c in lay.columns for k in c.figure.keys}
        assert shown == set(CASE_KEYS if measure == "cases" else MONEY_KEYS)
        assert [c.number for c in lay.columns] == [str(i) for i in range(1, len(lay.columns) + 1)]


def layout_data(name: str = "default") -> dict[str, Any]:
    return json.loads((LAYOUT_DIR / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["rows"].append({"key": "FOO", "label": "x"}), "rows[19]: unknown indicator 'FOO'"),
    (lambda d: d["rows"][0].update(key="cu"), "unknown indicator 'cu'"),
    (lambda d: d["rows"][0].update(colour="red"), "rows[0]: unknown field(s) colour"),
    (lambda d: d["rows"][0].update(sum=["CU"]), "exactly one of 'key'"),
    (lambda d: d["rows"][0].pop("label"), "rows[0]: missing field(s) label"),
    (lambda d: d["rows"][0].update(level=9), "rows[0].level"),
    (lambda d: d.update(orientation="diagonal"), "orientation: 'diagonal' is not one of"),
    (lambda d: d.update(rows=[]), "non-empty list of rows"),
    (lambda d: d.update(format="other/1"), "format"),
    (lambda d: d.update(sheet_name="Kết quả: năm 2025"), "sheet_name"),
    (lambda d: d.update(money_divisor=7), "money_divisor"),
    (lambda d: d.update(texts={"no_such_text": "x"}), "texts: unknown field(s) no_such_text"),
])
def test_layout_validation_errors(change: Any, message: str) -> None:
    data = layout_data()
    change(data)
    with pytest.raises(LayoutError) as err:
        parse_layout(data, "default")
    assert message in str(err.value)
    assert "layout 'default'" in str(err.value)


@pytest.mark.parametrize(("column", "message"), [
    ({"heading": "Giảm", "key": "GIAM", "measure": "cases"}, "GIAM has no cases figure"),
    ({"heading": "x", "sum": ["XONG", "RATE"], "measure": "money"}, "RATE cannot be summed"),
    ({"heading": "x", "key": "XONG", "measure": "tiền"}, "measure: 'tiền' is not one of"),
    ({"heading": "x", "sum": ["XONG", "NOPE"], "measure": "money"}, "unknown indicator 'NOPE'"),
])
def test_groups_layout_validation_errors(column: dict[str, Any], message: str) -> None:
    data = layout_data("tt05_bieu_tien")
    data["columns"].append(column)
    with pytest.raises(LayoutError, match=re.escape(message)):
        parse_layout(data, "tt05_bieu_tien")


def test_load_layout_errors() -> None:
    with pytest.raises(LayoutError, match="no layout 'nope'.*available: .*default"):
        load_layout("nope")
    with pytest.raises(LayoutError, match="invalid layout name"):
        load_layout("../layouts/default")
    with pytest.raises(LayoutError, match="invalid layout name 'Default Layout'"):
        render(REPORT, meta(), "csv", "Default Layout")


def test_a_replaced_layout_file_changes_the_output_without_code() -> None:
    """The official appendix replaces the JSON: labels, order, numbering and headings come from it alone."""
    data = layout_data()
    data["title"] = ["BIỂU THỬ NGHIỆM"]
    data["form_code"] = "Biểu số 99/TEST"
    data["rows"] = [{"key": "PTH", "number": "I", "label": "Phải thi hành"},
                    {"sum": ["XONG", "DC", "GIAM"], "number": "II", "label": "Xong (gồm đình chỉ, giảm)"},
                    {"key": "RATE", "number": "III", "label": "Tỷ lệ"}]
    data["texts"] = {"cases": "Số việc", "money": "Số tiền"}
    lay = parse_layout(data, "default")
    rows = read_csv(render(REPORT, meta(), "csv", lay))
    assert ["Biểu", "BIỂU THỬ NGHIỆM", "Biểu số 99/TEST"] in rows
    start = next(i for i, r in enumerate(rows) if r and r[0] == "Mã chỉ tiêu")
    assert rows[start:start + 4] == [
        ["Mã chỉ tiêu", "Chỉ tiêu", "Số việc", "Số tiền (đồng)"],
        ["PTH", "Phải thi hành", "8", "768000000"],
        ["XONG+DC+GIAM", "Xong (gồm đình chỉ, giảm)", "3", "165000000"],
        ["RATE", "Tỷ lệ", "60.00", "62.26"],
    ]


# --------------------------------------------------------------------------------------------------------------
# Groups orientation in CSV, input checks, helpers


def test_csv_groups_orientation(unit_groups: tuple[dict[str, Any], dict[str, str]]) -> None:
    report, names = unit_groups
    rows = read_csv(render(report, meta(by="unit", group_labels=names), "csv", "tt05_bieu_viec"))
    start = next(i for i, r in enumerate(rows) if r and r[0] == "Mã nhóm")
    assert rows[start][1] == "Tên đơn vị"
    assert rows[start][2] == "1 – Tổng số thụ lý – Tổng số"
    codes = rows[start + 1]
    assert codes[0] == "Mã chỉ tiêu" and codes[2:5] == ["TT", "CU", "MOI"]
    body = {r[0]: r for r in rows[start + 2:] if r}
    assert list(body) == ["*", "HUE-PV", "HUE-TP"]
    assert body["*"][1] == "Tổng cộng" and body["HUE-TP"][1] == names["HUE-TP"]
    for key, part in (("*", report), *report["groups"].items()):
        for code, value in zip(codes[2:], body[key][2:], strict=True):
            assert value == cell_text(part["cases"][code])
    # Two groups add up to the total (cases), the identity the form shows.
    for i, code in enumerate(codes[2:], 2):
        if code != "RATE":
            assert int(body["*"][i]) == int(body["HUE-PV"][i]) + int(body["HUE-TP"][i])


def test_groups_layout_without_groups_has_the_total_row_only() -> None:
    rows = read_csv(render(REPORT, meta(), "csv", "tt05_bieu_viec"))
    start = next(i for i, r in enumerate(rows) if r and r[0] == "Mã nhóm")
    assert [r[:3] for r in rows[start + 2:] if r] == [["*", "Tổng cộng", "10"]]


def test_csv_cells_never_start_a_formula() -> None:
    adjustments = [{**ADJUSTMENTS[0], "effect": "=HYPERLINK(\"http://x\")"}, {**ADJUSTMENTS[1], "effect": "+5.000.000 ₫"}]
    rows = read_csv(render(REPORT, meta(adjustments=adjustments, unit_name="@Cục"), "csv"))
    assert ["Đơn vị báo cáo", "'@Cục"] in rows
    assert rows[-2][-1] == "'=HYPERLINK(\"http://x\")" and rows[-1][-1] == "'+5.000.000 ₫"


def test_csv_money_form_keeps_exact_vnd(unit_groups: tuple[dict[str, Any], dict[str, str]]) -> None:
    report, names = unit_groups
    rows = read_csv(render(report, meta(by="unit", group_labels=names), "csv", "tt05_bieu_tien"))
    start = next(i for i, r in enumerate(rows) if r and r[0] == "Mã nhóm")
    assert rows[start][2] == "1 – Tổng số thụ lý – Tổng số (đồng)"
    codes = rows[start + 1]
    total = dict(zip(codes, rows[start + 2], strict=True))
    assert total["TT"] == "1288000000" and total["XONG+DC+GIAM"] == "165000000" and total["RATE"] == "62.26"


def test_input_checks() -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        render(REPORT, meta(), "docx")
    with pytest.raises(ValueError, match="report to '2025-09-30' does not match"):
        render(REPORT, meta(date_to=date(2025, 6, 30)), "csv")
    broken = copy.deepcopy(REPORT)
    del broken["money"]["GIAM"]
    with pytest.raises(ValueError, match="money: missing indicator GIAM"):
        render(broken, meta(), "csv")
    broken = copy.deepcopy(REPORT)
    broken["cases"]["RATE"] = 60.0
    with pytest.raises(ValueError, match="cases.RATE"):
        render(broken, meta(), "csv")


def test_rate_without_base_and_naive_time() -> None:
    report = copy.deepcopy(REPORT)
    report["cases"]["RATE"] = report["money"]["RATE"] = None
    rows = read_csv(render(report, meta(produced_at=datetime(2025, 10, 3, 8, 5)), "csv"))
    assert ["Thời điểm lập", "08:05 03/10/2025"] in rows
    assert next(r for r in rows if r and r[0] == "RATE")[2:] == ["", ""]


def test_produced_at_is_shown_in_vietnam_time() -> None:
    utc = datetime(2025, 10, 3, 7, 30, tzinfo=ZoneInfo("UTC"))
    rows = read_csv(render(REPORT, meta(produced_at=utc), "csv"))
    assert ["Thời điểm lập", "14:30 03/10/2025"] in rows


def test_header_cells_merge_shared_prefixes() -> None:
    cols = [GridColumn(("Đơn vị",), "label"), GridColumn(("Có ĐK", "Tổng"), "money"),
            GridColumn(("Có ĐK", "Xong", "Tổng"), "money"), GridColumn(("Có ĐK", "Xong", "Thu"), "money"),
            GridColumn(("Tỷ lệ",), "rate")]
    depth, cells = header_cells(cols)
    assert depth == 3
    got = {(c.text, c.row, c.col, c.rowspan, c.colspan) for c in cells}
    assert got == {("Đơn vị", 0, 0, 3, 1), ("Có ĐK", 0, 1, 1, 3), ("Tổng", 1, 1, 2, 1), ("Xong", 1, 2, 1, 2),
                   ("Tổng", 2, 2, 1, 1), ("Thu", 2, 3, 1, 1), ("Tỷ lệ", 0, 4, 3, 1)}


def test_divide_rounds_half_up_and_filename() -> None:
    assert [divide(v, 1000) for v in (0, 499, 500, 1_499, 1_288_000_000)] == [0, 0, 1, 1, 1_288_000]
    assert divide(123, 1) == 123
    assert filename(meta(), "pdf") == "bao-cao-HUE-2024-10-01-2025-09-30.pdf"
    assert filename(meta(), "xlsx", "tt05_bieu_tien") == "bao-cao-HUE-2024-10-01-2025-09-30-tt05_bieu_tien.xlsx"


def test_fonts_are_vendored_with_their_licence() -> None:
    for name in ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf"):
        assert (FONT_DIR / name).stat().st_size > 100_000
    assert "SIL Open Font License" in (FONT_DIR / "LICENSE-Liberation-OFL.txt").read_text(encoding="utf-8")
