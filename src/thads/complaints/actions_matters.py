"""The decisions on a matter (re-exported by :mod:`thads.complaints.actions`): ``do_accept`` (thụ lý: the time
limit to complain and the competence checked, Arts. 140, 141, 142, 148), ``do_not_accept`` (Art. 141; Decree
62/2015 Art. 38.1), ``do_forward`` (TT 13/2021 Arts. 8.2, 16.2, 28.2), ``do_archive`` (TT 13/2021 Arts. 8.4, 16.3,
28.3), ``do_extend`` (Art. 146.3, 146.5; TT 13/2021 Art. 16.1; Art. 157.2), ``do_resolve`` (Arts. 150–153, 157,
161; with a follow-up act on the case through ``cases.actions.do_act`` and a LINKED history row keeping the case
event), ``do_link`` (a follow-up act later), ``do_withdraw`` (Art. 143.1.g; TT 13/2021 Arts. 10, 18), and
``identity_for``, the one reader of a denunciator's identity (the resolver only, every view audited). Each checks,
writes and refreshes as :mod:`thads.complaints.actions` says."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.db import transaction

from thads.complaints.actions_common import (
    COMPETENCE_REFUSAL,
    actor,
    add_event,
    authorise,
    legal_date,
    locked_matter,
    not_before,
    refuse,
    required,
    sync,
)
from thads.complaints.errors import ComplaintsRefused
from thads.complaints.models import Matter, MatterEvent
from thads.deadlines.service import current_calendar
from thads.domain.petition_rules import (
    COMPLAINT_EXTENSION,
    STATUS_AFTER,
    Step,
    archive_refusal,
    outcome_refusal,
    time_limit_refusal,
    transition_refusal,
)
from thads.domain.petitions import MatterEventKind, MatterKind, MatterStatus, Outcome
from thads.domain.roles import DECIDING_TITLES
from thads.org.audit import audit_read, audit_write
from thads.org.models import Unit
from thads.org.scope import Action, allowed

E = MatterEventKind


def _decide(user, matter: Matter, event: str, on: date, *, resolver: bool = True, **flags) -> None:
    """The common checks of a decision: scope and title, the competent unit's head or deputy (``resolver``: the
    competent resolver's unit; else the unit holding the letter), the transition, the legal date."""
    if resolver and matter.resolver_unit_id is None:
        raise ComplaintsRefused("Vụ việc không thuộc thẩm quyền giải quyết của cơ quan thi hành án dân sự nào trong hệ "
                                "thống: chuyển đơn đến cơ quan có thẩm quyền.", code="competence.outside")
    acting = matter.resolver_unit_id if resolver else matter.unit_id
    authorise(user, matter.unit, Step.DECIDE, acting_unit_id=acting)
    refuse(transition_refusal(matter.kind, matter.status, event, **flags))
    legal_date(on)
    not_before(on, matter.received_on, "ngày nhận đơn")


def _close(user, matter: Matter, event: str, on: date, *, decision_no: str = "", audit: Mapping | None = None,
           **details) -> MatterEvent:
    """Write the event, the new status and the cache, the audit row, and refresh the matter's deadlines."""
    before = {"status": matter.status}
    ev = add_event(user, matter, event, on, decision_no=decision_no, **details)
    matter.status = STATUS_AFTER.get(event, matter.status)
    if matter.status != MatterStatus.ACCEPTED and matter.status != MatterStatus.RECEIVED:
        matter.closed_on = on
    matter.save()
    audit_write(user, f"complaints.matter.{event}", matter, unit=matter.unit,
                case_ext_id=matter.case.ext_id if matter.case_id else "", before=before,
                after={"status": matter.status, "on": on, **(audit or {}), **details})
    sync(matter)
    return ev


