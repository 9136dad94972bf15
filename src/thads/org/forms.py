from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """The login form. Locks are django-axes' (``thads.org.auth``): a locked attempt never reaches the password check
    and is answered by ``thads.org.auth.lockout_response``."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Wrong username or password. After %(max)s failed attempts within %(window)s minutes "
                           "the account is locked for %(lock)s minutes."),
    }

    def get_invalid_login_error(self):
        minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
        return forms.ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={"max": settings.LOGIN_MAX_FAILURES, "window": minutes, "lock": minutes},
        )
