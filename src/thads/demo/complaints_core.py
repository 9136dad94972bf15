"""What the demo's reception and petitions plan holds (:func:`thads.demo.complaints.plan`): the core of each of the
last two complete statistical years, the volume month by month in every unit alive, and the cut at ``today`` (pure).
"""

from __future__ import annotations

from datetime import date, timedelta

from thads.demo import complaints_texts as tx
from thads.demo.complaints_ctx import (
    LETTERS_PER_YEAR,
    PROCURACY_PER_YEAR,
    RECEPTIONS_PER_YEAR,
    Matter,
    _Ctx,
    answer_life,
    complaint_life,
    denunciation_life,
)
from thads.demo.complaints_plan import (
    ACT_WEIGHTS,
    ACTS,
    CLOSING_DAYS,
    _letter,
    _matter,
    _months,
    _schedule,
    answerable,
    complaint,
    denunciation,
    procuracy,
    recorded,
    visit,
)
from thads.domain import petition_rules as pr


def build(ctx: _Ctx) -> None:
    y1, y2 = ctx.plan.years
    start = date(y1 - 1, 10, 1)
    _schedule(ctx, start)
    for year in (y1, y2):
        _core(ctx, year)
    _volume(ctx, start)
    _cut(ctx)


def _branch(ctx: _Ctx, on: date) -> str:
    """The branch of the core's matters: the regional office of Huế city, before it the city's branch."""
    return "HUE-KV1" if ctx.alive("HUE-KV1", on) else "HUE-TP"


def _core(ctx: _Ctx, year: int) -> None:
    """Whatever the size, each year has every kind the demo must show (see :mod:`thads.demo.complaints`)."""
    lo, hi = date(year - 1, 10, 1), date(year, 9, 30)

    def at(days: int) -> date:
        return ctx.wd(lo + timedelta(days=days))

    visit(ctx, "HUE", at(40), head_day=True, group=True, outcome="answered")
    complaint_life(ctx, recorded(ctx, visit(ctx, "HUE", at(40), head_day=True), "before_measures"), outcome="wrong")
    complaint_life(ctx, complaint(ctx, _branch(ctx, at(35)), at(35), "account_freeze"), outcome="partly_right")
    complaint_life(ctx, complaint(ctx, "HUE", at(50), "other_security"), outcome="right")
    complaint_life(ctx, complaint(ctx, _branch(ctx, at(65)), at(65), "coercive"), outcome="wrong", extend=True)
    _second_level(ctx, at(80))
    denunciation_life(ctx, denunciation(ctx, _branch(ctx, at(70)), at(70)), extend=True, outcome="partly_right")
    complaint_life(ctx, complaint(ctx, "HUE", at(95), "coercive", late_known=True), fate="out_of_time")
    denunciation_life(ctx, denunciation(ctx, "HUE", at(110), anonymous=True), fate="anonymous")
    answer_life(ctx, answerable(ctx, "HUE", at(130), "recommendation")[0])
    answer_life(ctx, answerable(ctx, _branch(ctx, at(140)), at(140), "report", channel="hotline")[0])
    procuracy(ctx, "HUE", at(150), "protest", outcome="wrong")
    m, body = answerable(ctx, "HUE", at(160), "recommendation", channel="forwarded", outside=True,
                         forwarded_by=ctx.rng.choice(tx.FORWARDERS))
    answer_life(ctx, m, forward_to=body)
    complaint_life(ctx, complaint(ctx, "HUE", at(175), "coercive"), fate="withdrawn")
    _against_head(ctx, at(185))
    for unit in ("HUE", _branch(ctx, hi - timedelta(days=30))):  # overdue at the year's end
        m = complaint(ctx, unit, ctx.wd(hi - timedelta(days=28 + ctx.rng.randint(0, 3))), "before_measures")
        complaint_life(ctx, m, outcome="wrong", open_=year == ctx.plan.years[1] and unit == "HUE", after=hi)


