"""The "Lập văn bản" of a measure or a coercion plan (issue 15): a POST that generates the document through
``assets.documents`` (the documents context writes it) and goes back to the measure's page. Another unit's measure
or plan is a 404; a refusal (title, a measure still in force for its release) is a message next to the buttons.
The document is downloaded through the documents context's own view (``document-download``: scope and the
personal-data right, audited)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thads.assets.documents import generate_measure_document, generate_plan_document
from thads.assets.models import CoercionPlan, Measure
from thads.assets.views_common import scoped
from thads.documents.generate import DocumentRefused


def _generate(request: HttpRequest, make, back: str) -> HttpResponse:
    try:
        document = make()
    except DocumentRefused as exc:
        if exc.code == "scope":
            raise PermissionDenied(exc.message) from None
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Document created: %(kind)s.") % {"kind": document.get_kind_display()})
        if not document.verified:
            messages.warning(request, _("Some legal bases of this document could not be verified for the law in "
                                        "force on its date: fill in the blanks before signing."))
    return redirect(back)


@login_required
@require_POST
def measure_document(request: HttpRequest, pk: int) -> HttpResponse:
    """``document=decision`` (default) or ``document=release``."""
    measure = scoped(request.user, Measure.objects.select_related("case__unit"), pk, "case__unit")
    release = request.POST.get("document") == "release"
    return _generate(request, lambda: generate_measure_document(request.user, measure.pk, release=release),
                     reverse("assets-measure-detail", args=[measure.pk]))


@login_required
@require_POST
def plan_document(request: HttpRequest, pk: int) -> HttpResponse:
    plan = scoped(request.user, CoercionPlan.objects.select_related("case__unit"), pk, "case__unit")
    back = reverse("assets-measure-detail", args=[plan.measure_id]) if plan.measure_id \
        else reverse("case-detail", args=[plan.case_id])
    return _generate(request, lambda: generate_plan_document(request.user, plan.pk), back)
