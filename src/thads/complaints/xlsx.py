"""The registers as XLSX (``org.spreadsheet``): the reception register and the registers of matters take the page's
own filters and scope (``registers.py``): a user downloads exactly the rows the page lists. A denunciator is never
named (``registers.sender_text``); ID numbers and addresses only with the personal-data right (the view writes the
``audit_read`` row)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils import timezone

from thads.complaints.registers import MATTER_HEADERS, RECEPTION_HEADERS
from thads.org.spreadsheet import DATE, MAX_ROWS, NUMBER, Column, xlsx_response

RECEPTION_COLUMNS = tuple(Column(h, w, k) for h, w, k in zip(
    RECEPTION_HEADERS, (12, 30, 24, 44, 8, 60, 22, 22),
    (DATE, "text", "text", "text", NUMBER, "text", "text", "text"), strict=True))

MATTER_COLUMNS = tuple(Column(h, w, k) for h, w, k in zip(
    MATTER_HEADERS, (8, 12, 14, 34, 60, 20, 18, 22, 12, 12, 14, 14, 18, 12),
    (NUMBER, DATE, "text", "text", "text", "text", "text", "text", DATE, DATE, "text", "text", "text", DATE),
    strict=True))


def xlsx(lines: Iterable[Sequence], columns, *, sheet, filename: str) -> HttpResponse:
    return xlsx_response(lines, columns, sheet=sheet, limit=MAX_ROWS,
                         filename=f"{filename}-{timezone.localdate():%Y%m%d}.xlsx")