@transaction.atomic
def do_accept(user, matter_id: int, *, on: date, notice_no: str = "", obstacle_days: int = 0) -> MatterEvent:
    """Accept (thụ lý) a complaint or a denunciation within the unit's competence, with the notice (Art. 148; TT
    13/2021 Arts. 9, 17). A complaint out of time is refused here (Art. 141.4: not accepted — answer it with
    ``do_not_accept``); ``obstacle_days``: days of an objective obstacle not counted (Art. 140.2; Decree 62 Art.
    38.6). A matter for another unit is refused (forward it: ``do_forward``)."""
    matter = locked_matter(matter_id)
    _decide(user, matter, E.ACCEPTED, on)
    if matter.resolver_unit_id != matter.unit_id:
        raise ComplaintsRefused(COMPETENCE_REFUSAL + " Đơn này thuộc thẩm quyền của đơn vị khác: chuyển đơn.",
                                code="competence.forward")
    if matter.kind == MatterKind.COMPLAINT:
        refuse(time_limit_refusal(current_calendar(), matter.complained_act, matter.act_known_on, matter.received_on,
                                  matter.level, matter.unit.code, int(obstacle_days or 0)))
    matter.accepted_on, matter.admissible, matter.within_competence = on, True, True
    matter.resolver = actor(user)
    return _close(user, matter, E.ACCEPTED, on, decision_no=notice_no, obstacle_days=int(obstacle_days or 0))


@transaction.atomic
def do_not_accept(user, matter_id: int, *, on: date, reason: str) -> MatterEvent:
    """Not accepted: the letter is answered or the sender guided, once, within 5 working days (Art. 141; Decree
    62/2015 Art. 38.1; TT 13/2021 Art. 8.1, 8.3), by the head of the unit holding it."""
    matter = locked_matter(matter_id)
    _decide(user, matter, E.NOT_ACCEPTED, on, resolver=False)
    reason = required(reason, "reason", "lý do không thụ lý")
    matter.admissible = False
    return _close(user, matter, E.NOT_ACCEPTED, on, reason=reason)


@transaction.atomic
def do_forward(user, matter_id: int, *, on: date, to_body: str = "", letter_no: str = "",
               to_unit_id: int | None = None) -> MatterEvent:
    """Forward what is not within the unit's competence, with a letter, and tell the sender (TT 13/2021 Arts. 8.2,
    16.2, 28.2: within 5 working days). ``to_unit_id``: a unit of THADS (the competent one above, another agency):
    the matter is recorded there anew, received on ``on``, and this one closes."""
    matter = locked_matter(matter_id)
    _decide(user, matter, E.FORWARDED, on, resolver=False)
    target = None
    if to_unit_id is not None:
        target = Unit.objects.filter(pk=to_unit_id).first()
        if target is None or target.pk == matter.unit_id:
            raise ComplaintsRefused("Đơn vị nhận đơn chuyển không hợp lệ.", "to_unit_id", code="forward.unit")
        to_body = (to_body or "").strip() or target.name
    to_body = required(to_body, "to_body", "cơ quan có thẩm quyền nhận đơn chuyển")
    matter.within_competence = False
    ev = _close(user, matter, E.FORWARDED, on, decision_no=letter_no, to_body=to_body[:255], to_unit=to_unit_id)
    if target is not None:
        copy = Matter.objects.create(
            unit=target, letter=None, kind=matter.kind, procuracy_act=matter.procuracy_act, number=matter.number,
            received_on=on, summary=matter.summary, case=matter.case, complained_act=matter.complained_act,
            act_known_on=matter.act_known_on, respondent=matter.respondent, respondent_name=matter.respondent_name,
            level=matter.level, parent=matter.parent, signatories=matter.signatories,
            resolver_unit_id=matter.resolver_unit_id or target.pk,
            within_competence=(matter.resolver_unit_id or target.pk) == target.pk, identity=matter.identity,
            status=MatterStatus.RECEIVED)
        add_event(user, copy, E.RECEIVED, on, forwarded_from=matter.pk, letter_no=letter_no)
        ev.details = {**ev.details, "to_matter": copy.pk}
        MatterEvent.objects.filter(pk=ev.pk).update(details=ev.details)
        audit_write(user, "complaints.matter.record", copy, unit=target, after={
            "forwarded_from": matter.pk, "received_on": on, "resolver_unit": copy.resolver_unit_id})
        sync(copy)
    return ev


@transaction.atomic
def do_archive(user, matter_id: int, *, on: date, reason: str, duplicate_of_id: int | None = None) -> MatterEvent:
    """Archive (lưu đơn, kept 1 year) a duplicate, an anonymous letter or another ground of TT 13/2021 Arts. 8.4,
    16.3, 28.3 (Decree 62/2015 Art. 38.5: resolved, no new evidence)."""
    matter = locked_matter(matter_id)
    _decide(user, matter, E.ARCHIVED, on, resolver=False)
    letter = matter.letter
    anonymous = not matter.identity and (letter is None or letter.anonymous or not letter.signatories)
    refuse(archive_refusal(reason, anonymous=anonymous, duplicate_of=duplicate_of_id))
    if duplicate_of_id is not None:
        other = Matter.objects.select_related("unit").filter(pk=duplicate_of_id).first()
        if other is None or other.pk == matter.pk or (user is not None and not allowed(user, Action.VIEW, other.unit)):
            raise ComplaintsRefused("Vụ việc trùng lặp không hợp lệ.", "duplicate_of_id", code="archive.duplicate")
        matter.duplicate_of = other
    return _close(user, matter, E.ARCHIVED, on, reason=reason, duplicate_of=duplicate_of_id)


