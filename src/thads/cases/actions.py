"""The only writers of cases (Zulip's ``do_*`` pattern): each act is one atomic transaction that locks the case,
checks the access scope and the title's right to act, checks the law with the pure rules
(``thads.domain.acts.check``), appends the history row(s) and ledger rows, and refreshes the case's caches.

Views, forms and (later) the API call these functions; there is no second path for a single act.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from thads.cases.facts import from_json, to_json
from thads.cases.ledger.models import OUTFLOW_KINDS, LedgerEntry, LedgerKind
from thads.cases.models import RECEIPT_KINDS, Case, CaseEvent, CaseNumberCounter, Obligation, Party
from thads.cases.records import case_history
from thads.cases.search import search_text_of
from thads.domain.acts import ACT_EVENT, Act, CaseFacts, Intake, Outcome, check, may_perform
from thads.domain.errors import RuleViolation
from thads.domain.limitation import request_deadline as limitation_deadline
from thads.domain.money import Beneficiary, FeeTiming, ObligationDue, enforcement_fee
from thads.domain.roles import Title
from thads.domain.states import EventKind, Phase, project
from thads.lib.errors import Refused
from thads.org.audit import audit_write
from thads.org.models import Officer, Unit
from thads.org.scope import Action, allowed
from thads.stats.cells import record_changes


class ActRefused(Refused):
    """An act the law, the scope or the title does not allow; ``message`` is Vietnamese, for the user."""


@dataclass(frozen=True)
class PartyData:
    name: str
    id_number: str = ""
    address: str = ""
    kind: str = "person"


@dataclass(frozen=True)
class ObligationData:
    kind: str
    beneficiary: str
    amount: int


def facts_of(case: Case) -> CaseFacts:
    obligations = tuple(ObligationDue(id=o.code, kind=o.kind, outstanding=o.outstanding, beneficiary=o.beneficiary)
                        for o in case.obligations.all())
    return CaseFacts(
        phase=Phase(case.phase) if case.phase else None, intake=Intake(case.intake), interim=case.interim,
        ground=case.ground or None, obligations=obligations, decided_on=case.decided_on,
        last_act_on=case.last_event_on, unit=case.unit.code,
        officer=case.officer.code if case.officer_id else None, **from_json(case.facts),
    )


def _title(user) -> Title | None:
    return Title(user.title) if getattr(user, "title", "") else None


_SCOPE_REFUSAL = "Bạn không có quyền thao tác trên việc của đơn vị này."


def _authorise(user, act: Act, unit: Unit) -> None:
    if user is None:
        return  # system acts (import, reorganisation scripts)
    if not allowed(user, Action.CHANGE, unit):
        raise ActRefused(_SCOPE_REFUSAL, "scope")
    if getattr(user, "is_superuser", False):
        return  # the technical root account may perform any act (data repair); staff accounts act by title
    title = _title(user)
    if title is None or not may_perform(title, act):
        raise ActRefused("Chức danh của bạn không được thực hiện thao tác này.", "title")


def _next_ext_id(unit: Unit, on: date) -> str:
    """The next case id ``<unit code>-<year>-<number>``, taken under the lock of the unit's and year's counter row:
    two receipts at once wait for each other instead of both reading the same MAX + 1 (a unique violation, a 500,
    on PostgreSQL). A number already stored (a later import brought it) is skipped."""
    prefix = f"{unit.code}-{on.year}-"
    counter = _locked_counter(unit, on.year, prefix)
    number = counter.last + 1
    while Case.objects.filter(ext_id=f"{prefix}{number:05d}").exists():
        number += 1
    counter.last = number
    counter.save(update_fields=["last"])
    return f"{prefix}{number:05d}"


#: How often a receipt takes the next number when the one it was given turned out to be taken (see below).
EXT_ID_ATTEMPTS = 5


def _create_numbered(unit: Unit, on: date, ext_id: str, fields: dict) -> Case:
    """Insert the case under ``ext_id``; if the number was taken meanwhile, take the next free one and try again.

    The counter's lock serialises receipts, and an import locks and moves the counters of the series it writes
    into (``importer._take_case_numbers``); but a case stored behind the counter's back (an import of an older
    version, a repair script) can still hold the number: on PostgreSQL the insert then waits on the unique index
    for the other transaction and fails once it commits. The insert runs in a savepoint so that the receipt goes
    on with the next number instead of answering 500."""
    for attempt in range(EXT_ID_ATTEMPTS):
        try:
            with transaction.atomic():
                return Case.objects.create(ext_id=ext_id, **fields)
        except IntegrityError:
            if attempt == EXT_ID_ATTEMPTS - 1 or not Case.objects.filter(ext_id=ext_id).exists():
                raise  # not a taken number (or taken again and again): a real error
            ext_id = _next_ext_id(unit, on)  # the counter row is still ours: past the stored numbers
    raise AssertionError("unreachable")  # pragma: no cover


def _locked_counter(unit: Unit, year: int, prefix: str) -> CaseNumberCounter:
    counter = CaseNumberCounter.objects.select_for_update().filter(unit=unit, year=year).first()
    if counter is not None:
        return counter
    try:
        # The first receipt of the year: create the row seeded from the stored numbers. Two first receipts at once
        # both try; the second's insert fails on the unique (unit, year) once the first commits, and it then locks
        # the row the first created (the savepoint keeps the rest of its transaction).
        with transaction.atomic():
            CaseNumberCounter.objects.create(unit=unit, year=year, last=_largest_number(prefix))
    except IntegrityError:
        pass
    return CaseNumberCounter.objects.select_for_update().get(unit=unit, year=year)


def _largest_number(prefix: str) -> int:
    """The largest number stored under ``prefix`` (imported cases included; ``…-00012-UT``, an entrusted incoming
    case of another unit, is not a number of this one)."""
    pattern = re.compile(re.escape(prefix) + r"(\d+)")
    numbers = (pattern.fullmatch(ext_id) for ext_id in
               Case.objects.filter(ext_id__startswith=prefix).values_list("ext_id", flat=True).iterator())
    return max((int(m.group(1)) for m in numbers if m), default=0)


def received_with(token: str) -> Case | None:
    """The case a receive form with this one-time token already opened (a double submit), if any."""
    if not token:
        return None
    event = CaseEvent.objects.filter(request_token=token, kind__in=RECEIPT_KINDS).select_related("case").first()
    return event.case if event is not None else None


def do_receive(user, unit: Unit, *, on: date, initiation: str, judgment_kind: str, court: str = "",
               judgment_number: str = "", judgment_date: date | None = None, effective_on: date | None = None,
               debtors: list[PartyData], creditors: list[PartyData] = (), obligations: list[ObligationData],
               requester: str = "", interim: bool = False, request_deadline: date | None = None,
               token: str = "") -> Case:
    """Record a received judgment (proactive items, Art. 36.2) or a request (Art. 31): the case exists, undecided.

    ``token`` is the form's one-time token: a second submit of the same form (a double click, a reload) writes
    nothing and returns the case the first one opened, also when both arrive at once (the token is unique among
    receipts: the second waits for the first and then finds its case)."""
    first = received_with(token)
    if first is not None:
        return first
    try:
        return _receive(user, unit, on=on, initiation=initiation, judgment_kind=judgment_kind, court=court,
                        judgment_number=judgment_number, judgment_date=judgment_date, effective_on=effective_on,
                        debtors=debtors, creditors=creditors, obligations=obligations, requester=requester,
                        interim=interim, request_deadline=request_deadline, token=token)
    except IntegrityError:
        first = received_with(token)
        if first is None:
            raise
        return first


@transaction.atomic
def _receive(user, unit: Unit, *, on: date, initiation: str, judgment_kind: str, court: str, judgment_number: str,
             judgment_date: date | None, effective_on: date | None, debtors: list[PartyData],
             creditors: list[PartyData], obligations: list[ObligationData], requester: str, interim: bool,
             request_deadline: date | None, token: str) -> Case:
    act = Act.RECEIVE_REQUEST if initiation == "theo_don" else Act.RECEIVE_JUDGMENT
    _authorise(user, act, unit)
    if not debtors or not obligations:
        raise ActRefused("Cần ít nhất một người phải thi hành án và một khoản phải thi hành.", "incomplete")
    if act == Act.RECEIVE_REQUEST and request_deadline is None and (effective_on or judgment_date):
        # Art. 30: 5 years from the judgment's effect (the judgment date when the effective date is unknown).
        request_deadline = limitation_deadline(effective_on or judgment_date)
    params = {"request_deadline": request_deadline} if act == Act.RECEIVE_REQUEST and request_deadline else {}
    outcome = _check(act, CaseFacts(unit=unit.code, interim=interim), on, params)
    ext_id = _next_ext_id(unit, on)
    first = received_with(token)  # committed while this one waited for the counter
    if first is not None:
        transaction.set_rollback(True)  # nothing of this submit is kept, not even its number
        return first
    fields = dict(
        unit=unit, origin_unit=unit, initiation=initiation,
        judgment_kind=judgment_kind, judgment_court=court, judgment_number=judgment_number,
        judgment_date=judgment_date, judgment_effective_on=effective_on, received_on=on,
        request_on=on if initiation == "theo_don" else None, requester=requester, interim=interim,
        intake=outcome.facts.intake.value, phase="", state="", amount=sum(o.amount for o in obligations),
        outstanding=sum(o.amount for o in obligations), last_event_on=on, facts=to_json(outcome.facts),
    )
    case = _create_numbered(unit, on, ext_id, fields)
    for role, people in (("debtor", debtors), ("creditor", creditors)):
        for pos, p in enumerate(people):
            Party.objects.create(case=case, role=role, kind=p.kind, name=p.name, id_number=p.id_number,
                                 address=p.address, position=pos)
    for pos, ob in enumerate(obligations, start=1):
        Obligation.objects.create(case=case, code=str(pos), kind=ob.kind, beneficiary=ob.beneficiary,
                                  amount=ob.amount, outstanding=ob.amount, position=pos)
    case.search_text = _search_text(case)
    case.save(update_fields=["search_text"])
    _append(case, user, unit, act.value, on, "", "", details={"court": court, "judgment_number": judgment_number},
            request_token=token)
    case.save(update_fields=["event_count"])
    audit_write(user, "case.receive", case, after={
        **_audit_state(case), "act": act.value, "on": on, "initiation": initiation, "judgment_kind": judgment_kind,
        "judgment_number": judgment_number, "amount": case.amount, "debtors": len(debtors),
        "creditors": len(creditors)})
    _refresh_deadlines([case])
    return case


def _audit_state(case: Case) -> dict:
    """What an act may change, for the audit row's before/after (no personal data: the parties are not in it)."""
    return {"state": case.state, "phase": case.phase, "intake": case.intake, "ground": case.ground,
            "outstanding": case.outstanding, "officer": case.officer_id, "unit": case.unit_id,
            "decided_on": case.decided_on, "decision_no": case.decision_no,
            "obligations": {o.code: o.outstanding for o in Obligation.objects.filter(case=case).order_by("position")}}


