"""The options of the contexts' report commands (``thads measures-report``, ``thads complaints-report``):
``--unit U (--year Y [--months K] | --from D1 --to D2) [--format …] [-o FILE]``, the periods of ``thads report``.

``add_period_arguments(parser, formats=…)`` declares them; ``parse_period(options)`` checks them in the commands'
order (the unit, the period, a binary format needing a file) and returns a ``ReportRequest``; ``write_output``
prints the JSON text or writes the file's bytes. Refusals are ``CommandError`` with the messages of ``thads report``,
which reads its unit and period with the same ``unit_of`` and ``period``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from django.core.management.base import BaseCommand, CommandError

from thads.domain.report import statistical_year_period
from thads.org.models import Unit


class ReportRequest(NamedTuple):
    unit: Unit
    date_from: date
    date_to: date
    official: tuple[int, int] | None  # (year, months) when the period is a statistical year's
    fmt: str
    out: str | None


def add_period_arguments(parser, *, formats: Sequence[str]) -> None:
    """``--unit``, ``--year``, ``--months``, ``--from``, ``--to``, ``--format`` (the first of ``formats`` the
    default) and ``-o``/``--output``."""
    parser.add_argument("--unit", required=True, help="unit code")
    parser.add_argument("--year", type=int, help="statistical year, named by its end (2025 = 01/10/2024–30/09/2025)")
    parser.add_argument("--months", type=int, default=12, help="cumulative months from 1 October (1–12)")
    parser.add_argument("--from", dest="date_from", help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", help="last day, YYYY-MM-DD")
    parser.add_argument("--format", default=formats[0], choices=list(formats))
    parser.add_argument("-o", "--output", help="write to this file instead of stdout")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"invalid date {text!r}: use YYYY-MM-DD") from None


def period(o: dict) -> tuple[date, date, tuple[int, int] | None]:
    """(from, to, (year, months) when the period is a statistical year's) from the options."""
    if o["year"] is not None:
        if o["date_from"] or o["date_to"]:
            raise CommandError("give either --year [--months] or --from and --to")
        if not 1 <= o["months"] <= 12:
            raise CommandError("--months must be between 1 and 12")
        return (*statistical_year_period(o["year"], o["months"]), (o["year"], o["months"]))
    if o["date_from"] and o["date_to"]:
        date_from, date_to = _day(o["date_from"]), _day(o["date_to"])
        if date_from > date_to:
            raise CommandError("--from is after --to")
        return date_from, date_to, None
    raise CommandError("give --year [--months K] or --from D1 --to D2")


def unit_of(o: dict) -> Unit:
    """The unit of ``--unit`` (a unit code)."""
    try:
        return Unit.objects.get(code=o["unit"])
    except Unit.DoesNotExist:
        raise CommandError(f"unknown unit {o['unit']!r}") from None


def parse_period(o: dict) -> ReportRequest:
    """The unit (by its code), the period and the output; a format other than JSON needs ``-o FILE`` or a standard
    output that is not a terminal."""
    unit = unit_of(o)
    date_from, date_to, official = period(o)
    if o["format"] != "json" and not o["output"] and sys.stdout.isatty():
        raise CommandError(f"--format {o['format']} needs -o FILE (or stdout redirected to a file)")
    return ReportRequest(unit, date_from, date_to, official, o["format"], o["output"])


def write_output(command: BaseCommand, out: str | None, data: str | bytes) -> None:
    """Text (the JSON, UTF-8) or a file's bytes, to ``out`` or to the standard output."""
    if isinstance(data, str):
        if out:
            with open(out, "w", encoding="utf-8") as fh:
                fh.write(data)
        else:
            command.stdout.write(data, ending="")
        return
    if out:
        with open(out, "wb") as fh:
            fh.write(data)
    else:
        sys.stdout.buffer.write(data)
