"""``thads import FILE.jsonl [--skip-invalid] [--historical] [--user USERNAME]`` (interchange.md §1).

The import is a write like any other (issue 12 "Audit"): it runs inside ``audit_context(source="cli:import")`` and
leaves one ``import.run`` row attributed to ``--user`` (a THADS login) or, without it, to nobody with the operating
system's user name in the row's details.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thads.cases.importer import ImportRefused, import_data
from thads.cases.projections import import_guard


class Command(BaseCommand):
    help = "Import a case-history file in the interchange format (JSON Lines)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="path of the .jsonl file, or - for standard input")
        parser.add_argument("--skip-invalid", action="store_true", help="import the valid records, report the rest")
        parser.add_argument("--historical", action="store_true",
                            help="allow records dated inside closed statistical periods")
        parser.add_argument("--user", default=None, metavar="USERNAME",
                            help="the THADS login the import is recorded under in the audit log "
                                 "(default: none, with the operating-system user name)")

    def handle(self, *args, file: str, skip_invalid: bool, historical: bool, user: str | None, **options) -> None:
        from thads.org.audit import audit_context

        actor = _user(user) if user else None
        if file == "-":
            data = sys.stdin.buffer.read()
        else:
            try:
                data = Path(file).read_bytes()
            except OSError as exc:
                raise CommandError(f"cannot read {file}: {exc.strerror}") from None
        bar = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            bar = tqdm(unit=" cases", desc="import", file=sys.stderr)
        try:
            with audit_context(source="cli:import", user=actor):
                report = import_data(data, skip_invalid=skip_invalid, historical=historical,
                                     progress=bar.update if bar else None, closed_check=import_guard(),
                                     user=actor, name="<stdin>" if file == "-" else file,
                                     audit_details={"os_user": _os_user()})
        except ImportRefused as exc:
            raise CommandError(f"refused: {exc} (use --historical to import into closed periods)") from None
        finally:
            if bar:
                bar.close()
        for line in report.error_lines():
            self.stderr.write(line)
        if report.errors and not skip_invalid:
            raise CommandError(f"{len(report.errors)} invalid record(s); nothing was imported")
        self.stdout.write(f"imported {report.units} units, {report.officers} officers, {report.cases} cases, "
                          f"{report.events} events"
                          + "".join(f", {n} {kind}" for kind, n in sorted((report.extra or {}).items()))
                          + f"; {report.unchanged} records already stored"
                          + (f"; {len(report.errors)} invalid records skipped" if report.errors else ""))
        if report.errors:
            sys.exit(1)


def _user(username: str):
    from thads.org.models import User

    try:
        return User.objects.get(username=username, is_active=True)
    except User.DoesNotExist:
        raise CommandError(f"--user {username!r}: no active THADS login of that name") from None


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers)
        return ""
