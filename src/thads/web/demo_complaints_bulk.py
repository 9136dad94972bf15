"""The demo's reception and petitions written in bulk (``thads demo``; :mod:`thads.web.demo_complaints`): the rows
the complaints actions (``complaints.actions``, ``complaints.actions_matters``) would write for the same plan, built
in memory and inserted table by table — replaying ~2,000 acts one by one (each refreshing its matter's deadlines)
would take longer than the whole demo import. Every value is derived as the action derives it (the same pure rules:
``domain.petition_rules`` for competence, time limits and what may follow what, refused here as there), the stored
deadlines and ``Matter.due_on`` by the deadline engine itself (``deadlines.service.refresh_subjects``); one audit
row records the load. ``tests/test_demo_complaints.py`` proves the rows equal those of the actions.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.db.models import Min
from django.utils import timezone

from thads.cases.bulk import reserve_ids
from thads.complaints.models import Letter, Matter, MatterEvent, Reception, ReceptionDay
from thads.deadlines.models import Deadline
from thads.deadlines.service import refresh_subjects
from thads.demo.complaints import Plan
from thads.domain import petition_rules as pr
from thads.domain.calendar import WorkCalendar
from thads.domain.petitions import MatterEventKind as E
from thads.domain.petitions import MatterKind, MatterStatus
from thads.org.audit import audit_write
from thads.org.models import Unit


class PlanRefused(ValueError):
    """The plan asks for a step the rules refuse (the actions would raise ``ComplaintsRefused``)."""


def _check(refusal: pr.Refusal | None, what: str) -> None:
    if refusal is not None:
        raise PlanRefused(f"{what}: {refusal.code} {refusal.message_vi}")


def _persons(items, keys) -> list[dict]:
    out = []
    for item in items or ():
        person = {k: str(item.get(k) or "").strip() for k in keys if k != "representative"}
        if "representative" in keys:
            person["representative"] = bool(item.get("representative"))
        out.append(person)
    return out


def _chain(unit: Unit) -> list[int]:
    return [int(x) for x in reversed(unit.path.strip("/").split("/")) if x]


class Writer:
    """The rows of one plan, in the order the actions would create them."""

    def __init__(self, plan: Plan, users: Mapping[str, object], units: Mapping[str, Unit],
                 cases: Mapping[str, tuple[int, int]], calendar: WorkCalendar) -> None:
        self.plan, self.users, self.units, self.cases, self.cal = plan, users, units, cases, calendar
        self.by_id = {u.pk: u for u in units.values()}
        self.matters: list[Matter] = []
        self.events: list[MatterEvent] = []
        self.seq: dict[int, int] = {}
        self.key_to: dict[int, Matter] = {}
        self.copies: dict[int, Matter] = {}
        self.checked: set[int] = set()  # matters whose acceptance was extended for checks

    def user(self, name: str):
        return self.users.get(name) if name else None

    # -- reception, letters -----------------------------------------------------------------------------------
    def write(self) -> dict[str, int]:
        p = self.plan
        ids = iter(reserve_ids(ReceptionDay, len(p.days)))
        days = {d.key: ReceptionDay(pk=next(ids), unit=self.units[d.unit], on=d.on,
                                    receiver=self.user(d.receiver), head_day=d.head_day,
                                    place=d.place.strip()[:255], note=d.note.strip()[:255]) for d in p.days}
        ReceptionDay.objects.bulk_create(days.values(), batch_size=1000)
        ids = iter(reserve_ids(Reception, len(p.visits)))
        visits, links = {}, []
        for v in p.visits:
            day = days.get(v.schedule) if v.schedule is not None else None
            user = self.user(v.by)
            visits[v.key] = r = Reception(
                pk=next(ids), unit=self.units[v.unit], on=v.on, receiver=user, head_day=v.head_day or bool(
                    day and day.head_day), schedule=day, persons=_persons(v.persons, ("name", "id_number", "address",
                                                                                    "representative")),
                group_size=int(v.group_size), content=v.content.strip(), outcome=v.outcome, created_by=user)
            links += [Reception.cases.through(reception_id=r.pk, case_id=self.cases[e][0]) for e in sorted(
                set(v.cases), key=lambda e: self.cases[e][0])]
        Reception.objects.bulk_create(visits.values(), batch_size=1000)
        Reception.cases.through.objects.bulk_create(links, batch_size=1000)
        ids = iter(reserve_ids(Letter, len(p.letters)))
        self.letters = {lt.key: Letter(pk=next(ids), unit=self.units[lt.unit], received_on=lt.received_on,
                                       channel=lt.channel, forwarded_by=lt.forwarded_by.strip()[:255],
                                       reception=visits.get(lt.reception) if lt.reception else None,
                                       signatories=_persons(lt.signatories, ("name", "id_number", "address")),
                                       anonymous=lt.anonymous, content=lt.content.strip(),
                                       created_by=self.user(lt.by)) for lt in p.letters}
        Letter.objects.bulk_create(self.letters.values(), batch_size=1000)
        self._matters()
        return {"days": len(days), "receptions": len(visits), "letters": len(self.letters),
                "matters": len(self.matters), "events": len(self.events)}

    # -- matters ------------------------------------------------------------------------------------------------
    def _event(self, user, m: Matter, kind: str, on: date, decision_no: str = "", **details) -> MatterEvent:
        self.seq[m.pk] = self.seq.get(m.pk, 0) + 1
        ev = MatterEvent(matter=m, seq=self.seq[m.pk], kind=kind, on=on, user=user, unit=m.unit,
                         decision_no=decision_no[:64], details={k: v for k, v in details.items()
                                                                if v not in (None, "")})
        self.events.append(ev)
        return ev

    def _matters(self) -> None:
        ids = iter(reserve_ids(Matter, len(self.plan.matters)))
        for pm in self.plan.matters:
            if pm.origin == "forward":
                m = self.copies.pop(pm.parent)
            elif pm.origin == "escalate":
                m = self._escalate(pm, next(ids))
            else:
                m = self._record(pm, next(ids))
            self.key_to[pm.key] = m
            for step in pm.steps:
                self._step(pm.key, m, step, ids)
        Matter.objects.bulk_create(self.matters, batch_size=1000)
        MatterEvent.objects.bulk_create(self.events, batch_size=2000)
        subjects = [f"matter:{m.pk}" for m in self.matters]
        refresh_subjects(subjects, today=timezone.localdate(), calendar=self.cal)
        dues = dict(Deadline.objects.filter(case__isnull=True, subject__in=subjects).values_list("subject")
                    .annotate(first=Min("due")).values_list("subject", "first"))
        changed = [m for m in self.matters if dues.get(f"matter:{m.pk}") is not None]
        for m in changed:
            m.due_on = dues[f"matter:{m.pk}"]
        Matter.objects.bulk_update(changed, ["due_on"], batch_size=1000)

    def _new(self, pk: int, **fields) -> Matter:
        m = Matter(pk=pk, **fields)
        self.matters.append(m)
        return m

    def _record(self, pm, pk: int) -> Matter:
        unit = self.units[pm.unit]
        case_id, case_unit = self.cases[pm.case] if pm.case else (None, None)
        respondent = pm.respondent or ("officer" if pm.kind in (MatterKind.COMPLAINT, MatterKind.DENUNCIATION)
                                       else "")
        chain = [(pk, self.by_id[pk].level) for pk in _chain(self.by_id[case_unit] if case_unit else unit)]
        resolver = pr.competent_unit(chain, pm.kind, respondent, 1)
        letter = self.letters[pm.letter] if pm.letter else None
        m = self._new(pk, unit=unit, letter=letter, kind=pm.kind, procuracy_act=pm.procuracy_act
                      if pm.kind == MatterKind.PROCURACY else "", number=pm.number.strip()[:64],
                      received_on=pm.received_on, summary=pm.summary.strip(), case_id=case_id,
                      complained_act=pm.complained_act if pm.kind == MatterKind.COMPLAINT else "",
                      act_known_on=pm.act_known_on, respondent=respondent,
                      respondent_name=pm.respondent_name.strip()[:255], level=1,
                      signatories=max(1, int(pm.signatories or 1)), within_competence=resolver == unit.pk,
                      resolver_unit_id=resolver, identity={k: str(v).strip() for k, v in pm.identity.items()
                                                           if str(v or "").strip()}, status=MatterStatus.RECEIVED)
        self._event(self.user(pm.by), m, E.RECEIVED, pm.received_on, letter=letter.pk if letter else None,
                    competent_unit=resolver)
        return m

    def _escalate(self, pm, pk: int) -> Matter:
        parent = self.key_to[pm.parent]
        _check(pr.escalation_refusal(parent.kind, parent.status, parent.level, parent.complained_act, False),
               f"matter {pm.key}")
        first = self.by_id[parent.resolver_unit_id or parent.unit_id]
        above = self.by_id.get(first.parent_id) if first.parent_id else None
        unit = above or first
        letter = self.letters[pm.letter] if pm.letter else None
        m = self._new(pk, unit=unit, letter=letter, kind=MatterKind.COMPLAINT, number="",
                      received_on=pm.received_on, summary=pm.summary.strip(), case_id=parent.case_id,
                      complained_act=parent.complained_act, act_known_on=pm.act_known_on or parent.closed_on,
                      respondent=parent.respondent, respondent_name=parent.respondent_name, level=2, parent=parent,
                      signatories=parent.signatories, within_competence=above is not None, resolver_unit=above,
                      status=MatterStatus.RECEIVED)
        user = self.user(pm.by)
        self._event(user, m, E.RECEIVED, pm.received_on, letter=letter.pk if letter else None, parent=parent.pk,
                    competent_unit=m.resolver_unit_id)
        self._event(user, parent, E.ESCALATED, pm.received_on, second_level=m.pk)
        return m

    def _step(self, key: int, m: Matter, step, ids) -> None:
        """One decision, as its action writes it (``complaints.actions_matters``)."""
        user, on, a, kind = self.user(step.by), step.on, step.args, step.kind
        event = {"accept": E.ACCEPTED, "not_accept": E.NOT_ACCEPTED, "extend": E.EXTENDED, "resolve": E.RESOLVED,
                 "forward": E.FORWARDED, "archive": E.ARCHIVED, "withdraw": E.WITHDRAWN}[kind]
        what = f"matter {m.pk} {kind} {on}"
        _check(pr.transition_refusal(m.kind, m.status, event, extended=m.extended,
                                     checks_extended=m.pk in self.checked), what)
        if on < m.received_on or on > self.plan.today or (m.accepted_on and kind in ("resolve", "extend")
                                                          and on < m.accepted_on):
            raise PlanRefused(f"{what}: date out of order")
        details: dict = {}
        decision_no = ""
        if kind == "accept":
            if m.kind == MatterKind.COMPLAINT:
                _check(pr.time_limit_refusal(self.cal, m.complained_act, m.act_known_on, m.received_on, m.level,
                                             m.unit.code, 0), what)
            if m.resolver_unit_id != m.unit_id:
                raise PlanRefused(f"{what}: not within the unit's competence")
            m.accepted_on, m.admissible, m.within_competence, m.resolver = on, True, True, user
            decision_no, details = a.get("notice_no", ""), {"obstacle_days": 0}
        elif kind == "not_accept":
            m.admissible, details = False, {"reason": a["reason"].strip()}
        elif kind == "archive":
            anonymous = not m.identity and (m.letter is None or m.letter.anonymous or not m.letter.signatories)
            dup = self.key_to[a["duplicate_of"]] if a.get("duplicate_of") else None
            _check(pr.archive_refusal(a["reason"], anonymous=anonymous, duplicate_of=dup.pk if dup else None), what)
            m.duplicate_of = dup
            details = {"reason": a["reason"], "duplicate_of": dup.pk if dup else None}
        elif kind == "extend":
            details = {"reason": a["reason"].strip()}
            if m.status == MatterStatus.RECEIVED:
                details["stage"] = "acceptance"
                self.checked.add(m.pk)
            else:
                m.extended = True
                details.update(stage="resolution", days=pr.COMPLAINT_EXTENSION.n if a.get("days") is None
                               else int(a["days"]))
        elif kind == "resolve":
            _check(pr.outcome_refusal(m.kind, a.get("outcome", "")), what)
            m.outcome, m.decision_no = a.get("outcome", ""), (a.get("decision_no") or "").strip()[:64]
            if m.resolver_id is None:
                m.resolver = user
            decision_no = m.decision_no
            details = {"outcome": m.outcome, "summary": (a.get("summary") or "").strip()[:2000]}
        elif kind == "withdraw":
            details = {"reason": (a.get("reason") or "").strip()[:2000]}
        copy = None
        if kind == "forward":
            decision_no, details, copy = self._forward(key, m, on, a, ids)
        m.status = pr.STATUS_AFTER.get(event, m.status)
        if m.status not in (MatterStatus.ACCEPTED, MatterStatus.RECEIVED):
            m.closed_on = on
        ev = self._event(user, m, event, on, decision_no, **details)
        if copy is not None:
            self._event(user, copy, E.RECEIVED, on, forwarded_from=m.pk, letter_no=decision_no)
            ev.details = {**ev.details, "to_matter": copy.pk}

    def _forward(self, key: int, m: Matter, on: date, a, ids) -> tuple[str, dict, Matter | None]:
        """``do_forward``: closed here; forwarded to a unit of THADS, recorded there anew (the copy)."""
        target = self.units[a["to_unit"]] if a.get("to_unit") else None
        to_body = (a.get("to_body") or "").strip() or (target.name if target else "")
        m.within_competence = False
        details: dict = {"to_body": to_body[:255], "to_unit": target.pk if target else None}
        copy = None
        if target is not None:
            resolver = m.resolver_unit_id or target.pk
            copy = self._new(next(ids), unit=target, letter=None, kind=m.kind, procuracy_act=m.procuracy_act,
                             number=m.number, received_on=on, summary=m.summary, case_id=m.case_id,
                             complained_act=m.complained_act, act_known_on=m.act_known_on, respondent=m.respondent,
                             respondent_name=m.respondent_name, level=m.level, parent=m.parent,
                             signatories=m.signatories, resolver_unit_id=resolver,
                             within_competence=resolver == target.pk, identity=m.identity,
                             status=MatterStatus.RECEIVED)
            self.copies[key] = copy
        return a.get("letter_no", ""), details, copy


def write_bulk(plan: Plan, users, units, cases, calendar: WorkCalendar) -> dict[str, int]:
    """Write ``plan``'s rows (the caller holds the transaction); returns the counts, also kept in one audit row."""
    counts = Writer(plan, users, units, cases, calendar).write()
    audit_write(None, "complaints.demo", None, object_repr="thads demo", after={**counts, "today": plan.today})
    return counts
