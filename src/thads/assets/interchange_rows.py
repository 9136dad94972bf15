"""Stored rows of the assets context as interchange records (``docs/interchange-assets.md``): what the export writes
and what the importer compares a file with. Keys both ways (``InterchangeKey``, else the made-up key of
``domain.assets_records.made_up_key``), case ids, the position of a payment event among its case's events.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from thads.assets.models import (
    Asset,
    AssetDisposal,
    AuctionContract,
    AuctionSession,
    CoercionPlan,
    CostEntry,
    Debtor,
    DebtorCase,
    InfoRequest,
    Measure,
    MeasureEvent,
    Valuation,
)
from thads.assets.models_interchange import InterchangeKey
from thads.cases.histories import CONTRACT_KINDS
from thads.cases.models import Case, CaseEvent
from thads.domain.assets_records import made_up_key, made_up_pk, normalize
from thads.org.models import Unit

MODELS: dict[str, Any] = {"debtor": Debtor, "asset": Asset, "info_request": InfoRequest, "measure": Measure,
                          "valuation": Valuation, "coercion_plan": CoercionPlan, "cost": CostEntry,
                          "auction": AuctionContract, "disposal": AssetDisposal}
#: The unit a made-up key names (the row's own unit, or its debtor's).
UNIT_PATH = {"debtor": "unit_id", "asset": "debtor__unit_id", "info_request": "unit_id", "measure": "unit_id",
             "valuation": "asset__debtor__unit_id", "coercion_plan": "unit_id", "cost": "unit_id",
             "auction": "asset__debtor__unit_id", "disposal": "unit_id"}
CHUNK = 2000


def chunks(values: Iterable, n: int = CHUNK):
    values = list(values)
    for start in range(0, len(values), n):
        yield values[start:start + n]


class Keys:
    """Record keys of rows (pk → key) and case ids (pk → ``Case.ext_id``), loaded in batches and cached."""

    def __init__(self) -> None:
        self.units = dict(Unit.objects.values_list("id", "code"))
        self._keys: dict[str, dict[int, str]] = defaultdict(dict)
        self._cases: dict[int, str] = {}

    def load(self, kind: str, pks: Iterable[int | None]) -> None:
        known = self._keys[kind]
        need = {pk for pk in pks if pk is not None and pk not in known}
        for chunk in chunks(sorted(need)):
            stored = dict(InterchangeKey.objects.filter(record_type=kind, object_id__in=chunk)
                          .values_list("object_id", "key"))
            missing = [pk for pk in chunk if pk not in stored]
            unit_of = dict(MODELS[kind].objects.filter(pk__in=missing).values_list("pk", UNIT_PATH[kind])) \
                if missing else {}
            for pk in chunk:
                known[pk] = stored.get(pk) or made_up_key(self.units[unit_of[pk]], kind, pk)

    def key(self, kind: str, pk: int | None) -> str | None:
        if pk is None:
            return None
        if pk not in self._keys[kind]:
            self.load(kind, [pk])
        return self._keys[kind][pk]

    def load_cases(self, pks: Iterable[int | None]) -> None:
        need = {pk for pk in pks if pk is not None and pk not in self._cases}
        for chunk in chunks(sorted(need)):
            self._cases.update(Case.objects.filter(pk__in=chunk).values_list("pk", "ext_id"))

    def case(self, pk: int | None) -> str | None:
        if pk is None:
            return None
        if pk not in self._cases:
            self.load_cases([pk])
        return self._cases[pk]


def find(kind: str, keys: Iterable[str]) -> dict[str, int]:
    """The stored rows the ``keys`` name: key → pk (a key given at import, or a made-up key of a row without one)."""
    keys = set(keys)
    found: dict[str, int] = {}
    for chunk in chunks(sorted(keys)):
        found.update(InterchangeKey.objects.filter(record_type=kind, key__in=chunk).values_list("key", "object_id"))
    guesses = {k: pk for k in keys - set(found) if (pk := made_up_pk(k, kind)) is not None}
    if guesses:
        units = dict(Unit.objects.values_list("id", "code"))
        for chunk in chunks(sorted(set(guesses.values()))):
            keyed = set(InterchangeKey.objects.filter(record_type=kind, object_id__in=chunk)
                        .values_list("object_id", flat=True))
            for pk, unit_id in MODELS[kind].objects.filter(pk__in=chunk).values_list("pk", UNIT_PATH[kind]):
                key = made_up_key(units[unit_id], kind, pk)
                if pk not in keyed and guesses.get(key) == pk:
                    found[key] = pk
    return found


def payment_positions(event_ids: Iterable[int | None]) -> dict[int, tuple[int, int]]:
    """CaseEvent id → (its case's pk, its 1-based position among the case's contract events in stored order): how a
    record names a payment (the n-th ``event`` of the case in an export)."""
    ids = {i for i in event_ids if i is not None}
    if not ids:
        return {}
    case_of = {}
    for chunk in chunks(sorted(ids)):
        case_of.update(CaseEvent.objects.filter(pk__in=chunk).values_list("pk", "case_id"))
    out: dict[int, tuple[int, int]] = {}
    for chunk in chunks(sorted(set(case_of.values()))):
        position: dict[int, int] = defaultdict(int)
        rows = (CaseEvent.objects.filter(case_id__in=chunk, kind__in=CONTRACT_KINDS).order_by("case_id", "seq")
                .values_list("pk", "case_id"))
        for pk, case_id in rows:
            position[case_id] += 1
            if pk in ids:
                out[pk] = (case_id, position[case_id])
    return out


def events_at(case_pks_positions: dict[int, set[int]]) -> dict[tuple[int, int], int]:
    """(case pk, position) → CaseEvent id, for the positions wanted of each case (the inverse of
    :func:`payment_positions`)."""
    out: dict[tuple[int, int], int] = {}
    for chunk in chunks(sorted(case_pks_positions)):
        position: dict[int, int] = defaultdict(int)
        rows = (CaseEvent.objects.filter(case_id__in=chunk, kind__in=CONTRACT_KINDS).order_by("case_id", "seq")
                .values_list("pk", "case_id"))
        for pk, case_id in rows:
            position[case_id] += 1
            if position[case_id] in case_pks_positions[case_id]:
                out[(case_id, position[case_id])] = pk
    return out


# --- rows → records -------------------------------------------------------------------------------------------------

def local_minute(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def debtor_records(rows: list[Debtor], keys: Keys, cases: dict[int, list[str]]) -> list[dict[str, Any]]:
    """``cases``: debtor pk → the case ids to write in its ``cases`` list."""
    keys.load("debtor", [d.pk for d in rows])
    return [normalize("debtor", {
        "id": keys.key("debtor", d.pk), "unit": keys.units[d.unit_id], "kind": d.kind, "name": d.name,
        "id_number": d.id_number, "address": d.address, "address_unknown_since": d.address_unknown_since,
        "declared_on": d.declared_on, "declaration": d.declaration, "cases": cases.get(d.pk, [])}) for d in rows]


def linked_cases(debtor_pks: Iterable[int], within=None) -> dict[int, list[str]]:
    """Debtor pk → ids of the cases of its register (only those of ``within``, a Case queryset, when given)."""
    out: dict[int, list[str]] = defaultdict(list)
    for chunk in chunks(sorted(set(debtor_pks))):
        qs = DebtorCase.objects.filter(debtor_id__in=chunk)
        if within is not None:
            qs = qs.filter(case__in=within)
        for debtor_id, ext_id in qs.values_list("debtor_id", "case__ext_id"):
            out[debtor_id].append(ext_id)
    return out


def asset_records(rows: list[Asset], keys: Keys) -> list[dict[str, Any]]:
    keys.load("asset", [a.pk for a in rows])
    keys.load("debtor", [a.debtor_id for a in rows])
    return [normalize("asset", {
        "id": keys.key("asset", a.pk), "debtor": keys.key("debtor", a.debtor_id), "kind": a.kind,
        "description": a.description, "found_on": a.found_on, "identifiers": a.identifiers, "holder": a.holder,
        "source": a.source, "requested_on": a.requested_on, "reply_due_on": a.reply_due_on,
        "replied_on": a.replied_on, "estimated_value": a.estimated_value, "encumbrance": a.encumbrance,
        "secured_creditor": a.secured_creditor, "secured_amount": a.secured_amount,
        "exempt_ground": a.exempt_ground, "status": a.status}) for a in rows]


def request_records(rows: list[InfoRequest], keys: Keys) -> list[dict[str, Any]]:
    keys.load("info_request", [r.pk for r in rows])
    keys.load("debtor", [r.debtor_id for r in rows])
    keys.load("asset", [r.asset_id for r in rows])
    keys.load_cases([r.case_id for r in rows])
    return [normalize("info_request", {
        "id": keys.key("info_request", r.pk), "debtor": keys.key("debtor", r.debtor_id), "case": keys.case(r.case_id),
        "body": r.body, "asset_kind": r.asset_kind, "requested_on": r.requested_on, "reply_due_on": r.reply_due_on,
        "replied_on": r.replied_on, "found": r.found, "note": r.note, "asset": keys.key("asset", r.asset_id)})
        for r in rows]


def measure_records(rows: list[Measure], keys: Keys) -> list[dict[str, Any]]:
    """Measures with their events (stored order); a collection names its payment by position when the payment is
    an event of the measure's own case."""
    pks = [m.pk for m in rows]
    events: dict[int, list[MeasureEvent]] = defaultdict(list)
    for chunk in chunks(pks):
        for ev in MeasureEvent.objects.filter(measure_id__in=chunk).order_by("measure_id", "seq"):
            events[ev.measure_id].append(ev)
    positions = payment_positions(ev.case_event_id for evs in events.values() for ev in evs)
    keys.load("measure", pks)
    keys.load("debtor", [m.debtor_id for m in rows])
    keys.load("asset", [m.asset_id for m in rows])
    keys.load_cases([m.case_id for m in rows])
    out = []
    for m in rows:
        entries = []
        for ev in events[m.pk]:
            case_pk, position = positions.get(ev.case_event_id, (None, None))
            entries.append({"kind": ev.kind, "on": ev.on, "decision_no": ev.decision_no, "amount": ev.amount,
                            "payment": position if case_pk == m.case_id else None, "details": ev.details})
        out.append(normalize("measure", {
            "id": keys.key("measure", m.pk), "case": keys.case(m.case_id), "debtor": keys.key("debtor", m.debtor_id),
            "kind": m.kind, "decided_on": m.decided_on, "decision_no": m.decision_no,
            "asset": keys.key("asset", m.asset_id), "amount": m.amount, "details": m.details, "events": entries}))
    return out


