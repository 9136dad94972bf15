"""The complaints report (``thads complaints-report``, issue 16) as a pure function over plain rows.

Pure Python: no Django import. The service (:mod:`thads.complaints.report`) reads the matters of a unit's subtree with
their history (``MatterEvent`` rows dated up to the period's end) and the receptions of the period, turns each into a
plain value (:class:`MatterFact` with its :class:`Step`\\ s, :class:`ReceptionFact`); this module says which figures a
matter counts in (:func:`figures_of`), adds them up (:func:`compute_complaints_report`) and lists the matters behind
one figure (:func:`drill`). The report and its drill-down are the same selection: the list of a figure has exactly
as many rows as the figure.

Period and unit, as in ``thads report`` (interchange.md §2): ``[from, to]``, both days included; statistical year Y
runs 01/10/Y−1 to 30/09/Y and its k-month period ends with its k-th month (:func:`thads.domain.report.
statistical_year_period`); a unit's report covers that unit and every unit below it.

**As of the period's end.** Every figure is read from the matter's own history as it stood at ``to``: the steps
dated after ``to`` are ignored, so an act recorded later never changes a past period (a closed period reproduces).
The steps are replayed in the order of their legal dates (then of their sequence numbers). A matter is *closed* by
its first step that closes it (not accepted, forwarded, archived, withdrawn, resolved; ``domain.petitions.
CLOSED_STATUSES``); nothing reopens a matter (a second-level complaint is a matter of its own, ``level`` 2). A
matter belongs to the unit of its last step dated on or before ``to`` (the unit that held it then; the matter's
current unit when it has no step by then). A matter forwarded to another unit of THADS is recorded there anew
(``complaints.actions.do_forward``): in a report covering both units only the copy counts (:func:`belongs`), so
one letter is counted once in a roll-up. A report (phản ánh) counts under ``recommendation``
(``domain.petitions.REPORT_KEY``).

The definitions, per kind (THADS's for issue 16; TT 13/2021/TT-BTP gives the registers, not this table:
UNVERIFIED against any official form):

``received``
    The matters *carried over* — received before ``from`` and still open at the start of ``from`` (no closing step
    dated before ``from``) — plus the *new* ones, received within the period (``Matter.received_on``).
``accepted``
    Of ``received``, those taken up for resolution by ``to``. A complaint or a denunciation: an ``accepted`` step
    (thụ lý: Luật THADS Arts. 145, 148; Art. 157 with Luật Tố cáo 2018 Art. 29) dated on or before ``to`` — within
    the period, or before it for a matter carried over. A recommendation, a report or a procuracy's act, which are
    answered without a separate acceptance (TT 13/2021/TT-BTP Art. 28; Luật THADS Art. 161.1: :data:`DIRECT_KINDS`):
    taken up from its receipt when within the agency's competence, unless closed by ``to`` otherwise than by its
    answer (forwarded, archived, not accepted). Any matter with a ``resolved`` step by ``to`` was taken up. So
    ``accepted ≤ received``, and an open recommendation within competence is ``outstanding`` (and ``overdue`` after
    its answer's due date).
``within_competence``
    Of ``received``, those the agency resolves itself as of ``to``: every accepted matter, and any other not
    forwarded by ``to`` (no ``forwarded`` step, Art. 140 / Decree 62 Art. 38: chuyển đơn) and not classified outside
    the agency's competence (the competence recorded on its steps, else ``Matter.within_competence``). So
    ``accepted ≤ within_competence ≤ received``.
``resolved``
    Of ``accepted``, those closed by a ``resolved`` step (decision, conclusion, answer) dated within the period.
``resolved_on_time``
    Of ``resolved``, those resolved on or before their due date *as it stood at the resolution*: the due date the
    last step before the ``resolved`` step left (:func:`with_dues`: the resolution or answer deadline of the
    deadline engine's own rule, ``domain.petition_rules.matter_deadlines`` — acceptance + the resolution time of
    Arts. 146.1, 157.2 with the extension of Arts. 146.3, 157.2; a recommendation's, report's or procuracy act's
    answer time from its receipt, TT 13/2021 Art. 28, Art. 161.1 — replayed over the history up to that step), else
    ``Matter.due_on`` when given (the service gives none: ``Matter.due_on`` is today's earliest open deadline, not
    the one of the period). A matter with no due date at all counts as on time (no time limit was missed).
``withdrawn``
    Of ``received``, those closed by a ``withdrawn`` step (rút đơn, Luật Khiếu nại 2011 Art. 10; Luật Tố cáo Art.
    33) dated within the period, accepted or not.
``outstanding``
    Of ``accepted``, those still open at the end of ``to``.
``overdue``
    Of ``outstanding``, those whose due date as of ``to`` (the one the last step by then left, as above) is before
    ``to``.
``outcomes.right`` / ``wrong`` / ``partly_right``
    Of ``resolved``, those whose resolution found the complaint or denunciation right, wrong, partly right (the
    outcome recorded on the ``resolved`` step, else ``Matter.outcome``); a resolution without a finding (an answer
    to a recommendation) counts in none.
``resolved_share``
    ``resolved / accepted × 100`` written like ``thads report``'s ``RATE`` (:func:`thads.domain.report.rate`): a
    string with two decimals rounded half up (``"66.67"``), ``null`` when nothing was accepted.

And, for the whole unit: ``receptions``, the receptions of citizens (``Reception`` rows) dated within the period.

Per matter each figure is an implication of the one above it, so in every kind ``resolved_on_time ≤ resolved ≤
accepted ≤ received``, ``outstanding ≤ accepted`` and ``overdue ≤ outstanding``. Counts are integers; the JSON form
(``dumps_report``) has English keys and nested objects, no arrays.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from thads.domain.calendar import WorkCalendar
from thads.domain.petition_rules import MatterEventRec, MatterRec, matter_deadlines
from thads.domain.petitions import REPORT_KEY, REPORTED_KINDS, MatterEventKind, MatterKind, MatterStatus, Outcome
from thads.domain.report import _subtree, dumps_report, rate

#: The counts of each kind, in the order of the JSON (``outcomes`` and ``resolved_share`` follow them).
COUNTS: tuple[str, ...] = ("received", "accepted", "within_competence", "resolved", "resolved_on_time", "withdrawn",
                           "outstanding", "overdue")
OUTCOMES: tuple[str, ...] = tuple(o.value for o in Outcome)
RECEPTIONS = "receptions"

#: Every figure behind which a list of rows stands, as a dotted path into the JSON, in the order of the JSON.
FIGURES: tuple[str, ...] = (
    RECEPTIONS,
    *(f"kinds.{kind}.{key}" for kind in REPORTED_KINDS
      for key in (*COUNTS, *(f"outcomes.{o}" for o in OUTCOMES))),
)

#: The kinds answered without a separate acceptance step (TT 13/2021/TT-BTP Art. 28; Luật THADS Art. 161.1).
DIRECT_KINDS = frozenset({MatterKind.RECOMMENDATION, MatterKind.REPORT, MatterKind.PROCURACY})

#: The steps that close a matter, with the status they leave it in.
CLOSING: Mapping[str, str] = {
    MatterEventKind.NOT_ACCEPTED: MatterStatus.NOT_ACCEPTED, MatterEventKind.FORWARDED: MatterStatus.FORWARDED,
    MatterEventKind.ARCHIVED: MatterStatus.ARCHIVED, MatterEventKind.WITHDRAWN: MatterStatus.WITHDRAWN,
    MatterEventKind.RESOLVED: MatterStatus.RESOLVED,
}


@dataclass(frozen=True)
class Step:
    """One row of a matter's history (``MatterEvent``) as the report sees it: its kind, legal date, sequence number
    and unit; ``due_on`` the resolution (answer) due date as it stood after this step (``None``: unchanged; filled
    by :func:`with_dues`), ``outcome`` the finding of a resolution, ``within_competence`` the competence this step
    recorded (``None``: none)."""

    seq: int
    kind: str
    on: date
    unit: str
    due_on: date | None = None
    outcome: str = ""
    within_competence: bool | None = None
    #: a forwarding's receiving unit when it is a unit of THADS (the matter is recorded there anew)
    to_unit: str = ""
    #: the row's details as the deadline rules read them (an extension's ``stage`` and ``days``)
    details: Mapping[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class MatterFact:
    """A matter with its history. ``unit``, ``outcome`` and ``within_competence`` are the matter's cached fields,
    used only when no step dated by the period's end says otherwise; ``due_on`` is its resolution (answer) due date
    from its receipt (:func:`with_dues`)."""

    id: int
    kind: str
    unit: str
    received_on: date
    steps: tuple[Step, ...] = ()
    due_on: date | None = None
    outcome: str = ""
    within_competence: bool | None = None


@dataclass(frozen=True)
class ReceptionFact:
    id: int
    unit: str
    on: date


@dataclass(frozen=True)
class AsOf:
    """A matter as it stood at the end of a day: the unit that held it, whether it was taken up (accepted or
    resolved), forwarded, the competence recorded, the closing step (``None``: open), the due date (as of the
    closing step when closed) and the status."""

    unit: str
    taken_up: bool
    forwarded: bool
    competence: bool | None
    closing: Step | None
    due_on: date | None
    status: str


def as_of(matter: MatterFact, day: date) -> AsOf:
    """Replay ``matter``'s steps dated on or before ``day`` (legal date, then sequence order); a matter of
    :data:`DIRECT_KINDS` open and within competence is taken up."""
    unit, taken_up, forwarded, competence = matter.unit, False, False, matter.within_competence
    closing: Step | None = None
    due = matter.due_on
    status = MatterStatus.RECEIVED.value
    for step in sorted((s for s in matter.steps if s.on <= day), key=lambda s: (s.on, s.seq)):
        unit = step.unit or unit
        if closing is not None:
            continue
        if step.within_competence is not None:
            competence = step.within_competence
        if step.due_on is not None:
            due = step.due_on
        if step.kind == MatterEventKind.ACCEPTED:
            taken_up, status = True, MatterStatus.ACCEPTED.value
        elif step.kind in CLOSING:
            closing, status = step, CLOSING[step.kind]
            taken_up = taken_up or step.kind == MatterEventKind.RESOLVED
            forwarded = step.kind == MatterEventKind.FORWARDED
    if matter.kind in DIRECT_KINDS and closing is None and competence is not False:
        taken_up = True
    return AsOf(unit, taken_up, forwarded, competence, closing, due, status)


def is_resolution_deadline(code: str) -> bool:
    """Whether a deadline of ``domain.petition_rules.matter_deadlines`` is a matter's resolution or answer due date
    (not its acceptance, forwarding or carrying out)."""
    return code.endswith(".resolve") or code == "recommendation.answer" or (
        code.startswith("procuracy.") and code != "procuracy.carry_out")


def with_dues(matter: MatterFact, calendar: WorkCalendar, *, level: int = 1, complained_act: str = "",
              procuracy_act: str = "") -> MatterFact:
    """``matter`` with its resolution (answer) due date from its receipt (``due_on``: a recommendation's, a
    report's, a procuracy act's answer time; none for a complaint or denunciation before acceptance) and each step's
    ``due_on`` set to the due date as it stood after that step: the deadline engine's rule
    (``petition_rules.matter_deadlines``, Arts. 146, 157.2, 161.1; TT 13/2021 Art. 28) over the history up to it.
    A step that already carries a due date (written with the act) keeps it; a closing step sets none."""
    events: list[MatterEventRec] = []
    status, accepted_on = MatterStatus.RECEIVED.value, None

    def due_now(on: date, unit: str) -> date | None:
        rec = MatterRec(matter.id, matter.kind, status, matter.received_on, level, complained_act, procuracy_act,
                        matter.within_competence is not False, accepted_on, None, "", tuple(events))
        return min((d.due for d in matter_deadlines(rec, calendar, on, unit=unit or None)
                    if is_resolution_deadline(d.code)), default=None)

    first = matter.due_on if matter.due_on is not None else due_now(matter.received_on, matter.unit)
    done: list[Step] = []
    for s in sorted(matter.steps, key=lambda s: (s.on, s.seq)):
        events.append(MatterEventRec(s.kind, s.on, s.details))
        closing = status in CLOSING.values() or s.kind in CLOSING
        if s.kind == MatterEventKind.ACCEPTED and not closing:
            status, accepted_on = MatterStatus.ACCEPTED.value, s.on
        due = s.due_on if s.due_on is not None or closing else due_now(s.on, s.unit)
        if s.kind in CLOSING and status not in CLOSING.values():
            status = CLOSING[s.kind]
        done.append(replace(s, due_on=due))
    return replace(matter, steps=tuple(done), due_on=first)


def key_of(matter: MatterFact) -> str | None:
    """The report's kind key of a matter (a report counts as a recommendation); ``None`` for an unknown kind."""
    return REPORT_KEY.get(matter.kind)


