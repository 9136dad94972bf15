from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tests.conftest import PASSWORD
from thads.org.models import LoginFailure


def _login(client, username, password):
    return client.post("/login/", {"username": username, "password": password})


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


def test_it_locks_an_account_after_five_failures_within_fifteen_minutes(client, persona):
    for _ in range(5):
        response = _login(client, "officer_a", "wrong-password")
        assert response.status_code == 200
    response = _login(client, "officer_a", PASSWORD)
    assert response.status_code == 200
    assert "bị khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock(client, persona):
    for _ in range(4):
        _login(client, "officer_a", "wrong-password")
    assert _login(client, "officer_a", PASSWORD).status_code == 302


def test_the_lock_ends_after_fifteen_minutes(client, persona):
    for _ in range(5):
        _login(client, "officer_a", "wrong-password")
    LoginFailure.objects.update(at=timezone.now() - timedelta(minutes=16))
    assert _login(client, "officer_a", PASSWORD).status_code == 302
    assert not LoginFailure.objects.filter(username="officer_a").exists()


def test_failures_spread_over_more_than_the_window_do_not_lock(client, persona):
    for minutes_ago in (40, 30, 20, 10, 0):
        _login(client, "officer_a", "wrong-password")
        last = LoginFailure.objects.latest("at")
        LoginFailure.objects.filter(pk=last.pk).update(at=timezone.now() - timedelta(minutes=minutes_ago))
    assert _login(client, "officer_a", PASSWORD).status_code == 302


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
    import pytest
    from django.core.exceptions import ValidationError

    from thads.org.actions import do_create_staff

    with pytest.raises(ValidationError):
        do_create_staff("weak", "12345678", "Weak", org["units"]["A"], "officer")