def valuation_records(rows: list[Valuation], keys: Keys) -> list[dict[str, Any]]:
    keys.load("valuation", [v.pk for v in rows])
    keys.load("asset", [v.asset_id for v in rows])
    keys.load("measure", [v.measure_id for v in rows])
    return [normalize("valuation", {
        "id": keys.key("valuation", v.pk), "asset": keys.key("asset", v.asset_id),
        "measure": keys.key("measure", v.measure_id), "method": v.method, "on": v.on, "value": v.value,
        "appraiser": v.appraiser}) for v in rows]


def plan_records(rows: list[CoercionPlan], keys: Keys) -> list[dict[str, Any]]:
    keys.load("coercion_plan", [p.pk for p in rows])
    keys.load("measure", [p.measure_id for p in rows])
    keys.load_cases([p.case_id for p in rows])
    return [normalize("coercion_plan", {
        "id": keys.key("coercion_plan", p.pk), "case": keys.case(p.case_id),
        "measure": keys.key("measure", p.measure_id),
        "starts_at": local_minute(p.starts_at), "place": p.place, "mobilised_forces": p.mobilised_forces,
        "forces": p.forces, "cost_estimate": p.cost_estimate, "status": p.status, "carried_out_on": p.carried_out_on,
        "result": p.result}) for p in rows]


