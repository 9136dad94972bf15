"""``thads recompute-deadlines``: after a calendar change, recompute the open deadlines (of the cases and of the
subjects without a case, e.g. complaints) and list those it moved."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from thads.deadlines.models import Deadline
from thads.deadlines.service import refresh_all
from thads.org.audit import audit_context


def _keyed() -> dict:
    """(case id or subject, rule, trigger date) → due, for every stored deadline (a subject's: "matter:12")."""
    return {(c or subject, code, trig): due for c, subject, code, trig, due in
            Deadline.objects.values_list("case__ext_id", "subject", "code", "trigger_on", "due")}


class Command(BaseCommand):
    help = "Recompute every open deadline (after the calendar changed) and list the ones whose date changed."

    def handle(self, *args, **options) -> None:
        before = _keyed()
        with audit_context(source="cli:recompute-deadlines"):
            total = refresh_all()
        after = _keyed()
        changed = sorted(k for k in before.keys() & after.keys() if before[k] != after[k])
        for case, code, trig in changed:
            self.stdout.write(f"{case} {code}: {before[(case, code, trig)]:%d/%m/%Y} → {after[(case, code, trig)]:%d/%m/%Y}")
        self.stdout.write(f"{total} open deadlines; {len(changed)} moved, "
                          f"{len(after.keys() - before.keys())} new, {len(before.keys() - after.keys())} closed")
