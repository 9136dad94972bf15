"""The capability table (``thads.domain.capabilities``) read as a grid, and the unit conditions that
``thads.org.capabilities.can`` adds to it (issue 13, item 6: one table of who may do what beyond the unit scope)."""

from __future__ import annotations

import pytest

from thads.domain.capabilities import CAPABILITIES, Capability, title_may
from thads.domain.roles import Title

# One row per title, one column per capability; "x" = the title carries it. Read it as the specification.
GRID = """
title          change  personal  administer  lead  statistics  home  close  reopen  import  rebuild  audit  jobs  targets  emulation  decide
head             x        x          .        x        x         x     .      x       x        .       .     x    x         x        x
deputy           x        x          .        x        x         x     .      .       .        .       .     x    x         x        .
officer          x        x          .        .        .         .     .      .       .        .       .     .    .         .        .
verifier         .        x          .        .        .         x     .      .       .        .       .     .    .         .        .
clerk            x        x          .        .        .         .     .      .       .        .       .     .    .         .        .
accountant       x        x          .        .        .         .     .      .       .        .       .     .    .         .        .
reception        x        x          .        .        .         .     .      .       .        .       .     .    .         .        .
statistician     .        .          .        .        x         x     x      .       .        x       .     .    x         .        .
admin            .        .          x        .        .         .     .      .       x        .       .     x    .         .        .
inspector        .        x          .        .        .         .     .      .       .        .       x     .    .         .        .
"""

COLUMNS = {
    "change": Capability.CHANGE_CASES, "personal": Capability.PERSONAL_DATA, "administer": Capability.ADMINISTER,
    "lead": Capability.LEAD, "statistics": Capability.VIEW_STATISTICS, "home": Capability.SUPERVISE_HOME,
    "close": Capability.CLOSE_PERIOD, "reopen": Capability.REOPEN_PERIOD, "import": Capability.IMPORT_CASES,
    "rebuild": Capability.REBUILD_STATISTICS, "audit": Capability.READ_AUDIT, "jobs": Capability.SEE_UNIT_JOBS,
    "targets": Capability.SET_TARGETS, "emulation": Capability.MANAGE_EMULATION,
    "decide": Capability.DECIDE_COMMENDATION,
}


def _grid() -> dict[tuple[Title, Capability], bool]:
    lines = [line.split() for line in GRID.strip().splitlines()]
    header, rows = lines[0][1:], lines[1:]
    return {(Title(row[0]), COLUMNS[name]): mark == "x" for row in rows for name, mark in zip(header, row[1:],
                                                                                             strict=True)}


def test_the_grid_names_every_title_and_every_capability():
    grid = _grid()
    assert {t for t, _ in grid} == set(Title)
    assert {c for _, c in grid} == set(Capability) == set(CAPABILITIES)


@pytest.mark.parametrize(("title", "capability"), sorted(_grid()))
def test_the_table_is_the_grid(title, capability):
    assert title_may(title, capability) is _grid()[title, capability]
    assert title_may(title.value, capability) is _grid()[title, capability]  # the stored string works too


def test_no_title_or_an_unknown_title_has_no_capability():
    for capability in Capability:
        assert not title_may("", capability)
        assert not title_may(None, capability)
        assert not title_may("president", capability)


def test_the_scope_reads_the_table():
    """``org.scope.allowed`` answers CHANGE, ADMINISTER and PERSONAL_DATA from the table; the derived title sets
    are what they always were."""
    from thads.org.scope import HEAD_TITLES, NO_PERSONAL_DATA_TITLES, READ_ONLY_TITLES

    assert READ_ONLY_TITLES == {Title.VERIFIER, Title.STATISTICIAN, Title.ADMIN, Title.INSPECTOR}
    assert NO_PERSONAL_DATA_TITLES == {Title.STATISTICIAN, Title.ADMIN}
    assert HEAD_TITLES == {Title.HEAD, Title.DEPUTY}


# --- can(user, capability, unit): the unit conditions ------------------------------------------------------------


@pytest.fixture
def people(org):
    from thads.org.actions import do_create_staff

    units = org["units"]

    def make(name: str, unit: str, title: Title):
        return do_create_staff(name, "x-Mat-khau-2025", name, units[unit], title)

    return {**org["people"], "head_p": make("head_p", "P", Title.HEAD), "deputy_p": make("deputy_p", "P", Title.DEPUTY),
            "statistician_a": make("statistician_a", "A", Title.STATISTICIAN),
            "admin_a": make("admin_a", "A", Title.ADMIN), "inspector_p": make("inspector_p", "P", Title.INSPECTOR)}