def counts_of(matter: MatterFact, date_from: date, date_to: date) -> tuple[str, ...]:
    """The keys of its kind ``matter`` counts in over ``[date_from, date_to]`` (``COUNTS`` names and
    ``outcomes.<o>``); no unit test here (see :func:`unit_at`). The definitions: the module docstring."""
    if key_of(matter) is None or matter.received_on > date_to:
        return ()
    if matter.received_on < date_from and as_of(matter, date_from - timedelta(days=1)).closing is not None:
        return ()
    end = as_of(matter, date_to)
    out = ["received"]
    closing = end.closing if end.closing is not None and end.closing.on >= date_from else None
    if end.taken_up:
        out.append("accepted")
    if end.taken_up or (not end.forwarded and end.competence is not False):
        out.append("within_competence")
    if closing is not None and closing.kind == MatterEventKind.RESOLVED:
        out.append("resolved")
        if end.due_on is None or closing.on <= end.due_on:
            out.append("resolved_on_time")
        outcome = closing.outcome or matter.outcome
        if outcome in OUTCOMES:
            out.append(f"outcomes.{outcome}")
    if closing is not None and closing.kind == MatterEventKind.WITHDRAWN:
        out.append("withdrawn")
    if end.taken_up and end.closing is None:
        out.append("outstanding")
        if end.due_on is not None and end.due_on < date_to:
            out.append("overdue")
    return tuple(out)


