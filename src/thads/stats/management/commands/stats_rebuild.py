"""``thads stats-rebuild``: recompute every statistics cell from the history (after a change of the group mapping,
or to verify the cells); ``thads stats-refresh --year Y`` extends the cells to a new statistical year."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from thads.cases.histories import histories
from thads.cases.models import Case
from thads.org.audit import audit_context, audit_write
from thads.stats.cells import rebuild


class Command(BaseCommand):
    help = "Recompute the statistics fast-path cells from the case histories."

    def handle(self, *args, **options) -> None:
        with audit_context(source="cli:stats-rebuild"), transaction.atomic():
            n = rebuild(histories(Case.objects.filter(decided_on__isnull=False)))
            audit_write(None, "stats.rebuild", after={"cases": n})
        self.stdout.write(f"rebuilt the statistics of {n} cases")
