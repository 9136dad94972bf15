"""The statistics report (interchange.md §2): worked example, placement rules, roll-up, breakdowns and identities."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thads.domain.history import CaseHistory, Snapshot, apply, initial, violation
from thads.domain.interchange import (
    CaseRec,
    EventRec,
    ObligationRec,
    dumps,
    return_request_error,
    split_lines,
    validate,
)
from thads.domain.report import (
    BY_KEYS,
    CASE_KEYS,
    MONEY_KEYS,
    GroupMapping,
    compute_report,
    dumps_report,
    rate,
    statistical_year_period,
)
from thads.domain.states import CONTRACT_ALLOWED, FINAL_STATES, GROUNDS_BY_KIND, EventKind, State

SHARED = Path("/work/shared/domain")
TREE: dict[str, str | None] = {"HUE": None, "A": "HUE", "A1": "A", "B": "HUE"}
YEAR_2025 = statistical_year_period(2025)


def example() -> tuple[list[CaseHistory], dict[str, str | None]]:
    result = validate(split_lines((SHARED / "worked-example.jsonl").read_bytes()))
    assert result.ok
    return result.histories(), {u.code: u.parent for u in result.units}


def make_case(case_id: str, decided_on: date, amount: int = 100, unit: str = "A", officer: str | None = "O1",
              initiation: str = "theo_don") -> CaseRec:
    return CaseRec(case_id, unit, decided_on, None, initiation, "dan_su", None, officer, None, None,
                   (ObligationRec("1", "tra_no", "person", amount),))


def history(case: CaseRec, *steps: tuple[Any, ...]) -> CaseHistory:
    """Events from (date, kind, extra…) steps, each checked against the contract as it is applied."""
    snap, events = initial(case), []
    for on, kind, *rest in steps:
        extra: dict[str, Any] = {}
        if kind in (EventKind.PAYMENT, EventKind.REDUCED):
            extra = {"obligation": "1", "amount": rest[0]}
        elif kind in GROUNDS_BY_KIND:
            extra = {"ground": rest[0]}
        elif kind is EventKind.MOVED:
            extra = {"unit": rest[0]}
        elif kind is EventKind.REASSIGNED:
            extra = {"officer": rest[0]}
        elif kind is EventKind.ENTRUSTED_OUT:
            extra = {"to": "elsewhere"}
        ev = EventRec(case.id, on, kind, **extra)
        assert violation(snap, ev, case.id) is None
        snap = apply(snap, ev)
        events.append(ev)
    return CaseHistory(case, tuple(events))


def report(histories: list[CaseHistory], unit: str = "HUE", period: tuple[date, date] = YEAR_2025,
           **kw: Any) -> dict[str, Any]:
    return compute_report(histories, TREE, unit, period[0], period[1], **kw)


K = EventKind


# --- the worked example ------------------------------------------------------------------------------------------

def test_the_worked_example_report_for_hue_year_2025_is_byte_identical() -> None:
    histories, units = example()
    got = dumps_report(compute_report(histories, units, "HUE", *statistical_year_period(2025)))
    assert got == (SHARED / "worked-example.report.json").read_text(encoding="utf-8")


def test_the_worked_example_six_month_report_matches_the_hand_count() -> None:
    histories, units = example()
    got = compute_report(histories, units, "HUE-PV", *statistical_year_period(2025, 6))
    assert got["to"] == "2025-03-31"
    assert got["cases"] == {"CU": 3, "MOI": 5, "TT": 8, "UT": 1, "TH": 0, "PTH": 7, "XONG": 2, "DC": 1, "DANG": 2,
                            "HOAN_C": 0, "CDK": 5, "CHUA_DK": 1, "HOAN_KHAC": 1, "TDC": 0, "SO_RIENG": 0, "CCDK": 2,
                            "CKS": 4, "RATE": "60.00"}
    m = 1_000_000
    assert got["money"] == {"CU": 235 * m, "MOI": 1030 * m, "TT": 1265 * m, "UT": 500 * m, "TH": 0, "PTH": 765 * m,
                            "XONG": 125 * m, "GIAM": 0, "DC": 40 * m, "DANG": 100 * m, "HOAN_C": 0, "CDK": 265 * m,
                            "CHUA_DK": 200 * m, "HOAN_KHAC": 300 * m, "TDC": 0, "SO_RIENG": 0, "CCDK": 500 * m,
                            "CKS": 600 * m, "RATE": "62.26"}


def test_the_group_mapping_is_configuration() -> None:
    histories, units = example()
    wider = GroupMapping(frozenset({"48.1.c", "48.1.a"}))
    got = compute_report(histories, units, "HUE", *YEAR_2025, mapping=wider)
    assert (got["cases"]["CDK"], got["money"]["CDK"]) == (6, 565_000_000)
    assert (got["cases"]["RATE"], got["money"]["RATE"]) == ("50.00", "29.20")  # THADS.md §4.4


def test_key_order_follows_the_contract() -> None:
    histories, units = example()
    got = compute_report(histories, units, "HUE", *YEAR_2025, by="officer")
    assert list(got) == ["unit", "from", "to", "cases", "money", "groups"]
    assert tuple(got["cases"]) == CASE_KEYS and tuple(got["money"]) == MONEY_KEYS
    assert list(got["groups"]) == ["PV-CHV-03"] and list(got["groups"]["PV-CHV-03"]) == ["cases", "money"]


# --- periods and rates -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("year", "months", "expected"), [
    (2025, 12, (date(2024, 10, 1), date(2025, 9, 30))), (2025, 6, (date(2024, 10, 1), date(2025, 3, 31))),
    (2025, 3, (date(2024, 10, 1), date(2024, 12, 31))), (2024, 5, (date(2023, 10, 1), date(2024, 2, 29))),
    (2025, 1, (date(2024, 10, 1), date(2024, 10, 31))), (2026, 10, (date(2025, 10, 1), date(2026, 7, 31)))])
def test_a_k_month_period_runs_from_1_october_to_the_end_of_its_kth_month(year: int, months: int,
                                                                         expected: tuple[date, date]) -> None:
    assert statistical_year_period(year, months) == expected


def test_a_period_has_one_to_twelve_months() -> None:
    with pytest.raises(ValueError):
        statistical_year_period(2025, 13)


@pytest.mark.parametrize(("num", "den", "expected"), [
    (165, 265, "62.26"), (3, 5, "60.00"), (1, 800, "0.13"), (1, 8, "12.50"), (2, 3, "66.67"), (0, 7, "0.00"),
    (5, 5, "100.00"), (0, 0, None), (10**18 + 1, 10**18, "100.00")])
def test_rate_has_two_decimals_rounded_half_up_and_is_null_without_base(num: int, den: int,
                                                                        expected: str | None) -> None:
    assert rate(num, den) == expected


def test_a_six_month_report_classifies_at_its_own_end_date() -> None:
    h = history(make_case("C", date(2024, 11, 1)), (date(2024, 12, 1), K.VERIFIED_ABLE),
                (date(2025, 2, 1), K.PAYMENT, 40), (date(2025, 5, 1), K.PAYMENT, 60), (date(2025, 5, 1), K.COMPLETED))
    six, twelve = report([h], period=statistical_year_period(2025, 6)), report([h])
    assert (six["cases"]["DANG"], six["cases"]["XONG"], six["money"]["XONG"], six["money"]["CKS"]) == (1, 0, 40, 60)
    assert (twelve["cases"]["DANG"], twelve["cases"]["XONG"], twelve["money"]["XONG"]) == (0, 1, 100)


# --- placement ---------------------------------------------------------------------------------------------------

def test_a_case_resumed_from_the_separate_book_is_new_with_its_outstanding_as_base() -> None:
    h = history(make_case("S", date(2022, 1, 1), amount=50), (date(2022, 2, 1), K.CLASSIFIED_UNABLE, "44a.1.a"),
                (date(2022, 3, 1), K.PAYMENT, 10), (date(2023, 1, 1), K.SEPARATE_BOOK),
                (date(2025, 1, 10), K.RESUMED), (date(2025, 2, 1), K.PAYMENT, 40), (date(2025, 2, 1), K.COMPLETED))
    got = report([h])
    assert (got["cases"]["CU"], got["cases"]["MOI"], got["money"]["MOI"]) == (0, 1, 40)
    assert (got["cases"]["XONG"], got["money"]["XONG"], got["cases"]["RATE"]) == (1, 40, "100.00")
    before = report([h], period=(date(2023, 10, 1), date(2024, 9, 30)))
    assert before["cases"]["TT"] == 0  # in the separate book and not resumed: not in the report


def test_cases_out_of_the_period_are_not_in_the_report() -> None:
    done = history(make_case("D", date(2023, 1, 1)), (date(2023, 2, 1), K.REVOKED))
    later = history(make_case("L", date(2025, 10, 1)))
    book_ended = history(make_case("E", date(2022, 1, 1)), (date(2022, 2, 1), K.CLASSIFIED_UNABLE, "44a.1.b"),
                         (date(2023, 1, 1), K.SEPARATE_BOOK), (date(2025, 1, 1), K.TERMINATED, "50.1.a"))
    assert report([done, later, book_ended])["cases"]["TT"] == 0


def test_a_case_decided_in_the_period_into_the_separate_book_counts_in_so_rieng() -> None:
    h = history(make_case("N", date(2024, 10, 1), amount=7), (date(2024, 11, 1), K.CLASSIFIED_UNABLE, "44a.1.c"),
                (date(2025, 6, 1), K.SEPARATE_BOOK))
    got = report([h])
    assert (got["cases"]["MOI"], got["cases"]["SO_RIENG"], got["money"]["SO_RIENG"], got["cases"]["CCDK"]) == (1, 1, 7, 1)


def test_the_money_of_a_final_event_is_the_outstanding_at_that_moment() -> None:
    ut = history(make_case("U", date(2024, 1, 1), amount=100), (date(2024, 12, 1), K.PAYMENT, 30),
                 (date(2025, 1, 1), K.ENTRUSTED_OUT))
    dc = history(make_case("T", date(2024, 12, 1), amount=100), (date(2024, 12, 2), K.REDUCED, 25),
                 (date(2025, 1, 1), K.TERMINATED, "50.1.c"))
    got = report([ut, dc])
    assert (got["money"]["UT"], got["money"]["DC"], got["money"]["XONG"], got["money"]["GIAM"]) == (70, 75, 30, 25)
    assert (got["money"]["CU"], got["money"]["PTH"], got["money"]["CDK"], got["money"]["RATE"]) == (100, 130, 130, "100.00")


def test_events_after_the_period_are_ignored() -> None:
    h = history(make_case("C", date(2025, 1, 1)), (date(2025, 10, 1), K.PAYMENT, 100), (date(2025, 10, 1), K.COMPLETED))
    got = report([h])
    assert (got["cases"]["DANG"], got["money"]["DANG"], got["money"]["XONG"]) == (1, 100, 0)


# --- units, officers and breakdowns ------------------------------------------------------------------------------

def test_a_moved_case_counts_for_the_unit_holding_it_at_the_end_of_the_period() -> None:
    h = history(make_case("M", date(2024, 11, 1), unit="A1"), (date(2025, 5, 1), K.MOVED, "B"))
    counted = {u: report([h], unit=u)["cases"]["TT"] for u in TREE}
    assert counted == {"HUE": 1, "A": 0, "A1": 0, "B": 1}
    six = {u: report([h], unit=u, period=statistical_year_period(2025, 6))["cases"]["TT"] for u in TREE}
    assert six == {"HUE": 1, "A": 1, "A1": 1, "B": 0}


def test_by_unit_groups_by_the_holder_and_by_officer_by_the_officer_at_the_end() -> None:
    hs = [history(make_case("1", date(2024, 11, 1), unit="A1", officer=None)),
          history(make_case("2", date(2024, 11, 1), unit="A"), (date(2025, 1, 1), K.REASSIGNED, "O2")),
          history(make_case("3", date(2024, 11, 1), unit="B"), (date(2025, 10, 1), K.REASSIGNED, "O2"))]
    assert list(report(hs, unit="A", by="unit")["groups"]) == ["A", "A1"]
    groups = report(hs, by="officer")["groups"]
    assert {k: v["cases"]["TT"] for k, v in groups.items()} == {"": 1, "O1": 1, "O2": 1}
    assert list(report(hs, by="initiation")["groups"]) == ["theo_don"]


def test_unknown_units_and_breakdowns_are_refused() -> None:
    with pytest.raises(ValueError):
        report([], unit="NOPE")
    with pytest.raises(ValueError):
        report([], by="colour")


# --- properties over random contract-valid histories -------------------------------------------------------------

CASE_UNITS = ("A", "A1", "B")
OFFICERS = (None, "O1", "O2")
START = date(2022, 6, 1)
# Final events are drawn less often, and the separate-book path more often, so long histories are common.
WEIGHT = {K.COMPLETED: 1, K.TERMINATED: 1, K.ENTRUSTED_OUT: 1, K.REVOKED: 1, K.SEPARATE_BOOK: 12, K.RESUMED: 6,
          K.CLASSIFIED_UNABLE: 8}


@st.composite
def case_histories(draw: st.DrawFn) -> list[CaseHistory]:
    """Random histories that obey interchange.md §1: allowed transitions, money never above what is outstanding,
    ``completed`` only at zero, dates never going back."""
    out = []
    for n in range(draw(st.integers(0, 12))):
        obligations = tuple(ObligationRec(str(j), "tra_no", "person", draw(st.integers(0, 6)) * 10)
                            for j in range(1, draw(st.integers(1, 3)) + 1))
        case = CaseRec(f"C{n}", draw(st.sampled_from(CASE_UNITS)), START + timedelta(days=draw(st.integers(0, 1200))),
                       None, draw(st.sampled_from(("chu_dong", "theo_don"))),
                       draw(st.sampled_from(("dan_su", "hinh_su"))), None, draw(st.sampled_from(OFFICERS)), None, None,
                       obligations)
        snap: Snapshot = initial(case)
        events: list[EventRec] = []
        for _ in range(draw(st.integers(0, 14))):
            allowed = sorted(k for k in CONTRACT_ALLOWED[snap.state] if k is not K.COMPLETED or snap.outstanding == 0)
            if not allowed:
                break
            kind = draw(st.sampled_from([k for k in allowed for _ in range(WEIGHT.get(k, 3))]))
            on = snap.on + timedelta(days=draw(st.integers(0, 120)))
            extra: dict[str, Any] = {}
            if kind in GROUNDS_BY_KIND:
                extra["ground"] = draw(st.sampled_from(GROUNDS_BY_KIND[kind]))
            elif kind in (K.PAYMENT, K.REDUCED):
                j = draw(st.integers(0, len(obligations) - 1))
                left = snap.outstanding_by_obligation[j]
                extra = {"obligation": obligations[j].id, "amount": draw(st.sampled_from((0, left, left // 2)))}
            elif kind is K.MOVED:
                extra["unit"] = draw(st.sampled_from(CASE_UNITS))
            elif kind is K.REASSIGNED:
                extra["officer"] = draw(st.sampled_from(OFFICERS[1:]))
            elif kind is K.ENTRUSTED_OUT:
                extra["to"] = "Cục THADS tỉnh Quảng Nam"
            ev = EventRec(case.id, on, kind, **extra)
            if return_request_error(case, ev):  # 38.4 only from 01/07/2026 on an on-request case (issue 14 item 14)
                ev = EventRec(case.id, on, kind, ground="50.1.c")
            assert violation(snap, ev, case.id) is None
            snap = apply(snap, ev)
            events.append(ev)
        out.append(CaseHistory(case, tuple(events)))
    return out


periods = st.tuples(st.integers(2023, 2026), st.integers(1, 12)).map(lambda ym: statistical_year_period(*ym))
_RAW_KEYS = [("cases", k) for k in CASE_KEYS if k != "RATE"] + [("money", k) for k in MONEY_KEYS if k != "RATE"]
PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def in_report(h: CaseHistory, f: date, t: date) -> bool:
    """CU ∪ MOI, straight from the definitions of interchange.md §2 (a naive reference, through ``state_at``)."""
    if h.case.decided_on > t:
        return False
    if h.case.decided_on >= f:
        return True
    before = h.state_before(f).state
    if before is State.SEPARATE_BOOK:
        return any(e.kind is K.RESUMED and f <= e.on <= t for e in h.events)
    return before not in FINAL_STATES


@PROPS
@given(case_histories(), periods)
def test_the_identities_of_the_report_hold(hs: list[CaseHistory], period: tuple[date, date]) -> None:
    got = report(hs, period=period)
    for part in ("cases", "money"):
        r = got[part]
        assert r["TT"] == r["CU"] + r["MOI"]
        assert r["PTH"] == r["CDK"] + r["CCDK"]
    f, t = period
    placed = [h for h in hs if in_report(h, f, t)]
    at_to = [h.state_at(t) for h in placed]
    open_ = [s for s in at_to if s.state not in FINAL_STATES]
    assert got["cases"]["TT"] == len(placed)
    assert got["cases"]["CKS"] == len(open_)
    assert got["money"]["CKS"] == sum(s.outstanding for s in open_)
    assert got["money"]["DANG"] == sum(s.outstanding for s in open_ if s.state in (State.DECIDED, State.ENFORCING))
    assert got["cases"]["TDC"] == sum(s.state is State.SUSPENDED for s in open_)
    assert got["cases"]["HOAN_C"] == sum(s.state is State.POSTPONED and s.ground == "48.1.c" for s in open_)
    payments = [e for h in placed for e in h.events if f <= e.on <= t]
    assert got["money"]["XONG"] == sum(e.amount or 0 for e in payments if e.kind is K.PAYMENT)
    assert got["money"]["GIAM"] == sum(e.amount or 0 for e in payments if e.kind is K.REDUCED)


@PROPS
@given(case_histories())
def test_outstanding_is_never_negative_and_sums_its_obligations(hs: list[CaseHistory]) -> None:
    for h in hs:
        for _, snap in h.snapshots():
            assert snap.outstanding >= 0 and min(snap.outstanding_by_obligation) >= 0
            assert snap.outstanding == sum(snap.outstanding_by_obligation)


@PROPS
@given(case_histories(), periods)
def test_a_parent_report_is_the_sum_of_its_children_and_breakdowns_sum_to_totals(
        hs: list[CaseHistory], period: tuple[date, date]) -> None:
    total, a, b = (report(hs, unit=u, period=period) for u in ("HUE", "A", "B"))
    for part, key in _RAW_KEYS:
        assert total[part][key] == a[part][key] + b[part][key]
    for by in BY_KEYS:
        groups = report(hs, period=period, by=by)["groups"]
        assert list(groups) == sorted(groups)
        for part, key in _RAW_KEYS:
            assert sum(g[part][key] for g in groups.values()) == total[part][key]
        assert all(g["cases"]["TT"] > 0 for g in groups.values())


@PROPS
@given(case_histories())
def test_generated_histories_pass_the_validator_and_round_trip(hs: list[CaseHistory]) -> None:
    lines = ['{"type": "unit", "code": "HUE", "name": "Huế", "parent": null}']
    lines += [f'{{"type": "unit", "code": "{u}", "name": "{u}", "parent": "{TREE[u]}"}}' for u in CASE_UNITS]
    lines += [f'{{"type": "officer", "code": "{o}", "name": "{o}", "unit": "A"}}' for o in OFFICERS[1:]]
    for h in hs:
        lines += [dumps(h.case)] + [dumps(e) for e in h.events]
    result = validate(lines)
    assert result.ok
    assert [dumps(h.case) for h in result.histories()] == [dumps(h.case) for h in hs]
    assert [dumps(e) for e in result.events] == [dumps(e) for h in hs for e in h.events]
