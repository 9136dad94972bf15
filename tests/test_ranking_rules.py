"""The ranking of units and officers (issue 17; thads.domain.ranking): min–max points, exact weighted scores,
ties sharing a rank, the minimum caseload, lower-is-better metrics, the weights' validation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thads.domain.ranking import DEFAULT_WEIGHTS, METRICS, REASON_FEW_CASES, Entry, check_weights, rank

ZERO = {"cases_rate": None, "money_rate": None, "completed": 0, "recovered": 0, "overdue": 0,
        "complaints_upheld": 0, "workload": 0}


def entry(key: str, caseload: int = 50, **metrics) -> Entry:
    return Entry(key, f"Đơn vị {key}", caseload, {**ZERO, **metrics})


def only(metric: str) -> dict[str, int]:
    return {metric: 1}


def by_key(lines):
    return {line.key: line for line in lines}


# ------------------------------------------------------------------------------------------------- tables

@pytest.mark.parametrize("metric,values,expected", [
    ("cases_rate", {"A": "80.00", "B": "60.00", "C": "70.00"}, {"A": "100.00", "B": "0.00", "C": "50.00"}),
    ("money_rate", {"A": "10.00", "B": None, "C": "40.00"}, {"A": "0.00", "B": "0.00", "C": "100.00"}),
    ("completed", {"A": 3, "B": 0, "C": 9}, {"A": "33.33", "B": "0.00", "C": "100.00"}),
    ("recovered", {"A": 2, "B": 1, "C": 0}, {"A": "100.00", "B": "50.00", "C": "0.00"}),
    ("overdue", {"A": 0, "B": 3, "C": 1}, {"A": "100.00", "B": "0.00", "C": "66.67"}),
    ("complaints_upheld", {"A": 2, "B": 0, "C": 2}, {"A": "0.00", "B": "100.00", "C": "0.00"}),
    ("workload", {"A": 7, "B": 7, "C": 7}, {"A": "100.00", "B": "100.00", "C": "100.00"}),
])
def test_each_metric_is_normalised_min_max_with_fewer_overdue_and_upheld_complaints_scoring_higher(
        metric, values, expected):
    lines = by_key(rank([entry(k, **{metric: v}) for k, v in values.items()], only(metric)))
    assert {k: line.components[metric] for k, line in lines.items()} == expected
    assert {k: line.score for k, line in lines.items()} == expected  # one metric weighted: score = its points


def test_the_score_is_the_weighted_mean_of_the_points_rounded_half_up():
    lines = by_key(rank([entry("A", cases_rate="90.00", overdue=0), entry("B", cases_rate="60.00", overdue=4),
                         entry("C", cases_rate="70.00", overdue=1)], {"cases_rate": 2, "overdue": 1}))
    # C: cases 33.333…, overdue 75 → (2 × 33.333… + 75) / 3 = 47.2222…
    assert (lines["A"].score, lines["B"].score, lines["C"].score) == ("100.00", "0.00", "47.22")
    assert [lines[k].rank for k in "ACB"] == [1, 2, 3]


def test_a_unit_with_no_cases_gets_no_points_for_its_rates_and_is_ranked_when_no_minimum_applies():
    lines = rank([entry("A", cases_rate="50.00", money_rate="20.00", completed=5),
                  entry("EMPTY", caseload=0)], DEFAULT_WEIGHTS, min_caseload=0)
    empty = by_key(lines)["EMPTY"]
    assert (empty.components["cases_rate"], empty.components["money_rate"], empty.components["completed"]) == (
        "0.00", "0.00", "0.00")
    assert empty.rank == 2 and Decimal(empty.score) < Decimal(by_key(lines)["A"].score)


def test_a_tie_shares_the_rank_and_the_next_rank_skips_with_the_tied_listed_by_key():
    lines = rank([entry("D", completed=1), entry("C", completed=5), entry("B", completed=5), entry("A", completed=9)],
                 only("completed"))
    assert [(line.key, line.rank) for line in lines] == [("A", 1), ("B", 2), ("C", 2), ("D", 4)]
    assert lines[1].score == lines[2].score == "50.00"


def test_entities_under_the_minimum_caseload_follow_unranked_with_the_reason():
    lines = rank([entry("Z", caseload=40, completed=1), entry("S2", caseload=3, completed=99),
                  entry("S1", caseload=29, completed=50), entry("Y", caseload=30, completed=2)],
                 only("completed"), min_caseload=30)
    assert [(line.key, line.rank) for line in lines] == [("Y", 1), ("Z", 2), ("S1", None), ("S2", None)]
    small = lines[2]
    assert small.score is None and small.components == {} and small.reason_code == REASON_FEW_CASES
    assert small.reason == "Không xếp hạng: ít hơn 30 việc có điều kiện thi hành"
    # the small units' figures do not move the others' points: Y has the most among the ranked
    assert lines[0].components["completed"] == "100.00" and lines[1].components["completed"] == "0.00"


def test_when_every_entity_has_the_same_figures_everyone_gets_full_points_and_rank_1():
    lines = rank([entry(k, cases_rate="75.00", money_rate="40.00", completed=3, overdue=2) for k in "CAB"])
    assert [(line.key, line.rank, line.score) for line in lines] == [("A", 1, "100.00"), ("B", 1, "100.00"),
                                                                      ("C", 1, "100.00")]


def test_a_single_ranked_entity_has_full_points_on_every_metric_it_has_a_value_for():
    [line] = rank([entry("A", cases_rate="12.00", money_rate=None)])
    assert line.components["cases_rate"] == "100.00" and line.components["money_rate"] == "0.00"
    assert line.score == "70.00"  # every weight but money_rate's 30


def test_a_metric_weighted_zero_does_not_change_the_order():
    entries = [entry("A", completed=9, workload=0), entry("B", completed=1, workload=50)]
    assert [line.key for line in rank(entries, {"completed": 1, "workload": 0})] == ["A", "B"]
    assert [line.key for line in rank(entries, {"completed": 1, "workload": 100})] == ["B", "A"]


@pytest.mark.parametrize("weights,message", [
    ({"speed": 5}, "unknown ranking metric(s): speed"),
    ({"cases_rate": -1}, "'cases_rate' must be a non-negative integer"),
    ({"cases_rate": 1.5}, "'cases_rate' must be a non-negative integer"),
    ({"cases_rate": "30"}, "'cases_rate' must be a non-negative integer"),
    ({"cases_rate": True}, "'cases_rate' must be a non-negative integer"),
    ({"cases_rate": 0, "money_rate": 0}, "at least one ranking weight must be greater than 0"),
    ({}, "at least one ranking weight must be greater than 0"),
    (["cases_rate"], "must be an object"),
])
def test_bad_weights_are_refused_with_a_clear_message(weights, message):
    with pytest.raises(ValueError) as exc:
        rank([entry("A")], weights)
    assert message in str(exc.value)


def test_missing_metrics_weigh_nothing_and_the_default_weights_are_valid_and_sum_to_100():
    assert check_weights({"workload": 3}) == {m: (3 if m == "workload" else 0) for m in METRICS}
    assert check_weights(DEFAULT_WEIGHTS) == dict(DEFAULT_WEIGHTS) and sum(DEFAULT_WEIGHTS.values()) == 100


def test_a_repeated_key_or_a_negative_minimum_is_refused():
    with pytest.raises(ValueError, match="twice"):
        rank([entry("A"), entry("A")])
    with pytest.raises(ValueError, match="minimum caseload"):
        rank([entry("A")], min_caseload=-1)


# ------------------------------------------------------------------------------------------------- properties

RATES = st.one_of(st.none(), st.integers(0, 10000).map(lambda h: str(Decimal(h).scaleb(-2))))
COUNTS = st.integers(0, 10**12)
ENTRIES = st.lists(st.builds(
    lambda key, caseload, cr, mr, *counts: Entry(key, key, caseload, {
        "cases_rate": cr, "money_rate": mr, **dict(zip(METRICS[2:], counts, strict=True))}),
    st.text("ABCDEFGH", min_size=1, max_size=3), st.integers(0, 60), RATES, RATES, *[COUNTS] * 5),
    max_size=12, unique_by=lambda e: e.key)
WEIGHTS = st.dictionaries(st.sampled_from(METRICS), st.integers(0, 50), min_size=1).filter(lambda w: any(w.values()))


@given(ENTRIES, WEIGHTS, st.integers(0, 40))
def test_scores_lie_between_0_and_100_and_the_ranks_follow_the_scores(entries, weights, minimum):
    lines = rank(entries, weights, minimum)
    assert sorted(line.key for line in lines) == sorted(e.key for e in entries)
    ranked = [line for line in lines if line.rank is not None]
    assert all(Decimal("0") <= Decimal(line.score) <= Decimal("100") for line in ranked)
    assert all(Decimal("0") <= Decimal(p) <= Decimal("100") for line in ranked for p in line.components.values())
    for a, b in zip(ranked, ranked[1:], strict=False):
        assert Decimal(a.score) >= Decimal(b.score)
        assert (a.rank == b.rank) == (a.score == b.score)
        assert a.rank <= b.rank and (a.score != b.score or a.key < b.key)
    for i, line in enumerate(ranked):
        assert line.rank == 1 + sum(1 for other in ranked if Decimal(other.score) > Decimal(line.score)) and (
            line.rank <= i + 1)
    assert all(line.rank is None and line.caseload < minimum for line in lines[len(ranked):])
    if ranked:
        assert ranked[0].rank == 1
