from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from thads.complaints import labels as complaint_labels
from thads.complaints import queries as complaint_queries
from thads.deadlines.models import Deadline
from thads.deadlines.service import current_calendar
from thads.domain.contrib import month_of, statistical_year_of
from thads.domain.roles import Title
from thads.org.capabilities import Capability, can
from thads.org.scope import scope_queryset, visible_units


def _current_period(today):
    """The latest official cumulative period that has started: the current statistical year to this month."""
    return statistical_year_of(today), month_of(today)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Home by role: an officer's queue and own figures; a head's unit queue by officer, figures and alerts; a
    provincial leader's province at a glance (issue 7)."""
    from thads.stats.service import official_report

    user = request.user
    today = timezone.localdate()
    soon = current_calendar().add_working_days(today, 3)
    year, months = _current_period(today)
    context: dict = {"today": today, "unit_count": visible_units(user).count(), "year": year, "months": months,
                     "soon_until": soon}
    deadlines = scope_queryset(user, Deadline.objects.all()).select_related("case")
    officer = getattr(user, "officer", None)
    head = can(user, Capability.LEAD)
    if user.unit is not None and can(user, Capability.SUPERVISE_HOME):
        report = official_report(user.unit, year, months)
        context["figures"] = report
        context["province_level"] = user.unit.parent_id is None
        if head:
            context["behind"] = _behind_pace(user.unit, year)
            context["per_officer"] = (deadlines.values("officer__name").annotate(
                total=Count("id"), overdue=Count("id", filter=Q(due__lt=today, paused=False)))
                .order_by("-overdue")[:10])
            context["alerts"] = deadlines.filter(due__lt=today, paused=False).order_by("due")[:10]
    elif officer is not None and user.unit is not None:
        mine = deadlines.filter(officer=officer)
        context["queue"] = mine.order_by("due")[:15]
        context["overdue"] = mine.filter(due__lt=today, paused=False).count()
        context["due_soon"] = mine.filter(due__gte=today, due__lte=soon).count()
        groups = official_report(user.unit, year, months, by="officer").get("groups", {})
        context["figures"] = groups.get(officer.code)
        context["my_target"] = _my_target(user.unit, officer, year)
    if str(getattr(user, "title", "") or "") == Title.RECEPTION and user.unit is not None:
        context["reception"] = _reception_home(user, today)
    return render(request, "web/home.html", context)


#: How many lines the home page's "behind pace" block lists (the progress page has them all).
BEHIND_SHOWN = 8


def _behind_pace(unit, year: int) -> dict:
    """The head's "behind pace" block (issue 17): the unit itself, its direct sub-units and the officers of its
    subtree whose projection to 30/9 falls short of their target (one ``emulation.progress`` call)."""
    from thads.emulation.progress import behind_pace

    lines = behind_pace(unit, year)
    lines.sort(key=lambda line: (line["kind"] != "unit", line["code"]))
    return {"lines": lines[:BEHIND_SHOWN], "count": len(lines), "unit": unit}


def _my_target(unit, officer, year: int) -> dict | None:
    """An officer's own target against his actual rates and projection (None when he has no target)."""
    from thads.emulation.progress import progress

    line = progress(unit, year, by="officer").get(officer.code)
    if line is None or not any((line.get("target") or {}).values()):
        return None
    return line


def _reception_home(user, today) -> dict:
    """The reception officer's home (issue 16): today's reception schedule of the unit, the open matters with their
    deadlines (the earliest first, overdue ones counted), read from ``complaints.queries``."""
    open_matters = complaint_queries.open_matters(user, user.unit)
    rows = [{"m": m, "kind": complaint_labels.kind_label(m.kind),
             "status": complaint_labels.label(complaint_labels.STATUS, m.status),
             "overdue": m.due_on is not None and m.due_on < today} for m in open_matters[:15]]
    return {"schedule": list(complaint_queries.today_schedule(user, user.unit, today)), "matters": rows,
            "open": open_matters.count(), "overdue": open_matters.filter(due_on__lt=today).count()}
