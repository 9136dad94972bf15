"""Secure by default (issue 12, hole 7): no start on a missing key, HTTPS settings on with DEBUG off, sessions that
end when idle. The test suite itself runs with THADS_HTTPS=false (pyproject, pytest-env); these tests check the
defaults in fresh processes with the variables removed."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time

import pytest

from thads.org.models import AuditEvent

PRINT_SETTINGS = (
    "import json, django; from django.conf import settings; django.setup(); print(json.dumps({k: getattr(settings, k)"
    " for k in ['DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS',"
    " 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_SSL_REDIRECT', 'SECURE_PROXY_SSL_HEADER', 'SECURE_CONTENT_TYPE_NOSNIFF',"
    " 'SECURE_REFERRER_POLICY', 'SESSION_COOKIE_SAMESITE', 'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_AGE',"
    " 'SESSION_IDLE_MINUTES', 'SECURE_REDIRECT_EXEMPT']}))"
)


def _env(**values: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "THADS_HTTPS", "DEBUG", "ALLOWED_HOSTS",
                                                       "DJANGO_ALLOW_ASYNC_UNSAFE")}  # set by tests/browser
    env["DJANGO_SETTINGS_MODULE"] = "thads.settings"
    env.update(values)
    return env


def _run(args: list[str], **values: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, env=_env(**values), timeout=120)


def _thads(*args: str, **values: str) -> subprocess.CompletedProcess:
    return _run([sys.executable, "-m", "thads.cli", *args], **values)


def _settings(**values: str) -> dict:
    result = _run([sys.executable, "-c", PRINT_SETTINGS], **values)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _key() -> str:
    return secrets.token_urlsafe(45)[:60]


@pytest.mark.parametrize("values", [{}, {"DEBUG": "false"},
                                    {"SECRET_KEY": "thads-insecure-development-key-change-me-in-production-0123456789"}])
def test_without_a_secret_key_thads_refuses_to_start_with_one_line_and_status_2(values):
    result = _thads("check", **values)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "SECRET_KEY" in lines[0] and "Traceback" not in result.stderr, result.stderr


def test_manage_py_refuses_too():
    result = _run([sys.executable, "manage.py", "check"])
    assert result.returncode == 2 and "SECRET_KEY" in result.stderr


def test_the_wsgi_application_refuses_to_load_without_a_key():
    result = _run([sys.executable, "-c", "import thads.wsgi"])
    assert result.returncode != 0
    assert result.stderr.splitlines()[0].startswith("thads: configuration error: SECRET_KEY is not set")


def test_debug_true_starts_without_a_key():
    assert _thads("check", DEBUG="true").returncode == 0


def test_the_deploy_check_passes_with_debug_off_a_random_key_and_a_host():
    result = _thads("check", "--deploy", "--fail-level", "WARNING", DEBUG="false", SECRET_KEY=_key(),
                    ALLOWED_HOSTS="thads.example.gov.vn")
    assert result.returncode == 0, result.stdout + result.stderr


def test_with_debug_off_the_https_settings_are_on_by_default():
    s = _settings(SECRET_KEY=_key())
    assert s["DEBUG"] is False
    assert s["SESSION_COOKIE_SECURE"] and s["CSRF_COOKIE_SECURE"] and s["SECURE_SSL_REDIRECT"]
    assert s["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600 and s["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert s["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert s["SECURE_CONTENT_TYPE_NOSNIFF"] and s["SECURE_REFERRER_POLICY"] == "same-origin"
    assert s["SESSION_COOKIE_SAMESITE"] == "Lax" and s["SESSION_COOKIE_HTTPONLY"]
    assert s["SESSION_COOKIE_AGE"] == 12 * 3600 and s["SESSION_IDLE_MINUTES"] == 30
    assert s["SECURE_REDIRECT_EXEMPT"] == ["^healthz$"]


@pytest.mark.parametrize("values", [{"THADS_HTTPS": "false"}, {"DEBUG": "true"}])
def test_thads_https_false_or_debug_turns_the_https_settings_off(values):
    s = _settings(SECRET_KEY=_key(), **values)
    assert not (s["SESSION_COOKIE_SECURE"] or s["CSRF_COOKIE_SECURE"] or s["SECURE_SSL_REDIRECT"])
    assert s["SECURE_HSTS_SECONDS"] == 0


def test_the_session_limits_are_configurable():
    s = _settings(SECRET_KEY=_key(), THADS_SESSION_IDLE_MINUTES="10", THADS_SESSION_MAX_HOURS="8")
    assert (s["SESSION_IDLE_MINUTES"], s["SESSION_COOKIE_AGE"]) == (10, 8 * 3600)
    result = _thads("check", SECRET_KEY=_key(), THADS_SESSION_IDLE_MINUTES="0")
    assert result.returncode == 2 and "THADS_SESSION_IDLE_MINUTES" in result.stderr


def test_over_https_settings_plain_http_is_redirected_but_not_the_health_probe(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/login/")
    assert response.status_code == 301 and response["Location"].startswith("https://")
    assert client.get("/login/", HTTP_X_FORWARDED_PROTO="https").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_secure_responses_carry_hsts_and_nosniff(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/login/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


# --- idle timeout ---------------------------------------------------------------------------------------------------

KEY = "_thads_last_seen"


def _set_last_seen(client, seconds_ago: int | None) -> None:
    session = client.session
    if seconds_ago is None:
        session.pop(KEY, None)
    else:
        session[KEY] = int(time.time()) - seconds_ago
    session.save()


def test_a_session_idle_longer_than_the_limit_is_logged_out_with_a_message(client, persona):
    client.force_login(persona["officer_a"])
    client.get("/")
    _set_last_seen(client, 31 * 60)
    response = client.get("/cases/?q=x")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/cases/")
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "30" in page and 'class="warning"' in page
    row = AuditEvent.objects.filter(kind="auth", action="logout").get()
    assert row.username == "officer_a" and row.after == {"reason": "idle"}


def test_an_active_session_stays_logged_in(client, persona):
    client.force_login(persona["officer_a"])
    client.get("/")
    _set_last_seen(client, 29 * 60)
    assert client.get("/").status_code == 200
    assert time.time() - client.session[KEY] < 5  # the clock was reset by the request


def test_a_session_without_a_timestamp_starts_its_clock(client, persona):
    client.force_login(persona["officer_a"])
    _set_last_seen(client, None)
    assert client.get("/").status_code == 200
    assert abs(client.session[KEY] - time.time()) < 5


def test_the_idle_limit_follows_the_setting(client, persona, settings):
    settings.SESSION_IDLE_MINUTES = 5
    client.force_login(persona["officer_a"])
    client.get("/")
    _set_last_seen(client, 6 * 60)
    assert client.get("/").status_code == 302
