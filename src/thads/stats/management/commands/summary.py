"""``thads summary --unit U --years 2021-2025 [--format table|json]``."""

from __future__ import annotations

import json
import re

from django.core.management.base import BaseCommand, CommandError

from thads.lib.numbers import group_thousands
from thads.org.models import Unit
from thads.stats.summary import summary


def _money(v: int) -> str:
    return group_thousands(v)


class Command(BaseCommand):
    help = "Completed cases, money recovered and completion rates per statistical year and over the span."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--unit", required=True)
        parser.add_argument("--years", required=True, help="FIRST-LAST, e.g. 2021-2025")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, unit: str, years: str, format: str, **options) -> None:
        match = re.fullmatch(r"(\d{4})-(\d{4})", years)
        if not match or int(match[1]) > int(match[2]):
            raise CommandError("--years must be FIRST-LAST, e.g. 2021-2025")
        try:
            root = Unit.objects.get(code=unit)
        except Unit.DoesNotExist:
            raise CommandError(f"unknown unit {unit!r}") from None
        try:
            data = summary(root, int(match[1]), int(match[2]))
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        head = f"{'Năm':<8}{'Xong (việc)':>13}{'Đình chỉ':>10}{'Có ĐK (việc)':>14}{'Tỷ lệ việc':>12}" \
               f"{'Thu được (đồng)':>24}{'Có ĐK (đồng)':>24}{'Tỷ lệ tiền':>12}"
        self.stdout.write(f"{root.name} ({root.code})")
        self.stdout.write(head)
        rows = [*data["years"], {**data["span"], "year": f"{data['span']['from_year']}–{data['span']['to_year']}"}]
        for r in rows:
            self.stdout.write(
                f"{r['year']!s:<8}{_money(r['completed_cases']):>13}{_money(r['terminated_cases']):>10}"
                f"{_money(r['cdk_cases']):>14}{(r['rate_cases'] or '—') + ' %':>12}"
                f"{_money(r['recovered_money']):>24}{_money(r['cdk_money']):>24}{(r['rate_money'] or '—') + ' %':>12}")
