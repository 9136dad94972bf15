"""What the deadlines context adds to the case screens, through ``thads.cases.extensions`` (cases imports nothing of
deadlines): the case list's "Overdue only" filter and the case page's "Open deadlines" panel. Registered by
``DeadlinesConfig.ready``.

Overdue has the work queue's meaning everywhere: an open deadline with ``due < today`` whose clock runs (not
paused).
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from thads.cases.extensions import CasePanel, ListFilter, register_case_panel, register_list_filter
from thads.deadlines.models import Deadline


def only_overdue(cases: QuerySet, value, today: date) -> QuerySet:
    """The cases with an open deadline past due ``today`` whose clock runs."""
    return cases.filter(Exists(Deadline.objects.filter(case=OuterRef("pk"), due__lt=today, paused=False)))


def deadline_panel(user, case, today: date) -> dict:
    """The case's open deadlines, the earliest first, each with whether it is overdue and by how many days (the
    case is in the user's scope already: its deadlines are shown to whoever sees the case)."""
    rows = [{"dl": dl, "overdue": dl.due < today and not dl.paused, "late_days": (today - dl.due).days}
            for dl in Deadline.objects.filter(case=case).select_related("officer").order_by("due", "code")]
    return {"rows": rows}


def register() -> None:
    register_list_filter(ListFilter(
        "overdue", field=lambda: forms.BooleanField(label=_("Overdue only"), required=False), apply=only_overdue))
    register_case_panel(CasePanel("deadlines", "deadlines/_case_panel.html", deadline_panel, slot="after_acts"))
