"""What the assets context adds to the case screens, through ``thads.cases.extensions`` (cases imports nothing of
assets): the case page's panel "Tài sản và biện pháp" (the debtor's register entry, the assets found, the open
information requests with their reply deadline, the case's measures with their history, coercion plans, costs and
auction sessions, and the act verification proposes next) and the case list's filter "measures in force".
Registered by ``AssetsConfig.ready``.

The panel reads only the assets tables (the case is in the user's scope already). The assets' identifiers (account,
certificate, plate numbers) are shown only to a user who may see personal data in the case's unit, and a panel
that showed some writes an ``audit_read`` row.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thads.assets import labels, page_rows
from thads.assets.models import AuctionSession, CoercionPlan, CostEntry, DebtorCase, Measure
from thads.assets.queries import suggest_next_act
from thads.assets.views_common import may, may_step, personal
from thads.cases.extensions import CasePanel, ListFilter, register_case_panel, register_list_filter
from thads.domain.coercion_plan import COST_TITLES, PLAN_TITLES
from thads.domain.measure_rules import Step
from thads.org.audit import audit_read


def measures_in_force(cases: QuerySet, value, today: date) -> QuerySet:
    """The cases with a measure decided or executed and not released or cancelled."""
    return cases.filter(Exists(Measure.objects.filter(case=OuterRef("pk"), status__in=labels.IN_FORCE)))


def _suggestion(case) -> dict | None:
    """What verification proposes next (``queries.suggest_next_act``): its sentence and legal basis."""
    found = suggest_next_act(case)
    if found is None:
        return None
    return {"text": found.message_vi, "article": found.article, "on": found.on}


def _links(user, case, debtor) -> list[dict]:
    unit, out = case.unit, []
    if debtor is None:
        if may_step(user, unit, Step.VERIFY):
            out.append({"label": _("Register the debtor"), "url": reverse("assets-register-debtor", args=[case.pk]),
                        "primary": True})
        return out
    if may_step(user, unit, Step.VERIFY):
        out += [{"label": _("Record an asset or income found"), "url": reverse("assets-asset-new", args=[debtor.pk])},
                {"label": _("Request information (Art. 44.6)"), "url": reverse("assets-request-new", args=[debtor.pk])}]
    if may_step(user, unit, Step.DECIDE):
        out.append({"label": _("Decide a measure"), "url": reverse("assets-measure-new", args=[case.pk])})
    if may(user, unit, PLAN_TITLES):
        out.append({"label": _("Coercion plan (Art. 72)"), "url": reverse("assets-plan-new", args=[case.pk])})
    if may(user, unit, COST_TITLES):
        out.append({"label": _("Coercion costs (Art. 73)"), "url": reverse("assets-cost-new", args=[case.pk])})
    return out


def assets_panel(user, case, today: date) -> dict:
    """The panel's rows (see the module docstring)."""
    link = DebtorCase.objects.filter(case=case).select_related("debtor").first()
    debtor = link.debtor if link is not None else None
    see = personal(user, case.unit)
    assets, requests = [], []
    if debtor is not None:
        assets = page_rows.asset_rows(debtor.assets.order_by("found_on", "id"), see)
        requests = page_rows.request_rows(debtor.requests.filter(replied_on__isnull=True)
                                          .order_by("reply_due_on", "id"), today)
    if any(row.identifiers for row in assets):
        audit_read(user, "case.assets_panel", case, fields=["asset.identifiers"])
    measures = page_rows.measure_rows(page_rows.measures_with_events(
        Measure.objects.filter(case=case).order_by("decided_on", "id")))
    sessions = list(AuctionSession.objects.filter(case=case).select_related("asset").order_by("held_on", "seq"))
    return {
        "case": case, "debtor": debtor, "assets": assets, "requests": requests, "measures": measures,
        "plans": page_rows.plan_rows(CoercionPlan.objects.filter(case=case).order_by("starts_at", "id")),
        "sessions": page_rows.session_rows(sessions),
        "costs": page_rows.cost_totals(CostEntry.objects.filter(case=case)),
        "suggestion": _suggestion(case), "links": _links(user, case, debtor),
        "can_plan": may(user, case.unit, PLAN_TITLES), "can_change": may_step(user, case.unit, Step.VERIFY),
        "in_force": sum(1 for m in measures if m.in_force),
    }


def register() -> None:
    """Called from AssetsConfig.ready."""
    register_list_filter(ListFilter(
        "measures_in_force", field=lambda: forms.BooleanField(label=_("Measures in force"), required=False),
        apply=measures_in_force, order=200))
    register_case_panel(CasePanel("assets", "assets/_case_panel.html", assets_panel, order=200, slot="after_acts"))