def _search_text(case: Case) -> str:
    return search_text_of(case.ext_id, case.decision_no, case.judgment_number, (p.name for p in case.parties.all()))


def _check(act: Act, facts: CaseFacts, on: date, params: dict) -> Outcome:
    try:
        return check(act, facts, on, today=timezone.localdate(), **params)
    except RuleViolation as exc:
        raise ActRefused(exc.message_vi, exc.code) from None


def _append(case: Case, user, unit: Unit, kind: str, on: date, from_state: str, to_state: str, *,
            from_phase: str = "", to_phase: str = "", **fields) -> CaseEvent:
    case.event_count += 1
    event = CaseEvent(case=case, seq=case.event_count, kind=kind, on=on, user=user, unit=unit,
                      from_state=from_state, to_state=to_state, from_phase=from_phase, to_phase=to_phase, **fields)
    event.save()
    return event


@transaction.atomic
def do_act(user, case_id: int, act: Act | str, on: date, *, decision_no: str = "", receipt_no: str = "",
           note: str = "", token: str = "", **params) -> Case:
    """Perform one legal act on a case. Raises ``ActRefused`` (Vietnamese message) and writes nothing when the
    scope, the title or the law forbids it. A repeated ``token`` (the form's one-time token: a double submit)
    writes nothing the second time."""
    act = Act(act)
    case = Case.objects.select_for_update(of=("self",)).select_related("unit", "officer").get(pk=case_id)
    _authorise(user, act, case.unit)
    if token and CaseEvent.objects.filter(case=case, request_token=token).exists():
        return case
    audit_before = _audit_state(case)
    before = case_history(case) if case.decided_on else None
    facts = facts_of(case)
    rule_params, extra = _resolve_params(case, act, params)
    outcome = _check(act, facts, on, rule_params)
    from_state, from_phase = case.state, case.phase
    to_phase = outcome.phase.value if outcome.phase else ""
    to_state = project(outcome.phase).value if outcome.phase else ""
    common = {"from_phase": from_phase, "to_phase": to_phase, "decision_no": decision_no, "request_token": token}
    event_kind = ACT_EVENT[act].value if ACT_EVENT[act] else act.value
    obligations = {o.code: o for o in case.obligations.all()}
    acting_unit = case.unit

    if act in (Act.COLLECT, Act.REDUCE):
        for code, amount in outcome.allocation.items():
            if amount <= 0:
                continue
            ob = obligations[code]
            ev = _append(case, user, acting_unit, event_kind, on, from_state, to_state, obligation=ob, amount=amount,
                         details={"receipt_no": receipt_no, "note": note} if act == Act.COLLECT else {"note": note},
                         **common)
            ob.outstanding -= amount
            ob.save(update_fields=["outstanding"])
            if act == Act.COLLECT:
                LedgerEntry.objects.create(case=case, obligation=ob, kind=LedgerKind.THU, amount=amount, on=on,
                                           receipt_no=receipt_no, event=ev, unit=acting_unit, user=user, note=note)
    elif act == Act.PAYOUT:
        ob = extra["obligation"]
        ev = _append(case, user, acting_unit, event_kind, on, from_state, to_state, obligation=ob,
                     amount=rule_params["amount"], details={"receipt_no": receipt_no, "note": note}, **common)
        _payout_rows(case, ob, rule_params["amount"], on, receipt_no, ev, acting_unit, user, extra)
    else:
        fields = {"ground": rule_params.get("ground", "") or "", "details": _details(act, rule_params, note)}
        if act == Act.MOVE:
            fields["target_unit"] = extra["unit"]
        elif act in (Act.REASSIGN,):
            fields["target_officer"] = extra["officer"]
        elif act == Act.ENTRUST_OUT:
            fields["to_text"] = rule_params["to"]
        elif act == Act.CORRECT:
            fields["corrects"] = extra["target"]
        _append(case, user, acting_unit, event_kind, on, from_state, to_state, **fields, **common)

    _refresh(case, act, outcome, on, decision_no, extra)
    if case.decided_on and (ACT_EVENT[act] is not None or act == Act.DECIDE):
        record_changes([(before, case_history(case))])  # the statistics cells, same transaction
    audit_write(user, f"case.{act.value}", case, before=audit_before, after={
        **_audit_state(case), "act": act.value, "on": on, "decision_no": decision_no, "receipt_no": receipt_no,
        "amount": params.get("amount"), "allocation": dict(outcome.allocation or {}),
        "params": _details(act, rule_params, note)})
    if act == Act.ENTRUST_OUT and extra.get("receiver") is not None:
        incoming = _open_incoming(case, extra["receiver"], on, user)
        _refresh_deadlines([incoming])
    _refresh_deadlines([case])
    return case


