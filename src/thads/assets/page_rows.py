"""The rows the assets pages and the case panel show, read from the assets tables (no write). Personal data (the
assets' identifiers: account, certificate, plate numbers) is put in a row only when the caller says the user may
see it; the caller writes the ``audit_read`` row when a page showed some (``shown_fields``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from thads.assets import labels
from thads.assets.forms import IDENTIFIER_FIELDS
from thads.assets.models import (
    Asset,
    AssetDisposal,
    AuctionSession,
    CoercionPlan,
    CostEntry,
    InfoRequest,
    Measure,
    MeasureEvent,
)
from thads.domain.measures import MeasureEventKind
from thads.lib.numbers import format_vnd


@dataclass
class AssetRow:
    asset: Asset
    kind: str
    status: str
    identifiers: list[tuple[str, str]] | None  # None: hidden (no personal-data right)
    distrainable: bool


def asset_rows(assets: QuerySet[Asset] | list[Asset], personal: bool) -> list[AssetRow]:
    rows = []
    for a in assets:
        ids = None
        if personal:
            ids = [(str(IDENTIFIER_FIELDS.get(k, k)), str(v)) for k, v in (a.identifiers or {}).items() if v]
        rows.append(AssetRow(asset=a, kind=labels.label(labels.ASSET_KIND, a.kind),
                             status=labels.label(labels.ASSET_STATUS, a.status), identifiers=ids,
                             distrainable=not a.exempt_ground))
    return rows


@dataclass
class RequestRow:
    request: InfoRequest
    about: str
    open: bool
    overdue: bool
    late_days: int


def request_rows(requests, today: date) -> list[RequestRow]:
    rows = []
    for r in requests:
        is_open = r.replied_on is None
        overdue = is_open and r.reply_due_on < today
        rows.append(RequestRow(request=r, about=labels.label(labels.ASSET_KIND, r.asset_kind) if r.asset_kind else "",
                               open=is_open, overdue=overdue, late_days=(today - r.reply_due_on).days))
    return rows


#: The keys of a measure event's details, labelled for the measure's page (money keys in đồng); other keys
#: (links to rows, legal bases already shown) are not listed.
DETAIL_LABELS = {
    "result": _("Result"), "reason": _("Reason"), "note": _("Note"), "receipt_no": _("Receipt number"),
    "decision_no": _("Decision number"), "monthly_income": _("Monthly income"),
    "urgent": _("At once (Art. 45.2)"), "agreed": _("Deduction agreed by the parties (Art. 78.3)"),
    "exhausted": _("Nothing more to deduct"), "ownership_established_on": _("Ownership established on"),
    "sale_price": _("Sale price"), "price": _("Price"), "creditor": _("Creditor"),
    "secured": _("Secured creditor (Art. 47.3)"), "costs": _("Coercion costs paid"),
    "senior": _("Sums ranked before (Art. 47)"), "credited": _("Credited to the creditor"),
    "case_money": _("Paid into the case money"), "cases": _("Split over the cases (Art. 47)"),
    "cash_due": _("Paid in by the creditor"), "surplus": _("Returned to the debtor"),
}
_MONEY = frozenset({"monthly_income", "sale_price", "price", "costs", "senior", "credited", "case_money", "cases",
                    "cash_due", "surplus"})


def _money(value) -> str:
    if isinstance(value, dict):  # name → amount, or name → {obligation: amount}
        parts = [f"{k}: {format_vnd(sum(v.values()) if isinstance(v, dict) else v)}" for k, v in value.items()]
        return "; ".join(parts)
    return format_vnd(value) if isinstance(value, int) and not isinstance(value, bool) else str(value)


def detail_lines(details: dict) -> list[tuple[str, str]]:
    """A measure event's details as (label, text) lines: known keys only, empty and zero values left out."""
    lines = []
    for key, label in DETAIL_LABELS.items():
        value = (details or {}).get(key)
        if value in (None, "", 0, {}, False):
            continue
        if key == "secured":
            if not value.get("amount"):
                continue
            text = f"{value.get('creditor', '')}: {format_vnd(value['amount'])}"
        elif value is True:
            text = str(_("yes"))
        elif key == "ownership_established_on":
            text = _date(value)
        else:
            text = _money(value) if key in _MONEY else str(value)
        lines.append((str(label), text))
    return lines


def _date(value) -> str:
    try:
        return date.fromisoformat(str(value)).strftime("%d/%m/%Y")
    except ValueError:
        return str(value)


@dataclass
class EventRow:
    event: MeasureEvent
    label: str
    details: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class MeasureRow:
    measure: Measure
    kind: str
    status: str
    in_force: bool
    collected: int
    events: list[EventRow] = field(default_factory=list)


def measures_with_events(measures: QuerySet[Measure]) -> QuerySet[Measure]:
    return measures.select_related("asset", "case").prefetch_related(
        Prefetch("events", queryset=MeasureEvent.objects.select_related("user").order_by("seq")))


def measure_rows(measures) -> list[MeasureRow]:
    """Each measure with its history (``measures_with_events``) and the money its collections brought in."""
    rows = []
    for m in measures:
        events = [EventRow(event=e, label=labels.label(labels.MEASURE_EVENT, e.kind), details=detail_lines(e.details))
                  for e in m.events.all()]
        collected = sum(e.event.amount or 0 for e in events if e.event.kind == MeasureEventKind.COLLECTED)
        rows.append(MeasureRow(measure=m, kind=labels.measure_label(m.kind),
                               status=labels.label(labels.MEASURE_STATUS, m.status),
                               in_force=m.status in labels.IN_FORCE, collected=collected, events=events))
    return rows


@dataclass
class PlanRow:
    plan: CoercionPlan
    status: str


def plan_rows(plans) -> list[PlanRow]:
    return [PlanRow(plan=p, status=labels.label(labels.PLAN_STATUS, p.status)) for p in plans]


@dataclass
class SessionRow:
    session: AuctionSession
    outcome: str
    reduced: bool  # a lower starting price than the session before (a price reduction)
    disposed: bool  # the proceeds (or the creditor's taking) are recorded


def session_rows(sessions: list[AuctionSession]) -> list[SessionRow]:
    disposed = set(AssetDisposal.objects.filter(session__in=[s.pk for s in sessions])
                   .values_list("session_id", flat=True))
    rows, last_price = [], {}
    for s in sorted(sessions, key=lambda s: (s.asset_id, s.seq)):
        before = last_price.get(s.asset_id)
        rows.append(SessionRow(session=s, outcome=labels.label(labels.AUCTION_OUTCOME, s.outcome),
                               reduced=before is not None and s.starting_price < before,
                               disposed=s.pk in disposed))
        last_price[s.asset_id] = s.starting_price
    return rows


def cost_totals(costs: QuerySet[CostEntry]) -> dict[str, Any]:
    """Charged, recovered, waived and still owed by the debtor (charged − recovered − waived)."""
    totals = {kind.value: 0 for kind in CostEntry.Kind}
    for kind, amount in costs.values_list("kind", "amount"):
        totals[kind] = totals.get(kind, 0) + amount
    totals["owed"] = max(totals["charged"] - totals["recovered"] - totals["waived"], 0)
    totals["any"] = any(totals[k.value] for k in CostEntry.Kind)
    return totals


def shown_fields(debtor_shown: list[str], assets: list[AssetRow]) -> list[str]:
    """The personal-data fields a page showed (for its ``audit_read`` row)."""
    fields = [f"debtor.{name}" for name in debtor_shown]
    if any(row.identifiers for row in assets):
        fields.append("asset.identifiers")
    return fields
