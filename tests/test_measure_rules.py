"""The pure rules of measures (``thads.domain.measure_rules``) and of what follows from verification
(``thads.domain.measure_followup``): tables of cases named by the article they test, and Hypothesis for the
invariants (money split between costs and the case adds up; the income cap never exceeds 30 %)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thads.domain.act_types import CaseFacts
from thads.domain.calendar import national_calendar
from thads.domain.measure_followup import (
    AssetRec,
    MeasureRec,
    RequestRec,
    Verification,
    engine_records,
    info_reply_due,
    measure_deadlines,
    new_information,
    unable_proposal,
)
from thads.domain.measure_rules import (
    EXEMPT_GROUNDS,
    INCOME_CAP_PERCENT,
    AssetView,
    Step,
    amount_refusal,
    asset_refusal,
    collection_refusal,
    costs_outstanding,
    execution_refusal,
    exempt_ground_refusal,
    income_deduction_cap,
    lifecycle_refusal,
    split_collection,
    timing_refusal,
    title_may,
)
from thads.domain.measures import MeasureKind as K
from thads.domain.states import Phase

CAL = national_calendar()
D = date(2026, 3, 3)  # decided
UNTIL = date(2026, 3, 16)  # last day of the voluntary period


def facts(phase: Phase | None = Phase.VOLUNTARY, **kw) -> CaseFacts:
    base = {"decided_on": D, "voluntary_until": UNTIL} if phase is not None else {}
    return CaseFacts(phase=phase, **{**base, **kw})


@pytest.mark.parametrize("kind, phase, on, kw, code", [
    pytest.param(K.ACCOUNT_FREEZE, Phase.VOLUNTARY, date(2026, 3, 9), {}, None, id="Art. 66.1, 45.2: a freeze at once"),
    pytest.param(K.EXIT_BAN, Phase.VOLUNTARY, date(2026, 3, 9), {}, None, id="Decree 62 Art. 51: any time after decision"),
    pytest.param(K.DISTRAINT, Phase.VOLUNTARY, date(2026, 3, 16), {}, "measure.voluntary", id="Art. 46.1: last day"),
    pytest.param(K.DISTRAINT, Phase.VERIFYING, date(2026, 3, 17), {}, None, id="Art. 46.1: the day after"),
    pytest.param(K.DISTRAINT, Phase.VOLUNTARY, date(2026, 3, 9), {"urgent": True}, None, id="Art. 45.2: hiding assets"),
    pytest.param(K.ACCOUNT_DEDUCTION, Phase.DECIDED, date(2026, 3, 4), {}, "measure.voluntary",
                 id="Art. 45.1: not notified yet, no voluntary period has run"),
    pytest.param(K.ACCOUNT_DEDUCTION, Phase.ENFORCING, date(2026, 3, 4), {"voluntary_until": None}, None,
                 id="Art. 44: an imported case already enforced, its period's last day unknown"),
    pytest.param(K.ACCOUNT_DEDUCTION, Phase.DECIDED, date(2026, 3, 4), {"interim": True}, None,
                 id="Arts. 36.2.đ, 44.1: an interim measure has no voluntary period"),
    pytest.param(K.ACCOUNT_FREEZE, None, date(2026, 3, 4), {}, "measure.no_decision", id="Art. 70.2: no decision"),
    pytest.param(K.ACCOUNT_FREEZE, Phase.VOLUNTARY, date(2026, 3, 2), {}, "measure.no_decision",
                 id="Art. 70.2: before the decision"),
    pytest.param(K.ACCOUNT_FREEZE, Phase.POSTPONED, date(2026, 4, 1), {}, "measure.halted", id="Art. 48: postponed"),
    pytest.param(K.ACCOUNT_FREEZE, Phase.SUSPENDED, date(2026, 4, 1), {}, "measure.halted", id="Art. 49: suspended"),
    pytest.param(K.ACCOUNT_FREEZE, Phase.COMPLETED, date(2026, 4, 1), {}, "measure.final", id="Art. 52: completed"),
    pytest.param(K.ACCOUNT_FREEZE, Phase.NOT_YET_ABLE, date(2026, 4, 1), {}, None,
                 id="Art. 66.1: a freeze stops dissipation also when not yet able"),
    pytest.param(K.ACCOUNT_DEDUCTION, Phase.NOT_YET_ABLE, date(2026, 4, 1), {}, "measure.not_able",
                 id="Decree 62 Art. 9.4: continuation before coercion"),
])
def test_when_a_measure_may_be_decided(kind, phase, on, kw, code):
    urgent = kw.pop("urgent", False)
    found = timing_refusal(kind, facts(phase, **kw), on, urgent=urgent)
    assert (found.code if found else None) == code


@pytest.mark.parametrize("kind, asset, debtor, code", [
    pytest.param(K.ACCOUNT_FREEZE, AssetView("bank_account"), "person", None, id="Art. 67.1: an account"),
    pytest.param(K.ACCOUNT_FREEZE, AssetView("held_by_third_party"), "person", None, id="Art. 67.1: a deposit"),
    pytest.param(K.ACCOUNT_FREEZE, AssetView("land"), "person", "measure.asset_kind", id="Art. 67.1: not land"),
    pytest.param(K.ACCOUNT_DEDUCTION, AssetView("bank_account"), "person", None, id="Art. 76: an account"),
    pytest.param(K.INCOME_DEDUCTION, AssetView("pension"), "person", None, id="Art. 78.1: a pension"),
    pytest.param(K.INCOME_DEDUCTION, AssetView("bank_account"), "person", "measure.asset_kind", id="Art. 78.1"),
    pytest.param(K.THIRD_PARTY_COLLECTION, AssetView("receivable"), "organisation", None, id="Art. 81: receivable"),
    pytest.param(K.THIRD_PARTY_COLLECTION, AssetView("business_income"), "person", None, id="Art. 79: business"),
    pytest.param(K.DISTRAINT, AssetView("vehicle"), "person", None, id="Art. 96: a vehicle"),
    pytest.param(K.DISTRAINT, AssetView("shares"), "organisation", None, id="Art. 92: capital contribution"),
    pytest.param(K.DISTRAINT, AssetView("movable", exempt_ground="87.2.e"), "person", "measure.art87",
                 id="Art. 87.2.e: household necessities"),
    pytest.param(K.ASSET_SEIZURE, AssetView("movable", exempt_ground="87.2.e"), "person", None,
                 id="Art. 87 forbids distraint, not a seizure"),
    pytest.param(K.DISTRAINT, AssetView("house", estimated_value=500, secured_amount=400), "person", None,
                 id="Art. 90.1: worth more than the secured debt"),
    pytest.param(K.DISTRAINT, AssetView("house", estimated_value=500, secured_amount=450), "person", "measure.art90",
                 id="Art. 90.1: not more than secured debt plus costs"),
    pytest.param(K.DISTRAINT, AssetView("house", estimated_value=0, secured_amount=450), "person", None,
                 id="Art. 90.1: an unknown value is not refused"),
    pytest.param(K.DISTRAINT, AssetView("land", status="sold"), "person", "measure.asset_gone", id="Art. 103: sold"),
    pytest.param(K.DISTRAINT, None, "person", "measure.asset_required", id="Art. 71.3: distraint of an asset"),
    pytest.param(K.FORCED_HANDOVER, None, "person", None, id="Art. 71.5: the thing the judgment names"),
    pytest.param(K.EXIT_BAN, None, "person", None, id="Decree 62 Art. 51: a person"),
    pytest.param(K.EXIT_BAN, None, "organisation", "measure.exit_ban_person", id="Decree 62 Art. 51: not a company"),
    pytest.param(K.FORCED_ACT, AssetView("land"), "person", "measure.no_asset", id="Art. 71.6: an act, no asset"),
])
def test_which_assets_a_measure_applies_to(kind, asset, debtor, code):
    found = asset_refusal(kind, asset, debtor_kind=debtor, costs=60)
    assert (found.code if found else None) == code


@pytest.mark.parametrize("ground, debtor, code", [
    pytest.param("87.1", "organisation", None, id="Art. 87.1: every debtor"),
    pytest.param("87.2.d", "person", None, id="Art. 87.2.d: worship objects of a person"),
    pytest.param("87.2.d", "organisation", "asset.exempt_debtor_kind", id="Art. 87.2: a person's only"),
    pytest.param("87.3.c", "organisation", None, id="Art. 87.3.c: safety equipment of an enterprise"),
    pytest.param("87.4", "person", "asset.exempt_unknown", id="Art. 87 has three clauses"),
])
def test_an_art_87_ground_is_a_point_of_art_87_for_the_right_debtor(ground, debtor, code):
    found = exempt_ground_refusal(ground, debtor)
    assert (found.code if found else None) == code


def test_art_87_lists_its_ten_points():
    assert sorted(EXEMPT_GROUNDS) == ["87.1", "87.2.a", "87.2.b", "87.2.c", "87.2.d", "87.2.e", "87.2.đ", "87.3.a",
                                      "87.3.b", "87.3.c"]


@pytest.mark.parametrize("kind, amount, kw, code", [
    pytest.param(K.ACCOUNT_DEDUCTION, 110, {"owed": 100, "costs": 10}, None, id="Art. 76.1: debt plus costs"),
    pytest.param(K.ACCOUNT_DEDUCTION, 111, {"owed": 100, "costs": 10}, "measure.amount_over", id="Art. 76.1: above"),
    pytest.param(K.ACCOUNT_FREEZE, 111, {"owed": 100, "costs": 10}, "measure.amount_over",
                 id="TTLT 02/2014 Art. 10.1: the freeze matches the deduction"),
    pytest.param(K.INCOME_DEDUCTION, 3_000_000, {"owed": 0, "monthly_income": 10_000_000}, None, id="Art. 78.3: 30 %"),
    pytest.param(K.INCOME_DEDUCTION, 3_000_001, {"owed": 0, "monthly_income": 10_000_000}, "measure.income_cap",
                 id="Art. 78.3: above 30 %"),
    pytest.param(K.INCOME_DEDUCTION, 1, {"owed": 0}, "measure.income_unknown", id="Art. 78.3: income needed"),
    pytest.param(K.DISTRAINT, 0, {"owed": 0}, None, id="no amount for a distraint"),
])
def test_how_much_may_be_frozen_or_deducted(kind, amount, kw, code):
    found = amount_refusal(kind, amount, **kw)
    assert (found.code if found else None) == code


@given(income=st.integers(min_value=0, max_value=10**12))
def test_the_income_cap_is_never_above_30_percent_art_78_3(income):
    cap = income_deduction_cap(income)
    assert 0 <= cap * 100 <= INCOME_CAP_PERCENT * income < (cap + 1) * 100


@pytest.mark.parametrize("step, status, ok", [
    (Step.EXECUTE, "decided", True), (Step.EXECUTE, "executed", False), (Step.COLLECT, "executed", True),
    (Step.COLLECT, "decided", False), (Step.COLLECT, "released", False), (Step.COLLECT, "cancelled", False),
    (Step.RELEASE, "decided", True), (Step.RELEASE, "executed", True), (Step.RELEASE, "released", False),
    (Step.CANCEL, "decided", True), (Step.CANCEL, "executed", False),
], ids=lambda v: str(v))
def test_the_life_of_a_measure(step, status, ok):
    assert (lifecycle_refusal(step, status) is None) == ok


@pytest.mark.parametrize("kind, amount, collected, decided, code", [
    pytest.param(K.ACCOUNT_DEDUCTION, 40, 60, 100, None, id="Art. 76.1: up to the decided amount"),
    pytest.param(K.ACCOUNT_DEDUCTION, 41, 60, 100, "collect.over_decided", id="Art. 76.1: above it in total"),
    pytest.param(K.INCOME_DEDUCTION, 30, 300, 30, None, id="Art. 78.3: each month up to the monthly amount"),
    pytest.param(K.INCOME_DEDUCTION, 31, 0, 30, "collect.over_decided", id="Art. 78.3: above the monthly amount"),
    pytest.param(K.THIRD_PARTY_COLLECTION, 10**9, 0, 0, None, id="Art. 81: no amount decided"),
    pytest.param(K.DISTRAINT, 10, 0, 0, "collect.not_money", id="Art. 101: a sale's money is the auction's"),
    pytest.param(K.ACCOUNT_DEDUCTION, 0, 0, 100, "collect.not_positive", id="nothing collected"),
])
def test_what_a_measure_may_collect(kind, amount, collected, decided, code):
    found = collection_refusal(kind, amount, collected=collected, measure_amount=decided)
    assert (found.code if found else None) == code


@given(amount=st.integers(min_value=0, max_value=10**13),
       entries=st.lists(st.tuples(st.sampled_from(["charged", "recovered", "waived"]),
                                  st.integers(min_value=0, max_value=10**10)), max_size=8))
def test_money_collected_is_split_into_costs_and_case_money_that_add_up_art_47_1_and_73_6(amount, entries):
    owed = costs_outstanding(entries)
    cost, case = split_collection(amount, owed)
    assert cost + case == amount and 0 <= cost <= owed and case >= 0
    assert case == 0 or cost == owed  # the costs are paid first


@pytest.mark.parametrize("title, step, ok", [
    ("officer", Step.DECIDE, True), ("head", Step.RELEASE, True), ("deputy", Step.EXECUTE, True),
    ("clerk", Step.VERIFY, True), ("clerk", Step.DECIDE, False), ("accountant", Step.COLLECT, True),
    ("accountant", Step.DECIDE, False), ("statistician", Step.VERIFY, False), ("reception", Step.VERIFY, False),
    ("verifier", Step.COLLECT, False), ("", Step.VERIFY, False),
], ids=lambda v: str(v))
def test_who_may_take_each_step(title, step, ok):
    assert title_may(title, step) == ok


@pytest.mark.parametrize("kind, phase, on, code", [
    pytest.param(K.DISTRAINT, Phase.ENFORCING, date(2026, 3, 29), "measure.rest_day", id="Art. 46.2: a Sunday"),
    pytest.param(K.DISTRAINT, Phase.ENFORCING, date(2026, 4, 30), "measure.rest_day", id="Art. 46.2: a holiday"),
    pytest.param(K.ACCOUNT_DEDUCTION, Phase.ENFORCING, date(2026, 3, 29), None, id="the bank deducts any day"),
    pytest.param(K.DISTRAINT, Phase.ENFORCING, date(2026, 3, 27), None, id="a Friday"),
    pytest.param(K.DISTRAINT, Phase.POSTPONED, date(2026, 3, 27), "measure.halted", id="Art. 48: postponed"),
    pytest.param(K.DISTRAINT, Phase.ENFORCING, date(2026, 3, 2), "measure.before_decision", id="before the decision"),
])
def test_when_a_measure_may_be_carried_out(kind, phase, on, code):
    found = execution_refusal(kind, facts(phase), on, D, CAL)
    assert (found.code if found else None) == code


@pytest.mark.parametrize("sent, kind, due", [
    pytest.param(date(2026, 3, 19), "land", date(2026, 3, 24), id="Art. 44.6.b: 3 working days over a weekend"),
    pytest.param(date(2026, 3, 19), "bank_account", date(2026, 3, 19), id="Art. 44.6.b: account information at once"),
    pytest.param(date(2026, 3, 21), "bank_account", date(2026, 3, 23), id="at once, on the next working day"),
])
def test_the_reply_deadline_of_an_information_request(sent, kind, due):
    assert info_reply_due(sent, kind, CAL) == due


def _rec(mid: int, kind: K, decided: date, asset: int | None = 1, status: str = "executed", **kw) -> MeasureRec:
    return MeasureRec(mid, 7, kind, status, decided, asset, **kw)


@pytest.mark.parametrize("measures, due", [
    pytest.param([_rec(1, K.ACCOUNT_FREEZE, date(2026, 3, 9))], date(2026, 3, 19), id="Art. 67.3: 10 days"),
    pytest.param([_rec(1, K.ACCOUNT_FREEZE, date(2026, 3, 10))], date(2026, 3, 20), id="Art. 67.3: to a Friday"),
    pytest.param([_rec(1, K.ACCOUNT_FREEZE, date(2026, 3, 11))], date(2026, 3, 23), id="Art. 67.3: Saturday rolls"),
    pytest.param([_rec(1, K.ACCOUNT_FREEZE, date(2026, 3, 9)), _rec(2, K.ACCOUNT_DEDUCTION, date(2026, 3, 12))],
                 None, id="Art. 67.3: followed by a deduction"),
    pytest.param([_rec(1, K.ACCOUNT_FREEZE, date(2026, 3, 9)),
                  _rec(2, K.ACCOUNT_DEDUCTION, date(2026, 3, 12), status="cancelled")],
                 date(2026, 3, 19), id="Art. 67.3: a cancelled deduction does not follow it"),
    pytest.param([_rec(1, K.ACCOUNT_FREEZE, date(2026, 3, 9), status="released")], None, id="Art. 77: released"),
    pytest.param([_rec(1, K.ASSET_SEIZURE, date(2026, 3, 9))], None, id="Art. 68.5: ownership not established yet"),
    pytest.param([_rec(1, K.ASSET_SEIZURE, date(2026, 3, 9), follow_from=date(2026, 3, 13))], date(2026, 3, 23),
                 id="Art. 68.5: 10 days from ownership"),
])
def test_a_security_measure_is_followed_by_a_coercive_one_within_10_days(measures, due):
    found = measure_deadlines(measures, CAL, date(2026, 3, 15))
    assert [dl.due for _, dl in found] == ([due] if due else [])


ACCOUNT = AssetRec(1, "bank_account", date(2026, 3, 6), estimated_value=80)
WAGE = AssetRec(2, "wage", date(2026, 3, 6), estimated_value=10)
TOOL = AssetRec(3, "movable", date(2026, 3, 6), exempt_ground="87.2.đ")
PLEDGED = AssetRec(4, "house", date(2026, 3, 6), estimated_value=100, secured_amount=95)
ANSWERED = RequestRec(7, date(2026, 3, 5), "land", date(2026, 3, 9))
OPEN = RequestRec(7, date(2026, 3, 10), "land")


@pytest.mark.parametrize("v, phase, ground", [
    pytest.param(Verification((), (ANSWERED,)), Phase.VERIFYING, "44a.1.a", id="Art. 44a.1.a: nothing found"),
    pytest.param(Verification((TOOL,), ()), Phase.ENFORCING, "44a.1.a", id="Art. 44a.1.a: only Art. 87 assets"),
    pytest.param(Verification((PLEDGED,), (), costs=10), Phase.VERIFYING, "44a.1.a",
                 id="Art. 44a.1.a: worth only the costs beyond the secured debt"),
    pytest.param(Verification((AssetRec(1, "bank_account", date(2026, 3, 6), "exhausted"),), ()), Phase.ENFORCING,
                 "44a.1.a", id="Art. 44a.1.a: the account is empty"),
    pytest.param(Verification((ACCOUNT,), (ANSWERED,)), Phase.VERIFYING, None, id="an account to deduct"),
    pytest.param(Verification((WAGE,), (ANSWERED,)), Phase.VERIFYING, None, id="Art. 44a.1.a: income left"),
    pytest.param(Verification((), (ANSWERED, OPEN)), Phase.VERIFYING, None, id="Art. 44.6: a reply is awaited"),
    pytest.param(Verification((), (), declared_on=date(2026, 3, 5)), Phase.VERIFYING, None,
                 id="Art. 44.1: the declaration alone is not a verification"),
    pytest.param(Verification((), (ANSWERED,)), Phase.NOT_YET_ABLE, None, id="Art. 44a: already classified"),
    pytest.param(Verification((ACCOUNT,), (), address_unknown_since=date(2026, 3, 20)), Phase.VERIFYING, "44a.1.c",
                 id="Art. 44a.1.c: address unknown"),
])
def test_what_verification_proposes(v, phase, ground):
    found = unable_proposal(facts(phase), v)
    assert (found.ground if found else None) == ground


def test_an_asset_found_after_the_unable_decision_is_new_information_decree_62_art_9_4():
    unable = facts(Phase.NOT_YET_ABLE, unable_since=date(2026, 3, 10))
    v = Verification((ACCOUNT, AssetRec(5, "land", date(2026, 4, 2), estimated_value=300), TOOL), ())
    assert new_information(unable, v) == [date(2026, 4, 2)]
    kinds = [r.act for r in engine_records(unable, 7, v)]
    assert kinds == ["new_information"]


def test_only_unanswered_requests_of_the_case_go_to_the_engine_art_44_6_b():
    v = Verification((), (ANSWERED, OPEN, RequestRec(8, date(2026, 3, 11), "bank_account")))
    records = engine_records(facts(Phase.VERIFYING), 7, v)
    assert [(r.act, r.on, r.details) for r in records] == [("request_information", date(2026, 3, 10),
                                                            {"account": False})]


def test_an_asset_found_keeps_the_case_out_of_the_separate_book_decree_62_art_9_5_c():
    """The engine replays the register's records with the case's acts: the separate-book move (1 year after the
    "chưa có điều kiện" decision, re-verified twice) is cancelled by the asset found, which opens its own 10-day
    verification (Decree 62 Art. 9.4)."""
    from thads.domain.deadlines import ActRecord, open_deadlines

    unable = CaseFacts(phase=Phase.NOT_YET_ABLE, decided_on=date(2024, 10, 1), unable_since=date(2025, 1, 10),
                       reverification_count=2)
    history = [ActRecord("decide", date(2024, 10, 1)), ActRecord("notify_debtor", date(2024, 10, 2)),
               ActRecord("classify_unable", date(2025, 1, 10), ground="44a.1.a"),
               ActRecord("reverify", date(2025, 7, 10)), ActRecord("reverify", date(2026, 1, 12))]
    today = date(2026, 2, 1)
    codes = {dl.code: dl.due for dl in open_deadlines(history, unable, CAL, today)}
    assert codes["separate_book.move"] == date(2026, 1, 15)
    found = Verification((AssetRec(1, "land", date(2026, 1, 20), estimated_value=300),), ())
    codes = {dl.code: dl.due for dl in open_deadlines(history + engine_records(unable, 7, found), unable, CAL, today)}
    assert "separate_book.move" not in codes and codes["verify.new_information"] == date(2026, 1, 30)