@transaction.atomic
def do_reassign_cases(user, case_ids: Iterable[int], officer: Officer, on: date) -> int:
    """Reassign several cases to ``officer`` at once (the work queue's and the case list's bulk reassignment): each
    case through ``do_act`` (its scope, title and rule checks, one history row each), all or nothing. The first
    refusal raises ``ActRefused`` and nothing is written; a case id that does not exist is refused like a case out
    of scope. Cases are locked in id order (two overlapping batches cannot deadlock). Returns the number of cases
    reassigned."""
    ids = sorted(set(case_ids))
    for case_id in ids:
        try:
            do_act(user, case_id, Act.REASSIGN, on, officer=officer)
        except Case.DoesNotExist:
            raise ActRefused(_SCOPE_REFUSAL, "scope") from None
    return len(ids)


def _refresh_deadlines(cases: list[Case]) -> None:
    from thads.deadlines.service import refresh_cases

    refresh_cases(cases)


def _details(act: Act, params: dict, note: str) -> dict:
    out = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in params.items()
           if k not in ("ground", "officer", "unit", "to", "target")}
    if note:
        out["note"] = note
    return out


def _resolve_params(case: Case, act: Act, params: dict) -> tuple[dict, dict]:
    """Turn form values (model instances) into the codes the pure rules take; keep the instances in ``extra``."""
    rule, extra = dict(params), {}
    if act in (Act.DECIDE, Act.REASSIGN):
        officer = params.get("officer")
        if not isinstance(officer, Officer):
            raise ActRefused("Chọn Chấp hành viên được phân công.", "officer.missing")
        if officer.unit_id != case.unit_id:
            # Art. 36 (decision to enforce) and Decree 62/2015 Art. 10 (reassignment): the head assigns an officer
            # of the agency that holds the case; one of another unit is refused whatever form names him.
            raise ActRefused(f"Chấp hành viên {officer.name} không thuộc {case.unit.name}: chỉ được phân công "
                             "Chấp hành viên của cơ quan đang tổ chức thi hành việc này.", "officer.unit")
        extra["officer"] = officer
        rule["officer"] = officer.code
    if act == Act.MOVE:
        unit = params.get("unit")
        if isinstance(unit, Unit):
            extra["unit"] = unit
            rule["unit"] = unit.code
    if act == Act.ENTRUST_OUT:
        receiver = params.get("to")
        if isinstance(receiver, Unit):
            extra["receiver"] = receiver
            rule["to"] = receiver.name
    if act == Act.CORRECT:
        target = params.get("target")
        if isinstance(target, CaseEvent):
            extra["target"] = target
            rule["target"] = f"#{target.seq}"
    if act == Act.PAYOUT:
        code = rule.pop("obligation", None)
        ob = case.obligations.filter(code=code).first() if code else None
        if ob is None:
            raise ActRefused("Chọn khoản cần chi trả.", "payout.obligation")
        extra["obligation"] = ob
        extra["fee_timing"] = rule.pop("fee_timing", None)
        sums = LedgerEntry.objects.filter(case=case, obligation=ob)
        rule["collected_for_creditor"] = sums.filter(kind=LedgerKind.THU).aggregate(s=Sum("amount"))["s"] or 0
        rule["paid_out_to_creditor"] = sums.filter(kind__in=OUTFLOW_KINDS).aggregate(s=Sum("amount"))["s"] or 0
    return rule, extra


