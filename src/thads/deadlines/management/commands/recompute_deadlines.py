"""``thads recompute-deadlines``: after a calendar change, recompute the open deadlines and list those it moved."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from thads.deadlines.models import Deadline
from thads.deadlines.service import refresh_all
from thads.org.audit import audit_context


class Command(BaseCommand):
    help = "Recompute every open deadline (after the calendar changed) and list the ones whose date changed."

    def handle(self, *args, **options) -> None:
        before = {(c, code, trig): due for c, code, trig, due in
                  Deadline.objects.values_list("case__ext_id", "code", "trigger_on", "due")}
        with audit_context(source="cli:recompute-deadlines"):
            total = refresh_all()
        after = {(c, code, trig): due for c, code, trig, due in
                 Deadline.objects.values_list("case__ext_id", "code", "trigger_on", "due")}
        changed = sorted(k for k in before.keys() & after.keys() if before[k] != after[k])
        for case, code, trig in changed:
            self.stdout.write(f"{case} {code}: {before[(case, code, trig)]:%d/%m/%Y} → {after[(case, code, trig)]:%d/%m/%Y}")
        self.stdout.write(f"{total} open deadlines; {len(changed)} moved, "
                          f"{len(after.keys() - before.keys())} new, {len(before.keys() - after.keys())} closed")
