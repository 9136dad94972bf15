"""Valuation, auction and proceeds rules (``thads.domain.auction``): Luật THADS Arts. 47, 98, 99, 101, 102, 104;
Decree 62/2015 Arts. 26.2, 43.1.b; TTLT 11/2016 Arts. 4.3, 7.2–7.3. Tables cite the article; a Hypothesis
invariant checks that the split of proceeds is exact."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thads.domain.allocation import DecisionDue, ObligationDue
from thads.domain.auction import (
    SessionRec,
    ValuationRec,
    contract_refusal,
    creditor_take_refusal,
    lowest_reduced_price,
    next_session,
    session_refusal,
    split_proceeds,
    take_terms,
    valuation_refusal,
)

D = date(2026, 3, 10)
APPRAISED = ValuationRec("appraised", D, 1_000_000_000)


def _s(seq, price, outcome, reductions=0, sale=0):
    return SessionRec(seq, date(2026, 4, seq), price, outcome, reductions, sale)


# ------------------------------------------------------------------------------------------------ valuation


@pytest.mark.parametrize(("method", "value", "earlier", "sessions", "ground", "field"), [
    ("agreed", 500_000_000, [], [], "", None),  # 98.1
    ("appraised", 500_000_000, [], [], "", None),  # 98.2
    ("appraised", 0, [], [], "", "value"),
    ("appraised", 500_000_000, [APPRAISED], [], "", "method"),  # a second valuation is a re-appraisal (Art. 99)
    ("officer", 8_000_000, [], [], "", None),  # 98.3.b small value (Decree 62 Art. 26.2: at most 10,000,000)
    ("officer", 10_000_001, [], [], "", "ground"),  # over the small-value limit, no ground
    ("officer", 900_000_000, [], [], "98.3.a", None),  # 98.3.a no appraisal contract could be signed
    ("reappraised", 900_000_000, [], [], "", "method"),  # nothing to re-appraise
    ("reappraised", 900_000_000, [APPRAISED], [], "", None),  # 99.1.b a party's request
    ("reappraised", 900_000_000, [APPRAISED, ValuationRec("reappraised", D, 9)], [], "", "method"),  # once only
    ("reappraised", 900_000_000, [APPRAISED], [_s(1, 10, "unsold")], "99.1.b", "method"),  # after the auction
    ("reappraised", 900_000_000, [APPRAISED], [_s(1, 10, "unsold")], "99.1.a", None),  # officer's breach
    ("appraised", 5, [], [_s(1, 10, "sold", sale=10)], "", ""),  # sold: no valuation
], ids=["art-98.1-agreed", "art-98.2-appraised", "zero", "art-99-second-is-reappraisal", "art-98.3.b-small",
        "art-98.3-needs-ground", "art-98.3.a-no-contract", "art-99-nothing-to-reappraise", "art-99.1.b",
        "art-99.1.b-once", "art-99.1.b-before-announcement", "art-99.1.a-breach", "after-sale"])
def test_which_valuations_may_be_recorded(method, value, earlier, sessions, ground, field):
    why = valuation_refusal(method, value, on=D, earlier=earlier, sessions=sessions, ground=ground)
    assert (why[0] if why else None) == field


@pytest.mark.parametrize(("valuation", "field"), [
    (None, ""),
    (ValuationRec("appraised", D, 1_999_999), ""),  # 101.4: sold without auction
    (ValuationRec("appraised", D, 2_000_000), None),
    (ValuationRec("appraised", date(2026, 3, 11), 2_000_000), "signed_on"),
], ids=["art-98-not-valued", "art-101.4-below-2m", "art-101.3-2m", "signed-before-valuation"])
def test_an_auction_contract_needs_the_price(valuation, field):
    why = contract_refusal(valuation, D)
    assert (why[0] if why else None) == field


# ------------------------------------------------------------------------------------------------ sessions


@pytest.mark.parametrize(("previous", "lowest"), [
    (1_000_000_000, 900_000_000), (900_000_000, 810_000_000), (999, 900), (1_001, 901)],
    ids=["art-104.5-10pc", "art-104.5-second", "rounded-up", "rounded-up-odd"])
def test_a_reduction_is_at_most_ten_percent_of_the_last_starting_price(previous, lowest):
    assert lowest_reduced_price(previous) == lowest
    assert (previous - lowest) * 100 <= previous * 10


@pytest.mark.parametrize(("sessions", "price", "outcome", "sale", "buyer", "floor", "field"), [
    ([], 1_000_000_000, "unsold", 0, "", 0, None),  # 98.1/99.3: the valuation is the starting price
    ([], 990_000_000, "unsold", 0, "", 0, "starting_price"),
    ([_s(1, 1_000_000_000, "unsold")], 900_000_000, "unsold", 0, "", 0, None),  # 104.1, 104.5
    ([_s(1, 1_000_000_000, "unsold")], 899_999_999, "unsold", 0, "", 0, "starting_price"),  # more than 10 %
    ([_s(1, 1_000_000_000, "unsold")], 1_000_000_000, "unsold", 0, "", 0, "starting_price"),  # not reduced
    ([_s(1, 1_000_000_000, "unsold")], 950_000_000, "sold", 960_000_000, "Công ty X", 0, None),
    ([_s(1, 1_000_000_000, "unsold")], 950_000_000, "sold", 940_000_000, "Công ty X", 0, "sale_price"),
    ([_s(1, 1_000_000_000, "unsold")], 950_000_000, "sold", 960_000_000, "", 0, "buyer"),
    ([_s(1, 1_000_000_000, "unsold")], 950_000_000, "unsold", 5, "", 0, "sale_price"),
    ([_s(1, 1_000_000_000, "unsold")], 900_000_000, "unsold", 0, "", 900_000_000, "starting_price"),  # 104.3
    ([_s(1, 1_000_000_000, "cancelled")], 1_000_000_000, "unsold", 0, "", 0, None),  # 102: same price
    ([_s(1, 1_000_000_000, "sold", sale=1)], 1_000_000_000, "unsold", 0, "", 0, ""),  # sold: no more sessions
    ([_s(1, 1_000_000_000, "sold", sale=1)], 1_000_000_000, "cancelled", 0, "", 0, None),  # 102: cancel the sale
], ids=["art-98.1-first", "art-98.1-first-other-price", "art-104.5-ten-percent", "art-104.5-over",
        "art-104.1-must-reduce", "sold", "sold-below-start", "sold-no-buyer", "unsold-with-price",
        "art-104.3-at-costs", "art-102-after-cancel", "after-sale", "art-102-cancel-sale"])
def test_the_starting_price_and_outcome_of_a_session(sessions, price, outcome, sale, buyer, floor, field):
    held = date(2026, 5, 1)
    why = session_refusal(price, outcome, sale, buyer, held, valuations=[APPRAISED], sessions=sessions, floor=floor)
    assert (why[0] if why else None) == field


def test_a_session_after_a_new_valuation_starts_at_it():
    later = ValuationRec("reappraised", date(2026, 4, 20), 700_000_000)  # 99.1.a after the first session
    rule = next_session([APPRAISED, later], [_s(1, 1_000_000_000, "unsold")])
    assert (rule.lowest, rule.highest, rule.reductions) == (700_000_000, 700_000_000, 0)


@pytest.mark.parametrize(("sessions", "price", "field"), [
    ([_s(1, 100, "unsold"), _s(2, 90, "unsold", 1), _s(3, 81, "unsold", 2)], 81, None),  # after the 2nd reduction
    ([_s(1, 100, "unsold"), _s(2, 90, "unsold", 1)], 90, ""),  # only one reduction so far
    ([_s(1, 100, "unsold"), _s(2, 90, "unsold", 1), _s(3, 81, "unsold", 2)], 90, "price"),  # not the last price
    ([_s(1, 100, "unsold"), _s(2, 90, "unsold", 1), _s(3, 81, "cancelled", 2)], 81, ""),
    ([], 81, ""),
], ids=["art-104.2-after-second-reduction", "art-104.2-one-reduction", "art-104.2-price", "cancelled", "none"])
def test_when_the_creditor_may_take_the_asset(sessions, price, field):
    why = creditor_take_refusal(sessions, price)
    assert (why[0] if why else None) == field


@pytest.mark.parametrize(("value", "claim", "costs", "senior", "credited", "cash"), [
    (81_000_000, 100_000_000, 0, 0, 81_000_000, 0),  # worth less than the claim: all credited
    (81_000_000, 50_000_000, 0, 0, 50_000_000, 31_000_000),  # TTLT 7.2: he pays the difference
    (81_000_000, 100_000_000, 6_000_000, 3_000_000, 72_000_000, 9_000_000),  # costs and 47.1.a-b paid in cash
    (81_000_000, 50_000_000, 6_000_000, 3_000_000, 50_000_000, 31_000_000),  # difference covers them
    (5_000_000, 100_000_000, 6_000_000, 3_000_000, 5_000_000, 0),  # TTLT 7.3: value at or below the costs
], ids=["art-104.2-below-claim", "ttlt-7.2-difference", "ttlt-7.2-senior", "ttlt-7.2-both", "ttlt-7.3-below-costs"])
def test_the_terms_when_the_creditor_takes_the_asset(value, claim, costs, senior, credited, cash):
    terms = take_terms(value, claim, costs=costs, senior=senior)
    assert (terms.credited, terms.cash_due) == (credited, cash)
    assert terms.credited + terms.cash_due == value


# ------------------------------------------------------------------------------------------------ proceeds


def _decisions():
    return [DecisionDue("fee", (ObligationDue("ap", "an_phi", 3_000_000, "state"),), since=date(2026, 1, 5)),
            DecisionDue("debt", (ObligationDue("no", "tra_no", 50_000_000),), since=date(2026, 1, 9))]


@pytest.mark.parametrize(("proceeds", "secured", "costs", "want"), [
    # 47.3 the mortgagee first, then the costs (47.1 opening), then 47.1.b court fee, 47.1.c debt, 47.2.c surplus
    (100_000_000, 40_000_000, {"debt": 2_000_000}, (40_000_000, {"debt": 2_000_000}, 3_000_000, 50_000_000, 5_000_000)),
    (30_000_000, 40_000_000, {"debt": 2_000_000}, (30_000_000, {"debt": 0}, 0, 0, 0)),  # all to the mortgagee
    (41_000_000, 40_000_000, {"debt": 2_000_000}, (40_000_000, {"debt": 1_000_000}, 0, 0, 0)),
    (44_000_000, 40_000_000, {"debt": 2_000_000}, (40_000_000, {"debt": 2_000_000}, 2_000_000, 0, 0)),  # 47.1.b
    (10_000_000, 0, {"fee": 1_000_000, "debt": 3_000_000}, (0, {"fee": 1_000_000, "debt": 3_000_000},
                                                            3_000_000, 3_000_000, 0)),
    (2_000_000, 0, {"fee": 1_000_000, "debt": 3_000_000}, (0, {"fee": 500_000, "debt": 1_500_000}, 0, 0, 0)),
], ids=["art-47.3-then-47.1-then-47.2.c", "art-47.3-mortgagee-takes-all", "art-47.1-costs-short",
        "art-47.1.b-before-47.1.c", "costs-of-two-cases", "costs-pro-rata"])
def test_the_split_of_the_proceeds(proceeds, secured, costs, want):
    split = split_proceeds(proceeds, secured_amount=secured, costs=costs, decisions=_decisions())
    got = (split.secured, dict(split.costs), split.decisions["fee"]["ap"], split.decisions["debt"]["no"],
           split.surplus)
    assert got == want


def test_the_costs_may_come_before_the_mortgagee_when_configured():
    split = split_proceeds(41_000_000, secured_amount=40_000_000, costs={"debt": 2_000_000},
                           decisions=_decisions(), secured_after_costs=True)
    assert (split.costs["debt"], split.secured) == (2_000_000, 39_000_000)


def test_a_coercion_decision_pays_the_decisions_known_by_its_date_first():
    # 47.2.b; Decree 62 Art. 49.1: coercion decided on 07/01/2026, after the fee case, before the debt case.
    decisions = [DecisionDue("debt", (ObligationDue("no", "tra_no", 50_000_000),), since=date(2026, 1, 5)),
                 DecisionDue("late", (ObligationDue("no", "tra_no", 50_000_000),), since=date(2026, 1, 9))]
    split = split_proceeds(60_000_000, decisions=decisions, coercion_on=date(2026, 1, 7))
    assert (split.decisions["debt"]["no"], split.decisions["late"]["no"]) == (50_000_000, 10_000_000)


_money = st.integers(min_value=0, max_value=10**12)


@given(proceeds=_money, secured=_money, costs=st.lists(_money, max_size=3),
       owed=st.lists(st.tuples(st.sampled_from(["an_phi", "cap_duong", "tra_no"]), _money), max_size=4),
       after=st.booleans())
def test_the_split_sums_exactly_to_the_proceeds_and_no_part_is_negative(proceeds, secured, costs, owed, after):
    decisions = [DecisionDue(i, (ObligationDue("o", kind, amount),)) for i, (kind, amount) in enumerate(owed)]
    split = split_proceeds(proceeds, secured_amount=secured, costs=dict(enumerate(costs)), decisions=decisions,
                           secured_after_costs=after)
    parts = [split.secured, split.surplus, *split.costs.values(),
             *(v for p in split.decisions.values() for v in p.values())]
    assert sum(parts) == proceeds
    assert min(parts) >= 0
    assert split.secured <= secured
    assert all(split.costs[i] <= c for i, c in enumerate(costs))
    assert all(split.decisions[i]["o"] <= amount for i, (_, amount) in enumerate(owed))
    if split.surplus:  # 47.2.c: only what is left after everyone is paid goes back to the debtor
        assert split.secured == secured and split.costs_total == sum(costs)
        assert split.to_cases == sum(amount for _, amount in owed)


@given(value=_money, claim=_money, costs=_money, senior=_money)
def test_the_take_terms_add_up(value, claim, costs, senior):
    terms = take_terms(value, claim, costs=costs, senior=senior)
    assert terms.credited + terms.cash_due == value
    assert min(terms.credited, terms.costs, terms.senior, terms.difference) >= 0
    assert terms.credited <= claim and terms.costs <= costs and terms.senior <= senior
