"""The audit log (issue 12): rows left by the organisation and statistics writers, the inspector's page and download,
and ``thads audit``."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from tests.conftest import PASSWORD
from thads.domain.roles import Title
from thads.org.actions import do_close_unit, do_create_staff, do_create_unit
from thads.org.audit import audit_auth, audit_context
from thads.org.models import AuditEvent, Unit


def _client(user) -> Client:
    from django.conf import settings

    c = Client()
    c.force_login(user)
    c.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return c


@pytest.fixture
def inspectors(org):
    units = org["units"]
    return {
        "province": do_create_staff("thanhtra_p", PASSWORD, "Thanh Tra Tỉnh", units["P"], Title.INSPECTOR),
        "branch_a": do_create_staff("thanhtra_a", PASSWORD, "Thanh Tra A", units["A"], Title.INSPECTOR),
    }


def _event(unit, action="case.collect", *, username="someone", case="", at=None, kind="write", after=None):
    """An event as a writer would leave it (at a chosen time: the log never changes rows, so tests create them)."""
    ev = AuditEvent(at=at or timezone.now(), kind=kind, action=action, username=username, unit=unit,
                    object_type="cases.case", object_id="1", object_repr=case or action, case_ext_id=case,
                    after=after, ip="10.0.0.7", request_id="r1", source="web")
    ev.save()
    return ev


# --- writers ---------------------------------------------------------------------------------------------------


def test_creating_and_closing_units_and_creating_staff_leave_write_rows_without_the_password(org):
    admin_p = org["people"]["admin_p"]
    with audit_context(source="test", user=admin_p):
        unit = do_create_unit("C", "Phòng THADS khu vực C", org["units"]["P"], "regional")
        do_close_unit(unit, date(2026, 6, 30))
        user = do_create_staff("new_clerk", PASSWORD, "Thư Ký Mới", unit, Title.CLERK)
    created = AuditEvent.objects.get(action="org.unit.create", object_id=str(unit.pk))
    assert created.kind == "write" and created.username == "admin_p" and created.after["code"] == "C"
    closed = AuditEvent.objects.get(action="org.unit.close")
    assert closed.before == {"valid_to": None} and closed.after == {"valid_to": "2026-06-30"}
    staff = AuditEvent.objects.get(action="org.user.create", object_id=str(user.pk))
    assert staff.unit_id == unit.pk and staff.after["username"] == "new_clerk" and staff.after["title"] == "clerk"
    text = json.dumps([staff.before, staff.after])
    assert "password" not in text and user.password not in text and PASSWORD not in text


def test_an_explicit_author_is_recorded_for_a_unit_created_by_a_command(org):
    do_create_unit("D", "Đơn vị D", org["units"]["P"], "regional", by=org["people"]["admin_p"])
    assert AuditEvent.objects.get(action="org.unit.create", object_id__isnull=False,
                                  after__code="D").username == "admin_p"


def test_a_refused_unit_creation_leaves_no_write_row(org):
    from django.core.exceptions import ValidationError

    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        do_create_unit("P", "duplicate code", None, "province")
    assert AuditEvent.objects.count() == before


def test_closing_and_reopening_a_period_leave_write_rows_and_a_refusal_leaves_none(org):
    from thads.lib.errors import Refused
    from thads.stats.actions import do_close_period, do_reopen_period

    unit = org["units"]["A"]
    stat_a = do_create_staff("stat_a", PASSWORD, "Thống Kê A", unit, Title.STATISTICIAN)
    head_p = do_create_staff("head_p", PASSWORD, "Cục Trưởng", org["units"]["P"], Title.HEAD)
    count = AuditEvent.objects.filter(action__startswith="stats.").count()
    with pytest.raises(Refused):
        do_close_period(org["people"]["officer_a"], unit, 2025, 12)
    assert AuditEvent.objects.filter(action__startswith="stats.").count() == count
    closing = do_close_period(stat_a, unit, 2025, 12)
    row = AuditEvent.objects.get(action="stats.period.close")
    assert (row.username, row.unit_id, row.object_id) == ("stat_a", unit.pk, str(closing.pk))
    assert "report_json" not in row.after and row.after["date_to"] == "2025-09-30"
    do_reopen_period(head_p, closing, "Sửa số liệu nhập sai")
    row = AuditEvent.objects.get(action="stats.period.reopen")
    assert row.username == "head_p" and row.before["reopen_reason"] == ""
    assert row.after["reopen_reason"] == "Sửa số liệu nhập sai" and row.after["reopened_by_id"] == head_p.pk


def test_recomputing_every_deadline_leaves_one_audit_row(org):
    call_command("recompute_deadlines", stdout=io.StringIO())
    rows = AuditEvent.objects.filter(action="deadlines.recompute")
    assert rows.count() == 1 and rows.get().after["open_deadlines"] == 0


def test_the_audit_log_is_not_editable_in_the_admin(org):
    assert not admin.site.is_registered(AuditEvent)
    superuser = do_create_staff("root", PASSWORD, "Root", org["units"]["P"], Title.ADMIN)
    superuser.is_superuser = True
    superuser.save()
    ev = _event(org["units"]["A"])
    assert _client(superuser).get(f"/admin/org/auditevent/{ev.pk}/change/").status_code == 404
    with pytest.raises(RuntimeError):
        ev.delete()


# --- the inspector's page ---------------------------------------------------------------------------------------


def test_only_inspectors_and_superusers_open_the_audit_log(org, inspectors, client):
    response = client.get("/org/audit/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    for name in ("officer_a", "head_a", "statistician_p", "admin_p"):
        user = org["people"][name]
        for url in ("/org/audit/", "/org/audit/export.xlsx"):
            assert _client(user).get(url).status_code == 403, (name, url)
    assert _client(inspectors["province"]).get("/org/audit/").status_code == 200
    assert _client(inspectors["branch_a"]).get("/org/audit/").status_code == 200


def test_the_navigation_links_the_audit_log_for_inspectors_only(org, inspectors):
    assert 'href="/org/audit/"' in _client(inspectors["province"]).get("/").content.decode()
    assert 'href="/org/audit/"' not in _client(org["people"]["head_a"]).get("/").content.decode()


def test_a_branch_inspector_sees_the_rows_of_the_branch_only_and_no_unitless_rows(org, inspectors):
    a = _event(org["units"]["A"], "case.collect", case="A-2026-00001")
    b = _event(org["units"]["B"], "case.collect", case="B-2026-00001")
    with audit_context(source="web", ip="203.0.113.9"):
        failed = audit_auth(None, "login_failed", username="no-such-user")
    assert failed.unit_id is None
    branch = _client(inspectors["branch_a"])
    html = branch.get("/org/audit/").content.decode()
    assert "A-2026-00001" in html and "B-2026-00001" not in html and "no-such-user" not in html
    assert branch.get(f"/org/audit/{b.pk}/").status_code == 404
    assert branch.get(f"/org/audit/{failed.pk}/").status_code == 404
    assert branch.get(f"/org/audit/{a.pk}/").status_code == 200
    province = _client(inspectors["province"]).get("/org/audit/").content.decode()
    assert "A-2026-00001" in province and "B-2026-00001" in province


def test_a_provincial_or_branch_inspector_sees_no_unitless_rows_only_the_national_inspector_does(org, inspectors):
    import openpyxl

    with audit_context(source="web", ip="203.0.113.9"):
        failed = audit_auth(None, "login_failed", username="no-such-user")
    assert failed.unit_id is None
    for who in ("province", "branch_a"):
        client = _client(inspectors[who])
        html = client.get("/org/audit/").content.decode()
        assert "no-such-user" not in html and "203.0.113.9" not in html, who
        assert client.get(f"/org/audit/{failed.pk}/").status_code == 404, who
        response = client.get("/org/audit/export.xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        assert "no-such-user" not in {row[1] for row in sheet.iter_rows(values_only=True)}, who
    # The national unit (a root of level "national" above the provinces) is the one whose inspectors see them.
    national = do_create_unit("TW", "Cục Quản lý THADS", None, "national")
    province = org["units"]["P"]
    province.parent = national
    province.save()
    inspector = do_create_staff("thanhtra_tw", PASSWORD, "Thanh Tra TW", national, Title.INSPECTOR)
    html = _client(inspector).get("/org/audit/").content.decode()
    assert "no-such-user" in html and "203.0.113.9" in html
    assert _client(inspector).get(f"/org/audit/{failed.pk}/").status_code == 200
    # A unit merely labelled "national" below a branch is not the national unit.
    fake = do_create_unit("A9", "Giả", org["units"]["A"], "national")
    impostor = do_create_staff("thanhtra_a9", PASSWORD, "Giả", fake, Title.INSPECTOR)
    assert "no-such-user" not in _client(impostor).get("/org/audit/").content.decode()


def test_the_audit_log_filters_by_user_case_dates_kind_and_action(org, inspectors):
    unit = org["units"]["A"]
    now = timezone.now()
    _event(unit, "case.collect", username="officer_a", case="A-2026-00012", at=now - timedelta(days=10))
    _event(unit, "case.view", username="officer_a", case="A-2026-00013", kind="read", at=now - timedelta(days=3))
    _event(unit, "org.user.create", username="admin_p", at=now - timedelta(days=1))
    c = _client(inspectors["province"])

    def listed(query):
        html = c.get("/org/audit/?" + query).content.decode()
        return {a for a in ("case.collect", "case.view", "org.user.create") if f"<td>{a}</td>" in html}

    assert listed("user=officer_a") == {"case.collect", "case.view"}
    assert listed("case=a-2026-00012") == {"case.collect"}
    assert listed("kind=read") == {"case.view"}
    assert listed("action=user") == {"org.user.create"}
    since = timezone.localdate() - timedelta(days=4)
    assert listed(f"since={since:%d/%m/%Y}") == {"case.view", "org.user.create"}
    assert listed(f"until={since:%Y-%m-%d}") == {"case.collect"}
    bad = c.get("/org/audit/?since=31/02/2026")
    assert bad.status_code == 200 and listed("since=31/02/2026") == set()  # an invalid filter lists nothing


def test_the_audit_log_is_newest_first_fifty_a_page(org, inspectors):
    unit = org["units"]["A"]
    start = timezone.now() - timedelta(hours=2)
    for i in range(120):
        _event(unit, f"act.{i:03d}", at=start + timedelta(seconds=i))
    c = _client(inspectors["province"])
    first = c.get("/org/audit/?action=act.").content.decode()
    assert "<td>act.119</td>" in first and "<td>act.070</td>" in first and "<td>act.069</td>" not in first
    assert first.index("act.119") < first.index("act.118")
    last = c.get("/org/audit/?action=act.&page=3").content.decode()
    assert "<td>act.019</td>" in last and "<td>act.000</td>" in last and "<td>act.020</td>" not in last


def test_showing_an_events_changes_is_itself_recorded_as_a_read(org, inspectors):
    ev = _event(org["units"]["A"], "party.change", case="A-2026-00001", after={"id_number": "046090001234"})
    c = _client(inspectors["province"])
    html = c.get(f"/org/audit/{ev.pk}/").content.decode()
    assert "046090001234" in html
    read = AuditEvent.objects.get(action="audit.event.view")
    assert read.kind == "read" and read.username == "thanhtra_p" and read.object_id == str(ev.pk)
    assert read.case_ext_id == "A-2026-00001" and read.after["fields"] == ["before", "after"]
    # The list page shows no before/after and records nothing.
    count = AuditEvent.objects.count()
    assert "046090001234" not in c.get("/org/audit/").content.decode()
    assert AuditEvent.objects.count() == count


def test_the_changes_of_a_row_are_hidden_from_those_without_the_units_personal_data():
    from types import SimpleNamespace

    from thads.org.audit_views import may_see_changes

    unit = Unit(pk=1, code="X", name="X", path="/1/")
    stat = SimpleNamespace(is_authenticated=True, is_active=True, is_superuser=False, title=Title.STATISTICIAN,
                           unit=unit)
    inspector = SimpleNamespace(**{**vars(stat), "title": Title.INSPECTOR})
    row = AuditEvent(unit=unit)
    assert not may_see_changes(stat, row) and may_see_changes(inspector, row)


def test_the_audit_log_downloads_as_xlsx_with_the_pages_filters_and_records_the_changes_shown(org, inspectors):
    import openpyxl

    _event(org["units"]["A"], "case.collect", case="A-2026-00012", after={"amount": "500000"})
    _event(org["units"]["B"], "case.collect", case="B-2026-00001")
    response = _client(inspectors["branch_a"]).get("/org/audit/export.xlsx?case=A-2026-00012")
    assert response.status_code == 200 and response["X-THADS-Rows"] == "1"
    wb = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(wb.active.iter_rows(values_only=True))
    assert rows[1][5] == "A-2026-00012" and "500000" in rows[1][11]
    read = AuditEvent.objects.get(action="audit.export")
    assert read.username == "thanhtra_a" and read.after["rows"] == 1


# --- thads audit --------------------------------------------------------------------------------------------------


@pytest.fixture
def logged(org):
    unit = org["units"]["A"]
    at = timezone.make_aware(datetime(2026, 3, 5, 9, 15, 30))
    _event(unit, "case.collect", username="officer_a", case="HUE-KV1-2026-00012", at=at, after={"amount": "1"})
    _event(unit, "case.view", username="head_a", case="HUE-KV1-2026-00012", kind="read", at=at + timedelta(days=1))
    _event(unit, "login", username="officer_a", kind="auth", at=at + timedelta(days=2))
    return org


def _audit(*args) -> str:
    out = io.StringIO()
    call_command("audit", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_thads_audit_prints_one_line_per_event_with_local_time_user_kind_object_and_address(logged):
    lines = _audit("--case", "HUE-KV1-2026-00012").splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("05/03/2026 09:15:30  officer_a") and "write" in lines[0]
    assert "case.collect" in lines[0] and "HUE-KV1-2026-00012" in lines[0] and lines[0].endswith("10.0.0.7")
    assert "case.view" in lines[1] and "head_a" in lines[1]
    assert len(_audit("--user", "officer_a").splitlines()) == 2
    assert len(_audit("--kind", "read").splitlines()) == 1
    assert len(_audit("--kind", "auth").splitlines()) == 1
    assert len(_audit("--since", "2026-03-06", "--until", "07/03/2026").splitlines()) == 2


def test_thads_audit_prints_json_with_the_documented_keys(logged):
    from thads.org.management.commands.audit import JSON_KEYS

    rows = json.loads(_audit("--format", "json", "--kind", "write", "--case", "HUE-KV1-2026-00012"))
    assert len(rows) == 1 and tuple(rows[0]) == JSON_KEYS
    assert rows[0]["at"] == "2026-03-05T09:15:30+07:00" and rows[0]["case"] == "HUE-KV1-2026-00012"
    assert rows[0]["after"] == {"amount": "1"} and rows[0]["unit"] == "A" and rows[0]["ip"] == "10.0.0.7"
    read = AuditEvent.objects.get(action="audit.cli")
    assert read.source == "cli:audit" and read.after["rows"] == 1


@pytest.mark.parametrize("args", [["--since", "2026-13-01"], ["--kind", "delete"], ["--format", "csv"],
                                  ["--until", "yesterday"]])
def test_thads_audit_refuses_bad_input_with_status_2(db, args):
    with pytest.raises(CommandError) as err:
        _audit(*args)
    assert err.value.returncode == 2


def test_thads_audit_run_as_a_program_says_one_line_and_exits_2_on_a_bad_date(tmp_path: Path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'none.sqlite3'}", "THADS_VAR_DIR": str(tmp_path)}
    env.setdefault("SECRET_KEY", "x" * 60)
    env.setdefault("DEBUG", "true")
    done = subprocess.run([sys.executable, "-m", "thads.cli", "audit", "--since", "05/13/2026"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "05/13/2026" in done.stderr


@pytest.mark.django_db
def test_the_statistics_rebuild_and_refresh_commands_leave_their_audit_rows():
    from django.core.management import call_command

    from thads.org.models import AuditEvent

    call_command("stats_rebuild")
    call_command("stats_refresh")
    rows = {r.action: r for r in AuditEvent.objects.filter(action__startswith="stats.")}
    assert rows["stats.rebuild"].source == "cli:stats-rebuild" and rows["stats.rebuild"].kind == "write"
    assert rows["stats.refresh"].source == "cli:stats-refresh"


# -- append-only in the database (migration org/0005) -------------------------------------------------------------


def _one_audit_row(org) -> AuditEvent:
    with audit_context(source="test"):
        do_create_unit("HUE-AO", "Phòng THADS khu vực thử", org["units"]["P"], "regional")
    return AuditEvent.objects.filter(action="org.unit.create").latest("pk")


@pytest.mark.django_db(transaction=True)
def test_a_queryset_update_of_the_audit_log_is_refused_by_the_database(org):
    from django.db import IntegrityError, transaction

    row = _one_audit_row(org)
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=row.pk).update(username="someone-else")
    assert AuditEvent.objects.get(pk=row.pk).username == row.username


@pytest.mark.django_db(transaction=True)
def test_a_queryset_delete_of_the_audit_log_is_refused_by_the_database(org):
    from django.db import IntegrityError, transaction

    row = _one_audit_row(org)
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=row.pk).delete()
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AuditEvent.objects.all()._raw_delete("default")
    assert AuditEvent.objects.filter(pk=row.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_flush_still_erases_the_whole_audit_log_with_the_database(org):
    """The test suite's flush between transactional tests, and ``thads flush``, erase everything (TRUNCATE on
    PostgreSQL; on SQLite a DELETE the trigger lets through only for a flush)."""
    from django.db import IntegrityError

    _one_audit_row(org)
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()
    row = audit_auth(None, "login_failed", username="after-the-flush")
    with pytest.raises(IntegrityError, match="append-only"):  # and the lock is back afterwards
        AuditEvent.objects.filter(pk=row.pk).delete()
