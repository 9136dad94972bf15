"""The rows of a work queue, shared by the queue page and its XLSX download."""

from __future__ import annotations

from django.db.models import QuerySet

from thads.deadlines.models import Deadline
from thads.org.capabilities import Capability, can
from thads.org.scope import scope_queryset


def queue_deadlines(user, params) -> QuerySet[Deadline]:
    """The deadlines of ``user``'s work queue for these GET parameters, ordered by due date and rule.

    Scoped to the user's units; an officer gets only their own deadlines (none without an officer record); a head
    gets the unit's, narrowed by ``officer`` (an officer id, or ``none`` for the unassigned ones)."""
    base = scope_queryset(user, Deadline.objects.all()).select_related("case", "officer", "unit")
    officer_id = params.get("officer", "")
    if not can(user, Capability.LEAD):
        mine = getattr(user, "officer", None)
        base = base.filter(officer=mine) if mine is not None else base.none()
    elif officer_id == "none":
        base = base.filter(officer__isnull=True)
    elif officer_id:
        base = base.filter(officer_id=officer_id) if officer_id.isdigit() else base.none()
    return base.order_by("due", "code")
