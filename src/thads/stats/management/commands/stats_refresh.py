"""``thads stats-refresh [--year Y]``: store every open case's contributions for a new statistical year (run on
1 October by cron; reports of a later year also trigger it)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from thads.domain.contrib import statistical_year_of
from thads.org.audit import audit_context, audit_write
from thads.stats.service import ensure_coverage


class Command(BaseCommand):
    help = "Extend the statistics cells to the current (or given) statistical year."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, default=None)

    def handle(self, *args, year: int | None, **options) -> None:
        target = year or statistical_year_of(timezone.localdate())
        with audit_context(source="cli:stats-refresh"), transaction.atomic():
            ensure_coverage(target)
            audit_write(None, "stats.refresh", after={"through_year": target})
        self.stdout.write(f"statistics cover the years up to {target}")
