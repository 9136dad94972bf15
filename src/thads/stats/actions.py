"""Writes of the statistics context, one atomic ``do_*`` function each: closing and reopening a period (khóa sổ,
THADS.md §4.2 cut-off rules; the reading side, frozen reports and adjustments, is ``thads.stats.closing``).

A unit's statistician closes a month for that unit; the province's statistician closes it for the province; the
provincial head may reopen with a recorded reason. Who may is the capability table (``Capability.CLOSE_PERIOD``,
``Capability.REOPEN_PERIOD`` through ``thads.org.capabilities.can``). A closed period's report is frozen as it was
at closing. The statistics cells themselves are a projection of the case history (``thads.stats.cells``), not
written here.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from thads.domain.capabilities import Capability
from thads.domain.contrib import month_end
from thads.domain.report import dumps_report
from thads.lib.errors import Refused
from thads.org.audit import audit_write, snapshot
from thads.org.capabilities import can
from thads.org.models import Unit
from thads.stats.closing import active_closing
from thads.stats.models import PeriodClosing
from thads.stats.service import official_report


class ClosingRefused(Refused):
    """Closing or reopening a period that the rules do not allow (message in Vietnamese)."""


@transaction.atomic
def do_close_period(user, unit: Unit, year: int, months: int, today: date | None = None) -> PeriodClosing:
    """Freeze the official ``months``-month report of ``unit`` for statistical ``year`` (TT 01/2022/TT-BTP, closing
    by the unit's own statistician: UNVERIFIED, see ``Capability.CLOSE_PERIOD``). ``user`` None: the system."""
    today = today or timezone.localdate()
    if user is not None and not can(user, Capability.CLOSE_PERIOD, unit):
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
    """Reopen a closed period with a recorded reason: the head of a root unit (the provincial department), over a
    unit in his scope (``Capability.REOPEN_PERIOD``)."""
    if user is None or not can(user, Capability.REOPEN_PERIOD, closing.unit):
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
