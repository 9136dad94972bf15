"""The vocabulary of the demo's reception and petitions plan (:mod:`thads.demo.complaints`): the plain rows, the
building context (calendar, random stream, units, cases by unit, numbering) and the lifecycles of matters."""

from __future__ import annotations

import bisect
import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from thads.demo import complaints_texts as tx
from thads.demo import names as nm
from thads.demo import province
from thads.demo.assets import last_complete_years
from thads.domain import petition_rules as pr
from thads.domain.calendar import WorkCalendar

FULL_SIZE = 30000  # the size at which the volumes below are reached
RECEPTIONS_PER_YEAR = 30  # per unit alive the whole year
LETTERS_PER_YEAR = 22
PROCURACY_PER_YEAR = 2
SUFFIX = {"province": "CTHADS", "district": "CCTHADS", "regional": "PTHADS"}


@dataclass(frozen=True, slots=True)
class CaseRef:
    """What the plan needs of a loaded case (the loader reads it)."""

    ext_id: str
    unit: str  # the unit holding it now
    decided_on: date
    last_on: date | None
    final: bool
    decision_no: str = ""
    officer: str = ""  # the officer's name


@dataclass(frozen=True, slots=True)
class Actors:
    """Who acts for a unit: the login that logs receptions and letters, the head and the deputy ("" = the system)."""

    intake: str = ""
    head: str = ""
    deputy: str = ""


@dataclass(slots=True)
class Day:
    key: int
    unit: str
    on: date
    receiver: str
    head_day: bool
    place: str
    note: str
    by: str = ""


@dataclass(slots=True)
class Visit:
    key: int
    unit: str
    on: date
    by: str
    persons: list[dict[str, Any]]
    group_size: int
    content: str
    outcome: str
    cases: tuple[str, ...] = ()
    head_day: bool = False
    schedule: int | None = None


@dataclass(slots=True)
class Letter:
    key: int
    unit: str
    received_on: date
    by: str
    channel: str
    content: str
    signatories: list[dict[str, Any]] = field(default_factory=list)
    anonymous: bool = False
    forwarded_by: str = ""
    reception: int | None = None


@dataclass(slots=True)
class Step:
    """One decision on a matter: ``kind`` names the action (accept, not_accept, extend, resolve, forward, archive,
    withdraw); ``args`` its keyword arguments (``to_unit`` a unit code, ``duplicate_of`` a matter key)."""

    kind: str
    on: date
    by: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Matter:
    """A matter: ``origin`` "record" (``do_record_matter``), "escalate" (``do_escalate`` against ``parent``, with
    ``act_known_on`` the day the first decision was received) or "forward" (the copy ``parent``'s forward step
    creates in the unit it goes to: its fields are the parent's)."""

    key: int
    unit: str
    by: str
    kind: str
    received_on: date
    summary: str
    origin: str = "record"
    parent: int | None = None
    letter: int | None = None
    case: str | None = None
    complained_act: str = ""
    act_known_on: date | None = None
    respondent: str = ""
    respondent_name: str = ""
    level: int = 1
    signatories: int = 1
    procuracy_act: str = ""
    number: str = ""
    identity: dict[str, str] = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)


@dataclass(slots=True)
class Plan:
    today: date
    years: tuple[int, int]
    days: list[Day] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    letters: list[Letter] = field(default_factory=list)
    matters: list[Matter] = field(default_factory=list)


def _level(code: str) -> str:
    return next(r["level"] for r in province.units() if r["code"] == code)


