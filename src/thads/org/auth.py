"""Login with lock-out: after LOGIN_MAX_FAILURES failed logins within LOGIN_WINDOW_MINUTES the username is locked
for LOGIN_LOCK_MINUTES (defaults 5 / 15 / 15). Attempts during a lock are refused without being counted, so a lock
ends on time; a successful login clears the failures."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone

from thads.org.models import LoginFailure


def locked_until(username: str, now: datetime | None = None) -> datetime | None:
    """The end of the current lock on ``username``, or None when it is not locked."""
    now = now or timezone.now()
    limit = settings.LOGIN_MAX_FAILURES
    recent = list(
        LoginFailure.objects.filter(
            username=username,
            at__gte=now - timedelta(minutes=settings.LOGIN_WINDOW_MINUTES + settings.LOGIN_LOCK_MINUTES),
        )
        .order_by("-at")
        .values_list("at", flat=True)[:limit]
    )
    if len(recent) < limit:
        return None
    latest, earliest = recent[0], recent[-1]
    if latest - earliest > timedelta(minutes=settings.LOGIN_WINDOW_MINUTES):
        return None
    until = latest + timedelta(minutes=settings.LOGIN_LOCK_MINUTES)
    return until if now < until else None


class LockoutModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(self._username_field())
        if username is None or password is None:
            return None
        if locked_until(username) is not None:
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            ip = request.META.get("REMOTE_ADDR") if request is not None else None
            LoginFailure.objects.create(username=username, ip=ip or None)
        return user

    @staticmethod
    def _username_field() -> str:
        from django.contrib.auth import get_user_model

        return get_user_model().USERNAME_FIELD


@receiver(user_logged_in)
def _clear_failures(sender, request, user, **kwargs) -> None:
    LoginFailure.objects.filter(username=user.get_username()).delete()
