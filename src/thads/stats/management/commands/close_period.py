"""``thads close-period --unit U --year Y --months K --user USERNAME``: khóa sổ (THADS.md §4.2)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from thads.org.models import Unit, User
from thads.stats.actions import ClosingRefused, do_close_period


class Command(BaseCommand):
    help = "Close (freeze) a statistical period of a unit, as its statistician."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--unit", required=True)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--months", type=int, required=True)
        parser.add_argument("--user", required=True, help="username of the statistician closing the period")

    def handle(self, *args, **o) -> None:
        try:
            unit = Unit.objects.get(code=o["unit"])
            user = User.objects.get(username=o["user"])
        except (Unit.DoesNotExist, User.DoesNotExist):
            raise CommandError("unknown unit or user") from None
        try:
            closing = do_close_period(user, unit, o["year"], o["months"])
        except ClosingRefused as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"closed {unit.code} {closing.date_from:%d/%m/%Y}–{closing.date_to:%d/%m/%Y}")
