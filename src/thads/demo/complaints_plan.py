"""The rows of the demo's reception and petitions plan (:func:`thads.demo.complaints.plan`): the schedule, a
reception, a letter and the matters it carries, each kind with its texts, parties and dates (pure)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from thads.demo import complaints_texts as tx
from thads.demo.complaints_ctx import (
    CaseRef,
    Day,
    Letter,
    Matter,
    Visit,
    _Ctx,
    answer_life,
)
from thads.domain import petition_rules as pr

ACTS = ("before_measures", "account_freeze", "other_security", "coercive", "after_coercion")
ACT_WEIGHTS = (30, 10, 15, 25, 20)
#: A district branch receives no new matter in its last days (its matters close before it is dissolved).
CLOSING_DAYS = 80


# ------------------------------------------------------------------------------------------------ rows


def _day(ctx: _Ctx, unit: str, on: date, receiver: str, head_day: bool, note: str) -> Day:
    level = ctx.units[unit]["level"]
    day = Day(len(ctx.plan.days) + 1, unit, on, receiver, head_day, tx.RECEPTION_PLACES[level], note,
              ctx.who(unit, "intake") or receiver)
    ctx.plan.days.append(day)
    return day


def _letter(ctx: _Ctx, unit: str, on: date, channel: str, content: str, signers: list[dict[str, Any]], *,
            by: str = "", forwarded_by: str = "", reception: int | None = None) -> Letter:
    people = [{k: v for k, v in p.items() if k != "representative"} for p in signers]
    letter = Letter(len(ctx.plan.letters) + 1, unit, on, by or ctx.who(unit, "intake"), channel, content, people,
                    not people, forwarded_by, reception)
    ctx.plan.letters.append(letter)
    return letter


def _matter(ctx: _Ctx, unit: str, on: date, kind: str, summary: str, **fields: Any) -> Matter:
    m = Matter(len(ctx.plan.matters) + 1, unit, fields.pop("by", "") or ctx.who(unit, "intake"), kind, on, summary,
               **fields)
    ctx.plan.matters.append(m)
    return m


def _party(person: dict[str, Any], case: CaseRef | None, role: str) -> dict[str, Any]:
    """The person is the case's party (the loader puts the party's own name, ID number and address)."""
    if case is not None:
        person.update({"party": role, "case": case.ext_id})
    return person


def _decision(case: CaseRef | None) -> str:
    return f" số {case.decision_no}" if case is not None and case.decision_no else ""


def _known(ctx: _Ctx, act: str, on: date, *, late: bool) -> date:
    """The day the decision was received or the act learned of: within the time limit to complain (Art. 140.2),
    or well outside it (``late``)."""
    rng = ctx.rng
    if late:
        known = on - timedelta(days=pr.TIME_LIMITS[act].n + rng.randint(25, 90))
    elif act == "account_freeze":
        known = ctx.cal.add_working_days(on, -rng.randint(1, 2))
    else:
        known = on - timedelta(days=rng.randint(2, max(2, pr.TIME_LIMITS[act].n - 4)))
    if not late and pr.time_limit_refusal(ctx.cal, act, known, on) is not None:
        known = on
    return known


def complaint(ctx: _Ctx, unit: str, on: date, act: str, *, letter: Letter | None = None, case: Any = True,
              respondent: str = "officer", late_known: bool = False, signers: int = 1, channel: str = "",
              forwarded_by: str = "") -> Matter:
    """A first complaint about ``act`` (on a case the unit holds, when there is one), with its letter."""
    known = _known(ctx, act, on, late=late_known)
    if case is True:
        case = ctx.case_for(unit, known)
    text = (tx.AGAINST_HEAD if respondent == "head" else ctx.rng.choice(tx.COMPLAINTS[act])).format(
        decision=_decision(case))
    if letter is None:
        person = _party(ctx.person(unit), case, "debtor" if ctx.rng.random() < 0.7 else "creditor")
        letter = _letter(ctx, unit, on, channel or ctx.rng.choice(("post", "in_person", "portal")), text, [person],
                         forwarded_by=forwarded_by)
    m = _matter(ctx, unit, on, "complaint", text, letter=letter.key, case=case.ext_id if case else None,
                complained_act=act, act_known_on=known, respondent=respondent, signatories=signers,
                respondent_name=case.officer if case is not None and respondent == "officer" else "")
    ctx.complaints_at[unit].append((m, letter))
    return m


def denunciation(ctx: _Ctx, unit: str, on: date, *, anonymous: bool = False, channel: str = "post",
                 forwarded_by: str = "") -> Matter:
    """A denunciation letter: anonymous, or signed with the denunciator's identity kept on the matter."""
    if anonymous:
        letter = _letter(ctx, unit, on, channel, tx.ANONYMOUS_DENUNCIATION, [], forwarded_by=forwarded_by)
        return _matter(ctx, unit, on, "denunciation", tx.ANONYMOUS_DENUNCIATION, letter=letter.key,
                       respondent="staff")
    text = ctx.rng.choice(tx.DENUNCIATIONS)
    person = ctx.person(unit)
    letter = _letter(ctx, unit, on, channel, text, [person], forwarded_by=forwarded_by)
    case = ctx.case_for(unit, on) if ctx.rng.random() < 0.5 else None
    name = case.officer if case is not None and case.officer else ctx.person(unit)["name"]
    phone = f"{ctx.rng.choice(tx.PHONE_PREFIXES)}{ctx.rng.randint(0, 9_999_999):07d}"
    identity = {"name": person["name"], "id_number": person["id_number"], "address": person["address"],
                "phone": phone}
    staff = "staff" if "công chức" in text else "officer"
    return _matter(ctx, unit, on, "denunciation", text, letter=letter.key, case=case.ext_id if case else None,
                   respondent=staff, respondent_name=name, identity=identity)


