"""From the database to a document's plain values: the case, the act a document records, who may make which kind.

Reads only (the write is ``thads.documents.actions.do_generate_document``). Which title may make a document is the
act table (``may_perform`` with the act the document records, ``legal_bases.KIND_ACT``), as for the act itself.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

from thads.cases.models import Case, CaseEvent
from thads.documents.generate import DEFAULT_PLACE, ActInfo, AmountRow, CaseInfo, DocumentRefused, PartyInfo
from thads.documents.models import Letterhead
from thads.domain import legal_bases as legal
from thads.domain.act_types import ACT_LABELS_VI, ACT_PHASES, may_perform
from thads.domain.legal_bases import KIND_ACT, KIND_EVENTS, DocKind
from thads.domain.legal_texts import FEE_KINDS
from thads.domain.roles import Title
from thads.domain.states import RETURN_REQUEST_GROUND
from thads.org.scope import Action, allowed


def case_info(case: Case, *, creditor_id: int | None = None) -> CaseInfo:
    """The case's facts for a document. ``creditor_id``: the document concerns one creditor only (the fee
    documents of TT 216/2016 Arts. 5.1 and 7.4 are addressed to the person who pays the fee): the other creditors
    are left out, so that a refusal's grounds (poverty, illness) reach no one else."""
    letterhead = Letterhead.objects.filter(unit=case.unit).first()
    parent = case.unit.parent
    parties = [p for p in case.parties.all() if creditor_id is None or p.role != "creditor" or p.pk == creditor_id]
    obligations = list(case.obligations.all())

    def info(p) -> PartyInfo:
        return PartyInfo(p.name, p.address, p.id_number)

    return CaseInfo(
        ext_id=case.ext_id, unit_name=case.unit.name,
        governing_body=(letterhead.governing_body if letterhead and letterhead.governing_body
                        else (parent.name if parent else "")),
        place=letterhead.place if letterhead else getattr(settings, "DOCUMENT_PLACE", DEFAULT_PLACE),
        symbol=letterhead.symbol if letterhead else "THADS",
        initiation=case.initiation, judgment_kind=case.judgment_kind, interim=case.interim,
        judgment_number=case.judgment_number, judgment_date=case.judgment_date, court=case.judgment_court,
        request_on=case.request_on, requester=case.requester, decision_no=case.decision_no,
        decided_on=case.decided_on, officer_name=case.officer.name if case.officer_id else "",
        debtors=tuple(info(p) for p in parties if p.role == "debtor"),
        creditors=tuple(info(p) for p in parties if p.role == "creditor"),
        obligations=tuple(AmountRow(o.kind, o.amount, o.beneficiary) for o in obligations),
        outstanding=tuple(AmountRow(o.kind, o.outstanding, o.beneficiary) for o in obligations),
    )


def without_personal_data(info: CaseInfo) -> CaseInfo:
    """The case with the parties' names only: no ID numbers, no addresses (for a reader without
    ``Action.PERSONAL_DATA``; Luật THADS Art. 9 and Decree 13/2023/NĐ-CP on personal data)."""
    from dataclasses import replace

    def names_only(parties: tuple[PartyInfo, ...]) -> tuple[PartyInfo, ...]:
        return tuple(PartyInfo(p.name) for p in parties)

    return replace(info, debtors=names_only(info.debtors), creditors=names_only(info.creditors))


def refuse_missing(kind: DocKind) -> DocumentRefused:
    """The refusal when the history holds no act a document of ``kind`` can record."""
    act = ACT_LABELS_VI[KIND_ACT[kind]]
    return DocumentRefused(f"Việc này chưa có thao tác «{act}» phù hợp trong lịch sử: hãy ghi nhận thao tác trước "
                           "khi lập văn bản.", "event")


def candidate_events(case: Case, kind: DocKind) -> list[CaseEvent]:
    """History rows a document of ``kind`` may document, newest first."""
    events = list(case.events.filter(kind__in=KIND_EVENTS[kind]).order_by("-seq"))
    if kind == DocKind.NOT_YET_ABLE:
        events = [e for e in events if e.from_phase != "NOT_YET_ABLE"]
    elif kind == DocKind.CREDITOR_NOTICE:
        events = [e for e in events if e.from_phase == "NOT_YET_ABLE" and _reverifications(case, e) >= 2]
    elif kind == DocKind.RESUME:
        events = [e for e in events if e.kind == "resumed" or e.from_phase == "NOT_YET_ABLE"]
    elif kind == DocKind.TERMINATE:  # a returned request travels as ``terminated`` with its own ground
        events = [e for e in events if e.ground != RETURN_REQUEST_GROUND]
    elif kind == DocKind.RETURN_REQUEST:
        events = [e for e in events if e.ground == RETURN_REQUEST_GROUND]
    elif kind == DocKind.FEE_DECISION:  # TT 216/2016 Art. 5.1: a payout that withheld a fee
        events = [e for e in events if int((e.details or {}).get("fee") or 0) > 0]
    elif kind in (DocKind.FEE_RELIEF, DocKind.FEE_RELIEF_REFUSAL):  # TT 216/2016 Art. 7.4: a decision or a refusal
        outcome = "granted" if kind == DocKind.FEE_RELIEF else "refused"
        events = [e for e in events if (e.details or {}).get("outcome") == outcome]
    elif kind == DocKind.ENTRUST_REVOKE:  # only an entrustment that recorded its revoking decision (Art. 57.1.a)
        events = [e for e in events if (e.details or {}).get("revocation_no") and (e.details or {}).get("revocation_on")]
    return events


