"""``thads consolidate --unit U --year Y --months K``: the consolidated figures of a unit (its sub-units' received
reports + its own unit's figures) against its own report, as JSON."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from thads.org.models import Unit
from thads.submissions.receive import consolidation


class Command(BaseCommand):
    help = "Print the consolidation of the reports received by a unit for a period, compared with its own."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--unit", required=True)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--months", type=int, required=True, choices=range(1, 13), metavar="1..12")

    def handle(self, *args, **o) -> None:
        unit = Unit.objects.filter(code=o["unit"]).first()
        if unit is None:
            raise CommandError(f"unknown unit {o['unit']}")
        result = consolidation(unit, o["year"], o["months"])
        self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
