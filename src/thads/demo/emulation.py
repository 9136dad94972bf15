"""Targets, emulation and good practices in the demo province (issue 17), planned purely and deterministically from
the seed, ``today`` and the figures the loader reads (:class:`Facts`): a :class:`Plan` of plain rows that
``thads.web.demo_emulation`` writes through the emulation actions, acting as the demo personas.

- **Targets** for every statistical year from the first of the history to the current one: the national line (the
  seeded national targets of ``thads.stats.national`` where published, else the latest earlier one, marked as demo
  data), the province's own target from the national department, each branch's from the province and each officer's
  passed down from their branch. A past year's target is near the year's actual result (a little above or below,
  so that some units met it and some did not); the current year's is near last year's result, and one branch and
  one officer get a target 15 points above their projected rate: clearly behind pace.
- **Emulation**: the current year's campaign «Về đích sớm» of the province with its participating units, the
  province's emulation council, nominations at every step (proposed, reviewed, decided with a commendation, declined
  by the council and by the head, withdrawn; one title decided by the Minister), and the titles of earlier years
  recorded directly (Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao động tiên tiến / xuất sắc, Giấy khen).
- **Good practices**: illustrative write-ups (not real files) of difficult cases of the demo, each linked to a case of
  its unit chosen by theme (coercion, auction after price reductions, assets found through the land registry, a
  group's complaint, a coercion with the police, an exemplary officer) and to officers of that unit.

Every date is between the start of its statistical year and ``today``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from thads.demo import province
from thads.demo.emulation_texts import COUNCIL, CRITERIA, PRACTICES, REASON_OFFICER, REASON_UNIT

Rates = tuple[str | None, str | None]  # (cases, money), "83.24" or None

NATIONAL_DEPT = "QĐ-TCTHADS"  # Tổng cục THADS; from 03/2025 the Cục Quản lý THADS
NATIONAL_DEPT_2025 = "QĐ-QLTHADS"
RENAMED_ON = date(2025, 3, 1)
SUFFIX = {"province": "CTHADS", "district": "CCTHADS", "regional": "PTHADS"}
BEHIND_BY = 1500  # hundredths of a point: the behind unit's target above its projection
HEAD_TITLE = "Cục trưởng " + province.ROOT["name"]
MINISTER = "Bộ trưởng Bộ Tư pháp"


@dataclass(frozen=True, slots=True)
class CaseRef:
    """A case a good practice may be written about: its unit, officer code, decision number and a figure (the
    number of price reductions, the group's size …)."""

    ext_id: str
    unit: str
    officer: str = ""
    decision_no: str = ""
    figure: int = 0


@dataclass(slots=True)
class Facts:
    """What the plan needs of the database (the loader reads it)."""

    first_year: int
    current: tuple[int, int]  # (statistical year, months)
    totals: dict[int, Rates]  # per year: the province's rates (its whole subtree)
    units: dict[int, dict[str, Rates]]  # per year: each unit's own rates
    alive: dict[int, list[str]]  # per year: the units below the province alive in it
    levels: dict[str, str]  # unit code → level
    projection: dict[str, Rates] = field(default_factory=dict)  # current year, per unit code
    officer_projection: dict[str, Rates] = field(default_factory=dict)  # current year, per officer code
    officers: dict[int, dict[str, str]] = field(default_factory=dict)  # per year: officer code → unit code
    personas: dict[str, tuple[str, str]] = field(default_factory=dict)  # username → (unit code, officer code)
    cases: dict[str, list[CaseRef]] = field(default_factory=dict)  # theme → candidates
    national: dict[int, tuple[str | None, str | None, str]] = field(default_factory=dict)  # seeded targets, source


@dataclass(slots=True)
class TargetRow:
    year: int
    issuer: str
    unit: str | None
    officer: str | None
    cases_rate: str | None
    money_rate: str | None
    decision_no: str
    decided_on: date
    by: str
    source: str = ""
    note: str = ""


@dataclass(slots=True)
class PassDown:
    """``do_pass_down`` of the unit's target for the year to its officers."""

    year: int
    unit: str
    by: str


@dataclass(slots=True)
class Step:
    kind: str  # review, decide, decline, withdraw
    on: date
    by: str
    args: dict = field(default_factory=dict)


@dataclass(slots=True)
class Nomination:
    key: str
    title: str
    year: int
    by: str
    on: date
    reason: str
    officer: str = ""
    nominee_unit: str = ""
    unit: str = "HUE"  # the deciding unit
    steps: list[Step] = field(default_factory=list)


@dataclass(slots=True)
class Commendation:
    title: str
    year: int
    decision_no: str
    decided_on: date
    issuer: str
    by: str
    kind: str = "individual"
    officer: str = ""
    unit: str = ""
    note: str = ""


@dataclass(slots=True)
class Practice:
    kind: str
    title: str
    summary: str
    body: str
    unit: str
    author: str
    year: int
    affects_order: bool = False
    officers: list[str] = field(default_factory=list)
    cases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Campaign:
    name: str
    unit: str
    starts_on: date
    ends_on: date
    criteria: str
    units: list[str]
    by: str


@dataclass(slots=True)
class Plan:
    targets: list[TargetRow] = field(default_factory=list)
    pass_downs: list[PassDown] = field(default_factory=list)
    overrides: list[TargetRow] = field(default_factory=list)  # after the pass-downs (the officer behind pace)
    campaign: Campaign | None = None
    council: list[tuple[str, str, str]] = field(default_factory=list)  # (unit, username, role)
    nominations: list[Nomination] = field(default_factory=list)
    commendations: list[Commendation] = field(default_factory=list)
    practices: list[Practice] = field(default_factory=list)
    behind_unit: str = ""
    behind_officer: str = ""


# ------------------------------------------------------------------------------------------------ rates and dates


def _hundredths(rate: str | None) -> int | None:
    if rate is None:
        return None
    whole, _, frac = str(rate).partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def _text(h: int | None) -> str | None:
    return None if h is None else f"{h // 100}.{h % 100:02d}"


def near(rng: random.Random, rate: str | None, low: int, high: int) -> str | None:
    """``rate`` moved by a random whole or half point in [low, high] hundredths, rounded to half a point, kept in
    [0, 100]."""
    h = _hundredths(rate)
    if h is None:
        return None
    h += rng.randrange(low, high + 1, 50)
    return _text(min(10000, max(0, (h + 25) // 50 * 50)))


def above(rate: str | None, by: int = BEHIND_BY) -> str | None:
    """A target ``by`` hundredths above ``rate`` (capped at 100)."""
    h = _hundredths(rate)
    return None if h is None else _text(min(10000, (h + by + 49) // 50 * 50))


def year_start(year: int) -> date:
    return date(year - 1, 10, 1)


def _on(year: int, today: date, days: int) -> date:
    """``days`` after the start of ``year``, never after ``today``."""
    return min(today, year_start(year) + timedelta(days=days))


def _share(year: int, today: date, fraction: float) -> date:
    """The day ``fraction`` of the way from the start of the current ``year`` to ``today``."""
    start = year_start(year)
    return start + timedelta(days=int((today - start).days * fraction))


def _number(rng: random.Random, suffix: str, low: int = 20, high: int = 950) -> str:
    return f"{rng.randint(low, high)}/{suffix}"


# ------------------------------------------------------------------------------------------------ the plan


def plan(*, seed: int, today: date, facts: Facts) -> Plan:
    """The demo's targets, emulation and good practices: deterministic for the same arguments."""
    rng = random.Random(f"thads-demo-emulation:{seed}")
    p = Plan()
    _targets(p, rng, today, facts)
    _emulation(p, rng, today, facts)
    _commendations(p, rng, today, facts)
    _practices(p, today, facts)
    return p


def national_targets(national: dict[int, tuple[str | None, str | None, str]], years: range
                     ) -> dict[int, tuple[str | None, str | None, str, bool]]:
    """Per year the national targets (cases, money, source, seeded?): the seeded ones where published, else the
    latest earlier published (the earliest for years before it)."""
    seeded = sorted(y for y, row in national.items() if row[0] or row[1])
    out = {}
    for year in years:
        if year in seeded:
            out[year] = (*national[year], True)
        elif seeded:
            base = max([y for y in seeded if y < year] or [seeded[0]])
            out[year] = (national[base][0], national[base][1],
                         f"Dữ liệu minh họa: lấy theo chỉ tiêu năm {base} đã công bố", False)
    return out


def _targets(p: Plan, rng: random.Random, today: date, f: Facts) -> None:
    """long: the national line, the province's, each branch's and the pass-downs to officers, year by year."""
    current = f.current[0]
    line = national_targets(f.national, range(f.first_year, current + 1))
    for year in range(f.first_year, current + 1):
        past = year < current
        ncases, nmoney, source, seeded = line.get(year, (None, None, "", False))
        if ncases or nmoney:
            p.targets.append(TargetRow(year, "national_assembly", None, None, ncases, nmoney, "",
                                       _on(year, today, 0), "thongke", source=source,
                                       note="" if seeded else "Không phải số liệu công bố"))
        dept = NATIONAL_DEPT if _on(year, today, 14) < RENAMED_ON else NATIONAL_DEPT_2025
        prov = _unit_target(rng, f.totals.get(year), f.totals.get(year - 1), past) or (ncases, nmoney)
        p.targets.append(TargetRow(year, "national_department", "HUE", None, *prov, _number(rng, dept),
                                   _on(year, today, 14), "thongke",
                                   note="Chỉ tiêu Tổng cục/Cục Quản lý THADS giao cho tỉnh"))
        decision = _number(rng, "QĐ-CTHADS")
        for code in f.alive.get(year, []):
            rates = _unit_target(rng, f.units.get(year, {}).get(code), f.units.get(year - 1, {}).get(code), past)
            p.targets.append(TargetRow(year, "province", code, None, *(rates or prov), decision,
                                       _on(year, today, 28), "thongke", note="Giao chỉ tiêu cho đơn vị trực thuộc"))
        for code in ["HUE", *f.alive.get(year, [])]:
            if any(u == code for u in f.officers.get(year, {}).values()) or not past:
                p.pass_downs.append(PassDown(year, code, "truongkv1" if code == "HUE-KV1" else "thongke"))
    _behind(p, today, f)


def _unit_target(rng: random.Random, actual: Rates | None, last: Rates | None, past: bool) -> Rates | None:
    """A past year's target near its actual result; the current year's near last year's result."""
    basis = actual if past else last
    if basis is None or (basis[0] is None and basis[1] is None):
        return None
    return near(rng, basis[0], -250, 150), near(rng, basis[1], -300, 200)


def highest(*rates: str | None) -> str | None:
    """The highest of the rates given (None when none is)."""
    known = [r for r in rates if r is not None]
    return max(known, key=_hundredths) if known else None


def raised(target: Rates, projection: Rates) -> Rates:
    """A target clearly above a projection: money 15 points above it, cases 5 points (at most 98 %), never below the
    target it replaces."""
    cases = None if projection[0] is None else min(above(projection[0], 500), "98.00", key=_hundredths)
    return highest(target[0], cases), highest(target[1], above(projection[1]))


def _behind(p: Plan, today: date, f: Facts) -> None:
    """The current year: the branch with the lowest projected money rate, and the officer with the lowest one
    outside it, get targets well above their projections (:func:`raised`)."""
    year = f.current[0]
    own = {row.unit: row for row in p.targets if row.year == year and row.unit and row.officer is None}
    branches = [c for c in f.alive.get(year, []) if f.projection.get(c, (None, None))[1] is not None and c in own]
    if branches:
        code = min(branches, key=lambda c: (_hundredths(f.projection[c][1]), c))
        row = own[code]
        row.cases_rate, row.money_rate = raised((row.cases_rate, row.money_rate), f.projection[code])
        row.note = "Giao chỉ tiêu cao để đơn vị phấn đấu về đích"
        p.behind_unit = code
    units = f.officers.get(year, {})
    officers = [o for o, u in units.items() if u != p.behind_unit and u in own
                and f.officer_projection.get(o, (None, None))[1] is not None]
    if officers:
        code = min(officers, key=lambda o: (_hundredths(f.officer_projection[o][1]), o))
        unit = units[code]
        rates = raised((own[unit].cases_rate, own[unit].money_rate), f.officer_projection[code])
        issuer = "branch" if f.levels[unit] != "province" else "province"
        p.overrides.append(TargetRow(year, issuer, unit, code, *rates,
                                     _number(random.Random(code), "QĐ-" + SUFFIX[f.levels[unit]]),
                                     _on(year, today, 45), "truongkv1" if unit == "HUE-KV1" else "thongke",
                                     note="Chỉ tiêu giao riêng cho Chấp hành viên"))
        p.behind_officer = code


# ------------------------------------------------------------------------------------------------ emulation

def _emulation(p: Plan, rng: random.Random, today: date, f: Facts) -> None:
    """long: the campaign, the council and one nomination for each path through the workflow."""
    year = f.current[0]
    units = f.alive.get(year, [])
    p.campaign = Campaign(f"Phong trào thi đua «Về đích sớm» năm {year}", "HUE", year_start(year),
                          date(year, 9, 30), CRITERIA.format(y=year, p=year - 1), ["HUE", *units], "cuctruong")
    p.council = [("HUE", user, role) for user, role in COUNCIL if user in f.personas]
    pool = [o for o, u in sorted(f.officers.get(year, {}).items()) if u in units and o != p.behind_officer]
    by_unit = {u: [o for o in pool if f.officers[year][o] == u] for u in units}
    taken: set[str] = set()

    def officer(unit: str, persona: str = "") -> str:
        own = f.personas.get(persona, ("", ""))[1]
        for o in ([own] if own else []) + by_unit.get(unit, []) + pool:
            if o and o not in taken and o in f.officers.get(year, {}):
                taken.add(o)
                return o
        return ""

    t0, t1, t2, t3 = (_share(year, today, x) for x in (0.45, 0.55, 0.65, 0.8))
    decision = _number(rng, "QĐ-CTHADS")
    decide = Step("decide", t3, "cuctruong", {"decision_no": decision, "decided_on": t3, "issuer": HEAD_TITLE})
    review = Step("review", t2, "thongke", {"votes_for": 5, "votes_against": 0,
                                            "note": "Hội đồng Thi đua – Khen thưởng thống nhất đề nghị khen thưởng."})
    kv = sorted(u for u in units if f.levels.get(u) != "province")
    reason_u, reason_o = REASON_UNIT.format(y=year), REASON_OFFICER.format(y=year)
    noms = []
    if kv:
        noms.append(Nomination("unit-decided", "certificate", year, "cuctruong", t0, reason_u, nominee_unit=kv[0],
                               steps=[review, decide]))
    noms += [
        Nomination("officer-decided", "certificate", year, "truongkv1", t0, reason_o,
                   officer=officer("HUE-KV1", "chv.kv1"), steps=[review, decide]),
        Nomination("minister", "minister_certificate", year, "cuctruong", t0, reason_o,
                   officer=officer("HUE-KV1"),
                   steps=[Step("review", t2, "thanhtra", {"votes_for": 4, "votes_against": 1, "note": ""}),
                          Step("decide", t3, "cuctruong", {"decision_no": _number(rng, "QĐ-BTP", 1000, 3500),
                                                           "decided_on": t3, "issuer": MINISTER})]),
        Nomination("reviewed", "certificate", year, "cuctruong", t1, reason_o, officer=officer("HUE-KV2", "chv.kv2"),
                   steps=[review]),
        Nomination("proposed", "certificate", year, "cuctruong", t2, reason_o, officer=officer("HUE-KV3")),
        Nomination("declined-council", "certificate", year, "cuctruong", t0, reason_o, officer=officer("HUE-KV4"),
                   steps=[Step("decline", t2, "thanhtra", {"reason": "Hội đồng không thống nhất đề nghị: tỷ lệ thi "
                                                           "hành xong về tiền chưa đạt chỉ tiêu được giao."})]),
        Nomination("withdrawn", "certificate", year, "truongkv1", t0, reason_o, officer=officer("HUE-KV1"),
                   steps=[Step("withdraw", t1, "truongkv1", {"reason": "Rút đề nghị để bổ sung hồ sơ, đề nghị lại "
                                                              "khi sơ kết phong trào."})]),
    ]
    if len(kv) > 1:
        noms.append(Nomination("declined-head", "certificate", year, "cuctruong", t0, reason_u, nominee_unit=kv[1],
                               steps=[review, Step("decline", t3, "cuctruong", {
                                   "reason": "Chuyển xét khen thưởng khi tổng kết phong trào cuối năm."})]))
    p.nominations = [n for n in noms if n.officer or n.nominee_unit]


def _commendations(p: Plan, rng: random.Random, today: date, f: Facts) -> None:
    """The titles of the last two statistical years whose decision day (10 December after the year) has passed."""
    done = 0
    for year in range(f.current[0] - 1, f.first_year, -1):
        on = date(year, 12, 10)
        if on > today or done == 2:
            continue
        done += 1
        here = _number(rng, "QĐ-CTHADS")
        officers = sorted(f.officers.get(year, {}))
        rng.shuffle(officers)
        for i, code in enumerate(officers[:5]):
            title = "grassroots_fighter" if i == 0 else "advanced_worker"
            p.commendations.append(Commendation(title, year, here, on, HEAD_TITLE, "cuctruong", officer=code))
        met = [row.unit for row in p.targets if row.year == year and row.issuer == "province"
               and _met(row, f.units.get(year, {}).get(row.unit or ""))]
        for i, code in enumerate(met[:3]):
            title = "advanced_collective" if i else "excellent_collective"
            p.commendations.append(Commendation(
                title, year, _number(rng, "QĐ-BTP", 1000, 3500) if i == 0 else here,
                on + timedelta(days=30 if i == 0 else 0), MINISTER if i == 0 else HEAD_TITLE, "cuctruong",
                kind="collective", unit=code))
        if officers[5:6]:
            p.commendations.append(Commendation("certificate", year, here, on, HEAD_TITLE, "cuctruong",
                                                officer=officers[5], note="Khen thưởng chuyên đề"))
    p.commendations = [c for c in p.commendations if c.decided_on <= today]


def _met(row: TargetRow, actual: Rates | None) -> bool:
    if actual is None:
        return False
    pairs = [(row.cases_rate, actual[0]), (row.money_rate, actual[1])]
    return all(t is None or (a is not None and _hundredths(a) >= _hundredths(t)) for t, a in pairs)


# ------------------------------------------------------------------------------------------------ good practices

WRITERS = {"HUE": "cuctruong", "HUE-KV1": "chv.kv1", "HUE-KV2": "chv.kv2"}  # who writes when a theme moves unit


def _practices(p: Plan, today: date, f: Facts) -> None:
    """One write-up per theme with a case of its unit (else of another unit with a persona able to write it)."""
    year = f.current[0]
    authors = {unit: user for unit, user in WRITERS.items() if user in f.personas}
    used: set[str] = set()
    for theme, kind, unit, author, order, title, summary, body in PRACTICES:
        found = [c for c in f.cases.get(theme, []) + f.cases.get("any", []) if c.unit == unit and c.ext_id not in used]
        if not found:
            found = [c for c in f.cases.get(theme, []) if c.unit in authors and c.ext_id not in used]
            if not found:
                continue
            unit, author = found[0].unit, authors[found[0].unit]
        case = found[0]
        used.add(case.ext_id)
        decision = f" theo Quyết định thi hành án số {case.decision_no}" if case.decision_no else ""
        n = case.figure or (5 if theme == "auction" else 12)
        officers = [o for o in (case.officer, f.personas.get(author, ("", ""))[1])
                    if o and f.officers.get(year, {}).get(o, unit) == unit]
        p.practices.append(Practice(kind, title.format(n=n), summary.format(decision=decision, n=n),
                                    body.format(n=n), unit, author, year if theme == "exemplar" else year - 1,
                                    order, sorted(set(officers)), [case.ext_id]))
