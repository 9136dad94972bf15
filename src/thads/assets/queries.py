"""Reading the assets context: a case's debtor and the debtor's register (cases, assets, requests, measures), the
coercion costs still owed, the plain values the rules of ``domain.measure_rules`` / ``domain.measure_followup``
read, the case panel's data (``debtor_assets_summary``) and the next act verification proposes
(``suggest_next_act``). No writes; no personal data (ID numbers, addresses, account or certificate numbers in
``Asset.identifiers``): a page that shows them checks ``Action.PERSONAL_DATA`` and audits the read itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from datetime import date

from django.db.models import Sum

from thads.assets.models import (
    Asset,
    AssetDisposal,
    AuctionContract,
    AuctionSession,
    CostEntry,
    Debtor,
    DebtorCase,
    InfoRequest,
    Measure,
    MeasureEvent,
    Valuation,
)
from thads.cases.histories import case_facts
from thads.cases.models import Case
from thads.domain.auction import SessionRec, ValuationRec
from thads.domain.measure_followup import (
    AssetRec,
    AuctionTrail,
    ContractRec,
    MeasureRec,
    Proposal,
    RequestRec,
    Verification,
    new_information,
    release_proposals,
    unable_proposal,
)
from thads.domain.measure_rules import costs_outstanding
from thads.domain.measures import MeasureEventKind, MeasureKind, MeasureStatus

__all__ = ["auction_trails", "case_costs", "collected_by", "debtor_assets_summary", "debtor_cases", "debtor_of", "measure_recs",
           "suggest_next_act", "suggestions", "verifications"]

_FOLLOW_KINDS = frozenset({MeasureKind.ACCOUNT_FREEZE, MeasureKind.ASSET_SEIZURE, MeasureKind.TRANSFER_BAN})


def debtor_of(case: Case | int) -> Debtor | None:
    """The register the case belongs to, or None."""
    case_id = case if isinstance(case, int) else case.pk
    link = DebtorCase.objects.select_related("debtor").filter(case_id=case_id).first()
    return link.debtor if link is not None else None


def debtor_cases(debtor: Debtor):
    """The cases the debtor's register serves, oldest first."""
    return Case.objects.filter(debtor_link__debtor=debtor).order_by("id")


def case_costs(case_ids: Iterable[int]) -> dict[int, int]:
    """Case id → coercion costs its debtor still owes (Art. 73: charged − recovered − waived), every id given."""
    ids = list(case_ids)
    rows: dict[int, list[tuple[str, int]]] = {i: [] for i in ids}
    for case_id, kind, amount in CostEntry.objects.filter(case_id__in=ids).values_list("case_id", "kind", "amount"):
        rows[case_id].append((kind, amount))
    return {case_id: costs_outstanding(entries) for case_id, entries in rows.items()}


def collected_by(measure: Measure) -> int:
    """The money the measure has brought in so far (its COLLECTED rows)."""
    return measure.events.filter(kind=MeasureEventKind.COLLECTED).aggregate(s=Sum("amount"))["s"] or 0


def _asset_rec(a: dict) -> AssetRec:
    return AssetRec(a["id"], a["kind"], a["found_on"], a["status"], a["exempt_ground"], a["estimated_value"],
                    a["secured_amount"])


def verifications(case_ids: Iterable[int]) -> dict[int, Verification]:
    """Case id → what verification knows of the case's debtor (assets, requests, declaration, unknown address) and
    the case's outstanding coercion costs, for the cases that have a register; five queries whatever the count."""
    links = dict(DebtorCase.objects.filter(case_id__in=list(case_ids)).values_list("case_id", "debtor_id"))
    if not links:
        return {}
    debtor_ids = set(links.values())
    debtors = {d["id"]: d for d in Debtor.objects.filter(id__in=debtor_ids).values(
        "id", "declared_on", "address_unknown_since")}
    assets: dict[int, list[AssetRec]] = {}
    for a in Asset.objects.filter(debtor_id__in=debtor_ids).order_by("id").values(
            "id", "debtor_id", "kind", "found_on", "status", "exempt_ground", "estimated_value", "secured_amount"):
        assets.setdefault(a["debtor_id"], []).append(_asset_rec(a))
    requests: dict[int, list[RequestRec]] = {}
    for r in InfoRequest.objects.filter(debtor_id__in=debtor_ids).order_by("id").values(
            "debtor_id", "case_id", "requested_on", "asset_kind", "replied_on", "body"):
        requests.setdefault(r["debtor_id"], []).append(
            RequestRec(r["case_id"], r["requested_on"], r["asset_kind"], r["replied_on"], r["body"]))
    costs = case_costs(links)
    return {case_id: Verification(tuple(assets.get(d, ())), tuple(requests.get(d, ())), debtors[d]["declared_on"],
                                  debtors[d]["address_unknown_since"], costs[case_id])
            for case_id, d in links.items()}


def measure_recs(case_ids: Iterable[int]) -> dict[int, list[MeasureRec]]:
    """Case id → its measures as the rules read them (with the money each brought in), two queries."""
    rows = list(Measure.objects.filter(case_id__in=list(case_ids)).order_by("id").values(
        "id", "case_id", "kind", "status", "decided_on", "asset_id", "details", "executed_on"))
    collected = dict(MeasureEvent.objects.filter(measure_id__in=[r["id"] for r in rows],
                                                 kind=MeasureEventKind.COLLECTED)
                     .values("measure_id").annotate(s=Sum("amount")).values_list("measure_id", "s"))
    out: dict[int, list[MeasureRec]] = {}
    for r in rows:
        follow = (r["details"] or {}).get("ownership_established_on")
        out.setdefault(r["case_id"], []).append(MeasureRec(
            r["id"], r["case_id"], r["kind"], r["status"], r["decided_on"], r["asset_id"],
            _day(follow) if r["kind"] in _FOLLOW_KINDS else None, collected.get(r["id"]) or 0, r["executed_on"]))
    return out


