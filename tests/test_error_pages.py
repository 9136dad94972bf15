"""Refusals and missing pages answer with a page of the application, in Vietnamese first, giving the reason of a
refusal (never Django's bare English "403 Forbidden")."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory, override_settings
from django.views.defaults import page_not_found, permission_denied


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_a_refusal_shows_its_reason_on_the_applications_page():
    request = RequestFactory().get("/emulation/rankings/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = permission_denied(request, PermissionDenied("Chỉ Thủ trưởng và Thống kê viên xem bảng xếp hạng."))
    body = response.content.decode()
    assert response.status_code == 403
    assert "Chỉ Thủ trưởng và Thống kê viên xem bảng xếp hạng." in body and "THADS" in body


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_a_missing_page_says_it_may_be_outside_the_users_units():
    from django.contrib.auth.models import AnonymousUser
    from django.http import Http404

    request = RequestFactory().get("/cases/999999/")
    request.user = AnonymousUser()
    response = page_not_found(request, Http404("No Case matches the given query."))
    body = response.content.decode()
    assert response.status_code == 404 and "No Case matches" not in body and "THADS" in body