class _Ctx:
    """The plan being built: the calendar, the random stream, the units, the cases by unit, the numbering."""

    def __init__(self, seed: int, today: date, size: int, cases: Sequence[CaseRef], actors: Mapping[str, Actors],
                 calendar: WorkCalendar) -> None:
        self.rng = random.Random(seed * 1_000_003 + 16)
        self.today, self.cal = today, calendar
        self.scale = min(1.0, max(0, size) / FULL_SIZE)
        self.units = {r["code"]: r for r in province.units()}
        self.actors = actors
        self.plan = Plan(today, last_complete_years(today))
        self.cases = {c.ext_id: c for c in cases}
        self.by_unit: dict[str, list[CaseRef]] = defaultdict(list)
        for c in sorted(cases, key=lambda c: (c.decided_on, c.ext_id)):
            self.by_unit[c.unit].append(c)
        self.decided = {u: [c.decided_on for c in cs] for u, cs in self.by_unit.items()}
        self.numbers: dict[tuple[str, int, str], int] = defaultdict(int)
        self.head_days: dict[tuple[str, int, int], Day] = {}
        self.complaints_at: dict[str, list[tuple[Matter, Letter]]] = defaultdict(list)

    # -- units and people ------------------------------------------------------------------------------------
    def alive(self, unit: str, on: date) -> bool:
        r = self.units[unit]
        return (r["valid_from"] is None or r["valid_from"] <= on) and (r["valid_to"] is None or on <= r["valid_to"])

    def last_day(self, unit: str) -> date:
        """The last day a matter of ``unit`` may be decided (a branch's matters close before it is dissolved)."""
        return min(self.today, self.units[unit]["valid_to"] or self.today)

    def who(self, unit: str, role: str) -> str:
        a = self.actors.get(unit) or Actors()
        if role == "decide":
            return a.deputy if a.deputy and self.rng.random() < 0.25 else a.head
        return a.intake if role == "intake" else a.head or a.intake

    def number(self, unit: str, on: date, what: str) -> str:
        self.numbers[(unit, on.year, what)] += 1
        return f"{self.numbers[(unit, on.year, what)]}/{what}-{SUFFIX[self.units[unit]['level']]}"

    def person(self, unit: str, representative: bool = False) -> dict[str, Any]:
        rng = self.rng
        female = rng.random() < 0.4
        sur = rng.choices([s for s, _ in nm.SURNAMES], [w for _, w in nm.SURNAMES])[0]
        mid = rng.choice(nm.FEMALE_MIDDLE if female else nm.MALE_MIDDLE)
        given = rng.choice(nm.FEMALE_GIVEN if female else nm.MALE_GIVEN)
        name = f"{nm.ROYAL_FEMALE} {mid} {given}" if female and sur == "Tôn Thất" else f"{sur} {mid} {given}"
        born = rng.randint(1950, 2004)
        digit = (0 if born < 2000 else 2) + (1 if female else 0)
        return {"name": name, "id_number": f"{nm.HUE_ID_CODE}{digit}{born % 100:02d}{rng.randint(0, 999999):06d}",
                "address": self.address(unit), "representative": representative}

    def address(self, unit: str) -> str:
        rng = self.rng
        places = [nm.HUE_PLACES[c] for c, s in province.SUCCESSOR.items() if unit in (c, s)] or \
            list(nm.HUE_PLACES.values())
        label, communes = places[rng.randrange(len(places))]
        return (f"{rng.choice(tx.HAMLETS)} {rng.randint(1, 12)}, {rng.choice(communes)}, {label}, "
                "tỉnh Thừa Thiên Huế")

    # -- dates -----------------------------------------------------------------------------------------------
    def wd(self, d: date, n: int = 0) -> date:
        """The ``n``-th working day after ``d`` (``d`` rolled to a working day when ``n`` is 0)."""
        return self.cal.add_working_days(d, n) if n else self.cal.roll(d)

    def day_in(self, lo: date, hi: date) -> date | None:
        """A random working day in [lo, hi] (None when there is none)."""
        for _ in range(6):
            d = self.cal.roll(lo + timedelta(days=self.rng.randint(0, max(0, (hi - lo).days))))
            if d <= hi:
                return d
        return None

    def resolver(self, m: Matter) -> str | None:
        """The competent unit's code (``petition_rules.competent_unit`` over the chain from the case's unit, else
        the unit holding the matter), None outside THADS; a second-level complaint's is the unit above the first
        resolver (``complaints.actions.do_escalate``, Art. 142)."""
        if m.origin == "escalate":
            return self.units[self.plan.matters[m.parent - 1].unit]["parent"]
        code: str | None = self.cases[m.case].unit if m.case else m.unit
        chain = []
        while code:
            chain.append((code, self.units[code]["level"]))
            code = self.units[code]["parent"]
        respondent = m.respondent or ("officer" if m.kind in ("complaint", "denunciation") else "")
        return pr.competent_unit(chain, m.kind, respondent, m.level)

    def case_for(self, unit: str, on: date) -> CaseRef | None:
        """A case the unit holds that was being enforced around ``on`` (None when there is none)."""
        cases = self.by_unit.get(unit)
        if not cases:
            return None
        n = bisect.bisect_right(self.decided[unit], on - timedelta(days=20))
        for _ in range(8 if n else 0):
            c = cases[self.rng.randrange(n)]
            if not c.final or (c.last_on is not None and c.last_on >= on - timedelta(days=30)):
                return c
        return None


