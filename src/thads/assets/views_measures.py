"""The measures' pages (issue 15): deciding a security or coercive measure or the exit ban on a case, and a
measure's page with its own history (decided, executed, money collected, released, cancelled) and the forms of
each step. Every write is one action of ``thads.assets.actions``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thads.assets import actions, labels, page_rows
from thads.assets.forms import MEASURE_STEP_FORMS, DecideMeasureForm
from thads.assets.models import Asset, DebtorCase, Measure
from thads.assets.views_common import form_page, may, may_step, require, scoped, scoped_case
from thads.domain.coercion_plan import PLAN_TITLES
from thads.domain.measure_rules import MONEY_MEASURES, Step
from thads.domain.measures import MeasureKind, MeasureStatus

#: The steps a measure's page offers in each status (the actions have the last word).
STEPS_BY_STATUS = {
    MeasureStatus.DECIDED.value: ("execute", "release", "cancel"),
    MeasureStatus.EXECUTED.value: ("collect", "release"),
}
STEP_LABELS = {"execute": gettext_lazy("Record the execution"), "collect": gettext_lazy("Record money collected"),
               "release": gettext_lazy("Release the measure"), "cancel": gettext_lazy("Cancel the decision")}


@login_required
def measure_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    case = scoped_case(user, pk)
    require(may_step(user, case.unit, Step.DECIDE))
    link = DebtorCase.objects.filter(case=case).select_related("debtor").first()
    assets = list(Asset.objects.filter(debtor=link.debtor).order_by("found_on", "id")) if link else []
    initial = {}
    if request.GET.get("kind") in MeasureKind.__members__.values():
        initial["kind"] = request.GET["kind"]
    if request.GET.get("asset", "").isdigit() and any(a.pk == int(request.GET["asset"]) for a in assets):
        initial["asset_id"] = int(request.GET["asset"])
    form = DecideMeasureForm(request.POST or None, initial=initial, assets=assets)
    return form_page(
        request, form, title=_("Decide a measure"), back=reverse("case-detail", args=[case.pk]),
        call=lambda **kw: actions.do_decide_measure(user, case.pk, **kw),
        done=_("The measure is recorded."), context={"case": case, "no_debtor": link is None},
        then=lambda measure: reverse("assets-measure-detail", args=[measure.pk]))


def _measure(user, pk: int) -> Measure:
    return scoped(user, Measure.objects.select_related("case", "case__unit", "debtor", "asset"), pk, "case__unit")


@login_required
def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    measure = _measure(user, pk)
    row = page_rows.measure_rows(page_rows.measures_with_events(Measure.objects.filter(pk=measure.pk)))[0]
    unit = measure.case.unit
    steps = [{"step": s, "label": STEP_LABELS[s], "url": reverse("assets-measure-step", args=[measure.pk, s])}
             for s in STEPS_BY_STATUS.get(measure.status, ())
             if may_step(user, unit, Step(s)) and (s != "collect" or measure.kind in MONEY_MEASURES)]
    return render(request, "assets/measure_detail.html", {
        "measure": measure, "row": row, "case": measure.case, "steps": steps,
        "plans": page_rows.plan_rows(measure.plans.order_by("starts_at")),
        "can_plan": may(user, unit, PLAN_TITLES),
    })


@login_required
def measure_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    if step not in MEASURE_STEP_FORMS:
        raise Http404("unknown step")
    user = request.user
    measure = _measure(user, pk)
    unit = measure.case.unit
    require(may_step(user, unit, Step(step)))
    action = {"execute": actions.do_execute_measure, "collect": actions.do_collect_by_measure,
              "release": actions.do_release_measure, "cancel": actions.do_cancel_measure}[step]
    form = MEASURE_STEP_FORMS[step](request.POST or None)
    back = reverse("assets-measure-detail", args=[measure.pk])
    return form_page(
        request, form, title=f"{STEP_LABELS[step]}: {labels.measure_label(measure.kind)}", back=back,
        call=lambda **kw: action(user, measure.pk, **kw), done=_("Recorded: %(what)s.") % {"what": str(STEP_LABELS[step]).lower()},
        context={"case": measure.case, "measure": measure})
