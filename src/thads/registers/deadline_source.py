"""The public list's deadlines in the deadline engine (registered by ``RegistersConfig.ready``).

* **Records** (``deadlines.sources`` records): each listing's publication and removal as the engine's
  ``publish_unable`` / ``unpublish_unable`` acts, so that the engine's own rule ``unable.publish`` (5 WD from the
  decision "chưa có điều kiện", Art. 44a.2; Decree 62/2015 Art. 11; Decree 152/2026 Art. 23) closes when the debtor
  is published — shown on the case page, in the officer's queue and the digest like every case deadline.
* **Subject deadlines** ``"publist:<listing id>"`` (``deadlines.sources.register_subjects``): for a listed row, the
  update owed within 3 WD of a change of the published data (Decree 62/2015 Art. 11.2; TT 04/2023/TT-BTP Art. 6.1;
  Decree 152/2026 Art. 23.2 ¶1), or the removal owed once the case left "chưa có điều kiện" (termination,
  completion, a continuation decision: Decree 62 Art. 11.3, TT 04/2023 Art. 6.2; from 01/07/2026 also revocation:
  Decree 152/2026 Art. 23.2 ¶2; any other exit UNVERIFIED) — ``domain.publication``. The update counts from the
  legal date of the last act after the listing's last step; a change without an act (a party's address corrected)
  counts from that step, earlier than the law's "ngày xác định được thông tin" (parties keep no change date). Subjects, not case
  deadlines, because a terminated or completed case is final and the engine keeps no deadlines of final cases.
  Refreshed in the transaction of every publication action, by a projection on every case's history change (the
  cases that have a listed row: a termination, a payment changing the obligation) and by ``thads
  recompute-deadlines``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.conf import settings

from thads.cases import projections
from thads.cases.histories import CaseActs
from thads.deadlines import sources
from thads.deadlines.service import refresh_subjects
from thads.domain.calendar import WorkCalendar
from thads.domain.deadline_rules import DeadlineAct
from thads.domain.deadlines import ActRecord, Deadline
from thads.domain.publication import PublicationDue, removal_due, update_due
from thads.domain.roles import Title
from thads.registers.actions_public import SUBJECT, subject_of
from thads.registers.models import PublicListing
from thads.registers.public import changed_since, current_rows, differs, exits

NAME = "registers.public"


def records(cases: Sequence[CaseActs]) -> dict[int, list[ActRecord]]:
    """Case id → its listings' publications and removals as engine records (one query per batch)."""
    out: dict[int, list[ActRecord]] = {}
    rows = (PublicListing.objects.filter(case_id__in=[c.case_id for c in cases]).order_by("id")
            .values_list("case_id", "published_on", "removed_on"))
    for case_id, published_on, removed_on in rows:
        recs = out.setdefault(case_id, [])
        recs.append(ActRecord(DeadlineAct.PUBLISH_UNABLE.value, published_on))
        if removed_on is not None:
            recs.append(ActRecord(DeadlineAct.UNPUBLISH_UNABLE.value, removed_on))
    return out


def owed(listings: Sequence[PublicListing], calendar: WorkCalendar) -> dict[int, PublicationDue]:
    """Listing id → the step owed now (removal before update), for listed rows that owe one."""
    case_ids = [x.case_id for x in listings]
    left = exits(case_ids)
    rows = current_rows(case_ids)
    other = getattr(settings, "THADS_PUBLIC_LIST_OTHER_REMOVAL_DAYS", None)
    out: dict[int, PublicationDue] = {}
    stale = [x for x in listings if x.case_id not in left and x.case_id in rows and differs(x, rows[x.case_id])]
    since = changed_since(stale)
    for x in listings:
        if x.case_id in left:
            on, reason = left[x.case_id]
            out[x.id] = removal_due(on, reason, calendar, other_removal_days=other)
    for x in stale:
        out[x.id] = update_due(since[x.id], calendar)
    return out


def subject_deadlines(subjects: Sequence[str] | None, calendar: WorkCalendar,
                      today: date) -> list[sources.SubjectDeadline]:
    qs = PublicListing.objects.filter(removed_on__isnull=True).select_related("case")
    if subjects is not None:
        ids = [int(s.partition(":")[2]) for s in subjects if s.partition(":")[2].isdigit()]
        qs = qs.filter(id__in=ids)
    out: list[sources.SubjectDeadline] = []
    listings = list(qs.order_by("id"))
    for start in range(0, len(listings), sources.BATCH):
        batch = listings[start:start + sources.BATCH]
        by_id = {x.id: x for x in batch}
        for listing_id, due in owed(batch, calendar).items():
            x = by_id[listing_id]
            dl = Deadline(f"publist.{due.step.value}", "", due.due, due.trigger_on, f"publist.{due.step.value}",
                          due.trigger_on, Title.OFFICER.value, due.article, due.text_vi, due.overdue(today),
                          verified=due.verified)
            out.append(sources.SubjectDeadline(subject_of(x.id), x.case.unit_id, dl, x.case.officer_id))
    return out


class _Projection:
    """On a case's history change: refresh the deadlines of the case's listed rows (one query per batch)."""

    def __init__(self) -> None:
        self.subjects: set[str] = set()

    def add(self, changes) -> None:
        ids = [c.case_id for c in changes]
        for start in range(0, len(ids), sources.BATCH):
            self.subjects.update(subject_of(pk) for pk in PublicListing.objects.filter(
                case_id__in=ids[start:start + sources.BATCH], removed_on__isnull=True).values_list("id", flat=True))

    def close(self) -> None:
        if self.subjects:
            refresh_subjects(sorted(self.subjects))


def register() -> None:
    """Called from RegistersConfig.ready."""
    sources.register(NAME, None, records=records, order=150)
    sources.register_subjects(SUBJECT, subject_deadlines, order=150)
    projections.register(NAME, _Projection, order=250)
