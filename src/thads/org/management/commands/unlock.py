"""``thads unlock (--username USER | --ip ADDRESS | both) [--by USERNAME]``: lift a login lock and say so in the audit
log (the axes commands do the same without an audit row). With both, only that username from that address."""

from __future__ import annotations

import getpass

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from thads.org.audit import audit_context, audit_write
from thads.org.models import User


class Command(BaseCommand):
    help = "Lift a login lock (username, address or both) and record it in the audit log."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default=None, help="the locked username")
        parser.add_argument("--ip", default=None, help="the locked address")
        parser.add_argument("--by", default=None, help="the administrator lifting the lock (default: the OS user)")

    def handle(self, *args, username: str | None, ip: str | None, by: str | None, **options) -> None:
        from axes.utils import reset

        if not username and not ip:
            raise CommandError("give --username, --ip or both")
        actor = None
        if by:
            actor = User.objects.filter(username=by).first()
            if actor is None:
                raise CommandError(f"unknown user {by!r}")
        with audit_context(source="cli:unlock"), transaction.atomic():
            removed = reset(ip=ip, username=username)
            audit_write(actor, "auth.unlock", User.objects.filter(username=username).first() if username else None,
                        after={"username": username, "ip": ip, "attempts_removed": removed,
                               "os_user": getpass.getuser()},
                        object_repr=username or ip or "")
        self.stdout.write(f"{removed} attempt record(s) removed; the lock is lifted." if removed
                          else "No lock found (nothing removed).")
