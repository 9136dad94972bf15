"""``thads demo``: the demo province's units and one login per persona (the case issue adds case histories)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from thads.demo import province
from thads.domain.roles import Title
from thads.org.actions import do_create_staff
from thads.org.models import Unit, User

DEMO_PASSWORD = "ThadsDemo2025"

# (username, full name, unit code, title)
PERSONAS: list[tuple[str, str, str, Title]] = [
    ("quantri", "Nguyễn Quản Trị", "HUE", Title.ADMIN),
    ("cuctruong", "Trần Văn Đông", "HUE", Title.HEAD),
    ("thongke", "Lê Thị Thu", "HUE", Title.STATISTICIAN),
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
    units: dict[str, Unit] = {}
    for row in province.units():
        unit, _ = Unit.objects.update_or_create(
            code=row["code"],
            defaults={"name": row["name"], "parent": units.get(row["parent"]) if row["parent"] else None,
                      "level": row["level"], "valid_from": row["valid_from"], "valid_to": row["valid_to"]},
        )
        units[row["code"]] = unit
    return units


def ensure_personas(units: dict[str, Unit]) -> list[tuple[str, str, str]]:
    created = []
    for username, full_name, unit_code, title in PERSONAS:
        if not User.objects.filter(username=username).exists():
            do_create_staff(username, DEMO_PASSWORD, full_name, units[unit_code], title)
        created.append((username, str(title), unit_code))
    return created


class Command(BaseCommand):
    help = "Create the demo province (Thừa Thiên Huế) with one login per persona."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--today", default=None, help="YYYY-MM-DD: anchor of the generated history")
        parser.add_argument("--size", type=int, default=None, help="approximate number of cases")
        parser.add_argument("--no-cases", action="store_true", help="units and logins only")

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            units = ensure_units()
            personas = ensure_personas(units)
        self.stdout.write(self.style.SUCCESS(f"Demo province: {len(units)} units."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, title, unit in personas:
            self.stdout.write(f"  {username:<13} {title:<13} {unit}")
