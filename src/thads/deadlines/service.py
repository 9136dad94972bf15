"""Computing and storing the open deadlines of cases (the pure rules: ``thads.domain.deadlines``).

``refresh_cases`` recomputes the open deadlines of the given cases from their history and replaces their rows; it
runs in the transaction of every act and import, and in bulk from ``thads recompute-deadlines``. The rows include
the deadlines of the registered external sources (``deadlines.sources``: the assets context's information requests
and measures), computed from the same inputs on both paths. ``refresh_subjects`` does the same for the deadlines of
records without a case (``Deadline.subject``, e.g. a complaint: ``"matter:12"``), from the registered subject
sources; ``refresh_all`` (``thads recompute-deadlines``) recomputes those too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache

from django.db import transaction
from django.utils import timezone

from thads.cases.bulk import date_adapter, insert_rows, reserve_ids
from thads.cases.histories import CaseActs, Directory, iter_case_acts
from thads.cases.models import Case
from thads.deadlines import sources
from thads.deadlines.models import CalendarDay, Deadline
from thads.domain.calendar import CalendarRow, DayKind, WorkCalendar
from thads.domain.deadlines import open_deadlines
from thads.org.audit import audit_write

DEADLINE_COLUMNS = ("id", "case_id", "unit_id", "officer_id", "code", "ruleset", "due", "starts_on", "trigger",
                    "trigger_on", "who", "article", "text", "paused", "calendar", "subject")


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


def _batches(items: Iterable[CaseActs], size: int) -> Iterator[list[CaseActs]]:
    batch: list[CaseActs] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def refresh_cases(cases: Iterable[Case | int], today: date | None = None, calendar: WorkCalendar | None = None) -> int:
    """Replace the stored open deadlines of ``cases`` (instances or ids); returns how many are open now.

    Reads the cases' acts and facts through the gateway (``thads.cases.histories.iter_case_acts``: plain values,
    three queries per 5,000 cases) so that a million cases refresh in bulk at database speed."""
    today = today or timezone.localdate()
    calendar = calendar or current_calendar()
    fingerprint = calendar.fingerprint()
    ids = [c if isinstance(c, int) else c.id for c in cases]
    d = date_adapter()
    rows: list[list] = []

    def as_row(c: CaseActs, dl) -> list:
        return [None, c.case_id, c.unit_id, c.officer_id, dl.code, dl.ruleset, d(dl.due), d(dl.starts_on),
                dl.trigger, d(dl.trigger_on), dl.who, dl.article[:255], dl.text_vi[:255], dl.paused, fingerprint, ""]

    # The registered external sources (``deadlines.sources``: the assets context), for the decided, non-final cases
    # only (as the full recompute keeps them), a batch at a time: their records join the engine's replay, their
    # deadlines are added as they are.
    for batch in _batches(iter_case_acts(ids, directory=Directory()), sources.BATCH):
        live = [c for c in batch if c.facts.phase is not None and not c.facts.is_final]
        extra = sources.extra_records(live)
        for c in batch:
            acts = [*c.acts, *extra[c.case_id]] if c.case_id in extra else c.acts
            rows.extend(as_row(c, dl) for dl in open_deadlines(acts, c.facts, calendar, today, go_live=c.go_live))
        rows.extend(as_row(c, dl) for c, dl in sources.external_deadlines(live, calendar, today))
    with transaction.atomic():
        for start in range(0, len(ids), 5000):
            Deadline.objects.filter(case_id__in=ids[start:start + 5000])._raw_delete(Deadline.objects.db)
        for row, pk in zip(rows, reserve_ids(Deadline, len(rows)), strict=True):
            row[0] = pk
        insert_rows(Deadline, DEADLINE_COLUMNS, rows, adapted=True)
    return len(rows)


def refresh_subjects(subjects: Iterable[str] | None, today: date | None = None,
                     calendar: WorkCalendar | None = None) -> int:
    """Replace the stored open deadlines of ``subjects`` (``"matter:12"``; every subject of every registered
    subject source when None) by what their sources compute now; returns how many are open now. Called in the
    transaction of a context's action (its subjects) and by ``refresh_all`` (all)."""
    today = today or timezone.localdate()
    calendar = calendar or current_calendar()
    fingerprint = calendar.fingerprint()
    wanted = None if subjects is None else sorted(set(subjects))
    if wanted is not None and not wanted:
        return 0
    d = date_adapter()
    rows = [[None, None, s.unit_id, s.officer_id, s.deadline.code, s.deadline.ruleset, d(s.deadline.due),
             d(s.deadline.starts_on), s.deadline.trigger[:48], d(s.deadline.trigger_on), s.deadline.who[:16],
             s.deadline.article[:255], s.deadline.text_vi[:255], s.deadline.paused, fingerprint, s.subject]
            for s in sources.subject_deadlines(wanted, calendar, today)]
    with transaction.atomic():
        if wanted is None:
            for prefix in sources.subject_prefixes():
                Deadline.objects.filter(case__isnull=True, subject__startswith=f"{prefix}:")._raw_delete(
                    Deadline.objects.db)
        else:
            for start in range(0, len(wanted), 5000):
                Deadline.objects.filter(case__isnull=True, subject__in=wanted[start:start + 5000])._raw_delete(
                    Deadline.objects.db)
        for row, pk in zip(rows, reserve_ids(Deadline, len(rows)), strict=True):
            row[0] = pk
        insert_rows(Deadline, DEADLINE_COLUMNS, rows, adapted=True)
    return len(rows)


def refresh_all(queryset=None, today: date | None = None) -> int:
    """Recompute the open deadlines of every case that is not final (of ``queryset``'s cases when given).

    Recomputing every case (no ``queryset``: ``thads recompute-deadlines`` after a calendar change) is a user's
    action and leaves one audit row, in the same transaction; it recomputes the subjects' deadlines too
    (``refresh_subjects``). The importer's per-batch refreshes are part of the import and audited with it."""
    if queryset is None:
        with transaction.atomic():
            total = _refresh_all(Case.objects.all(), today) + refresh_subjects(None, today)
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
