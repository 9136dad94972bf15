"""``thads receive FILE``: verify a lower unit's signed package against the key trusted for that unit and record
it (a tampered, unsigned or unknown-key package is refused with the reason, nothing written)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thads.lib.errors import Refused
from thads.org.audit import audit_context
from thads.submissions.actions import do_receive
from thads.submissions.package import MAX_PACKAGE_BYTES


class Command(BaseCommand):
    help = "Verify and record a submission package received from a lower unit."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")

    def handle(self, *args, **o) -> None:
        try:
            with Path(o["file"]).open("rb") as fh:
                data = fh.read(MAX_PACKAGE_BYTES + 1)  # read() refuses more than MAX_PACKAGE_BYTES
        except OSError as exc:
            raise CommandError(f"cannot read {o['file']}: {exc}") from None
        with audit_context(source="cli:submissions"):
            try:
                sub = do_receive(None, data)
            except Refused as exc:
                raise CommandError(exc.message) from None
        flags = "".join([" LATE" if sub.late else "", " CORRECTION" if sub.supersedes_id else "",
                         f" DIFFERS({len(sub.differences)})" if sub.differences else ""])
        self.stdout.write(f"received {sub.unit.code} {sub.year}/{sub.months} sha256 {sub.sha256}{flags}")
