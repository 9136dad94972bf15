"""Targets as pure rules (issue 17; THADS.md §4.3, §5): the projection to 30/9 from the shape of past years, the
default shape, the gap by 30/9 and the check that targets passed down can add up to the whole."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thads.domain.report import rate
from thads.domain.targets import (
    DEFAULT_RATE_SHAPE,
    check_counts,
    check_distribution,
    count_gap,
    default_factors,
    is_behind,
    needed,
    pick_factor,
    project,
    rate_text,
    shape_factors,
)

# Two past years of a unit, month by month (cumulative k-month rates, month 1 = October).
YEAR_A = ["10.00", "20.00", "30.00", "40.00", "50.00", "60.00", "65.00", "70.00", "75.00", "78.00", "80.00", "80.00"]
YEAR_B = ["20.00", "30.00", "40.00", "45.00", "50.00", "55.00", "60.00", "70.00", "75.00", "80.00", "85.00", "90.00"]
NO_CASES = [None] * 12


# ----------------------------------------------------------------------------------------------- shape factors

def test_the_factor_of_a_month_is_the_mean_over_past_years_of_the_year_end_rate_over_that_months_rate():
    factors = shape_factors([YEAR_A, YEAR_B])
    assert factors[1] == (Fraction(80, 10) + Fraction(90, 20)) / 2  # (8 + 4.5) / 2
    assert factors[5] == (Fraction(80, 50) + Fraction(90, 50)) / 2
    assert factors[12] == 1


def test_a_year_without_cases_gives_no_factor_and_does_not_dilute_the_others():
    assert shape_factors([NO_CASES]) == {}
    assert shape_factors([YEAR_A, NO_CASES]) == shape_factors([YEAR_A])


def test_a_month_with_a_zero_rate_or_without_a_year_end_rate_is_skipped_for_that_year():
    zero_start = ["0.00", *YEAR_A[1:]]
    no_end = [*YEAR_B[:11], None]
    factors = shape_factors([zero_start, no_end])
    assert 1 not in factors
    assert factors[2] == Fraction(80, 20)  # only the first year has a year-end rate


def test_a_year_series_must_have_twelve_months():
    with pytest.raises(ValueError):
        shape_factors([YEAR_A[:11]])


# --------------------------------------------------------------------------------------------------- projection

@pytest.mark.parametrize("rate_now,month,factor,expected", [
    ("40.00", 4, Fraction(2), "80.00"),
    ("33.33", 3, Fraction(3), "99.99"),
    ("60.00", 6, Fraction(2), "100.00"),  # capped at 100
    ("12.34", 2, Fraction(1, 3), "4.11"),  # 4.1133… rounds down
    ("0.03", 1, Fraction(1, 2), "0.02"),  # 0.015 rounds half up
    ("0.00", 5, Fraction(7), "0.00"),
])
def test_the_projection_is_the_rate_now_times_the_factor_capped_at_100_rounded_half_up(rate_now, month, factor,
                                                                                        expected):
    assert project(rate_now, month, factor) == expected


def test_at_the_twelfth_month_the_projection_is_the_actual_whatever_the_factor():
    for factor in (None, Fraction(1), Fraction(5, 4), Fraction(1, 2)):
        assert project("83.88", 12, factor) == "83.88"


def test_a_unit_with_no_cases_has_no_projection():
    assert project(None, 4, Fraction(2)) is None
    assert project(None, 12, None) is None


def test_without_a_factor_before_the_last_month_there_is_no_projection():
    assert project("40.00", 6, None) is None


def test_a_month_outside_the_year_is_refused():
    with pytest.raises(ValueError):
        project("40.00", 13, Fraction(1))


def test_the_projection_is_exact_on_values_a_float_gets_wrong():
    # 1.005 × 1 = 1.005 → 1.01 half up (a float would give 1.00); 0.1 + 0.2 style sums stay exact.
    assert project("1.005", 3, Fraction(1)) == "1.01"
    assert project("10.00", 3, Fraction(3, 10) + Fraction(6, 10)) == "9.00"


def test_projection_and_factors_on_a_hand_made_unit():
    factors = shape_factors([YEAR_A, YEAR_B])
    # Month 4 this year at 42.00 %: f(4) = (80/40 + 90/45) / 2 = 2 → 84.00 %.
    assert project("42.00", 4, factors[4]) == "84.00"


# ------------------------------------------------------------------------------------- default shape, fallback

def test_the_default_shape_has_twelve_increasing_shares_ending_at_100_for_each_measure():
    for measure in ("cases", "money"):
        shares = DEFAULT_RATE_SHAPE[measure]
        assert len(shares) == 12 and shares[-1] == 100 and list(shares) == sorted(shares) and shares[0] > 0
        assert default_factors(measure)[12] == 1 and default_factors(measure)[1] == Fraction(100, shares[0])


def test_a_configured_default_shape_replaces_the_table_and_a_bad_one_is_refused():
    flat = {"cases": [50] * 11 + [100], "money": [25] * 11 + [100]}
    assert default_factors("cases", flat)[3] == 2 and default_factors("money", flat)[3] == 4
    with pytest.raises(ValueError):
        default_factors("cases", {"cases": [50] * 11})
    with pytest.raises(ValueError):
        default_factors("cases", {"cases": [0] * 11 + [100]})


def test_the_factor_comes_from_the_first_source_that_has_the_month_else_the_default():
    own = shape_factors([["0.00", *YEAR_A[1:]]])  # no factor for month 1
    parent = shape_factors([YEAR_B])
    sources = [("HUE-KV1", own), ("HUE", parent), ("default", default_factors("cases"))]
    assert pick_factor(2, sources) == (own[2], "HUE-KV1")
    assert pick_factor(1, sources) == (parent[1], "HUE")
    assert pick_factor(1, [("HUE-KV1", own), ("default", default_factors("cases"))])[1] == "default"
    assert pick_factor(1, [("HUE-KV1", own)]) == (None, None)


# ------------------------------------------------------------------------------------------- gap and behind

@pytest.mark.parametrize("target,done,base,expected", [
    ("80.00", 70, 100, 10),
    ("80.00", 90, 100, 0),  # already above: nothing needed
    ("83.90", 0, 1000, 839),
    ("83.91", 0, 1000, 840),  # 839.1 → ceiling
    (Decimal("51.90"), 100_000_000, 1_000_000_000, 419_000_000),  # VND
    ("80.00", 0, 0, 0),  # no base
    (None, 5, 10, None),  # no target
])
def test_the_gap_is_what_must_still_be_completed_on_the_current_base(target, done, base, expected):
    assert needed(target, done, base) == expected


def test_completing_the_gap_reaches_the_target_rate():
    for target, done, base in (("83.90", 700, 1000), ("51.90", 10, 333), ("99.99", 1, 7)):
        gap = needed(target, done, base)
        assert Decimal(rate(done + gap, base)) >= Decimal(target)
        if gap:
            assert Fraction(done + gap - 1, base) * 100 < Fraction(Decimal(target))


def test_absolute_targets_have_their_own_gap():
    assert count_gap(500, 420) == 80 and count_gap(500, 600) == 0 and count_gap(None, 5) is None


@pytest.mark.parametrize("projection,target,behind", [
    ("79.99", "80.00", True), ("80.00", "80.00", False), ("85.00", Decimal("80.00"), False),
    (None, "80.00", False),  # no base is never behind
    ("10.00", None, False),  # no target is never behind
])
def test_behind_when_the_projection_falls_short_of_the_target(projection, target, behind):
    assert is_behind(projection, target) is behind


# ------------------------------------------------------------------------------------------- passing down

def test_the_implied_rate_is_the_childrens_targets_weighted_by_their_base():
    check = check_distribution(Decimal("80.00"), [(Decimal("85.00"), 100), (Decimal("70.00"), 100)])
    assert check.implied == Fraction(155, 2) and check.implied_text == "77.50"
    assert not check.ok and check.shortfall_text == "2.50"


def test_children_whose_targets_add_up_exactly_to_the_parent_pass():
    check = check_distribution("80.00", [("70.00", 1), ("90.00", 1)])
    assert check.implied == 80 and check.ok and check.shortfall == 0
    weighted = check_distribution("80.00", [("76.00", 300), ("92.00", 100)])
    assert weighted.implied == 80 and weighted.ok


def test_a_child_with_a_base_but_no_target_fails_the_check_even_when_the_others_reach_the_parent():
    check = check_distribution("80.00", [("90.00", 100), (None, 50)])
    assert check.implied == 90 and not check.ok and check.missing == 1 and check.missing_weight == 50
    assert check_distribution("80.00", [("90.00", 100), (None, 0)]).ok  # a child with no cases does not matter


def test_without_children_targets_or_without_a_parent_target():
    assert not check_distribution("80.00", [(None, 10)]).ok
    assert check_distribution(None, [("50.00", 10)]).ok
    assert check_distribution("80.00", []).ok
    assert check_distribution("80.00", [("81.00", 0), ("79.00", 0)]).implied == 80  # no base: the plain mean


def test_absolute_targets_passed_down_must_sum_to_at_least_the_parent():
    short = check_counts(1000, [400, 500, None])
    assert not short.ok and short.total == 900 and short.shortfall == 100 and short.missing == 1
    exact = check_counts(1000, [400, 600])
    assert exact.ok and exact.shortfall == 0
    assert check_counts(None, [1, 2]).ok


def test_a_check_reads_as_json():
    assert check_distribution("80.00", [("70.00", 1), ("90.00", 1)]).as_dict() == {
        "parent": "80.00", "implied": "80.00", "ok": True, "shortfall": "0.00", "missing": 0}


# ------------------------------------------------------------------------------------------------ invariants

rates = st.integers(min_value=0, max_value=10000).map(lambda h: str(Decimal(h).scaleb(-2)))
positive_rates = st.integers(min_value=1, max_value=10000).map(lambda h: str(Decimal(h).scaleb(-2)))


@given(rates, st.integers(min_value=1, max_value=12), st.fractions(min_value=1, max_value=20))
def test_the_projection_is_never_below_the_actual_when_the_factor_is_at_least_one_nor_above_100(r, month, factor):
    p = Decimal(project(r, month, factor))
    assert Decimal(r) <= p <= 100


@given(st.lists(st.lists(st.one_of(st.none(), rates), min_size=12, max_size=12), max_size=4))
def test_factors_exist_only_for_months_some_year_supports_and_are_positive(series):
    factors = shape_factors(series)
    for k, f in factors.items():
        assert f >= 0
        assert any(y[k - 1] not in (None, "0.00") and y[11] is not None for y in series)


@given(st.lists(st.lists(positive_rates, min_size=12, max_size=12), min_size=1, max_size=4))
def test_a_past_year_projects_its_own_months_onto_its_own_year_end(series):
    factors = shape_factors(series[:1])
    year = series[0]
    for k in range(1, 12):
        projected = Fraction(Decimal(project(year[k - 1], k, factors[k])))
        assert abs(projected - min(100, Fraction(Decimal(year[11])))) <= Fraction(1, 200)


@given(st.one_of(st.none(), rates), st.lists(st.tuples(rates, st.integers(min_value=0, max_value=10**12)),
                                             min_size=1, max_size=8))
def test_the_implied_rate_lies_between_the_lowest_and_highest_child_target(parent, parts):
    check = check_distribution(parent, parts)
    values = [Fraction(Decimal(t)) for t, _ in parts]
    assert min(values) <= check.implied <= max(values)
    if parent is not None:
        assert check.ok == (check.implied >= Fraction(Decimal(parent)))
        assert check.shortfall == max(0, Fraction(Decimal(parent)) - check.implied)


@given(st.integers(min_value=0, max_value=10000), st.integers(min_value=0, max_value=10**6),
       st.integers(min_value=0, max_value=10**6))
def test_the_gap_is_the_least_that_reaches_the_target(hundredths, done, extra):
    target, base = Decimal(hundredths).scaleb(-2), done + extra
    gap = needed(target, done, base)
    assert gap >= 0
    if base:
        assert Fraction(done + gap, base) * 100 >= Fraction(target) or done + gap > base
        if gap:
            assert Fraction(done + gap - 1, base) * 100 < Fraction(target)


def test_rate_text_writes_like_the_report():
    assert rate_text(Fraction(8388, 100)) == rate(8388, 10000) == "83.88"
    assert rate_text(Fraction(0)) == "0.00" and rate_text(Fraction(100)) == "100.00"
    with pytest.raises(ValueError):
        rate_text(Fraction(-1))
