"""A register as XLSX (``org.spreadsheet``: streamed, constant memory): the running number and the same lines as the
page and the printed book (``registers.iter_lines``), headers in Vietnamese. No totals line: the workbook holds the
register's lines only."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from django.utils import translation

from thads.org.models import Unit
from thads.org.spreadsheet import MAX_ROWS, write_rows
from thads.registers.registers import Spec, columns, iter_lines


def workbook(spec: Spec, unit: Unit, date_from: date, date_to: date, see: bool) -> tuple[bytes, int, bool]:
    """The workbook's bytes, the lines written and whether lines were cut at ``MAX_ROWS``."""
    with tempfile.TemporaryDirectory() as tmp, translation.override("vi"):
        path = str(Path(tmp) / "register.xlsx")
        written, cut = write_rows(path, spec.title, columns(spec), iter_lines(spec, unit, date_from, date_to, see),
                                  MAX_ROWS)
        return Path(path).read_bytes(), written, cut
