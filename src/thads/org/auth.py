"""Login throttling (django-axes) and the audit of logins, failed logins and logouts (issue 12).

Throttling: ``THADS_LOGIN_MAX_FAILURES`` (default 5) failures of one username from one address lock that pair, so
that an attacker elsewhere cannot lock a head out of the office; ``THADS_LOGIN_MAX_FAILURES_PER_IP`` (default 20)
failures from one address over any usernames lock the address (password spraying). Failures count until
``THADS_LOGIN_LOCK_MINUTES`` (or the window, if longer) pass without one; a lock ends that long after the last
counted failure (attempts refused during a lock are not counted, so it ends on time). The counts are not reset by a
successful login, and the history is kept: axes' ``AccessLog`` (logins/logouts), ``AccessFailureLog`` (every failure)
and the audit log. The address is ``thads.org.audit.client_ip`` (``THADS_PROXY_COUNT``), as in the audit log.

Unlock: ``thads axes-reset-username USER`` (or ``axes_reset_username``), ``thads axes-reset-ip ADDRESS``,
``thads axes-reset-ip-username ADDRESS USER``, ``thads axes-list-attempts`` (see README).

The old home-made ``LoginFailure`` rows stay as history; nothing writes them any more.
"""

from __future__ import annotations

from datetime import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import Max, Sum
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext

from thads.org.audit import audit_auth, client_ip


class ThadsAxesHandler(AxesDatabaseHandler):
    """axes' database handler with a separate, higher limit for the address alone.

    axes compares one failure count with one limit (``AXES_FAILURE_LIMIT``); the count of the address alone is scaled
    so that it reaches that limit exactly when it reaches ``LOGIN_MAX_FAILURES_PER_IP``: an office behind one NAT
    address is not locked by five colleagues' typos, a sprayer is stopped after 20 tries.
    """

    def get_failures(self, request, credentials=None) -> int:
        user_limit = settings.LOGIN_MAX_FAILURES
        ip_limit = settings.LOGIN_MAX_FAILURES_PER_IP
        counts = []
        for params, attempts in zip(settings.AXES_LOCKOUT_PARAMETERS, self.get_user_attempts(request, credentials),
                                    strict=True):
            failures = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            counts.append(failures * user_limit // ip_limit if params == "ip_address" else failures)
        return max(counts, default=0)


def locked_until(request, credentials: dict | None = None) -> datetime | None:
    """The end of the lock that applies to this request (username typed + address), or None when none applies."""
    handler = ThadsAxesHandler()
    cool_off = get_cool_off(request)
    if cool_off is None or not handler.is_locked(request, credentials):
        return None
    username = get_client_username(request, credentials)
    ip = getattr(request, "axes_ip_address", None) or client_ip(request)
    latest = AccessAttempt.objects.filter(ip_address=ip).filter(
        **({"username": username} if _pair_locked(request, credentials, handler) else {})
    ).aggregate(at=Max("attempt_time"))["at"]
    return (latest or timezone.now()) + cool_off


def _pair_locked(request, credentials, handler) -> bool:
    attempts = handler.get_user_attempts(request, credentials)[0]  # the (username, address) pair comes first
    return (attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0) >= settings.LOGIN_MAX_FAILURES


def lockout_response(request, original_response=None, credentials=None):
    """The login page again, status 429, saying in the user's language (Vietnamese first) until when to wait."""
    from thads.org.forms import LoginForm

    until = locked_until(request, credentials)
    when = formats.date_format(timezone.localtime(until), "H:i") if until else ""
    pair = _pair_locked(request, credentials, ThadsAxesHandler())
    if pair:
        message = gettext("This account is locked after too many failed logins. Try again after %(until)s.")
    else:
        message = gettext("Too many failed logins from this computer's address. Try again after %(until)s.")
    form = LoginForm(request, data=None, initial={"username": get_client_username(request, credentials) or ""})
    return render(request, "org/login.html", {"form": form, "lockout_message": message % {"until": when},
                                              "next": request.POST.get("next", "")}, status=429)


# --- audit ------------------------------------------------------------------------------------------------------------
# The Personal Data Protection Decree 13/2023/NĐ-CP (Art. 26–27) asks for a log of who accessed the data: logins,
# refused logins (with the username typed) and logouts are rows of the one audit log.


@receiver(user_logged_in, dispatch_uid="thads_audit_login")
def _audit_login(sender, request, user, **kwargs) -> None:
    audit_auth(user, "login")


@receiver(user_login_failed, dispatch_uid="thads_audit_login_failed")
def _audit_login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str((credentials or {}).get("username") or "")[:150]
    details = {"locked": True} if request is not None and getattr(request, "axes_locked_out", False) else None
    audit_auth(None, "login_failed", username=username, details=details)


@receiver(user_logged_out, dispatch_uid="thads_audit_logout")
def _audit_logout(sender, request, user, **kwargs) -> None:
    if user is None:  # a logout without a session: nothing to record
        return
    reason = getattr(request, "thads_logout_reason", "")
    audit_auth(user, "logout", details={"reason": reason} if reason else None)
