"""``thads reopen-period --unit U --year Y --months K --user USERNAME --reason TEXT`` (provincial head only)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from thads.org.models import Unit, User
from thads.stats.actions import ClosingRefused, do_reopen_period
from thads.stats.closing import active_closing


class Command(BaseCommand):
    help = "Reopen a closed statistical period, with a recorded reason."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--unit", required=True)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--months", type=int, required=True)
        parser.add_argument("--user", required=True)
        parser.add_argument("--reason", required=True)

    def handle(self, *args, **o) -> None:
        try:
            unit = Unit.objects.get(code=o["unit"])
            user = User.objects.get(username=o["user"])
        except (Unit.DoesNotExist, User.DoesNotExist):
            raise CommandError("unknown unit or user") from None
        closing = active_closing(unit, o["year"], o["months"])
        if closing is None:
            raise CommandError("this period is not closed")
        try:
            do_reopen_period(user, closing, o["reason"])
        except ClosingRefused as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"reopened {unit.code} {closing.date_from:%d/%m/%Y}–{closing.date_to:%d/%m/%Y}")
