"""Citizen reception, letters and the matters they carry in the demo province (issue 16), planned purely and
deterministically: a :class:`Plan` of plain dataclasses — reception days, receptions, letters, matters and their
steps with dates — referencing cases by their ext ids, units by code and the acting persona by username. It has no
import format: ``thads.web.demo_complaints`` replays it through the complaints actions (or writes the same rows in
bulk). It adds no case event: ``thads report`` and the §1 records of the demo are the same with it or without it.

Content over the last two complete statistical years (01/10–30/09, ``thads.demo.assets.last_complete_years``) and
the current one up to ``today``: in each unit alive, every month, receptions (the head's reception day on the
schedule, groups with their representatives) and letters by every channel (a few forwarded by other bodies), their
matters — complaints of every kind of act complained about (Luật THADS Art. 140.2; some out of time and not
accepted, Art. 141.4; account freezes resolved on the 5-working-day clock, Art. 146.2; most resolved on time, right,
wrong or partly right; a few extended, withdrawn, archived as duplicates), denunciations (the anonymous ones
archived; the others accepted, some extended to 90 days, Art. 157.2, the denunciator's identity recorded),
recommendations and reports answered (TT 13/2021/TT-BTP Art. 28; a few forwarded to the competent body), the
procuracy's protests, recommendations and requests answered within 15 days (Art. 161.1; no protest is accepted, even
in part: carrying it out would be an act on the case, which the demo's petitions never write). A matter is decided
where ``domain.petition_rules.competent_unit`` says (Arts. 142, 157): what a regional office takes in goes to the
provincial head (forwarded within 5 working days, recorded there anew). The volume grows with ``size`` (dozens a
unit and year at the default 30,000 cases); whatever the size, each of the two years has its **core**: a complaint
of each act with each outcome, one out of time, an account freeze, a second-level complaint at the provincial unit
(resolved there when a district branch decided first; when the provincial head did, forwarded to the national
department, Art. 142.3), a complaint against a branch's head forwarded to the province, an anonymous denunciation
archived, a denunciation accepted and extended, a recommendation, a report, a protest on a case, a forwarded
letter, a withdrawal, and two complaints overdue at the year's end (in the last year one still open today).

Every step respects the rules the actions check (time limits, competence, order of dates, nothing after
``today``); a district branch's matters close before it is dissolved (30/06/2025).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from thads.demo.complaints_core import build
from thads.demo.complaints_ctx import Actors, CaseRef, Day, Letter, Matter, Plan, Step, Visit, _Ctx
from thads.domain.calendar import WorkCalendar, national_calendar

__all__ = ["Actors", "CaseRef", "Day", "Letter", "Matter", "Plan", "Step", "Visit", "plan"]


def plan(*, seed: int, today: date, size: int, cases: Sequence[CaseRef] = (),
         actors: Mapping[str, Actors] | None = None, calendar: WorkCalendar | None = None) -> Plan:
    """The demo's reception and petitions from the first day of the earlier of the last two complete statistical
    years to ``today``: deterministic for the same arguments."""
    ctx = _Ctx(seed, today, size, cases, actors or {}, calendar or national_calendar())
    build(ctx)
    return ctx.plan
