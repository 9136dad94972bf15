"""The measures report as an XLSX file (``thads measures-report --format xlsx`` and the page's download), and the
columns of the drill-down list's download (written by the one list writer, ``org.spreadsheet``).

The report file is Vietnamese whatever the interface language (like the statistics exports): a title, the unit and
the period, then one table — the nine measures with their decided / executed / released counts, then the coercion
operations, the auctions and the costs — counts as numbers, VND as exact integers shown ``#,##0``. Each figure's
definition: :mod:`thads.domain.measures_report`.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

import xlsxwriter
from django.utils.translation import gettext_lazy as _

from thads.domain.measures import MEASURE_LABELS_VI, REPORTED_MEASURES
from thads.domain.measures_report import MEASURE_COUNTS
from thads.org.spreadsheet import DATE, MONEY, NUMBER, Column

TITLE_VI = "THỐNG KÊ BIỆN PHÁP BẢO ĐẢM, CƯỠNG CHẾ THI HÀNH ÁN"
COUNT_HEADINGS_VI = {"decided": "Số quyết định áp dụng", "executed": "Số lượt đã thực hiện",
                     "released": "Số lượt chấm dứt, giải tỏa, hủy bỏ"}
#: The figures after the measures: (dotted path, Vietnamese label, money?).
OTHER_FIGURES_VI: tuple[tuple[str, str, bool], ...] = (
    ("coercion_operations", "Số cuộc cưỡng chế đã tổ chức (Điều 72)", False),
    ("auctions.sessions", "Số cuộc đấu giá đã tổ chức", False),
    ("auctions.sold", "Trong đó: đấu giá thành", False),
    ("auctions.unsold", "Trong đó: đấu giá không thành", False),
    ("auctions.taken_by_creditor", "Số tài sản người được thi hành án nhận (Điều 104)", False),
    ("auctions.proceeds", "Tiền bán đấu giá thành (đồng)", True),
    ("coercion_costs", "Chi phí cưỡng chế đã tính cho người phải thi hành án (đồng, Điều 73)", True),
)


def _value(report: Mapping[str, Any], path: str) -> int:
    node: Any = report
    for key in path.split("."):
        node = node[key]
    return int(node)


def report_workbook(report: Mapping[str, Any], *, unit_name: str, period_label: str) -> bytes:
    """The report (its JSON form) as an .xlsx file's bytes."""
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = wb.add_worksheet("Bien phap")
    base = {"font_name": "Times New Roman", "font_size": 11, "valign": "vcenter"}
    title = wb.add_format({**base, "bold": True, "font_size": 13, "align": "center"})
    centre = wb.add_format({**base, "align": "center", "italic": True})
    head = wb.add_format({**base, "bold": True, "border": 1, "align": "center", "text_wrap": True, "bg_color": "#E8EEF4"})
    text = wb.add_format({**base, "border": 1, "text_wrap": True})
    count = wb.add_format({**base, "border": 1, "num_format": "#,##0"})
    ws.set_column(0, 0, 6)
    ws.set_column(1, 1, 58)
    ws.set_column(2, 4, 18)
    ws.merge_range(0, 0, 0, 4, TITLE_VI, title)
    ws.merge_range(1, 0, 1, 4, f"{unit_name} ({report['unit']})", centre)
    ws.merge_range(2, 0, 2, 4, period_label, centre)
    row = 4
    ws.write_row(row, 0, ["STT", "Biện pháp", *(COUNT_HEADINGS_VI[c] for c in MEASURE_COUNTS)], head)
    ws.set_row(row, 45)
    for i, kind in enumerate(REPORTED_MEASURES, start=1):
        row += 1
        ws.write_number(row, 0, i, text)
        ws.write_string(row, 1, MEASURE_LABELS_VI[kind], text)
        for col, key in enumerate(MEASURE_COUNTS, start=2):
            ws.write_number(row, col, int(report["measures"][kind.value][key]), count)
    row += 2
    ws.write_row(row, 0, ["STT", "Chỉ tiêu"], head)
    ws.merge_range(row, 2, row, 4, "Số liệu", head)
    for i, (path, label, _money) in enumerate(OTHER_FIGURES_VI, start=1):
        row += 1
        ws.write_number(row, 0, i, text)
        ws.write_string(row, 1, label, text)
        ws.merge_range(row, 2, row, 4, "", count)
        ws.write_number(row, 2, _value(report, path), count)
    ws.write_string(row + 2, 1, "Số liệu của đơn vị và các đơn vị trực thuộc; ngày trong kỳ tính cả ngày đầu và "
                                "ngày cuối.", wb.add_format({**base, "italic": True}))
    ws.fit_to_pages(1, 0)
    wb.close()
    return buffer.getvalue()


def drill_columns(money: bool) -> tuple[Column, ...]:
    """The columns of the drill-down list's download (the page's own columns); ``money``: the figure is in VND."""
    return (
        Column(_("Case"), 16), Column(_("Unit"), 10), Column(_("Date"), 12, DATE), Column(_("What"), 40),
        Column(_("Decision or contract number"), 20), Column(_("Details"), 40), Column(_("Amount (VND)"), 16, MONEY),
        Column(_("Counted in the figure"), 16, MONEY if money else NUMBER),
    )


def drill_values(row) -> tuple:
    """One drill-down row (``assets.report.DrillRow``) in :func:`drill_columns` order."""
    return (row.case_ext_id, row.unit_code, row.on, row.what, row.decision_no, row.detail, row.amount, row.counted)