def _payout_rows(case, ob, amount, on, receipt_no, ev, unit, user, extra) -> None:
    """Art. 47.5: money to the creditor (chi trả) or into the state budget (nộp NSNN); the enforcement fee
    (Art. 60) is withheld from a creditor's payout when a fee timing is given."""
    if ob.beneficiary == Beneficiary.STATE:
        LedgerEntry.objects.create(case=case, obligation=ob, kind=LedgerKind.NOP_NSNN, amount=amount, on=on,
                                   receipt_no=receipt_no, event=ev, unit=unit, user=user)
        return
    fee = enforcement_fee(amount, FeeTiming(extra["fee_timing"]), on=on) if extra.get("fee_timing") else 0
    payee = case.parties.filter(role="creditor").first()
    if fee:
        LedgerEntry.objects.create(case=case, obligation=ob, kind=LedgerKind.PHI_THA, amount=fee, on=on,
                                   receipt_no=receipt_no, event=ev, unit=unit, user=user, payee=payee)
    if amount - fee > 0:
        LedgerEntry.objects.create(case=case, obligation=ob, kind=LedgerKind.CHI_TRA, amount=amount - fee, on=on,
                                   receipt_no=receipt_no, event=ev, unit=unit, user=user, payee=payee)


def _refresh(case: Case, act: Act, outcome: Outcome, on: date, decision_no: str, extra: dict) -> None:
    f = outcome.facts
    case.phase = outcome.phase.value if outcome.phase else ""
    case.state = project(outcome.phase).value if outcome.phase else ""
    case.intake = f.intake.value
    case.ground = f.ground or ""
    case.outstanding = f.outstanding
    case.last_event_on = on
    case.facts = to_json(f)
    if act == Act.DECIDE:
        case.decided_on, case.decision_no = on, decision_no or case.decision_no
        case.officer = case.origin_officer = extra.get("officer")
        case.origin_unit = case.unit
        case.search_text = _search_text(case)
    elif act == Act.REASSIGN:
        case.officer = extra["officer"]
    elif act == Act.MOVE:
        case.unit = extra["unit"]
    case.save()