def _reverifications(case: Case, event: CaseEvent) -> int:
    """Re-verifications in the not-yet-enforceable spell up to ``event`` (Art. 44.2)."""
    count = 0
    for ev in case.events.filter(seq__lte=event.seq).order_by("seq").only("kind", "from_phase"):
        if ev.kind == "classified_unable":
            count = count + 1 if ev.from_phase == "NOT_YET_ABLE" else 0
        elif ev.kind in ("verified_able", "resumed"):
            count = 0
    return count


def _payment_group(case: Case, event: CaseEvent) -> list[CaseEvent]:
    """The payment rows written by one collection (one per obligation, same form token or same receipt)."""
    rows = case.events.filter(kind="payment", on=event.on).select_related("obligation").order_by("seq")
    if event.request_token:
        return [e for e in rows if e.request_token == event.request_token]
    receipt = (event.details or {}).get("receipt_no", "")
    return [e for e in rows if (e.details or {}).get("receipt_no", "") == receipt
            and abs(e.seq - event.seq) < 20] if receipt else [event]


def act_info(case: Case, kind: DocKind, event: CaseEvent | None, on: date) -> ActInfo:
    if event is None:
        return ActInfo(on=on)
    details = event.details or {}
    until = None
    if details.get("until"):
        try:
            until = date.fromisoformat(details["until"])
        except ValueError:
            until = None
    amounts: tuple[AmountRow, ...] = ()
    receipt_no = ""
    if kind in (DocKind.RECEIPT, DocKind.PAYOUT_NOTICE):
        group = _payment_group(case, event)
        amounts = tuple(AmountRow(e.obligation.kind if e.obligation_id else "khac", e.amount or 0,
                                  e.obligation.beneficiary if e.obligation_id else "person") for e in group)
        receipt_no = details.get("receipt_no", "")
    fee: dict = {}
    if kind in FEE_KINDS:
        amounts, fee = _fee_facts(case, kind, event)
    on, decision_no = event.on, event.decision_no
    if kind == DocKind.ENTRUST_REVOKE:  # the revoking decision's own number and date (Art. 57.1.a)
        decision_no = details.get("revocation_no", "")
        try:
            on = date.fromisoformat(details.get("revocation_on", ""))
        except ValueError:
            on = event.on
    ground = fee.get("point", "") if kind in FEE_KINDS else event.ground
    return ActInfo(on=on, kind=event.kind, ground=ground, from_phase=event.from_phase,
                   decision_no=decision_no, until=until, receiver=event.to_text, receipt_no=receipt_no,
                   amounts=amounts, reverifications=_reverifications(case, event) if kind == DocKind.CREDITOR_NOTICE
                   else 0, fee=fee)


def _fee_facts(case: Case, kind: DocKind, event: CaseEvent) -> tuple[tuple[AmountRow, ...], dict]:
    """What a fee document prints (``domain.fee_texts.fee_context``): for the fee decision (TT 216/2016 Art. 5.1)
    the payout, the creditor's cumulative amount and the fee; for a relief or a refusal (Art. 7.4) its point,
    percentage, refund and dates."""
    d = event.details or {}
    ob_kind = event.obligation.kind if event.obligation_id else "khac"
    if kind == DocKind.FEE_DECISION:
        earlier = case.events.filter(kind="payout", seq__lte=event.seq, obligation__creditor=event.obligation.creditor_id
                                     ).exclude(obligation__beneficiary="state").values_list("details", flat=True)
        cumulative = sum(int((x or {}).get("fee_base") or 0) for x in earlier)
        return (AmountRow(ob_kind, event.amount or 0),), {
            "received": event.amount or 0, "cumulative": cumulative, "fee": d.get("fee"), "gross": d.get("fee_gross"),
            "timing": d.get("fee_timing"), "exemption": d.get("fee_exemption"),
            "relief_point": d.get("fee_relief_ground"), "relief_percent": d.get("fee_relief_percent")}
    payout = case.events.filter(seq=d.get("payout_seq") or 0, kind="payout").first()
    return ((AmountRow(ob_kind, event.amount),) if event.amount else ()), {
        "point": d.get("point", ""), "percent": d.get("percent"), "refund": event.amount or 0,
        "payout_fee": d.get("fee") or 0, "payout_on": _dmy(payout.on) if payout else "",
        "received_on": _dmy(d.get("received_on")), "due_on": _dmy(d.get("due_on")), "reason": d.get("reason", "")}


