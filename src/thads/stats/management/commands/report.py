"""``thads report --unit U (--year Y [--months K] | --from D1 --to D2) [--by …] [--format …] [-o FILE] [--closed]``
(interchange.md §2; issue "Official statistics engine")."""

from __future__ import annotations

import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from thads.domain.report import BY_KEYS, dumps_report, statistical_year_period
from thads.org.models import Unit
from thads.stats.service import build_report


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"invalid date {text!r}: use YYYY-MM-DD") from None


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
        try:
            unit = Unit.objects.get(code=o["unit"])
        except Unit.DoesNotExist:
            raise CommandError(f"unknown unit {o['unit']!r}") from None
        if o["year"] is not None:
            if o["date_from"] or o["date_to"]:
                raise CommandError("give either --year [--months] or --from and --to")
            if not 1 <= o["months"] <= 12:
                raise CommandError("--months must be between 1 and 12")
            date_from, date_to = statistical_year_period(o["year"], o["months"])
        elif o["date_from"] and o["date_to"]:
            date_from, date_to = _day(o["date_from"]), _day(o["date_to"])
            if date_from > date_to:
                raise CommandError("--from is after --to")
        else:
            raise CommandError("give --year [--months K] or --from D1 --to D2")
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
            text = dumps_report(report)
            if o["output"]:
                with open(o["output"], "w", encoding="utf-8") as fh:
                    fh.write(text)
            else:
                self.stdout.write(text, ending="")
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
        if o["output"]:
            with open(o["output"], "wb") as fh:
                fh.write(data)
        else:
            sys.stdout.buffer.write(data)
