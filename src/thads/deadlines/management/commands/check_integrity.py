"""``thads check-integrity``: list inconsistencies (among them: the ledger rows and cached amounts against the money
events of the history, with how many were checked); exit status 1 when any is found (run nightly)."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand
from django.utils import timezone

from thads.cases.ledger.integrity import money_counts
from thads.deadlines.integrity import run_checks


class Command(BaseCommand):
    help = "List inconsistencies between cases, ledger, deadlines and the organisation."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--limit", type=int, default=50, help="findings printed per check")

    def handle(self, *args, limit: int, **options) -> None:
        findings = run_checks(timezone.localdate())
        counts = money_counts()
        self.stdout.write(f"money: {counts.events} money events, {counts.ledger_rows} ledger rows, "
                          f"{counts.obligations} obligations of {counts.cases} cases checked"
                          + (f" ({counts.legacy_payouts} payouts without a recorded fee)"
                             if counts.legacy_payouts else ""))
        total = 0
        for name, rows in findings.items():
            total += len(rows)
            status = "ok" if not rows else f"{len(rows)} found"
            self.stdout.write(f"{name}: {status}")
            for case, message in rows[:limit]:
                self.stdout.write(f"  {case}: {message}")
        if total:
            self.stderr.write(f"{total} inconsistencies")
            sys.exit(1)
        self.stdout.write("no inconsistencies")
