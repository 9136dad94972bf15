"""What every assets page shares: looking an object up inside the user's scope (outside it the object does not
exist: 404, as for the case page), the title gates of the forms (403 before the form is shown), and the one form
page: form → one ``do_*`` action → redirect with a message, or the action's Vietnamese refusal next to its field
with nothing written.

A GET never writes (but the ``audit_read`` rows of the pages that show personal data). A POST needs the login and
the CSRF token (Django's middleware); a second submit of the same form (its one-time ``token``: a reload, a double
click) is answered "already recorded" and writes nothing more — also when the two requests run at the same time:
the form's action runs in a transaction that holds the session's row locked and reads the used tokens from it
(a double click on "money collected" must not collect twice).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from thads.cases.models import Case
from thads.domain.measure_rules import STEP_TITLES, Step
from thads.org.form_page import form_page as shared_form_page
from thads.org.scope import Action, allowed, scope_queryset

HIDDEN = "•••"
_TOKENS = "assets_form_tokens"


def scoped(user, queryset: QuerySet, pk: int, unit_field: str) -> Model:
    """The object ``pk`` of ``queryset`` if the user's scope covers its unit (``unit_field``), else 404."""
    return get_object_or_404(scope_queryset(user, queryset, unit_field=unit_field), pk=pk)


def scoped_case(user, pk: int) -> Case:
    return scoped(user, Case.objects.select_related("unit", "officer"), pk, "unit")


def personal(user, unit) -> bool:
    """Whether the user may see personal data (ID numbers, addresses, account and certificate numbers) held by
    ``unit``."""
    return allowed(user, Action.PERSONAL_DATA, unit)


def may_change(user, unit) -> bool:
    """Whether the user may record acts on the unit's cases (every acting title; not the verifier, statistician,
    administrator or inspector)."""
    return allowed(user, Action.CHANGE, unit)


def may(user, unit, titles: Iterable) -> bool:
    """The form's gate, the same as its action's: the unit in the scope with the right to enter acts, and a title
    of ``titles`` (the domain's tables: ``measure_rules.STEP_TITLES``, ``coercion_plan.PLAN_TITLES``, …); the
    technical superuser passes."""
    if not may_change(user, unit):
        return False
    if getattr(user, "is_superuser", False):
        return True
    return str(getattr(user, "title", "") or "") in {str(t) for t in titles}


def may_step(user, unit, step: Step) -> bool:
    return may(user, unit, STEP_TITLES[step])


def require(ok: bool) -> None:
    if not ok:
        raise PermissionDenied(_("You may not record this here."))


def form_page(request: HttpRequest, form, *, title: str, back: str, call: Callable[..., Any], done: str,
              context: dict | None = None, then: Callable[[Any], str] | None = None,
              template: str = "assets/form.html") -> HttpResponse:
    """The form page of one action (``thads.org.form_page``: recorded once, a refusal shown next to its field)."""
    return shared_form_page(request, form, title=title, back=back, call=call, done=done, template=template,
                            tokens_key=_TOKENS, context=context, then=then)
