"""The rows of a work queue, shared by the queue page and its XLSX download."""

from __future__ import annotations

from django.db.models import QuerySet

from thads.deadlines.models import Deadline
from thads.domain.roles import Title
from thads.org.capabilities import Capability, can
from thads.org.scope import scope_queryset

#: Titles that handle the deadlines of subjects without a case (complaints, denunciations, recommendations: the
#: reception officer and the Thẩm tra viên who keeps their files, TT 13/2021/TT-BTP Arts. 5, 30): besides their own
#: deadlines as officers, they see their units' subject deadlines in their queue and digest.
SUBJECT_TITLES = frozenset({Title.RECEPTION, Title.VERIFIER})


def title_handles_subjects(title) -> bool:
    return title in SUBJECT_TITLES


def subject_deadlines_of(user) -> QuerySet[Deadline]:
    """The deadlines without a case (``Deadline.subject``) of the user's units."""
    return scope_queryset(user, Deadline.objects.filter(case__isnull=True))


def queue_deadlines(user, params) -> QuerySet[Deadline]:
    """The deadlines of ``user``'s work queue for these GET parameters, ordered by due date and rule.

    Scoped to the user's units; an officer gets only their own deadlines (none without an officer record), reception
    staff and verifiers also their units' deadlines without a case (a complaint's: :data:`SUBJECT_TITLES`); a head
    gets the unit's, narrowed by ``officer`` (an officer id, or ``none`` for the unassigned ones, among them the
    deadlines without a case)."""
    base = scope_queryset(user, Deadline.objects.all()).select_related("case", "officer", "unit")
    officer_id = params.get("officer", "")
    if not can(user, Capability.LEAD):
        mine = getattr(user, "officer", None)
        own = base.filter(officer=mine) if mine is not None else base.none()
        base = own | base.filter(case__isnull=True) if title_handles_subjects(getattr(user, "title", "")) else own
    elif officer_id == "none":
        base = base.filter(officer__isnull=True)
    elif officer_id:
        base = base.filter(officer_id=officer_id) if officer_id.isdigit() else base.none()
    return base.order_by("due", "code")
