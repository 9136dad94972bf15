"""The form page of one ``do_*`` action, shared by the contexts' pages (assets, complaints, emulation).

A valid POST runs the action in a transaction; a refusal (``thads.lib.errors.Refused``) rolls back whatever the
action wrote and is shown as a form error next to the field it names. A form is recorded once: its hidden ``token``
is remembered in the session (under a key of the context), read under a lock on the session's row (database
sessions), so that a double click or a request that waited for the lock sees the token the first one recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thads.lib.errors import Refused

KEEP_TOKENS = 200


def refusal_text(exc: Refused) -> str:
    """A refusal's Vietnamese message."""
    return str(getattr(exc, "message_vi", None) or getattr(exc, "message", None) or exc)


def _used_tokens(request: HttpRequest, key: str) -> list[str]:
    return list(request.session.get(key, []))


def _lock_tokens(request: HttpRequest, key: str) -> None:
    """Inside the caller's transaction: lock the session's row (database sessions) and read the used tokens from
    it, not from the copy this request loaded when it began."""
    session_key = getattr(request.session, "session_key", None)
    if not session_key or settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        return
    row = Session.objects.select_for_update().filter(session_key=session_key).first()
    if row is not None:
        stored = request.session.decode(row.session_data).get(key, [])
        request.session[key] = list(dict.fromkeys([*stored, *_used_tokens(request, key)]))[-KEEP_TOKENS:]


def _remember(request: HttpRequest, token: str, key: str) -> None:
    if token:
        request.session[key] = (_used_tokens(request, key) + [token])[-KEEP_TOKENS:]
        if getattr(request.session, "session_key", None):
            request.session.save()  # in the action's transaction: the token is used as soon as the act is


def form_page(request: HttpRequest, form, *, title: str, back: str, call: Callable[..., Any], done: str,
              template: str, tokens_key: str, context: dict | None = None,
              then: Callable[[Any], str] | None = None) -> HttpResponse:
    """The form page of one action. ``call(**form.action_kwargs())`` runs the action on a valid POST; on success
    the message ``done`` and a redirect to ``then(result)`` (default ``back``); a refusal is shown as a form error
    next to the field it names, nothing written."""
    if request.method == "POST":
        with transaction.atomic():
            token = request.POST.get("token", "")
            _lock_tokens(request, tokens_key)
            if token and token in _used_tokens(request, tokens_key):
                messages.info(request, _("This form was already recorded."))
                return redirect(back)
            if form.is_valid():
                try:
                    with transaction.atomic():  # a refusal rolls back whatever the call wrote
                        result = call(**form.action_kwargs())
                except Refused as exc:
                    field = getattr(exc, "field", "") or None
                    form.add_error(field if field in form.fields else None, refusal_text(exc))
                else:
                    _remember(request, token, tokens_key)
                    messages.success(request, done)
                    return redirect(then(result) if then is not None else back)
    return render(request, template, {"form": form, "title": title, "back": back, **(context or {})})
