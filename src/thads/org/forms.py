from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from thads.org.auth import locked_until


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Wrong username or password. After %(max)s failed attempts within %(window)s minutes "
                           "the account is locked for %(lock)s minutes."),
        "locked": _("This account is locked after too many failed logins. Try again after %(until)s."),
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        if username:
            until = locked_until(username)
            if until is not None:
                raise forms.ValidationError(
                    self.error_messages["locked"],
                    code="locked",
                    params={"until": formats.date_format(timezone.localtime(until), "H:i")},
                )
        return super().clean()

    def get_invalid_login_error(self):
        from django.conf import settings

        username = self.cleaned_data.get("username")
        until = locked_until(username) if username else None
        if until is not None:
            return forms.ValidationError(
                self.error_messages["locked"], code="locked",
                params={"until": formats.date_format(timezone.localtime(until), "H:i")},
            )
        return forms.ValidationError(
            self.error_messages["invalid_login"],
            code="invalid_login",
            params={"max": settings.LOGIN_MAX_FAILURES, "window": settings.LOGIN_WINDOW_MINUTES,
                    "lock": settings.LOGIN_LOCK_MINUTES},
        )
