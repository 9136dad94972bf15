"""The complaints report of a unit (and every unit below it) over a period, and the rows behind each of its figures.

The definition is pure (:mod:`thads.domain.complaints_report`); this module reads the matters of the unit's subtree
(``org.scope.subtree_ids``, restricted to what the user may see when a user is given) with their history up to the
period's end, and the receptions of the period, turns them into plain values and calls it. The drill-down
(:func:`drill_list`) reads the same rows through the same loader and the same pure selection, so the list of a figure
has as many rows as the figure: the page shows both and the tests compare them.

What the drill-down shows of a matter: its kind, number, unit, the day it was received, its status and due date as
they stood at the period's end, its level and its case. Never a denunciator's identity (``Matter.identity``), a
letter's signatories, the people received or the matter's summary: none of them is read here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from thads.complaints.models import Matter, MatterEvent, Reception
from thads.deadlines.service import current_calendar
from thads.domain import complaints_report as cr
from thads.domain.petitions import MatterEventKind
from thads.org.models import Unit
from thads.org.scope import subtree_ids

#: The keys of ``MatterEvent.details`` the report reads (written by ``complaints.actions``): a due date written with
#: the act (ISO date; otherwise the report replays the deadline rules), the finding of a resolution, the competence
#: a classification found.
DUE_KEYS = ("due_on", "due")
OUTCOME_KEY = "outcome"
COMPETENCE_KEY = "within_competence"
COMPETENT_UNIT_KEY = "competent_unit"  # of a ``received`` row: the id of the competent unit
TO_UNIT_KEY = "to_unit"  # of a ``forwarded`` row: the id of the THADS unit it went to


def unit_parents() -> dict[str, str | None]:
    """Every unit's code → its parent's code (``None`` for a root): the tree the pure roll-up walks."""
    return dict(Unit.objects.values_list("code", "parent__code"))


# ------------------------------------------------------------------------------------------------- reading facts


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def step_of(seq: int, kind: str, on: date, unit_id: int, details: Mapping[str, Any] | None,
            codes: Mapping[int, str]) -> cr.Step:
    """One ``MatterEvent`` row as the report sees it: its details read for a due date written with the act, the
    outcome, the competence (the ``received`` row's ``competent_unit``, as ``complaints.actions`` writes it: within
    competence when it is the unit holding the matter; the cached ``Matter.within_competence`` changes when the
    matter is forwarded later, the row does not), a forwarding's receiving unit, and kept for the deadline rules
    (an extension's stage and days)."""
    details = details if isinstance(details, Mapping) else {}
    due = next((d for d in (_day(details.get(k)) for k in DUE_KEYS) if d is not None), None)
    competence = details.get(COMPETENCE_KEY)
    if kind == MatterEventKind.RECEIVED and COMPETENT_UNIT_KEY in details:
        competence = details[COMPETENT_UNIT_KEY] == unit_id
    to_unit = codes.get(details.get(TO_UNIT_KEY), "") if kind == MatterEventKind.FORWARDED else ""
    return cr.Step(seq, kind, on, codes.get(unit_id, ""), due, str(details.get(OUTCOME_KEY) or ""),
                   competence if isinstance(competence, bool) else None, to_unit, details)


def _candidates(unit_ids: Sequence[int], date_from: date, date_to: date):
    """The matters that may count: held by one of ``unit_ids`` now or named by one of their steps up to
    ``date_to``, received by ``date_to`` and not closed (``Matter.closed_on``, the closing step's legal date)
    before ``date_from``."""
    by_step = MatterEvent.objects.filter(unit_id__in=unit_ids, on__lte=date_to).values("matter_id")
    return (Matter.objects.filter(Q(unit_id__in=unit_ids) | Q(id__in=by_step))
            .filter(received_on__lte=date_to)
            .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=date_from)))


def load_matters(unit_ids: Sequence[int], date_from: date, date_to: date) -> list[cr.MatterFact]:
    """The matters of ``unit_ids`` (the unit that held each at ``date_to``) with their steps dated by ``date_to``,
    each step's due date replayed by the deadline rules (:func:`thads.domain.complaints_report.with_dues`, the
    working-day calendar of the deadline engine)."""
    codes = dict(Unit.objects.values_list("id", "code"))
    rows = list(_candidates(unit_ids, date_from, date_to).values_list(
        "id", "kind", "unit_id", "received_on", "outcome", "within_competence", "resolver_unit_id", "level",
        "complained_act", "procuracy_act"))
    steps: dict[int, list[cr.Step]] = defaultdict(list)
    ids = [r[0] for r in rows]
    for start in range(0, len(ids), 5000):
        for matter_id, seq, kind, on, unit_id, details in MatterEvent.objects.filter(
                matter_id__in=ids[start:start + 5000], on__lte=date_to).values_list(
                "matter_id", "seq", "kind", "on", "unit_id", "details").iterator(chunk_size=5000):
            steps[matter_id].append(step_of(seq, kind, on, unit_id, details, codes))
    visible = {codes[i] for i in unit_ids}
    calendar = current_calendar()
    facts = []
    for pk, kind, unit_id, received_on, outcome, competence, resolver_id, level, act, pact in rows:
        if competence is None and resolver_id is not None:
            competence = resolver_id == unit_id
        fact = cr.MatterFact(pk, kind, codes[unit_id], received_on, tuple(steps.get(pk, ())), None, outcome or "",
                             competence)
        if cr.as_of(fact, date_to).unit in visible:
            facts.append(cr.with_dues(fact, calendar, level=level, complained_act=act, procuracy_act=pact))
    return facts


