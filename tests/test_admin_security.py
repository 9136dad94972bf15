"""Issue 12, hole 1: the Django admin gives a unit administrator no more than their subtree, and every admin write
is audited.

Every test goes through the admin with the test client, the way an attacker would: GET the form and look at what
is offered, POST a crafted form and check that nothing changed. The persona under test is ``admin_a``, the
administrator of branch A (``do_create_staff`` with the title ``admin``: staff flag and the group "Quản trị hệ
thống"), with a sub-unit A1 below A; P above A, its sibling B and another province Q are outside A's subtree.
"""

from __future__ import annotations

from datetime import date

import pytest
from django import forms
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from tests.conftest import PASSWORD
from thads.domain.roles import Title
from thads.org.actions import ADMIN_GROUP, do_create_staff, do_create_unit
from thads.org.models import AuditEvent, Officer, Unit, User


@pytest.fixture
def world(org):
    """The shared personas plus a branch administrator, a sub-unit of A and another province."""
    units = dict(org["units"])
    people = dict(org["people"])
    units["A1"] = do_create_unit("A1", "Tổ thi hành án A1", units["A"], "district")
    units["Q"] = do_create_unit("Q", "Cục THADS tỉnh Q", None, "province")
    people["admin_a"] = do_create_staff("admin_a", PASSWORD, "Quản Trị Chi Cục A", units["A"], Title.ADMIN)
    people["officer_a1"] = do_create_staff("officer_a1", PASSWORD, "Võ Văn Tổ", units["A1"], Title.OFFICER)
    people["officer_q"] = do_create_staff("officer_q", PASSWORD, "Đặng Văn Quý", units["Q"], Title.OFFICER)
    people["root"] = User.objects.create_superuser("root", password=PASSWORD)
    return {"units": units, "people": people}


@pytest.fixture
def admin_a(client, world):
    client.force_login(world["people"]["admin_a"])
    return client


