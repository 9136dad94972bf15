"""The only writers of cases (Zulip's ``do_*`` pattern): each act is one atomic transaction that locks the case,
checks the access scope and the title's right to act, checks the law with the pure rules
(``thads.domain.acts.check``), appends the history row(s) and the ledger rows derived from them
(``thads.domain.ledger.ledger_lines``), refreshes the case's caches and publishes the change of the case's history
(``thads.cases.projections``: the statistics, the open deadlines and the search words follow in the same
transaction, without ``cases`` importing them).

Views, forms and (later) the API call these functions; there is no second path for a single act. Attaching a file
(``do_attach``) is here too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.cases import actions_fee
from thads.cases.attachments import UnacceptableFile, max_bytes, may_upload, sniff
from thads.cases.facts import to_json
from thads.cases.histories import case_facts, case_history
from thads.cases.ledger.models import LedgerEntry
from thads.cases.models import RECEIPT_KINDS, Attachment, Case, CaseEvent, Obligation, Party
from thads.cases.numbering import create_numbered, next_ext_id
from thads.cases.projections import HistoryChange, publish
from thads.domain.act_gates import annulment_refusal
from thads.domain.act_types import ACT_FIXED_GROUND
from thads.domain.acts import ACT_EVENT, Act, CaseFacts, Outcome, check, may_perform
from thads.domain.capabilities import Capability
from thads.domain.errors import RuleViolation
from thads.domain.ledger import ledger_lines, payout_fee_decision, prior_payout
from thads.domain.limitation import request_deadline as limitation_deadline
from thads.domain.money import Beneficiary
from thads.domain.states import EventKind, project
from thads.lib.errors import Refused
from thads.org.audit import audit_write
from thads.org.capabilities import can
from thads.org.models import Officer, Unit
from thads.org.scope import scope_queryset


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


#: The rule facts of a case instance: read through the one gateway (``cases.histories``).
facts_of = case_facts


_SCOPE_REFUSAL = "Bạn không có quyền thao tác trên việc của đơn vị này."


def _authorise(user, act: Act, unit: Unit, ground: str | None = None) -> None:
    """The unit in the user's scope and the title's capability to enter acts (``org.capabilities.can``), then the
    act table (``domain.acts.may_perform``: which act the title may enter), then who may annul a decision to enforce
    on ground 37.3.a/b: the head of a superior agency, not the case's own (``domain.act_gates.annulment_refusal``,
    Luật THADS Art. 37.3)."""
    if user is None:
        return  # system acts (import, reorganisation scripts)
    if not can(user, Capability.CHANGE_CASES, unit):
        raise ActRefused(_SCOPE_REFUSAL, "scope")
    if getattr(user, "is_superuser", False):
        return  # the technical root account may perform any act (data repair); staff accounts act by title
    if not getattr(user, "title", "") or not may_perform(user.title, act):
        raise ActRefused("Chức danh của bạn không được thực hiện thao tác này.", "title")
    if act == Act.REVOKE:
        own = getattr(user, "unit", None)
        why = annulment_refusal(ground, user.title, own.path if own is not None else None, unit.path)
        if why:
            raise ActRefused(why, "revoke.annulment_authority")


def submitted_with(token: str, *, case: Case | None = None, kinds: Iterable[str] | None = None,
                   cases: Iterable[int] | None = None) -> CaseEvent | None:
    """The history row a form with this one-time token already wrote (a double submit: a double click, a reload),
    if any: the one check of ``do_receive`` (among receipts, whatever the case), ``do_act`` (on its case) and the
    debtor-wide collection (among the debtor's ``cases``). No token, no check."""
    if not token:
        return None
    events = CaseEvent.objects.filter(request_token=token)
    if case is not None:
        events = events.filter(case=case)
    if cases is not None:
        events = events.filter(case_id__in=list(cases))
    if kinds is not None:
        events = events.filter(kind__in=list(kinds))
    return events.select_related("case").first()


def received_with(token: str) -> Case | None:
    """The case a receive form with this one-time token already opened (a double submit), if any."""
    event = submitted_with(token, kinds=RECEIPT_KINDS)
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
    ext_id = next_ext_id(unit, on)
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
    case = create_numbered(unit, on, ext_id, fields)
    for role, people in (("debtor", debtors), ("creditor", creditors)):
        for pos, p in enumerate(people):
            Party.objects.create(case=case, role=role, kind=p.kind, name=p.name, id_number=p.id_number,
                                 address=p.address, position=pos)
    for pos, ob in enumerate(obligations, start=1):
        Obligation.objects.create(case=case, code=str(pos), kind=ob.kind, beneficiary=ob.beneficiary,
                                  amount=ob.amount, outstanding=ob.amount, position=pos)
    _append(case, user, unit, act.value, on, "", "", details={"court": court, "judgment_number": judgment_number},
            request_token=token)
    case.save(update_fields=["event_count"])
    audit_write(user, "case.receive", case, after={
        **_audit_state(case), "act": act.value, "on": on, "initiation": initiation, "judgment_kind": judgment_kind,
        "judgment_number": judgment_number, "amount": case.amount, "debtors": len(debtors),
        "creditors": len(creditors)})
    publish([HistoryChange(case.id, None, None)])  # not decided: the deadlines and the search words
    case.refresh_from_db(fields=["search_text"])
    return case


def _audit_state(case: Case) -> dict:
    """What an act may change, for the audit row's before/after (no personal data: the parties are not in it)."""
    return {"state": case.state, "phase": case.phase, "intake": case.intake, "ground": case.ground,
            "outstanding": case.outstanding, "officer": case.officer_id, "unit": case.unit_id,
            "decided_on": case.decided_on, "decision_no": case.decision_no,
            "obligations": {o.code: o.outstanding for o in Obligation.objects.filter(case=case).order_by("position")}}


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
    _authorise(user, act, case.unit, ground=params.get("ground"))
    if submitted_with(token, case=case) is not None:
        return case
    audit_before = _audit_state(case)
    before = case_history(case, full=False) if case.decided_on else None  # the projections' before: no parties
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
            _ledger_rows(case, ev, ob, receipt_no=receipt_no, user=user, note=note)  # a collection: its receipt
    elif act == Act.PAYOUT:
        ob, amount = extra["obligation"], rule_params["amount"]
        # Art. 60; TT 216/2016 Arts. 4-6: the fee withheld is decided now (cumulative over the creditor's earlier
        # payouts, exemptions by kind) and kept in the event, so that its rows can be derived again.
        try:
            decided = payout_fee_decision(amount, ob.beneficiary, extra.get("fee_timing"), on=on, kind=ob.kind,
                                          proactive=case.initiation == "chu_dong",
                                          exemption=extra.get("fee_exemption"), prior=extra["prior_payouts"],
                                          relief=actions_fee.relief_for_payout(case, ob))
        except RuleViolation as exc:
            raise ActRefused(exc.message_vi, exc.code) from None
        ev = _append(case, user, acting_unit, event_kind, on, from_state, to_state, obligation=ob, amount=amount,
                     details={"receipt_no": receipt_no, "note": note, **decided.details()}, **common)
        payee = None if ob.beneficiary == Beneficiary.STATE else case.parties.filter(role="creditor").first()
        _ledger_rows(case, ev, ob, receipt_no=receipt_no, user=user, payee=payee, fee=decided.fee)
    elif act == Act.FEE_RELIEF:
        _fee_relief(case, user, on, extra, rule_params, note, common)
    else:
        fields = {"ground": rule_params.get("ground", "") or ACT_FIXED_GROUND.get(act, ""),
                  "details": _details(act, rule_params, note)}
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
    # The contract history changed only by a contract event or the decision (a notice, a payout: not for it).
    contract = case.decided_on and (ACT_EVENT[act] is not None or act == Act.DECIDE)
    change = HistoryChange(case.id, before, case_history(case, full=False) if contract else before)
    audit_write(user, f"case.{act.value}", case, before=audit_before, after={
        **_audit_state(case), "act": act.value, "on": on, "decision_no": decision_no, "receipt_no": receipt_no,
        "amount": params.get("amount"), "allocation": dict(outcome.allocation or {}),
        "params": _details(act, rule_params, note)})
    changes = [change]
    if act == Act.ENTRUST_OUT and extra.get("receiver") is not None:
        incoming = _open_incoming(case, extra["receiver"], on, user)
        changes.insert(0, HistoryChange(incoming.id, None, None))
    publish(changes)  # statistics, deadlines, search words: same transaction
    if act == Act.DECIDE:
        case.refresh_from_db(fields=["search_text"])
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
    if act == Act.FEE_RELIEF:
        try:
            extra["obligation"], extra["target"], extra["decisions"] = actions_fee.resolve(case, rule)
        except ValueError as exc:
            raise ActRefused(str(exc), "fee_relief.obligation") from None
    if act == Act.PAYOUT:
        code = rule.pop("obligation", None)
        ob = case.obligations.filter(code=code).first() if code else None
        if ob is None:
            raise ActRefused("Chọn khoản cần chi trả.", "payout.obligation")
        extra["obligation"] = ob
        extra["fee_timing"] = rule.pop("fee_timing", None)
        extra["fee_exemption"] = rule.pop("fee_exemption", None)  # a TT 216/2016 Art. 6 point the accountant states
        # What was collected for the obligation and paid out of it so far: the history's money events (the ledger
        # rows are derived from them; a payout's fee and remainder together are its amount).
        moved = CaseEvent.objects.filter(case=case, obligation=ob)
        rule["collected_for_creditor"] = moved.filter(kind=EventKind.PAYMENT).aggregate(s=Sum("amount"))["s"] or 0
        rule["paid_out_to_creditor"] = moved.filter(kind=Act.PAYOUT.value).aggregate(s=Sum("amount"))["s"] or 0
        # TT 216/2016 Arts. 5.2-5.3: the fee is cumulative over what this creditor was paid under the case; the
        # earlier payouts are read from the history (amount, and the fee and its base kept in the details).
        earlier = (CaseEvent.objects.filter(case=case, kind=Act.PAYOUT.value, obligation__creditor=ob.creditor_id)
                   .exclude(obligation__beneficiary=Beneficiary.STATE))
        extra["prior_payouts"] = [prior_payout(a, d) for a, d in earlier.values_list("amount", "details")]
    return rule, extra


def _fee_relief(case: Case, user, on: date, extra: dict, params: dict, note: str, common: dict) -> None:
    """TT 216/2016 Art. 7.4: the head's decision on a fee application (``actions_fee``), refunds as HOAN_TRA rows."""
    try:
        rows, plan = actions_fee.relief_rows(extra["obligation"], params, on, extra["target"], extra["decisions"],
                                             note)
    except RuleViolation as exc:
        raise ActRefused(exc.message_vi, exc.code) from None
    payee = case.parties.filter(role="creditor").first()  # as for the payout
    for row in rows:
        ev = _append(case, user, case.unit, Act.FEE_RELIEF.value, on, case.state, case.state, obligation=row.obligation,
                     amount=row.amount, details=row.details, **common)
        _ledger_rows(case, ev, row.obligation, receipt_no="", user=user, payee=payee, note=note)
    params["refunds"] = [[seq, amount] for seq, amount in plan.refunds] if plan else []


def _ledger_rows(case: Case, ev: CaseEvent, ob: Obligation, *, receipt_no: str, user, payee: Party | None = None,
                 note: str = "", fee: int = 0) -> None:
    """The cash-book rows of a money event, derived by ``domain.ledger.ledger_lines`` (Luật THADS Arts. 47, 60):
    a collection's receipt (THU); a payout into the state budget (NOP_NSNN) or to the creditor, the enforcement fee
    withheld (PHI_THA) and the remainder (CHI_TRA). Each row points at its event, with its date and unit."""
    for line in ledger_lines(ev.kind, ev.amount, ob.beneficiary, fee):
        LedgerEntry.objects.create(case=case, obligation=ob, kind=line.kind, amount=line.amount, on=ev.on,
                                   receipt_no=receipt_no, event=ev, unit=ev.unit, user=user, payee=payee, note=note)


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
    _append(incoming, None, receiver, "received_entrusted", on, "", "", details={"from_case": source.ext_id})
    incoming.save(update_fields=["event_count"])
    audit_write(user, "case.receive_entrusted", incoming, after={
        **_audit_state(incoming), "from_case": source.ext_id, "amount": incoming.amount})
    return incoming


# ------------------------------------------------------------------------------------------------- attachments


class AttachmentRefused(Refused):
    """A file that may not be attached (no right, too big, empty, not an allowed type); ``message`` for the user."""


@transaction.atomic
def do_attach(user, case_pk: int, upload, description: str = "") -> Attachment:
    """Store ``upload`` (a Django ``UploadedFile`` or any file object with ``name``/``size``) on the case: the row
    and its ``attachment.upload`` audit row in one transaction; the stored file is removed again when the
    transaction fails after it was written (no file without its row). The checks of the content and the storage
    are ``cases.attachments``'.

    No history row is written: the history holds the legal acts of the interchange contract
    (../shared/domain/interchange.md); an attachment is not one, and an event kind unknown to the contract would
    break the other implementations that read the exported histories. The audit row is the record of the upload."""
    case = scope_queryset(user, Case.objects.select_related("unit")).filter(pk=case_pk).first()
    if case is None or not may_upload(user, case):
        raise AttachmentRefused(_("You may not attach files to this case."), "scope")
    size = upload.size
    if size > max_bytes():
        raise AttachmentRefused(_("The file is larger than %(mb)s MB.") % {"mb": max_bytes() // (1024 * 1024)},
                                "size")
    if size == 0:
        raise AttachmentRefused(_("The file is empty."), "empty")
    upload.seek(0)
    head = upload.read(16)
    try:
        content_type = sniff(upload.name, head, upload)
    except UnacceptableFile as exc:
        raise AttachmentRefused(exc.message, "type") from None
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(1 << 20), b""):
        digest.update(chunk)
    upload.seek(0)
    name = PurePosixPath(upload.name.replace("\\", "/")).name[:255]
    attachment = Attachment(case=case, filename=name, content_type=content_type, size=size,
                            sha256=digest.hexdigest(), description=description.strip()[:255], uploaded_by=user)
    attachment.file.save(name, upload, save=False)
    stored = attachment.file.name
    try:
        attachment.save()
        audit_write(user, "attachment.upload", attachment, unit=case.unit, after={
            "case": case.ext_id, "filename": name, "content_type": content_type, "size": size,
            "sha256": attachment.sha256, "description": attachment.description, "file": stored})
    except Exception:
        attachment.file.storage.delete(stored)
        raise
    return attachment


__all__ = ["ActRefused", "AttachmentRefused", "do_attach", "submitted_with", "ObligationData", "PartyData", "do_act", "do_reassign_cases", "do_receive", "facts_of",
           "received_with", "EventKind"]
