"""The enforcement fee (issue 14 items 1-4): TT 216/2016/TT-BTC Arts. 4-6, Luật THADS Art. 60. Pure rules
(``thads.domain.fees``, re-exported by ``thads.domain.money``); each table cites the article and failed on the code
before issue 14 (a flat 3 %, two thirds off agency collections, one payout at a time, no exemption by kind)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thads.domain.fees import DEFAULT_FEE_BANDS, FeeExemption, FeeTiming, fee_exemption, full_fee, load_bands
from thads.domain.ledger import PriorPayout, payout_fee, payout_fee_decision, prior_payout
from thads.domain.money import MoneyError, enforcement_fee

ON = date(2025, 3, 1)  # base salary 2,340,000: no fee up to 4,680,000
ON_2017 = date(2017, 1, 5)  # base salary 1,210,000: no fee up to 2,420,000 (the circular's own period)
BN = 1_000_000_000


# ------------------------------------------------------------------------------- item 1: Art. 4.1 bands


@pytest.mark.parametrize(("amount", "fee"), [
    pytest.param(100_000_000, 3_000_000, id="TT216-4.1.a-3pct"),
    pytest.param(5 * BN, 150_000_000, id="TT216-4.1.a-5bn"),
    pytest.param(6 * BN, 170_000_000, id="TT216-4.1.b-150m+2pct-over-5bn"),
    pytest.param(7 * BN, 190_000_000, id="TT216-4.1.b-7bn"),
    pytest.param(8 * BN, 200_000_000, id="TT216-4.1.c-190m+1pct-over-7bn"),
    pytest.param(10 * BN, 220_000_000, id="TT216-4.1.c-10bn"),
    pytest.param(12 * BN, 230_000_000, id="TT216-4.1.d-220m+0.5pct-over-10bn"),
    pytest.param(15 * BN, 245_000_000, id="TT216-4.1.d-15bn"),
    pytest.param(18 * BN, 245_300_000, id="TT216-4.1.dd-circular-example-18bn"),
    pytest.param(15 * BN + 5_000, 245_000_001, id="TT216-4.1.dd-rounded-half-up"),
])
def test_tt216_art_4_1_the_fee_bands(amount, fee):
    assert enforcement_fee(amount, FeeTiming.COERCED, on=ON) == fee


def test_tt216_art_4_1_the_bands_are_data_and_join_without_a_step():
    assert load_bands() == DEFAULT_FEE_BANDS
    for band in DEFAULT_FEE_BANDS[1:]:
        assert full_fee(band.over, on=ON) == band.base  # each band starts where the one below ends


@given(st.integers(min_value=0, max_value=40 * BN), st.integers(min_value=1, max_value=BN))
def test_tt216_art_4_1_the_fee_never_falls_when_more_is_received(amount, more):
    assert full_fee(amount + more, on=ON) >= full_fee(amount, on=ON)


# ------------------------------------------------------------------------------- item 2: Arts. 4.4 / 4.5


@pytest.mark.parametrize(("timing", "fee"), [
    pytest.param("coerced", 3_000_000, id="TT216-4.5-collected-by-the-agency-full-fee"),
    pytest.param("before_coercion", 3_000_000, id="TT216-4.5-legacy-before-coercion-is-an-agency-collection"),
    pytest.param("direct", 1_000_000, id="TT216-4.4-handed-over-between-the-parties-one-third"),
    pytest.param("voluntary", 0, id="TT216-6.8-voluntary-period-no-fee"),
])
def test_tt216_art_4_4_one_third_only_for_a_direct_handover(timing, fee):
    assert enforcement_fee(100_000_000, timing, on=ON) == fee


@pytest.mark.parametrize(("timing", "fee"), [
    pytest.param("coerced", 3_000_000, id="TT216-4.5-payout-full-fee"),
    pytest.param("before_coercion", 3_000_000, id="TT216-4.5-payout-legacy-value-full-fee"),
])
def test_tt216_art_4_5_a_payout_is_money_the_agency_collected(timing, fee):
    assert payout_fee(100_000_000, "person", timing, ON) == fee


def test_tt216_art_4_4_a_payout_cannot_be_a_direct_handover():
    with pytest.raises(MoneyError) as exc:
        payout_fee(100_000_000, "person", "direct", ON)
    assert "Điều 4.5" in exc.value.message_vi


# ------------------------------------------------------------------------------- item 3: Arts. 5.2-5.3, 6.4


def _instalments(amounts, on, timing="coerced"):
    prior: list[PriorPayout] = []
    fees = []
    for amount in amounts:
        decided = payout_fee_decision(amount, "person", timing, on, kind="tra_no", prior=prior)
        fees.append(decided.fee)
        prior.append(prior_payout(amount, decided.details()))
    return fees


@pytest.mark.parametrize(("amounts", "on", "fees"), [
    pytest.param([3 * BN, 4 * BN, 4_500_000_000, 4 * BN, 1_500_000_000, 1 * BN], ON,
                 [90_000_000, 100_000_000, 37_500_000, 17_550_000, 150_000, 100_000],
                 id="TT216-5.2-circular-example-18bn-in-six-payouts"),
    pytest.param([1_000_000, 1_000_000, 1_000_000, 2_000_000], ON_2017, [0, 0, 90_000, 60_000],
                 id="TT216-5.3-circular-example-small-payouts-cross-the-threshold"),
    pytest.param([4_000_000, 4_000_000], ON, [0, 240_000], id="TT216-5.3-6.4-two-payouts-under-the-threshold-each"),
    pytest.param([5 * BN, 5 * BN], ON, [150_000_000, 70_000_000], id="TT216-5.2-the-second-payout-is-in-higher-bands"),
])
def test_tt216_art_5_2_split_payouts_pay_what_one_payout_would(amounts, on, fees):
    assert _instalments(amounts, on) == fees
    assert sum(fees) == full_fee(sum(amounts), on=on)


@given(st.lists(st.integers(min_value=1, max_value=6 * BN), min_size=1, max_size=6))
def test_tt216_art_5_2_any_split_adds_up_to_the_fee_of_the_total(amounts):
    assert sum(_instalments(amounts, ON)) == full_fee(sum(amounts), on=ON)


@pytest.mark.parametrize(("amount", "details", "prior"), [
    pytest.param(3_000_000, {"fee": 0, "fee_base": 3_000_000}, PriorPayout(3_000_000, 0), id="kept-base"),
    pytest.param(3_000_000, {"fee": 0, "fee_base": 0, "fee_exemption": "6.1"}, PriorPayout(0, 0), id="exempt"),
    pytest.param(50_000_000, {"fee": 500_000}, PriorPayout(50_000_000, 500_000), id="legacy-with-fee"),
    pytest.param(50_000_000, {"fee": 0}, PriorPayout(0, 0), id="legacy-without-fee"),
    pytest.param(50_000_000, '{"fee": 1500000}', PriorPayout(50_000_000, 1_500_000), id="json-text"),
])
def test_tt216_art_5_2_earlier_payouts_are_read_from_their_history_details(amount, details, prior):
    assert prior_payout(amount, details) == prior


def test_tt216_art_5_5_an_earlier_legacy_one_third_is_caught_up_never_refunded():
    legacy = [prior_payout(100_000_000, {"fee": 1_000_000})]  # the old "before coercion" third
    assert payout_fee(100_000_000, "person", "coerced", ON, prior=legacy) == 5_000_000  # 6 m − 1 m
    overpaid = [PriorPayout(100_000_000, 9_000_000)]
    assert payout_fee(100_000_000, "person", "coerced", ON, prior=overpaid) == 0


# ------------------------------------------------------------------------------- item 4: Art. 6 exemptions


@pytest.mark.parametrize(("kind", "options", "exemption"), [
    pytest.param("cap_duong", {}, FeeExemption.PERSONAL_CLAIMS, id="TT216-6.1-maintenance"),
    pytest.param("boi_thuong", {"stated": "6.1"}, FeeExemption.PERSONAL_CLAIMS, id="TT216-6.1-damages-life-health"),
    pytest.param("khac", {"stated": "6.1"}, FeeExemption.PERSONAL_CLAIMS, id="TT216-6.1-wages-allowances"),
    pytest.param("tra_lai_tai_san", {"proactive": True}, FeeExemption.RETURNED_36_2_B, id="TT216-6.7-returned-36.2.b"),
    pytest.param("tra_lai_tai_san", {"proactive": False}, None, id="TT216-6.7-not-in-an-on-request-case"),
    pytest.param("tra_no", {"timing": "voluntary"}, FeeExemption.VOLUNTARY_PERIOD, id="TT216-6.8-voluntary-period"),
    pytest.param("boi_thuong", {}, None, id="TT216-6.1-other-damages-bear-the-fee"),
    pytest.param("tra_no", {}, None, id="TT216-4.1-a-debt-bears-the-fee"),
])
def test_tt216_art_6_exemptions_by_obligation_kind(kind, options, exemption):
    assert fee_exemption(kind, **options) == exemption


@pytest.mark.parametrize(("kind", "options", "fee", "point"), [
    pytest.param("cap_duong", {}, 0, "6.1", id="TT216-6.1-maintenance-payout"),
    pytest.param("boi_thuong", {"exemption": "6.1"}, 0, "6.1", id="TT216-6.1-stated-on-the-payout"),
    pytest.param("tra_lai_tai_san", {"proactive": True}, 0, "6.7", id="TT216-6.7-payout"),
    pytest.param("tra_lai_tai_san", {"proactive": False}, 3_000_000, "", id="TT216-6.7-on-request-pays"),
    pytest.param("tra_no", {}, 3_000_000, "", id="TT216-4.5-debt-payout-pays"),
])
def test_tt216_art_6_an_exempt_payout_withholds_no_fee_and_says_why(kind, options, fee, point):
    decided = payout_fee_decision(100_000_000, "person", "coerced", ON, kind=kind, **options)
    assert (decided.fee, decided.exemption) == (fee, point)
    assert decided.base == (0 if point else 100_000_000)  # exempt money does not count towards the cumulative fee


def test_the_state_budget_and_an_unset_timing_pay_no_fee():
    assert payout_fee_decision(100_000_000, "state", "coerced", ON).details() == {
        "fee": 0, "fee_base": 0, "fee_timing": ""}
    assert payout_fee(100_000_000, "person", None, ON) == 0
