"""The demo province's targets, emulation and good practices (``thads demo``, issue 17): the figures of every
statistical year of the history read from the statistics cells (``stats.service.official_report``, two calls a
year) and the current year's projections (``emulation.progress``), the pure plan of :mod:`thads.demo.emulation`,
written through the emulation actions acting as the demo personas (the statistician enters and passes down the
targets, the head of KV1 his officers'; the provincial head runs the campaign, proposes and decides; the council's
members review). Loaded once: a database that already has a target, a campaign, a nomination, a commendation or a
good practice is left as it is. A few hundred rows, no per-case loop.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from thads.cases.models import Case
from thads.demo import emulation as plan_mod
from thads.demo.emulation import CaseRef, Facts, Plan
from thads.domain.contrib import statistical_year_of
from thads.domain.states import State
from thads.emulation import actions as acts
from thads.emulation.models import Campaign, Commendation, GoodPractice, Nomination, Target
from thads.emulation.progress import current_period, progress
from thads.org.models import Officer, Unit, User
from thads.stats import national
from thads.stats.service import official_report

ROOT = "HUE"
PERSONAS = ("cuctruong", "thongke", "thanhtra", "thamtra", "truongkv1", "phokv1", "chv.kv1", "chv.kv2")
THEMES = ("coercion", "order", "auction", "land", "group", "any")


def _rates(block: dict) -> tuple[str | None, str | None]:
    return block["cases"]["RATE"], block["money"]["RATE"]


def _alive(units: list[Unit], year: int) -> list[str]:
    start, end = date(year - 1, 10, 1), date(year, 9, 30)
    return sorted(u.code for u in units if (u.valid_from is None or u.valid_from <= end)
                  and (u.valid_to is None or u.valid_to >= start))


def gather(root: Unit, today: date) -> Facts | None:
    """What the plan needs: rates per year and unit, officers with cases per year, the current projections, the
    personas and the candidate cases of the good practices."""
    first = Case.objects.filter(decided_on__isnull=False).aggregate(m=Min("decided_on"))["m"]
    if first is None:
        return None
    year, months = current_period(today)
    children = list(Unit.objects.filter(parent=root))
    officer_unit = dict(Officer.objects.values_list("code", "unit__code"))
    f = Facts(first_year=statistical_year_of(first), current=(year, months), totals={}, units={}, alive={},
              levels=dict(Unit.objects.values_list("code", "level")))
    for y in range(f.first_year, year + 1):
        k = 12 if y < year else months
        report = official_report(root, y, k, by="unit")
        f.totals[y] = _rates(report)
        f.units[y] = {code: _rates(g) for code, g in report["groups"].items()}
        f.officers[y] = {code: officer_unit[code] for code in official_report(root, y, k, by="officer")["groups"]
                         if code in officer_unit}
        f.alive[y] = _alive(children, y)
    f.projection = {c: (e["projection"]["cases"], e["projection"]["money"])
                    for c, e in progress(root, year, by="unit", today=today).items()}
    f.officer_projection = {c: (e["projection"]["cases"], e["projection"]["money"])
                            for c, e in progress(root, year, by="officer", today=today).items()
                            if e["base"]["cases"]}
    for user in User.objects.filter(username__in=PERSONAS, is_active=True).select_related("unit", "officer"):
        officer = getattr(user, "officer", None)
        f.personas[user.username] = (user.unit.code if user.unit else "", officer.code if officer else "")
    f.cases = practice_cases(sorted({u for u, _ in f.personas.values() if u}))
    f.national = {r.year: (r.target_cases, r.target_money, r.source) for r in national.NATIONAL if r.months == 12}
    return f


def practice_cases(units: list[str]) -> dict[str, list[CaseRef]]:
    """Per theme a few cases held by ``units`` that fit it (indexed queries, at most 20 rows each)."""
    from thads.assets.models import AuctionSession, CoercionPlan, DebtorCase
    from thads.complaints.models import Reception

    def refs(qs, prefix: str = "case__", figure: str | None = None) -> list[CaseRef]:
        fields = [f"{prefix}ext_id", f"{prefix}unit__code", f"{prefix}officer__code", f"{prefix}decision_no"]
        return [CaseRef(r[0], r[1], r[2] or "", r[3] or "", int(r[4]) if figure else 0)
                for r in qs.values_list(*fields, *([figure] if figure else []))[:20]]

    held = {"case__unit__code__in": units}
    return {
        "coercion": refs(CoercionPlan.objects.filter(**held, status="carried_out").order_by("case_id")),
        "order": refs(CoercionPlan.objects.filter(**held, mobilised_forces=True, status="carried_out").order_by("-case_id")),
        "auction": refs(AuctionSession.objects.filter(**held, reductions__gt=0).order_by("-reductions", "case_id"),
                        figure="reductions"),
        "land": refs(DebtorCase.objects.filter(**held, debtor__assets__kind="land").order_by("case_id")),
        "group": refs(Reception.objects.filter(cases__unit__code__in=units, group_size__gt=2).order_by(
            "-group_size", "id"), prefix="cases__", figure="group_size"),
        "any": [c for u in units for c in refs(Case.objects.filter(unit__code=u, state=State.COMPLETED.value)
                                                .order_by("-id"), prefix="")[:5]],
    }


def load(*, seed: int, today: date) -> Plan | None:
    """Plan and write the demo's targets, emulation and good practices (None when there already are some)."""
    if any(m.objects.exists() for m in (Target, Campaign, Nomination, Commendation, GoodPractice)):
        return None
    root = Unit.objects.filter(code=ROOT).first()
    if root is None:
        return None
    facts = gather(root, today)
    if facts is None:
        return None
    p = plan_mod.plan(seed=seed, today=today, facts=facts)
    with transaction.atomic():
        write(p)
    return p


