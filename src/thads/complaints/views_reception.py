"""Citizen reception's pages (Luật Tiếp công dân 2013; issue 16): the reception schedule (the head's own days marked,
Art. 18), the reception register with its filters, XLSX and printable PDF, a reception's page, and the forms that
add a day to the schedule and log a reception. Every write is one action of :mod:`thads.complaints.actions`.

The people received are personal data: their ID numbers and addresses are shown (page, XLSX, PDF) only to a user
with the personal-data right, and every page or file that showed some writes an ``audit_read`` row.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.cases.models import Case
from thads.complaints import actions, labels, registers
from thads.complaints.forms import ReceptionForm, ScheduleForm
from thads.complaints.forms_filters import ReceptionFilters
from thads.complaints.models import Reception
from thads.complaints.views_common import (
    form_page,
    may_role,
    personal,
    personal_anywhere,
    require,
    scoped,
    unit_for_form,
)
from thads.org.audit import audit_read
from thads.org.models import User
from thads.org.scope import scope_queryset

PAGE_SIZE = 50


def _receivers(user) -> list:
    return list(scope_queryset(user, User.objects.filter(is_active=True)).order_by("full_name", "username")[:300])


# ------------------------------------------------------------------------------------------------- the schedule


@login_required
def schedule(request: HttpRequest) -> HttpResponse:
    """The reception days from a week ago to two months ahead, the head's own days marked."""
    user = request.user
    today = timezone.localdate()
    start = today - timedelta(days=7)
    days = list(registers.schedule_days(user, start, today + timedelta(days=62)))
    return render(request, "complaints/schedule.html", {
        "days": days, "today": today, "can_add": may_role(user, user.unit, "receive"),
    })


@login_required
def schedule_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    unit = unit_for_form(user)
    require(may_role(user, unit, "receive"))
    form = ScheduleForm(request.POST or None, staff=_receivers(user))
    return form_page(
        request, form, title=_("Add a reception day"), back=reverse("complaints-schedule"),
        call=lambda **kw: actions.do_schedule_reception(user, unit.pk, **kw),
        done=_("The reception day is on the schedule."))


# ------------------------------------------------------------------------------------------------- the register


def reception_filters(request: HttpRequest) -> ReceptionFilters:
    return ReceptionFilters(request.GET or None, user=request.user, receivers=_receivers(request.user))


@login_required
def reception_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    filters = reception_filters(request)
    page = Paginator(registers.receptions(user, filters.values()), PAGE_SIZE).get_page(request.GET.get("page"))
    numbers = registers.case_numbers_of(page)
    hidden = registers.denounced_receptions([r.pk for r in page])
    rows = [{"r": r, "persons": registers.reception_persons(r, False, hidden), "cases": numbers.get(r.pk, []),
             "outcome": labels.label(labels.RECEPTION_OUTCOME, r.outcome)} for r in page]
    return render(request, "complaints/reception_list.html", {
        "filters": filters, "query": filters.query(), "page_obj": page, "rows": rows,
        "can_add": may_role(user, user.unit, "receive"),
    })


def _reception_lines(request: HttpRequest, what: str):
    """The register's lines for a download, with the personal data the user may see (audited)."""
    user = request.user
    qs = list(registers.receptions(user, reception_filters(request).values())[:registers_limit() + 1])
    see = personal_anywhere(user)
    numbers = registers.case_numbers_of(qs)
    hidden = registers.denounced_receptions([r.pk for r in qs])
    if see and registers.personal_shown(r.persons for r in qs if r.pk not in hidden):
        audit_read(user, f"complaints.reception_register.{what}", None, fields=["person.id_number", "person.address"],
                   count=len(qs))
    return [registers.reception_line(r, see, numbers, hidden) for r in qs]


def registers_limit() -> int:
    from thads.org.spreadsheet import MAX_ROWS

    return MAX_ROWS


@login_required
def reception_xlsx(request: HttpRequest) -> HttpResponse:
    from thads.complaints.xlsx import RECEPTION_COLUMNS, xlsx

    return xlsx(_reception_lines(request, "xlsx"), RECEPTION_COLUMNS, sheet=_("Reception register"),
                filename="so-tiep-cong-dan")


@login_required
def reception_pdf(request: HttpRequest) -> HttpResponse:
    from thads.complaints.views_registers import pdf_response

    return pdf_response(request, title=_("Reception register"), headers=registers.RECEPTION_HEADERS,
                        rows=_reception_lines(request, "pdf"), filename="so-tiep-cong-dan",
                        filters=reception_filters(request).values())


# ------------------------------------------------------------------------------------------------- a reception


@login_required
def reception_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    reception = scoped(user, Reception.objects.select_related("unit", "receiver"), pk)
    see = personal(user, reception.unit)
    # a reception that brought a denunciation: its persons are the denunciator (Luật Tố cáo 2018 Art. 47), read by
    # the resolver on the matter's identity page only
    confidential = bool(registers.denounced_receptions([reception.pk]))
    if see and not confidential and registers.personal_shown([reception.persons]):
        audit_read(user, "complaints.reception.view", reception, unit=reception.unit,
                   fields=["person.id_number", "person.address"])
    cases = list(scope_queryset(user, reception.cases.all()).order_by("ext_id"))
    letters = list(reception.letters.order_by("received_on", "id"))
    return render(request, "complaints/reception_detail.html", {
        "reception": reception, "persons": [] if confidential else reception.persons, "confidential": confidential,
        "see": see, "cases": cases, "letters": letters,
        "outcome": labels.label(labels.RECEPTION_OUTCOME, reception.outcome),
        "can_record": may_role(user, reception.unit, "receive"),
    })


@login_required
def reception_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    unit = unit_for_form(user)
    require(may_role(user, unit, "receive"))
    initial = {}
    if request.method == "GET" and request.GET.get("case"):
        initial["case_ids"] = request.GET["case"][:64]
    cases = scope_queryset(user, Case.objects.all())
    form = ReceptionForm(request.POST or None, initial=initial, cases=cases, personal=personal(user, unit))
    return form_page(
        request, form, title=_("Log a reception"), back=reverse("complaints-reception-list"),
        call=lambda **kw: actions.do_log_reception(user, unit.pk, **kw),
        done=_("The reception is in the register."),
        then=lambda r: reverse("complaints-reception-detail", args=[r.pk]))