def figures_of(matter: MatterFact, date_from: date, date_to: date) -> tuple[str, ...]:
    """The figures (dotted paths of :data:`FIGURES`) ``matter`` counts 1 in over the period."""
    key = key_of(matter)
    return tuple(f"kinds.{key}.{name}" for name in counts_of(matter, date_from, date_to))


def unit_at(matter: MatterFact, day: date) -> str:
    """The unit that held ``matter`` at the end of ``day`` (the unit of its last step by then)."""
    return as_of(matter, day).unit


def belongs(matter: MatterFact, units: set[str] | frozenset[str], date_to: date) -> bool:
    """Whether ``matter`` counts in the report of ``units``: the unit that held it at ``date_to`` is one of them,
    and it was not forwarded by then to another of them (the receiving unit counts the copy recorded there: one
    letter is counted once in a roll-up)."""
    end = as_of(matter, date_to)
    if end.unit not in units:
        return False
    return not (end.forwarded and end.closing is not None and end.closing.to_unit in units)


def units_of(unit_parent: Mapping[str, str | None], unit: str) -> set[str]:
    """``unit`` and every unit below it (``unit_parent``: code → parent code, ``None`` for a root)."""
    return _subtree(unit_parent, unit)


def empty_kind() -> dict[str, Any]:
    return {**dict.fromkeys(COUNTS, 0), "outcomes": dict.fromkeys(OUTCOMES, 0), "resolved_share": None}


