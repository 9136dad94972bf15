"""The demo province's citizen reception and petitions (``thads demo``, issue 16): the pure plan of
:mod:`thads.demo.complaints` over the loaded cases, acted by the demo personas — the reception officer and the
clerk take in, the heads and the deputy decide, a branch without a persona acts as the system — written in bulk
(:mod:`thads.web.demo_complaints_bulk`) or replayed through the complaints actions (:func:`replay`, the proof of the
bulk rows in ``tests/test_demo_complaints.py``). Loaded once: a database that already has a reception, a letter or a
matter is left as it is. No case event is written.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db import transaction
from django.utils import timezone

from thads.cases.models import Case, Party
from thads.complaints import actions as acts
from thads.complaints.models import Letter, Matter, Reception, ReceptionDay
from thads.deadlines.service import current_calendar
from thads.demo.complaints import Actors, CaseRef, Plan, plan
from thads.domain.roles import Title
from thads.domain.states import FINAL_STATES
from thads.org.models import Unit, User

_FINAL = frozenset(s.value for s in FINAL_STATES)


def case_refs() -> list[CaseRef]:
    """What the plan needs of every loaded case (no party is read here)."""
    return [CaseRef(ext, unit, decided, last, state in _FINAL, no or "", officer or "")
            for ext, unit, decided, last, state, no, officer in Case.objects.filter(decided_on__isnull=False)
            .values_list("ext_id", "unit__code", "decided_on", "last_event_on", "state", "decision_no",
                         "officer__name").order_by("id").iterator(chunk_size=5000)]


def actors() -> tuple[dict[str, Actors], dict[str, User]]:
    """Who acts for each unit: its reception officer (else its clerk), head and deputy among the active logins."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    users: dict[str, User] = {}
    for user in User.objects.filter(is_active=True, unit__isnull=False, title__in=[
            Title.RECEPTION, Title.CLERK, Title.HEAD, Title.DEPUTY]).select_related("unit").order_by("username"):
        users[user.username] = user
        found[user.unit.code].setdefault(user.title, user.username)
    return {code: Actors(t.get(Title.RECEPTION) or t.get(Title.CLERK, ""), t.get(Title.HEAD, ""),
                         t.get(Title.DEPUTY, "")) for code, t in found.items()}, users


def resolve_parties(p: Plan) -> None:
    """Put the case's own party (name, ID number, address) where the plan names a party of a case; the planned
    person stays when the case has no such person."""
    people = [x for v in p.visits for x in v.persons] + [x for lt in p.letters for x in lt.signatories]
    wanted = {x["case"] for x in people if "party" in x}
    parties: dict[tuple[str, str], tuple[str, str, str]] = {}
    for ext, role, name, number, address in Party.objects.filter(
            case__ext_id__in=wanted, kind="person").order_by("case_id", "role", "position").values_list(
            "case__ext_id", "role", "name", "id_number", "address"):
        parties.setdefault((ext, role), (name, number, address))
    for x in people:
        found = parties.get((x.pop("case", ""), x.pop("party", "")))
        if found is not None:
            x["name"], x["id_number"], x["address"] = found


def load(*, seed: int, today: date, size: int, bulk: bool = True) -> Plan | None:
    """Plan and write the demo's reception and petitions (None when there already are some)."""
    if any(m.objects.exists() for m in (ReceptionDay, Reception, Letter, Matter)):
        return None
    units = {u.code: u for u in Unit.objects.all()}
    if "HUE" not in units:
        return None
    roles, users = actors()
    calendar = current_calendar()
    p = plan(seed=seed, today=min(today, timezone.localdate()), size=size, cases=case_refs(), actors=roles,
             calendar=calendar)
    resolve_parties(p)
    cases = {ext: (pk, unit) for ext, pk, unit in Case.objects.filter(ext_id__in=_case_ids(p)).values_list(
        "ext_id", "id", "unit_id")}
    with transaction.atomic():
        if bulk:
            from thads.web.demo_complaints_bulk import write_bulk

            write_bulk(p, users, units, cases, calendar)
        else:
            replay(p, users, units, cases)
    return p


def _case_ids(p: Plan) -> set[str]:
    return {e for v in p.visits for e in v.cases} | {m.case for m in p.matters if m.case}


def summary(p: Plan | None) -> str:
    """The line ``thads demo`` prints."""
    if p is None:
        return "Citizen reception and petitions already loaded."
    return (f"Citizen reception: {len(p.visits)} receptions, {len(p.letters)} letters, {len(p.matters)} matters "
            f"({len(p.days)} days on the schedule).")


def run(options, stdout) -> None:
    """The one call of ``thads demo`` (after the cases and the personas): loads and prints one line."""
    if options.get("no_cases"):
        return
    today = date.fromisoformat(options["today"]) if options.get("today") else timezone.localdate()
    stdout.write(summary(load(seed=options["seed"], today=today, size=options["size"])))


# ------------------------------------------------------------------------------------------------ the actions


def replay(p: Plan, users, units, cases) -> dict[int, int]:
    """The plan through the complaints actions, act by act as the personas (the proof of the bulk rows); returns
    the matter id of each planned matter."""
    user = users.get
    days = {d.key: acts.do_schedule_reception(
        user(d.by), units[d.unit].pk, on=d.on, receiver_id=user(d.receiver).pk if d.receiver else None,
        head_day=d.head_day, place=d.place, note=d.note).pk for d in p.days}
    visits = {v.key: acts.do_log_reception(
        user(v.by), units[v.unit].pk, on=v.on, persons=v.persons, content=v.content, outcome=v.outcome,
        group_size=v.group_size, case_ids=[cases[e][0] for e in v.cases], head_day=v.head_day,
        schedule_id=days.get(v.schedule)).pk for v in p.visits}
    letters = {lt.key: acts.do_register_letter(
        user(lt.by), units[lt.unit].pk, received_on=lt.received_on, channel=lt.channel, content=lt.content,
        signatories=lt.signatories, anonymous=lt.anonymous, forwarded_by=lt.forwarded_by,
        reception_id=visits.get(lt.reception)).pk for lt in p.letters}
    matters: dict[int, int] = {}
    copies: dict[int, int] = {}
    for m in p.matters:
        if m.origin == "forward":
            matters[m.key] = copies.pop(m.parent)
        elif m.origin == "escalate":
            matters[m.key] = acts.do_escalate(user(m.by), matters[m.parent], received_on=m.received_on,
                                              summary=m.summary, letter_id=letters.get(m.letter),
                                              decision_received_on=m.act_known_on).pk
        else:
            matters[m.key] = acts.do_record_matter(
                user(m.by), units[m.unit].pk, kind=m.kind, received_on=m.received_on, summary=m.summary,
                letter_id=letters.get(m.letter), case_id=cases[m.case][0] if m.case else None,
                complained_act=m.complained_act, act_known_on=m.act_known_on, respondent=m.respondent,
                respondent_name=m.respondent_name, signatories=m.signatories, procuracy_act=m.procuracy_act,
                number=m.number, identity=m.identity or None).pk
        for s in m.steps:
            args = dict(s.args)
            if s.kind == "archive" and args.get("duplicate_of"):
                args["duplicate_of_id"] = matters[args.pop("duplicate_of")]
            if s.kind == "forward":
                to_unit = args.pop("to_unit", None)
                args["to_unit_id"] = units[to_unit].pk if to_unit else None
            ev = getattr(acts, f"do_{s.kind}")(user(s.by), matters[m.key], on=s.on, **args)
            if s.kind == "forward" and "to_matter" in ev.details:
                copies[m.key] = ev.details["to_matter"]
    return matters
