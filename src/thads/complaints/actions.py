"""The writers of citizen reception and intake (issue 16; THADS.md §6): ``do_schedule_reception``,
``do_log_reception``, ``do_register_letter``, ``do_record_matter``, ``do_escalate``; and, from
:mod:`thads.complaints.actions_matters`, the decisions on a matter (``do_accept``, ``do_not_accept``, ``do_forward``,
``do_archive``, ``do_extend``, ``do_resolve``, ``do_link``, ``do_withdraw``) and the one reader of a denunciator's
identity (``identity_for``). Each is one atomic transaction: the scope (``org.scope.allowed``, ``Action.CHANGE``;
``Action.PERSONAL_DATA`` to write a person's identity), the title (``domain.petition_rules.STEP_TITLES``; decisions by
the head or deputy of the competent unit, Arts. 142, 157), the pure rule (``domain.petition_rules``), the rows, the
matter's history row (``MatterEvent``, numbered by ``seq``), the audit row (``org.audit.audit_write``), the matter's
deadlines (``Deadline`` rows of subject "matter:N": ``actions_common.sync``), then it returns. A refusal raises
:class:`~thads.complaints.errors.ComplaintsRefused` (Vietnamese message, the form field it is about) and writes
nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from django.db import transaction

from thads.cases.models import Case
from thads.complaints.actions_common import (
    SCOPE_REFUSAL,
    actor,
    add_event,
    authorise,
    legal_date,
    locked_matter,
    not_before,
    personal_data,
    refuse,
    required,
    sync,
    unit_chain,
    unit_in_scope,
)
from thads.complaints.actions_matters import (
    do_accept,
    do_archive,
    do_extend,
    do_forward,
    do_link,
    do_not_accept,
    do_resolve,
    do_withdraw,
    identity_for,
)
from thads.complaints.errors import ComplaintsRefused
from thads.complaints.models import Letter, Matter, MatterEvent, Reception, ReceptionDay
from thads.domain.petition_rules import Step, competent_unit, escalation_refusal
from thads.domain.petitions import (
    Channel,
    ComplainedAct,
    MatterEventKind,
    MatterKind,
    MatterStatus,
    ProcuracyAct,
    ReceptionOutcome,
    Respondent,
)
from thads.domain.roles import DECIDING_TITLES
from thads.org.audit import audit_write
from thads.org.models import Unit, User
from thads.org.scope import Action, allowed, covers, scope_queryset

__all__ = ["do_accept", "do_archive", "do_escalate", "do_extend", "do_forward", "do_link", "do_log_reception",
           "do_not_accept", "do_record_matter", "do_register_letter", "do_resolve", "do_schedule_reception",
           "do_withdraw", "identity_for"]

E = MatterEventKind


def _choice(value: str, enum, field: str, what: str) -> str:
    if value not in enum.__members__.values():
        raise ComplaintsRefused(f"{what} không hợp lệ.", field, code=f"{field}.invalid")
    return value


def _persons(items: Iterable[Mapping], field: str, keys: Sequence[str]) -> list[dict]:
    out = []
    for item in items or ():
        person = {k: (str(item.get(k) or "")).strip() for k in keys if k != "representative"}
        if "representative" in keys:
            person["representative"] = bool(item.get("representative"))
        if not person.get("name"):
            raise ComplaintsRefused("Cần họ tên của từng người.", field, code=f"{field}.name")
        out.append(person)
    return out


@transaction.atomic
def do_schedule_reception(user, unit_id: int, *, on: date, receiver_id: int | None = None, head_day: bool = False,
                          place: str = "", note: str = "") -> ReceptionDay:
    """A day on the reception schedule (lịch tiếp công dân, Luật Tiếp công dân 2013 Art. 18): who receives, where;
    ``head_day``: the head's (or deputy's) own reception day. The day may be in the future (it is a schedule)."""
    unit = unit_in_scope(user, unit_id, Step.RECEIVE)
    if not 2009 <= on.year <= 2040:
        raise ComplaintsRefused(f"Ngày {on:%d/%m/%Y} nằm ngoài lịch làm việc.", "on", code="date_range")
    receiver = None
    if receiver_id is not None:
        receiver = User.objects.select_related("unit").filter(pk=receiver_id, is_active=True).first()
        if receiver is None or receiver.unit is None or not receiver.unit.path.startswith(unit.path):
            raise ComplaintsRefused("Người tiếp công dân phải là cán bộ của đơn vị.", "receiver_id",
                                    code="receiver.unit")
        if head_day and receiver.title not in DECIDING_TITLES:
            raise ComplaintsRefused("Ngày tiếp công dân của Thủ trưởng do Thủ trưởng hoặc Phó Thủ trưởng tiếp.",
                                    "receiver_id", code="receiver.head_day")
    day = ReceptionDay.objects.create(unit=unit, on=on, receiver=receiver, head_day=head_day,
                                      place=(place or "").strip()[:255], note=(note or "").strip()[:255])
    audit_write(user, "complaints.schedule", day, unit=unit, after={
        "on": on, "receiver": receiver_id, "head_day": head_day, "place": day.place})
    return day


@transaction.atomic
def do_log_reception(user, unit_id: int, *, on: date, persons: Sequence[Mapping], content: str, outcome: str,
                     group_size: int = 1, case_ids: Iterable[int] = (), head_day: bool = False,
                     schedule_id: int | None = None) -> Reception:
    """One reception (lượt tiếp công dân): the persons received (a group's representatives marked), what they said,
    the cases concerned, the outcome (guided, answered on the spot, recorded as matters). The receiver is the user."""
    unit = unit_in_scope(user, unit_id, Step.RECEIVE)
    legal_date(on)
    people = _persons(persons, "persons", ("name", "id_number", "address", "representative"))
    if not people:
        raise ComplaintsRefused("Cần ghi ít nhất một người được tiếp.", "persons", code="persons.missing")
    if any(p["id_number"] or p["address"] for p in people):
        personal_data(user, unit)
    content = required(content, "content", "nội dung trình bày")
    _choice(outcome, ReceptionOutcome, "outcome", "Kết quả tiếp")
    if int(group_size or 0) < len(people):
        raise ComplaintsRefused("Số người trong đoàn không ít hơn số người được ghi.", "group_size",
                                code="group_size")
    schedule = None
    if schedule_id is not None:
        schedule = ReceptionDay.objects.filter(pk=schedule_id, unit=unit, on=on).first()
        if schedule is None:
            raise ComplaintsRefused("Lịch tiếp không phải của đơn vị trong ngày này.", "schedule_id",
                                    code="schedule")
        head_day = head_day or schedule.head_day
    ids = sorted(set(case_ids or ()))
    cases = list(scope_queryset(user, Case.objects.filter(pk__in=ids))) if user is not None else \
        list(Case.objects.filter(pk__in=ids))
    if len(cases) != len(ids):
        raise ComplaintsRefused("Có việc thi hành án không thuộc phạm vi của bạn.", "case_ids", code="case.scope")
    reception = Reception.objects.create(unit=unit, on=on, receiver=actor(user), head_day=head_day,
                                         schedule=schedule, persons=people, group_size=int(group_size),
                                         content=content, outcome=outcome, created_by=actor(user))
    reception.cases.set(cases)
    audit_write(user, "complaints.reception", reception, unit=unit, after={
        "on": on, "persons": len(people), "group_size": int(group_size), "outcome": outcome,
        "cases": [c.ext_id for c in cases], "head_day": head_day})
    return reception


@transaction.atomic
def do_register_letter(user, unit_id: int, *, received_on: date, channel: str, content: str,
                       signatories: Sequence[Mapping] = (), anonymous: bool = False, forwarded_by: str = "",
                       reception_id: int | None = None) -> Letter:
    """A letter received by hand, post, hotline, portal or forwarded by another body (TT 13/2021 Art. 5), entered in
    the register (Art. 5.2); its matters are recorded next (``do_record_matter``, one per content: Art. 6.2)."""
    unit = unit_in_scope(user, unit_id, Step.RECEIVE)
    legal_date(received_on, "received_on")
    _choice(channel, Channel, "channel", "Nguồn đơn")
    content = required(content, "content", "nội dung đơn")
    people = _persons(signatories, "signatories", ("name", "id_number", "address"))
    if anonymous and people:
        raise ComplaintsRefused("Đơn giấu tên không ghi người ký.", "signatories", code="signatories.anonymous")
    if people:
        personal_data(user, unit)
    forwarded_by = (forwarded_by or "").strip()
    if channel == Channel.FORWARDED and not forwarded_by:
        raise ComplaintsRefused("Cần ghi cơ quan, tổ chức đã chuyển đơn đến.", "forwarded_by",
                                code="forwarded_by.missing")
    reception = None
    if reception_id is not None:
        reception = Reception.objects.filter(pk=reception_id, unit=unit).first()
        if reception is None:
            raise ComplaintsRefused("Lượt tiếp không phải của đơn vị.", "reception_id", code="reception")
        not_before(received_on, reception.on, "ngày tiếp công dân", "received_on")
    letter = Letter.objects.create(unit=unit, received_on=received_on, channel=channel, forwarded_by=forwarded_by[:255],
                                   reception=reception, signatories=people, anonymous=anonymous, content=content,
                                   created_by=actor(user))
    audit_write(user, "complaints.letter", letter, unit=unit, after={
        "received_on": received_on, "channel": channel, "signatories": len(people), "anonymous": anonymous,
        "forwarded_by": forwarded_by, "reception": reception_id})
    return letter


def _case_for(user, case_id: int | None) -> Case | None:
    if case_id is None:
        return None
    case = Case.objects.select_related("unit").filter(pk=case_id).first()
    if case is None or (user is not None and not allowed(user, Action.VIEW, case.unit)):
        raise ComplaintsRefused("Việc thi hành án không thuộc phạm vi của bạn.", "case_id", code="case.scope")
    return case


def _matter_fields(kind: str, complained_act: str, respondent: str, procuracy_act: str, level: int) -> str:
    """Check the classification of a matter; returns the respondent (an officer by default for a complaint or a
    denunciation)."""
    _choice(kind, MatterKind, "kind", "Loại đơn")
    if kind == MatterKind.COMPLAINT and complained_act:
        _choice(complained_act, ComplainedAct, "complained_act", "Loại quyết định, hành vi bị khiếu nại")
    if kind == MatterKind.COMPLAINT and not complained_act and level < 2:
        raise ComplaintsRefused("Cần ghi loại quyết định, hành vi bị khiếu nại (Điều 140.2 Luật THADS).",
                                "complained_act", code="complained_act.missing")
    if kind == MatterKind.PROCURACY:
        _choice(procuracy_act, ProcuracyAct, "procuracy_act", "Loại văn bản của Viện kiểm sát")
    if respondent:
        _choice(respondent, Respondent, "respondent", "Người bị khiếu nại, tố cáo")
    return respondent or (Respondent.OFFICER if kind in (MatterKind.COMPLAINT, MatterKind.DENUNCIATION) else "")


@transaction.atomic
def do_record_matter(user, unit_id: int, *, kind: str, received_on: date, summary: str, letter_id: int | None = None,
                     case_id: int | None = None, complained_act: str = "", act_known_on: date | None = None,
                     respondent: str = "", respondent_name: str = "", level: int = 1, parent_id: int | None = None,
                     signatories: int = 1, procuracy_act: str = "", number: str = "",
                     identity: Mapping | None = None) -> Matter:
    """Record one matter of a letter, of a reception or of the procuracy (a protest comes without a letter): its
    classification (TT 13/2021 Art. 6), the competent unit over the org tree (Arts. 142, 157: the unit whose staff is
    complained about — the case's unit, else the receiving unit — or the one above), hence whether it is within the
    unit's competence, and the denunciator's identity kept apart (Art. 155.1.b). A second-level complaint is
    ``do_escalate``'s (``level`` 2 with ``parent_id`` is passed to it)."""
    if level >= 2:
        if parent_id is None:
            raise ComplaintsRefused("Khiếu nại lần hai phải gắn với vụ việc đã giải quyết lần đầu.", "parent_id",
                                    code="parent.missing")
        return _escalate(user, parent_id, received_on=received_on, summary=summary, letter_id=letter_id,
                         decision_received_on=act_known_on, number=number)
    unit = unit_in_scope(user, unit_id, Step.RECEIVE)
    legal_date(received_on, "received_on")
    respondent = _matter_fields(kind, complained_act, respondent, procuracy_act, level)
    summary = required(summary, "summary", "tóm tắt nội dung")
    letter = None
    if letter_id is not None:
        letter = Letter.objects.filter(pk=letter_id, unit=unit).first()
        if letter is None:
            raise ComplaintsRefused("Đơn không phải của đơn vị.", "letter_id", code="letter")
        not_before(received_on, letter.received_on, "ngày nhận đơn", "received_on")
    if act_known_on is not None:
        legal_date(act_known_on, "act_known_on")
    case = _case_for(user, case_id)
    ident = {k: str(v).strip() for k, v in (identity or {}).items() if str(v or "").strip()}
    if ident and kind != MatterKind.DENUNCIATION:
        raise ComplaintsRefused("Chỉ giữ riêng danh tính người tố cáo.", "identity", code="identity.kind")
    if ident or respondent_name:
        personal_data(user, unit)
    chain = unit_chain(case.unit if case is not None else unit, levels=True)
    resolver_id = competent_unit(chain, kind, respondent, 1)
    matter = Matter.objects.create(
        unit=unit, letter=letter, kind=kind, procuracy_act=procuracy_act if kind == MatterKind.PROCURACY else "",
        number=(number or "").strip()[:64], received_on=received_on, summary=summary, case=case,
        complained_act=complained_act if kind == MatterKind.COMPLAINT else "", act_known_on=act_known_on,
        respondent=respondent, respondent_name=(respondent_name or "").strip()[:255], level=1,
        signatories=max(1, int(signatories or 1)), within_competence=resolver_id == unit.pk,
        resolver_unit_id=resolver_id, identity=ident, status=MatterStatus.RECEIVED)
    add_event(user, matter, E.RECEIVED, received_on, letter=letter_id, competent_unit=resolver_id)
    audit_write(user, "complaints.matter.record", matter, unit=unit, case_ext_id=case.ext_id if case else "", after={
        "kind": kind, "received_on": received_on, "complained_act": matter.complained_act,
        "procuracy_act": matter.procuracy_act, "respondent": respondent, "resolver_unit": resolver_id,
        "within_competence": matter.within_competence, "letter": letter_id, "identity_given": bool(ident)})
    sync(matter)
    return matter


def _escalate(user, parent_id: int, *, received_on: date, summary: str, letter_id: int | None,
              decision_received_on: date | None, number: str = "") -> Matter:
    parent = locked_matter(parent_id)
    if user is not None and not covers(user, parent.unit) and not (
            parent.resolver_unit is not None and parent.resolver_unit.parent_id is not None
            and covers(user, parent.resolver_unit.parent)):
        raise ComplaintsRefused(SCOPE_REFUSAL, code="scope")
    refuse(escalation_refusal(parent.kind, parent.status, parent.level, parent.complained_act,
                              MatterEvent.objects.filter(matter=parent, kind=E.ESCALATED).exists()))
    # Art. 142: the second level is the unit above the first-level resolver (the Minister above the national
    # department: outside THADS, then the letter stays with the first resolver to be forwarded).
    first = parent.resolver_unit or parent.unit
    above = Unit.objects.filter(pk=first.parent_id).first() if first.parent_id else None
    unit = above or first
    authorise(user, unit, Step.RECEIVE)
    legal_date(received_on, "received_on")
    not_before(received_on, parent.closed_on, "ngày giải quyết lần đầu", "received_on")
    summary = required(summary, "summary", "tóm tắt nội dung khiếu nại lần hai")
    letter = None
    if letter_id is not None:
        letter = Letter.objects.filter(pk=letter_id, unit=unit).first()
        if letter is None:
            raise ComplaintsRefused("Đơn không phải của đơn vị giải quyết lần hai.", "letter_id", code="letter")
    known = decision_received_on or parent.closed_on
    matter = Matter.objects.create(
        unit=unit, letter=letter, kind=MatterKind.COMPLAINT, number=(number or "").strip()[:64],
        received_on=received_on, summary=summary, case=parent.case, complained_act=parent.complained_act,
        act_known_on=known, respondent=parent.respondent, respondent_name=parent.respondent_name, level=2,
        parent=parent, signatories=parent.signatories, within_competence=above is not None,
        resolver_unit=above, status=MatterStatus.RECEIVED)
    add_event(user, matter, E.RECEIVED, received_on, letter=letter_id, parent=parent.pk, competent_unit=matter.resolver_unit_id)
    add_event(user, parent, E.ESCALATED, received_on, second_level=matter.pk)
    audit_write(user, "complaints.matter.escalate", matter, unit=unit,
                case_ext_id=parent.case.ext_id if parent.case_id else "",
                after={"parent": parent.pk, "received_on": received_on, "resolver_unit": matter.resolver_unit_id,
                       "decision_received_on": known})
    sync(matter)
    sync(parent)
    return matter


@transaction.atomic
def do_escalate(user, parent_id: int, *, received_on: date, summary: str, letter_id: int | None = None,
                decision_received_on: date | None = None) -> Matter:
    """A second-level complaint against the first-level decision of ``parent`` (Arts. 142, 152): recorded at the unit
    above the first resolver (its head resolves it), level 2, the time limit counted from ``decision_received_on``
    (the first decision's date when not given: Art. 140.2 last paragraph, 15 days) and checked at acceptance."""
    return _escalate(user, parent_id, received_on=received_on, summary=summary, letter_id=letter_id,
                     decision_received_on=decision_received_on)