def empty_report(unit: str, date_from: date, date_to: date) -> dict[str, Any]:
    """The report with every count 0, its keys in the JSON order."""
    return {"unit": unit, "from": date_from.isoformat(), "to": date_to.isoformat(), RECEPTIONS: 0,
            "kinds": {kind: empty_kind() for kind in REPORTED_KINDS}}


def _check(date_from: date, date_to: date, figure: str | None = None) -> None:
    if date_from > date_to:
        raise ValueError("the period ends before it starts")
    if figure is not None and figure not in FIGURES:
        raise ValueError(f"unknown figure '{figure}'")


def _add(report: dict[str, Any], figure: str) -> None:
    *path, last = figure.split(".")
    node = report
    for key in path:
        node = node[key]
    node[last] += 1


def compute_complaints_report(matters: Iterable[MatterFact], receptions: Iterable[ReceptionFact],
                              unit_parent: Mapping[str, str | None], unit: str, date_from: date,
                              date_to: date) -> dict[str, Any]:
    """The complaints report of ``unit`` (and every unit below it) over ``[date_from, date_to]`` (both included), as
    its JSON form (the definitions: the module docstring). Raises ``ValueError`` for an unknown unit or a period
    that ends before it starts."""
    _check(date_from, date_to)
    units = units_of(unit_parent, unit)
    report = empty_report(unit, date_from, date_to)
    report[RECEPTIONS] = sum(1 for r in receptions if r.unit in units and date_from <= r.on <= date_to)
    for matter in matters:
        if belongs(matter, units, date_to):
            for figure in figures_of(matter, date_from, date_to):
                _add(report, figure)
    for kind in report["kinds"].values():
        kind["resolved_share"] = rate(kind["resolved"], kind["accepted"])
    return report


def figure_value(report: Mapping[str, Any], figure: str) -> int:
    """The value of ``figure`` (a dotted path of :data:`FIGURES`) in a report."""
    _check(date.min, date.min, figure)
    node: Any = report
    for key in figure.split("."):
        node = node[key]
    return int(node)


def drill(matters: Iterable[MatterFact], receptions: Iterable[ReceptionFact], unit_parent: Mapping[str, str | None],
          unit: str, date_from: date, date_to: date, figure: str) -> list[int]:
    """The ids of the rows behind ``figure`` in the report of ``unit`` over the period — receptions for
    ``receptions``, matters otherwise — by date (received on, for a matter) then id: as many as the figure."""
    _check(date_from, date_to, figure)
    units = units_of(unit_parent, unit)
    if figure == RECEPTIONS:
        picked = sorted((r.on, r.id) for r in receptions if r.unit in units and date_from <= r.on <= date_to)
    else:
        picked = sorted((m.received_on, m.id) for m in matters
                        if belongs(m, units, date_to) and figure in figures_of(m, date_from, date_to))
    return [pk for _on, pk in picked]


__all__ = ["CLOSING", "belongs", "COUNTS", "DIRECT_KINDS", "FIGURES", "OUTCOMES", "RECEPTIONS", "AsOf", "MatterFact", "ReceptionFact", "Step",
           "as_of", "compute_complaints_report", "is_resolution_deadline", "with_dues", "counts_of", "drill", "dumps_report", "empty_report",
           "figure_value", "figures_of", "key_of", "unit_at", "units_of"]
