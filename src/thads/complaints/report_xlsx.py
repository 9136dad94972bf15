"""The complaints report as an XLSX file (``thads complaints-report --format xlsx`` and the page's download), the
Vietnamese words the file and the PDF share, and the columns of the drill-down list's download (written by the one
list writer, ``org.spreadsheet``).

The report file is Vietnamese whatever the interface language (like the statistics exports): a title, the unit and
the period, the receptions, then one table — a row per kind (complaints, denunciations, recommendations and reports,
the procuracy's acts), a column per figure — counts as numbers, the resolved share as a percentage with two
decimals (empty when nothing was accepted). Each figure's definition: :mod:`thads.domain.complaints_report`.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import xlsxwriter
from django.utils.translation import gettext_lazy as _

from thads.domain.complaints_report import COUNTS, OUTCOMES
from thads.domain.petitions import REPORTED_KINDS
from thads.org.spreadsheet import DATE, NUMBER, Column

TITLE_VI = "BÁO CÁO KẾT QUẢ TIẾP CÔNG DÂN, GIẢI QUYẾT KHIẾU NẠI, TỐ CÁO, KIẾN NGHỊ, PHẢN ÁNH"
#: The report's kinds in the statute's words (a report, phản ánh, counts with the recommendations).
KIND_LABELS_VI = {
    "complaint": "Khiếu nại",
    "denunciation": "Tố cáo",
    "recommendation": "Kiến nghị, phản ánh",
    "procuracy": "Kháng nghị, kiến nghị, yêu cầu của Viện kiểm sát",
}
COUNT_HEADINGS_VI = {
    "received": "Tổng số đơn, vụ việc phải giải quyết (kỳ trước chuyển sang và mới tiếp nhận)",
    "accepted": "Đã thụ lý",
    "within_competence": "Thuộc thẩm quyền",
    "resolved": "Đã giải quyết",
    "resolved_on_time": "Trong đó: đúng hạn",
    "withdrawn": "Rút đơn",
    "outstanding": "Đang giải quyết cuối kỳ",
    "overdue": "Trong đó: quá hạn",
}
OUTCOME_HEADINGS_VI = {"right": "Đúng", "wrong": "Sai", "partly_right": "Có đúng, có sai"}
SHARE_HEADING_VI = "Tỷ lệ giải quyết (%)"
RECEPTIONS_VI = "Số lượt tiếp công dân"
NOTE_VI = ("Số liệu của đơn vị và các đơn vị trực thuộc; ngày trong kỳ tính cả ngày đầu và ngày cuối; số liệu "
           "tính theo lịch sử vụ việc đến hết ngày cuối kỳ. Tỷ lệ giải quyết = đã giải quyết / đã thụ lý.")


def headings_vi() -> list[str]:
    """The table's column headings after the kind, in the order of the JSON."""
    return [*(COUNT_HEADINGS_VI[c] for c in COUNTS), *(f"Kết quả: {OUTCOME_HEADINGS_VI[o]}" for o in OUTCOMES),
            SHARE_HEADING_VI]


def kind_values(kind: Mapping[str, Any]) -> list[int | Decimal | None]:
    """One kind's figures in :func:`headings_vi` order (the share a ``Decimal`` percentage, ``None`` without base)."""
    share = kind["resolved_share"]
    return [*(int(kind[c]) for c in COUNTS), *(int(kind["outcomes"][o]) for o in OUTCOMES),
            Decimal(share) if share is not None else None]


def report_workbook(report: Mapping[str, Any], *, unit_name: str, period_label: str) -> bytes:
    """The report (its JSON form) as an .xlsx file's bytes."""
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = wb.add_worksheet("Khieu nai to cao")
    base = {"font_name": "Times New Roman", "font_size": 11, "valign": "vcenter"}
    title = wb.add_format({**base, "bold": True, "font_size": 13, "align": "center"})
    centre = wb.add_format({**base, "align": "center", "italic": True})
    head = wb.add_format({**base, "bold": True, "border": 1, "align": "center", "text_wrap": True, "bg_color": "#E8EEF4"})
    text = wb.add_format({**base, "border": 1, "text_wrap": True})
    count = wb.add_format({**base, "border": 1, "num_format": "#,##0"})
    share = wb.add_format({**base, "border": 1, "num_format": "0.00"})
    headings = headings_vi()
    last = 1 + len(headings)
    ws.set_column(0, 0, 6)
    ws.set_column(1, 1, 30)
    ws.set_column(2, last, 13)
    ws.merge_range(0, 0, 0, last, TITLE_VI, title)
    ws.merge_range(1, 0, 1, last, f"{unit_name} ({report['unit']})", centre)
    ws.merge_range(2, 0, 2, last, period_label, centre)
    ws.write_string(4, 1, RECEPTIONS_VI, text)
    ws.write_number(4, 2, int(report["receptions"]), count)
    row = 6
    ws.write_row(row, 0, ["STT", "Loại việc", *headings], head)
    ws.set_row(row, 90)
    for i, key in enumerate(REPORTED_KINDS, start=1):
        row += 1
        ws.write_number(row, 0, i, text)
        ws.write_string(row, 1, KIND_LABELS_VI[key], text)
        for col, value in enumerate(kind_values(report["kinds"][key]), start=2):
            if value is None:
                ws.write_blank(row, col, None, share)
            elif isinstance(value, Decimal):
                ws.write_number(row, col, float(value), share)
            else:
                ws.write_number(row, col, value, count)
    ws.write_string(row + 2, 1, NOTE_VI, wb.add_format({**base, "italic": True}))
    ws.fit_to_pages(1, 0)
    ws.set_landscape()
    wb.close()
    return buffer.getvalue()


def matter_columns() -> tuple[Column, ...]:
    """The columns of a matter list's download (the page's own columns)."""
    return (
        Column(_("Kind"), 24), Column(_("Level"), 8, NUMBER), Column(_("Number"), 16), Column(_("Unit"), 10),
        Column(_("Received on"), 12, DATE), Column(_("Status at the end of the period"), 18),
        Column(_("Due on"), 12, DATE), Column(_("Closed on"), 12, DATE), Column(_("Case"), 16),
    )


def matter_values(row, kind_label, status_label) -> tuple:
    """One matter row (``complaints.report.MatterRow``) in :func:`matter_columns` order."""
    return (kind_label(row.kind), row.level, row.number, row.unit_code, row.received_on, status_label(row.status),
            row.due_on, row.closed_on, row.case_ext_id)


def reception_columns() -> tuple[Column, ...]:
    """The columns of the receptions list's download: no person, no content (personal data)."""
    return (Column(_("Date"), 12, DATE), Column(_("Unit"), 10), Column(_("Outcome"), 30),
            Column(_("People in the group"), 10, NUMBER), Column(_("On the head's reception day"), 12),
            Column(_("Cases concerned"), 30))


def reception_values(row, outcome_label) -> tuple:
    return (row.on, row.unit_code, outcome_label(row.outcome), row.group_size, "x" if row.head_day else "",
            ", ".join(ext for _pk, ext in row.cases))
