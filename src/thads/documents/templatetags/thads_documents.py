"""``{% case_documents case %}``: the "Documents" section of the case page (scoped to the viewing user)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.inclusion_tag("documents/_case_documents_section.html", takes_context=True)
def case_documents(context, case):
    from thads.documents.facts import kinds_for, may_generate
    from thads.documents.views import documents_of

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or case is None:
        return {"case": case, "documents": [], "may_generate": False}
    return {"case": case, "documents": list(documents_of(user, case)[:10]),
            "may_generate": any(may_generate(user, case, kind) for kind in kinds_for(case))}
