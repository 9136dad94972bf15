"""Shared personas (THADS issue 2): an officer of branch A, the head of branch A, an officer of branch B,
a provincial statistician and a provincial administrator, in a province P with branches A and B."""

from __future__ import annotations

from datetime import date

import pytest

PASSWORD = "Mat-khau-Thu-2025"
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_configure(config) -> None:
    """Tests hash passwords with a fast hasher (PBKDF2 costs ~0.5 s per user); the hasher test restores it."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = FAST_HASHERS
    # Background jobs run inline, inside the request that starts them (tests/test_jobs.py runs a real worker too).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def org(db):
    from thads.domain.roles import Title
    from thads.org.actions import do_create_staff, do_create_unit

    province = do_create_unit("P", "Cục THADS tỉnh P", None, "province")
    branch_a = do_create_unit("A", "Chi cục THADS huyện A", province, "district")
    branch_b = do_create_unit("B", "Phòng THADS khu vực B", province, "regional", valid_from=date(2025, 7, 1))
    people = {
        "officer_a": do_create_staff("officer_a", PASSWORD, "Nguyễn Văn Đức", branch_a, Title.OFFICER),
        "head_a": do_create_staff("head_a", PASSWORD, "Trần Thị Hoa", branch_a, Title.HEAD),
        "officer_b": do_create_staff("officer_b", PASSWORD, "Lê Văn Bình", branch_b, Title.OFFICER),
        "statistician_p": do_create_staff("statistician_p", PASSWORD, "Phạm Thu Hà", province, Title.STATISTICIAN),
        "admin_p": do_create_staff("admin_p", PASSWORD, "Hoàng Quản Trị", province, Title.ADMIN),
    }
    return {"units": {"P": province, "A": branch_a, "B": branch_b}, "people": people}


@pytest.fixture
def persona(org):
    return org["people"]


@pytest.fixture
def staff(org):
    """The personas plus an accountant of branch A (collections and payouts are the accountant's too)."""
    from thads.domain.roles import Title
    from thads.org.actions import do_create_staff

    people = dict(org["people"])
    people["accountant_a"] = do_create_staff("accountant_a", PASSWORD, "Kế Toán A", org["units"]["A"],
                                             Title.ACCOUNTANT)
    return people
