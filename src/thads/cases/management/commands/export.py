"""``thads export --unit U [-o FILE]`` (interchange.md §1 "Export").

The file holds the parties' ID numbers and addresses: each export leaves one read row in the audit log
(``export.cli``, source ``cli:export``, with the number of cases and the operating-system user)."""

from __future__ import annotations

import getpass
import sys

from django.core.management.base import BaseCommand, CommandError

from thads.cases.exporter import export_lines
from thads.org.audit import audit_context, audit_read
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
        cases = 0
        with audit_context(source="cli:export"):
            try:
                for line in export_lines(root):
                    stream.write(line + "\n")
                    cases += line.startswith('{"type":"case"') or line.startswith('{"type": "case"')
            finally:
                if out:
                    out.close()
            audit_read(None, "export.cli", root, fields=["name", "id_number", "address"], count=cases,
                       object_repr=f"{root.code} → {output or 'stdout'} (OS user {getpass.getuser()})")
