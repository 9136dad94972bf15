"""What every emulation page shares: looking an object up inside the user's scope (outside it the object does not
exist: 404), the gates of the forms (403 before a form is shown: the predicates of
:mod:`thads.emulation.permissions`, the same as the actions'), and the one form page: form → one ``do_*`` action
→ redirect with a message, or the action's Vietnamese refusal next to its field with nothing written.

A GET never writes (but the ``audit_read`` rows of the evidence sheet, its downloads and a nomination's frozen
figures). A second submit of the same form (its one-time ``token``: a reload, a double click) is answered "already
recorded" and writes nothing more (the complaints pages' pattern, ``thads.complaints.views_common``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.lib.errors import Refused
from thads.org.capabilities import Capability, can
from thads.org.form_page import form_page as shared_form_page
from thads.org.form_page import refusal_text
from thads.org.scope import scope_queryset, visible_units

_TOKENS = "emulation_form_tokens"


def scoped(user, queryset: QuerySet, pk: int, unit_field: str = "unit") -> Model:
    """The object ``pk`` of ``queryset`` if the user's scope covers its unit (``unit_field``), else 404."""
    return get_object_or_404(scope_queryset(user, queryset, unit_field=unit_field), pk=pk)


_ID = re.compile(r"[0-9]{1,18}")


def int_param(value: str | None) -> int | None:
    """A query-string id or year as an int: ASCII digits only (``"²".isdigit()`` is true but ``int("²")`` fails),
    at most 18 of them (a BigInteger); anything else None."""
    text = value or ""
    return int(text) if _ID.fullmatch(text) else None


def require(ok: bool) -> None:
    if not ok:
        raise PermissionDenied(_("You may not record this here."))


def may_view_progress(user) -> bool:
    """Progress, rankings and the targets list: who sees the statistics (heads, deputies, statisticians)."""
    return can(user, Capability.VIEW_STATISTICS)


def guard_progress(user) -> None:
    if not may_view_progress(user):
        raise PermissionDenied(_("Targets, progress and rankings are for statisticians and the heads of units."))


def may_manage(user, unit=None) -> bool:
    """Campaigns, proposing nominations, recording commendations, the council: heads and deputies."""
    return can(user, Capability.MANAGE_EMULATION, unit)


def home_unit(user):
    """The unit a page starts on: the user's own (the technical superuser, who has none, the first root unit)."""
    unit = getattr(user, "unit", None)
    if unit is None:
        unit = visible_units(user).filter(parent__isnull=True).order_by("path").first()
    return unit


def current_period() -> tuple[int, int]:
    from thads.emulation.progress import current_period as period

    return period(timezone.localdate())


def form_page(request: HttpRequest, form, *, title: str, back: str, call: Callable[..., Any], done: str,
              context: dict | None = None, then: Callable[[Any], str] | None = None,
              template: str = "emulation/form.html") -> HttpResponse:
    """The form page of one action (``thads.org.form_page``: recorded once, a refusal shown next to its field)."""
    return shared_form_page(request, form, title=title, back=back, call=call, done=done, template=template,
                            tokens_key=_TOKENS, context=context, then=then)


def post_action(request: HttpRequest, call: Callable[[], Any], *, done: str, back: str) -> HttpResponse:
    """A POST-only button (delete, pass down, close, remove): the action, its message, back to ``back``; a refusal
    is shown as an error message and nothing is written."""
    try:
        with transaction.atomic():
            call()
    except Refused as exc:
        messages.error(request, refusal_text(exc))
    else:
        messages.success(request, done)
    return redirect(back)
