"""Rankings from the database (issue 17; thads.emulation.rankings): a province's branches with their subtrees rolled
up, its officers, overdue deadlines now, complaints upheld against them, the settings, the query count."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.conftest import PASSWORD
from thads.cases.actions import ObligationData, PartyData, do_act, do_receive
from thads.deadlines.models import Deadline
from thads.domain.contrib import statistical_year_of
from thads.domain.roles import Title
from thads.emulation import rankings as service
from thads.org.actions import do_create_staff, do_create_unit

AMOUNT = 100_000_000
#: The last complete statistical year: every act of the world is dated in it, relative to today.
YEAR = statistical_year_of(timezone.localdate()) - 1
BASE = date(YEAR - 1, 10, 5)


def day(n: int) -> date:
    return BASE + timedelta(days=n)


def make_case(people: dict, unit, officer_user, *, complete: bool, amount: int = AMOUNT):
    """A case received and decided in ``unit`` for ``officer_user``'s officer; completed (collected, paid out,
    closed) when ``complete``."""
    head, accountant = people["head"], people["accountant"]
    case = do_receive(head, unit, on=day(0), initiation="theo_don", judgment_kind="dan_su",
                      debtors=[PartyData("Lê Văn Đức")], obligations=[ObligationData("tra_no", "person", amount)])
    case = do_act(head, case.pk, "decide", day(1), officer=officer_user.officer)
    if complete:
        do_act(officer_user, case.pk, "notify_debtor", day(2))
        do_act(officer_user, case.pk, "start_verification", day(10))
        do_act(officer_user, case.pk, "verify_able", day(15))
        do_act(accountant, case.pk, "collect", day(20), amount=amount, receipt_no=f"BL-{case.pk}")
        do_act(accountant, case.pk, "payout", day(21), amount=amount, obligation="1")
        case = do_act(head, case.pk, "complete", day(22))
    return case


def matter(unit, case, *, outcome="right", closed=None, kind="complaint", level=1, parent=None,
           respondent="officer", status="resolved"):
    from thads.complaints.models import Matter

    return Matter.objects.create(unit=unit, kind=kind, received_on=day(30), summary="Khiếu nại", case=case,
                                 respondent=respondent, status=status, outcome=outcome, level=level, parent=parent,
                                 closed_on=closed or day(60))


def build_world(org) -> dict:
    """Province P: branch A (2 completed and 1 open case, and below it A1 with 1 completed: 4 CDK, 3 done), branch C
    (1 completed, 1 open), branch B (1 open: under the minimum caseload of 2). Complaints upheld: one against C's
    officer, one against A1's case (counts for A), and some that do not count."""
    units, people = dict(org["units"]), dict(org["people"])
    units["A1"] = do_create_unit("A1", "Tổ công tác A1", units["A"], "district")
    units["C"] = do_create_unit("C", "Chi cục THADS huyện C", units["P"], "district")
    for name, unit, title in (("officer_a1", "A1", Title.OFFICER), ("accountant_a", "A", Title.ACCOUNTANT),
                              ("head_c", "C", Title.HEAD), ("officer_c", "C", Title.OFFICER),
                              ("accountant_c", "C", Title.ACCOUNTANT), ("head_b", "B", Title.HEAD),
                              ("accountant_b", "B", Title.ACCOUNTANT)):
        people[name] = do_create_staff(name, PASSWORD, f"Cán bộ {name}", units[unit], title)
    crew = {code: {"head": people[f"head_{h}"], "accountant": people[f"accountant_{h}"]}
            for code, h in (("A", "a"), ("A1", "a"), ("B", "b"), ("C", "c"))}
    cases = {
        "a1": make_case(crew["A"], units["A"], people["officer_a"], complete=True),
        "a2": make_case(crew["A"], units["A"], people["officer_a"], complete=True, amount=50_000_000),
        "a3": make_case(crew["A"], units["A"], people["officer_a"], complete=False),
        "a1_1": make_case(crew["A1"], units["A1"], people["officer_a1"], complete=True),
        "c1": make_case(crew["C"], units["C"], people["officer_c"], complete=True, amount=20_000_000),
        "c2": make_case(crew["C"], units["C"], people["officer_c"], complete=False),
        "b1": make_case(crew["B"], units["B"], people["officer_b"], complete=False),
    }
    first = matter(units["C"], cases["c1"])
    matter(units["P"], cases["c1"], level=2, parent=first)  # the same act upheld again: not counted twice
    matter(units["A1"], cases["a1_1"], outcome="partly_right")
    matter(units["A"], cases["a3"], outcome="wrong")
    matter(units["A"], cases["a3"], closed=day(-10))  # closed before the period
    matter(units["A"], cases["a3"], status="accepted", outcome="")  # not resolved
    matter(units["B"], None, kind="denunciation", respondent="staff")  # no case: against the holding unit
    return {"units": units, "people": people, "cases": cases}


@pytest.fixture
def world(org, settings):
    settings.THADS_RANKING_MIN_CASES_UNIT = 2
    settings.THADS_RANKING_MIN_CASES_OFFICER = 1
    return build_world(org)


def _lines(unit, by="unit", **kw):
    return {line["key"]: line for line in service.rankings(unit, YEAR, 12, by=by, **kw)}


def _overdue(**where) -> int:
    return Deadline.objects.filter(due__lt=timezone.localdate(), paused=False, **where).count()


