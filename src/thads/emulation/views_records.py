"""Commendations, the emulation council and the good-practice library (issue 17; THADS.md §7): thin pages over
:mod:`thads.emulation.actions` and :mod:`thads.emulation.queries`.

Good practices are read by every staff member of the installation (spreading good practice is the point), but the
cases a write-up is linked to are listed only when they are in the reader's scope, and never with the parties'
personal data (the case number and its unit only). The search needs no diacritics (``queries.visible_practices``).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thads.cases.models import Case
from thads.domain.emulation import title_label
from thads.emulation import actions, permissions, queries
from thads.emulation.forms_common import COUNCIL_ROLES, PRACTICE_LABELS, RECIPIENT_LABELS, label
from thads.emulation.forms_filters import CommendationFilter, PeriodFilter, PracticeFilter
from thads.emulation.forms_records import CommendationForm, CouncilMemberForm, PracticeForm
from thads.emulation.models import CouncilMember, GoodPractice
from thads.emulation.views_common import form_page, home_unit, may_manage, post_action, require
from thads.emulation.views_nominations import nominee_name
from thads.org.models import Officer, Unit, User
from thads.org.scope import scope_queryset, visible_units

PAGE_SIZE = 50

# ------------------------------------------------------------------------------------------------- commendations


@login_required
def commendation_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    units = list(visible_units(user).order_by("path"))
    filters = CommendationFilter(request.GET or None, units=units)
    f = filters.values({})
    rows = queries.visible_commendations(user).select_related(
        "unit", "recipient_officer", "recipient_user", "recipient_unit", "campaign", "nomination")
    if f.get("year"):
        rows = rows.filter(year=f["year"])
    if f.get("title"):
        rows = rows.filter(title=f["title"])
    if f.get("unit") in filters.units:
        rows = rows.filter(unit__path__startswith=filters.units[f["unit"]].path)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "emulation/commendation_list.html", {
        "page_obj": page, "filters": filters, "tab": "commendations", "can_add": may_manage(user),
        "rows": [{"c": c, "recipient": nominee_name(c), "title": title_label(c.title),
                  "kind": label(RECIPIENT_LABELS, c.kind)} for c in page]})


@login_required
def commendation_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(may_manage(user))
    units = visible_units(user).order_by("path")
    form = CommendationForm(
        request.POST or None, units=units,
        officers=scope_queryset(user, Officer.objects.select_related("unit")).order_by("unit__path", "name"),
        users=scope_queryset(user, User.objects.filter(is_active=True).select_related("unit"))
        .order_by("unit__path", "full_name"),
        campaigns=queries.visible_campaigns(user))
    return form_page(request, form, title=_("Record a commendation"), back=reverse("emulation-commendations"),
                     call=lambda **kw: actions.do_record_commendation(user, **kw),
                     done=_("The commendation is recorded."), context={"tab": "commendations"})


# ------------------------------------------------------------------------------------------------- the council


@login_required
def council_page(request: HttpRequest) -> HttpResponse:
    """The members of a unit's emulation council (``?unit=<code>``); a head or deputy adds and removes them."""
    user = request.user
    units = list(visible_units(user).order_by("path"))
    start = home_unit(user)
    chooser = PeriodFilter(request.GET or None, units=units, with_months=False, with_by=False,
                           initial={"unit": getattr(start, "code", "")})
    del chooser.fields["year"]
    code = chooser.values({"unit": getattr(start, "code", "")})["unit"]
    unit = chooser.units.get(code, start)
    if unit is None:
        return render(request, "emulation/council.html", {"members": [], "tab": "council", "chooser": chooser})
    manage = may_manage(user, unit)
    form = None
    if manage:
        users = User.objects.filter(is_active=True, unit__path__startswith=unit.path).select_related("unit") \
            .order_by("unit__path", "full_name")
        form = CouncilMemberForm(request.POST or None, users=users)
        if request.method == "POST":
            back = reverse("emulation-council") + f"?unit={unit.code}"
            return form_page(request, form, title=_("Add a council member"), back=back,
                             call=lambda **kw: actions.do_add_council_member(user, unit=unit, **kw),
                             done=_("The member is added to the council."), context={"tab": "council"})
    elif request.method == "POST":
        require(False)
    members = CouncilMember.objects.filter(unit=unit).select_related("user", "user__unit").order_by("role", "id")
    return render(request, "emulation/council.html", {
        "unit": unit, "chooser": chooser, "form": form, "tab": "council", "can_manage": manage,
        "members": [{"m": m, "role": label(dict(COUNCIL_ROLES), m.role)} for m in members]})