def grant(user, *codenames: str) -> None:
    """Give ``user`` model permissions beyond the administrators' group (e.g. letterheads, calendar rows)."""
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(codename=codename))


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def add_url(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")


def form_data(response) -> dict:
    """What the browser would post back from an admin form page, unchanged."""
    form = response.context["adminform"].form
    data: dict = {"_save": "Save"}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form[name].value()
        if value is None:
            continue
        if isinstance(field, forms.SplitDateTimeField):
            if value:
                data[f"{name}_0"], data[f"{name}_1"] = value.date().isoformat(), value.time().strftime("%H:%M:%S")
        elif isinstance(field, forms.ModelMultipleChoiceField):
            data[name] = [str(getattr(v, "pk", v)) for v in value]
        elif isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
        else:
            data[name] = value
    return data


def inputs_of(response) -> set[str]:
    """The names of the editable fields of an admin form page."""
    form = response.context["adminform"].form
    return {name for name, field in form.fields.items() if not field.disabled}


def writes(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(kind="write", action=action).order_by("id"))


# --------------------------------------------------------------------------------------------- staff: rights


def test_an_administrator_cannot_grant_himself_superuser(admin_a, world):
    me = world["people"]["admin_a"]
    page = admin_a.get(change_url(me))
    assert page.status_code == 200
    data = form_data(page)
    everything = Permission.objects.values_list("pk", flat=True)
    data.update({"is_superuser": "on", "is_staff": "on", "groups": [str(g.pk) for g in Group.objects.all()],
                 "user_permissions": [str(p) for p in everything]})
    before_groups = set(me.groups.values_list("name", flat=True))
    response = admin_a.post(change_url(me), data)
    assert response.status_code == 302  # saved what the form carries, nothing else
    me.refresh_from_db()
    assert not me.is_superuser and not me.user_permissions.exists()
    assert set(me.groups.values_list("name", flat=True)) == before_groups == {ADMIN_GROUP}


def test_an_administrator_cannot_grant_superuser_or_permissions_to_a_user_of_his_subtree(admin_a, world):
    officer = world["people"]["officer_a1"]
    data = form_data(admin_a.get(change_url(officer)))
    data.update({"is_superuser": "on", "is_staff": "on", "groups": [str(Group.objects.get(name=ADMIN_GROUP).pk)],
                 "user_permissions": [str(Permission.objects.get(codename="change_user").pk)]})
    assert admin_a.post(change_url(officer), data).status_code == 302
    officer.refresh_from_db()
    assert not officer.is_superuser and not officer.is_staff
    assert not officer.groups.exists() and not officer.user_permissions.exists()


def test_the_permission_fields_are_not_offered_to_an_administrator_but_are_to_a_superuser(client, admin_a, world):
    people = world["people"]
    for target in (people["admin_a"], people["officer_a1"]):
        page = admin_a.get(change_url(target))
        html = page.content.decode()
        for name in ("is_superuser", "is_staff", "groups", "user_permissions"):
            assert name not in inputs_of(page) and f'name="{name}"' not in html, (target, name)
    client.force_login(people["root"])
    page = client.get(change_url(people["officer_a1"]))
    assert {"is_superuser", "is_staff", "groups", "user_permissions"} <= inputs_of(page)


def test_nobody_changes_their_own_title_or_unit(client, admin_a, world):
    units, me = world["units"], world["people"]["admin_a"]
    page = admin_a.get(change_url(me))
    assert "title" not in inputs_of(page) and "unit" not in inputs_of(page)
    data = form_data(page)
    data.update({"title": Title.HEAD, "unit": str(units["A1"].pk), "full_name": "Tên mới"})
    assert admin_a.post(change_url(me), data).status_code == 302
    me.refresh_from_db()
    assert (me.title, me.unit_id, me.full_name) == (Title.ADMIN, units["A"].pk, "Tên mới")

    root = world["people"]["root"]  # superusers too: a change of position is made by someone else
    client.force_login(root)
    page = client.get(change_url(root))
    assert "title" not in inputs_of(page) and "unit" not in inputs_of(page)
    data = form_data(page)
    data.update({"title": Title.HEAD, "unit": str(units["P"].pk)})
    assert client.post(change_url(root), data).status_code == 302
    root.refresh_from_db()
    assert root.title == "" and root.unit_id is None


def test_the_add_form_cannot_create_a_superuser(admin_a, world):
    response = admin_a.post(add_url(User), {
        "username": "moi", "usable_password": "true", "password1": PASSWORD, "password2": PASSWORD,
        "full_name": "Người Mới", "unit": str(world["units"]["A1"].pk), "title": Title.OFFICER,
        "is_superuser": "on", "is_staff": "on", "groups": [str(Group.objects.get(name=ADMIN_GROUP).pk)],
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    created = User.objects.get(username="moi")
    assert not created.is_superuser and not created.is_staff and not created.groups.exists()
    assert created.unit == world["units"]["A1"]


# --------------------------------------------------------------------------------------------- staff: scope


def test_an_administrator_lists_and_opens_only_the_users_of_his_subtree(admin_a, world):
    people = world["people"]
    listing = admin_a.get(reverse("admin:org_user_changelist"))
    shown = {u.username for u in listing.context["cl"].result_list}
    assert shown == {"admin_a", "officer_a", "head_a", "officer_a1"}
    for outsider in ("officer_b", "statistician_p", "admin_p", "officer_q", "root"):
        target = people[outsider]
        assert admin_a.get(change_url(target)).status_code == 302  # "does not exist": back to the admin index
        data = {"username": "hacked", "full_name": "x", "is_active": "on", "_save": "Save"}
        assert admin_a.post(change_url(target), data).status_code == 302
        target.refresh_from_db()
        assert target.username == outsider


def test_an_administrator_cannot_move_or_add_a_user_outside_his_subtree(admin_a, world):
    units, officer = world["units"], world["people"]["officer_a1"]
    for unit in ("B", "P", "Q"):
        data = form_data(admin_a.get(change_url(officer)))
        data["unit"] = str(units[unit].pk)
        response = admin_a.post(change_url(officer), data)
        assert response.status_code == 200 and "unit" in response.context["adminform"].form.errors
        officer.refresh_from_db()
        assert officer.unit == units["A1"]
    base = {"username": "ngoai", "usable_password": "true", "password1": PASSWORD, "password2": PASSWORD,
            "full_name": "Người Ngoài", "title": Title.OFFICER}
    for unit in (str(units["B"].pk), ""):  # another branch, or no unit at all (outside every scope)
        response = admin_a.post(add_url(User), {**base, "unit": unit})
        assert response.status_code == 200 and "unit" in response.context["adminform"].form.errors
    assert not User.objects.filter(username="ngoai").exists()
    offered = admin_a.get(add_url(User)).context["adminform"].form.fields["unit"].queryset
    assert set(offered.values_list("code", flat=True)) == {"A", "A1"}


def test_a_superuser_account_is_out_of_an_administrators_reach_even_inside_his_subtree(admin_a, world):
    boss = User.objects.create_superuser("boss", password=PASSWORD, unit=world["units"]["A1"])
    assert admin_a.get(change_url(boss)).status_code == 302
    assert admin_a.get(f"/admin/org/user/{boss.pk}/password/").status_code == 404
    response = admin_a.post(f"/admin/org/user/{boss.pk}/password/",
                            {"password1": "Moi-Mat-Khau-99", "password2": "Moi-Mat-Khau-99", "set_usable_password": "true"})
    assert response.status_code == 404
    boss.refresh_from_db()
    assert boss.check_password(PASSWORD)


def test_the_password_page_respects_the_scope_and_a_change_is_audited(admin_a, world):
    outsider, insider = world["people"]["officer_b"], world["people"]["officer_a1"]
    new = {"password1": "Moi-Mat-Khau-99", "password2": "Moi-Mat-Khau-99", "usable_password": "true"}
    assert admin_a.get(f"/admin/org/user/{outsider.pk}/password/").status_code == 404
    assert admin_a.post(f"/admin/org/user/{outsider.pk}/password/", new).status_code == 404
    outsider.refresh_from_db()
    assert outsider.check_password(PASSWORD)

    assert admin_a.get(f"/admin/org/user/{insider.pk}/password/").status_code == 200
    response = admin_a.post(f"/admin/org/user/{insider.pk}/password/", new)
    assert response.status_code == 302, response.content.decode()[:3000]
    insider.refresh_from_db()
    assert insider.check_password("Moi-Mat-Khau-99")
    [row] = writes("org.user.password")
    assert row.username == "admin_a" and row.object_id == str(insider.pk)
    assert "Moi-Mat-Khau" not in str(row.after) and "md5" not in str(row.after)


# --------------------------------------------------------------------------------------------- officers


def test_an_administrator_cannot_attach_an_officer_record_to_a_login_outside_his_subtree(admin_a, world):
    people, units = world["people"], world["units"]
    record = Officer.objects.get(user=people["officer_a1"])
    data = form_data(admin_a.get(change_url(record)))
    for outsider in ("officer_q", "statistician_p", "root"):
        response = admin_a.post(change_url(record), {**data, "user": str(people[outsider].pk)})
        assert response.status_code == 200 and "user" in response.context["adminform"].form.errors
    response = admin_a.post(add_url(Officer), {"code": "X-1", "name": "Ngoài", "unit": str(units["A1"].pk),
                                               "user": str(people["officer_q"].pk)})
    assert response.status_code == 200 and "user" in response.context["adminform"].form.errors
    response = admin_a.post(add_url(Officer), {"code": "X-2", "name": "Ngoài", "unit": str(units["B"].pk)})
    assert response.status_code == 200 and "unit" in response.context["adminform"].form.errors
    assert not Officer.objects.filter(code__startswith="X-").exists()
    record.refresh_from_db()
    assert record.user == people["officer_a1"]


def test_an_administrator_cannot_attach_his_user_to_an_officer_record_outside_his_subtree(admin_a, world):
    people = world["people"]
    foreign = Officer.objects.get(user=people["officer_b"])  # branch B's record
    assert admin_a.get(change_url(foreign)).status_code == 302
    response = admin_a.post(change_url(foreign), {"code": foreign.code, "name": foreign.name,
                                                  "unit": str(foreign.unit_id), "user": str(people["officer_a"].pk)})
    assert response.status_code == 302
    foreign.refresh_from_db()
    assert foreign.user == people["officer_b"]


# --------------------------------------------------------------------------------------------- units


def test_an_administrator_cannot_detach_a_unit_from_its_parent(admin_a, world):
    units = world["units"]
    a1 = units["A1"]
    page = admin_a.get(change_url(a1))
    assert page.context["adminform"].form.fields["parent"].required
    data = form_data(page)
    for parent in ("", str(units["B"].pk), str(units["P"].pk), str(units["Q"].pk)):
        response = admin_a.post(change_url(a1), {**data, "parent": parent})
        assert response.status_code == 200 and "parent" in response.context["adminform"].form.errors, parent
    a1.refresh_from_db()
    assert a1.parent == units["A"] and a1.path == units["A"].path + f"{a1.pk}/"


def test_an_administrators_own_unit_and_the_units_above_are_read_only(admin_a, world):
    units = world["units"]
    own = admin_a.get(change_url(units["A"]))
    assert own.status_code == 200 and not inputs_of(own)  # shown, not editable
    response = admin_a.post(change_url(units["A"]), {"code": "A", "name": "Đổi tên", "level": "district",
                                                     "parent": ""})
    assert response.status_code == 403
    assert admin_a.get(change_url(units["P"])).status_code == 302
    assert admin_a.post(change_url(units["P"]), {"code": "P", "name": "x", "level": "province"}).status_code == 302
    for code in ("A", "P"):
        unit = Unit.objects.get(code=code)
        assert unit.parent_id == (units["P"].pk if code == "A" else None) and unit.name != "Đổi tên"


def test_an_administrator_cannot_create_a_root_unit_but_adds_units_below_his_own(admin_a, world):
    units = world["units"]
    response = admin_a.post(add_url(Unit), {"code": "R", "name": "Gốc mới", "level": "province", "parent": ""})
    assert response.status_code == 200 and "parent" in response.context["adminform"].form.errors
    response = admin_a.post(add_url(Unit), {"code": "R", "name": "Sai chỗ", "level": "district",
                                            "parent": str(units["B"].pk)})
    assert response.status_code == 200 and not Unit.objects.filter(code="R").exists()
    # A branch is the lowest level: its administrator has no level to give a unit below it.
    response = admin_a.post(add_url(Unit), {"code": "A2", "name": "Tổ A2", "level": "district",
                                            "parent": str(units["A"].pk)})
    assert response.status_code == 200 and "level" in response.context["adminform"].form.errors
    assert not Unit.objects.filter(code="A2").exists()


def test_a_provincial_administrator_adds_branches_below_his_province(client, world):
    units = world["units"]
    client.force_login(world["people"]["admin_p"])
    offered = client.get(add_url(Unit)).context["adminform"].form.fields["level"].widget.choices
    assert {value for value, _label in offered if value} == {"district", "regional"}
    response = client.post(add_url(Unit), {"code": "C", "name": "Chi cục C", "level": "regional",
                                           "parent": str(units["P"].pk)})
    assert response.status_code == 302
    c = Unit.objects.get(code="C")
    assert c.parent == units["P"] and c.level == "regional"
    [row] = writes("org.unit.add")
    assert row.username == "admin_p" and row.after["level"] == "regional"


# --------------------------------------------------------------------------------------------- levels and titles


def _unit_rows() -> tuple:
    return tuple(Unit.objects.order_by("pk").values_list("pk", "code", "level", "parent_id"))


def test_an_administrator_cannot_give_a_unit_a_provincial_or_national_level(client, admin_a, world):
    """The exploit: admin of branch A adds A2 "province" under A, then staffs it with a statistician (the rebuild
    of every province) and an inspector (the whole country's unit-less audit rows). Refused, nothing written."""
    units = world["units"]
    assert not {v for v, _label in admin_a.get(add_url(Unit)).context["adminform"].form.fields["level"].widget.choices
                if v}
    before, audit = _unit_rows(), AuditEvent.objects.filter(kind="write").count()
    for level in ("province", "national", "district", "regional"):
        response = admin_a.post(add_url(Unit), {"code": "A2", "name": "Tổ A2", "level": level,
                                                "parent": str(units["A"].pk)})
        assert response.status_code == 200 and "level" in response.context["adminform"].form.errors, level
    # An existing unit of his subtree cannot be raised either (its stored level stays offered, nothing higher).
    page = admin_a.get(change_url(units["A1"]))
    assert {v for v, _label in page.context["adminform"].form.fields["level"].widget.choices if v} == {"district"}
    for level in ("province", "national"):
        response = admin_a.post(change_url(units["A1"]), {**form_data(page), "level": level})
        assert response.status_code == 200 and "level" in response.context["adminform"].form.errors, level
    # The same for the administrator of a province: provinces and the national unit are the superuser's.
    client.force_login(world["people"]["admin_p"])
    for level in ("province", "national"):
        response = client.post(add_url(Unit), {"code": "P2", "name": "Tỉnh giả", "level": level,
                                               "parent": str(units["P"].pk)})
        form = response.context["adminform"].form
        assert response.status_code == 200 and "level" in form.errors, level
    page = client.get(change_url(units["A"]))
    response = client.post(change_url(units["A"]), {**form_data(page), "level": "province"})
    errors = response.context["adminform"].form.errors["level"]
    assert any("cấp tỉnh và cấp trung ương" in e for e in errors), errors
    assert _unit_rows() == before and AuditEvent.objects.filter(kind="write").count() == audit
    # Editing a unit without raising it still works (its stored level is not re-judged).
    page = admin_a.get(change_url(units["A1"]))
    assert admin_a.post(change_url(units["A1"]), {**form_data(page), "name": "Tổ A1 mới"}).status_code == 302
    assert Unit.objects.get(code="A1").name == "Tổ A1 mới"


def test_a_superuser_still_creates_provinces_and_national_units(client, world):
    client.force_login(world["people"]["root"])
    response = client.post(add_url(Unit), {"code": "TW", "name": "Cục Quản lý THADS", "level": "national",
                                           "parent": ""})
    assert response.status_code == 302 and Unit.objects.get(code="TW").level == "national"


def _new_user(**extra) -> dict:
    return {"username": "moi", "usable_password": "true", "password1": PASSWORD, "password2": PASSWORD,
            "full_name": "Người Mới", **extra}


def test_an_administrator_cannot_appoint_an_inspector(admin_a, world):
    units, officer = world["units"], world["people"]["officer_a1"]
    offered = admin_a.get(add_url(User)).context["adminform"].form.fields["title"].widget.choices
    assert Title.INSPECTOR not in {v for v, _label in offered}
    response = admin_a.post(add_url(User), _new_user(unit=str(units["A1"].pk), title=Title.INSPECTOR))
    assert response.status_code == 200 and "title" in response.context["adminform"].form.errors
    assert not User.objects.filter(username="moi").exists()
    data = form_data(admin_a.get(change_url(officer)))
    response = admin_a.post(change_url(officer), {**data, "title": Title.INSPECTOR})
    errors = response.context["adminform"].form.errors["title"]
    assert response.status_code == 200 and any("Thanh tra viên" in e for e in errors), errors
    officer.refresh_from_db()
    assert officer.title == Title.OFFICER
    assert not writes("org.user.add") and not writes("org.user.change")


def test_an_administrator_gives_the_admin_title_only_below_his_own_unit(admin_a, world):
    units, people = world["units"], world["people"]
    response = admin_a.post(add_url(User), _new_user(unit=str(units["A"].pk), title=Title.ADMIN))
    assert response.status_code == 200 and "title" in response.context["adminform"].form.errors
    assert not User.objects.filter(username="moi").exists()
    officer_a = people["officer_a"]  # a colleague of his own unit
    response = admin_a.post(change_url(officer_a), {**form_data(admin_a.get(change_url(officer_a))),
                                                    "title": Title.ADMIN})
    assert response.status_code == 200 and "title" in response.context["adminform"].form.errors
    officer_a.refresh_from_db()
    assert officer_a.title == Title.OFFICER
    # Below his unit it is his job: A1 gets an administrator.
    officer_a1 = people["officer_a1"]
    data = form_data(admin_a.get(change_url(officer_a1)))
    assert admin_a.post(change_url(officer_a1), {**data, "title": Title.ADMIN}).status_code == 302
    officer_a1.refresh_from_db()
    assert officer_a1.title == Title.ADMIN
    [row] = writes("org.user.change")
    assert row.before["title"] == Title.OFFICER and row.after["title"] == Title.ADMIN
    # ... but that administrator is not then moved up into his own unit.
    data = form_data(admin_a.get(change_url(officer_a1)))
    response = admin_a.post(change_url(officer_a1), {**data, "unit": str(units["A"].pk)})
    assert response.status_code == 200 and "unit" in response.context["adminform"].form.errors
    officer_a1.refresh_from_db()
    assert officer_a1.unit == units["A1"]


def test_an_administrator_creates_heads_of_his_subtree_but_only_a_superuser_resets_their_passwords(client, world):
    units, people = world["units"], world["people"]
    client.force_login(people["admin_p"])
    response = client.post(add_url(User), _new_user(unit=str(units["A"].pk), title=Title.HEAD))
    assert response.status_code == 302, response.content.decode()[:2000]
    head = User.objects.get(username="moi")
    assert head.title == Title.HEAD and writes("org.user.add")
    new = {"password1": "Moi-Mat-Khau-99", "password2": "Moi-Mat-Khau-99", "usable_password": "true"}
    for target in (head, people["head_a"], people["admin_p"]):
        url = f"/admin/org/user/{target.pk}/password/"
        for response in (client.get(url, follow=True), client.post(url, new, follow=True)):
            assert response.status_code == 200
            shown = [str(m) for m in response.context["messages"]]
            expected = "Đổi mật khẩu" if target == people["admin_p"] else "chỉ do quản trị cấp cao nhất"
            assert any(expected in m for m in shown), (target.username, shown)
        target.refresh_from_db()
        assert target.check_password(PASSWORD), target.username
    assert not writes("org.user.password")
    # A superuser resets them.
    client.force_login(people["root"])
    assert client.post(f"/admin/org/user/{head.pk}/password/", new).status_code == 302
    head.refresh_from_db()
    assert head.check_password("Moi-Mat-Khau-99") and len(writes("org.user.password")) == 1


# --------------------------------------------------------------------------------------------- letterheads, calendar


def test_an_administrator_edits_only_the_letterheads_of_his_subtree(admin_a, world):
    from thads.documents.models import Letterhead

    units, me = world["units"], world["people"]["admin_a"]
    grant(me, "add_letterhead", "change_letterhead", "view_letterhead")
    theirs = Letterhead.objects.create(unit=units["B"], place="Phú Vang", symbol="PTHADS")
    ours = Letterhead.objects.create(unit=units["A1"], place="Huế", symbol="THADS")
    assert admin_a.get(change_url(theirs)).status_code == 302
    assert admin_a.post(change_url(theirs), {"unit": str(units["B"].pk), "place": "Bị sửa",
                                             "symbol": "X"}).status_code == 302
    theirs.refresh_from_db()
    assert theirs.place == "Phú Vang"
    response = admin_a.post(add_url(Letterhead), {"unit": str(units["Q"].pk), "place": "Q", "symbol": "Q"})
    assert response.status_code == 200 and "unit" in response.context["adminform"].form.errors
    assert admin_a.post(change_url(ours), {"unit": str(units["A1"].pk), "place": "Hương Thủy",
                                           "symbol": "THADS"}).status_code == 302
    ours.refresh_from_db()
    assert ours.place == "Hương Thủy"
    [row] = writes("documents.letterhead.change")
    assert row.before["place"] == "Huế" and row.after["place"] == "Hương Thủy"


def test_calendar_rows_of_other_units_and_national_rows_are_not_an_administrators_to_edit(client, admin_a, world):
    from thads.deadlines.models import CalendarDay

    units, me = world["units"], world["people"]["admin_a"]
    grant(me, "add_calendarday", "change_calendarday", "view_calendarday", "delete_calendarday")
    national = CalendarDay.objects.create(day=date(2026, 9, 3), kind="holiday", source="Quyết định của Thủ tướng")
    theirs = CalendarDay.objects.create(day=date(2026, 9, 4), kind="unit_closure", unit=units["B"], source="B")
    ours = CalendarDay.objects.create(day=date(2026, 9, 5), kind="unit_closure", unit=units["A1"], source="A1")

    page = admin_a.get(change_url(national))
    assert page.status_code == 200 and not inputs_of(page)  # national holidays are shown, read-only
    edit = {"day": "2026-09-10", "kind": "holiday", "unit": "", "source": "sửa"}
    assert admin_a.post(change_url(national), edit).status_code == 403
    assert admin_a.post(reverse("admin:deadlines_calendarday_delete", args=[national.pk]),
                        {"post": "yes"}).status_code == 403
    assert admin_a.get(change_url(theirs)).status_code == 302
    assert admin_a.post(change_url(theirs), {**edit, "unit": str(units["B"].pk)}).status_code == 302
    for unit in ("", str(units["B"].pk)):
        response = admin_a.post(add_url(CalendarDay), {"day": "2026-09-11", "kind": "holiday", "unit": unit,
                                                       "source": "tự đặt"})
        assert response.status_code == 200 and "unit" in response.context["adminform"].form.errors
    national.refresh_from_db()
    theirs.refresh_from_db()
    assert (national.day, national.source) == (date(2026, 9, 3), "Quyết định của Thủ tướng")
    assert (theirs.day, theirs.source) == (date(2026, 9, 4), "B")
    assert not CalendarDay.objects.filter(day=date(2026, 9, 11)).exists()

    response = admin_a.post(change_url(ours), {"day": "2026-09-07", "kind": "unit_closure",
                                               "unit": str(units["A1"].pk), "source": "A1 dời"})
    assert response.status_code == 302
    [row] = writes("deadlines.calendarday.change")
    assert row.before["day"] == "2026-09-05" and row.after["day"] == "2026-09-07" and row.unit == units["A1"]

    client.force_login(world["people"]["root"])  # a superuser manages the national rows
    assert client.post(change_url(national), {**edit, "day": "2026-09-03"}).status_code == 302
    national.refresh_from_db()
    assert national.source == "sửa" and writes("deadlines.calendarday.change")[-1].username == "root"


# --------------------------------------------------------------------------------------------- template preview


@pytest.fixture
def case_with_personal_data(world, tmp_path, settings):
    from thads.cases.actions import ObligationData, PartyData, do_act, do_receive
    from thads.documents.actions import do_upload_template

    settings.MEDIA_ROOT = tmp_path / "media"
    people, units = world["people"], world["units"]
    case = do_receive(people["head_a"], units["A"], on=date(2026, 1, 5), initiation="theo_don",
                      judgment_kind="dan_su", court="Tòa án nhân dân huyện A", judgment_number="45/2025/DS-ST",
                      judgment_date=date(2025, 12, 1),
                      debtors=[PartyData("Lê Văn Đức", "046090001234", "Thôn Phú Thuận, xã Phú Vang")],
                      creditors=[PartyData("Nguyễn Thị Mai", "", "Phường Vĩnh Ninh")],
                      obligations=[ObligationData("tra_no", "person", 2_005_000)])
    case = do_act(people["head_a"], case.pk, "decide", date(2026, 1, 7), decision_no="12/QĐ-CCTHADS",
                  officer=people["officer_a"].officer)
    template = do_upload_template(people["root"], "decide_on_request", _docx(
        "{% for p in debtors %}{{ p.name }} | {{ p.id_number }} | {{ p.address }}{% endfor %}"))
    return case, template


def _docx(*paragraphs: str) -> bytes:
    import io

    from docx import Document as Docx

    doc = Docx()
    for text in paragraphs:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _text(data: bytes) -> str:
    import io

    from docx import Document as Docx

    return "\n".join(p.text for p in Docx(io.BytesIO(data)).paragraphs)


def test_a_template_preview_on_a_case_shows_id_numbers_and_addresses_only_with_the_personal_data_right(
        client, world, case_with_personal_data):
    case, template = case_with_personal_data
    people = world["people"]
    url = reverse("admin:documents_documenttemplate_preview", args=[template.pk])

    # The provincial administrator may preview (given the template rights) but has no personal-data right.
    grant(people["admin_p"], "view_documenttemplate", "change_documenttemplate")
    client.force_login(people["admin_p"])
    response = client.get(url, {"case": case.pk})
    assert response.status_code == 200
    text = _text(response.content)
    assert "Lê Văn Đức" in text and "046090001234" not in text and "Phú Thuận" not in text
    assert not AuditEvent.objects.filter(kind="read").exists()

    # A case outside the user's subtree is a 404, whatever the rights.
    grant(people["admin_a"], "view_documenttemplate")
    client.force_login(people["admin_a"])
    other = case.__class__.objects.filter(pk=case.pk)
    other.update(unit=world["units"]["B"])
    assert client.get(url, {"case": case.pk}).status_code == 404
    other.update(unit=world["units"]["A"])

    # A superuser sees them, and the read is logged in the same request.
    client.force_login(people["root"])
    response = client.get(url, {"case": case.pk})
    text = _text(response.content)
    assert "046090001234" in text and "Thôn Phú Thuận, xã Phú Vang" in text
    [read] = AuditEvent.objects.filter(kind="read")
    assert read.action == "document.template.preview" and read.case_ext_id == case.ext_id
    assert read.username == "root" and read.after["fields"] == ["id_number", "address"]
    assert read.request_id == response["X-Request-ID"]


# --------------------------------------------------------------------------------------------- audit of admin writes


def test_every_admin_add_and_change_writes_an_audit_row_with_before_and_after(client, world, tmp_path, settings):
    from thads.deadlines.models import CalendarDay
    from thads.documents.models import DocumentTemplate, Letterhead
    from thads.documents.render import default_template_path

    settings.MEDIA_ROOT = tmp_path / "media"
    units, people = world["units"], world["people"]
    client.force_login(people["root"])

    assert client.post(add_url(Unit), {"code": "A9", "name": "Tổ A9", "level": "district",
                                       "parent": str(units["A"].pk)}).status_code == 302
    a9 = Unit.objects.get(code="A9")
    data = form_data(client.get(change_url(a9)))
    assert client.post(change_url(a9), {**data, "name": "Tổ A9 mới"}).status_code == 302

    officer = people["officer_a1"]
    data = form_data(client.get(change_url(officer)))
    group = Group.objects.get(name=ADMIN_GROUP)
    assert client.post(change_url(officer), {**data, "groups": [str(group.pk)]}).status_code == 302
    assert client.post(add_url(User), {"username": "moi", "usable_password": "true", "password1": PASSWORD,
                                       "password2": PASSWORD, "full_name": "Người Mới", "unit": str(a9.pk),
                                       "title": Title.CLERK}).status_code == 302

    record = Officer.objects.get(user=officer)
    data = form_data(client.get(change_url(record)))
    assert client.post(change_url(record), {**data, "name": "Võ Văn Tổ (A1)"}).status_code == 302
    assert client.post(add_url(Officer), {"code": "A9-1", "name": "Mới", "unit": str(a9.pk)}).status_code == 302
    assert client.post(add_url(Letterhead), {"unit": str(a9.pk), "place": "Huế", "symbol": "THADS"}).status_code == 302
    assert client.post(add_url(CalendarDay), {"day": "2026-09-11", "kind": "unit_closure", "unit": str(a9.pk),
                                              "source": "đóng cửa"}).status_code == 302
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("postpone.docx", default_template_path("postpone").read_bytes())
    assert client.post(add_url(DocumentTemplate), {"kind": "postpone", "note": "v2", "active": "on",
                                                   "file": upload}).status_code == 302
    version = DocumentTemplate.objects.get(kind="postpone", version=2)
    assert client.post(change_url(version), {"note": "v2 sửa", "active": "on"}).status_code == 302

    rows = {r.action: r for r in AuditEvent.objects.filter(kind="write", username="root")}
    assert {"org.unit.add", "org.unit.change", "org.user.change", "org.user.add", "org.officer.change",
            "org.officer.add", "documents.letterhead.add", "deadlines.calendarday.add",
            "documents.documenttemplate.add", "documents.documenttemplate.change"} <= set(rows)
    assert rows["org.unit.change"].before["name"] == "Tổ A9" and rows["org.unit.change"].after["name"] == "Tổ A9 mới"
    assert rows["org.unit.add"].before is None and rows["org.unit.add"].after["parent_id"] == units["A"].pk
    user_change = rows["org.user.change"]
    assert user_change.before["groups"] == [] and user_change.after["groups"] == [group.pk]
    assert "password" not in user_change.after
    assert rows["org.officer.change"].after["name"] == "Võ Văn Tổ (A1)"
    assert rows["documents.documenttemplate.change"].before["note"] == "v2"
    assert rows["documents.documenttemplate.change"].after["note"] == "v2 sửa"
    assert all(r.ip == "127.0.0.1" and r.request_id for r in rows.values())
    assert AuditEvent.objects.filter(action="documents.documenttemplate.add").count() == 1  # not twice


def test_a_unit_administrator_gets_exactly_the_admin_rights_the_scoped_admin_needs(persona):
    """The administrators' group grants units, staff, officers, letterheads and calendar rows — not groups,
    permissions or the audit log."""
    admin_user = persona["admin_p"]
    perms = {p for p in admin_user.get_all_permissions()}
    for needed in ("org.change_user", "org.add_unit", "documents.change_letterhead", "deadlines.add_calendarday"):
        assert needed in perms
    for forbidden in ("auth.change_group", "auth.change_permission", "org.change_auditevent", "org.add_auditevent"):
        assert forbidden not in perms


def test_an_inspectors_record_is_out_of_an_administrators_reach(client, world):
    """Oversight is not edited, moved or deactivated by those it oversees: the provincial administrator neither lists
    nor opens the inspector of his own province (the admin answers "not found" with a redirect)."""
    inspector = do_create_staff("thanhtra_p", PASSWORD, "Thanh Tra Tỉnh", world["units"]["P"], Title.INSPECTOR)
    client.force_login(world["people"]["admin_p"])
    changelist = client.get(reverse("admin:org_user_changelist"))
    assert changelist.status_code == 200 and "thanhtra_p" not in changelist.content.decode()
    response = client.get(change_url(inspector))
    assert response.status_code == 302
    data = {"username": "thanhtra_p", "full_name": "Đổi Tên", "unit": str(world["units"]["A"].pk),
            "title": Title.OFFICER, "is_active": ""}
    client.post(change_url(inspector), data)
    inspector.refresh_from_db()
    assert (inspector.title, inspector.unit, inspector.is_active) == (Title.INSPECTOR, world["units"]["P"], True)