# ------------------------------------------------------------------------------------------------ lifecycles


def _resolve(ctx: _Ctx, m: Matter, start: date, due: date, *, late: bool, outcome: str, text: str,
             what: str = "QĐ", after: date | None = None) -> None:
    """The resolution: on or before ``due`` (late: some days after it; ``after``: some days after that day)."""
    if after is not None:
        on = ctx.wd(after, ctx.rng.randint(5, 20))
    elif late:
        on = ctx.wd(due, ctx.rng.randint(3, 15))
    else:
        on = ctx.day_in(ctx.wd(start, 1), due) or due
    m.steps.append(Step("resolve", on, ctx.who(m.unit, "decide"), {
        "outcome": outcome, "decision_no": ctx.number(m.unit, on, what), "summary": text}))


def route(ctx: _Ctx, m: Matter) -> Matter | None:
    """The matter the competent unit resolves (``petition_rules.competent_unit``, as ``do_record_matter`` finds it:
    Arts. 142, 157): ``m`` itself; or, when another unit of THADS is competent, the copy ``m``'s forwarding within
    5 working days records there (TT 13/2021 Arts. 8.2, 16.2); None when the competent body is outside THADS
    (forwarded to it)."""
    res = ctx.resolver(m)
    if res == m.unit:
        return m
    on = ctx.wd(m.received_on, ctx.rng.randint(1, 3))
    by = ctx.who(m.unit, "decide")
    m.steps.append(Step("forward", on, by, {"to_unit": res, "to_body": "" if res else tx.NATIONAL_BODY,
                                            "letter_no": ctx.number(m.unit, on, "CV")}))
    if res is None:
        return None
    if m.kind == "complaint" and pr.time_limit_refusal(ctx.cal, m.complained_act, m.act_known_on, on,
                                                       m.level) is not None:
        m.act_known_on = m.received_on
    copy = Matter(len(ctx.plan.matters) + 1, res, by, m.kind, on, m.summary, origin="forward", parent=m.key,
                  case=m.case, complained_act=m.complained_act, act_known_on=m.act_known_on,
                  respondent=m.respondent, respondent_name=m.respondent_name, level=m.level,
                  signatories=m.signatories, procuracy_act=m.procuracy_act, number=m.number,
                  identity=dict(m.identity))
    ctx.plan.matters.append(copy)
    return copy


