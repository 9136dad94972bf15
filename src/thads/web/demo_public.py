"""The demo province's public list of debtors without conditions (``thads demo``, issue 18): every debtor whose case
is "chưa có điều kiện" (or in the separate book) now is published a few working days after the decision, dated
relative to ``--today``; a listing whose obligation was partly paid after its publication was published with the
obligation of that day and updated a working day after the payment; a case that left "chưa có điều kiện"
(termination, completion, a continuation decision, revocation) was published and then removed a working day after.
A step that would fall after ``--today`` is not taken (its deadline stays open in the queues).

Written in bulk with the rows the actions write (``registers.actions_public.new_listing`` and the same published
row: ``registers.public.current_rows``), proven by ``tests/test_public_list_demo.py`` against the actions. Loaded
once: a database with a listing is left as it is. No case event is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from thads.cases.bulk import reserve_ids
from thads.cases.models import Case, CaseEvent
from thads.deadlines.service import current_calendar, refresh_cases, refresh_subjects
from thads.domain.calendar import WorkCalendar
from thads.domain.publication import LISTED_STATES
from thads.org.audit import audit_write
from thads.registers.actions_public import json_row, new_listing
from thads.registers.models import PublicListing, PublicListingEvent
from thads.registers.public import current_rows, exits, search_words, snapshot

#: Working days between a decision and its publication in the demo (within the 5 WD of Art. 44a.2).
PUBLISH_AFTER_WD = 3
_MONEY = ("payment", "reduced")


@dataclass
class Planned:
    """One listing of the demo: published on ``published_on`` with ``first`` (the row of that day), updated on
    ``updated_on`` to ``row`` (the row now) when its obligation changed since, removed on ``removed_on``."""

    case_id: int
    first: dict
    published_on: date
    row: dict
    updated_on: date | None = None
    removed_on: date | None = None
    reason: str = ""
    steps: list = field(default_factory=list)


def _paid_after(case_ids: list[int], since: dict[int, date]) -> tuple[dict[int, int], dict[int, date]]:
    """(obligation id → VND paid or reduced after the case's publication day, case id → the last such day)."""
    added: dict[int, int] = {}
    last: dict[int, date] = {}
    for case_id, ob, on, amount in (CaseEvent.objects.filter(case_id__in=case_ids, kind__in=_MONEY,
                                                             obligation__isnull=False)
                                    .values_list("case_id", "obligation_id", "on", "amount").order_by("case_id", "seq")):
        if on > since[case_id] and amount:
            added[ob] = added.get(ob, 0) + amount
            last[case_id] = max(on, last.get(case_id, on))
    return added, last


def plan(today: date, calendar: WorkCalendar) -> list[Planned]:
    """The demo's listings, from the loaded cases (a dozen queries whatever the size)."""
    listed = list(Case.objects.filter(state__in=LISTED_STATES).order_by("id").values_list("id", flat=True))
    left_ids = list(CaseEvent.objects.filter(from_state__in=LISTED_STATES).exclude(
        to_state__in=[*LISTED_STATES, ""]).values_list("case_id", flat=True).distinct())
    left = exits(left_ids)
    rows = current_rows([*listed, *left])
    published = {pk: min(calendar.add_working_days(r["decision_on"], PUBLISH_AFTER_WD), today)
                 for pk, r in rows.items()}
    published = {pk: on for pk, on in published.items()
                 if pk in left and on < left[pk][0] or pk not in left and pk in listed}
    added, paid_on = _paid_after(list(published), published)  # a removed listing's first row too
    before = current_rows(list(published), added) if added else rows
    out: list[Planned] = []
    for pk in sorted(published):
        p = Planned(pk, before[pk], published[pk], rows[pk])
        if pk in paid_on and pk not in left:  # a removed listing is shown as first published
            upd = calendar.add_working_days(paid_on[pk], 1)
            if upd <= today:
                p.updated_on = upd
        if pk in left:
            rem = calendar.add_working_days(left[pk][0], 1)
            if rem <= today:
                p.removed_on, p.reason = rem, left[pk][1].value
        out.append(p)
    return out


def _rows(p: Planned) -> tuple[PublicListing, list[PublicListingEvent]]:
    listing, first = new_listing(p.case_id, p.first, p.published_on)
    events = [first]
    if p.updated_on is not None:
        for name in ("name", "address", "obligation", "decision_no", "decision_on"):
            setattr(listing, name, p.row[name])
        listing.unit_id, listing.unit_name = p.row["unit_id"], p.row["unit"]
        listing.search_words, listing.updated_on = search_words(p.row), p.updated_on
        events.append(PublicListingEvent(listing=listing, step="update", on=p.updated_on,
                                         row=json_row(snapshot(listing))))
    if p.removed_on is not None:
        listing.removed_on, listing.removal_reason = p.removed_on, p.reason
        events.append(PublicListingEvent(listing=listing, step="remove", on=p.removed_on, reason=p.reason))
    return listing, events


@transaction.atomic
def load(today: date) -> dict[str, int]:
    """Write the plan in bulk; returns the counts."""
    if PublicListing.objects.exists():
        return {}
    planned = plan(today, current_calendar())
    listings, events = [], []
    for p, pk in zip(planned, reserve_ids(PublicListing, len(planned)), strict=True):
        listing, steps = _rows(p)
        listing.pk = pk
        listings.append(listing)
        events.extend(steps)
    PublicListing.objects.bulk_create(listings, batch_size=2000)
    for e, pk in zip(events, reserve_ids(PublicListingEvent, len(events)), strict=True):
        e.pk, e.listing_id = pk, e.listing.pk
    PublicListingEvent.objects.bulk_create(events, batch_size=2000)
    refresh_cases([p.case_id for p in planned if p.removed_on is None], today=today)
    refresh_subjects(None, today=today)
    counts = {"published": len(listings), "listed": sum(1 for x in listings if x.removed_on is None),
              "updated": sum(1 for x in listings if x.updated_on), "removed": sum(1 for x in listings if x.removed_on)}
    audit_write(None, "registers.public.demo", None, object_repr="demo public list", after=counts)
    return counts


def run(options, stdout) -> None:
    """The one call of ``thads demo`` (after the cases and the personas): loads and prints one line."""
    if options.get("no_cases"):
        return
    today = date.fromisoformat(options["today"]) if options.get("today") else timezone.localdate()
    counts = load(today)
    if not counts:
        stdout.write("Public list already loaded.")
        return
    stdout.write(f"Public list: {counts['listed']} debtors listed, {counts['updated']} updated, "
                 f"{counts['removed']} removed.")


__all__ = ["Planned", "load", "plan", "run"]
