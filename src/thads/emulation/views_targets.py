"""The targets of a statistical year (issue 17; THADS.md §5): the national line with its sources, the targets of
the units and officers of the user's scope (issuer, decision, the five figures), the form that sets one
(``do_set_target``), deleting one entered by mistake and passing a unit's target down to its sub-units or officers
(``do_pass_down``), with the check that the parts can add up to the whole shown as an alert
(``progress.pass_down_check``, UNVERIFIED rule). Who reads: who sees the statistics; who writes: ``SET_TARGETS``
over the unit (``permissions.may_set_targets``; the action says why a particular issuer is refused).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thads.emulation import actions, permissions, queries
from thads.emulation.forms import PassDownForm, TargetForm
from thads.emulation.forms_common import ISSUER_LABELS, label
from thads.emulation.models import Target
from thads.emulation.views_common import form_page, guard_progress, int_param, post_action, require
from thads.emulation.views_progress import period_of
from thads.org.capabilities import PROVINCE_LEVELS, Capability, can
from thads.org.models import Officer
from thads.org.scope import scope_queryset, visible_units

NATIONAL_YEARS = 6


def _checks(unit, year: int) -> list[dict]:
    """The passing-down alerts of ``unit``'s own target: to its sub-units and to its officers."""
    from thads.emulation import progress

    out = []
    for to in ("units", "officers"):
        try:
            check = progress.pass_down_check(unit, year, to=to)
        except ValueError:  # a year that has not started: no weights yet
            continue
        for measure in ("cases", "money"):
            c = check.get(measure)
            if c is None or c.parent is None or not c.parts:
                continue
            out.append({"to": to, "measure": measure, "ok": c.ok, "implied": c.implied_text,
                        "parent": c.as_dict()["parent"],
                        "shortfall": c.shortfall_text, "missing": c.missing, "parts": c.parts})
    return out


def _rows(user, year: int) -> list[dict]:
    units = visible_units(user)
    rows = Target.objects.filter(year=year).filter(
        Q(unit__isnull=True) | Q(unit__in=units)).select_related("unit", "officer", "issuing_unit")
    out = []
    for t in rows.order_by("unit__path", "officer__name", "issuer"):
        out.append({"t": t, "issuer": label(ISSUER_LABELS, t.issuer),
                    "can_edit": permissions.target_refusal(user, t.issuer, t.unit, t.officer) is None})
    return out


@login_required
def target_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    guard_progress(user)
    sel = period_of(request, with_months=False, with_by=False)
    rows = _rows(user, sel.year)
    national = queries.national_line(range(sel.year - NATIONAL_YEARS + 1, sel.year + 1))
    may_set = permissions.may_set_targets(user, sel.unit)
    own = queries.effective_unit_targets(sel.unit, [sel.year]).get(sel.year)
    return render(request, "emulation/targets.html", {
        "sel": sel, "tab": "targets", "national": [{"line": v, "issuer": label(ISSUER_LABELS, v.issuer)}
                                                    for v in sorted(national.values(), key=lambda v: -v.year)],
        "national_rows": [r for r in rows if r["t"].unit_id is None],
        "unit_rows": [r for r in rows if r["t"].unit_id is not None and r["t"].officer_id is None],
        "officer_rows": [r for r in rows if r["t"].officer_id is not None],
        "own": own, "checks": _checks(sel.unit, sel.year) if own is not None else [],
        "may_set": may_set, "pass_down": PassDownForm(officers_only=sel.unit.level not in PROVINCE_LEVELS)
        if may_set and own is not None else None})


def _target_form(request: HttpRequest, target: Target | None) -> HttpResponse:
    user = request.user
    units = visible_units(user).order_by("path")
    officers = scope_queryset(user, Officer.objects.select_related("unit")).order_by("unit__path", "name")
    initial: dict = {}
    if target is not None:
        initial = {k: getattr(target, k) for k in ("year", "issuer", "cases_rate", "money_rate", "cases_completed",
                                                     "money_recovered", "backlog_reduction", "decision_no",
                                                     "decided_on", "source", "note")}
        initial.update(unit=target.unit_id, officer=target.officer_id)
    else:
        for key in ("year", "unit", "officer"):
            number = int_param(request.GET.get(key))
            if number is not None:
                initial[key] = number
        if request.GET.get("issuer"):
            initial["issuer"] = request.GET["issuer"][:24]
    form = TargetForm(request.POST or None, initial=initial, units=units, officers=officers,
                      fixed_key=target is not None)
    year = (target.year if target else initial.get("year")) or ""
    back = reverse("emulation-targets") + (f"?year={year}" if year else "")
    return form_page(request, form, title=_("Edit the target") if target else _("Enter a target"), back=back,
                     call=lambda **kw: actions.do_set_target(user, **kw), done=_("The target is saved."),
                     then=lambda t: reverse("emulation-targets") + f"?year={t.year}"
                     + (f"&unit={t.unit.code}" if t.unit_id else ""),
                     context={"tab": "targets"})


@login_required
def target_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(can(user, Capability.SET_TARGETS))
    return _target_form(request, None)


def _target(user, pk: int) -> Target:
    target = get_object_or_404(Target.objects.select_related("unit", "officer").filter(
        Q(unit__isnull=True) | Q(unit__in=visible_units(user))), pk=pk)
    return target


@login_required
def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    target = _target(request.user, pk)
    require(permissions.target_refusal(request.user, target.issuer, target.unit, target.officer) is None)
    return _target_form(request, target)


@login_required
@require_POST
def target_delete(request: HttpRequest, pk: int) -> HttpResponse:
    target = _target(request.user, pk)
    require(permissions.target_refusal(request.user, target.issuer, target.unit, target.officer) is None)
    back = reverse("emulation-targets") + f"?year={target.year}"
    return post_action(request, lambda: actions.do_delete_target(request.user, target),
                       done=_("The target is deleted."), back=back)


@login_required
@require_POST
def target_pass_down(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    target = _target(user, pk)
    require(target.unit is not None and permissions.may_set_targets(user, target.unit))
    back = reverse("emulation-targets") + f"?year={target.year}&unit={target.unit.code}"
    form = PassDownForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
        return redirect(back)
    result: dict = {}

    def call():
        created, _check = actions.do_pass_down(user, target, to=form.cleaned_data["to"],
                                               uplift=form.cleaned_data.get("uplift") or 0)
        result["n"] = len(created)

    response = post_action(request, call, done=_("The target is passed down."), back=back)
    if "n" in result:
        messages.info(request, _("%(n)s targets created.") % {"n": result["n"]})
    return response
