"""``thads keys create --unit U | export --unit U [-o FILE] | trust FILE --unit U | list``: the signing keys of
the packages sent upward and the keys of lower units trusted here (issue 18; where the private key lives:
``thads.submissions.crypto``)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thads.lib.errors import Refused
from thads.org.audit import audit_context
from thads.org.models import Unit
from thads.submissions.actions import do_create_key, do_trust_key
from thads.submissions.keys import active_key, export_text
from thads.submissions.models import SigningKey, TrustedKey


def _unit(code: str) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise CommandError(f"unknown unit {code}")
    return unit


class Command(BaseCommand):
    help = "Manage the Ed25519 keys of the submission packages: create, export (public key only), trust, list."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("create", help="create a signing key for a unit").add_argument("--unit", required=True)
        exp = sub.add_parser("export", help="write a unit's public key (never the private key)")
        exp.add_argument("--unit", required=True)
        exp.add_argument("-o", "--output", default="-")
        trust = sub.add_parser("trust", help="trust a lower unit's public key file")
        trust.add_argument("file")
        trust.add_argument("--unit", required=True)
        sub.add_parser("list", help="list signing and trusted keys")

    def handle(self, *args, **o) -> None:
        with audit_context(source="cli:submissions"):
            try:
                getattr(self, f"_{o['action']}")(o)
            except Refused as exc:
                raise CommandError(exc.message) from None

    def _create(self, o) -> None:
        key = do_create_key(None, _unit(o["unit"]))
        self.stdout.write(f"created {key.unit.code} {key.fingerprint}")

    def _export(self, o) -> None:
        unit = _unit(o["unit"])
        key = active_key(unit)
        if key is None:
            raise CommandError(f"no signing key for {unit.code} here: thads keys create --unit {unit.code}")
        text = export_text(key)
        if o["output"] == "-":
            self.stdout.write(text, ending="")
        else:
            Path(o["output"]).write_text(text, encoding="utf-8")

    def _trust(self, o) -> None:
        try:
            with Path(o["file"]).open("rb") as fh:  # a key file is small: more than 10 kB is refused (keys.py)
                text = fh.read(10_001).decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {o['file']}: {exc}") from None
        key = do_trust_key(None, _unit(o["unit"]), text)
        self.stdout.write(f"trusted {key.unit.code} {key.fingerprint}")

    def _list(self, o) -> None:
        for k in SigningKey.objects.select_related("unit"):
            state = "retired" if k.retired_at else "active"
            self.stdout.write(f"signing\t{k.unit.code}\t{k.fingerprint}\t{state}\t{k.created_at:%Y-%m-%d}")
        for k in TrustedKey.objects.select_related("unit"):
            state = "revoked" if k.revoked_at else "trusted"
            self.stdout.write(f"trusted\t{k.unit.code}\t{k.fingerprint}\t{state}\t{k.trusted_at:%Y-%m-%d}")
