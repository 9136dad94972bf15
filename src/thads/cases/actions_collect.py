"""The collection of one receipt over all of a debtor's cases in the agency (Luật THADS Art. 47.2.a–b; Decree
62/2015 Art. 49.1 as amended by Decrees 33/2020 and 152/2024): ``do_collect_for_debtor``, a ``do_*`` action like
``cases.actions.do_act`` (the same checks, rows, audit and projections through its helpers), kept in its own module
so that ``actions.py`` stays within the house's size limit."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from thads.cases.actions import (
    _SCOPE_REFUSAL,
    ActRefused,
    _append,
    _audit_state,
    _authorise,
    _check,
    _ledger_rows,
    _refresh,
    facts_of,
    submitted_with,
)
from thads.cases.debtor_cases import same_debtor_cases
from thads.cases.histories import case_history
from thads.cases.models import Case
from thads.cases.projections import HistoryChange, publish
from thads.domain.acts import Act, CaseFacts, why_not_now
from thads.domain.money import DecisionDue, MoneyError, allocate_across_decisions
from thads.domain.states import EventKind, project
from thads.org.audit import audit_write
from thads.org.scope import Action, allowed

__all__ = ["do_collect_for_debtor"]


def _debtor_allocation(amount: int, cases: list[tuple[Case, CaseFacts]], coercion_on: date | None) -> dict:
    """The pure rule (``domain.allocation.allocate_across_decisions``) over the locked cases, refusals in Vietnamese."""
    decisions = [DecisionDue(case.pk, facts.obligations, since=case.decided_on) for case, facts in cases]
    try:
        return allocate_across_decisions(amount, decisions, coercion_on=coercion_on)
    except MoneyError as exc:
        raise ActRefused(exc.message_vi, exc.code) from None


@transaction.atomic
def do_collect_for_debtor(user, case_id: int, on: date, *, amount: int, receipt_no: str, note: str = "",
                          token: str = "", coercion_on: date | None = None) -> list[Case]:
    """Record one receipt of money collected from the debtor of ``case_id`` and split it over **all** the decided
    cases of that debtor (same ID number or tax code) held by the same agency on which a collection may be entered
    now (Luật THADS Art. 47.2.a–b; Decree 62/2015 Art. 49.1; ``cases.debtor_cases``). With ``coercion_on`` (the
    date of the coercion decision under which the money was collected) the cases decided by then are paid first.

    One receipt number for the whole amount; each case's history gets a ``payment`` event per obligation for the
    part allocated to it (its ledger rows derive from those events, ``domain.ledger``), so every report stays per
    case. The cases are locked in id order; each is checked like ``do_act`` (scope, capability, the title's right to
    collect, the collection rule on the case's share); one audit row per case that received money; the changed
    histories are published together. Refuses (``ActRefused``, nothing written) when the case itself may not take a
    collection now or the amount exceeds what all the cases owe (47.2.c). A repeated ``token`` writes nothing.
    Returns the cases that received money, in id order."""

    primary = Case.objects.select_related("unit").filter(pk=case_id).first()
    if primary is None:
        raise ActRefused(_SCOPE_REFUSAL, "scope")
    _authorise(user, Act.COLLECT, primary.unit)
    if user is not None and not allowed(user, Action.PERSONAL_DATA, primary.unit):
        # Which cases share the debtor's ID number is personal data (the result and the audit rows name them):
        # the page already needs the right; the action checks it too, for every other caller (the API).
        raise ActRefused("Phân bổ theo người phải thi hành án cần quyền xem dữ liệu cá nhân.", "personal_data")
    if amount is None or amount <= 0:
        raise ActRefused("Số tiền thu phải lớn hơn 0 ₫.", "money.not_positive")
    if not (receipt_no or "").strip():
        raise ActRefused("Cần số biên lai thu tiền.", "collect.receipt_missing")
    ids = sorted(set(same_debtor_cases(primary).values_list("pk", flat=True)) | {primary.pk})
    locked = list(Case.objects.select_for_update(of=("self",)).select_related("unit", "officer")
                  .filter(pk__in=ids).order_by("pk"))
    first = submitted_with(token, kinds=(EventKind.PAYMENT.value,), cases=ids)
    if first is not None:
        return [first.case]
    eligible: list[tuple[Case, CaseFacts]] = []
    for case in locked:
        _authorise(user, Act.COLLECT, case.unit)
        facts = facts_of(case)
        why = why_not_now(Act.COLLECT, facts, on)
        if why is None and facts.outstanding > 0:
            eligible.append((case, facts))
        elif case.pk == primary.pk:
            _check(Act.COLLECT, facts, on, {"amount": amount})  # the case's own refusal, in its words
    shares = _debtor_allocation(amount, eligible, coercion_on)
    together = [c.ext_id for c, _ in eligible if sum(shares[c.pk].values())]
    changes, paid_cases = [], []
    for case, facts in eligible:
        share = sum(shares[case.pk].values())
        if share == 0:
            continue
        audit_before = _audit_state(case)
        before = case_history(case, full=False)
        outcome = _check(Act.COLLECT, facts, on, {"amount": share})
        from_state, from_phase = case.state, case.phase
        to_phase = outcome.phase.value if outcome.phase else ""
        to_state = project(outcome.phase).value if outcome.phase else ""
        obligations = {o.code: o for o in case.obligations.all()}
        for code, part in outcome.allocation.items():
            if part <= 0:
                continue
            ob = obligations[code]
            ev = _append(case, user, case.unit, EventKind.PAYMENT.value, on, from_state, to_state, obligation=ob,
                         amount=part, details={"receipt_no": receipt_no, "note": note}, from_phase=from_phase,
                         to_phase=to_phase, decision_no="", request_token=token)
            ob.outstanding -= part
            ob.save(update_fields=["outstanding"])
            _ledger_rows(case, ev, ob, receipt_no=receipt_no, user=user, note=note)
        _refresh(case, Act.COLLECT, outcome, on, "", {})
        changes.append(HistoryChange(case.id, before, case_history(case, full=False)))
        audit_write(user, "case.collect", case, before=audit_before, after={
            **_audit_state(case), "act": Act.COLLECT.value, "on": on, "receipt_no": receipt_no, "amount": share,
            "allocation": dict(outcome.allocation), "receipt_amount": amount, "receipt_cases": together,
            "coercion_on": coercion_on, "params": {"note": note} if note else {}})
        paid_cases.append(case)
    publish(changes)  # statistics, deadlines, search words of every case: same transaction
    return paid_cases