def test_import_is_for_the_head_of_a_provincial_or_national_unit_and_for_administrators(org, people):
    from thads.org.capabilities import can

    assert can(people["head_p"], Capability.IMPORT_CASES)
    assert not can(people["head_a"], Capability.IMPORT_CASES)  # a district head: not the province level
    assert not can(people["deputy_p"], Capability.IMPORT_CASES)  # the table: heads only
    assert can(people["admin_p"], Capability.IMPORT_CASES) and can(people["admin_a"], Capability.IMPORT_CASES)
    assert not can(people["statistician_p"], Capability.IMPORT_CASES)


def test_rebuild_is_for_the_statistician_of_the_national_unit_covering_the_whole_tree(org, people):
    from thads.org.actions import do_create_staff, do_create_unit
    from thads.org.capabilities import can

    assert not can(people["statistician_p"], Capability.REBUILD_STATISTICS)  # a province is not the nation
    national = do_create_unit("TW", "Cục Quản lý THADS", None, "national")
    statistician = do_create_staff("thongke_tw", "x-Mat-khau-2025", "Thống Kê TW", national, Title.STATISTICIAN)
    head = do_create_staff("head_tw", "x-Mat-khau-2025", "Thủ Trưởng TW", national, Title.HEAD)
    assert not can(statistician, Capability.REBUILD_STATISTICS)  # province P is another root: not his scope
    province = org["units"]["P"]
    province.parent = national
    province.save()
    statistician.refresh_from_db()
    head.refresh_from_db()
    assert can(statistician, Capability.REBUILD_STATISTICS)
    assert not can(head, Capability.REBUILD_STATISTICS)  # the table: the statistician only


def test_reopening_a_period_is_for_the_head_of_a_root_unit_over_a_unit_he_sees(org, people):
    from thads.org.capabilities import can

    units = org["units"]
    assert can(people["head_p"], Capability.REOPEN_PERIOD, units["A"])
    assert can(people["head_p"], Capability.REOPEN_PERIOD)
    assert not can(people["head_a"], Capability.REOPEN_PERIOD, units["A"])  # not a root unit
    assert not can(people["deputy_p"], Capability.REOPEN_PERIOD, units["A"])  # the table: the head only
    assert not can(people["statistician_p"], Capability.REOPEN_PERIOD, units["A"])


def test_the_statistician_of_the_unit_closes_its_period_and_no_other(org, people):
    from thads.org.capabilities import can

    units = org["units"]
    assert can(people["statistician_p"], Capability.CLOSE_PERIOD, units["P"])
    assert not can(people["statistician_p"], Capability.CLOSE_PERIOD, units["A"])  # in his scope, not his unit
    assert can(people["statistician_a"], Capability.CLOSE_PERIOD, units["A"])
    assert not can(people["statistician_a"], Capability.CLOSE_PERIOD, units["P"])  # above him
    assert not can(people["head_p"], Capability.CLOSE_PERIOD, units["P"])  # the table: the statistician only


def test_a_unit_outside_the_scope_inactive_accounts_anonymous_visitors_and_the_superuser(org, people):
    from django.contrib.auth.models import AnonymousUser

    from thads.org.capabilities import can
    from thads.org.models import User

    units = org["units"]
    head_a = people["head_a"]
    assert can(head_a, Capability.LEAD, units["A"]) and can(head_a, Capability.LEAD)
    assert not can(head_a, Capability.LEAD, units["B"])  # a sibling branch: outside his scope
    assert not can(AnonymousUser(), Capability.LEAD)
    head_a.is_active = False
    assert not can(head_a, Capability.LEAD, units["A"])
    root = User.objects.create_superuser("root_cap", password="x-Mat-khau-2025")
    assert all(can(root, c, units["B"]) for c in Capability)
    unitless = User.objects.create_user("unitless_cap", password="x-Mat-khau-2025", title=Title.HEAD)
    assert not can(unitless, Capability.LEAD)  # no unit, no scope, no capability


def test_the_views_helpers_ask_can(org, people):
    """The helpers that pages and templates call answer as the table does."""
    from thads.org.audit_views import may_read_audit
    from thads.org.scope import is_head
    from thads.stats.selection import may_view_statistics

    assert may_read_audit(people["inspector_p"]) and not may_read_audit(people["admin_p"])
    assert may_view_statistics(people["statistician_p"]) and may_view_statistics(people["head_a"])
    assert not may_view_statistics(people["officer_a"])
    assert is_head(people["head_a"]) and is_head(people["deputy_p"]) and not is_head(people["officer_a"])
