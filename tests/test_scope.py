"""The access table: persona × unit × action → allowed. Later issues extend this table, not copy the test."""

from __future__ import annotations

import pytest

from thads.org.models import Unit, User
from thads.org.scope import Action, allowed, scope_queryset, visible_units

V, C, AD, PD = Action.VIEW, Action.CHANGE, Action.ADMINISTER, Action.PERSONAL_DATA

# persona → unit → set of allowed actions. Everything not listed is forbidden.
TABLE: dict[str, dict[str, set[Action]]] = {
    "officer_a": {"P": set(), "A": {V, C, PD}, "B": set()},
    "head_a": {"P": set(), "A": {V, C, PD}, "B": set()},
    "officer_b": {"P": set(), "A": set(), "B": {V, C, PD}},
    "statistician_p": {"P": {V}, "A": {V}, "B": {V}},
    "admin_p": {"P": {V, AD}, "A": {V, AD}, "B": {V, AD}},
}
CASES = [(p, u, a, a in TABLE[p][u]) for p in TABLE for u in ("P", "A", "B") for a in Action]


def test_the_table_covers_every_persona_unit_and_action():
    assert len(CASES) == 5 * 3 * len(Action)


@pytest.mark.parametrize("who,unit,action,expected", CASES)
def test_access_table(org, who, unit, action, expected):
    assert allowed(org["people"][who], action, org["units"][unit]) is expected


@pytest.mark.parametrize("who", sorted(TABLE))
def test_lists_show_exactly_the_units_the_table_lets_a_persona_view(org, who):
    user = org["people"][who]
    expected = {code for code, actions in TABLE[who].items() if V in actions}
    assert {u.code for u in visible_units(user)} == expected


@pytest.mark.parametrize("who", sorted(TABLE))
def test_staff_lists_never_leak_another_branch(org, who):
    user = org["people"][who]
    seen = set(scope_queryset(user, User.objects.all()).values_list("unit__code", flat=True))
    assert seen <= {code for code, actions in TABLE[who].items() if V in actions}


def test_an_inactive_or_anonymous_user_sees_nothing(org):
    from django.contrib.auth.models import AnonymousUser

    assert not scope_queryset(AnonymousUser(), Unit.objects.all()).exists()
    officer = org["people"]["officer_a"]
    officer.is_active = False
    assert not allowed(officer, V, org["units"]["A"])
    assert not scope_queryset(officer, Unit.objects.all(), unit_field="self").exists()


def test_a_user_without_a_unit_sees_nothing(org):
    user = User.objects.create_user("nobody", password="x-Y-z-12345678")
    assert not visible_units(user).exists()


def test_a_superuser_sees_every_unit(org):
    root = User.objects.create_superuser("root", password="x-Y-z-12345678")
    assert visible_units(root).count() == Unit.objects.count()


def test_subtree_paths_follow_a_change_of_parent(org):
    from thads.org.actions import do_create_unit

    a = org["units"]["A"]
    team = do_create_unit("A1", "Đội 1", a, "district")
    assert team.path.startswith(a.path)
    a.parent = org["units"]["B"]
    a.save()
    team.refresh_from_db()
    assert team.path.startswith(org["units"]["B"].path)
    assert org["people"]["officer_b"].unit.path in team.path


def test_the_organisation_page_lists_only_the_users_subtree(client, org):
    client.force_login(org["people"]["officer_b"])
    body = client.get("/org/units/").content.decode()
    assert "Phòng THADS khu vực B" in body
    assert "Chi cục THADS huyện A" not in body