def _checks_extended(matter: Matter) -> bool:
    return MatterEvent.objects.filter(matter=matter, kind=E.EXTENDED, details__stage="acceptance").exists()


@transaction.atomic
def do_extend(user, matter_id: int, *, on: date, reason: str, days: int | None = None) -> MatterEvent:
    """Extend: a received denunciation's acceptance to 10 working days for checks (TT 13/2021 Art. 16.1); an accepted
    complaint's resolution by ``days`` (at most 30, the default) from the end of its time limit (Art. 146.3 second
    paragraph, 146.5; TT 13/2021 Art. 13.2); an accepted denunciation's to 90 days (Art. 157.2). Once each."""
    matter = locked_matter(matter_id)
    _decide(user, matter, E.EXTENDED, on, extended=matter.extended, checks_extended=_checks_extended(matter))
    reason = required(reason, "reason", "lý do gia hạn")
    if matter.status == MatterStatus.RECEIVED:
        return _close(user, matter, E.EXTENDED, on, reason=reason, stage="acceptance")
    limit = COMPLAINT_EXTENSION.n
    n = limit if days is None else int(days)
    if not 1 <= n <= limit:
        raise ComplaintsRefused(f"Gia hạn không quá {limit} ngày (Điều 146.3, 146.5 Luật THADS).", "days",
                                code="extend.days")
    not_before(on, matter.accepted_on, "ngày thụ lý")
    matter.extended = True
    return _close(user, matter, E.EXTENDED, on, reason=reason, stage="resolution", days=n)


def _follow_up(user, matter: Matter, on: date, follow_up: Mapping) -> MatterEvent:
    """The follow-up act on the matter's case (the decision complained about revoked or annulled, a protest carried
    out) through ``cases.actions.do_act`` — with its own scope, title and law checks, Art. 37 among them — and the
    LINKED history row keeping the case event's id. Default ground of a revocation: Art. 37.1.b by the case's own
    agency, Art. 37.3.b (a decision found unlawful by a competent body's conclusion) by a superior resolver."""
    from thads.cases.actions import ActRefused, do_act
    from thads.cases.models import CaseEvent

    if matter.case_id is None:
        raise ComplaintsRefused("Vụ việc không gắn với việc thi hành án nào.", "follow_up", code="follow_up.no_case")
    params = {k: v for k, v in follow_up.items() if k not in ("act", "decision_no", "note")}
    act = str(follow_up.get("act") or "revoke")
    if act == "revoke" and not params.get("ground"):
        own = getattr(user, "unit_id", None) == matter.case.unit_id if user is not None else True
        params["ground"] = "37.1.b" if own else "37.3.b"
    try:
        do_act(user, matter.case_id, act, on, decision_no=str(follow_up.get("decision_no") or ""),
               note=str(follow_up.get("note") or f"Theo kết quả giải quyết đơn số {matter.pk}"), **params)
    except (ActRefused, ValueError) as exc:
        raise ComplaintsRefused(getattr(exc, "message", str(exc)), "follow_up",
                                code=f"follow_up.{getattr(exc, 'code', 'refused')}") from exc
    case_event = CaseEvent.objects.filter(case_id=matter.case_id).order_by("-seq").first()
    ev = add_event(user, matter, E.LINKED, on, decision_no=str(follow_up.get("decision_no") or ""),
                   case_event_id=case_event.pk, case_event_seq=case_event.seq, case=matter.case.ext_id, act=act,
                   ground=params.get("ground"))
    audit_write(user, "complaints.matter.linked", matter, unit=matter.unit, case_ext_id=matter.case.ext_id,
                after={"act": act, "case_event": case_event.pk})
    return ev