def auction_trails(asset_ids: Iterable[int]) -> dict[int, AuctionTrail]:
    """Asset id → what followed its distraint (valuations, auction contracts, sessions, the first disposal), as
    ``domain.measure_followup.auction_deadlines`` reads it; five queries whatever the count."""
    ids = sorted(set(asset_ids))
    if not ids:
        return {}
    kinds = dict(Asset.objects.filter(id__in=ids).values_list("id", "kind"))
    valuations: dict[int, list[ValuationRec]] = {}
    for a, method, on, value in Valuation.objects.filter(asset_id__in=ids).order_by("on", "id").values_list(
            "asset_id", "method", "on", "value"):
        valuations.setdefault(a, []).append(ValuationRec(method, on, value))
    contracts: dict[int, list[ContractRec]] = {}
    for a, signed, cancelled in AuctionContract.objects.filter(asset_id__in=ids).order_by("signed_on", "id") \
            .values_list("asset_id", "signed_on", "cancelled_on"):
        contracts.setdefault(a, []).append(ContractRec(signed, cancelled))
    sessions: dict[int, list[SessionRec]] = {}
    for row in AuctionSession.objects.filter(asset_id__in=ids).order_by("seq", "id").values_list(
            "asset_id", "seq", "held_on", "starting_price", "outcome", "reductions", "sale_price"):
        sessions.setdefault(row[0], []).append(SessionRec(*row[1:]))
    disposed: dict[int, date] = {}
    for a, on in AssetDisposal.objects.filter(asset_id__in=ids).order_by("on", "id").values_list("asset_id", "on"):
        disposed.setdefault(a, on)
    return {a: AuctionTrail(a, kind, tuple(valuations.get(a, ())), tuple(contracts.get(a, ())),
                            tuple(sessions.get(a, ())), disposed.get(a)) for a, kind in kinds.items()}


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def suggestions(case: Case) -> list[Proposal]:
    """Every act verification and the measures call for on ``case``, the most pressing first: an Art. 44a ground
    (Decree 62/2015 Art. 9.4: the head decides within 5 working days), new information after the case was found
    not able to pay (Decree 62 Art. 9.4: verify, then the head's continuation decision), a freeze to end because the
    deduction was made (Art. 77.1.b)."""
    v = verifications([case.pk]).get(case.pk)
    if v is None:
        return []
    facts = case_facts(Case.objects.get(pk=case.pk))  # the stored phase, not a caller's stale instance
    out: list[Proposal] = []
    proposal = unable_proposal(facts, v)
    if proposal is not None:
        out.append(proposal)
    days = new_information(facts, v)
    if days:
        out.append(Proposal("verify_new_information", "9.4", days[0],
                            "Có thông tin mới về tài sản của người phải thi hành án: xác minh trong 10 ngày và, nếu "
                            "có điều kiện thi hành, ra quyết định tiếp tục thi hành án.",
                            "Điều 9.4, 9.5.c Nghị định 62/2015/NĐ-CP"))
    measures = measure_recs([case.pk]).get(case.pk, [])
    deducted = frozenset(m.asset_id for m in measures if m.kind == MeasureKind.ACCOUNT_DEDUCTION and m.collected > 0
                         and m.asset_id is not None and m.status != MeasureStatus.CANCELLED)
    out.extend(release_proposals(measures, deducted))
    return out


def suggest_next_act(case: Case) -> Proposal | None:
    """The most pressing of :func:`suggestions` (e.g. the Art. 44a ground when nothing distrainable was found), or
    None."""
    found = suggestions(case)
    return found[0] if found else None


def debtor_assets_summary(case: Case) -> dict | None:
    """What the case page's debtor panel shows, without personal data: the debtor (name, kind, declaration date,
    address found unknown), the other cases of the register, the assets (kind, description, holder, status, value,
    encumbrance, Art. 87 ground, source), the information requests with their reply deadlines, the measures with
    the money each brought in, the coercion costs still owed and the suggested next act. None without a register."""
    debtor = debtor_of(case)
    if debtor is None:
        return None
    cases = list(debtor_cases(debtor).values("id", "ext_id", "state", "outstanding"))
    assets = list(debtor.assets.order_by("found_on", "id").values(
        "id", "kind", "description", "holder", "source", "found_on", "estimated_value", "encumbrance",
        "secured_creditor", "secured_amount", "exempt_ground", "status"))
    requests = list(debtor.requests.order_by("requested_on", "id").values(
        "id", "case_id", "body", "asset_kind", "requested_on", "reply_due_on", "replied_on", "found", "asset_id"))
    recs = measure_recs([c["id"] for c in cases])
    measures = list(Measure.objects.filter(debtor=debtor).order_by("decided_on", "id").values(
        "id", "case_id", "kind", "decision_no", "decided_on", "executed_on", "released_on", "status", "amount",
        "asset_id"))
    collected = {m.measure_id: m.collected for ms in recs.values() for m in ms}
    for m in measures:
        m["collected"] = collected.get(m["id"], 0)
    proposal = suggest_next_act(case)
    return {
        "debtor": {"id": debtor.pk, "name": debtor.name, "kind": debtor.kind, "declared_on": debtor.declared_on,
                   "declaration": debtor.declaration, "address_unknown_since": debtor.address_unknown_since},
        "cases": cases, "assets": assets, "requests": requests, "measures": measures,
        "costs_outstanding": case_costs([case.pk])[case.pk],
        "suggestion": asdict(proposal) if proposal is not None else None,
    }
