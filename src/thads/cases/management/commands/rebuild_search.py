"""``thads rebuild-search``: recompute every case's search words (``Case.search_text``) from the stored case and
its parties, the projection's own definition (``thads.cases.search``); only the texts that differ are written. The
indexes follow the column by themselves: the FTS5 table by its triggers (SQLite), the GIN index over the
``tsvector`` expression (PostgreSQL). One transaction with an audit row (source ``cli:rebuild-search``)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from thads.cases.search import rebuild_search
from thads.org.audit import audit_context, audit_write


class Command(BaseCommand):
    help = "Recompute the search words of every case from the stored cases and parties."

    def handle(self, *args, **options) -> None:
        with audit_context(source="cli:rebuild-search"), transaction.atomic():
            seen, changed = rebuild_search()
            audit_write(None, "cases.rebuild_search", None, object_repr="rebuild-search",
                        after={"cases": seen, "changed": changed})
        self.stdout.write(f"rebuilt the search words of {seen} cases; {changed} changed")
