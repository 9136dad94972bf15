"""Work queues: an officer's open deadlines (overdue first), a head's unit queue by officer with overdue counts and
bulk reassignment. Every query goes through the unit scope."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from thads.cases.actions import ActRefused, do_reassign_cases
from thads.cases.forms import ReassignForm
from thads.deadlines.models import Deadline
from thads.deadlines.queue import queue_deadlines
from thads.deadlines.service import current_calendar
from thads.org.capabilities import Capability, can
from thads.org.scope import scope_queryset


def _rows(deadlines, today, soon_until):
    rows = []
    for dl in deadlines:
        rows.append({
            "dl": dl, "overdue": dl.due < today and not dl.paused, "late_days": (today - dl.due).days,
            "soon": today <= dl.due <= soon_until,
            "waiting": (today - dl.case.last_event_on).days if dl.case_id and dl.case.last_event_on else None,
        })
    return rows


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    soon_until = current_calendar().add_working_days(today, 3)
    head = can(request.user, Capability.LEAD)
    officer_id = request.GET.get("officer", "")
    base = queue_deadlines(request.user, request.GET)
    page = Paginator(base, 100).get_page(request.GET.get("page"))
    context = {
        "today": today, "soon_until": soon_until, "head": head, "page": page,
        "rows": _rows(page.object_list, today, soon_until), "officer_id": officer_id,
        "overdue_total": base.filter(due__lt=today, paused=False).count(),
        "soon_total": base.filter(due__gte=today, due__lte=soon_until).count(),
    }
    if head:
        per_officer = (scope_queryset(request.user, Deadline.objects.all()).values("officer_id", "officer__name")
                       .annotate(total=Count("id"), overdue=Count("id", filter=Q(due__lt=today, paused=False)))
                       .order_by("-overdue", "officer__name"))
        context["per_officer"] = per_officer
        context["reassign_form"] = ReassignForm(user=request.user)
    return render(request, "deadlines/queue.html", context)


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The ``next`` of a POST when it points into this site, else the URL of ``fallback`` (no open redirect)."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        return target
    return reverse(fallback)


@login_required
@require_POST
def reassign(request: HttpRequest) -> HttpResponse:
    """Reassign the selected cases (``do_reassign_cases``: one history row per case, all or nothing); posted by the
    work queue and by the case list, each with a ``next`` back to itself."""
    if not can(request.user, Capability.LEAD):
        return HttpResponse(status=403)
    back = safe_next(request, "deadline-queue")
    form = ReassignForm(request.POST, user=request.user)
    case_ids = [int(x) for x in request.POST.getlist("case") if x.isdigit()]
    if not form.is_valid() or not case_ids:
        messages.error(request, gettext("Choose the cases and the new enforcement officer."))
        return HttpResponseRedirect(back)
    officer = form.cleaned_data["officer"]
    try:
        n = do_reassign_cases(request.user, case_ids, officer, timezone.localdate())
    except ActRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, gettext("%(n)s case(s) reassigned to %(name)s.") % {"n": n, "name": officer.name})
    return HttpResponseRedirect(back)
