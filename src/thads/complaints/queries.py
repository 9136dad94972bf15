"""Reads of the complaints context: the matters as the pure rules read them (``matter_recs``, for the deadline source
and the actions), the reception officer's open matters and today's schedule, the matter lists, the case panel's
data. Every list goes through the unit scope (``org.scope.scope_queryset``); none shows a denunciator's identity
(``actions.identity_for`` is the one reader of it)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db.models import Q, QuerySet

from thads.complaints.models import Matter, MatterEvent, ReceptionDay
from thads.domain.petition_rules import PROTEST_ACCEPTED, MatterEventRec, MatterRec
from thads.domain.petitions import CLOSED_STATUSES, MatterKind, MatterStatus
from thads.org.scope import scope_queryset

#: Matters that may have an open deadline: received or accepted, and a protest answered "right" (its carrying out,
#: Art. 161.1).
OPEN_Q = (Q(status__in=[MatterStatus.RECEIVED, MatterStatus.ACCEPTED])
          | Q(kind=MatterKind.PROCURACY, status=MatterStatus.RESOLVED, outcome__in=sorted(PROTEST_ACCEPTED)))

_FIELDS = ("id", "unit_id", "kind", "status", "received_on", "level", "complained_act", "procuracy_act",
           "resolver_unit_id", "accepted_on", "closed_on", "outcome")


def matter_recs(ids: Iterable[int] | None = None) -> dict[int, MatterRec]:
    """Matter id → its :class:`~thads.domain.petition_rules.MatterRec` (with its history), for ``ids`` or for every
    matter that may have an open deadline (``ids`` None): two queries per call."""
    qs = Matter.objects.all() if ids is not None else Matter.objects.filter(OPEN_Q)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    rows = list(qs.order_by("id").values_list(*_FIELDS))
    events: dict[int, list[MatterEventRec]] = defaultdict(list)
    for matter_id, kind, on, details in (MatterEvent.objects.filter(matter_id__in=[r[0] for r in rows])
                                         .order_by("matter_id", "seq").values_list("matter_id", "kind", "on",
                                                                                   "details")):
        events[matter_id].append(MatterEventRec(kind, on, details or {}))
    out = {}
    for (pk, unit_id, kind, status, received_on, level, act, pact, resolver_unit_id, accepted_on, closed_on,
         outcome) in rows:
        out[pk] = MatterRec(pk, kind, status, received_on, level, act, pact, resolver_unit_id == unit_id,
                            accepted_on, closed_on, outcome, tuple(events.get(pk, ())))
    return out


def matters_in_scope(user) -> QuerySet[Matter]:
    return scope_queryset(user, Matter.objects.all())


def open_matters(user, unit=None) -> QuerySet[Matter]:
    """The matters still open in the user's scope (of ``unit``'s subtree when given), the earliest due first."""
    qs = matters_in_scope(user).exclude(status__in=list(CLOSED_STATUSES))
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs.select_related("unit", "case").order_by("due_on", "received_on", "id")


def today_schedule(user, unit, today: date) -> QuerySet[ReceptionDay]:
    """The reception days of ``unit`` (and below) on ``today``, in the user's scope."""
    return (scope_queryset(user, ReceptionDay.objects.filter(on=today, unit__path__startswith=unit.path))
            .select_related("unit", "receiver").order_by("unit__path", "id"))


def matter_rows(user, *, unit=None, kind: str = "", status: str = "", year: int | None = None,
                open_only: bool = False) -> QuerySet[Matter]:
    """The matters of a register or list page: the user's scope, narrowed by unit subtree, kind (a report is listed
    with the recommendations when ``kind`` is "recommendation"), status, year of receipt."""
    qs = matters_in_scope(user)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if kind == MatterKind.RECOMMENDATION:
        qs = qs.filter(kind__in=[MatterKind.RECOMMENDATION, MatterKind.REPORT])
    elif kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(received_on__year=year)
    if open_only:
        qs = qs.exclude(status__in=list(CLOSED_STATUSES))
    return qs.select_related("unit", "case", "resolver_unit").order_by("-received_on", "-id")


def case_matters(user, case) -> list[dict]:
    """The case panel's data: the matters about the case (complaints, the procuracy's protests, …) with their
    history, the LINKED rows naming the case event they led to (the case is in the user's scope already)."""
    matters = list(scope_queryset(user, Matter.objects.filter(case=case)).select_related("unit")
                   .order_by("received_on", "id"))
    events: dict[int, list[MatterEvent]] = defaultdict(list)
    for ev in MatterEvent.objects.filter(matter__in=matters).order_by("matter_id", "seq"):
        events[ev.matter_id].append(ev)
    return [{"matter": m, "events": events.get(m.pk, []),
             "linked": [ev for ev in events.get(m.pk, []) if ev.kind == "linked"]} for m in matters]
