"""Vietnamese first: the interface language is the one the user chose (language cookie), otherwise Vietnamese —
never guessed from the browser's Accept-Language, so that a computer set up in English still opens THADS in
Vietnamese, as the users expect."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.views import redirect_to_login
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class SessionIdleTimeoutMiddleware:
    """Ends a logged-in session after ``SESSION_IDLE_MINUTES`` without a request (issue 12): an unattended office
    computer must not stay logged in to debtors' personal data. A session without a timestamp yet (one logged in
    before this rule, or just now) starts its clock on its first request. The absolute cap is SESSION_COOKIE_AGE.

    The timestamp is rewritten at most every tenth of the idle time (between 1 and 5 minutes), so that reading pages
    does not write the session row on every request; a session therefore ends between 90 % and 100 % of the idle time
    after the last request."""

    KEY = "_thads_last_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(self.KEY)
            idle = settings.SESSION_IDLE_MINUTES * 60
            if isinstance(last, int) and now - last > idle:
                return self._expired(request)
            if not isinstance(last, int) or now - last >= min(max(idle // 10, 60), 300):
                request.session[self.KEY] = now
        return self.get_response(request)

    @staticmethod
    def _expired(request):
        request.thads_logout_reason = "idle"  # read by the audit row of the logout (thads.org.auth)
        logout(request)
        messages.warning(request, gettext("You were logged out after %(minutes)s minutes without activity. "
                                          "Please log in again.") % {"minutes": settings.SESSION_IDLE_MINUTES})
        # A form sent after the timeout is not replayed: the user lands on the page it came from after logging in.
        target = request.get_full_path() if request.method == "GET" else request.META.get("HTTP_REFERER", "/")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = "/"
        return redirect_to_login(target, redirect_field_name=REDIRECT_FIELD_NAME)
