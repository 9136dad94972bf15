"""The writers of valuation, auction and the disposal of a distrained asset (Luật THADS Arts. 47, 98–104, 126;
Decree 62/2015 Arts. 26, 27, 43; TTLT 11/2016 Arts. 4, 7): ``do_value_asset``, ``do_sign_auction_contract``,
``do_record_auction_session``, ``do_record_sale_proceeds``, ``do_creditor_takes_asset``, ``do_return_asset``.

Each is one atomic transaction that locks the asset, checks the scope and title, the pure rule
(``thads.domain.auction``), writes its rows and the audit row, and returns. A refusal raises ``AssetsRefused`` and
nothing is written (a refusal of a case act called inside rolls everything back too).

Money: the case ledger stays the one record of money. Sale proceeds are split by ``domain.auction.split_proceeds``:
the secured creditor's part (Art. 47.3) is paid by the agency to the pledgee or mortgagee, who is not a party of
any case: it is kept in the disposal's ``details["secured"]`` and the audit row, not in a case ledger (no case owes
it) — unless he is himself a creditor party of one of the debtor's cases (47.3 first paragraph): then he is paid
after the costs, on his own obligations, through that case's ledger; the coercion costs are ``CostEntry`` rows ``recovered``; the rest is collected on the debtor's cases by
``cases.actions_collect.do_collect_for_debtor`` (one receipt, a ``payment`` event per obligation, its ``THU`` rows,
Art. 47 across the decisions, the coercion decision's date for 47.2.b); what exceeds every obligation goes back to
the debtor (47.2.c, ``details["surplus"]``). The creditor who takes the asset (Art. 104.2) has the credited value
collected on his own obligation through ``cases.actions.do_act`` "collect" (``payment`` events and ``THU`` rows
of that value, no cash); the cash he pays in (the costs, the senior sums, the difference) is recovered and
collected like proceeds. Handing the value over to him is the accountant's payout act, which decides the fee on it
(TT 216/2016 Art. 4.5): ``thads check-integrity`` stays clean because every row comes from a case act.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from django.db import transaction
from django.db.models import Max

from thads.assets.actions_coercion import authorise, costs_owed, refresh_register, refuse
from thads.assets.actions_common import actor, not_in_future
from thads.assets.errors import AssetsRefused
from thads.assets.models import (
    Asset,
    AssetDisposal,
    AuctionContract,
    AuctionSession,
    CostEntry,
    DebtorCase,
    Measure,
    MeasureEvent,
    Valuation,
)
from thads.cases.actions import ActRefused, do_act, facts_of
from thads.cases.actions_collect import do_collect_for_debtor
from thads.cases.debtor_cases import same_debtor_cases
from thads.cases.models import Case, CaseEvent
from thads.domain.acts import Act, why_not_now
from thads.domain.allocation import DecisionDue, ObligationDue, allocate_collection, payment_rank
from thads.domain.auction import (
    AUCTION_TITLES,
    PROCEEDS_TITLES,
    SessionRec,
    ValuationRec,
    contract_refusal,
    creditor_take_refusal,
    current_valuation,
    next_session,
    session_refusal,
    split_proceeds,
    take_terms,
    valuation_refusal,
)
from thads.domain.measures import AssetStatus, AuctionOutcome, MeasureEventKind, MeasureKind, MeasureStatus
from thads.lib.text import fold
from thads.org.audit import audit_write, snapshot

__all__ = ["do_creditor_takes_asset", "do_record_auction_session", "do_record_sale_proceeds", "do_return_asset",
           "do_sign_auction_contract", "do_value_asset"]

_HELD_KINDS = (MeasureKind.DISTRAINT, MeasureKind.ASSET_SEIZURE, MeasureKind.ACCOUNT_FREEZE, MeasureKind.TRANSFER_BAN)


# ------------------------------------------------------------------------------------------------ reading


def _asset(asset_id: int) -> Asset:
    asset = Asset.objects.select_for_update(of=("self",)).select_related("debtor").filter(pk=asset_id).first()
    if asset is None:
        raise AssetsRefused("Bạn không có quyền thao tác trên tài sản này.", code="scope")
    return asset


def _measure(asset: Asset, measure_id: int | None, kinds=(MeasureKind.DISTRAINT,)) -> Measure | None:
    """The executed measure holding the asset (``measure_id`` when given, else the last one), or None."""
    rows = Measure.objects.filter(asset=asset, kind__in=kinds, status=MeasureStatus.EXECUTED)
    if measure_id is not None:
        rows = rows.filter(pk=measure_id)
    return rows.select_related("case__unit").order_by("-decided_on", "-id").first()


def _distrained(user, asset: Asset, measure_id: int | None, titles) -> tuple[Measure, Case]:
    """The distraint executed on the asset (Art. 71.3; Arts. 86 ff.): valuation and sale come after it. Scope and
    title on the case that distrained it; refused when the asset already left the agency's hands. The scope of the
    debtor's unit is checked first, so that nothing is told about another unit's asset."""
    authorise(user, asset.debtor.unit, titles)
    measure = _measure(asset, measure_id)
    if measure is None:
        raise AssetsRefused("Tài sản chưa bị kê biên (chưa có quyết định kê biên đã thực hiện): chưa thể định giá, "
                            "bán đấu giá (Điều 98, 101 Luật Thi hành án dân sự).", "measure_id")
    authorise(user, measure.case.unit, titles)
    _not_disposed(asset)
    return measure, measure.case


def _not_disposed(asset: Asset) -> None:
    if AssetDisposal.objects.filter(asset=asset).exists():
        raise AssetsRefused("Tài sản đã được xử lý xong (đã bán, giao cho người được thi hành án hoặc trả lại).")


def _valuations(asset: Asset) -> list[ValuationRec]:
    return [ValuationRec(m, on, v) for m, on, v in asset.valuations.order_by("on", "id").values_list(
        "method", "on", "value")]


def _sessions(asset: Asset) -> list[SessionRec]:
    return [SessionRec(*row) for row in asset.auction_sessions.order_by("seq").values_list(
        "seq", "held_on", "starting_price", "outcome", "reductions", "sale_price")]


def _register_cases(asset: Asset, case: Case) -> list[int]:
    """The cases of the asset's debtor register, and the case that distrained it."""
    return sorted(set(DebtorCase.objects.filter(debtor_id=asset.debtor_id).values_list("case_id", flat=True))
                  | {case.pk})


