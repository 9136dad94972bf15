"""Django's ``flush`` (erase every row), allowed to erase the append-only audit log with the rest: on SQLite its
DELETE would otherwise be refused by the audit log's trigger (``thads.org.audit_guard``). The test suite flushes
between transactional tests; on PostgreSQL the flush is a TRUNCATE and needs no unlocking."""

from __future__ import annotations

from django.core.management.commands.flush import Command as DjangoFlush

from thads.org.audit_guard import audit_log_erasable


class Command(DjangoFlush):
    def handle(self, **options):
        with audit_log_erasable(options["database"]):
            return super().handle(**options)
