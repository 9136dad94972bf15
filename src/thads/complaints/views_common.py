"""What every complaints page shares: looking an object up inside the user's scope (outside it the object does not
exist: 404), the title gates of the forms (403 before a form is shown; the same tables as the actions), and the one
form page: form → one ``do_*`` action → redirect with a message, or the action's Vietnamese refusal next to its
field with nothing written.

A GET never writes (but the ``audit_read`` rows of the pages that show personal data). A second submit of the same
form (its one-time ``token``: a reload, a double click) is answered "already recorded" and writes nothing more, also
when the two requests run at the same time: the form's action runs in a transaction that holds the session's row
locked and reads the used tokens from it (the assets pages' pattern, ``thads.assets.views_common``).
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
from thads.domain.petition_rules import STEP_TITLES, Step
from thads.org.form_page import form_page as shared_form_page
from thads.org.scope import Action, allowed, scope_queryset

_TOKENS = "complaints_form_tokens"


def scoped(user, queryset: QuerySet, pk: int, unit_field: str = "unit") -> Model:
    """The object ``pk`` of ``queryset`` if the user's scope covers its unit (``unit_field``), else 404."""
    return get_object_or_404(scope_queryset(user, queryset, unit_field=unit_field), pk=pk)


def scoped_case(user, pk: int) -> Case:
    return scoped(user, Case.objects.select_related("unit", "officer"), pk, "unit")


def personal(user, unit) -> bool:
    """Whether the user may see personal data (ID numbers, addresses) held by ``unit``."""
    return unit is not None and allowed(user, Action.PERSONAL_DATA, unit)


def personal_anywhere(user) -> bool:
    """Whether the user may see personal data in their own unit (and so in its subtree)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    unit = getattr(user, "unit", None)
    return unit is not None and allowed(user, Action.PERSONAL_DATA, unit)


def may(user, unit, titles: Iterable) -> bool:
    """The form's gate, the same as its action's: the unit in the scope with the right to enter acts, and a title
    of ``titles`` (the domain's table, :mod:`thads.domain.petition_rules`); the technical superuser passes."""
    if unit is None or not allowed(user, Action.CHANGE, unit):
        return False
    if getattr(user, "is_superuser", False):
        return True
    return str(getattr(user, "title", "") or "") in {str(t) for t in titles}


#: The complaints pages' roles → the domain's steps (``domain.petition_rules.STEP_TITLES``): "receive" (the
#: schedule, receptions, letters, recording a matter or a second-level complaint), "decide" (accept, not accept,
#: forward, archive, extend, resolve, withdraw).
ROLE_STEP = {"receive": Step.RECEIVE, "decide": Step.DECIDE}


def may_role(user, unit, role: str) -> bool:
    """The gate of a form of ``role`` (see :data:`ROLE_STEP`) in ``unit``: the same table as the action's."""
    return may(user, unit, STEP_TITLES[ROLE_STEP[role]])


def may_decide(user, matter, *, holding: bool = False) -> bool:
    """The gate of a decision on a matter (accept … resolve): the "decide" titles, and a member of the competent
    unit (``Matter.resolver_unit``, Luật THADS Arts. 142, 157) when it is known — or, for the acts of the unit
    holding the letter (``holding``: not accept, forward, archive, withdraw before acceptance; TT 13/2021 Arts. 8,
    16), a member of that unit; the action checks the same (``actions_matters._decide``)."""
    if not may_role(user, matter.unit, "decide"):
        return False
    if getattr(user, "is_superuser", False):
        return True
    acting = matter.unit_id if holding else matter.resolver_unit_id
    return acting is None or getattr(user, "unit_id", None) == acting


def unit_for_form(user):
    """The unit a new reception, letter or matter is recorded in: the user's own (the technical superuser, who has
    none, records in the first root unit)."""
    from thads.org.models import Unit

    unit = getattr(user, "unit", None)
    if unit is None and getattr(user, "is_superuser", False):
        unit = Unit.objects.filter(parent__isnull=True).order_by("path").first()
    if unit is None:
        raise PermissionDenied(_("You may not record this here."))
    return unit


def require(ok: bool) -> None:
    if not ok:
        raise PermissionDenied(_("You may not record this here."))


def form_page(request: HttpRequest, form, *, title: str, back: str, call: Callable[..., Any], done: str,
              context: dict | None = None, then: Callable[[Any], str] | None = None,
              template: str = "complaints/form.html") -> HttpResponse:
    """The form page of one action (``thads.org.form_page``: recorded once, a refusal shown next to its field)."""
    return shared_form_page(request, form, title=title, back=back, call=call, done=done, template=template,
                            tokens_key=_TOKENS, context=context, then=then)
