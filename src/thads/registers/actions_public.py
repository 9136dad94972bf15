"""The writers of the public list (Art. 44a.2; Decree 62/2015 Art. 11; Decree 152/2026 Art. 23): ``do_publish``,
``do_update_listing``, ``do_remove_listing``. Each is one transaction that checks the scope and the right to enter
acts on the case's unit (``org.scope.allowed(…, Action.CHANGE, …)``), the rule, writes the listing and its
append-only step, the audit row, and refreshes the case's deadlines (the engine's ``unable.publish`` closes on a
publication: ``registers.deadline_source``) and the listing's own update/removal deadlines. Refusals in Vietnamese.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from thads.cases.models import Case
from thads.deadlines.service import refresh_cases, refresh_subjects
from thads.domain.publication import LISTED_STATES, RemovalReason
from thads.lib.errors import Refused
from thads.org.audit import audit_write
from thads.org.scope import Action, allowed
from thads.registers.models import PublicListing, PublicListingEvent
from thads.registers.public import current_rows, differs, exits, search_words, snapshot

SUBJECT = "publist"


class PublicationRefused(Refused):
    """A publication step that may not be taken (Vietnamese ``message``)."""


def subject_of(listing_id: int) -> str:
    return f"{SUBJECT}:{listing_id}"


def _check_date(on: date, earliest: date) -> None:
    if on > timezone.localdate():
        raise PublicationRefused("Ngày đăng tải không được sau ngày hôm nay.")
    if on < earliest:
        raise PublicationRefused(f"Ngày đăng tải không được trước ngày {earliest:%d/%m/%Y}.")


def _authorise(user, unit) -> None:
    if not allowed(user, Action.CHANGE, unit):
        raise PublicationRefused("Bạn không có quyền đăng tải thông tin của đơn vị này.")


def new_listing(case_id: int, row: dict, on: date) -> tuple[PublicListing, PublicListingEvent]:
    """The unsaved listing and its publish step for ``row`` (``public.current_rows``) published on ``on``: what
    ``do_publish`` writes, and what the demo writes in bulk."""
    listing = PublicListing(case_id=case_id, unit_id=row["unit_id"], name=row["name"][:500],
                            address=row["address"][:1000], obligation=row["obligation"][:1000],
                            decision_no=row["decision_no"], decision_on=row["decision_on"], unit_name=row["unit"],
                            search_words=search_words(row), published_on=on)
    return listing, PublicListingEvent(listing=listing, step="publish", on=on, row=json_row(snapshot(listing)))


def json_row(row: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()}


def _refresh(case_id: int, listing_id: int) -> None:
    refresh_cases([case_id])
    refresh_subjects([subject_of(listing_id)])


@transaction.atomic
def do_publish(user, case_id: int, on: date) -> PublicListing:
    """Publish the debtor of a case "chưa có điều kiện" (Art. 44a.2): the row from the case as it is now."""
    case = Case.objects.select_for_update(of=("self",)).select_related("unit").filter(pk=case_id).first()
    if case is None:
        raise PublicationRefused("Không tìm thấy việc thi hành án.")
    _authorise(user, case.unit)
    if case.state not in LISTED_STATES:
        raise PublicationRefused("Việc thi hành án không ở trạng thái chưa có điều kiện thi hành.")
    if PublicListing.objects.filter(case_id=case.pk, removed_on__isnull=True).exists():
        raise PublicationRefused("Người phải thi hành án của việc này đã được đăng tải.")
    row = current_rows([case.pk]).get(case.pk)
    if row is None or not row["name"]:
        raise PublicationRefused("Không tìm thấy quyết định về việc chưa có điều kiện thi hành án của việc này.")
    _check_date(on, row["decision_on"])
    listing, event = new_listing(case.pk, row, on)
    listing.save()
    event.listing, event.user = listing, user
    event.save()
    audit_write(user, "registers.public.publish", listing, unit=case.unit, case_ext_id=case.ext_id,
                after={"on": on, "decision_no": row["decision_no"], "decision_on": row["decision_on"]})
    _refresh(case.pk, listing.pk)
    return listing


def _listed(user, listing_id: int) -> PublicListing:
    listing = (PublicListing.objects.select_for_update(of=("self",)).select_related("case", "case__unit")
               .filter(pk=listing_id).first())
    if listing is None:
        raise PublicationRefused("Không tìm thấy thông tin đã đăng tải.")
    _authorise(user, listing.case.unit)
    if listing.removed_on is not None:
        raise PublicationRefused("Thông tin này đã được gỡ bỏ.")
    return listing


@transaction.atomic
def do_update_listing(user, listing_id: int, on: date) -> PublicListing:
    """Bring a listed row in step with the case (a new address, a paid part of the obligation, a new decision):
    within 3 WD of the change (Decree 62/2015 Art. 11; Decree 152/2026 Art. 23.2)."""
    listing = _listed(user, listing_id)
    row = current_rows([listing.case_id]).get(listing.case_id)
    if row is None or not differs(listing, row):
        raise PublicationRefused("Thông tin đã đăng tải không thay đổi: không có gì để cập nhật.")
    _check_date(on, listing.updated_on or listing.published_on)
    before = json_row(snapshot(listing))
    for field in ("name", "address", "obligation", "decision_no", "decision_on"):
        setattr(listing, field, row[field])
    listing.unit_id, listing.unit_name = row["unit_id"], row["unit"]
    listing.search_words, listing.updated_on = search_words(row), on
    listing.save()
    PublicListingEvent.objects.create(listing=listing, step="update", on=on, row=json_row(snapshot(listing)), user=user)
    audit_write(user, "registers.public.update", listing, unit=listing.case.unit, case_ext_id=listing.case.ext_id,
                before={"on": before["decision_on"]}, after={"on": on, "changed": sorted(
                    k for k, v in json_row(snapshot(listing)).items() if before.get(k) != v)})
    _refresh(listing.case_id, listing.pk)
    return listing


@transaction.atomic
def do_remove_listing(user, listing_id: int, on: date) -> PublicListing:
    """Remove a listed row once the case has left "chưa có điều kiện" (termination, completion, a continuation
    decision, revocation: Decree 62/2015 Art. 11; Decree 152/2026 Art. 23)."""
    listing = _listed(user, listing_id)
    left = exits([listing.case_id]).get(listing.case_id)
    if listing.case.state in LISTED_STATES or left is None:
        raise PublicationRefused("Việc thi hành án vẫn chưa có điều kiện thi hành: chưa được gỡ bỏ thông tin.")
    _check_date(on, left[0])
    listing.removed_on, listing.removal_reason = on, RemovalReason(left[1]).value
    listing.save(update_fields=["removed_on", "removal_reason"])
    PublicListingEvent.objects.create(listing=listing, step="remove", on=on, reason=listing.removal_reason, user=user)
    audit_write(user, "registers.public.remove", listing, unit=listing.case.unit, case_ext_id=listing.case.ext_id,
                after={"on": on, "reason": listing.removal_reason, "left_on": left[0]})
    _refresh(listing.case_id, listing.pk)
    return listing
