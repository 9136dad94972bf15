"""``thads measures-report --unit U (--year Y [--months K] | --from D1 --to D2) [--format json|xlsx] [-o FILE]``:
the statistics of coercion (issue 15) with the periods and the unit roll-up of ``thads report``.

Statistical year Y runs 01/10/Y−1 to 30/09/Y; ``--months K`` is its cumulative period from 1 October to the end of
its K-th month (``thads.domain.report.statistical_year_period``); ``--from``/``--to`` any dates, both included. The
unit is a unit code; the report covers it and every unit below it. JSON on stdout (or ``-o FILE``): English keys,
nested objects, counts and VND as integers, dates ``yyyy-mm-dd``, printed like ``thads report`` (indent 2, UTF-8,
final newline). XLSX to ``-o FILE``, or to stdout when it is not a terminal. The definitions:
``thads.domain.measures_report``.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from thads.assets.report import measures_report
from thads.assets.report_xlsx import report_workbook
from thads.domain.measures_report import dumps_report
from thads.org.period_form import period_label_vi
from thads.org.report_command import add_period_arguments, parse_period, write_output


class Command(BaseCommand):
    help = "Print the statistics of security and coercive measures, coercion and auctions of a unit (and every " \
           "unit below it) for a period."

    def add_arguments(self, parser) -> None:
        add_period_arguments(parser, formats=["json", "xlsx"])

    def handle(self, *args, **o) -> None:
        r = parse_period(o)
        report = measures_report(r.unit, r.date_from, r.date_to)
        if r.fmt == "json":
            write_output(self, r.out, dumps_report(report))
            return
        label = period_label_vi(r.date_from, r.date_to, r.official)
        write_output(self, r.out, report_workbook(report, unit_name=r.unit.name, period_label=label))
