"""``thads demo [--seed S] [--today D] [--size N]``: the demo province (Thừa Thiên Huế) with about six years of
case history (generated deterministically in the interchange format and loaded through the importer, July 2025
reorganisation included) and one login per persona. Running it again changes nothing."""

from __future__ import annotations

import io
import sys
from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from thads.demo import province
from thads.domain.roles import Title
from thads.org.actions import (
    do_create_staff,
    do_create_unit,
    do_save_officer,
    do_save_staff,
    do_save_unit,
    do_set_go_live,
)
from thads.org.audit import audit_context
from thads.org.models import Officer, Unit, User
from thads.web import demo_complaints, demo_emulation, demo_public

DEMO_PASSWORD = "ThadsDemo2025"
DEMO_LIVE_DAYS = 90  # the demo's go-live date: this many days before the end of its history

# (username, full name, unit code, title)
PERSONAS: list[tuple[str, str, str, Title]] = [
    ("quantri", "Nguyễn Quản Trị", "HUE", Title.ADMIN),
    ("cuctruong", "Trần Văn Đông", "HUE", Title.HEAD),
    ("thongke", "Lê Thị Thu", "HUE", Title.STATISTICIAN),
    ("thanhtra", "Trương Thị Thanh", "HUE", Title.INSPECTOR),
    ("thamtra", "Phạm Minh Tuấn", "HUE", Title.VERIFIER),
    ("tiepdan", "Hoàng Thị Lan", "HUE", Title.RECEPTION),
    ("truongkv1", "Đặng Quốc Huy", "HUE-KV1", Title.HEAD),
    ("phokv1", "Võ Thị Hạnh", "HUE-KV1", Title.DEPUTY),
    ("chv.kv1", "Nguyễn Văn Đức", "HUE-KV1", Title.OFFICER),
    ("ketoan.kv1", "Bùi Thị Ngọc", "HUE-KV1", Title.ACCOUNTANT),
    ("thuky.kv1", "Đỗ Văn Nam", "HUE-KV1", Title.CLERK),
    ("thongke.kv1", "Ngô Thị Mai", "HUE-KV1", Title.STATISTICIAN),
    ("chv.kv2", "Huỳnh Văn Phúc", "HUE-KV2", Title.OFFICER),
]


def ensure_units() -> dict[str, Unit]:
    """The demo province's units, created (or brought back to the generator's values) through the org actions."""
    units: dict[str, Unit] = {}
    for row in province.units():
        parent = units.get(row["parent"]) if row["parent"] else None
        values = {"name": row["name"], "parent": parent, "level": row["level"], "valid_from": row["valid_from"],
                  "valid_to": row["valid_to"]}
        unit = Unit.objects.filter(code=row["code"]).first()
        if unit is None:
            unit = do_create_unit(row["code"], **values)
        elif any(getattr(unit, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(unit, name, value)
            do_save_unit(None, unit)
        units[row["code"]] = unit
    return units


def ensure_personas(units: dict[str, Unit]) -> list[tuple[str, str, str, str]]:
    """Create the missing demo logins, each with an e-mail address (``province.persona_email``); a login left by an
    older demo without an address gets one (so that ``thads digest`` reaches it)."""
    created = []
    for username, full_name, unit_code, title in PERSONAS:
        email = province.persona_email(username)
        user = User.objects.filter(username=username).first()
        if user is None:
            do_create_staff(username, DEMO_PASSWORD, full_name, units[unit_code], title, with_officer=False,
                            email=email)
        elif not user.email:
            user.email = email
            do_save_staff(None, user)
        created.append((username, str(title), unit_code, email))
    return created


def _link_officers() -> None:
    """Give each demo officer login the generated officer record with the same unit and title, so that their
    queues hold real cases."""
    for user in User.objects.filter(title=Title.OFFICER, officer__isnull=True):
        free = Officer.objects.filter(unit=user.unit, user__isnull=True).order_by("code").first()
        if free is not None:
            free.user = user
            do_save_officer(None, free)
            # The login takes the officer record's name (the cases' data), so that the greeting, "my target" and
            # the nominations name the same person.
            if user.full_name != free.name:
                user.full_name = free.name
                do_save_staff(None, user)


class Command(BaseCommand):
    help = "Create the demo province (Thừa Thiên Huế) with one login per persona."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--today", default=None, help="YYYY-MM-DD: anchor of the generated history")
        parser.add_argument("--size", type=int, default=30000, help="number of cases (default 30000)")
        parser.add_argument("--no-cases", action="store_true", help="units and logins only")

    def handle(self, *args, **options) -> None:
        with audit_context(source="cli:demo"):
            self._handle(options)

    def _handle(self, options) -> None:
        with transaction.atomic():
            units = ensure_units()
        if not options["no_cases"]:
            self._load_cases(options)
        with transaction.atomic():
            personas = ensure_personas(units)
            _link_officers()
        demo_complaints.run(options, self.stdout)  # reception and petitions, acted by the personas (issue 16)
        demo_emulation.run(options, self.stdout)  # targets, emulation, good practices, as the personas (issue 17)
        demo_public.run(options, self.stdout)  # the public list of debtors without conditions (issue 18)
        self.stdout.write(self.style.SUCCESS(f"Demo province: {len(units)} units."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, title, unit, email in personas:
            self.stdout.write(f"  {username:<13} {title:<13} {unit:<8} {email}")

    def _load_cases(self, options) -> None:
        from thads.cases.importer import import_data
        from thads.cases.models import Case
        from thads.demo.generator import write_jsonl

        if Case.objects.exists():
            self.stdout.write("Case histories already loaded.")
            return
        today = date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
        buffer = io.StringIO()
        write_jsonl(buffer, seed=options["seed"], today=today, size=options["size"], assets=True)
        bar = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            bar = tqdm(total=options["size"], unit=" cases", desc="demo", file=sys.stderr)
        report = import_data(buffer.getvalue(), historical=True, progress=bar.update if bar else None)
        if bar:
            bar.close()
        if report.errors:
            raise CommandError("the demo generator produced invalid records: " + "; ".join(report.error_lines()[:5]))
        self.stdout.write(f"Loaded {report.cases} cases and {report.events} events (history up to {today:%d/%m/%Y}).")
        self._go_live(today - timedelta(days=DEMO_LIVE_DAYS))

    def _go_live(self, day: date) -> None:
        """The demo province has done its daily work in THADS for the last ``DEMO_LIVE_DAYS`` days (older history is
        migrated): the deadlines of acts since then are open, and those not met are overdue, so that the work queues
        and ``thads digest`` show each officer's overdue work. The importer set the go-live date to today."""
        from thads.deadlines.service import refresh_all

        with transaction.atomic():
            for unit in Unit.objects.filter(go_live__gt=day):
                do_set_go_live(unit, day)
            open_now = refresh_all()
        self.stdout.write(f"In daily use since {day:%d/%m/%Y}: {open_now} open deadlines.")
