"""``{% measure_documents measure %}``: the documents of a measure and of its coercion plans, with the "Lập văn bản"
buttons the user's title allows (``assets/_measure_documents.html``)."""

from __future__ import annotations

from django import template

from thads.assets.documents import subject_documents
from thads.domain.measure_texts import MeasureDocKind, MeasureFacts, may_sign
from thads.org.scope import Action, allowed

register = template.Library()


@register.inclusion_tag("assets/_measure_documents.html", takes_context=True)
def measure_documents(context, measure):
    user = context["request"].user
    plans = list(measure.plans.order_by("starts_at"))
    facts = MeasureFacts(measure_kind=measure.kind, on=measure.decided_on)
    title = getattr(user, "title", "")
    signs = getattr(user, "is_superuser", False) or may_sign(title, MeasureDocKind.RELEASE, facts)
    return {
        "measure": measure, "plans": plans,
        "documents": list(subject_documents(user, f"measure:{measure.pk}", *(f"plan:{p.pk}" for p in plans))),
        "may_generate": signs and allowed(user, Action.VIEW, measure.case.unit),
        "may_plan_document": getattr(user, "is_superuser", False) or may_sign(title, MeasureDocKind.COERCION_PLAN,
                                                                                facts),
        "ended": measure.status in ("released", "cancelled"),
        "may_download": allowed(user, Action.PERSONAL_DATA, measure.case.unit),
    }
