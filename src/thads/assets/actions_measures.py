"""The writers of security and coercive measures and of the exit ban (Luật THADS Arts. 45.2, 46, 66–81, 87–97;
Decree 62/2015 Art. 51), re-exported by :mod:`thads.assets.actions`: ``do_decide_measure``, ``do_execute_measure``,
``do_collect_by_measure``, ``do_release_measure``, ``do_cancel_measure``. Each appends the measure's own history row
(``MeasureEvent``, numbered per measure), keeps the measure's and its asset's status in step, writes the audit row
and refreshes the case's deadlines, in one transaction. Money a measure brings in pays the case's outstanding
coercion costs first (a ``CostEntry`` "recovered") and the rest goes through the case's own money acts
(``cases.actions.do_act(..., "collect")``, or ``cases.actions_collect.do_collect_for_debtor`` over the debtor's
decisions in the Art. 47 order when the register serves several cases), so the case ledger stays the one record of
money; the ``COLLECTED`` row keeps the payment event.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max, Sum

from thads.assets.actions_common import (
    SCOPE_REFUSAL,
    actor,
    authorise,
    locked_case,
    not_in_future,
    refresh,
    refuse,
    register_case_ids,
    required,
)
from thads.assets.errors import AssetsRefused
from thads.assets.models import Asset, CostEntry, DebtorCase, Measure, MeasureEvent
from thads.assets.queries import case_costs
from thads.cases.actions import ActRefused, do_act
from thads.cases.actions_collect import do_collect_for_debtor
from thads.cases.histories import case_facts
from thads.cases.models import Case, CaseEvent
from thads.deadlines.service import current_calendar
from thads.domain.measure_rules import (
    AssetView,
    Step,
    amount_refusal,
    asset_refusal,
    collection_refusal,
    execution_refusal,
    lifecycle_refusal,
    release_refusal,
    split_collection,
    timing_refusal,
)
from thads.domain.measures import (
    MEASURE_FAMILY,
    MEASURE_LABELS_VI,
    AssetKind,
    AssetStatus,
    MeasureEventKind,
    MeasureFamily,
    MeasureKind,
    MeasureStatus,
)
from thads.org.audit import audit_write

__all__ = ["do_cancel_measure", "do_collect_by_measure", "do_decide_measure", "do_execute_measure",
           "do_release_measure"]

K = MeasureKind
_HOLDING = {K.DISTRAINT: AssetStatus.SEIZED, K.FORCED_EXPLOITATION: AssetStatus.SEIZED,
            K.ACCOUNT_FREEZE: AssetStatus.FROZEN, K.ASSET_SEIZURE: AssetStatus.FROZEN, K.TRANSFER_BAN: AssetStatus.FROZEN}
_SETTLED = frozenset({AssetStatus.SOLD, AssetStatus.TAKEN_BY_CREDITOR, AssetStatus.RETURNED, AssetStatus.EXHAUSTED})
_DETAIL_KEYS = ("urgent", "monthly_income", "agreed", "ownership_established_on", "note", "representative")


def _clean_details(details: dict | None) -> dict:
    """The keys a measure's ``details`` may carry: ``urgent`` (Art. 45.2: the debtor hides or destroys assets),
    ``monthly_income`` and ``agreed`` (Art. 78.3), ``ownership_established_on`` (Arts. 68.5, 69.4), ``note``,
    ``representative`` (the legal representative an organisation's exit ban names, Decree 62/2015 Art. 51.1)."""
    out: dict[str, Any] = {}
    for key, value in (details or {}).items():
        if key not in _DETAIL_KEYS:
            raise AssetsRefused(f"Thông tin “{key}” không dùng cho quyết định áp dụng biện pháp.", "details",
                                code="measure.details")
        out[key] = value.isoformat() if isinstance(value, date) else value
    return out


def _locked_measure(measure_id: int) -> Measure:
    measure = Measure.objects.select_for_update(of=("self",)).select_related("case", "case__unit", "asset", "debtor") \
        .filter(pk=measure_id).first()
    if measure is None:
        raise AssetsRefused(SCOPE_REFUSAL, code="scope")
    return measure


def _event(measure: Measure, user, kind: MeasureEventKind, on: date, *, decision_no: str = "",
           amount: int | None = None, case_event: CaseEvent | None = None, details: dict | None = None) -> MeasureEvent:
    """The next row of the measure's history (the measure row is locked by the caller)."""
    seq = (measure.events.aggregate(m=Max("seq"))["m"] or 0) + 1
    return MeasureEvent.objects.create(measure=measure, case=measure.case, seq=seq, kind=kind, on=on,
                                       user=actor(user), unit=measure.case.unit, decision_no=decision_no,
                                       amount=amount, case_event=case_event, details=details or {})


def _settle_asset(asset: Asset | None, *, exhausted: bool = False) -> None:
    """The asset's status from the measures in force on it: distrained (a distraint or forced exploitation carried
    out), frozen (a security measure carried out), else found; a sold, taken, returned or exhausted asset stays so."""
    if asset is None or asset.status in _SETTLED:
        return
    status = AssetStatus.EXHAUSTED if exhausted else AssetStatus.FOUND
    if not exhausted:
        held = set(asset.measures.filter(status=MeasureStatus.EXECUTED).values_list("kind", flat=True))
        if held & {K.DISTRAINT, K.FORCED_EXPLOITATION}:
            status = AssetStatus.SEIZED
        elif held & {K.ACCOUNT_FREEZE, K.ASSET_SEIZURE, K.TRANSFER_BAN}:
            status = AssetStatus.FROZEN
    if status != asset.status:
        asset.status = status
        asset.save(update_fields=["status"])


def _decided_asset(case: Case, debtor_id: int, asset_id: int | None) -> Asset | None:
    if asset_id is None:
        return None
    asset = Asset.objects.select_for_update(of=("self",)).filter(pk=asset_id, debtor_id=debtor_id).first()
    if asset is None:
        raise AssetsRefused("Tài sản không thuộc người phải thi hành án của việc này.", "asset_id",
                            code="measure.asset_other")
    return asset


def _owed(debtor_id: int) -> int:
    """What the debtor still owes on the register's cases (the cases' cached outstanding amounts)."""
    return Case.objects.filter(debtor_link__debtor_id=debtor_id).aggregate(s=Sum("outstanding"))["s"] or 0


@transaction.atomic
def do_decide_measure(user, case_id: int, *, kind: str, on: date, decision_no: str = "", asset_id: int | None = None,
                      amount: int = 0, details: dict | None = None) -> Measure:
    """The decision applying a security measure (Art. 66: freeze, seizure, transfer ban), a coercive measure (Art.
    71: deduction from an account or from income, collection, distraint, exploitation, handover, an act) or the exit
    ban to the case's debtor, on an asset of the register where the measure needs one. Refused: out of the voluntary
    period rules (``measure_rules.timing_refusal``), on an asset the measure does not apply to or Art. 87 protects
    (``asset_refusal``), above what may be frozen or deducted (``amount_refusal``: Arts. 76.1, 78.3), or when a
    measure of the same kind is already in force on the asset."""
    case = locked_case(case_id)
    authorise(user, case.unit, Step.DECIDE)
    link = DebtorCase.objects.select_related("debtor").filter(case=case).first()
    if link is None:
        raise AssetsRefused("Chưa lập sổ theo dõi người phải thi hành án cho việc này.", "", code="measure.no_debtor")
    if kind not in MeasureKind.__members__.values():
        raise AssetsRefused("Biện pháp không hợp lệ.", "kind", code="measure.kind")
    kind = MeasureKind(kind)
    details = _clean_details(details)
    not_in_future(on)
    refuse(timing_refusal(kind, case_facts(case), on, urgent=bool(details.get("urgent"))))
    asset = _decided_asset(case, link.debtor_id, asset_id)
    costs = case_costs([case.pk])[case.pk]
    view = AssetView(asset.kind, asset.status, asset.exempt_ground, asset.estimated_value, asset.secured_amount) \
        if asset is not None else None
    refuse(asset_refusal(kind, view, debtor_kind=link.debtor.kind, costs=costs,
                         representative=str(details.get("representative") or "")))
    income = int(details.get("monthly_income") or 0) or (
        asset.estimated_value if asset is not None and asset.kind in (AssetKind.WAGE, AssetKind.PENSION) else 0)
    refuse(amount_refusal(kind, amount or 0, owed=_owed(link.debtor_id), costs=costs, monthly_income=income,
                          agreed=bool(details.get("agreed"))))
    if asset is not None and asset.measures.filter(kind=kind, status__in=(MeasureStatus.DECIDED,
                                                                            MeasureStatus.EXECUTED)).exists():
        raise AssetsRefused("Tài sản này đang bị áp dụng biện pháp cùng loại.", "asset_id", code="measure.duplicate")
    measure = Measure.objects.create(case=case, debtor=link.debtor, asset=asset, unit=case.unit, kind=kind,
                                     decision_no=(decision_no or "").strip(), decided_on=on, amount=amount or 0,
                                     status=MeasureStatus.DECIDED, details=details)
    _event(measure, user, MeasureEventKind.DECIDED, on, decision_no=measure.decision_no, amount=amount or None,
           details=details)
    audit_write(user, "assets.measure.decide", measure, unit=case.unit, case_ext_id=case.ext_id, after={
        "kind": kind.value, "on": on, "decision_no": measure.decision_no, "asset": asset_id, "amount": amount,
        "details": details})
    refresh([case.pk])
    return measure


@transaction.atomic
def do_execute_measure(user, measure_id: int, *, on: date, result: str = "", amount: int | None = None,
                       exhausted: bool = False) -> MeasureEvent:
    """The measure was carried out (the bank froze the account, the employer deducts, the minutes of distraint):
    from "decided" only, not before the decision, not while enforcement is halted or after it ended, an on-the-spot
    coercion not on a rest day (Art. 46.2). ``amount``: what was actually frozen or deducted (at most the decided
    amount). ``exhausted``: the account or income holds nothing more (the asset then counts for nothing when the
    Art. 44a ground is weighed)."""
    measure = _locked_measure(measure_id)
    case = measure.case
    authorise(user, case.unit, Step.EXECUTE)
    kind = MeasureKind(measure.kind)
    refuse(lifecycle_refusal(Step.EXECUTE, measure.status))
    not_in_future(on)
    refuse(execution_refusal(kind, case_facts(case), on, measure.decided_on, current_calendar()))
    if amount is not None and (amount < 0 or (measure.amount and amount > measure.amount)):
        raise AssetsRefused("Số tiền đã phong tỏa, khấu trừ không được âm hoặc vượt quá số tiền trong quyết định.",
                            "amount", code="execute.amount")
    measure.status, measure.executed_on = MeasureStatus.EXECUTED, on
    measure.save(update_fields=["status", "executed_on"])
    event = _event(measure, user, MeasureEventKind.EXECUTED, on, amount=amount,
                   details={"result": (result or "").strip(), **({"exhausted": True} if exhausted else {})})
    _settle_asset(measure.asset, exhausted=exhausted)
    audit_write(user, "assets.measure.execute", measure, unit=case.unit, case_ext_id=case.ext_id, after={
        "on": on, "amount": amount, "result": (result or "").strip(), "exhausted": exhausted})
    refresh(register_case_ids(measure.debtor_id))
    return event


def _collect_case_money(user, measure: Measure, *, on: date, amount: int, receipt_no: str,
                        token: str) -> CaseEvent | None:
    """Collect ``amount`` through the case's money acts and return the first payment event it wrote (on the
    measure's case when it got some). Over the debtor's decisions in the Art. 47.1–2 order when the register
    serves several cases and the debtor has an ID number (``do_collect_for_debtor``; money a coercive decision
    collected goes first to the decisions made before it, Art. 47.2.b), else on the case (``do_act``)."""
    case = measure.case
    note = f"Thu theo biện pháp {MEASURE_LABELS_VI[MeasureKind(measure.kind)].lower()} {measure.decision_no}".strip()
    several = DebtorCase.objects.filter(debtor_id=measure.debtor_id).count() > 1 and bool(measure.debtor.id_number)
    coercive = MEASURE_FAMILY[MeasureKind(measure.kind)] == MeasureFamily.COERCIVE
    try:
        if several:
            do_collect_for_debtor(user, case.pk, on, amount=amount, receipt_no=receipt_no, note=note, token=token,
                                  coercion_on=measure.decided_on if coercive else None)
        else:
            do_act(user, case.pk, "collect", on, receipt_no=receipt_no, note=note, token=token, amount=amount)
    except ActRefused as exc:
        raise AssetsRefused(exc.message, "amount", code=exc.code) from None
    events = CaseEvent.objects.filter(request_token=token, kind="payment").order_by("id")
    return events.filter(case=case).first() or events.first()


@transaction.atomic
def do_collect_by_measure(user, measure_id: int, *, on: date, amount: int, receipt_no: str = "") -> MeasureEvent:
    """Money the measure brought in (a deduction from the account or the month's income, a third party's payment),
    with its receipt. The case's outstanding coercion costs are paid first (Art. 47.1 opening paragraph, Art. 73.6:
    a ``CostEntry`` "recovered"), the rest through the case's money acts (:func:`_collect_case_money`: payment
    events, ledger THU rows). Refused — nothing written — on a measure not carried out, released or cancelled, above
    the decided amount (Arts. 76.1, 78.3), or when the case's collection refuses."""
    measure = _locked_measure(measure_id)
    case = locked_case(measure.case_id)
    authorise(user, case.unit, Step.COLLECT)
    kind = MeasureKind(measure.kind)
    refuse(lifecycle_refusal(Step.COLLECT, measure.status))
    collected = measure.events.filter(kind=MeasureEventKind.COLLECTED).aggregate(s=Sum("amount"))["s"] or 0
    start = measure.executed_on or measure.decided_on  # Art. 78.3: the months the deduction has run
    months = max(1, (on.year - start.year) * 12 + on.month - start.month + 1)
    refuse(collection_refusal(kind, amount or 0, collected=collected, measure_amount=measure.amount, months=months))
    receipt_no = required(receipt_no, "receipt_no", "số biên lai thu tiền")
    not_in_future(on)
    if on < (measure.executed_on or measure.decided_on):
        raise AssetsRefused("Ngày thu trước ngày thực hiện biện pháp.", "on", code="collect.before_execution")
    cost_part, case_part = split_collection(amount, case_costs([case.pk])[case.pk])
    seq = (measure.events.aggregate(m=Max("seq"))["m"] or 0) + 1
    token = f"assets-m{measure.pk}-{seq}"[:40]
    payment = _collect_case_money(user, measure, on=on, amount=case_part, receipt_no=receipt_no, token=token) \
        if case_part else None
    if cost_part:
        CostEntry.objects.create(case=case, unit=case.unit, kind=CostEntry.Kind.RECOVERED, on=on, amount=cost_part,
                                 description=f"Thu theo biện pháp {measure.decision_no}, biên lai {receipt_no}"[:255],
                                 user=actor(user))
    event = _event(measure, user, MeasureEventKind.COLLECTED, on, amount=amount, case_event=payment,
                   details={"receipt_no": receipt_no, "costs": cost_part, "case_money": case_part})
    audit_write(user, "assets.measure.collect", measure, unit=case.unit, case_ext_id=case.ext_id, after={
        "on": on, "amount": amount, "receipt_no": receipt_no, "costs": cost_part, "case_money": case_part,
        "payment_event": payment.pk if payment else None})
    refresh(register_case_ids(measure.debtor_id))
    return event


def _end(user, measure_id: int, *, step: Step, on: date, decision_no: str, reason: str) -> MeasureEvent:
    measure = _locked_measure(measure_id)
    case = measure.case
    authorise(user, case.unit, step)
    refuse(lifecycle_refusal(step, measure.status))
    not_in_future(on)
    refuse(release_refusal(case_facts(case), on, measure.decided_on))
    if step == Step.RELEASE:
        measure.status, measure.released_on = MeasureStatus.RELEASED, on
        kind = MeasureEventKind.RELEASED
    else:
        measure.status, kind = MeasureStatus.CANCELLED, MeasureEventKind.CANCELLED
    measure.save(update_fields=["status", "released_on"])
    event = _event(measure, user, kind, on, decision_no=(decision_no or "").strip(),
                   details={"reason": (reason or "").strip()})
    _settle_asset(measure.asset)
    audit_write(user, f"assets.measure.{step.value}", measure, unit=case.unit, case_ext_id=case.ext_id, after={
        "on": on, "decision_no": (decision_no or "").strip(), "reason": (reason or "").strip()})
    refresh(register_case_ids(measure.debtor_id))
    return event


@transaction.atomic
def do_release_measure(user, measure_id: int, *, on: date, decision_no: str = "", reason: str = "") -> MeasureEvent:
    """The decision ending a measure (chấm dứt phong tỏa, trả lại tài sản tạm giữ, chấm dứt tạm dừng, …): the debtor
    paid, the deduction was made, enforcement was terminated (Art. 77.1 for a freeze), the asset is not the
    debtor's (Arts. 68.5, 69.4). Possible in any phase of the case, a final one too."""
    return _end(user, measure_id, step=Step.RELEASE, on=on, decision_no=decision_no, reason=reason)


@transaction.atomic
def do_cancel_measure(user, measure_id: int, *, on: date, reason: str) -> MeasureEvent:
    """The decision is revoked before it was carried out (a wrong decision, the debtor paid at once): only from
    "decided", with the reason."""
    reason = required(reason, "reason", "lý do hủy bỏ")
    return _end(user, measure_id, step=Step.CANCEL, on=on, decision_no="", reason=reason)