def answerable(ctx: _Ctx, unit: str, on: date, kind: str, *, channel: str = "portal", outside: bool = False,
               forwarded_by: str = "", letter: Letter | None = None) -> tuple[Matter, str]:
    """A recommendation or report (``outside``: not within the agency's competence) and the body it goes to."""
    body = ""
    if outside:
        text, body = ctx.rng.choice(tx.OUTSIDE)
    else:
        text = ctx.rng.choice(tx.RECOMMENDATIONS if kind == "recommendation" else tx.REPORTS)
    case = ctx.case_for(unit, on) if ctx.rng.random() < 0.5 else None
    if letter is None:
        letter = _letter(ctx, unit, on, channel, text, [_party(ctx.person(unit), case, "creditor")],
                         forwarded_by=forwarded_by)
    return _matter(ctx, unit, on, kind, text, letter=letter.key, case=case.ext_id if case else None), body


def procuracy(ctx: _Ctx, unit: str, on: date, act: str, *, outcome: str) -> Matter:
    text, suffix = ctx.rng.choice(tx.PROCURACY[act])
    case = ctx.case_for(unit, on) if act != "recommendation" or ctx.rng.random() < 0.5 else None
    ctx.numbers[(unit, on.year, suffix)] += 1
    m = _matter(ctx, unit, on, "procuracy", text, case=case.ext_id if case else None, procuracy_act=act,
                number=f"{ctx.numbers[(unit, on.year, suffix)]}/{suffix}")
    answer_life(ctx, m, outcome=outcome)
    return m


# ------------------------------------------------------------------------------------------------ schedule


def _months(first: date, last: date):
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def _schedule(ctx: _Ctx, start: date) -> None:
    """Each unit's head receives citizens once a month (Luật Tiếp công dân 2013 Art. 18), up to the end of next
    month; the reception officers' regular days of this week and the next two."""
    until = (ctx.today.replace(day=1) + timedelta(days=62)).replace(day=1) - timedelta(days=1)
    for unit in ctx.units:
        head = ctx.who(unit, "head")
        for y, m in _months(start, until):
            on = ctx.wd(date(y, m, 10 if ctx.units[unit]["level"] == "province" else 15))
            if ctx.alive(unit, on):
                ctx.head_days[(unit, y, m)] = _day(ctx, unit, on, head if head != ctx.who(unit, "intake") else "",
                                                   True, tx.HEAD_DAY_NOTE)
        intake = ctx.actors.get(unit)
        if intake is not None and intake.intake and ctx.alive(unit, ctx.today):
            monday = ctx.today - timedelta(days=ctx.today.weekday())
            for i in range(21):
                on = monday + timedelta(days=i)
                head_day = ctx.head_days.get((unit, on.year, on.month))
                if ctx.cal.is_working_day(on) and (head_day is None or head_day.on != on):
                    _day(ctx, unit, on, intake.intake, False, tx.REGULAR_DAY_NOTE)


def visit(ctx: _Ctx, unit: str, on: date, *, head_day: bool = False, group: bool = False, outcome: str = "",
          case: Any = True) -> Visit:
    """A reception: on the head's day (received by the head) or by the reception staff; a group with its
    representatives."""
    rng = ctx.rng
    day = ctx.head_days.get((unit, on.year, on.month)) if head_day else None
    if day is not None:
        on = day.on
    if case is True:
        case = ctx.case_for(unit, on) if rng.random() < 0.6 else None
    if group:
        size = rng.randint(4, 15)
        persons = [ctx.person(unit, True) for _ in range(rng.randint(1, 2))]
        content = rng.choice(tx.GROUP_TALKS).format(n=size, place=persons[0]["address"].split(", ")[1])
    else:
        persons = [_party(ctx.person(unit), case, "debtor" if rng.random() < 0.5 else "creditor")]
        size, content = 1, rng.choice(tx.RECEPTION_TALKS)
    by = ctx.who(unit, "head") if day is not None and ctx.who(unit, "head") else ctx.who(unit, "intake")
    v = Visit(len(ctx.plan.visits) + 1, unit, on, by, persons, size, content, outcome or "guided",
              (case.ext_id,) if case else (), day is not None, day.key if day is not None else None)
    ctx.plan.visits.append(v)
    return v


def recorded(ctx: _Ctx, v: Visit, act: str, *, late_known: bool = False) -> Matter:
    """The visit ends with a letter taken down and its complaint recorded."""
    v.outcome = "recorded"
    case = ctx.cases.get(v.cases[0]) if v.cases else None
    letter = _letter(ctx, v.unit, v.on, "in_person", "", v.persons, by=v.by, reception=v.key)
    m = complaint(ctx, v.unit, v.on, act, letter=letter, case=case, signers=v.group_size, late_known=late_known)
    letter.content = v.content = m.summary
    return m