def _floor(asset: Asset, case: Case) -> int:
    """Art. 104.3; Decree 62 Art. 43.1.b: the coercion costs owed and, for a secured asset, the secured debt."""
    secured = asset.secured_amount if asset.secured_creditor else 0
    return sum(costs_owed(_register_cases(asset, case)).values()) + secured


def _lock_debtor_cases(primary: Case) -> list[int]:
    """Lock the debtor's cases in id order (as ``do_collect_for_debtor`` does) before the split is computed, so that
    the preview and the collection see the same amounts owed."""
    ids = sorted(set(same_debtor_cases(primary).values_list("pk", flat=True)) | {primary.pk})
    list(Case.objects.select_for_update(of=("self",)).filter(pk__in=ids).order_by("pk").values_list("pk"))
    return ids


def _eligible(primary: Case, on: date) -> list[tuple[Case, object]]:
    """The debtor's decided cases the debtor-wide collection will pay (the same set as
    ``cases.actions_collect.do_collect_for_debtor``: same ID number, same unit, a collection allowed now, money
    owed), with their rule facts."""
    ids = sorted(set(same_debtor_cases(primary).values_list("pk", flat=True)) | {primary.pk})
    out = []
    for case in Case.objects.filter(pk__in=ids).select_related("unit").order_by("pk"):
        facts = facts_of(case)
        if why_not_now(Act.COLLECT, facts, on) is None and facts.outstanding > 0:
            out.append((case, facts))
    return out


def _secured_judgment_creditor(asset: Asset, case: Case) -> tuple[Case, list] | None:
    """Art. 47.3 first paragraph: the pledgee or mortgagee of the asset is a creditor party of one of the debtor's
    cases (same name) still owed money there: his case and those obligations. He is then paid through that case's
    ledger after the coercion costs, not outside it before them (second paragraph: a mortgagee who is no party)."""
    key = fold((asset.secured_creditor or "").strip())
    for own in Case.objects.filter(pk__in=_register_cases(asset, case)).order_by("pk") if key else ():
        parties = list(own.parties.filter(role="creditor"))
        party = next((p for p in parties if fold(p.name.strip()) == key), None)
        obligations = [] if party is None else [
            ob for ob in own.obligations.filter(outstanding__gt=0).exclude(beneficiary="state").order_by("position")
            if ob.creditor_id == party.pk or (ob.creditor_id is None and len(parties) == 1)]
        if obligations:
            return own, obligations
    return None


