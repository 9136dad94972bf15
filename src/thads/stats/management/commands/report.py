"""``thads report --unit U (--year Y [--months K] | --from D1 --to D2) [--by …] [--format …] [-o FILE] [--closed]``
(interchange.md §2; issue "Official statistics engine")."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from thads.domain.report import BY_KEYS, dumps_report
from thads.org import report_command
from thads.stats.service import build_report


class Command(BaseCommand):
    help = "Print the official statistics report of a unit (and everything below it) for a period."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--unit", required=True)
        parser.add_argument("--year", type=int, help="statistical year, named by its end (2025 = 01/10/2024–30/09/2025)")
        parser.add_argument("--months", type=int, default=12, help="cumulative months from 1 October (1–12)")
        parser.add_argument("--from", dest="date_from")
        parser.add_argument("--to", dest="date_to")
        parser.add_argument("--by", choices=BY_KEYS)
        parser.add_argument("--format", default="json", choices=["json", "csv", "xlsx", "pdf"])
        parser.add_argument("-o", "--output")
        parser.add_argument("--closed", action="store_true", help="the frozen report of a closed period")
        parser.add_argument("--layout", default="default", help="export layout (src/thads/stats/layouts/*.json)")

    def handle(self, *args, **o) -> None:
        unit = report_command.unit_of(o)
        date_from, date_to, _official = report_command.period(o)
        if o["format"] in ("xlsx", "pdf") and not o["output"]:
            raise CommandError(f"--format {o['format']} needs -o FILE")

        closing = None
        adjustments: list[dict] = []
        if o["closed"]:
            from thads.stats.closing import active_closing
            from thads.stats.closing import adjustments as list_adjustments
            from thads.stats.service import official_period

            period = official_period(date_from, date_to)
            closing = active_closing(unit, *period) if period else None
            if closing is None:
                raise CommandError("this period of this unit is not closed")
            report = closing.report
            adjustments = list_adjustments(closing)
            if o["by"]:
                raise CommandError("--by is not available for a frozen report")
        else:
            try:
                report = build_report(unit, date_from, date_to, by=o["by"])
            except ValueError as exc:
                raise CommandError(str(exc)) from None

        if o["format"] == "json":
            report_command.write_output(self, o["output"], dumps_report(report))
            if adjustments:
                self.stderr.write(f"{len(adjustments)} adjustment(s) entered after closing; see --format csv/xlsx/pdf")
            return
        from thads.stats.exports import render
        from thads.stats.meta import report_meta

        meta = report_meta(unit, date_from, date_to, closed=closing is not None, adjustments=adjustments,
                           by=o["by"], produced_at=timezone.localtime())
        from thads.stats.layouts import LayoutError, layout_names

        if o["layout"] not in layout_names():
            raise CommandError(f"unknown layout {o['layout']!r}; available: {', '.join(layout_names())}")
        try:
            data = render(report, meta, o["format"], layout=o["layout"])
        except (LayoutError, ValueError) as exc:
            raise CommandError(str(exc)) from None
        report_command.write_output(self, o["output"], data)
