"""The coercion pages (issue 15): the coercion plan (Luật THADS Art. 72; the calendar's refusal — night, rest days,
the Tết window with forces mobilised — says why), its result, and the coercion costs (Art. 73). Every write is one
action of ``thads.assets.actions_coercion``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.assets import actions_coercion, labels
from thads.assets.forms import CoercionPlanForm, CostForm, PlanResultForm
from thads.assets.models import CoercionPlan, Measure
from thads.assets.views_common import form_page, may, require, scoped, scoped_case
from thads.domain.coercion_plan import COST_TITLES, PLAN_TITLES
from thads.domain.measures import MEASURE_FAMILY, MeasureFamily


def _case_measures(case) -> list[Measure]:
    """The case's coercive measures in force: what a coercion plan may carry out (Art. 72)."""
    coercive = [k.value for k, family in MEASURE_FAMILY.items() if family == MeasureFamily.COERCIVE]
    return list(Measure.objects.filter(case=case, kind__in=coercive, status__in=labels.IN_FORCE)
                .order_by("decided_on", "id"))


@login_required
def plan_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    case = scoped_case(user, pk)
    require(may(user, case.unit, PLAN_TITLES))
    form = CoercionPlanForm(request.POST or None, measures=_case_measures(case))
    return form_page(
        request, form, title=_("Coercion plan (Art. 72)"), back=reverse("case-detail", args=[case.pk]),
        call=lambda **kw: actions_coercion.do_plan_coercion(user, case.pk, **kw),
        done=_("The coercion plan is recorded."), context={"case": case})


@login_required
def plan_result(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    plan = scoped(user, CoercionPlan.objects.select_related("case", "case__unit"), pk, "case__unit")
    require(may(user, plan.case.unit, PLAN_TITLES))
    form = PlanResultForm(request.POST or None)
    return form_page(
        request, form, title=_("Result of the coercion of %(when)s") % {
            "when": f"{timezone.localtime(plan.starts_at):%d/%m/%Y %H:%M}"},
        back=reverse("case-detail", args=[plan.case_id]),
        call=lambda **kw: actions_coercion.do_record_plan_result(user, plan.pk, **kw),
        done=_("The result of the coercion is recorded."), context={"case": plan.case, "plan": plan})


@login_required
def cost_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    case = scoped_case(user, pk)
    require(may(user, case.unit, COST_TITLES))
    plans = list(CoercionPlan.objects.filter(case=case).order_by("starts_at"))
    form = CostForm(request.POST or None, plans=plans)
    return form_page(
        request, form, title=_("Coercion costs (Art. 73)"), back=reverse("case-detail", args=[case.pk]),
        call=lambda **kw: actions_coercion.do_record_cost(user, case.pk, **kw),
        done=_("The cost is recorded."), context={"case": case})