# ------------------------------------------------------------------------------------------------ valuation, auction


@transaction.atomic
def do_value_asset(user, asset_id: int, *, method: str, on: date, value: int, appraiser: str = "",
                   measure_id: int | None = None, ground: str = "") -> Valuation:
    """Record the price of a distrained asset (Luật THADS Art. 98: agreed, appraised, fixed by the officer; Art. 99:
    re-appraised — its price is the starting price, 99.3). ``ground``: for ``officer`` "98.3.a"/"98.3.b", for
    ``reappraised`` "99.1.a"/"99.1.b" (``domain.auction.valuation_refusal``)."""
    asset = _asset(asset_id)
    measure, case = _distrained(user, asset, measure_id, AUCTION_TITLES)
    not_in_future(on)
    if measure.executed_on and on < measure.executed_on:
        raise AssetsRefused("Ngày định giá trước ngày kê biên tài sản.", "on")
    refuse(valuation_refusal(method, value, on=on, earlier=_valuations(asset), sessions=_sessions(asset),
                             ground=ground))
    row = Valuation.objects.create(asset=asset, measure=measure, method=method, on=on, value=value,
                                   appraiser=(appraiser or "").strip(), user=actor(user))
    refresh_register([case.pk])  # the next step's deadline (assets.deadline_source)
    audit_write(user, "assets.value", row, unit=case.unit, case_ext_id=case.ext_id,
                after={**snapshot(row, exclude=("entered_at",)), "ground": ground})
    return row


@transaction.atomic
def do_sign_auction_contract(user, asset_id: int, *, organisation: str, contract_no: str, signed_on: date,
                             measure_id: int | None = None) -> AuctionContract:
    """Record the contract with an auction organisation (Luật THADS Art. 101.2): after the valuation, for an asset
    worth at least 2,000,000 VND (Art. 101.4)."""
    asset = _asset(asset_id)
    measure, case = _distrained(user, asset, measure_id, AUCTION_TITLES)
    not_in_future(signed_on, "signed_on")
    if not (organisation or "").strip():
        raise AssetsRefused("Ghi tên tổ chức đấu giá tài sản.", "organisation")
    refuse(contract_refusal(current_valuation(_valuations(asset)), signed_on))
    if any(s.outcome == AuctionOutcome.SOLD for s in _sessions(asset)[-1:]):
        raise AssetsRefused("Tài sản đã được bán đấu giá thành.")
    row = AuctionContract.objects.create(asset=asset, measure=measure, organisation=organisation.strip(),
                                         contract_no=(contract_no or "").strip(), signed_on=signed_on,
                                         user=actor(user))
    refresh_register([case.pk])  # the next step's deadline (assets.deadline_source)
    audit_write(user, "assets.auction_contract", row, unit=case.unit, case_ext_id=case.ext_id,
                after=snapshot(row, exclude=("entered_at",)))
    return row


@transaction.atomic
def do_record_auction_session(user, contract_id: int, *, held_on: date, starting_price: int, outcome: str,
                              sale_price: int = 0, buyer: str = "") -> AuctionSession:
    """Record one auction session (append-only, numbered per asset): its starting price — the valuation for the
    first, a reduction of at most 10 % of the last starting price after an unsold one (Art. 104.1, 104.5), the same
    price after a cancelled one (Art. 102) — and its outcome. A reduced price at or below the coercion costs and the
    secured debt is refused (Art. 104.3). ``cancelled`` after a ``sold`` session records the cancellation of that
    sale (Art. 102; Decree 62 Art. 27.3: the buyer did not pay)."""
    contract = AuctionContract.objects.filter(pk=contract_id).first()
    if contract is None:
        raise AssetsRefused("Bạn không có quyền thao tác trên hợp đồng này.", code="scope")
    asset = _asset(contract.asset_id)
    _, case = _distrained(user, asset, contract.measure_id, AUCTION_TITLES)
    not_in_future(held_on, "held_on")
    if contract.cancelled_on is not None:
        raise AssetsRefused("Hợp đồng dịch vụ đấu giá đã bị hủy.")
    if held_on < contract.signed_on:
        raise AssetsRefused("Ngày đấu giá trước ngày ký hợp đồng dịch vụ đấu giá.", "held_on")
    valuations, sessions = _valuations(asset), _sessions(asset)
    refuse(session_refusal(starting_price, outcome, sale_price, buyer, held_on, valuations=valuations,
                           sessions=sessions, floor=_floor(asset, case)))
    rule = next_session(valuations, sessions)
    row = AuctionSession.objects.create(contract=contract, asset=asset, case=case, unit=case.unit,
                                        seq=len(sessions) + 1, held_on=held_on, starting_price=starting_price,
                                        reductions=rule.reductions, outcome=outcome, sale_price=sale_price,
                                        buyer=(buyer or "").strip(), user=actor(user))
    refresh_register([case.pk])  # the next step's deadline (assets.deadline_source)
    audit_write(user, "assets.auction_session", row, unit=case.unit, case_ext_id=case.ext_id,
                after=snapshot(row, exclude=("entered_at",)))
    return row


