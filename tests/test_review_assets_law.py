"""Review of issue 15's assets-and-coercion rules against the law text (Luật THADS "Điều 30.2.LQ.N", Decree 62/2015
"30.2.NĐ.1.N"): one table-driven test per fix, citing the article, and a property test that the money of a sale is
neither lost nor created.

Fixes: the exit ban of an organisation reaches its legal representative (Decree 62 Art. 51.1); Art. 78.3 caps each
month's income deduction, not each receipt; Art. 47.3 first paragraph: a mortgagee who is himself the judgment creditor is paid after the coercion
costs and through his case's ledger, not outside it (he was paid twice before)."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.test_assets_auction import _case, _clean, _distrain, _ledger, _payments, day, workday
from tests.test_assets_measures import d, walk  # noqa: F401 (the fixture)
from thads.assets import actions
from thads.assets.actions import do_record_asset, do_register_debtor
from thads.assets.actions_auction import (
    do_record_auction_session,
    do_record_sale_proceeds,
    do_sign_auction_contract,
    do_value_asset,
)
from thads.assets.actions_coercion import do_plan_coercion, do_record_cost
from thads.assets.errors import AssetsRefused
from thads.assets.models import CostEntry, MeasureEvent
from thads.cases.models import Case
from thads.domain.allocation import DecisionDue, ObligationDue
from thads.domain.auction import split_proceeds, take_terms
from thads.domain.measure_rules import asset_refusal, collection_refusal
from thads.domain.measures import MeasureKind as K

# ------------------------------------------------------------------------------------------------ pure rules


@pytest.mark.parametrize("debtor, representative, code", [
    pytest.param("person", "", None, id="Decree 62 Art. 51 / Law 49-2019 Art. 36: a person"),
    pytest.param("organisation", "Nguyễn Văn An (Giám đốc)", None,
                 id="Decree 62 Art. 51.1: an organisation's legal representative"),
    pytest.param("organisation", "  ", "measure.exit_ban_person",
                 id="Decree 62 Art. 51.1: the representative must be named"),
])
def test_the_exit_ban_reaches_an_organisations_legal_representative(debtor, representative, code):
    found = asset_refusal(K.EXIT_BAN, None, debtor_kind=debtor, representative=representative)
    assert (found.code if found else None) == code


@pytest.mark.parametrize("amount, collected, months, code", [
    pytest.param(3_000_000, 0, 1, None, id="Art. 78.3: the first month up to the monthly amount"),
    pytest.param(1, 3_000_000, 1, "collect.over_decided", id="Art. 78.3: a second receipt in the same month"),
    pytest.param(1_000_000, 2_000_000, 1, None, id="Art. 78.3: two receipts adding up to the monthly amount"),
    pytest.param(3_000_000, 3_000_000, 2, None, id="Art. 78.3: a late transfer of last month's deduction"),
    pytest.param(3_000_001, 0, 3, "collect.over_decided", id="Art. 78.3: no receipt above the monthly amount"),
])
def test_an_income_deduction_is_capped_per_month_not_per_receipt(amount, collected, months, code):
    found = collection_refusal(K.INCOME_DEDUCTION, amount, collected=collected, measure_amount=3_000_000,
                               months=months)
    assert (found.code if found else None) == code


_money = st.integers(min_value=0, max_value=10**12)
_obligation = st.tuples(st.sampled_from(["an_phi", "cap_duong", "tra_no", "boi_thuong"]), _money)


@given(proceeds=_money, secured=_money, after=st.booleans(), costs=st.lists(_money, max_size=3),
       cases=st.lists(st.lists(_obligation, min_size=1, max_size=3), max_size=3))
def test_the_proceeds_of_a_sale_are_split_to_the_last_dong_art_47(proceeds, secured, after, costs, cases):
    decisions = [DecisionDue(i, tuple(ObligationDue(str(j), kind, owed) for j, (kind, owed) in enumerate(obs)))
                 for i, obs in enumerate(cases)]
    split = split_proceeds(proceeds, secured_amount=secured, costs=dict(enumerate(costs)), decisions=decisions,
                           secured_after_costs=after)
    assert split.secured + split.costs_total + split.to_cases + split.surplus == proceeds
    assert min(split.secured, split.costs_total, split.to_cases, split.surplus) >= 0
    assert split.secured <= secured and split.costs_total <= sum(costs)
    if after:  # 47.3 first paragraph: the costs before the secured creditor
        assert split.costs_total == min(proceeds, sum(costs))
    else:  # 47.3 second paragraph: the mortgagee who is no party before everything
        assert split.secured == min(proceeds, secured)
    for due in decisions:
        for ob in due.obligations:
            assert 0 <= split.decisions.get(due.case, {}).get(ob.id, 0) <= ob.outstanding
    if split.surplus:  # 47.2.c: only what is left after every obligation goes back to the debtor
        assert split.to_cases == sum(ob.outstanding for due in decisions for ob in due.obligations)


@given(value=_money, claim=_money, costs=_money, senior=_money)
def test_the_creditor_taking_the_asset_accounts_for_its_value_exactly_art_104_2(value, claim, costs, senior):
    terms = take_terms(value, claim, costs=costs, senior=senior)
    assert terms.credited + terms.cash_due == value
    assert 0 <= terms.credited <= claim and min(terms.costs, terms.senior, terms.difference) >= 0


# ------------------------------------------------------------------------------------------------ Art. 47.3 (1)

MAI = "Nguyễn Thị Mai"


@pytest.fixture
def mortgaged_to_creditor(staff, org):
    """Debt case A (600,000,000 to Mai, decided day 4) and a court-fee case; the debtor's house is mortgaged to Mai
    herself for 200,000,000 and distrained on case A."""
    fee = _case(staff, org, initiation="chu_dong", kind="an_phi", beneficiary="state", amount=3_000_000, decided=2)
    debt = _case(staff, org, initiation="theo_don", kind="tra_no", beneficiary="person", amount=600_000_000,
                 creditor=MAI, decided=4)
    for case in (fee, debt):
        person = do_register_debtor(staff["officer_a"], case.pk, name="Lê Văn Đức", id_number="046090001234",
                                    address="Phú Thuận")
    house = do_record_asset(staff["officer_a"], person.pk, kind="house", description="Nhà ở, thửa 112",
                            found_on=day(10), estimated_value=1_000_000_000, encumbrance="thế chấp",
                            secured_creditor=MAI, secured_amount=200_000_000)
    return {"fee": fee, "a": debt, "house": house, "measure": _distrain(staff, debt, house, 20, 22)}


def test_a_mortgagee_who_is_the_judgment_creditor_is_paid_after_the_costs_and_in_the_ledger_art_47_3(
        staff, mortgaged_to_creditor):
    w, officer = mortgaged_to_creditor, staff["officer_a"]
    plan = do_plan_coercion(officer, w["a"].pk, starts_at=datetime.combine(workday(20), time(8, 0)),
                            place="Phú Thuận",
                            mobilised_forces=False, measure_id=w["measure"].pk)
    do_record_cost(staff["head_a"], w["a"].pk, on=day(23), amount=5_000_000, plan_id=plan.pk,
                   description="Thẩm định giá")
    do_value_asset(officer, w["house"].pk, method="appraised", on=day(25), value=700_000_000)
    contract = do_sign_auction_contract(officer, w["house"].pk, organisation="Trung tâm đấu giá",
                                        contract_no="1/HĐ", signed_on=day(27))
    sold = do_record_auction_session(officer, contract.pk, held_on=day(40), starting_price=700_000_000,
                                     outcome="sold", sale_price=700_000_000, buyer="Công ty Minh Phát")
    disposal = do_record_sale_proceeds(staff["accountant_a"], sold.pk, on=day(195), receipt_no="BL-7")

    # 47.3 (1): the costs first (5,000,000), then Mai's 200,000,000 on her own obligation, in her case's ledger
    assert list(CostEntry.objects.filter(kind="recovered").values_list("amount", flat=True)) == [5_000_000]
    assert disposal.details["secured"] == {"creditor": MAI, "amount": 200_000_000, "basis": "47.3",
                                           "case": w["a"].ext_id}
    # then Art. 47.1: the fee (47.1.b) and the 400,000,000 Mai is still owed; 92,000,000 back to the debtor.
    # Before the fix Mai had 200,000,000 outside the ledger AND 600,000,000 on her case: 800,000,000 for a
    # 600,000,000 judgment.
    assert _payments(w["a"]) == [(200_000_000, "1", "BL-7"), (400_000_000, "1", "BL-7")]
    assert sum(a for _, a, _ in _ledger(w["a"])) == 600_000_000
    assert _payments(w["fee"]) == [(3_000_000, "1", "BL-7")]
    assert disposal.details["surplus"] == 92_000_000
    assert 5_000_000 + 200_000_000 + 400_000_000 + 3_000_000 + 92_000_000 == disposal.value == 700_000_000
    for case in (w["a"], w["fee"]):
        assert Case.objects.get(pk=case.pk).outstanding == 0
    _clean()


def test_a_mortgagee_who_is_no_party_is_still_paid_first_outside_the_ledger_art_47_3_second_paragraph(
        staff, mortgaged_to_creditor):
    w = mortgaged_to_creditor
    type(w["house"]).objects.filter(pk=w["house"].pk).update(secured_creditor="Ngân hàng Á Châu")
    do_value_asset(staff["officer_a"], w["house"].pk, method="appraised", on=day(25), value=700_000_000)
    contract = do_sign_auction_contract(staff["officer_a"], w["house"].pk, organisation="Trung tâm đấu giá",
                                        contract_no="1/HĐ", signed_on=day(27))
    sold = do_record_auction_session(staff["officer_a"], contract.pk, held_on=day(40), starting_price=700_000_000,
                                     outcome="sold", sale_price=700_000_000, buyer="Công ty Minh Phát")
    disposal = do_record_sale_proceeds(staff["accountant_a"], sold.pk, on=day(195),
                                       receipt_no="BL-8")
    assert disposal.details["secured"] == {"creditor": "Ngân hàng Á Châu", "amount": 200_000_000, "basis": "47.3"}
    assert _payments(w["a"]) == [(497_000_000, "1", "BL-8")]
    _clean()


# ------------------------------------------------------------------------------------------------ Art. 78.3, wired


@pytest.mark.parametrize("second_on, refused", [
    pytest.param(d(27), True, id="Art. 78.3: a second full deduction in the same month"),
    pytest.param(d(20, 4), False, id="Art. 78.3: the next month's deduction"),
])
def test_a_wage_deduction_collects_at_most_the_monthly_amount_each_month(walk, second_on, refused):
    officer = walk["officer_a"]
    wage = actions.do_record_asset(officer, walk["debtor"].pk, kind="wage", description="Lương tại Công ty Y",
                                   found_on=d(18), holder="Công ty Y", estimated_value=10_000_000)
    measure = actions.do_decide_measure(officer, walk["one"].pk, kind="income_deduction", on=d(18),
                                        asset_id=wage.pk, amount=3_000_000)
    actions.do_execute_measure(officer, measure.pk, on=d(19))
    actions.do_collect_by_measure(officer, measure.pk, on=d(20), amount=3_000_000, receipt_no="BL-1")
    if refused:
        with pytest.raises(AssetsRefused) as caught:
            actions.do_collect_by_measure(officer, measure.pk, on=second_on, amount=3_000_000, receipt_no="BL-2")
        assert caught.value.code == "collect.over_decided"
    else:
        actions.do_collect_by_measure(officer, measure.pk, on=second_on, amount=3_000_000, receipt_no="BL-2")
    assert MeasureEvent.objects.filter(measure=measure, kind="collected").count() == (1 if refused else 2)
