"""``thads audit [--user USERNAME] [--case CASE_ID] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--kind read|write|auth]
[--action TEXT] [--limit N] [--format table|json]``: the audit log for inspectors at the console (issue 12).

One row per event, oldest first (a case's or a user's story reads top to bottom): time (local, dd/mm/yyyy
HH:MM:SS), username, kind, action and object, address. ``--format json`` prints a list of objects with the keys
``at`` (ISO 8601 with offset), ``username``, ``kind``, ``action``, ``object_type``, ``object_id``, ``object``,
``case``, ``unit``, ``ip``, ``request_id``, ``source``, ``before``, ``after``. Dates are local days, both ends
inclusive. A malformed date or an unknown kind: one line on stderr, exit status 2.

Whoever can run this command can read the database: it is not scoped. Printing before/after (``--format json``) may
show ID numbers, so it leaves a read row (source ``cli:audit``) like any other view of personal data.
"""

from __future__ import annotations

import getpass
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from thads.org.audit import audit_context, audit_read
from thads.org.audit_views import event_object, filtered_events, filters_from_options

JSON_KEYS = ("at", "username", "kind", "action", "object_type", "object_id", "object", "case", "unit", "ip",
             "request_id", "source", "before", "after")


def _as_dict(ev) -> dict:
    return {"at": timezone.localtime(ev.at).isoformat(), "username": ev.username, "kind": ev.kind,
            "action": ev.action, "object_type": ev.object_type, "object_id": ev.object_id,
            "object": ev.object_repr, "case": ev.case_ext_id, "unit": ev.unit.code if ev.unit_id else None,
            "ip": ev.ip, "request_id": ev.request_id, "source": ev.source, "before": ev.before, "after": ev.after}


class Command(BaseCommand):
    help = "Print the audit log (who wrote, read or logged in, when, from which address), filtered."
    # A read-only report: it runs (and an inspector's script parses its output) even while an unrelated system
    # check warns; `thads check` is where those are read.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("--user", default="", help="username")
        parser.add_argument("--case", default="", help="case id as users see it, e.g. HUE-KV1-2026-00012")
        parser.add_argument("--since", default="", help="first day, YYYY-MM-DD (or dd/mm/yyyy)")
        parser.add_argument("--until", default="", help="last day, YYYY-MM-DD (or dd/mm/yyyy)")
        # Not argparse choices: a wrong value must give one line on stderr and exit 2, not argparse's usage text.
        parser.add_argument("--kind", default="", help="read, write or auth")
        parser.add_argument("--action", default="", help="text in the action or object")
        parser.add_argument("--limit", type=int, default=0, help="print only the newest N events")
        parser.add_argument("--format", default="table", help="table (default) or json")

    def handle(self, *args, **options) -> None:
        fmt = (options["format"] or "table").lower()
        if fmt not in ("table", "json"):
            raise CommandError(f"unknown format {fmt!r}: use table or json", returncode=2)
        try:
            filters = filters_from_options(options)
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from None
        if options["limit"] < 0:
            raise CommandError("--limit must be 0 (no limit) or more", returncode=2)
        qs = filtered_events(filters).select_related("unit")
        if options["limit"]:
            events = list(qs.order_by("-at", "-id")[: options["limit"]])[::-1]
        else:
            events = list(qs.order_by("at", "id"))
        if fmt == "json":
            self.stdout.write(json.dumps([_as_dict(ev) for ev in events], ensure_ascii=False, indent=1))
            with_changes = sum(1 for ev in events if ev.before is not None or ev.after is not None)
            if with_changes:
                with audit_context(source="cli:audit"):
                    audit_read(None, "audit.cli", None, fields=["before", "after"], count=with_changes,
                               object_repr=f"thads audit (os user {_os_user()})")
            return
        for ev in events:
            at = timezone.localtime(ev.at).strftime("%d/%m/%Y %H:%M:%S")
            obj = event_object(ev)
            what = " ".join(p for p in (ev.action, obj, "" if ev.case_ext_id == obj else ev.case_ext_id) if p)
            self.stdout.write(f"{at}  {ev.username or '-':<16} {ev.kind:<5}  {what}  {ev.ip or '-'}")
        self.stderr.write(f"{len(events)} event(s)")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in a container: not worth failing the read for
        return "?"