# ------------------------------------------------------------------------------------------------ money


def _recover_costs(user, costs: dict[int, int], on: date, note: str) -> None:
    """Art. 73.6: the costs deducted from the money collected, one ``recovered`` row per case."""
    for case in Case.objects.filter(pk__in=[c for c, amount in costs.items() if amount]).select_related("unit"):
        CostEntry.objects.create(case=case, unit=case.unit, kind=CostEntry.Kind.RECOVERED, on=on,
                                 amount=costs[case.pk], description=note[:255], user=actor(user))


def _collect(user, case: Case, on: date, amount: int, *, receipt_no: str, note: str,
             coercion_on: date | None) -> dict[int, int]:
    """Collect ``amount`` over the debtor's cases (``do_collect_for_debtor``, entered on ``case`` or, when that
    case owes nothing more, on another of the debtor's cases that does); what each case received."""
    if amount <= 0:
        return {}
    eligible = [c.pk for c, _ in _eligible(case, on)]
    primary = case if case.pk in eligible or not eligible else Case.objects.get(pk=eligible[0])
    if not (receipt_no or "").strip():
        raise AssetsRefused("Cần số biên lai thu tiền.", "receipt_no")
    ids = _lock_debtor_cases(case)  # held until the commit: every later payment event on them is this receipt's
    first = CaseEvent.objects.aggregate(m=Max("id"))["m"] or 0
    try:
        do_collect_for_debtor(user, primary.pk, on, amount=amount, receipt_no=receipt_no.strip(), note=note,
                              coercion_on=coercion_on)
    except ActRefused as exc:
        raise AssetsRefused(exc.message, code=exc.code) from None
    got: dict[int, int] = {}
    for case_id, part in CaseEvent.objects.filter(id__gt=first, kind="payment", case_id__in=ids).values_list(
            "case_id", "amount"):
        got[case_id] = got.get(case_id, 0) + part
    return got


def _measure_collected(user, measure: Measure, on: date, amount: int, details: dict) -> MeasureEvent | None:
    """The distraint's own history: a ``collected`` row for the money it brought in for enforcement — the costs
    recovered (``details["costs"]``, per case) and the case money (``details["case_money"]``), as
    ``do_collect_by_measure`` counts it; not the secured creditor's part nor the surplus — pointing at the last
    payment event of the measure's case."""
    if amount <= 0:
        return None
    Measure.objects.select_for_update(of=("self",)).filter(pk=measure.pk).first()
    seq = (measure.events.aggregate(m=Max("seq"))["m"] or 0) + 1
    event = CaseEvent.objects.filter(case_id=measure.case_id, kind="payment").order_by("-id").first()
    return MeasureEvent.objects.create(measure=measure, case_id=measure.case_id, seq=seq,
                                       kind=MeasureEventKind.COLLECTED, on=on, user=actor(user),
                                       unit=measure.case.unit, amount=amount, case_event=event, details=details)


def _names(ids) -> dict[int, str]:
    return dict(Case.objects.filter(pk__in=list(ids)).values_list("pk", "ext_id"))


