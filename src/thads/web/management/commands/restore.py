"""``thads restore FILE [--force]``: verify every member's checksum, then restore the rows and media files of a
``thads backup`` archive into a freshly migrated empty database (``thads migrate`` first). ``--force`` ERASES a
database that is not empty before restoring into it."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thads.org.audit import audit_context
from thads.web.backup import BackupError, describe, restore_backup, verify_archive


class Command(BaseCommand):
    help = "Restore a backup archive into a freshly migrated empty database (checksums are verified first)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", help="a .tar / .tar.gz written by thads backup")
        parser.add_argument("--force", action="store_true",
                            help="ERASE every row of a database that is not empty, and overwrite media files, first")
        parser.add_argument("--verify-only", action="store_true", help="check the checksums and stop")

    def handle(self, *args, archive: str, force: bool, verify_only: bool, **options) -> None:
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"{archive}: no such file")
        with audit_context(source="cli:restore"):
            try:
                manifest = verify_archive(path)
                self.stdout.write(f"{path}: every checksum verified. {describe(manifest)}")
                if verify_only:
                    return
                result = restore_backup(path, force=force, manifest=manifest)
            except BackupError as exc:
                raise CommandError(str(exc)) from None
        erased = " (the database was erased first: --force)" if result.flushed else ""
        self.stdout.write(f"restored {sum(result.counts.values())} rows and {result.media_files} media files{erased}")