def cost_records(rows: list[CostEntry], keys: Keys) -> list[dict[str, Any]]:
    keys.load("cost", [c.pk for c in rows])
    keys.load("coercion_plan", [c.plan_id for c in rows])
    keys.load_cases([c.case_id for c in rows])
    return [normalize("cost", {
        "id": keys.key("cost", c.pk), "case": keys.case(c.case_id), "plan": keys.key("coercion_plan", c.plan_id),
        "kind": c.kind, "on": c.on, "amount": c.amount, "description": c.description}) for c in rows]


def auction_records(rows: list[AuctionContract], keys: Keys) -> list[dict[str, Any]]:
    """A contract with its sessions (in their order); its ``case`` is its sessions' case, else its measure's."""
    sessions: dict[int, list] = defaultdict(list)
    for chunk in chunks([a.pk for a in rows]):
        for s in (AuctionSession.objects.filter(contract_id__in=chunk).order_by("contract_id", "seq")):
            sessions[s.contract_id].append(s)
    measure_case = dict(Measure.objects.filter(pk__in=[a.measure_id for a in rows if a.measure_id])
                        .values_list("pk", "case_id"))
    keys.load("auction", [a.pk for a in rows])
    keys.load("asset", [a.asset_id for a in rows])
    keys.load("measure", [a.measure_id for a in rows])
    out = []
    for a in rows:
        own = sessions[a.pk]
        case_pk = own[0].case_id if own else measure_case.get(a.measure_id)
        out.append(normalize("auction", {
            "id": keys.key("auction", a.pk), "asset": keys.key("asset", a.asset_id), "case": keys.case(case_pk),
            "measure": keys.key("measure", a.measure_id), "organisation": a.organisation,
            "contract_no": a.contract_no, "signed_on": a.signed_on, "cancelled_on": a.cancelled_on,
            "sessions": [{"held_on": s.held_on, "starting_price": s.starting_price, "reductions": s.reductions,
                          "outcome": s.outcome, "sale_price": s.sale_price, "buyer": s.buyer} for s in own]}))
    return out