@transaction.atomic
def do_record_sale_proceeds(user, session_id: int, *, on: date, receipt_no: str = "") -> AssetDisposal:
    """Record the money the buyer paid for a sold asset and split it (Luật THADS Art. 47; Decree 62 Art. 27.4):
    the secured creditor of the asset first (47.3), then the coercion costs still owed on the debtor's cases
    (47.1 opening paragraph; ``CostEntry`` recovered), then Art. 47 across the debtor's decisions through
    ``do_collect_for_debtor`` (receipt ``receipt_no``; 47.2.b with the distraint decision's date), the rest back to
    the debtor (47.2.c). One ``AssetDisposal`` (sold) with the split in its details; the asset becomes sold."""
    session = AuctionSession.objects.filter(pk=session_id).first()
    if session is None:
        raise AssetsRefused("Bạn không có quyền thao tác trên cuộc đấu giá này.", code="scope")
    asset = _asset(session.asset_id)
    measure, case = _distrained(user, asset, session.contract.measure_id, PROCEEDS_TITLES)
    not_in_future(on)
    last = _sessions(asset)[-1]
    if session.outcome != AuctionOutcome.SOLD or last.seq != session.seq:
        raise AssetsRefused("Chỉ ghi tiền bán tài sản của cuộc đấu giá thành (chưa bị hủy kết quả).")
    if on < session.held_on:
        raise AssetsRefused("Ngày nộp tiền trước ngày đấu giá.", "on")
    _lock_debtor_cases(case)
    eligible = _eligible(case, on)
    costs = costs_owed(_register_cases(asset, case))
    secured, own = (asset.secured_amount if asset.secured_creditor else 0), _secured_judgment_creditor(asset, case)
    decisions = [DecisionDue(c.pk, f.obligations, since=c.decided_on) for c, f in eligible]
    if own is not None:  # 47.3 first paragraph: after the costs, on his own obligations, in the ledger
        secured = min(secured, max(0, session.sale_price - sum(costs.values())),
                      sum(ob.outstanding for ob in own[1]))
        paid = allocate_collection(secured, [ObligationDue(ob.code, ob.kind, ob.outstanding, ob.beneficiary)
                                             for ob in own[1]])
        decisions = [DecisionDue(d.case, tuple(replace(o, outstanding=o.outstanding - paid.get(o.id, 0))
                                               if d.case == own[0].pk else o for o in d.obligations), since=d.since)
                     for d in decisions]
    split = split_proceeds(session.sale_price, secured_amount=secured, costs=costs, coercion_on=measure.decided_on,
                           decisions=decisions, secured_after_costs=own is not None)
    note = f"Tiền bán đấu giá tài sản: {asset.description}"[:255]
    _recover_costs(user, dict(split.costs), on, note)
    if own is not None:
        _credit(user, own[0], own[1], split.secured, on, "", receipt_no=receipt_no.strip(),
                note="Người nhận thế chấp là người được thi hành án (đoạn 1 khoản 3 Điều 47)")
    got = _collect(user, case, on, split.to_cases, receipt_no=receipt_no, note=note, coercion_on=measure.decided_on)
    if got != {c: sum(p.values()) for c, p in split.decisions.items() if sum(p.values())}:
        raise AssetsRefused("Phân chia tiền bán tài sản không khớp với phân bổ theo Điều 47; không ghi.")
    names = _names(set(split.costs) | set(split.decisions))
    details = {"receipt_no": receipt_no.strip(), "sale_price": session.sale_price, "basis": "47",
               "secured": {"creditor": asset.secured_creditor, "amount": split.secured, "basis": "47.3",
                           **({"case": own[0].ext_id} if own is not None else {})},
               "costs": {names[c]: v for c, v in split.costs.items() if v},
               "cases": {names[c]: dict(p) for c, p in split.decisions.items() if sum(p.values())},
               "surplus": split.surplus, "coercion_on": measure.decided_on.isoformat()}
    disposal = AssetDisposal.objects.create(asset=asset, case=case, unit=case.unit, session=session,
                                            kind=AssetDisposal.Kind.SOLD, on=on, value=session.sale_price,
                                            to_whom=session.buyer, details=details, user=actor(user))
    in_ledger = split.secured if own is not None else 0  # 47.3 (1): his part is case money too
    _measure_collected(user, measure, on, split.costs_total + split.to_cases + in_ledger,
                       {"disposal": disposal.pk, "case_money": split.to_cases + in_ledger, **details})
    Asset.objects.filter(pk=asset.pk).update(status=AssetStatus.SOLD)
    refresh_register([case.pk])
    audit_write(user, "assets.sale_proceeds", disposal, unit=case.unit, case_ext_id=case.ext_id,
                before={"status": asset.status}, after={**details, "status": AssetStatus.SOLD})
    return disposal


