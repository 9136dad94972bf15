"""Logging in: Vietnamese page, throttling by django-axes (issue 12, hole 6) and the audit of logins/logouts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management import call_command
from django.utils import timezone

from tests.conftest import PASSWORD
from thads.org.models import AuditEvent

ATTACKER = "203.0.113.66"
OFFICE = "10.20.30.40"


def _login(client, username, password, ip="127.0.0.1", **extra):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=ip, **extra)


def test_the_login_page_is_in_vietnamese(client, db):
    body = client.get("/login/").content.decode()
    assert "Đăng nhập" in body
    assert 'lang="vi"' in body


def test_every_page_needs_a_login(client, db):
    response = client.get("/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_persona_logs_in_and_sees_the_home_page(client, persona):
    response = _login(client, "officer_a", PASSWORD)
    assert response.status_code == 302
    body = client.get("/").content.decode()
    assert "Nguyễn Văn Đức" in body and "Chấp hành viên" in body


def test_five_failures_lock_the_username_from_that_address_and_say_when_to_retry(client, persona):
    for _ in range(4):
        assert _login(client, "officer_a", "wrong-password").status_code == 200
    assert _login(client, "officer_a", "wrong-password").status_code == 429
    response = _login(client, "officer_a", PASSWORD)
    assert response.status_code == 429
    body = response.content.decode()
    assert "bị khóa" in body
    retry = timezone.localtime(timezone.now() + timedelta(minutes=15))
    assert retry.strftime("%H:%M") in body or (retry - timedelta(minutes=1)).strftime("%H:%M") in body
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock(client, persona):
    for _ in range(4):
        _login(client, "officer_a", "wrong-password")
    assert _login(client, "officer_a", PASSWORD).status_code == 302


def test_an_attacker_locking_a_head_from_his_address_does_not_lock_her_out_from_the_office(client, persona):
    for _ in range(10):
        _login(client, "head_a", "guess", ip=ATTACKER)
    assert _login(client, "head_a", PASSWORD, ip=ATTACKER).status_code == 429
    assert _login(client, "head_a", PASSWORD, ip=OFFICE).status_code == 302


def test_spraying_one_password_over_twenty_usernames_locks_the_address(client, persona):
    statuses = [_login(client, f"user{i:02d}", "Matkhau@2025", ip=ATTACKER).status_code for i in range(20)]
    assert statuses[:19] == [200] * 19 and statuses[19] == 429
    # the address is locked for every username, even with the right password ...
    assert _login(client, "officer_b", PASSWORD, ip=ATTACKER).status_code == 429
    # ... and nobody else is
    assert _login(client, "officer_b", PASSWORD, ip=OFFICE).status_code == 302


def test_a_successful_login_does_not_clear_a_spraying_address_nor_the_history(client, persona):
    for i in range(19):
        _login(client, f"user{i:02d}", "Matkhau@2025", ip=ATTACKER)
    assert _login(client, "officer_a", PASSWORD, ip=ATTACKER).status_code == 302  # the attacker's own account
    client.logout()
    assert _login(client, "user99", "Matkhau@2025", ip=ATTACKER).status_code == 429
    assert AccessFailureLog.objects.filter(ip_address=ATTACKER).count() == 20
    assert AccessAttempt.objects.filter(ip_address=ATTACKER).count() == 20
    assert AccessLog.objects.filter(username="officer_a", ip_address=ATTACKER).count() == 1


def test_failure_history_rows_stay_after_the_users_successful_login(client, persona):
    for _ in range(3):
        _login(client, "officer_a", "wrong-password")
    assert _login(client, "officer_a", PASSWORD).status_code == 302
    assert AccessFailureLog.objects.filter(username="officer_a").count() == 3
    assert AccessAttempt.objects.filter(username="officer_a").get().failures_since_start == 3
    assert AccessLog.objects.filter(username="officer_a").count() == 1


def test_the_lock_ends_after_fifteen_minutes(client, persona):
    for _ in range(5):
        _login(client, "officer_a", "wrong-password")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert _login(client, "officer_a", PASSWORD).status_code == 302


def test_attempts_during_a_lock_do_not_extend_it(client, persona):
    for _ in range(5):
        _login(client, "officer_a", "wrong-password")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=14))
    assert _login(client, "officer_a", "wrong-password").status_code == 429  # refused, not counted
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert _login(client, "officer_a", PASSWORD).status_code == 302


def test_the_address_is_the_audit_logs_address_behind_a_proxy(client, persona, settings):
    settings.THADS_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    for _ in range(5):
        _login(client, "officer_a", "wrong", ip=proxy, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert AccessAttempt.objects.get().ip_address == ATTACKER
    assert _login(client, "officer_a", PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR=ATTACKER).status_code == 429
    assert _login(client, "officer_a", PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR=OFFICE).status_code == 302


@pytest.mark.parametrize("command, args", [("axes_reset_username", ["officer_a"]), ("axes_reset_ip", [ATTACKER])])
def test_an_administrator_unlocks_with_the_axes_commands(client, persona, command, args):
    for _ in range(5):
        _login(client, "officer_a", "wrong", ip=ATTACKER)
    call_command(command, *args)
    assert _login(client, "officer_a", PASSWORD, ip=ATTACKER).status_code == 302
    assert AccessFailureLog.objects.filter(username="officer_a").count() == 5  # the history stays


def test_the_unlock_command_is_reachable_with_hyphens(persona, capsys):
    from thads.cli import main

    assert main(["thads", "axes-reset-username", "officer_a"]) == 0


def test_logins_failed_logins_and_logouts_are_audited(client, persona):
    _login(client, "no-such-user", "x", ip=ATTACKER)
    _login(client, "officer_a", PASSWORD, ip=OFFICE)
    client.post("/logout/", REMOTE_ADDR=OFFICE)
    rows = list(AuditEvent.objects.filter(kind="auth").order_by("pk").values_list("action", "username", "ip"))
    assert rows == [("login_failed", "no-such-user", ATTACKER), ("login", "officer_a", OFFICE),
                    ("logout", "officer_a", OFFICE)]
    assert AuditEvent.objects.get(action="login").user == persona["officer_a"]


def test_a_refused_login_during_a_lock_is_audited_as_locked(client, persona):
    for _ in range(6):
        _login(client, "officer_a", "wrong")
    last = AuditEvent.objects.filter(action="login_failed").order_by("pk").last()
    assert last.after == {"locked": True}


def test_passwords_are_hashed_with_djangos_default_hasher(settings, org):
    from django.conf import global_settings

    from thads.domain.roles import Title
    from thads.org.actions import do_create_staff

    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    user = do_create_staff("hashed", PASSWORD, "Người Dùng", org["units"]["A"], Title.CLERK)
    assert user.password.startswith("pbkdf2_sha256$")
    assert user.check_password(PASSWORD)
    assert PASSWORD not in user.password


def test_weak_passwords_are_refused(org):
    from django.core.exceptions import ValidationError

    from thads.org.actions import do_create_staff

    with pytest.raises(ValidationError):
        do_create_staff("weak", "12345678", "Weak", org["units"]["A"], "officer")


@pytest.mark.django_db
def test_every_user_changes_their_own_password_and_the_change_is_audited(client, persona):
    from thads.org.models import AuditEvent

    officer = persona["officer_a"]
    client.force_login(officer)
    weak = client.post("/password/", {"old_password": PASSWORD, "new_password1": "12345678901",
                                       "new_password2": "12345678901"})
    assert weak.status_code == 200 and not AuditEvent.objects.filter(action="org.user.password").exists()
    new = "Mat-khau-Moi-2026!"
    response = client.post("/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(new)
    [row] = AuditEvent.objects.filter(action="org.user.password")
    assert row.user == officer and row.after == {"changed_by": "self"}  # never the hash
    assert client.get("/").status_code == 200  # still logged in after the change


@pytest.mark.django_db
def test_thads_unlock_lifts_a_lock_and_records_who_lifted_it(client, persona):
    from django.core.management import call_command

    from thads.org.models import AuditEvent

    for _ in range(5):
        _login(client, "officer_a", "wrong-password-1")
    assert _login(client, "officer_a", PASSWORD).status_code != 302  # locked
    call_command("unlock", "--username", "officer_a", "--by", "admin_p")
    assert _login(client, "officer_a", PASSWORD).status_code == 302
    [row] = AuditEvent.objects.filter(action="auth.unlock")
    assert row.user == persona["admin_p"] and row.source == "cli:unlock" and row.after["attempts_removed"] >= 1
