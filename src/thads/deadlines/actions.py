"""Writes of the deadlines context made by people: the administrator's calendar rows (THADS.md §9), one atomic
``do_*`` function each, checked and audited (``deadlines.calendarday.add|change|delete``).

A row with a unit (a unit's closure, a local day off) is the administrators' of that unit's subtree; a national row
(no unit: public holidays, nationwide swaps, which the Government decides) is for superusers only
(``thads.org.actions.may_administer``). The open deadlines themselves are a projection of the case history
(``thads.deadlines.service``), not written here: run ``thads recompute-deadlines`` after a change of the calendar.
"""

from __future__ import annotations

from django.db import transaction

from thads.deadlines.models import CalendarDay
from thads.org.actions import OrgRefused, delete_row, may_administer, save_row, stored_row

CALENDAR_REFUSED = "Bạn không có quyền sửa ngày lịch này (ngày lịch toàn quốc chỉ do quản trị cấp cao nhất sửa)."


def _check(user, *rows: CalendarDay | None) -> None:
    for row in rows:
        if row is not None and not may_administer(user, row.unit):
            raise OrgRefused(CALENDAR_REFUSED, "scope")


@transaction.atomic
def do_save_calendar_day(user, day: CalendarDay) -> CalendarDay:
    """Add or change a calendar row (the unit as stored and as saved must be the user's to administer)."""
    stored = stored_row(day)
    _check(user, stored, day)
    day.full_clean()
    return save_row(user, day, stored)


@transaction.atomic
def do_delete_calendar_day(user, day: CalendarDay) -> None:
    """Remove a wrong calendar row."""
    _check(user, day)
    delete_row(user, day)
