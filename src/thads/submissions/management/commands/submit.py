"""``thads submit --unit U --year Y --months K -o FILE``: build and sign the unit's package for the level above
(docs/submission-package.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thads.lib.errors import Refused
from thads.org.audit import audit_context
from thads.org.models import Unit
from thads.stats.service import FutureYear
from thads.submissions.actions import do_build_submission


class Command(BaseCommand):
    help = "Build and sign a unit's statistical report package for the level above."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--unit", required=True)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--months", type=int, required=True, choices=range(1, 13), metavar="1..12")
        parser.add_argument("-o", "--output", required=True)

    def handle(self, *args, **o) -> None:
        unit = Unit.objects.filter(code=o["unit"]).first()
        if unit is None:
            raise CommandError(f"unknown unit {o['unit']}")
        with audit_context(source="cli:submissions"):
            try:
                sub = do_build_submission(None, unit, o["year"], o["months"])
            except (Refused, FutureYear) as exc:
                raise CommandError(getattr(exc, "message", str(exc))) from None
        Path(o["output"]).write_text(sub.package, encoding="utf-8")
        late = " LATE" if sub.late else ""
        due = f"{sub.due_on:%d/%m/%Y}" if sub.due_on else "-"
        self.stdout.write(f"{unit.code} {sub.year}/{sub.months} sha256 {sub.sha256} due {due}{late}")
