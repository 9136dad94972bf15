"""Any list as an XLSX download (issue 7 "download any list as XLSX").

A list declares its columns (``Column``: title, width, kind) and hands an iterable of rows (one sequence of values
per row, in column order) to ``xlsx_response``. The workbook is written row by row (xlsxwriter ``constant_memory``)
into a temporary file that is streamed back and removed when the response is closed. Headers and labels are in
Vietnamese whatever the interface language (the rows are read inside ``translation.override("vi")``, so labels
computed while iterating are Vietnamese too); dates are Excel dates shown ``dd/mm/yyyy``, amounts are numbers shown
``#,##0``; the header row is bold and frozen, with an autofilter. At most ``limit`` rows are written; when more
exist, a last line says so and the response carries ``X-THADS-Truncated``. ``X-THADS-Rows`` is the rows written.

Access is the caller's business: it passes only the rows the user may see (``thads.org.scope``), and no ID numbers
or addresses unless the page shows them to that user (``Action.PERSONAL_DATA``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import xlsxwriter
from django.http import FileResponse
from django.utils import translation
from django.utils.translation import gettext_lazy

from thads.lib.numbers import group_thousands

MAX_ROWS = 100_000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Kind = Literal["text", "date", "money", "number"]
TEXT: Kind = "text"
DATE: Kind = "date"
MONEY: Kind = "money"
NUMBER: Kind = "number"

# The formats of the cells, by kind (text and plain numbers take none).
_HEADER = {"bold": True, "bg_color": "#E8EEF4", "border": 1}
_NUM_FORMATS = {DATE: "dd/mm/yyyy", MONEY: "#,##0"}

ROWS_CUT = gettext_lazy("Only the first %(n)s rows are included; narrow the selection to get the rest.")


@dataclass(frozen=True)
class Column:
    """One column: its header (a lazy translation, rendered in Vietnamese), its width in characters and its kind.

    ``text`` writes ``str(value)`` (``None`` as an empty string), ``date`` an Excel date (anything that is not a
    ``date`` as an empty cell in the date format), ``money`` a number in ``#,##0``, ``number`` a plain number
    (``None`` as an empty cell for both)."""

    title: Any
    width: float = 16
    kind: Kind = TEXT

    def __post_init__(self) -> None:
        if self.kind not in (TEXT, DATE, MONEY, NUMBER):
            raise ValueError(f"unknown column kind {self.kind!r}")


def grouped(n: int) -> str:
    """``100000`` → ``100.000`` (Vietnamese thousands separator)."""
    return group_thousands(n)


def write_rows(path: str, sheet: Any, columns: Sequence[Column], rows: Iterable[Sequence[Any]],
               limit: int = MAX_ROWS, cut_message: Any = ROWS_CUT) -> tuple[int, bool]:
    """Write ``rows`` under ``columns`` into an .xlsx at ``path``; return (rows written, whether rows were cut).

    At most ``limit`` rows are written; ``rows`` is read up to one row further to know whether more exist (give a
    queryset sliced to ``limit + 1`` to spare the database). ``cut_message`` takes ``%(n)s`` (the limit, grouped).
    Call inside ``translation.override`` (``xlsx_response`` does)."""
    wb = xlsxwriter.Workbook(path, {"constant_memory": True, "remove_timezone": True})
    ws = wb.add_worksheet(str(sheet)[:31])
    bold = wb.add_format(_HEADER)
    formats = {kind: wb.add_format({"num_format": _NUM_FORMATS[kind]})
               for kind in (DATE, MONEY) if any(c.kind == kind for c in columns)}
    for col, column in enumerate(columns):
        ws.set_column(col, col, column.width)
        ws.write_string(0, col, str(column.title), bold)
    ws.freeze_panes(1, 0)
    writers = [_writer(ws, column.kind, formats.get(column.kind)) for column in columns]
    written, cut = 0, False
    for values in rows:
        if written == limit:
            cut = True
            break
        r = written + 1
        for col, (write, value) in enumerate(zip(writers, values, strict=True)):
            write(r, col, value)
        written += 1
    ws.autofilter(0, 0, max(written, 1), len(columns) - 1)
    if cut:
        ws.write_string(written + 2, 0, str(cut_message) % {"n": grouped(limit)}, bold)
    wb.close()
    return written, cut


def _writer(ws, kind: Kind, fmt):
    if kind == TEXT:
        return lambda r, c, v: ws.write_string(r, c, "" if v is None else str(v))
    if kind == DATE:
        return lambda r, c, v: (ws.write_datetime(r, c, v, fmt) if isinstance(v, date)
                                else ws.write_blank(r, c, None, fmt))
    return lambda r, c, v: ws.write_blank(r, c, None, fmt) if v is None else ws.write_number(r, c, v, fmt)


def xlsx_response(rows: Iterable[Sequence[Any]], columns: Sequence[Column], *, filename: str, sheet: Any,
                  limit: int = MAX_ROWS, cut_message: Any = ROWS_CUT) -> FileResponse:
    """The rows as a downloaded .xlsx (see the module docstring), in Vietnamese."""
    tmp = tempfile.NamedTemporaryFile(suffix=".xlsx")  # removed when the response closes it
    try:
        with translation.override("vi"):
            written, cut = write_rows(tmp.name, sheet, columns, rows, limit, cut_message)
    except BaseException:
        tmp.close()
        raise
    tmp.seek(0)
    response = FileResponse(tmp, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
    response["X-THADS-Rows"] = str(written)
    if cut:
        response["X-THADS-Truncated"] = str(limit)
    return response
