"""``thads targets --unit U [--year Y] [--months K] [--by unit|officer] [--format json|table]``: progress against
the targets (issue 17; THADS.md §5).

Per unit (the unit and its direct children, ``--by unit``, the default) or per officer of the unit's subtree
(``--by officer``): the target, the actual cumulative rate and the projection to 30/9, in cases and in money (rates
as 2-decimal strings, ``null`` without a target or without a "có điều kiện" base), the gap to the target rate by
30/9 (cases; VND), ``behind`` (the projection falls short of a target). JSON on stdout: English keys, one object
keyed by unit or officer code (no arrays), printed like ``thads report`` (indent 2, UTF-8, final newline).
``--format table``: an aligned text table with Vietnamese numbers (``83,90 %``, ``1.234.567``). Statistical year Y
runs 01/10/Y−1 to 30/09/Y (default: the current one); ``--months K`` its cumulative period to the K-th month
(default: the current month, or 12 for a past year). The rules: ``thads.domain.targets``.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from thads.domain.report import statistical_year_period
from thads.emulation.progress import BY, current_period, period_of, progress
from thads.lib.numbers import format_rate, group_thousands
from thads.org.models import Unit

COLUMNS = (("code", "Code", "<"), ("name", "Name", "<"), ("t_c", "Target cases", ">"), ("a_c", "Actual", ">"),
           ("p_c", "Projected", ">"), ("g_c", "Gap (cases)", ">"), ("t_m", "Target money", ">"), ("a_m", "Actual", ">"),
           ("p_m", "Projected", ">"), ("g_m", "Gap (VND)", ">"), ("behind", "Behind", "<"))
NAME_WIDTH = 34


def _number(value: int | None) -> str:
    return "—" if value is None else group_thousands(value)


def _rows(lines: dict[str, dict]) -> list[dict[str, str]]:
    rows = []
    for code, line in lines.items():
        name = line["name"] if len(line["name"]) <= NAME_WIDTH else line["name"][:NAME_WIDTH - 1] + "…"
        row = {"code": code, "name": name, "behind": "yes" if line["behind"] else ""}
        for m, s in (("cases", "c"), ("money", "m")):
            row[f"t_{s}"] = format_rate(line["target"][m])
            row[f"a_{s}"] = format_rate(line["actual"][m])
            row[f"p_{s}"] = format_rate(line["projection"][m])
            row[f"g_{s}"] = _number(line["gap"][m])
        if not line["base"]["cases"] and not line["base"]["money"]:
            row["behind"] = "no base"
        rows.append(row)
    return rows


def table(lines: dict[str, dict], title: str) -> str:
    """The progress lines as an aligned text table under ``title``."""
    rows = _rows(lines)
    widths = {key: max([len(head), *(len(r[key]) for r in rows)]) for key, head, _ in COLUMNS}
    out = [title, ""]
    out.append("  ".join(f"{head:{align}{widths[key]}}" for key, head, align in COLUMNS).rstrip())
    out.append("  ".join("-" * widths[key] for key, _, _ in COLUMNS))
    for row in rows:
        out.append("  ".join(f"{row[key]:{align}{widths[key]}}" for key, _, align in COLUMNS).rstrip())
    if not rows:
        out.append("(nothing to show)")
    return "\n".join(out) + "\n"


class Command(BaseCommand):
    help = "Print progress against the targets (target, actual and projected rates, gap by 30/9, behind pace) of a " \
           "unit and its direct children, or of the officers below it."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--unit", required=True, help="unit code")
        parser.add_argument("--year", type=int, help="statistical year, named by its end (2025 = 01/10/2024–30/09/2025;"
                                                     " default: the current one)")
        parser.add_argument("--months", type=int, help="cumulative months from 1 October (1–12; default: the current "
                                                       "month, or 12 for a past year)")
        parser.add_argument("--by", default="unit", help="unit (the unit and its direct children) or officer")
        parser.add_argument("--format", default="json", help="json or table")

    def handle(self, *args, **o) -> None:
        if o["by"] not in BY:
            raise CommandError(f"--by must be one of {', '.join(BY)}, not {o['by']!r}")
        if o["format"] not in ("json", "table"):
            raise CommandError(f"--format must be json or table, not {o['format']!r}")
        try:
            unit = Unit.objects.get(code=o["unit"])
        except Unit.DoesNotExist:
            raise CommandError(f"unknown unit {o['unit']!r}") from None
        year = o["year"] if o["year"] is not None else current_period()[0]
        try:
            months = period_of(year, o["months"])
            lines = progress(unit, year, by=o["by"], months=months)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        if o["format"] == "json":
            self.stdout.write(json.dumps(lines, indent=2, ensure_ascii=False) + "\n", ending="")
            return
        start, end = statistical_year_period(year, months)
        title = (f"{unit.code} {unit.name} — statistical year {year}, {months} month(s): "
                 f"{start:%d/%m/%Y}–{end:%d/%m/%Y}; by {o['by']}")
        self.stdout.write(table(lines, title), ending="")