def _creditor_obligations(case: Case, creditor: str) -> list:
    """The obligations ``creditor`` (his name as a creditor party of ``case``) is still owed on ``case``: those
    naming him, or every creditor's obligation when he is the case's only creditor (the receiving form does not
    link them). Art. 104.4: a sale for the state budget has no creditor to take the asset."""
    key = fold((creditor or "").strip())
    parties = list(case.parties.filter(role="creditor"))
    party = next((p for p in parties if key and fold(p.name.strip()) == key), None)
    obligations = [] if party is None else [
        ob for ob in case.obligations.filter(outstanding__gt=0).exclude(beneficiary="state").order_by("position")
        if ob.creditor_id == party.pk or (ob.creditor_id is None and len(parties) == 1)]
    if not obligations:
        raise AssetsRefused("Không tìm thấy khoản người này được thi hành án còn phải thi hành trong việc đã chọn "
                            "(khoản 2, khoản 4 Điều 104 Luật Thi hành án dân sự).", "creditor")
    return obligations


_TAKE_NOTE = "Người được thi hành án nhận tài sản để trừ vào số tiền được thi hành án (khoản 2 Điều 104)"


def _credit(user, case: Case, obligations: list, amount: int, on: date, decision_no: str, *,
            receipt_no: str = "", note: str = _TAKE_NOTE) -> None:
    """The value credited to the creditor: a collection named on each of his obligations (``do_act`` collect: the
    case's own ``payment`` events and ``THU`` rows), in the Art. 47 order among them."""
    dues = [ObligationDue(ob.code, ob.kind, ob.outstanding, ob.beneficiary) for ob in obligations]
    for code, part in allocate_collection(amount, dues).items():
        if part <= 0:
            continue
        try:
            do_act(user, case.pk, Act.COLLECT, on, amount=part, obligation=code, decision_no=decision_no, note=note,
                   receipt_no=receipt_no)
        except ActRefused as exc:
            raise AssetsRefused(f"{exc.message} (người nhận tài sản phải thanh toán trước các khoản được ưu tiên, "
                                "khoản 1 Điều 100, khoản 2 Điều 104)", "creditor", code=exc.code) from None


def _senior(eligible: list, obligations: list) -> int:
    """What the other obligations ranked before the creditor's still owe (47.1.a–b before 47.1.c; TTLT 11/2016
    Art. 7.2)."""
    mine = {(ob.case_id, ob.code) for ob in obligations}
    rank = min(payment_rank(ObligationDue(ob.code, ob.kind, ob.outstanding, ob.beneficiary)) for ob in obligations)
    return sum(ob.outstanding for case, facts in eligible for ob in facts.obligations
               if (case.pk, ob.id) not in mine and payment_rank(ob) < rank)


