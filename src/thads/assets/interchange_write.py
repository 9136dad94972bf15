"""Writing the records of debtors' assets and measures of an import (``docs/interchange-assets.md``): the writers
registered in ``cases.interchange_ext``, called inside the import's transaction (its ``import.run`` audit row says
how many records of each type were written) after the cases and their events, in type order. Rows go in as the
importer writes the cases (``cases.bulk``: ids reserved up front, ``executemany`` / ``COPY``), each new row with its ``InterchangeKey``; a record that extends a stored one adds its new measure
events, auction sessions or register links. No case event is written: the money of a measure is the case's own
``payment`` events, named by position (``MeasureEvent.case_event``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from typing import Any

from django.db import models
from django.db.models import Max
from django.utils import timezone

from thads.assets.interchange import Item
from thads.assets.interchange_rows import chunks, events_at, find
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
from thads.cases.bulk import insert_rows, reserve_ids
from thads.cases.models import Case
from thads.domain.assets_records import day, measure_status
from thads.org.models import Unit


def _insert(model, objs: list) -> None:
    """Insert unsaved ``objs`` in bulk; each gets its id. Values as the fields hold them (JSON serialised, times of
    ``auto_now_add`` set now); ``cases.bulk.insert_rows`` adapts dates and times for the database."""
    if not objs:
        return
    fields = model._meta.concrete_fields
    json_fields = {f.attname for f in fields if isinstance(f, models.JSONField)}
    stamped = [f.attname for f in fields if getattr(f, "auto_now_add", False)]
    now = timezone.now()
    rows = []
    for obj, pk in zip(objs, reserve_ids(model, len(objs)), strict=True):
        obj.pk = pk
        for name in stamped:
            setattr(obj, name, now)
        rows.append(tuple(json.dumps(getattr(obj, f.attname)) if f.attname in json_fields
                          else getattr(obj, f.attname) for f in fields))
    insert_rows(model, [f.column for f in fields], rows)


class _Pks:
    """Key → pk of the rows the writers name: units, cases, and the records (written now or stored)."""

    def __init__(self, shared: dict[str, Any]) -> None:
        self.maps: dict[str, dict[str, int]] = shared.setdefault("pks", defaultdict(dict))
        if "unit" not in self.maps:
            self.maps["unit"] = dict(Unit.objects.values_list("code", "id"))

    def need(self, kind: str, keys) -> None:
        known = self.maps[kind]
        missing = sorted({k for k in keys if k and k not in known})
        if not missing:
            return
        if kind == "case":
            for chunk in chunks(missing):
                known.update(Case.objects.filter(ext_id__in=chunk).values_list("ext_id", "id"))
        else:
            known.update(find(kind, missing))

    def __call__(self, kind: str, key: str | None) -> int | None:
        return None if key is None else self.maps[kind][key]


def _touched(shared: dict[str, Any], *, cases=(), debtors=()) -> None:
    """Note the cases (pks) and debtors (pks) whose deadlines the written rows may change."""
    shared.setdefault("touched_cases", set()).update(c for c in cases if c is not None)
    shared.setdefault("touched_debtors", set()).update(d for d in debtors if d is not None)


def refresh_deadlines(shared: dict[str, Any]) -> None:
    """After the writers: the open deadlines of the cases the records concern (the cases of the registers they
    touched; the assets deadline source reads these rows), as an assets action refreshes them; the cases were
    refreshed by the deadlines projection before these rows existed."""
    from thads.deadlines.service import refresh_cases

    cases = set(shared.get("touched_cases", ()))
    for chunk in chunks(sorted(shared.get("touched_debtors", ()))):
        cases.update(DebtorCase.objects.filter(debtor_id__in=chunk).values_list("case_id", flat=True))
    if cases:
        refresh_cases(sorted(cases))


def _created(kind: str, model, items: list[Item], rows: list, pks: _Pks) -> None:
    _insert(model, rows)
    _insert(InterchangeKey, [InterchangeKey(record_type=kind, key=i.rec["id"], object_id=row.pk)
                             for i, row in zip(items, rows, strict=True)])
    pks.maps[kind].update((i.rec["id"], row.pk) for i, row in zip(items, rows, strict=True))


def _prepared(shared: dict[str, Any], items: list[Item], refs: dict[str, str]) -> _Pks:
    """The pks of what the items name: ``refs`` maps a record field to the kind it names."""
    pks = _Pks(shared)
    for ref, kind in refs.items():
        pks.need(kind, [i.rec.get(ref) for i in items])
    return pks


def write_debtors(items: list[Item], shared: dict[str, Any]) -> int:
    pks = _prepared(shared, items, {})
    new = [i for i in items if i.op == "new"]
    _created("debtor", Debtor, new, [Debtor(
        unit_id=pks("unit", r["unit"]), kind=r["kind"], name=r["name"], id_number=r.get("id_number", ""),
        address=r.get("address", ""), address_unknown_since=day(r, "address_unknown_since"),
        declared_on=day(r, "declared_on"), declaration=r.get("declaration", "")) for r in (i.rec for i in new)], pks)
    for i in items:
        if i.op == "links":
            pks.maps["debtor"][i.rec["id"]] = i.pk
    pks.need("case", [c for i in items for c in i.new_cases])
    _insert(DebtorCase, [DebtorCase(debtor_id=pks("debtor", i.rec["id"]), case_id=pks("case", c))
                         for i in items for c in i.new_cases])
    _touched(shared, debtors=[pks("debtor", i.rec["id"]) for i in items])
    return len(items)


def write_assets(items: list[Item], shared: dict[str, Any]) -> int:
    pks = _prepared(shared, items, {"debtor": "debtor"})
    _created("asset", Asset, items, [Asset(
        debtor_id=pks("debtor", r["debtor"]), kind=r["kind"], description=r["description"],
        identifiers=r.get("identifiers", {}), holder=r.get("holder", ""), source=r.get("source", ""),
        requested_on=day(r, "requested_on"), reply_due_on=day(r, "reply_due_on"), replied_on=day(r, "replied_on"),
        found_on=day(r, "found_on"), estimated_value=r.get("estimated_value", 0), encumbrance=r.get("encumbrance", ""),
        secured_creditor=r.get("secured_creditor", ""), secured_amount=r.get("secured_amount", 0),
        exempt_ground=r.get("exempt_ground", ""), status=r["status"]) for r in (i.rec for i in items)], pks)
    _touched(shared, debtors=[pks("debtor", i.rec["debtor"]) for i in items])
    return len(items)


def write_requests(items: list[Item], shared: dict[str, Any]) -> int:
    pks = _prepared(shared, items, {"debtor": "debtor", "asset": "asset", "case": "case"})
    _created("info_request", InfoRequest, items, [InfoRequest(
        debtor_id=pks("debtor", i.rec["debtor"]), case_id=pks("case", i.rec["case"]),
        unit_id=pks("unit", i.units["requested_on"]), body=i.rec["body"], asset_kind=i.rec.get("asset_kind", ""),
        requested_on=day(i.rec, "requested_on"), reply_due_on=day(i.rec, "reply_due_on"),
        replied_on=day(i.rec, "replied_on"), found=i.rec.get("found"), note=i.rec.get("note", ""),
        asset_id=pks("asset", i.rec.get("asset"))) for i in items], pks)
    _touched(shared, debtors=[pks("debtor", i.rec["debtor"]) for i in items])
    return len(items)


def write_measures(items: list[Item], shared: dict[str, Any]) -> int:
    """New measures with their events; events appended to stored measures (their cached status brought in step)."""
    pks = _prepared(shared, items, {"debtor": "debtor", "asset": "asset", "case": "case"})
    new = [i for i in items if i.op == "new"]
    rows = []
    for i in new:
        r = i.rec
        status, executed, released = measure_status(r["events"])
        rows.append(Measure(case_id=pks("case", r["case"]), debtor_id=pks("debtor", r["debtor"]),
                            asset_id=pks("asset", r.get("asset")), unit_id=pks("unit", i.units[r["decided_on"]]),
                            kind=r["kind"], decision_no=r.get("decision_no", ""), decided_on=day(r, "decided_on"),
                            amount=r.get("amount", 0), status=status, executed_on=executed, released_on=released,
                            details=r.get("details", {})))
    _created("measure", Measure, new, rows, pks)
    for i in items:
        if i.op == "append":
            pks.maps["measure"][i.rec["id"]] = i.pk
            status, executed, released = measure_status(i.rec["events"])
            Measure.objects.filter(pk=i.pk).update(status=status, executed_on=executed, released_on=released)
    wanted: dict[int, set[int]] = defaultdict(set)
    for i in items:
        for ev in i.rec["events"][i.start:]:
            if ev.get("payment"):
                wanted[pks("case", i.rec["case"])].add(ev["payment"])
    payments = events_at(wanted)
    events = []
    for i in items:
        case_pk, measure_pk = pks("case", i.rec["case"]), pks("measure", i.rec["id"])
        for seq, ev in enumerate(i.rec["events"][i.start:], i.start + 1):
            events.append(MeasureEvent(
                measure_id=measure_pk, case_id=case_pk, seq=seq, kind=ev["kind"], on=day(ev, "on"),
                unit_id=pks("unit", i.units[ev["on"]]), decision_no=ev.get("decision_no", ""), amount=ev.get("amount"),
                case_event_id=payments.get((case_pk, ev["payment"])) if ev.get("payment") else None,
                details=ev.get("details", {})))
    _insert(MeasureEvent, events)
    _touched(shared, debtors=[pks("debtor", i.rec["debtor"]) for i in items])
    return len(items)


def write_valuations(items: list[Item], shared: dict[str, Any]) -> int:
    pks = _prepared(shared, items, {"asset": "asset", "measure": "measure"})
    _created("valuation", Valuation, items, [Valuation(
        asset_id=pks("asset", r["asset"]), measure_id=pks("measure", r.get("measure")), method=r["method"],
        on=day(r, "on"), value=r["value"], appraiser=r.get("appraiser", "")) for r in (i.rec for i in items)], pks)
    _touched(shared, debtors=Asset.objects.filter(pk__in=[pks("asset", i.rec["asset"]) for i in items])
             .values_list("debtor_id", flat=True))
    return len(items)


def write_plans(items: list[Item], shared: dict[str, Any]) -> int:
    pks = _prepared(shared, items, {"measure": "measure", "case": "case"})
    _created("coercion_plan", CoercionPlan, items, [CoercionPlan(
        case_id=pks("case", i.rec["case"]), measure_id=pks("measure", i.rec.get("measure")),
        unit_id=pks("unit", i.units["starts_at"]),
        starts_at=timezone.make_aware(datetime.fromisoformat(i.rec["starts_at"])), place=i.rec["place"],
        mobilised_forces=i.rec["mobilised_forces"], forces=i.rec.get("forces", ""),
        cost_estimate=i.rec.get("cost_estimate", 0), status=i.rec["status"],
        carried_out_on=day(i.rec, "carried_out_on"), result=i.rec.get("result", "")) for i in items], pks)
    _touched(shared, cases=[pks("case", i.rec["case"]) for i in items])
    return len(items)


def write_costs(items: list[Item], shared: dict[str, Any]) -> int:
    pks = _prepared(shared, items, {"plan": "coercion_plan", "case": "case"})
    _created("cost", CostEntry, items, [CostEntry(
        case_id=pks("case", i.rec["case"]), plan_id=pks("coercion_plan", i.rec.get("plan")),
        unit_id=pks("unit", i.units["on"]), kind=i.rec["kind"], on=day(i.rec, "on"), amount=i.rec["amount"],
        description=i.rec.get("description", "")) for i in items], pks)
    _touched(shared, cases=[pks("case", i.rec["case"]) for i in items])
    return len(items)


def write_auctions(items: list[Item], shared: dict[str, Any]) -> int:
    """New contracts with their sessions; sessions appended to stored contracts (numbered on after the asset's last
    session: ``AuctionSession.seq`` runs over all the asset's contracts)."""
    pks = _prepared(shared, items, {"asset": "asset", "measure": "measure", "case": "case"})
    new = [i for i in items if i.op == "new"]
    _created("auction", AuctionContract, new, [AuctionContract(
        asset_id=pks("asset", r["asset"]), measure_id=pks("measure", r.get("measure")), organisation=r["organisation"],
        contract_no=r.get("contract_no", ""), signed_on=day(r, "signed_on"), cancelled_on=day(r, "cancelled_on"))
        for r in (i.rec for i in new)], pks)
    for i in items:
        if i.op == "append":
            pks.maps["auction"][i.rec["id"]] = i.pk
    asset_pks = {pks("asset", i.rec["asset"]) for i in items}
    last: dict[int, int] = defaultdict(int)
    for chunk in chunks(sorted(asset_pks)):
        last.update(AuctionSession.objects.filter(asset_id__in=chunk).values("asset_id")
                    .annotate(m=Max("seq")).values_list("asset_id", "m"))
    sessions = []
    for i in items:
        asset_pk = pks("asset", i.rec["asset"])
        for s in i.rec.get("sessions", [])[i.start:]:
            last[asset_pk] += 1
            sessions.append(AuctionSession(
                contract_id=pks("auction", i.rec["id"]), asset_id=asset_pk, case_id=pks("case", i.rec["case"]),
                unit_id=pks("unit", i.units[s["held_on"]]), seq=last[asset_pk], held_on=day(s, "held_on"),
                starting_price=s["starting_price"], reductions=s.get("reductions", 0), outcome=s["outcome"],
                sale_price=s.get("sale_price", 0), buyer=s.get("buyer", "")))
    _insert(AuctionSession, sessions)
    _touched(shared, debtors=Asset.objects.filter(pk__in=asset_pks).values_list("debtor_id", flat=True))
    return len(items)


def write_disposals(items: list[Item], shared: dict[str, Any]) -> int:
    pks = _prepared(shared, items, {"asset": "asset", "auction": "auction", "case": "case"})
    contracts = sorted({pks("auction", i.rec["auction"]) for i in items if i.rec.get("session")})
    sessions: dict[int, list[int]] = defaultdict(list)
    for chunk in chunks(contracts):
        for pk, contract_id in (AuctionSession.objects.filter(contract_id__in=chunk).order_by("contract_id", "seq")
                                .values_list("pk", "contract_id")):
            sessions[contract_id].append(pk)
    _created("disposal", AssetDisposal, items, [AssetDisposal(
        asset_id=pks("asset", r["asset"]), case_id=pks("case", r["case"]), unit_id=pks("unit", i.units["on"]),
        session_id=sessions[pks("auction", r["auction"])][r["session"] - 1] if r.get("session") else None,
        kind=r["kind"], on=day(r, "on"), value=r.get("value", 0), to_whom=r.get("to_whom", ""),
        details=r.get("details", {})) for i, r in ((i, i.rec) for i in items)], pks)
    _touched(shared, cases=[pks("case", i.rec["case"]) for i in items])
    return len(items)


WRITERS = {"debtor": write_debtors, "asset": write_assets, "info_request": write_requests,
           "measure": write_measures, "valuation": write_valuations, "coercion_plan": write_plans,
           "cost": write_costs, "auction": write_auctions, "disposal": write_disposals}
