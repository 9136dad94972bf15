"""Closed statistical periods, the reading side (khóa sổ, THADS.md §4.2 cut-off rules): the writes, closing and
reopening, are ``thads.stats.actions.do_close_period`` / ``do_reopen_period``.

A unit's statistician closes a month for that unit; the province's statistician closes it for the province; the
provincial head may reopen with a recorded reason. A closed period's report is frozen as it was at closing.
Acts entered later whose legal date falls inside a closed period are listed as adjustments beside the frozen
figures: the cut-off rule reports them in the next period (they enter the next cumulative report by their legal
date), they are never re-dated.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils import timezone

from thads.cases.models import CaseEvent
from thads.org.models import Unit
from thads.stats.models import PeriodClosing


def active_closing(unit: Unit, year: int, months: int) -> PeriodClosing | None:
    return PeriodClosing.objects.filter(unit=unit, year=year, months=months, reopened_at__isnull=True).first()


def adjustments(closing: PeriodClosing) -> list[dict]:
    """Acts entered after the closing whose legal date falls inside the closed period, in the unit's subtree."""
    events = (CaseEvent.objects.filter(entered_at__gt=closing.closed_at, on__lte=closing.date_to,
                                       case__decided_on__isnull=False,
                                       unit__path__startswith=closing.unit.path)
              .select_related("case").order_by("entered_at", "id"))
    return [{"case": ev.case.ext_id, "kind": ev.kind, "on": ev.on.isoformat(),
             "entered_at": timezone.localtime(ev.entered_at).isoformat(timespec="seconds"),
             "amount": ev.amount} for ev in events]


def closed_period_problems(dates: Iterable[date]) -> list[str]:
    """For ``thads import``: the closed periods that records dated ``dates`` would fall into."""
    earliest = min(dates, default=None)
    if earliest is None:
        return []
    closings = PeriodClosing.objects.filter(reopened_at__isnull=True, date_to__gte=earliest).select_related("unit")
    return [f"{c.unit.code} {c.date_from:%d/%m/%Y}–{c.date_to:%d/%m/%Y} is closed" for c in closings]