def _dmy(value) -> str:
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    return value.strftime("%d/%m/%Y") if value else ""


def document_number(kind: DocKind, act: ActInfo, case: Case) -> str:
    """The number the act recorded (decision number, receipt number); blank otherwise: the clerical office
    (văn thư) numbers documents when they are issued, so THADS never invents one."""
    if kind == DocKind.RECEIPT:
        return act.receipt_no
    if kind in (DocKind.DECIDE_PROACTIVE, DocKind.DECIDE_ON_REQUEST):
        return act.decision_no or case.decision_no
    if kind in legal.DECISION_KINDS:
        return act.decision_no
    return ""


def may_lack_event(case: Case, kind: DocKind) -> bool:
    """Whether a document of ``kind`` can be made without a history row: the notice to the debtor while the
    notification is still due (it is drafted before the notification is recorded), and the decision to enforce of
    an imported case that has its decision but no ``decide`` row."""
    if kind in legal.EVENT_OPTIONAL:
        return case.phase in {p.value for p in ACT_PHASES[KIND_ACT[kind]]}
    return kind in (DocKind.DECIDE_PROACTIVE, DocKind.DECIDE_ON_REQUEST) and case.decided_on is not None


def may_generate(user, case: Case, kind: DocKind | str) -> bool:
    """Scope (the user may view the case) and title (may perform the act the document records)."""
    if not allowed(user, Action.VIEW, case.unit):
        return False
    if getattr(user, "is_superuser", False):
        return True
    try:
        title = Title(user.title)
    except ValueError:
        return False
    return may_perform(title, KIND_ACT[DocKind(kind)])


def kinds_for(case: Case) -> list[DocKind]:
    """The kinds that fit the case's initiation (the wrong decision to enforce is never offered)."""
    wrong = DocKind.DECIDE_ON_REQUEST if case.initiation == "chu_dong" else DocKind.DECIDE_PROACTIVE
    return [k for k in DocKind if k != wrong]


def initiation_refusal(case: Case, kind: DocKind) -> DocumentRefused | None:
    """The wrong decision to enforce for the case's initiation (Luật THADS Art. 36: proactive or on request)."""
    if kind in kinds_for(case):
        return None
    if kind == DocKind.DECIDE_PROACTIVE:
        message = ("Việc này thi hành theo yêu cầu: phải dùng quyết định thi hành án theo yêu cầu, không dùng "
                   "mẫu chủ động.")
    else:
        message = ("Việc này thuộc diện chủ động thi hành: phải dùng quyết định thi hành án chủ động, không "
                   "dùng mẫu theo yêu cầu.")
    return DocumentRefused(message, "initiation")


def documented_act(case: Case, kind: DocKind, event_id: int | None, on: date) -> tuple[CaseEvent | None, ActInfo]:
    """The history row a new document of ``kind`` records (``event_id`` when chosen, else the newest fitting one,
    or none where the kind may lack it) and its :class:`ActInfo`, dated by the act, else by the case's decision
    (decisions to enforce), else ``on``. Raises :class:`DocumentRefused` when the history does not allow it."""
    events = candidate_events(case, kind)
    if event_id is not None:
        event = next((e for e in events if e.pk == event_id), None)
        if event is None:
            raise DocumentRefused("Thao tác được chọn không phải là thao tác mà loại văn bản này ghi nhận.", "event")
    else:
        event = events[0] if events else None
    if event is None and not may_lack_event(case, kind):
        raise refuse_missing(kind)
    doc_on = event.on if event is not None else (case.decided_on if kind in (
        DocKind.DECIDE_PROACTIVE, DocKind.DECIDE_ON_REQUEST) else None) or on
    act = act_info(case, kind, event, doc_on)
    if kind == DocKind.PAYOUT_NOTICE and not any(r.beneficiary != "state" for r in act.amounts):
        raise DocumentRefused("Khoản đã thu là khoản nộp ngân sách nhà nước, không chi trả cho người được thi hành "
                              "án.", "payout.state")
    return event, act