def write(p: Plan) -> None:
    """The plan through the emulation actions, as the personas."""
    users = {u.username: u for u in User.objects.filter(username__in=PERSONAS)}
    units = {u.code: u for u in Unit.objects.all()}
    officers = {o.code: o for o in Officer.objects.select_related("unit")}
    rows: dict[tuple[int, str], Target] = {}

    def put(t) -> Target:
        return acts.do_set_target(users[t.by], year=t.year, issuer=t.issuer, unit=units.get(t.unit or ""),
                                  officer=officers.get(t.officer or ""), cases_rate=t.cases_rate,
                                  money_rate=t.money_rate, decision_no=t.decision_no, decided_on=t.decided_on,
                                  source=t.source, note=t.note)

    for t in p.targets:
        row = put(t)
        if t.unit and not t.officer:
            rows[(t.year, t.unit)] = row
    staffed = set(Officer.objects.values_list("unit__code", flat=True))
    for d in p.pass_downs:
        if (d.year, d.unit) in rows and d.unit in staffed:
            acts.do_pass_down(users[d.by], rows[(d.year, d.unit)], to="officers")
    for t in p.overrides:
        put(t)
    _emulation(p, users, units, officers)
    cases = {c.ext_id: c for c in Case.objects.filter(ext_id__in={e for x in p.practices for e in x.cases})}
    for x in p.practices:
        acts.do_save_practice(users[x.author], kind=x.kind, title=x.title, summary=x.summary, body=x.body,
                              unit=units[x.unit], officers=[officers[o] for o in x.officers],
                              cases=[cases[e] for e in x.cases if e in cases], affects_order=x.affects_order,
                              year=x.year)


def _emulation(p: Plan, users, units, officers) -> None:
    c = p.campaign
    campaign = acts.do_save_campaign(users[c.by], name=c.name, unit=units[c.unit], starts_on=c.starts_on,
                                     ends_on=c.ends_on, criteria=c.criteria, units=[units[u] for u in c.units])
    for unit, username, role in p.council:
        acts.do_add_council_member(users["cuctruong"], unit=units[unit], member=users[username], role=role)
    for n in p.nominations:
        row = acts.do_propose(users[n.by], unit=units[n.unit], year=n.year, title=n.title,
                              officer=officers.get(n.officer), nominee_unit=units.get(n.nominee_unit),
                              campaign=campaign, reason=n.reason, on=n.on)
        for s in n.steps:
            args = dict(s.args)
            if s.kind != "decide":
                args["on"] = s.on
            getattr(acts, f"do_{s.kind}")(users[s.by], row, **args)
    for m in p.commendations:
        acts.do_record_commendation(users[m.by], kind=m.kind, title=m.title, year=m.year,
                                    decision_no=m.decision_no, decided_on=m.decided_on, issuer=m.issuer,
                                    officer=officers.get(m.officer), recipient_unit=units.get(m.unit), note=m.note)


def summary(p: Plan | None) -> str:
    """The line ``thads demo`` prints."""
    if p is None:
        return "Targets and emulation already loaded."
    years = sorted({t.year for t in p.targets})
    span = f"{years[0]}–{years[-1]}" if years else "-"
    return (f"Targets {span} ({len(p.targets)} for units, passed down to officers; behind pace: {p.behind_unit} "
            f"and officer {p.behind_officer or '-'}); campaign with {len(p.nominations)} nominations, "
            f"{len(p.commendations)} earlier commendations, {len(p.practices)} good practices.")


def run(options, stdout) -> None:
    """The one call of ``thads demo`` (after the reception and petitions): loads and prints one line."""
    if options.get("no_cases"):
        return
    today = date.fromisoformat(options["today"]) if options.get("today") else timezone.localdate()
    stdout.write(summary(load(seed=options["seed"], today=min(today, timezone.localdate()))))
