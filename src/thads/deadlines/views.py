"""Work queues: an officer's open deadlines (overdue first), a head's unit queue by officer with overdue counts and
bulk reassignment. Every query goes through the unit scope."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thads.cases.actions import ActRefused, do_act
from thads.deadlines.models import Deadline
from thads.deadlines.service import current_calendar
from thads.domain.roles import Title
from thads.org.models import Officer
from thads.org.scope import scope_queryset, visible_units

HEAD_TITLES = {Title.HEAD, Title.DEPUTY}


def is_head(user) -> bool:
    return bool(user.is_superuser or user.title in HEAD_TITLES)


class ReassignForm(forms.Form):
    officer = forms.ModelChoiceField(queryset=Officer.objects.none(), label=_("New enforcement officer"))

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = Officer.objects.filter(unit__in=visible_units(user)).order_by("name")


def _rows(deadlines, today, soon_until):
    rows = []
    for dl in deadlines:
        rows.append({
            "dl": dl, "overdue": dl.due < today and not dl.paused, "late_days": (today - dl.due).days,
            "soon": today <= dl.due <= soon_until,
            "waiting": (today - dl.case.last_event_on).days if dl.case.last_event_on else None,
        })
    return rows


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    soon_until = current_calendar().add_working_days(today, 3)
    base = scope_queryset(request.user, Deadline.objects.all()).select_related("case", "officer", "unit")
    head = is_head(request.user)
    officer_id = request.GET.get("officer", "")
    if not head:
        mine = getattr(request.user, "officer", None)
        base = base.filter(officer=mine) if mine is not None else base.none()
    elif officer_id:
        base = base.filter(officer_id=officer_id) if officer_id != "none" else base.filter(officer__isnull=True)
    ordered = base.order_by("due", "code")
    page = Paginator(ordered, 100).get_page(request.GET.get("page"))
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


@login_required
def reassign(request: HttpRequest) -> HttpResponse:
    """Reassign the selected cases (each through ``do_act``: one history row per case), all or nothing."""
    if request.method != "POST" or not is_head(request.user):
        return HttpResponse(status=403)
    form = ReassignForm(request.POST, user=request.user)
    case_ids = [int(x) for x in request.POST.getlist("case") if x.isdigit()]
    if not form.is_valid() or not case_ids:
        messages.error(request, gettext("Choose the cases and the new enforcement officer."))
        return redirect(request.POST.get("next") or "deadline-queue")
    officer = form.cleaned_data["officer"]
    today = timezone.localdate()
    try:
        with transaction.atomic():
            for case_id in sorted(set(case_ids)):
                do_act(request.user, case_id, "reassign", today, officer=officer)
    except ActRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, gettext("%(n)s case(s) reassigned to %(name)s.") % {"n": len(set(case_ids)),
                                                                                   "name": officer.name})
    return redirect(request.POST.get("next") or "deadline-queue")
