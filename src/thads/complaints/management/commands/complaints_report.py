"""``thads complaints-report --unit U (--year Y [--months K] | --from D1 --to D2) [--format json|xlsx|pdf] [-o FILE]``:
the report on citizen reception, complaints, denunciations, recommendations and reports and the procuracy's acts
(issue 16) with the periods and the unit roll-up of ``thads report``.

Statistical year Y runs 01/10/Y−1 to 30/09/Y; ``--months K`` is its cumulative period from 1 October to the end of
its K-th month (``thads.domain.report.statistical_year_period``); ``--from``/``--to`` any dates, both included. The
unit is a unit code; the report covers it and every unit below it. JSON on stdout (or ``-o FILE``): English keys,
nested objects, counts as integers, ``resolved_share`` a string with two decimals (a percentage, like ``RATE`` of
``thads report``) or ``null``, dates ``yyyy-mm-dd``, printed like ``thads report`` (indent 2, UTF-8, final newline).
XLSX and PDF to ``-o FILE``, or to stdout when it is not a terminal. The definitions:
``thads.domain.complaints_report``.
"""

from __future__ import annotations

import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from thads.complaints.report import complaints_report
from thads.complaints.report_pdf import render_pdf
from thads.complaints.report_xlsx import period_label_vi, report_workbook
from thads.domain.complaints_report import dumps_report
from thads.domain.report import statistical_year_period
from thads.org.models import Unit


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"invalid date {text!r}: use YYYY-MM-DD") from None


def period(o: dict) -> tuple[date, date, tuple[int, int] | None]:
    """(from, to, (year, months) when the period is a statistical year's) from the options."""
    if o["year"] is not None:
        if o["date_from"] or o["date_to"]:
            raise CommandError("give either --year [--months] or --from and --to")
        if not 1 <= o["months"] <= 12:
            raise CommandError("--months must be between 1 and 12")
        return (*statistical_year_period(o["year"], o["months"]), (o["year"], o["months"]))
    if o["date_from"] and o["date_to"]:
        date_from, date_to = _day(o["date_from"]), _day(o["date_to"])
        if date_from > date_to:
            raise CommandError("--from is after --to")
        return date_from, date_to, None
    raise CommandError("give --year [--months K] or --from D1 --to D2")


class Command(BaseCommand):
    help = "Print the report on citizen reception, complaints, denunciations, recommendations and the procuracy's " \
           "acts of a unit (and every unit below it) for a period."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--unit", required=True, help="unit code")
        parser.add_argument("--year", type=int, help="statistical year, named by its end (2025 = 01/10/2024–30/09/2025)")
        parser.add_argument("--months", type=int, default=12, help="cumulative months from 1 October (1–12)")
        parser.add_argument("--from", dest="date_from", help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", help="last day, YYYY-MM-DD")
        parser.add_argument("--format", default="json", choices=["json", "xlsx", "pdf"])
        parser.add_argument("-o", "--output", help="write to this file instead of stdout")

    def handle(self, *args, **o) -> None:
        try:
            unit = Unit.objects.get(code=o["unit"])
        except Unit.DoesNotExist:
            raise CommandError(f"unknown unit {o['unit']!r}") from None
        date_from, date_to, official = period(o)
        if o["format"] != "json" and not o["output"] and sys.stdout.isatty():
            raise CommandError(f"--format {o['format']} needs -o FILE (or stdout redirected to a file)")
        report = complaints_report(unit, date_from, date_to)
        if o["format"] == "json":
            text = dumps_report(report)
            if o["output"]:
                with open(o["output"], "w", encoding="utf-8") as fh:
                    fh.write(text)
            else:
                self.stdout.write(text, ending="")
            return
        label = period_label_vi(date_from, date_to, official)
        if o["format"] == "xlsx":
            data = report_workbook(report, unit_name=unit.name, period_label=label)
        else:
            data = render_pdf(report, unit_name=unit.name, period_label=label, today=timezone.localdate())
        if o["output"]:
            with open(o["output"], "wb") as fh:
                fh.write(data)
        else:
            sys.stdout.buffer.write(data)
