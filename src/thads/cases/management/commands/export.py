"""``thads export --unit U [-o FILE]`` (interchange.md §1 "Export")."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from thads.cases.exporter import export_lines
from thads.org.models import Unit


class Command(BaseCommand):
    help = "Export the case histories of a unit and everything below it in the interchange format."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--unit", required=True, help="unit code")
        parser.add_argument("-o", "--output", default=None, help="file to write (default: standard output)")

    def handle(self, *args, unit: str, output: str | None, **options) -> None:
        try:
            root = Unit.objects.get(code=unit)
        except Unit.DoesNotExist:
            raise CommandError(f"unknown unit {unit!r}") from None
        out = open(output, "w", encoding="utf-8", newline="\n") if output else None  # noqa: SIM115
        stream = out or sys.stdout
        try:
            for line in export_lines(root):
                stream.write(line + "\n")
        finally:
            if out:
                out.close()