def _open_incoming(source: Case, receiver: Unit, on: date, user) -> Case:
    """Arts. 55–57: an entrustment to a unit of the system opens an undecided incoming case there, linked both
    ways (``entrusted_from``); the receiver issues its own decision to enforce."""
    incoming = Case.objects.create(
        ext_id=f"{source.ext_id}-UT", unit=receiver, origin_unit=receiver, initiation=source.initiation,
        judgment_kind=source.judgment_kind, judgment_court=source.judgment_court,
        judgment_number=source.judgment_number, judgment_date=source.judgment_date, received_on=on,
        intake="REQUEST" if source.initiation == "theo_don" else "JUDGMENT", phase="", state="",
        amount=source.outstanding, outstanding=source.outstanding, last_event_on=on, entrusted_from=source,
    )
    for p in source.parties.all():
        Party.objects.create(case=incoming, role=p.role, kind=p.kind, name=p.name, id_number=p.id_number,
                             address=p.address, position=p.position)
    for ob in source.obligations.all():
        if ob.outstanding:
            Obligation.objects.create(case=incoming, code=ob.code, kind=ob.kind, beneficiary=ob.beneficiary,
                                      amount=ob.outstanding, outstanding=ob.outstanding, position=ob.position)
    incoming.search_text = _search_text(incoming)
    incoming.save(update_fields=["search_text"])
    _append(incoming, None, receiver, "received_entrusted", on, "", "", details={"from_case": source.ext_id})
    incoming.save(update_fields=["event_count"])
    audit_write(user, "case.receive_entrusted", incoming, after={
        **_audit_state(incoming), "from_case": source.ext_id, "amount": incoming.amount})
    return incoming


__all__ = ["ActRefused", "ObligationData", "PartyData", "do_act", "do_reassign_cases", "do_receive", "facts_of",
           "received_with", "EventKind"]