@transaction.atomic
def do_resolve(user, matter_id: int, *, on: date, outcome: str = "", decision_no: str = "", summary: str = "",
               follow_up: Mapping | None = None) -> MatterEvent:
    """The resolution by the competent head: a complaint's decision (Arts. 150–153: right, partly right, wrong), a
    denunciation's conclusion (TT 13/2021 Art. 22), the answer to a recommendation or report (TT 13/2021 Art. 28) or
    to the procuracy (Art. 161.1: a protest accepted is "right"). ``follow_up`` (a complaint found right or partly
    right, a protest accepted): e.g. ``{"act": "revoke", "decision_no": …}`` performed on the case in the same
    transaction (:func:`_follow_up`); a refusal of it refuses the whole resolution."""
    matter = locked_matter(matter_id)
    _decide(user, matter, E.RESOLVED, on)
    refuse(outcome_refusal(matter.kind, outcome))
    not_before(on, matter.accepted_on, "ngày thụ lý")
    if follow_up and outcome not in (Outcome.RIGHT, Outcome.PARTLY_RIGHT):
        raise ComplaintsRefused("Chỉ thu hồi, hủy quyết định khi khiếu nại đúng hoặc đúng một phần, kiến nghị, kháng "
                                "nghị được chấp nhận.", "follow_up", code="follow_up.outcome")
    matter.outcome, matter.decision_no = outcome, (decision_no or "").strip()[:64]
    if matter.resolver_id is None:
        matter.resolver = actor(user)
    ev = _close(user, matter, E.RESOLVED, on, decision_no=matter.decision_no, outcome=outcome,
                summary=(summary or "").strip()[:2000])
    if follow_up:
        _follow_up(user, matter, on, follow_up)
        sync(matter)
    return ev


@transaction.atomic
def do_link(user, matter_id: int, *, on: date, follow_up: Mapping) -> MatterEvent:
    """A follow-up act on the case after the resolution (an accepted protest carried out within 5 working days, Art.
    161.1; a decision revoked after a complaint found right), with its LINKED history row."""
    matter = locked_matter(matter_id)
    authorise(user, matter.unit, Step.DECIDE, acting_unit_id=matter.resolver_unit_id)
    if matter.status != MatterStatus.RESOLVED or matter.outcome not in (Outcome.RIGHT, Outcome.PARTLY_RIGHT):
        raise ComplaintsRefused("Chỉ thực hiện sau khi đã giải quyết và chấp nhận nội dung đơn, kháng nghị.",
                                "follow_up", code="follow_up.outcome")
    legal_date(on)
    not_before(on, matter.closed_on, "ngày giải quyết")
    ev = _follow_up(user, matter, on, follow_up)
    sync(matter)
    return ev


@transaction.atomic
def do_withdraw(user, matter_id: int, *, on: date, reason: str = "") -> MatterEvent:
    """The complainant or denunciator withdraws (Art. 143.1.g; TT 13/2021 Arts. 10.1, 18.1: in writing; the resolver
    stops the resolution and tells him; a letter not yet accepted is archived)."""
    matter = locked_matter(matter_id)
    _decide(user, matter, E.WITHDRAWN, on, resolver=matter.status == MatterStatus.ACCEPTED)
    return _close(user, matter, E.WITHDRAWN, on, reason=(reason or "").strip()[:2000])


def identity_for(user, matter: Matter) -> dict | None:
    """The denunciator's identity (name, ID number, address, contact, and the letter's signatories) for the resolver
    only — the user recorded as resolver, or the head or deputy of the competent unit — with an audit row of the
    view (Art. 155.1.b; Luật Tố cáo 2018 Art. 47; TT 13/2021 Art. 16.6); None for anyone else (the technical root
    account too) and for a matter that is not a denunciation."""
    if matter.kind != MatterKind.DENUNCIATION or user is None or not getattr(user, "is_authenticated", False):
        return None
    resolver = (matter.resolver_id is not None and matter.resolver_id == user.pk) or (
        getattr(user, "title", "") in DECIDING_TITLES and matter.resolver_unit_id is not None
        and getattr(user, "unit_id", None) == matter.resolver_unit_id)
    if not resolver or not user.is_active:
        return None
    identity = dict(matter.identity or {})
    signatories = list(matter.letter.signatories) if matter.letter_id and matter.letter.signatories else []
    if signatories:
        identity["signatories"] = signatories
    audit_read(user, "complaints.identity.view", matter, unit=matter.unit,
               fields=sorted(k for k in identity if identity[k]))
    return identity
