"""``thads backup [-o FILE]``: one archive of the database's rows, the media files and a manifest with the SHA-256 of
every member (see ``thads.web.backup``). Default file: ``var/backups/thads-YYYYmmdd-HHMMSS.tar.gz``."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from thads.org.audit import audit_context, audit_write
from thads.web.backup import BackupError, make_backup


class Command(BaseCommand):
    help = "Write a consistent backup archive (.tar or .tar.gz): database rows, media files and a manifest."

    def add_arguments(self, parser) -> None:
        parser.add_argument("-o", "--output", default=None,
                            help="archive to write, ending in .tar.gz, .tgz or .tar (default: var/backups/…)")

    def handle(self, *args, output: str | None, **options) -> None:
        with audit_context(source="cli:backup"):
            try:
                result = make_backup(output)
            except BackupError as exc:
                raise CommandError(str(exc)) from None
            with transaction.atomic():
                audit_write(None, "ops.backup", None, object_repr=result.path.name[:255], after={
                    "archive": str(result.path), "size": result.size, "sha256": result.sha256,
                    "rows": sum(result.counts.values()), "media_files": result.media_files})
        self.stdout.write(f"{result.path}: {sum(result.counts.values())} rows, {result.media_files} media files, "
                          f"{result.size} bytes, sha256 {result.sha256}")