def disposal_records(rows: list[AssetDisposal], keys: Keys) -> list[dict[str, Any]]:
    """A disposal names its session by its auction and its position among the auction's sessions."""
    session_ids = [d.session_id for d in rows if d.session_id]
    where: dict[int, tuple[int, int]] = {}
    if session_ids:
        contracts = set(AuctionSession.objects.filter(pk__in=session_ids).values_list("contract_id", flat=True))
        position: dict[int, int] = defaultdict(int)
        for pk, contract_id in (AuctionSession.objects.filter(contract_id__in=contracts)
                                .order_by("contract_id", "seq").values_list("pk", "contract_id")):
            position[contract_id] += 1
            where[pk] = (contract_id, position[contract_id])
    keys.load("disposal", [d.pk for d in rows])
    keys.load("asset", [d.asset_id for d in rows])
    keys.load("auction", [where[d.session_id][0] for d in rows if d.session_id])
    keys.load_cases([d.case_id for d in rows])
    out = []
    for d in rows:
        contract, number = where.get(d.session_id, (None, None))
        out.append(normalize("disposal", {
            "id": keys.key("disposal", d.pk), "asset": keys.key("asset", d.asset_id), "case": keys.case(d.case_id),
            "kind": d.kind, "on": d.on, "value": d.value, "auction": keys.key("auction", contract),
            "session": number, "to_whom": d.to_whom, "details": d.details}))
    return out


BUILDERS = {"asset": asset_records, "info_request": request_records, "measure": measure_records,
            "valuation": valuation_records, "coercion_plan": plan_records, "cost": cost_records,
            "auction": auction_records, "disposal": disposal_records}


def stored_records(kind: str, pks: Iterable[int]) -> dict[int, dict[str, Any]]:
    """pk → the canonical record of each stored row (a debtor with every case of its register)."""
    keys = Keys()
    out: dict[int, dict[str, Any]] = {}
    for chunk in chunks(sorted(set(pks))):
        rows = list(MODELS[kind].objects.filter(pk__in=chunk).order_by("pk"))
        if kind == "debtor":
            recs = debtor_records(rows, keys, linked_cases(chunk))
        else:
            recs = BUILDERS[kind](rows, keys)
        out.update(zip((r.pk for r in rows), recs, strict=True))
    return out