def load_receptions(unit_ids: Sequence[int], date_from: date, date_to: date) -> list[cr.ReceptionFact]:
    codes = dict(Unit.objects.filter(id__in=unit_ids).values_list("id", "code"))
    return [cr.ReceptionFact(pk, codes[unit_id], on) for pk, unit_id, on in Reception.objects.filter(
        unit_id__in=unit_ids, on__range=(date_from, date_to)).values_list("id", "unit_id", "on")]


def complaints_report(unit: Unit, date_from: date, date_to: date, user=None) -> dict[str, Any]:
    """The report of ``unit`` and every unit below it (those ``user`` may see, when given) over the period."""
    if date_from > date_to:
        raise ValueError("the period ends before it starts")
    ids = subtree_ids(unit, user)
    return cr.compute_complaints_report(load_matters(ids, date_from, date_to),
                                        load_receptions(ids, date_from, date_to), unit_parents(), unit.code,
                                        date_from, date_to)


# ------------------------------------------------------------------------------------------------- drill-down


@dataclass
class MatterRow:
    """One matter behind a figure, for the page, the XLSX and the PDF (the same columns)."""

    id: int
    kind: str
    level: int
    number: str
    unit_code: str
    received_on: date
    status: str  # as of the period's end (domain.petitions.MatterStatus)
    due_on: date | None  # as of the period's end
    closed_on: date | None  # the closing step's date, when closed by the period's end
    case_id: int | None
    case_ext_id: str
    url: str  # the matter's page ("" while the pages are not installed)


@dataclass
class ReceptionRow:
    """One reception behind ``receptions``: no person received, no content (personal data)."""

    id: int
    on: date
    unit_code: str
    outcome: str
    group_size: int
    head_day: bool
    cases: list[tuple[int, str]]


def _matter_url(pk: int) -> str:
    try:
        return reverse("complaints-matter-detail", args=[pk])
    except NoReverseMatch:
        return ""


@dataclass
class DrillList:
    """The rows behind one figure, ids in date order; display rows are built page by page (:meth:`rows`)."""

    figure: str
    date_to: date
    ids: list[int]
    facts: dict[int, cr.MatterFact]

    @property
    def count(self) -> int:
        return len(self.ids)

    @property
    def is_receptions(self) -> bool:
        return self.figure == cr.RECEPTIONS

    def rows(self, ids: Sequence[int] | None = None) -> list[MatterRow] | list[ReceptionRow]:
        ids = list(self.ids if ids is None else ids)
        return _reception_rows(ids) if self.is_receptions else self._matter_rows(ids)

    def _matter_rows(self, ids: list[int]) -> list[MatterRow]:
        out: list[MatterRow] = []
        qs = Matter.objects.select_related("unit", "case").only(
            "id", "kind", "level", "number", "received_on", "unit", "unit__code", "case", "case__ext_id")
        for start in range(0, len(ids), 2000):
            chunk = ids[start:start + 2000]
            objects = qs.in_bulk(chunk)
            for pk in chunk:
                m, state = objects[pk], cr.as_of(self.facts[pk], self.date_to)
                out.append(MatterRow(pk, m.kind, m.level, m.number, state.unit or m.unit.code, m.received_on,
                                     state.status, state.due_on, state.closing.on if state.closing else None,
                                     m.case_id, m.case.ext_id if m.case_id else "", _matter_url(pk)))
        return out


def _reception_rows(ids: list[int]) -> list[ReceptionRow]:
    qs = Reception.objects.select_related("unit").only("id", "on", "unit", "unit__code", "outcome", "group_size",
                                                        "head_day")
    out: list[ReceptionRow] = []
    for start in range(0, len(ids), 2000):
        chunk = ids[start:start + 2000]
        objects = qs.in_bulk(chunk)
        cases: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for rid, case_id, ext_id in Reception.cases.through.objects.filter(reception_id__in=chunk).values_list(
                "reception_id", "case_id", "case__ext_id").order_by("case__ext_id"):
            cases[rid].append((case_id, ext_id))
        out.extend(ReceptionRow(pk, objects[pk].on, objects[pk].unit.code, objects[pk].outcome,
                                objects[pk].group_size, objects[pk].head_day, cases.get(pk, [])) for pk in chunk)
    return out


def drill_list(unit: Unit, date_from: date, date_to: date, figure: str, user=None) -> DrillList:
    """The rows behind ``figure`` of the report of ``unit`` over the period (``ValueError`` for an unknown figure
    or a reversed period)."""
    if figure not in cr.FIGURES:
        raise ValueError(f"unknown figure '{figure}'")
    ids = subtree_ids(unit, user)
    if figure == cr.RECEPTIONS:
        matters: list[cr.MatterFact] = []
        receptions = load_receptions(ids, date_from, date_to)
    else:
        matters, receptions = load_matters(ids, date_from, date_to), []
    picked = cr.drill(matters, receptions, unit_parents(), unit.code, date_from, date_to, figure)
    return DrillList(figure, date_to, picked, {m.id: m for m in matters})