def _second_level(ctx: _Ctx, on: date) -> None:
    """A first-level complaint resolved by the competent head, complained about again within 15 days (Arts. 140.2,
    142, 152): received by the unit above (the provincial unit for a branch's decision, resolved there), or by the
    provincial unit itself when it decided first (then forwarded to the national department, Art. 142.3)."""
    first = complaint_life(ctx, complaint(ctx, _branch(ctx, on), on, "after_coercion"), outcome="wrong")
    if first is None or not first.steps or first.steps[-1].kind != "resolve":
        return
    decided = first.steps[-1].on
    ends = pr.complaint_time_limit_ends(ctx.cal, first.complained_act, decided, 2)
    received = ctx.day_in(decided + timedelta(days=2), min(ends, decided + timedelta(days=10))) or decided
    source = ctx.plan.matters[(first.parent if first.origin == "forward" else first.key) - 1]
    signer = dict(ctx.plan.letters[source.letter - 1].signatories[0])
    text = tx.SECOND_LEVEL.format(decision=f" số {first.steps[-1].args['decision_no']}")
    unit = ctx.units[first.unit]["parent"] or first.unit
    letter = _letter(ctx, unit, received, "post", text, [signer])
    second = _matter(ctx, unit, received, "complaint", text, origin="escalate", parent=first.key,
                     letter=letter.key, case=first.case, complained_act=first.complained_act, act_known_on=decided,
                     respondent=first.respondent, level=2)
    complaint_life(ctx, second, outcome="partly_right")


def _against_head(ctx: _Ctx, on: date) -> None:
    """A complaint against a branch's head, forwarded to the provincial head (Art. 142.2.b), who resolves it."""
    src = complaint(ctx, _branch(ctx, on), on, "coercive", respondent="head")
    src.act_known_on = on - timedelta(days=5)
    complaint_life(ctx, src, outcome="wrong")


# ------------------------------------------------------------------------------------------------ volume


def _count(ctx: _Ctx, rate: float) -> int:
    x = rate * ctx.scale
    n = int(x)
    return n + (ctx.rng.random() < x - n)


def _may_record(ctx: _Ctx, unit: str, on: date) -> bool:
    end = ctx.units[unit]["valid_to"]
    return end is None or on <= end - timedelta(days=CLOSING_DAYS)


def _volume(ctx: _Ctx, start: date) -> None:
    """Every unit alive, every month up to ``today``: receptions, letters and the procuracy's acts at the rates of
    :mod:`thads.demo.complaints_ctx`, scaled by ``size``."""
    for unit, row in ctx.units.items():
        for y, m in _months(start, ctx.today):
            first = date(y, m, 1)
            end = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
            lo = max(first, row["valid_from"] or first)
            hi = min(end, ctx.today, row["valid_to"] or end)
            if lo > hi:
                continue
            share = ((hi - lo).days + 1) / ((end - first).days + 1)
            for _ in range(_count(ctx, RECEPTIONS_PER_YEAR / 12 * share)):
                _random_visit(ctx, unit, lo, hi)
            for _ in range(_count(ctx, LETTERS_PER_YEAR / 12 * share)):
                _random_letter(ctx, unit, lo, hi)
            for _ in range(_count(ctx, PROCURACY_PER_YEAR / 12 * share)):
                on = ctx.day_in(lo, hi)
                if on is not None and _may_record(ctx, unit, on):
                    act = ctx.rng.choices(("protest", "recommendation", "request"), (30, 45, 25))[0]
                    outcome = {"protest": ("wrong",), "recommendation": ("right", "partly_right"),
                               "request": ("right",)}[act]
                    procuracy(ctx, unit, on, act, outcome=ctx.rng.choice(outcome))


def _complaint_fate(ctx: _Ctx) -> dict:
    fate = ctx.rng.choices(("", "out_of_time", "duplicate", "withdrawn"), (84, 8, 4, 4))[0]
    return {"fate": fate, "act": ctx.rng.choices(ACTS, ACT_WEIGHTS)[0]}


def _life(ctx: _Ctx, m: Matter, fate: str) -> None:
    branch = ctx.units[m.unit]["valid_to"] is not None
    extend = not branch and m.complained_act in ("coercive", "after_coercion") and ctx.rng.random() < 0.15
    complaint_life(ctx, m, fate=fate, extend=extend, late=not branch and ctx.rng.random() < 0.1)


def _random_visit(ctx: _Ctx, unit: str, lo: date, hi: date) -> None:
    rng = ctx.rng
    on = ctx.day_in(lo, hi)
    if on is None:
        return
    day = ctx.head_days.get((unit, on.year, on.month))
    head = day is not None and lo <= day.on <= hi and rng.random() < 0.3
    v = visit(ctx, unit, on, head_day=head, group=rng.random() < 0.12)
    choices = ("guided", "answered", "recorded") if _may_record(ctx, unit, v.on) else ("guided", "answered")
    v.outcome = rng.choices(choices, (40, 25, 35)[:len(choices)])[0]
    if v.outcome != "recorded":
        return
    kind = rng.choices(("complaint", "recommendation", "report"), (70, 20, 10))[0]
    if kind == "complaint":
        f = _complaint_fate(ctx)
        fate = "" if f["fate"] == "duplicate" else f["fate"]
        _life(ctx, recorded(ctx, v, f["act"], late_known=fate == "out_of_time"), fate)
        return
    letter = _letter(ctx, unit, v.on, "in_person", "", v.persons, by=v.by, reception=v.key)
    m, _ = answerable(ctx, unit, v.on, kind, letter=letter)
    v.content = letter.content = m.summary
    answer_life(ctx, m, late=rng.random() < 0.08)


