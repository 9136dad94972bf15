"""``thads public-list --unit U [--format csv|json] [--search Q]``: the public list of debtors without conditions of
unit U and the units below it — the same rows as the public page and its files (CSV: one header row)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from thads.org.models import Unit
from thads.registers.views_public import csv_lines, json_chunks, public_rows


class Command(BaseCommand):
    help = "Print the public list of debtors without conditions of a unit (CSV or JSON)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--unit", required=True, help="unit code (its subtree is listed)")
        parser.add_argument("--format", choices=("csv", "json"), default="csv")
        parser.add_argument("--search", default="", help="words of the name or address, diacritics optional")

    def handle(self, *args, **options) -> None:
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"unknown unit: {options['unit']}")
        ids = list(Unit.objects.filter(path__startswith=unit.path).values_list("id", flat=True))
        rows = public_rows(options["search"], ids)
        chunks = csv_lines(rows) if options["format"] == "csv" else json_chunks(rows)
        for chunk in chunks:
            self.stdout.write(chunk.removeprefix("\ufeff"), ending="")
