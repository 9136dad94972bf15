"""Computing and storing the open deadlines of cases (the pure rules: ``thads.domain.deadlines``).

``refresh_cases`` recomputes the open deadlines of the given cases from their history and replaces their rows; it
runs in the transaction of every act and import, and in bulk from ``thads recompute-deadlines``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from django.db import transaction
from django.utils import timezone

from thads.cases.actions import facts_of
from thads.cases.models import Case, CaseEvent
from thads.deadlines.models import CalendarDay, Deadline
from thads.domain.calendar import CalendarRow, DayKind, WorkCalendar
from thads.domain.deadlines import ActRecord, open_deadlines
from thads.lib.bulk import date_adapter, insert_rows, reserve_ids

DEADLINE_COLUMNS = ("id", "case_id", "unit_id", "officer_id", "code", "ruleset", "due", "starts_on", "trigger",
                    "trigger_on", "who", "article", "text", "paused", "calendar")


def _calendar_rows() -> tuple[CalendarRow, ...]:
    return tuple(CalendarRow(day=r.day, kind=DayKind(r.kind), unit=r.unit.code if r.unit_id else None,
                             source=r.source)
                 for r in CalendarDay.objects.select_related("unit").order_by("day", "id"))


@lru_cache(maxsize=4)
def _calendar_for(rows: tuple[CalendarRow, ...]) -> WorkCalendar:
    return WorkCalendar(rows=rows)


def current_calendar() -> WorkCalendar:
    """The national calendar with the administrator's rows (cached per distinct set of rows)."""
    return _calendar_for(_calendar_rows())


def act_records(events: Iterable[CaseEvent], case: Case) -> list[ActRecord]:
    records = []
    for ev in events:
        details = dict(ev.details or {})
        if ev.amount is not None:
            details.setdefault("amount", ev.amount)
        if ev.seq == 1 or ev.kind in ("receive_request", "receive_judgment"):
            details.setdefault("initiation", case.initiation)
            if case.judgment_effective_on:
                details.setdefault("judgment_effective_on", case.judgment_effective_on.isoformat())
        records.append(ActRecord(act=ev.kind, on=ev.on, ground=ev.ground or None, details=details))
    if case.decided_on and not any(r.act == "decide" for r in records):
        # Imported histories carry the decision only as the case's decided_on (interchange.md §1).
        records.insert(0, ActRecord(act="decide", on=case.decided_on, details={"initiation": case.initiation}))
    return records


def compute(case: Case, events: list[CaseEvent], calendar: WorkCalendar, today: date) -> list:
    go_live = case.unit.go_live
    return open_deadlines(act_records(events, case), facts_of(case), calendar, today, go_live=go_live)


def refresh_cases(cases: Iterable[Case], today: date | None = None, calendar: WorkCalendar | None = None) -> int:
    """Replace the stored open deadlines of ``cases``; returns how many are open now."""
    today = today or timezone.localdate()
    calendar = calendar or current_calendar()
    fingerprint = calendar.fingerprint()
    d = date_adapter()
    rows: list[list] = []
    ids: list[int] = []
    cases = list(cases)
    events_by_case: dict[int, list[CaseEvent]] = {}
    for ev in CaseEvent.objects.filter(case_id__in=[c.id for c in cases]).order_by("case_id", "seq"):
        events_by_case.setdefault(ev.case_id, []).append(ev)
    for case in cases:
        ids.append(case.id)
        for dl in compute(case, events_by_case.get(case.id, []), calendar, today):
            rows.append([None, case.id, case.unit_id, case.officer_id, dl.code, dl.ruleset, d(dl.due), d(dl.starts_on),
                         dl.trigger, d(dl.trigger_on), dl.who, dl.article[:255], dl.text_vi[:255], dl.paused,
                         fingerprint])
    with transaction.atomic():
        Deadline.objects.filter(case_id__in=ids).delete()
        for row, pk in zip(rows, reserve_ids(Deadline, len(rows)), strict=True):
            row[0] = pk
        insert_rows(Deadline, DEADLINE_COLUMNS, rows, adapted=True)
    return len(rows)


def refresh_all(queryset=None, batch: int = 2000, today: date | None = None) -> int:
    """Recompute the open deadlines of every case that is not final (in batches)."""
    qs = queryset if queryset is not None else Case.objects.all()
    qs = qs.exclude(state__in=["COMPLETED", "TERMINATED", "ENTRUSTED_OUT", "REVOKED"]).exclude(intake="REFUSED")
    ids = list(qs.order_by("id").values_list("id", flat=True))
    calendar = current_calendar()
    total = 0
    for start in range(0, len(ids), batch):
        chunk = Case.objects.filter(id__in=ids[start:start + batch]).select_related("unit", "officer").prefetch_related(
            "obligations")
        total += refresh_cases(chunk, today=today, calendar=calendar)
    # Final cases keep no open deadline.
    Deadline.objects.filter(case__state__in=["COMPLETED", "TERMINATED", "ENTRUSTED_OUT", "REVOKED"]).delete()
    return total