@transaction.atomic
def do_creditor_takes_asset(user, asset_id: int, *, on: date, case_id: int, price: int, creditor: str,
                            receipt_no: str = "", decision_no: str = "") -> AssetDisposal:
    """The creditor takes the asset against what he is owed (Luật THADS Art. 104.2: after an unsold session held
    after the second reduction, at that session's starting price; TTLT 11/2016 Art. 7.2–7.3). ``case_id``: his
    case, one of the debtor's. Out of the price, the coercion costs (``CostEntry`` recovered) and the sums ranked
    before his (collected over the debtor's cases, ``receipt_no``) are paid by him in cash; the rest is credited
    on his obligation (a named collection on his case: ``payment`` events and ``THU`` rows of that value); the
    excess over his claim he pays in (``receipt_no``), for the other decisions by Art. 47, the rest to the debtor.
    The asset becomes taken by the creditor. Handing it over (the payout and the fee) is the accountant's act."""
    asset = _asset(asset_id)
    measure, case = _distrained(user, asset, None, AUCTION_TITLES)
    own = Case.objects.select_related("unit").filter(pk=case_id).first()
    if own is None or own.pk not in _register_cases(asset, case):
        raise AssetsRefused("Việc đã chọn không phải việc thi hành án của người có tài sản.", "case_id")
    authorise(user, own.unit, AUCTION_TITLES)
    not_in_future(on)
    refuse(creditor_take_refusal(_sessions(asset), price))
    _lock_debtor_cases(case)
    obligations = _creditor_obligations(own, creditor)
    eligible = _eligible(case, on)
    costs = costs_owed(_register_cases(asset, case))
    terms = take_terms(price, sum(ob.outstanding for ob in obligations), costs=sum(costs.values()),
                       senior=_senior(eligible, obligations))
    note = f"Người được thi hành án nhận tài sản: {asset.description}"[:255]
    recovered = split_proceeds(terms.costs, costs=costs).costs
    _recover_costs(user, dict(recovered), on, note)
    senior = _collect(user, case, on, terms.senior, receipt_no=receipt_no, note=note, coercion_on=None)
    _credit(user, own, obligations, terms.credited, on, decision_no)
    rest = split_proceeds(terms.difference, decisions=[DecisionDue(c.pk, f.obligations, since=c.decided_on)
                                                        for c, f in _eligible(case, on)],
                          coercion_on=measure.decided_on)
    others = _collect(user, case, on, rest.to_cases, receipt_no=receipt_no, note=note,
                      coercion_on=measure.decided_on)
    if others != {c: sum(p.values()) for c, p in rest.decisions.items() if sum(p.values())}:
        raise AssetsRefused("Phân chia số tiền chênh lệch không khớp với phân bổ theo Điều 47; không ghi.")
    names = _names(set(recovered) | set(senior) | set(others) | {own.pk})
    details = {"basis": "104.2", "price": price, "credited": {names[own.pk]: terms.credited},
               "creditor": creditor.strip(), "decision_no": decision_no, "receipt_no": receipt_no.strip(),
               "costs": {names[c]: v for c, v in recovered.items() if v},
               "senior": {names[c]: v for c, v in senior.items()},
               "cases": {names[c]: v for c, v in others.items()}, "surplus": rest.surplus,
               "cash_due": terms.cash_due}
    disposal = AssetDisposal.objects.create(asset=asset, case=own, unit=own.unit, on=on, value=price,
                                            kind=AssetDisposal.Kind.TAKEN_BY_CREDITOR, to_whom=creditor.strip(),
                                            session=asset.auction_sessions.order_by("-seq").first(),
                                            details=details, user=actor(user))
    case_money = terms.credited + sum(senior.values()) + sum(others.values())
    _measure_collected(user, measure, on, sum(recovered.values()) + case_money,
                       {"disposal": disposal.pk, "case_money": case_money, **details})
    Asset.objects.filter(pk=asset.pk).update(status=AssetStatus.TAKEN_BY_CREDITOR)
    refresh_register([case.pk, own.pk])
    audit_write(user, "assets.creditor_takes", disposal, unit=own.unit, case_ext_id=own.ext_id,
                before={"status": asset.status}, after={**details, "status": AssetStatus.TAKEN_BY_CREDITOR})
    return disposal


@transaction.atomic
def do_return_asset(user, asset_id: int, *, on: date, to_whom: str, reason: str) -> AssetDisposal:
    """Return a distrained or held asset (Luật THADS Art. 126: the judgment orders it returned; Art. 105: the
    distraint is lifted; Art. 104.3: a reduced price at or below the costs that the creditor does not take — the
    debtor keeps it but may not trade it). The measure's release itself is its own act (``do_release_measure``)."""
    asset = _asset(asset_id)
    measure = _measure(asset, None, kinds=_HELD_KINDS)
    if measure is None:
        raise AssetsRefused("Tài sản không bị kê biên, tạm giữ, phong tỏa: không có gì để trả lại.")
    authorise(user, measure.case.unit, AUCTION_TITLES)
    _not_disposed(asset)
    not_in_future(on)
    if not (to_whom or "").strip():
        raise AssetsRefused("Ghi người nhận lại tài sản.", "to_whom")
    if not (reason or "").strip():
        raise AssetsRefused("Ghi căn cứ trả lại tài sản (Điều 105, khoản 3 Điều 104, Điều 126 Luật Thi hành án dân "
                            "sự).", "reason")
    valuation = current_valuation(_valuations(asset))
    case = measure.case
    disposal = AssetDisposal.objects.create(asset=asset, case=case, unit=case.unit, kind=AssetDisposal.Kind.RETURNED,
                                            on=on, value=valuation.value if valuation else 0,
                                            to_whom=to_whom.strip(), user=actor(user),
                                            details={"reason": reason.strip(), "measure": measure.pk})
    Asset.objects.filter(pk=asset.pk).update(status=AssetStatus.RETURNED)
    refresh_register([case.pk])
    audit_write(user, "assets.return", disposal, unit=case.unit, case_ext_id=case.ext_id,
                before={"status": asset.status}, after={**snapshot(disposal, exclude=("entered_at",)),
                                                        "status": AssetStatus.RETURNED})
    return disposal