def complaint_life(ctx: _Ctx, m: Matter, *, fate: str = "", outcome: str = "", extend: bool = False,
                   late: bool = False, open_: bool = False, after: date | None = None) -> Matter | None:
    """A first- or second-level complaint: not accepted by the unit holding it when out of time (Art. 141.4), or
    archived as a duplicate; otherwise at the competent unit (:func:`route`) accepted within 5 working days (10
    days at the second level; Art. 148, TT 13/2021 Art. 9.1), withdrawn, or resolved within Art. 146's time
    (extended once, Art. 146.3, 146.5). Returns the matter resolved (None: forwarded outside THADS)."""
    rng = ctx.rng
    if fate == "out_of_time":
        m.steps.append(Step("not_accept", ctx.wd(m.received_on, rng.randint(1, 4)), ctx.who(m.unit, "decide"),
                            {"reason": tx.OUT_OF_TIME}))
        return m
    if fate == "duplicate":
        m.steps.append(Step("archive", ctx.wd(m.received_on, rng.randint(1, 4)), ctx.who(m.unit, "decide"),
                            {"reason": "duplicate", "duplicate_of": m.parent}))
        m.parent = None
        return m
    m = route(ctx, m)
    if m is None:
        return None
    decide = ctx.who(m.unit, "decide")
    accepted = ctx.wd(m.received_on, rng.randint(1, 3) if m.complained_act != "account_freeze" else 1)
    m.steps.append(Step("accept", accepted, decide, {"notice_no": ctx.number(m.unit, accepted, "TB")}))
    due = pr.resolution_due(ctx.cal, m.kind, m.complained_act, m.level, accepted, 0)
    if fate == "withdrawn":
        m.steps.append(Step("withdraw", ctx.day_in(ctx.wd(accepted, 1), due) or due, decide,
                            {"reason": tx.WITHDRAWN}))
        return m
    if extend:
        days = rng.choice((15, 20, 30))
        on = ctx.day_in(ctx.wd(accepted, 1), due) or due
        m.steps.append(Step("extend", on, decide, {"reason": tx.EXTENDED_COMPLAINT, "days": days}))
        due = pr.resolution_due(ctx.cal, m.kind, m.complained_act, m.level, accepted, days)
    if not open_:
        outcome = outcome or rng.choices(("wrong", "partly_right", "right"), (60, 25, 15))[0]
        _resolve(ctx, m, accepted, due, late=late, outcome=outcome, text=tx.RESOLUTIONS[outcome], after=after)
    return m


def denunciation_life(ctx: _Ctx, m: Matter, *, fate: str = "", extend: bool = False, outcome: str = "") -> None:
    """A denunciation: an anonymous one archived (TT 13/2021 Art. 16.3), one without grounds not accepted, the
    others at the competent unit (:func:`route`) accepted within 7 working days (Art. 16.1) and concluded within
    60 days, 90 when extended (Art. 157.2)."""
    rng = ctx.rng
    first = ctx.wd(m.received_on, rng.randint(2, 6))
    if fate in ("anonymous", "not_accepted"):
        m.steps.append(Step("archive", first, ctx.who(m.unit, "decide"), {"reason": "anonymous"}) if fate ==
                       "anonymous" else Step("not_accept", first, ctx.who(m.unit, "decide"),
                                             {"reason": tx.NOT_ACCEPTED_DENUNCIATION}))
        return
    m = route(ctx, m)
    if m is None:
        return
    decide = ctx.who(m.unit, "decide")
    first = ctx.wd(m.received_on, rng.randint(2, 6))
    m.steps.append(Step("accept", first, decide, {"notice_no": ctx.number(m.unit, first, "QĐ")}))
    due = pr.resolution_due(ctx.cal, m.kind, "", 1, first, 0)
    if extend:
        m.steps.append(Step("extend", ctx.day_in(first + timedelta(days=30), due) or due, decide,
                            {"reason": tx.EXTENDED_DENUNCIATION}))
        due = pr.resolution_due(ctx.cal, m.kind, "", 1, first, 1)
        first = due - timedelta(days=25)
    outcome = outcome or rng.choices(("wrong", "partly_right", "right"), (50, 30, 20))[0]
    _resolve(ctx, m, first, due, late=False, outcome=outcome, text=tx.CONCLUSIONS[outcome], what="KL")


def answer_life(ctx: _Ctx, m: Matter, *, forward_to: str = "", late: bool = False, outcome: str = "") -> None:
    """A recommendation or report answered within 5 working days (TT 13/2021 Art. 28) or forwarded to the competent
    body; the procuracy's act answered within 15 days (Art. 161.1)."""
    if forward_to:
        on = ctx.wd(m.received_on, ctx.rng.randint(1, 4))
        m.steps.append(Step("forward", on, ctx.who(m.unit, "decide"), {
            "to_body": forward_to, "letter_no": ctx.number(m.unit, on, "CV")}))
        return
    m = route(ctx, m)
    if m is None:
        return
    period = pr.ANSWER_PROCURACY[m.procuracy_act] if m.procuracy_act else pr.ANSWER_RECOMMENDATION
    due = pr.add_period(ctx.cal, m.received_on, period)
    text = tx.PROCURACY_ANSWERS[outcome] if m.procuracy_act else tx.ANSWER
    _resolve(ctx, m, m.received_on, due, late=late, outcome=outcome, text=text, what="CV")
