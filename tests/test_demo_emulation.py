"""The demo province's targets, emulation and good practices (issue 17; thads.demo.emulation planned purely, written
by thads.web.demo_emulation through the emulation actions): targets for every statistical year of the history and
the current one, a unit and an officer behind pace, a campaign with nominations at every step, earlier
commendations, good practices linked to cases and officers of their unit; deterministic and loaded once."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction

from thads.demo.emulation import Facts, national_targets, plan
from thads.domain.contrib import statistical_year_of
from thads.domain.emulation import NominationState, NominationStep

TODAY = date.today()
YEAR = statistical_year_of(TODAY)
SMALL = 400


def _facts() -> Facts:
    units = {"A": ("80.00", "40.00"), "B": ("90.00", "55.00"), "C": (None, None)}
    return Facts(
        first_year=YEAR - 3, current=(YEAR, 2), totals={y: ("84.00", "45.00") for y in range(YEAR - 3, YEAR + 1)},
        units={y: dict(units) for y in range(YEAR - 3, YEAR + 1)},
        alive={y: ["A", "B", "C"] for y in range(YEAR - 3, YEAR + 1)},
        levels={"HUE": "province", "A": "regional", "B": "regional", "C": "regional"},
        projection={"A": ("70.00", "30.00"), "B": ("85.00", "50.00")},
        officer_projection={"A-1": ("60.00", "20.00"), "B-1": ("88.00", "51.00")},
        officers={y: {"A-1": "A", "B-1": "B"} for y in range(YEAR - 3, YEAR + 1)},
        personas={"cuctruong": ("HUE", ""), "truongkv1": ("A", ""), "thongke": ("HUE", "")},
        national={YEAR - 2: ("83.25", "46.45", "seed")})


def test_the_plan_is_the_same_for_the_same_seed_and_differs_for_another():
    assert plan(seed=1, today=TODAY, facts=_facts()) == plan(seed=1, today=TODAY, facts=_facts())
    one, two = plan(seed=1, today=TODAY, facts=_facts()), plan(seed=2, today=TODAY, facts=_facts())
    assert [t.cases_rate for t in one.targets] != [t.cases_rate for t in two.targets]


def test_the_plan_has_targets_for_every_year_and_puts_the_slowest_branch_and_officer_well_behind():
    p = plan(seed=1, today=TODAY, facts=_facts())
    assert {t.year for t in p.targets if t.unit == "HUE"} == set(range(YEAR - 3, YEAR + 1))
    behind = next(t for t in p.targets if t.year == YEAR and t.unit == "A" and t.issuer == "province")
    assert (p.behind_unit, behind.money_rate) == ("A", "45.00") and float(behind.cases_rate) >= 77.5
    officer = p.overrides[0]
    assert (p.behind_officer, officer.cases_rate, officer.money_rate, officer.issuer) == ("B-1", "93.00", "66.00",
                                                                                          "branch")
    assert all(t.decided_on <= TODAY for t in p.targets + p.overrides)


def test_a_past_target_is_within_a_few_points_of_the_actual_result():
    p = plan(seed=5, today=TODAY, facts=_facts())
    for t in p.targets:
        if t.year < YEAR and t.unit == "B":
            assert 87 <= float(t.cases_rate) <= 91.5 and 52 <= float(t.money_rate) <= 57


def test_the_national_line_takes_the_latest_published_target_where_none_was_published():
    line = national_targets({2020: ("80.00", "38.00", "a"), 2023: ("82.50", "45.50", "b")}, range(2020, 2026))
    assert [line[y][:2] for y in (2021, 2023, 2025)] == [("80.00", "38.00"), ("82.50", "45.50"), ("82.50", "45.50")]
    assert line[2023][3] and not line[2024][3] and "2023" in line[2024][2]


# ------------------------------------------------------------------------------------------------ on the demo


@pytest.mark.django_db
def test_a_province_without_cases_gets_no_emulation_data():
    from thads.emulation.models import Target
    from thads.web import demo_emulation

    call_command("demo", "--no-cases", stdout=io.StringIO())
    assert demo_emulation.load(seed=1, today=TODAY) is None and not Target.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 10])
def test_a_tiny_demo_still_has_the_current_years_targets_and_its_campaign(size):
    from thads.emulation.models import Campaign, Target

    call_command("demo", "--size", str(size), "--today", TODAY.isoformat(), stdout=io.StringIO())
    assert Target.objects.filter(year=YEAR, unit__code="HUE").exists() and Campaign.objects.exists()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", "--size", str(SMALL), "--today", TODAY.isoformat(), "--seed", "3",
                     stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def rows(demo, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def test_the_demo_has_targets_for_every_year_of_its_history_and_the_current_one(rows):
    from django.db.models import Min

    from thads.cases.models import Case
    from thads.emulation.models import Target
    from thads.org.models import Unit

    first = statistical_year_of(Case.objects.aggregate(m=Min("decided_on"))["m"])
    hue = Unit.objects.get(code="HUE")
    for year in range(first, YEAR + 1):
        mine = Target.objects.filter(year=year)
        assert mine.filter(unit=hue, issuer="national_department", officer=None).exists(), year
        assert mine.filter(unit=None, officer=None).exists(), year
        start, end = date(year - 1, 10, 1), date(year, 9, 30)
        for unit in Unit.objects.filter(parent=hue):
            if (unit.valid_from or start) <= end and (unit.valid_to or end) >= start:
                assert mine.filter(unit=unit, issuer="province", officer=None).exists(), (year, unit.code)
        assert mine.filter(officer__isnull=False).exists(), year


def test_a_unit_and_an_officer_are_behind_pace_in_the_current_year(rows):
    from thads.emulation.progress import behind_pace
    from thads.org.models import Unit

    behind = behind_pace(Unit.objects.get(code="HUE"), YEAR, today=TODAY)
    assert {"unit", "officer"} <= {b["kind"] for b in behind}


def test_the_campaign_has_nominations_at_every_step_and_earlier_commendations(rows):
    from thads.emulation.models import Campaign, Commendation, CouncilMember, Nomination, NominationEvent

    campaign = Campaign.objects.get()
    assert campaign.units.count() >= 2 and CouncilMember.objects.count() >= 3
    assert set(Nomination.objects.values_list("state", flat=True)) == set(NominationState)
    assert set(NominationEvent.objects.values_list("step", flat=True)) == set(NominationStep)
    assert all(n.evidence is not None for n in Nomination.objects.all())
    decided = Nomination.objects.filter(state=NominationState.DECIDED)
    assert Commendation.objects.filter(nomination__in=decided).count() == decided.count()
    assert Commendation.objects.filter(nomination=None, year__lt=YEAR).exists()
    dates = [*NominationEvent.objects.values_list("on", flat=True),
             *Commendation.objects.values_list("decided_on", flat=True)]
    assert max(dates) <= TODAY


def test_good_practices_link_cases_and_officers_of_their_unit(rows):
    from thads.emulation.models import GoodPractice

    practices = list(GoodPractice.objects.prefetch_related("cases", "officers"))
    assert len(practices) >= 3 and any(p.affects_order for p in practices)
    for p in practices:
        assert p.cases.exists() and p.folded
        assert all(c.unit_id == p.unit_id for c in p.cases.all())
        assert all(o.unit_id == p.unit_id for o in p.officers.all())


def test_running_it_again_changes_nothing(rows):
    from thads.emulation.models import Nomination, Target
    from thads.web import demo_emulation

    before = (Target.objects.count(), Nomination.objects.count())
    out = io.StringIO()
    demo_emulation.run({"seed": 3, "today": TODAY.isoformat(), "size": SMALL}, out)
    assert "already" in out.getvalue() and (Target.objects.count(), Nomination.objects.count()) == before
