"""The published rows of the public list and the facts behind them (no Django views here).

* :func:`current_rows` — what a case's listing *should* say now, from the case's debtors (name, address: never the
  ID number), its outstanding obligations (kind and amount: never the creditor) and the decision "chưa có điều kiện"
  that opened the current spell; four queries for any number of cases.
* :func:`published` — the public queryset: listed rows only (never a removed one), the folded search, only the
  published fields (``domain.publication.PUBLIC_FIELDS``) as plain dicts; the page, the CSV/JSON files and
  ``thads public-list`` all read it.
* :func:`exits` / :func:`changed_since` — when a listed case left "chưa có điều kiện" (and why), and the legal date of
  the last act after a listing's last step (the start of the update deadline).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Max, Q, QuerySet
from django.utils import translation

from thads.cases import choices
from thads.cases.models import Case, CaseEvent, Obligation, Party
from thads.domain.publication import LISTED_STATES, PUBLIC_FIELDS, RemovalReason, obligation_text
from thads.lib.text import fold
from thads.registers.models import PublicListing, PublicListingEvent

#: The row's fields compared to tell whether a listing needs an update (with the unit's name: ``differs``).
COMPARED = ("name", "address", "obligation", "decision_no", "decision_on")
_UNABLE = "classified_unable"


def _kind_labels() -> dict[str, str]:
    with translation.override("vi"):
        return {code: str(label) for code, label in choices.OBLIGATION_KIND}


def current_rows(case_ids: Iterable[int], added: dict[int, int] | None = None) -> dict[int, dict]:
    """Case id → the row its listing should hold now (``PUBLIC_FIELDS`` plus ``unit_id``), for the cases that have a
    decision "chưa có điều kiện". ``added`` (obligation id → VND) gives the row as it was before those amounts were
    paid or reduced (the demo's earlier publications)."""
    ids = sorted(set(case_ids))
    if not ids:
        return {}
    decisions: dict[int, tuple[str, date]] = {}
    # The decision opening the current spell: a classified_unable entered from outside the listed states (a later
    # one inside the spell is a re-verification, contract §1); the latest such.
    for case_id, no, on, from_state in (CaseEvent.objects.filter(case_id__in=ids, kind=_UNABLE)
                                        .order_by("case_id", "seq")
                                        .values_list("case_id", "decision_no", "on", "from_state")):
        if from_state not in LISTED_STATES or case_id not in decisions:
            decisions[case_id] = (no, on)
    names: dict[int, list[str]] = {}
    addresses: dict[int, list[str]] = {}
    for case_id, name, address in (Party.objects.filter(case_id__in=list(decisions), role=choices.DEBTOR)
                                   .order_by("case_id", "position", "id").values_list("case_id", "name", "address")):
        names.setdefault(case_id, []).append(name.strip())
        if address.strip():
            addresses.setdefault(case_id, []).append(address.strip())
    labels = _kind_labels()
    owed: dict[int, list[tuple[str, int]]] = {}
    added = added or {}
    for pk, case_id, kind, amount, outstanding in (Obligation.objects.filter(case_id__in=list(decisions))
                                                   .order_by("case_id", "position", "id")
                                                   .values_list("id", "case_id", "kind", "amount", "outstanding")):
        # an obligation without an amount (hand over an object, do or not do a thing) is published by its kind
        # alone; a money obligation while something of it is still owed
        if amount == 0 or outstanding + added.get(pk, 0) > 0:
            owed.setdefault(case_id, []).append((labels.get(kind, kind), outstanding + added.get(pk, 0)))
    units = dict(Case.objects.filter(id__in=list(decisions)).values_list("id", "unit_id"))
    unit_names = dict(Case.objects.filter(id__in=list(decisions)).values_list("id", "unit__name"))
    return {case_id: {"name": "; ".join(names.get(case_id, [])), "address": "; ".join(addresses.get(case_id, [])),
                      "obligation": obligation_text(owed.get(case_id, [])), "decision_no": no, "decision_on": on,
                      "unit": unit_names[case_id], "unit_id": units[case_id]}
            for case_id, (no, on) in decisions.items()}


def search_words(row: dict) -> str:
    """The folded words the public search matches (name and address), padded so that `` word`` finds a word
    start."""
    return f" {fold(row['name'])} {fold(row['address'])} "


def snapshot(listing: PublicListing) -> dict:
    """The row a listing publishes now, with the published fields only."""
    return {"name": listing.name, "address": listing.address, "obligation": listing.obligation,
            "decision_no": listing.decision_no, "decision_on": listing.decision_on, "unit": listing.unit_name}


def differs(listing: PublicListing, row: dict) -> bool:
    """The published row is no longer the case's (a moved case: the unit too)."""
    return any(getattr(listing, f) != row[f] for f in COMPARED) or listing.unit_name != row["unit"]


def exits(case_ids: Iterable[int]) -> dict[int, tuple[date, RemovalReason]]:
    """Case id → (legal date, reason) of the act that last took the case out of the listed states, for the cases
    that are out of them now. The legal date (the decision's date, or the day completion is established) starts
    the removal count (Decree 62/2015 Art. 11.3; Decree 152/2026 Art. 23.2)."""
    ids = list(set(case_ids))
    out_now = set(Case.objects.filter(id__in=ids).exclude(state__in=LISTED_STATES).values_list("id", flat=True))
    found: dict[int, tuple[date, RemovalReason]] = {}
    for case_id, kind, on, ground in (CaseEvent.objects.filter(case_id__in=out_now, from_state__in=LISTED_STATES)
                                      .exclude(to_state__in=[*LISTED_STATES, ""]).order_by("case_id", "seq")
                                      .values_list("case_id", "kind", "on", "ground")):
        found[case_id] = (on, RemovalReason.of_event(kind, ground))
    return found


def changed_since(listings: Iterable[PublicListing]) -> dict[int, date]:
    """Listing id → the day the update deadline counts from: the latest legal date of an act entered after the
    listing's last step, or the step's own date when none (a change without an act, e.g. an address corrected).
    Two queries for any number of listings."""
    listings = list(listings)
    if not listings:
        return {}
    last_step = dict(PublicListingEvent.objects.filter(listing_id__in=[x.id for x in listings])
                     .values("listing_id").annotate(at=Max("entered_at")).values_list("listing_id", "at"))
    after: dict[int, list[tuple]] = {}
    oldest = min(last_step.values(), default=None)
    if oldest is not None:
        for case_id, on, at in (CaseEvent.objects.filter(case_id__in={x.case_id for x in listings},
                                                         entered_at__gt=oldest)
                                .values_list("case_id", "on", "entered_at")):
            after.setdefault(case_id, []).append((on, at))
    out: dict[int, date] = {}
    for x in listings:
        since = last_step.get(x.id)
        later = [on for on, at in after.get(x.case_id, []) if since is not None and at > since]
        base = x.updated_on or x.published_on
        out[x.id] = max(max(later), base) if later else base
    return out


def published(q: str = "", unit_ids: Iterable[int] | None = None) -> QuerySet:
    """The listed rows (removed ones never), matching every folded word of ``q`` at a word start in the name or
    address, as dicts of exactly ``PUBLIC_FIELDS``; ordered by the folded name (diacritics ignored)."""
    qs = PublicListing.objects.filter(removed_on__isnull=True)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=list(unit_ids))
    cond = Q()
    for word in fold(q).split()[:8]:
        cond &= Q(search_words__contains=f" {word}")
    return (qs.filter(cond).order_by("search_words", "id")  # folded: Đ with D, accents ignored
            .values("name", "address", "obligation", "decision_no", "decision_on", "unit_name"))


def as_public(row: dict) -> dict:
    """A queryset dict → the published fields with their public names, dates as dd/mm/yyyy."""
    out = {f: row[f] for f in PUBLIC_FIELDS if f in row}
    out["unit"] = row.get("unit_name", row.get("unit", ""))
    on = row["decision_on"]
    out["decision_on"] = on.strftime("%d/%m/%Y") if isinstance(on, date) else on
    return {f: out[f] for f in PUBLIC_FIELDS}
