"""Issue 13 item 5: every write of the admin is a ``do_*`` action that checks the rules itself (a call that never
went through the admin's forms is refused just the same), writes the row and exactly one audit row."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD
from thads.deadlines.actions import do_delete_calendar_day, do_save_calendar_day
from thads.deadlines.models import CalendarDay
from thads.documents.actions import do_delete_letterhead, do_save_letterhead
from thads.documents.models import Letterhead
from thads.domain.roles import Title
from thads.org.actions import (
    OrgRefused,
    do_change_own_password,
    do_create_staff,
    do_create_unit,
    do_save_officer,
    do_save_staff,
    do_save_unit,
    do_set_password,
)
from thads.org.models import AuditEvent, Officer, Unit, User


@pytest.fixture
def world(org):
    units = dict(org["units"])
    people = dict(org["people"])
    units["A1"] = do_create_unit("A1", "Tổ thi hành án A1", units["A"], "district")
    people["admin_a"] = do_create_staff("admin_a", PASSWORD, "Quản Trị Chi Cục A", units["A"], Title.ADMIN)
    people["officer_a1"] = do_create_staff("officer_a1", PASSWORD, "Võ Văn Tổ", units["A1"], Title.OFFICER)
    people["root"] = User.objects.create_superuser("root", password=PASSWORD)
    return {"units": units, "people": people}


def writes() -> int:
    return AuditEvent.objects.filter(kind="write").count()


def test_units_outside_the_subtree_or_above_it_are_refused_by_the_action(world):
    units, admin_a = world["units"], world["people"]["admin_a"]
    before = writes()
    sibling = Unit.objects.get(pk=units["B"].pk)
    sibling.name = "đổi tên"
    with pytest.raises(OrgRefused):
        do_save_unit(admin_a, sibling)
    own = Unit.objects.get(pk=units["A"].pk)
    own.name = "đổi tên"
    with pytest.raises(OrgRefused):
        do_save_unit(admin_a, own)
    with pytest.raises(OrgRefused):  # a province-level unit: superusers only
        do_save_unit(admin_a, Unit(code="A2", name="Tổ A2", parent=units["A"], level="province"))
    assert writes() == before and not Unit.objects.filter(code="A2").exists()
    assert Unit.objects.get(pk=units["B"].pk).name != "đổi tên"
    with pytest.raises(OrgRefused):  # nothing below a district unit's level
        do_save_unit(admin_a, Unit(code="A2", name="Tổ A2", parent=units["A"], level="district"))
    child = do_save_unit(world["people"]["admin_p"], Unit(code="C", name="Chi cục C", parent=units["P"],
                                                          level="district"))
    [row] = AuditEvent.objects.filter(action="org.unit.add")
    assert row.object_id == str(child.pk) and row.username == "admin_p" and writes() == before + 1


def test_staff_rights_titles_and_ones_own_position_are_checked_by_the_action(world):
    people, units = world["people"], world["units"]
    admin_a, root = people["admin_a"], people["root"]
    before = writes()
    officer = User.objects.get(pk=people["officer_a1"].pk)
    officer.is_superuser = True
    with pytest.raises(OrgRefused):
        do_save_staff(admin_a, officer)
    officer = User.objects.get(pk=people["officer_a1"].pk)
    officer.title = Title.INSPECTOR
    with pytest.raises(OrgRefused):
        do_save_staff(admin_a, officer)
    outside = User.objects.get(pk=people["officer_b"].pk)
    outside.full_name = "đổi tên"
    with pytest.raises(OrgRefused):
        do_save_staff(admin_a, outside)
    me = User.objects.get(pk=root.pk)
    me.title = Title.HEAD
    with pytest.raises(OrgRefused):  # nobody changes their own title, superusers included
        do_save_staff(root, me)
    assert writes() == before
    officer = User.objects.get(pk=people["officer_a1"].pk)
    officer.full_name = "Võ Văn Tổ (A1)"
    do_save_staff(admin_a, officer)
    [row] = AuditEvent.objects.filter(action="org.user.change")
    assert row.before["full_name"] == "Võ Văn Tổ" and row.after["full_name"] == "Võ Văn Tổ (A1)"
    assert "password" not in row.after and row.after["groups"] == [] and writes() == before + 1
    assert units["A1"].pk == officer.unit_id


def test_officers_are_tied_only_to_logins_of_the_subtree(world):
    people, units = world["people"], world["units"]
    before = writes()
    with pytest.raises(OrgRefused):
        do_save_officer(people["admin_a"], Officer(code="X1", name="X", unit=units["A1"], user=people["officer_b"]))
    with pytest.raises(OrgRefused):
        do_save_officer(people["admin_a"], Officer(code="X2", name="X", unit=units["B"]))
    assert writes() == before
    clerk = do_create_staff("clerk_a1", PASSWORD, "Thư Ký A1", units["A1"], Title.CLERK)
    before = writes()
    do_save_officer(people["admin_a"], Officer(code="X3", name="X", unit=units["A1"], user=clerk))
    assert AuditEvent.objects.filter(action="org.officer.add").count() == 1 and writes() == before + 1


def test_passwords_set_by_the_action_are_audited_without_the_hash(world):
    people = world["people"]
    before = writes()
    with pytest.raises(OrgRefused):  # a head's password is for superusers
        do_set_password(people["admin_a"], people["head_a"], "Moi-Mat-Khau-99")
    with pytest.raises(OrgRefused):  # one's own: the password page
        do_set_password(people["admin_a"], people["admin_a"], "Moi-Mat-Khau-99")
    assert writes() == before
    target = do_set_password(people["admin_a"], people["officer_a1"], "Moi-Mat-Khau-99")
    assert User.objects.get(pk=target.pk).check_password("Moi-Mat-Khau-99")
    do_change_own_password(people["officer_a"], "Moi-Mat-Khau-98")
    rows = list(AuditEvent.objects.filter(action="org.user.password").order_by("pk"))
    assert [r.username for r in rows] == ["admin_a", "officer_a"] and writes() == before + 2
    assert all("pbkdf2" not in str(r.after) and "md5" not in str(r.after) for r in rows)


def test_national_calendar_rows_and_other_units_letterheads_are_refused_by_the_action(world):
    people, units = world["people"], world["units"]
    before = writes()
    with pytest.raises(OrgRefused):
        do_save_calendar_day(people["admin_a"], CalendarDay(day=date(2026, 9, 2), kind="holiday", source="x"))
    with pytest.raises(OrgRefused):
        do_save_letterhead(people["admin_a"], Letterhead(unit=units["B"], place="Huế"))
    assert writes() == before
    day = do_save_calendar_day(people["root"], CalendarDay(day=date(2026, 9, 2), kind="holiday", source="x"))
    closure = do_save_calendar_day(people["admin_a"], CalendarDay(day=date(2026, 9, 3), kind="unit_closure",
                                                                  unit=units["A1"], source="y"))
    with pytest.raises(OrgRefused):
        do_delete_calendar_day(people["admin_a"], day)
    do_delete_calendar_day(people["admin_a"], closure)
    letterhead = do_save_letterhead(people["admin_a"], Letterhead(unit=units["A1"], place="Huế"))
    do_delete_letterhead(people["admin_a"], letterhead)
    actions = list(AuditEvent.objects.filter(kind="write").order_by("pk").values_list("action", flat=True))[before:]
    assert actions == ["deadlines.calendarday.add", "deadlines.calendarday.add", "deadlines.calendarday.delete",
                       "documents.letterhead.add", "documents.letterhead.delete"]
    assert CalendarDay.objects.filter(pk=day.pk).exists() and not Letterhead.objects.exists()


def test_an_admin_save_writes_exactly_one_audit_row(client, world):
    client.force_login(world["people"]["root"])
    unit = world["units"]["A1"]
    before = writes()
    response = client.post(reverse("admin:org_unit_change", args=[unit.pk]), {
        "code": "A1", "name": "Tổ A1 mới", "parent": world["units"]["A"].pk, "level": "district",
        "valid_from": "", "valid_to": "", "go_live": "", "_save": "Save"})
    assert response.status_code == 302, response.content.decode()[:2000]
    [row] = AuditEvent.objects.filter(kind="write").order_by("pk")[before:]
    assert row.action == "org.unit.change" and row.after["name"] == "Tổ A1 mới"


def test_an_administrator_cannot_demote_a_head_to_reset_his_password_and_take_over_the_account(world):
    """Demote (officer passwords are not protected), set the password, promote back: the first step is refused."""
    people, units = world["people"], world["units"]
    admin_a = people["admin_a"]
    head = do_create_staff("head_a1", PASSWORD, "Trưởng Tổ A1", units["A1"], Title.HEAD)
    before = writes()
    demoted = User.objects.get(pk=head.pk)
    demoted.title = Title.OFFICER
    with pytest.raises(OrgRefused):
        do_save_staff(admin_a, demoted)
    assert User.objects.get(pk=head.pk).title == Title.HEAD and writes() == before
    with pytest.raises(OrgRefused):
        do_set_password(admin_a, User.objects.get(pk=head.pk), "another-Passw0rd!")
    assert User.objects.get(pk=head.pk).check_password(PASSWORD)
    demoted = User.objects.get(pk=head.pk)
    demoted.title = Title.OFFICER
    do_save_staff(people["root"], demoted)  # the superuser may
    assert User.objects.get(pk=head.pk).title == Title.OFFICER