@login_required
@require_POST
def council_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    membership = get_object_or_404(scope_queryset(user, CouncilMember.objects.select_related("unit")), pk=pk)
    require(may_manage(user, membership.unit))
    return post_action(request, lambda: actions.do_remove_council_member(user, membership),
                       done=_("The member is removed from the council."),
                       back=reverse("emulation-council") + f"?unit={membership.unit.code}")


# ------------------------------------------------------------------------------------------------- good practices


def _affects(value: str):
    return {"yes": True, "no": False}.get(value or "")


@login_required
def practice_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    units = list(Unit.objects.order_by("path"))
    filters = PracticeFilter(request.GET or None, units=units)
    f = filters.values({})
    rows = queries.visible_practices(user, q=f.get("q", ""), kind=f.get("kind") or None,
                                     affects_order=_affects(f.get("affects_order")))
    if f.get("unit") in filters.units:
        rows = rows.filter(unit__path__startswith=filters.units[f["unit"]].path)
    if f.get("year"):
        rows = rows.filter(year=f["year"])
    page = Paginator(rows.select_related("unit", "author"), PAGE_SIZE).get_page(request.GET.get("page"))
    start = home_unit(user)
    return render(request, "emulation/practice_list.html", {
        "page_obj": page, "filters": filters, "tab": "practices",
        "can_add": start is not None and permissions.may_write_practice(user, start),
        "rows": [{"p": p, "kind": label(PRACTICE_LABELS, p.kind)} for p in page]})


@login_required
def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Any staff member reads a write-up; its cases only when in the reader's scope (case number and unit)."""
    user = request.user
    practice = get_object_or_404(queries.visible_practices(user).select_related("unit", "author"), pk=pk)
    cases = scope_queryset(user, practice.cases.select_related("unit")).order_by("ext_id")
    hidden = practice.cases.count() - cases.count()
    return render(request, "emulation/practice_detail.html", {
        "p": practice, "kind": label(PRACTICE_LABELS, practice.kind), "cases": cases, "hidden": hidden,
        "officers": practice.officers.order_by("name"), "tab": "practices",
        "can_edit": permissions.may_edit_practice(user, practice)})


def _practice_form(request: HttpRequest, practice: GoodPractice | None) -> HttpResponse:
    user = request.user
    units = visible_units(user).order_by("path")
    writable = units.filter(pk__in=[u.pk for u in units if permissions.may_write_practice(user, u)])
    initial = {}
    if practice is not None:
        initial = {"kind": practice.kind, "title": practice.title, "summary": practice.summary,
                   "body": practice.body, "unit": practice.unit_id, "affects_order": practice.affects_order,
                   "year": practice.year, "officers": list(practice.officers.values_list("pk", flat=True)),
                   "cases": " ".join(scope_queryset(user, practice.cases.all()).values_list("ext_id", flat=True))}
    elif getattr(user, "unit_id", None):
        initial["unit"] = user.unit_id
    form = PracticeForm(request.POST or None, initial=initial, units=writable,
                        officers=scope_queryset(user, Officer.objects.all()).order_by("name"),
                        cases=scope_queryset(user, Case.objects.all()))
    back = reverse("emulation-practice-detail", args=[practice.pk]) if practice else reverse("emulation-practices")
    return form_page(request, form, title=_("Edit the write-up") if practice else _("Write up a good practice"),
                     back=back, call=lambda **kw: actions.do_save_practice(user, practice, **kw),
                     done=_("The write-up is saved."),
                     then=lambda p: reverse("emulation-practice-detail", args=[p.pk]), context={"tab": "practices"})


@login_required
def practice_new(request: HttpRequest) -> HttpResponse:
    start = home_unit(request.user)
    require(start is not None and permissions.may_write_practice(request.user, start))
    return _practice_form(request, None)


@login_required
def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    practice = get_object_or_404(queries.visible_practices(request.user), pk=pk)
    require(permissions.may_edit_practice(request.user, practice))
    return _practice_form(request, practice)