def _random_letter(ctx: _Ctx, unit: str, lo: date, hi: date) -> None:
    rng = ctx.rng
    on = ctx.day_in(lo, hi)
    if on is None or not _may_record(ctx, unit, on):
        return
    channel = rng.choices(("post", "portal", "hotline", "forwarded", "in_person"), (40, 18, 10, 14, 18))[0]
    by = rng.choice(tx.FORWARDERS) if channel == "forwarded" else ""
    kind = rng.choices(("complaint", "recommendation", "report", "denunciation", "mixed"), (50, 16, 12, 14, 8))[0]
    if kind == "denunciation":
        anonymous = channel in ("post", "hotline") and rng.random() < 0.2
        m = denunciation(ctx, unit, on, anonymous=anonymous, channel=channel, forwarded_by=by)
        fate = "anonymous" if anonymous else ("not_accepted" if rng.random() < 0.12 else "")
        denunciation_life(ctx, m, fate=fate, extend=ctx.units[unit]["valid_to"] is None and rng.random() < 0.2)
        return
    if kind in ("recommendation", "report"):
        outside = kind == "recommendation" and rng.random() < 0.1
        m, body = answerable(ctx, unit, on, kind, channel=channel, outside=outside, forwarded_by=by)
        answer_life(ctx, m, forward_to=body, late=rng.random() < 0.08)
        return
    f = _complaint_fate(ctx)
    earlier = ctx.complaints_at.get(unit)
    if f["fate"] == "duplicate" and earlier:
        _duplicate(ctx, unit, on, *earlier[rng.randrange(max(0, len(earlier) - 20), len(earlier))])
        return
    fate = "" if f["fate"] == "duplicate" else f["fate"]
    m = complaint(ctx, unit, on, f["act"], late_known=fate == "out_of_time", channel=channel, forwarded_by=by)
    _life(ctx, m, fate)
    if kind == "mixed":  # one letter, two contents: split into two matters (TT 13/2021 Art. 6.2)
        letter = ctx.plan.letters[m.letter - 1]
        extra, _ = answerable(ctx, unit, on, "recommendation", letter=letter)
        letter.content = f"{m.summary} {extra.summary}"
        answer_life(ctx, extra)


def _duplicate(ctx: _Ctx, unit: str, on: date, original: Matter, letter) -> None:
    """The same complainant writes again about the same thing: the letter is archived as a duplicate."""
    if on <= original.received_on:
        return
    again = _letter(ctx, unit, on, "post", original.summary, [dict(p) for p in letter.signatories])
    m = _matter(ctx, unit, on, "complaint", original.summary, letter=again.key, case=original.case,
                complained_act=original.complained_act, act_known_on=original.act_known_on,
                respondent=original.respondent, respondent_name=original.respondent_name, parent=original.key)
    complaint_life(ctx, m, fate="duplicate")


# ------------------------------------------------------------------------------------------------ cut


def _cut(ctx: _Ctx) -> None:
    """Nothing after ``today`` (the schedule excepted) nor after a branch's dissolution; a copy or a second level
    only when the step that creates it was kept."""
    p, today = ctx.plan, ctx.today
    p.visits = [v for v in p.visits if v.on <= today]
    p.letters = [lt for lt in p.letters if lt.received_on <= today]
    letters = {lt.key for lt in p.letters}
    kept: dict[int, Matter] = {}
    for m in p.matters:
        if m.received_on > today or (m.letter is not None and m.letter not in letters):
            continue
        parent = kept.get(m.parent) if m.origin != "record" else None
        if m.origin == "forward" and (parent is None or not any(s.kind == "forward" for s in parent.steps)):
            continue
        if m.origin == "escalate" and (parent is None or not parent.steps or parent.steps[-1].kind != "resolve"):
            continue
        last = ctx.last_day(m.unit)
        steps = []
        for s in m.steps:
            if s.on > last or (s.kind == "archive" and s.args.get("duplicate_of", 0) not in (0, *kept)):
                break
            steps.append(s)
        m.steps = steps
        kept[m.key] = m
    p.matters = list(kept.values())
