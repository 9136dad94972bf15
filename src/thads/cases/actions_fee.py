"""The enforcement fee's history reads and rows for ``cases.actions.do_act`` (TT 216/2016/TT-BTC Arts. 5.1, 7): the
creditor's fee decisions (payouts that withheld a fee), the reliefs granted (``fee_relief`` rows) and what a relief
decision writes. The rules are pure (``thads.domain.fee_relief``); this module only reads rows into their values and
turns a plan into the rows to append. ``fee_relief`` is an internal history row: the gateway
(``cases.histories``) reads only the interchange contract's kinds, so exports and the statistics never see it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any, NamedTuple

from thads.cases.models import Case, CaseEvent, Obligation
from thads.domain.errors import RuleViolation
from thads.domain.fee_relief import (
    FeeDecisionRec,
    ReliefGrant,
    ReliefPlan,
    decision_due,
    payout_relief,
    plan_relief,
)
from thads.domain.ledger import FEE_RELIEF_EVENT
from thads.domain.money import Beneficiary

#: The head's two answers to an application (TT 216/2016 Art. 7.4): a decision, or a written refusal with reasons.
OUTCOMES = ("granted", "refused")


def _creditor_events(case: Case, ob: Obligation, kinds: tuple[str, ...]):
    """The case's rows of ``kinds`` on obligations of the same creditor as ``ob`` (never the state budget's)."""
    return (CaseEvent.objects.filter(case=case, kind__in=kinds, obligation__creditor=ob.creditor_id)
            .exclude(obligation__beneficiary=Beneficiary.STATE).select_related("obligation").order_by("seq"))


def fee_decisions(case: Case, ob: Obligation) -> list[FeeDecisionRec]:
    """The creditor's fee decisions (Art. 5.1: each payout that withheld a fee) with what was refunded since."""
    rows = list(_creditor_events(case, ob, ("payout", FEE_RELIEF_EVENT)))
    refunded: dict[int, int] = defaultdict(int)
    for ev in rows:
        if ev.kind == FEE_RELIEF_EVENT and ev.amount:
            refunded[int((ev.details or {}).get("payout_seq") or 0)] += ev.amount
    out = []
    for ev in rows:
        d = ev.details or {}
        if ev.kind == "payout" and int(d.get("fee") or 0) > 0:
            out.append(FeeDecisionRec(ev.seq, ev.on, int(d["fee"]), "fee_relief_seq" in d, refunded.get(ev.seq, 0)))
    return out


def relief_for_payout(case: Case, ob: Obligation) -> ReliefGrant | None:
    """The Art. 7 relief a new payout to ``ob``'s creditor gets (``domain.fee_relief.payout_relief``)."""
    grants, used = [], []
    for ev in _creditor_events(case, ob, ("payout", FEE_RELIEF_EVENT)):
        d = ev.details or {}
        if ev.kind == "payout" and d.get("fee_relief_seq"):
            used.append(int(d["fee_relief_seq"]))
        elif ev.kind == FEE_RELIEF_EVENT and d.get("outcome") == "granted":
            grants.append(ReliefGrant(ev.seq, d.get("point", ""), int(d.get("percent") or 0),
                                      bool(d.get("standing")), bool(d.get("ahead"))))
    return payout_relief(grants, used)


class ReliefRow(NamedTuple):
    """One ``fee_relief`` row to append: its obligation, the amount refunded (None: no money moves), details."""

    obligation: Obligation
    amount: int | None
    details: dict[str, Any]


def resolve(case: Case, params: dict) -> tuple[Obligation, int | None, list[FeeDecisionRec]]:
    """The obligation the application is about (the target payout's, else the one chosen), the target payout's seq
    and the creditor's fee decisions. ``ValueError`` (Vietnamese) when neither names a creditor's obligation."""
    target = params.pop("target", None)
    code = params.pop("obligation", None)
    target_seq = int(target) if target not in (None, "") else None
    ob = None
    if target_seq is not None:
        ev = case.events.filter(seq=target_seq, kind="payout").select_related("obligation").first()
        ob = ev.obligation if ev is not None else None
    elif code:
        ob = case.obligations.filter(code=code).first()
    if ob is None or ob.beneficiary == Beneficiary.STATE:
        raise ValueError("Chọn quyết định thu phí (lần chi trả có khấu trừ phí) hoặc khoản của người được thi hành "
                         "án mà đơn đề nghị miễn, giảm phí liên quan.")
    return ob, target_seq, fee_decisions(case, ob)


def relief_rows(ob: Obligation, params: dict, on: date, target: int | None, decisions: list[FeeDecisionRec],
                note: str = "") -> tuple[list[ReliefRow], ReliefPlan | None]:
    """The rows a decision on an application writes (TT 216/2016 Art. 7.4): a refusal, one row without money; a
    relief, one row per fee decision whose fee it refunds (``HOAN_TRA``), or one row without money when it is
    decided ahead of the next fee decision. Raises ``RuleViolation`` (``domain.fee_relief.plan_relief``): also for
    an outcome other than a decision or a refusal, and a refusal naming a payout that withheld no fee."""
    if params.get("outcome") not in OUTCOMES:
        raise RuleViolation("fee_relief.outcome", "Chọn kết quả xét đơn: quyết định miễn, giảm phí hoặc thông báo "
                                                  "không được miễn, giảm (Điều 7.4 Thông tư 216/2016/TT-BTC).")
    if target is not None and target not in {d.seq for d in decisions}:
        raise RuleViolation("fee_relief.target", "Lần chi trả được chọn không có khấu trừ phí thi hành án: không "
                                                 "phải là quyết định thu phí (Điều 5.1 Thông tư 216/2016/TT-BTC).")
    common = {"outcome": params["outcome"], "received_on": params["received_on"].isoformat()}
    if note:
        common["note"] = note
    if params["outcome"] == "refused":
        details = {**common, "reason": params["reason"], "due_on": decision_due(params["received_on"]).isoformat()}
        if params.get("point"):
            details["point"] = params["point"]
        if target is not None:
            details["payout_seq"] = target
        return [ReliefRow(ob, None, details)], None
    plan = plan_relief(params["point"], params.get("percent"), received_on=params["received_on"], on=on,
                       target=target, decisions=decisions)
    common.update(point=params["point"], percent=plan.percent, standing=plan.standing, due_on=plan.due.isoformat())
    obligations = {d.seq: d for d in decisions}
    rows = []
    for seq, amount in plan.refunds:
        payout_ob = ob if seq == target else _payout_obligation(ob, seq)
        rows.append(ReliefRow(payout_ob, amount, {**common, "payout_seq": seq, "fee": obligations[seq].fee}))
    if not rows:  # decided ahead of the next fee decision (or a 7.1.a exemption with nothing withheld yet)
        rows.append(ReliefRow(ob, None, {**common, "ahead": True}))
    return rows, plan


def _payout_obligation(ob: Obligation, seq: int) -> Obligation:
    ev = CaseEvent.objects.filter(case_id=ob.case_id, seq=seq).select_related("obligation").first()
    return ev.obligation if ev is not None and ev.obligation_id else ob


__all__ = ["ReliefRow", "fee_decisions", "relief_for_payout", "relief_rows", "resolve"]
