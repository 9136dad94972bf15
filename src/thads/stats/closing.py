"""Closing a statistical period (khóa sổ, THADS.md §4.2 cut-off rules).

A unit's statistician closes a month for that unit; the province's statistician closes it for the province; the
provincial head may reopen with a recorded reason. A closed period's report is frozen as it was at closing.
Acts entered later whose legal date falls inside a closed period are listed as adjustments beside the frozen
figures: the cut-off rule reports them in the next period (they enter the next cumulative report by their legal
date), they are never re-dated.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone

from thads.cases.models import CaseEvent
from thads.domain.contrib import month_end
from thads.domain.report import dumps_report
from thads.domain.roles import Title
from thads.lib.errors import Refused
from thads.org.audit import audit_write, snapshot
from thads.org.models import Unit
from thads.org.scope import covers
from thads.stats.models import PeriodClosing
from thads.stats.service import official_report


class ClosingRefused(Refused):
    """Closing or reopening a period that the rules do not allow (message in Vietnamese)."""


def active_closing(unit: Unit, year: int, months: int) -> PeriodClosing | None:
    return PeriodClosing.objects.filter(unit=unit, year=year, months=months, reopened_at__isnull=True).first()


@transaction.atomic
def do_close_period(user, unit: Unit, year: int, months: int, today: date | None = None) -> PeriodClosing:
    today = today or timezone.localdate()
    if user is not None and not user.is_superuser and not (
            user.title == Title.STATISTICIAN and user.unit_id == unit.id):
        raise ClosingRefused("Chỉ thống kê viên của đơn vị được khóa sổ số liệu của đơn vị.")
    date_to = month_end(year, months)
    if date_to >= today:
        raise ClosingRefused(f"Kỳ báo cáo chưa kết thúc (đến hết ngày {date_to:%d/%m/%Y}).")
    if active_closing(unit, year, months) is not None:
        raise ClosingRefused("Kỳ báo cáo này đã được khóa sổ.")
    report = official_report(unit, year, months)
    closing = PeriodClosing.objects.create(unit=unit, year=year, months=months, date_from=date(year - 1, 10, 1),
                                           date_to=date_to, report_json=dumps_report(report), closed_by=user)
    # The frozen report itself is not copied into the log: it is kept, never changed, in the closing row.
    audit_write(user, "stats.period.close", closing, unit=unit,
                after=snapshot(closing, exclude=("report_json",)))
    return closing


@transaction.atomic
def do_reopen_period(user, closing: PeriodClosing, reason: str) -> PeriodClosing:
    head_ok = user is not None and (user.is_superuser or (
        user.title == Title.HEAD and user.unit is not None and user.unit.parent_id is None
        and covers(user, closing.unit)))
    if not head_ok:
        raise ClosingRefused("Chỉ Thủ trưởng cơ quan thi hành án cấp tỉnh được mở lại kỳ đã khóa sổ.")
    if not reason.strip():
        raise ClosingRefused("Phải ghi rõ lý do mở lại kỳ đã khóa sổ.")
    if closing.reopened_at is not None:
        raise ClosingRefused("Kỳ báo cáo này đã được mở lại.")
    fields = ["reopened_at", "reopened_by", "reopen_reason"]
    before = snapshot(closing, fields=fields)
    closing.reopened_at, closing.reopened_by, closing.reopen_reason = timezone.now(), user, reason.strip()
    closing.save(update_fields=fields)
    audit_write(user, "stats.period.reopen", closing, unit=closing.unit, before=before,
                after=snapshot(closing, fields=fields))
    return closing


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
