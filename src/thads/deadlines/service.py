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

from thads.cases.bulk import date_adapter, insert_rows, reserve_ids
from thads.cases.facts import from_json
from thads.cases.models import Case, CaseEvent, Obligation
from thads.deadlines.models import CalendarDay, Deadline
from thads.domain.acts import CaseFacts, Intake
from thads.domain.calendar import CalendarRow, DayKind, WorkCalendar
from thads.domain.deadlines import ActRecord, open_deadlines
from thads.domain.money import ObligationDue
from thads.domain.states import Phase
from thads.org.audit import audit_write

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


def _details(raw) -> dict:
    if isinstance(raw, str):  # raw values from some backends come back as JSON text
        import json

        return json.loads(raw) if raw else {}
    return dict(raw or {})


def act_records(events: Iterable[tuple], case_row: dict) -> list[ActRecord]:
    """The case's acts for the deadline rules, from its history rows ``(kind, on, ground, amount, details, seq)``."""
    records = []
    for kind, on, ground, amount, details, seq in events:
        details = _details(details)
        if amount is not None:
            details.setdefault("amount", amount)
        if seq == 1 or kind in ("receive_request", "receive_judgment"):
            details.setdefault("initiation", case_row["initiation"])
            if case_row["judgment_effective_on"]:
                details.setdefault("judgment_effective_on", case_row["judgment_effective_on"].isoformat())
        records.append(ActRecord(act=kind, on=on, ground=ground or None, details=details))
    if case_row["decided_on"] and not any(r.act == "decide" for r in records):
        # Imported histories carry the decision only as the case's decided_on (interchange.md §1).
        records.insert(0, ActRecord(act="decide", on=case_row["decided_on"],
                                    details={"initiation": case_row["initiation"]}))
    return records


_CASE_FIELDS = ("id", "unit_id", "officer_id", "phase", "intake", "interim", "ground", "decided_on", "last_event_on",
                "facts", "initiation", "judgment_effective_on", "unit__code", "officer__code", "unit__go_live")


def _facts(row: dict, obligations: list[tuple]) -> CaseFacts:
    return CaseFacts(
        phase=Phase(row["phase"]) if row["phase"] else None, intake=Intake(row["intake"]), interim=row["interim"],
        ground=row["ground"] or None,
        obligations=tuple(ObligationDue(id=code, kind=kind, outstanding=out, beneficiary=ben)
                          for code, kind, out, ben in obligations),
        decided_on=row["decided_on"], last_act_on=row["last_event_on"], unit=row["unit__code"],
        officer=row["officer__code"], **from_json(_details(row["facts"])),
    )


def refresh_cases(cases: Iterable[Case | int], today: date | None = None, calendar: WorkCalendar | None = None) -> int:
    """Replace the stored open deadlines of ``cases`` (instances or ids); returns how many are open now.

    Reads plain values (no model instances) so that a million cases refresh in bulk at database speed."""
    today = today or timezone.localdate()
    calendar = calendar or current_calendar()
    fingerprint = calendar.fingerprint()
    ids = [c if isinstance(c, int) else c.id for c in cases]
    d = date_adapter()
    rows: list[list] = []
    for start in range(0, len(ids), 5000):
        chunk = ids[start:start + 5000]
        events: dict[int, list[tuple]] = {}
        for case_id, *rest in CaseEvent.objects.filter(case_id__in=chunk).order_by("case_id", "seq").values_list(
                "case_id", "kind", "on", "ground", "amount", "details", "seq"):
            events.setdefault(case_id, []).append(tuple(rest))
        obligations: dict[int, list[tuple]] = {}
        for case_id, *rest in Obligation.objects.filter(case_id__in=chunk).order_by("case_id", "position").values_list(
                "case_id", "code", "kind", "outstanding", "beneficiary"):
            obligations.setdefault(case_id, []).append(tuple(rest))
        for row in Case.objects.filter(id__in=chunk).values(*_CASE_FIELDS):
            history = act_records(events.get(row["id"], ()), row)
            found = open_deadlines(history, _facts(row, obligations.get(row["id"], [])), calendar, today,
                                   go_live=row["unit__go_live"])
            for dl in found:
                rows.append([None, row["id"], row["unit_id"], row["officer_id"], dl.code, dl.ruleset, d(dl.due),
                             d(dl.starts_on), dl.trigger, d(dl.trigger_on), dl.who, dl.article[:255],
                             dl.text_vi[:255], dl.paused, fingerprint])
    with transaction.atomic():
        for start in range(0, len(ids), 5000):
            Deadline.objects.filter(case_id__in=ids[start:start + 5000])._raw_delete(Deadline.objects.db)
        for row, pk in zip(rows, reserve_ids(Deadline, len(rows)), strict=True):
            row[0] = pk
        insert_rows(Deadline, DEADLINE_COLUMNS, rows, adapted=True)
    return len(rows)


def refresh_all(queryset=None, today: date | None = None) -> int:
    """Recompute the open deadlines of every case that is not final (of ``queryset``'s cases when given).

    Recomputing every case (no ``queryset``: ``thads recompute-deadlines`` after a calendar change) is a user's
    action and leaves one audit row, in the same transaction; the importer's per-batch refreshes are part of the
    import and audited with it."""
    if queryset is None:
        with transaction.atomic():
            total = _refresh_all(Case.objects.all(), today)
            audit_write(None, "deadlines.recompute", None, object_repr="recompute-deadlines",
                        after={"open_deadlines": total, "today": today or timezone.localdate()})
        return total
    return _refresh_all(queryset, today)


def _refresh_all(qs, today: date | None) -> int:
    final = ["COMPLETED", "TERMINATED", "ENTRUSTED_OUT", "REVOKED"]
    ids = list(qs.exclude(state__in=final).exclude(intake="REFUSED").order_by("id").values_list("id", flat=True))
    total = refresh_cases(ids, today=today)
    Deadline.objects.filter(case__state__in=final)._raw_delete(Deadline.objects.db)
    return total