@pytest.mark.django_db
def test_the_branches_are_ranked_with_their_subtrees_rolled_up_and_a_small_branch_listed_unranked(world):
    units = world["units"]
    lines = service.rankings(units["P"], YEAR, 12, by="unit")
    assert [(line["key"], line["rank"]) for line in lines] == [("A", 1), ("C", 2), ("B", None)]
    a, c, b = lines
    assert a["caseload"] == 4 and a["metrics"]["completed"] == 3 and a["metrics"]["cases_rate"] == "75.00"
    assert a["metrics"]["recovered"] == 250_000_000 and a["metrics"]["workload"] == 4
    assert c["metrics"]["completed"] == 1 and c["metrics"]["cases_rate"] == "50.00"
    assert c["metrics"]["recovered"] == 20_000_000
    assert b["caseload"] == 1 and b["score"] is None and b["components"] == {}
    assert b["reason"] == "Không xếp hạng: ít hơn 2 việc có điều kiện thi hành"


@pytest.mark.django_db
def test_complaints_upheld_count_against_the_unit_holding_the_case_once_per_act(world):
    lines = _lines(world["units"]["P"])
    assert {k: line["metrics"]["complaints_upheld"] for k, line in lines.items()} == {"A": 1, "C": 1, "B": 1}


@pytest.mark.django_db
def test_overdue_deadlines_now_are_counted_per_branch_over_its_subtree_without_paused_clocks(world):
    units = world["units"]
    expected = _overdue(unit__path__startswith=units["A"].path)
    assert expected > 0 and _lines(units["P"])["A"]["metrics"]["overdue"] == expected
    one = Deadline.objects.filter(unit=units["A1"], due__lt=timezone.localdate()).first()
    one.paused = True
    one.save(update_fields=["paused"])
    assert _lines(units["P"])["A"]["metrics"]["overdue"] == expected - 1


@pytest.mark.django_db
def test_the_officers_of_the_subtree_are_ranked_on_their_own_cases(world):
    units = world["units"]
    lines = _lines(units["P"], by="officer")
    a, a1, c = lines["A-officer_a"], lines["A1-officer_a1"], lines["C-officer_c"]
    assert (a["caseload"], a["metrics"]["completed"], a["metrics"]["cases_rate"]) == (3, 2, "66.67")
    assert (a1["caseload"], a1["metrics"]["cases_rate"], a1["rank"]) == (1, "100.00", 1)
    assert a["metrics"]["overdue"] == _overdue(officer__code="A-officer_a")
    assert (c["metrics"]["complaints_upheld"], a1["metrics"]["complaints_upheld"]) == (1, 1)
    assert a["metrics"]["complaints_upheld"] == 0 and lines["B-officer_b"]["metrics"]["complaints_upheld"] == 0
    head = lines["A-head_a"]  # a head holding no case: listed, not ranked
    assert (head["caseload"], head["rank"], head["reason_code"]) == (0, None, "few_cases")
    only_a = _lines(units["A"], by="officer")
    assert set(only_a) == {"A-officer_a", "A-head_a", "A1-officer_a1"}


@pytest.mark.django_db
def test_without_the_complaints_context_no_complaint_counts(world, monkeypatch):
    real = service.apps.is_installed
    monkeypatch.setattr(service.apps, "is_installed", lambda name: name != "thads.complaints" and real(name))
    assert {line["metrics"]["complaints_upheld"] for line in _lines(world["units"]["P"]).values()} == {0}


@pytest.mark.django_db
def test_the_weights_come_from_the_settings_over_the_documented_defaults(world, settings):
    assert service.weights()["cases_rate"] == 30
    settings.THADS_RANKING_WEIGHTS = '{"cases_rate": 0, "money_rate": 0, "completed": 0, "recovered": 0, ' \
                                     '"overdue": 0, "workload": 0, "complaints_upheld": 1}'
    assert service.weights() == {"cases_rate": 0, "money_rate": 0, "completed": 0, "recovered": 0, "overdue": 0,
                                 "complaints_upheld": 1, "workload": 0}
    lines = _lines(world["units"]["P"])
    assert (lines["A"]["rank"], lines["C"]["rank"], lines["A"]["score"]) == (1, 1, "100.00")  # 1 upheld each
    settings.THADS_RANKING_WEIGHTS = '{"speed": 3}'
    with pytest.raises(ValueError, match="unknown ranking metric"):
        service.weights()
    settings.THADS_RANKING_WEIGHTS = "{not json"
    with pytest.raises(ValueError, match="not valid JSON"):
        service.weights()


@pytest.mark.django_db
def test_the_minimum_caseloads_come_from_the_settings(world, settings):
    settings.THADS_RANKING_MIN_CASES_UNIT = 5
    assert {line["rank"] for line in _lines(world["units"]["P"]).values()} == {None}
    del settings.THADS_RANKING_MIN_CASES_UNIT
    del settings.THADS_RANKING_MIN_CASES_OFFICER
    assert (service.min_caseload("unit"), service.min_caseload("officer")) == (30, 10)
    with pytest.raises(ValueError):
        service.min_caseload("team")


@pytest.mark.django_db
def test_the_ranking_reads_a_fixed_number_of_queries_whatever_the_number_of_entities(world,
                                                                                     django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        service.rankings(world["units"]["P"], YEAR, 12, by="unit")
    with django_assert_max_num_queries(12):
        service.rankings(world["units"]["P"], YEAR, 12, by="officer")
