"""Coercion plans, valuation, auction, sale proceeds and the creditor taking an asset, through the actions of
``thads.assets.actions_coercion`` and ``thads.assets.actions_auction`` (Luật THADS Arts. 46.2, 47, 72, 73, 98–104,
126; Decree 62/2015 Arts. 13.2, 49.1; TTLT 11/2016 Art. 7).

One debtor (one ID number) with three decided cases in branch A: a proactive court-fee case (3,000,000 to the
budget), an on-request debt case A (600,000,000 to Nguyễn Thị Mai) decided before the distraint, a debt case B
(300,000,000 to Trần Văn Hùng) decided after it. A house mortgaged to a bank (200,000,000) is distrained on case A,
valued, auctioned twice (unsold at the valuation, sold after a 10 % reduction) and the proceeds split: the bank
(47.3), the coercion costs (47.1), the court fee and debt A (47.2.b: decisions known at the coercion decision),
then debt B. A car distrained on case B stays unsold after two reductions and Hùng takes it (104.2). The register,
the assets and the distraints are written by helper A's actions (``assets.actions``, ``assets.actions_measures``)."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from thads.assets.actions import do_record_asset, do_register_debtor
from thads.assets.actions_auction import (
    do_creditor_takes_asset,
    do_record_auction_session,
    do_record_sale_proceeds,
    do_return_asset,
    do_sign_auction_contract,
    do_value_asset,
)
from thads.assets.actions_coercion import do_plan_coercion, do_record_cost, do_record_plan_result
from thads.assets.actions_measures import do_decide_measure, do_execute_measure
from thads.assets.errors import AssetsRefused
from thads.assets.models import (
    Asset,
    AssetDisposal,
    AuctionSession,
    CoercionPlan,
    CostEntry,
    DebtorCase,
    Measure,
    MeasureEvent,
    Valuation,
)
from thads.cases.actions import ObligationData, PartyData, do_act, do_receive
from thads.cases.ledger.integrity import money_findings
from thads.cases.ledger.models import LedgerEntry
from thads.cases.models import Case, CaseEvent
from thads.domain.calendar import national_calendar
from thads.org.models import AuditEvent

TODAY = timezone.localdate()
D0 = TODAY - timedelta(days=200)
ID = "046090001234"
BANK = "Ngân hàng TMCP Á Châu"
CALENDAR = national_calendar()


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def _case(staff, org, *, initiation, kind, beneficiary, amount, creditor=None, decided):
    case = do_receive(staff["head_a"], org["units"]["A"], on=day(0), initiation=initiation, judgment_kind="dan_su",
                      judgment_number="45/2024/DS-ST", judgment_date=day(-30),
                      debtors=[PartyData("Lê Văn Đức", ID, "Phú Thuận")],
                      creditors=[PartyData(creditor)] if creditor else [],
                      obligations=[ObligationData(kind, beneficiary, amount)])
    do_act(staff["head_a"], case.pk, "decide", day(decided), decision_no=f"{case.pk}/QĐ",
           officer=staff["officer_a"].officer)
    do_act(staff["officer_a"], case.pk, "notify_debtor", day(decided + 1))
    return Case.objects.get(pk=case.pk)


def workday(n: int) -> date:
    """The first working day from ``day(n)`` (a distraint is carried out on a working day, Art. 46.2)."""
    d = day(n)
    while not CALENDAR.is_working_day(d):
        d += timedelta(days=1)
    return d


def _distrain(staff, case, asset, decided, executed):
    """A distraint decided and carried out through helper A's actions (``do_decide_measure``,
    ``do_execute_measure``)."""
    measure = do_decide_measure(staff["officer_a"], case.pk, kind="distraint", on=day(decided),
                                decision_no=f"KB-{asset.pk}", asset_id=asset.pk)
    do_execute_measure(staff["officer_a"], measure.pk, on=workday(executed), result="Biên bản kê biên")
    return Measure.objects.get(pk=measure.pk)


@pytest.fixture
def debtor(staff, org):
    officer = staff["officer_a"]
    fee = _case(staff, org, initiation="chu_dong", kind="an_phi", beneficiary="state", amount=3_000_000, decided=2)
    debt_a = _case(staff, org, initiation="theo_don", kind="tra_no", beneficiary="person", amount=600_000_000,
                   creditor="Nguyễn Thị Mai", decided=4)
    debt_b = _case(staff, org, initiation="theo_don", kind="tra_no", beneficiary="person", amount=300_000_000,
                   creditor="Trần Văn Hùng", decided=30)
    person = None
    for case in (fee, debt_a, debt_b):
        person = do_register_debtor(officer, case.pk, name="Lê Văn Đức", id_number=ID, address="Phú Thuận")
    assert DebtorCase.objects.filter(debtor=person).count() == 3
    house = do_record_asset(officer, person.pk, kind="house", description="Nhà ở, thửa 112 tờ bản đồ 7",
                            found_on=day(10), estimated_value=1_000_000_000, encumbrance="thế chấp",
                            secured_creditor=BANK, secured_amount=200_000_000)
    car = do_record_asset(officer, person.pk, kind="vehicle", description="Ô tô 47A-123.45", found_on=day(10))
    house_measure = _distrain(staff, debt_a, house, 20, 22)
    car_measure = _distrain(staff, debt_b, car, 45, 46)  # after case B's voluntary period (decided day 30)
    assert Asset.objects.get(pk=house.pk).status == "seized"
    return {"fee": fee, "a": debt_a, "b": debt_b, "debtor": person, "house": house, "car": car,
            "house_measure": house_measure, "car_measure": car_measure}


def _counts():
    return (CaseEvent.objects.count(), LedgerEntry.objects.count(), AuditEvent.objects.count(),
            CostEntry.objects.count(), Valuation.objects.count(), AuctionSession.objects.count(),
            AssetDisposal.objects.count(), CoercionPlan.objects.count(), MeasureEvent.objects.count())


def _payments(case):
    return list(CaseEvent.objects.filter(case=case, kind="payment").order_by("seq").values_list(
        "amount", "obligation__code", "details__receipt_no"))


def _ledger(case):
    return list(LedgerEntry.objects.filter(case=case).order_by("id").values_list("kind", "amount", "receipt_no"))


def _clean():
    assert list(money_findings()) == []  # the ledger is what the history implies
    out = io.StringIO()
    try:
        call_command("check_integrity", stdout=out)  # exits 1 on any inconsistency
    except SystemExit:
        pytest.fail(out.getvalue())


# ------------------------------------------------------------------------------------------------ coercion plans


def _past_tet() -> tuple[date, date]:
    """The latest Tết window (Decree 62 Art. 13.2: 15 days before and after Tết) that ended before today."""
    year = TODAY.year + 1
    while True:
        first, last = CALENDAR.tet_window(year)
        if last < TODAY:
            return first, last
        year -= 1


def _working_day_from(d: date) -> date:
    while not CALENDAR.is_working_day(d):
        d += timedelta(days=1)
    return d


def _at(d: date, hour: int) -> datetime:
    return datetime(d.year, d.month, d.day, hour, 0)


def _tet_case(staff, org):
    """A case decided two months before the last Tết window, so that coercion inside the window is after the
    decision and in the past (its result can be recorded)."""
    first, _ = _past_tet()
    start = first - timedelta(days=60)
    case = do_receive(staff["head_a"], org["units"]["A"], on=start, initiation="theo_don", judgment_kind="dan_su",
                      debtors=[PartyData("Lê Văn Đức", ID, "Phú Thuận")], creditors=[PartyData("Nguyễn Thị Mai")],
                      obligations=[ObligationData("tra_no", "person", 50_000_000)])
    do_act(staff["head_a"], case.pk, "decide", start, decision_no=f"{case.pk}/QĐ", officer=staff["officer_a"].officer)
    return case


def _tet_working_day() -> date:
    first, last = _past_tet()
    d = _working_day_from(first + timedelta(days=20))  # after the Tết holidays, still inside the window
    assert d <= last
    return d


def _sunday_after(d: date) -> date:
    return d + timedelta(days=(6 - d.weekday()) % 7 or 7)


@pytest.mark.parametrize(("when", "forces", "because"), [
    ("tet", True, "Tết"),  # Decree 62 Art. 13.2: Tết ± 15 days, with mobilised forces
    ("sunday", False, "ngày nghỉ"),  # Art. 46.2: a Sunday
    ("night", False, "22:00"),  # Art. 46.2: at night
], ids=["decree-62-13.2-tet", "art-46.2-sunday", "art-46.2-night"])
def test_a_coercion_plan_is_refused_with_the_reason_and_nothing_is_written(staff, org, debtor, when, forces,
                                                                            because):
    if when == "tet":
        case_id, measure_id, starts_at = _tet_case(staff, org).pk, None, _at(_tet_working_day(), 8)
    else:
        case_id, measure_id = debtor["a"].pk, debtor["house_measure"].pk
        starts_at = _at(_sunday_after(day(40)), 8) if when == "sunday" else _at(workday(40), 23)
    before = _counts()
    with pytest.raises(AssetsRefused) as caught:
        do_plan_coercion(staff["officer_a"], case_id, starts_at=starts_at, place="Thôn 3, xã Phú Thuận",
                         mobilised_forces=forces, forces="Công an huyện" if forces else "", cost_estimate=5_000_000,
                         measure_id=measure_id)
    assert because in caught.value.message and caught.value.field == "starts_at"
    assert _counts() == before


def test_a_plan_without_forces_inside_the_tet_window_is_allowed_and_its_result_recorded(staff, org):
    case, on = _tet_case(staff, org), _tet_working_day()
    plan = do_plan_coercion(staff["officer_a"], case.pk, starts_at=_at(on, 8), place="Thôn 3, xã Phú Thuận",
                            mobilised_forces=False)
    assert timezone.localtime(plan.starts_at).replace(tzinfo=None) == _at(on, 8)
    with pytest.raises(AssetsRefused):  # carried out on a Sunday: Art. 46.2
        do_record_plan_result(staff["officer_a"], plan.pk, on=_sunday_after(on), carried_out=True)
    do_record_plan_result(staff["officer_a"], plan.pk, on=on, carried_out=True, result="Đã kê biên")
    plan.refresh_from_db()
    assert (plan.status, plan.carried_out_on) == ("carried_out", on)
    assert AuditEvent.objects.filter(action__in=["assets.plan_coercion", "assets.plan_result"]).count() == 2


def test_a_coercion_plan_dated_before_the_decision_to_enforce_is_refused(staff, debtor):
    """Art. 70.2 / 71: coercion carries out a decision to enforce; a plan before it is a typing error (and could not
    travel in the interchange records, which refuse it)."""
    before = _counts()
    with pytest.raises(AssetsRefused) as caught:
        do_plan_coercion(staff["officer_a"], debtor["a"].pk, starts_at=_at(_working_day_from(day(-20)), 8),
                         place="Phú Thuận", mobilised_forces=False)
    assert caught.value.field == "starts_at" and _counts() == before


# ------------------------------------------------------------------------------------------------ the house


def _sell_house(staff, debtor):
    officer, house = staff["officer_a"], debtor["house"]
    plan = do_plan_coercion(officer, debtor["a"].pk, starts_at=_at(workday(20), 8), place="Phú Thuận",
                            mobilised_forces=True, forces="Công an huyện: 12", cost_estimate=6_000_000,
                            measure_id=debtor["house_measure"].pk)
    do_record_cost(staff["head_a"], debtor["a"].pk, on=day(23), amount=5_000_000, plan_id=plan.pk,
                   description="Thuê thẩm định giá, bồi dưỡng lực lượng cưỡng chế")
    do_value_asset(officer, house.pk, method="appraised", on=day(25), value=1_000_000_000,
                   appraiser="Công ty Thẩm định giá Miền Trung")
    contract = do_sign_auction_contract(officer, house.pk, organisation="Trung tâm Dịch vụ đấu giá tài sản tỉnh",
                                        contract_no="12/2026/HĐ-ĐG", signed_on=day(27))
    first = do_record_auction_session(officer, contract.pk, held_on=day(40), starting_price=1_000_000_000,
                                      outcome="unsold")
    with pytest.raises(AssetsRefused) as caught:  # Art. 104.5: 11 % off is more than 10 %
        do_record_auction_session(officer, contract.pk, held_on=day(60), starting_price=890_000_000, outcome="sold",
                                  sale_price=950_000_000, buyer="Công ty TNHH Minh Phát")
    assert caught.value.field == "starting_price" and "10%" in caught.value.message
    second = do_record_auction_session(officer, contract.pk, held_on=day(60), starting_price=900_000_000,
                                       outcome="sold", sale_price=950_000_000, buyer="Công ty TNHH Minh Phát")
    return first, second


def test_the_house_is_valued_auctioned_twice_and_the_proceeds_split_by_article_47(staff, debtor):
    first, second = _sell_house(staff, debtor)
    assert [(s.seq, s.starting_price, s.reductions, s.outcome) for s in (first, second)] == [
        (1, 1_000_000_000, 0, "unsold"), (2, 900_000_000, 1, "sold")]
    disposal = do_record_sale_proceeds(staff["accountant_a"], second.pk, on=day(192), receipt_no="BL-0101")

    # 47.3: 200,000,000 to the bank, out of the agency's hands: in the disposal, not in any case ledger.
    assert disposal.details["secured"] == {"creditor": BANK, "amount": 200_000_000, "basis": "47.3"}
    # 47.1 opening paragraph, Art. 73.6: the 5,000,000 of costs recovered first.
    assert list(CostEntry.objects.filter(kind="recovered").values_list("case_id", "amount")) == [
        (debtor["a"].pk, 5_000_000)]
    # 47.2.b (Decree 62 Art. 49.1): the decisions known at the distraint (day 20): the fee 3,000,000 (47.1.b) and
    # debt A 600,000,000 in full; the 142,000,000 left to debt B (decided day 30); nothing back to the debtor.
    assert _payments(debtor["fee"]) == [(3_000_000, "1", "BL-0101")]
    assert _payments(debtor["a"]) == [(600_000_000, "1", "BL-0101")]
    assert _payments(debtor["b"]) == [(142_000_000, "1", "BL-0101")]
    assert _ledger(debtor["fee"]) == [("THU", 3_000_000, "BL-0101")]
    assert _ledger(debtor["a"]) == [("THU", 600_000_000, "BL-0101")]
    assert _ledger(debtor["b"]) == [("THU", 142_000_000, "BL-0101")]
    assert (disposal.details["surplus"], disposal.value, disposal.kind) == (0, 950_000_000, "sold")
    assert 200_000_000 + 5_000_000 + 3_000_000 + 600_000_000 + 142_000_000 == 950_000_000
    for case, owed in ((debtor["fee"], 0), (debtor["a"], 0), (debtor["b"], 158_000_000)):
        case.refresh_from_db()
        assert case.outstanding == owed
    # the distraint's own history: seq 3, the money it brought in (costs + cases), pointing at case A's payment
    collected = MeasureEvent.objects.get(measure=debtor["house_measure"], kind="collected")
    assert (collected.seq, collected.amount, collected.details["case_money"]) == (3, 750_000_000, 745_000_000)
    assert collected.case_event == CaseEvent.objects.get(case=debtor["a"], kind="payment")
    assert Asset.objects.get(pk=debtor["house"].pk).status == "sold"
    assert AuditEvent.objects.filter(action="assets.sale_proceeds").count() == 1
    _clean()
    with pytest.raises(AssetsRefused):  # recorded once
        do_record_sale_proceeds(staff["accountant_a"], second.pk, on=day(193), receipt_no="BL-0102")


def test_a_refusal_inside_the_split_leaves_nothing_written(staff, debtor):
    _, second = _sell_house(staff, debtor)
    before = _counts()
    with pytest.raises(AssetsRefused) as caught:  # the costs would be recovered, then the receipt is missing
        do_record_sale_proceeds(staff["accountant_a"], second.pk, on=day(192))
    assert caught.value.field == "receipt_no"
    assert _counts() == before


def test_an_officer_of_another_unit_is_refused_and_nothing_is_written(staff, debtor):
    before = _counts()
    for call in (
        lambda: do_value_asset(staff["officer_b"], debtor["house"].pk, method="appraised", on=day(25), value=9),
        lambda: do_plan_coercion(staff["officer_b"], debtor["a"].pk, starts_at=datetime(2026, 3, 10, 8),
                                 place="X", mobilised_forces=False),
        lambda: do_record_cost(staff["officer_b"], debtor["a"].pk, on=day(23), amount=1, description="X"),
        lambda: do_return_asset(staff["officer_b"], debtor["house"].pk, on=day(30), to_whom="X", reason="Y"),
    ):
        with pytest.raises(AssetsRefused) as caught:
            call()
        assert caught.value.code == "scope"
    assert _counts() == before


def test_an_asset_must_be_distrained_before_it_is_valued(staff, debtor):
    loose = Asset.objects.create(debtor=debtor["debtor"], kind="movable", description="Máy xúc", found_on=day(10))
    with pytest.raises(AssetsRefused) as caught:
        do_value_asset(staff["officer_a"], loose.pk, method="appraised", on=day(25), value=90_000_000)
    assert caught.value.field == "measure_id"


def test_a_waiver_needs_the_head(staff, debtor):
    do_record_cost(staff["officer_a"], debtor["a"].pk, on=day(23), amount=4_000_000, description="Bốc dỡ")
    with pytest.raises(AssetsRefused) as caught:  # Art. 73.5: the head decides exemptions
        do_record_cost(staff["officer_a"], debtor["a"].pk, on=day(24), amount=1_000_000, description="",
                       kind="waived")
    assert caught.value.code == "title"
    do_record_cost(staff["head_a"], debtor["a"].pk, on=day(24), amount=1_000_000, description="", kind="waived")
    with pytest.raises(AssetsRefused):
        do_record_cost(staff["head_a"], debtor["a"].pk, on=day(24), amount=3_000_001, description="",
                       kind="waived")


# ------------------------------------------------------------------------------------------------ the car


def test_an_unsold_car_is_taken_by_the_creditor_after_the_second_reduction(staff, debtor):
    _, second = _sell_house(staff, debtor)
    do_record_sale_proceeds(staff["accountant_a"], second.pk, on=day(192), receipt_no="BL-0101")
    officer, car = staff["officer_a"], debtor["car"]
    do_record_cost(staff["head_a"], debtor["b"].pk, on=day(38), amount=2_000_000, description="Thẩm định giá ô tô")
    do_value_asset(officer, car.pk, method="appraised", on=day(50), value=100_000_000)
    contract = do_sign_auction_contract(officer, car.pk, organisation="Công ty Đấu giá hợp danh Số 1",
                                        contract_no="31/HĐ", signed_on=day(51))
    for held, price in ((150, 100_000_000), (165, 90_000_000)):
        do_record_auction_session(officer, contract.pk, held_on=day(held), starting_price=price, outcome="unsold")
    with pytest.raises(AssetsRefused):  # Art. 104.2: only from after the second reduction
        do_creditor_takes_asset(officer, car.pk, on=day(170), case_id=debtor["b"].pk, price=90_000_000,
                                creditor="Trần Văn Hùng")
    do_record_auction_session(officer, contract.pk, held_on=day(180), starting_price=81_000_000, outcome="unsold")
    with pytest.raises(AssetsRefused) as caught:  # Art. 104.4: the court fee case has no creditor to take it
        do_creditor_takes_asset(officer, car.pk, on=day(194), case_id=debtor["fee"].pk, price=81_000_000,
                                creditor="Trần Văn Hùng")
    assert caught.value.field == "creditor"
    payments_before = _payments(debtor["b"])
    disposal = do_creditor_takes_asset(officer, car.pk, on=day(194), case_id=debtor["b"].pk, price=81_000_000,
                                       creditor="Trần Văn Hùng", decision_no="05/QĐ-GTS")
    # TTLT 11/2016 Art. 7.2: out of 81,000,000 he pays the 2,000,000 of costs in cash (recovered on case B) and
    # 79,000,000 is credited on his claim of 158,000,000: a collection on his obligation, no receipt, no cash.
    assert disposal.details["credited"] == {debtor["b"].ext_id: 79_000_000}
    assert disposal.details["cash_due"] == 2_000_000
    assert list(CostEntry.objects.filter(kind="recovered", case=debtor["b"]).values_list("amount", flat=True)) == [
        2_000_000]
    assert _payments(debtor["b"]) == payments_before + [(79_000_000, "1", "")]
    assert _ledger(debtor["b"]) == [("THU", 142_000_000, "BL-0101"), ("THU", 79_000_000, "")]
    credited = CaseEvent.objects.filter(case=debtor["b"], kind="payment").order_by("-seq").first()
    assert credited.decision_no == "05/QĐ-GTS" and "Điều 104" in credited.details["note"]
    debtor["b"].refresh_from_db()
    assert debtor["b"].outstanding == 300_000_000 - 142_000_000 - 79_000_000
    assert (disposal.kind, disposal.value, disposal.to_whom) == ("taken_by_creditor", 81_000_000, "Trần Văn Hùng")
    assert Asset.objects.get(pk=car.pk).status == "taken_by_creditor"
    assert MeasureEvent.objects.get(measure=debtor["car_measure"], kind="collected").amount == 81_000_000
    _clean()


def test_a_held_asset_is_returned(staff, debtor):
    disposal = do_return_asset(staff["officer_a"], debtor["car"].pk, on=day(50), to_whom="Lê Văn Đức",
                               reason="Điều 105.1.b: đã thi hành xong")
    assert (disposal.kind, disposal.case_id, disposal.details["reason"]) == (
        "returned", debtor["b"].pk, "Điều 105.1.b: đã thi hành xong")
    assert Asset.objects.get(pk=debtor["car"].pk).status == "returned"
    with pytest.raises(AssetsRefused):  # disposed of: no valuation any more
        do_value_asset(staff["officer_a"], debtor["car"].pk, method="appraised", on=day(51), value=9_000_000)


def test_a_creditor_taking_a_dearer_asset_pays_the_senior_sums_and_the_difference_in(staff, debtor):
    """TTLT 11/2016 Art. 7.2: Hùng (debt B, 300,000,000, 47.1.c) takes the car at 810,000,000: he pays in the costs
    (2,000,000), the court fee still owed by the debtor (3,000,000, 47.1.b, before his rank) and the difference over
    his claim (505,000,000), which goes to debt A by Art. 47 (decided before the car's distraint, 47.2.b)."""
    officer, car = staff["officer_a"], debtor["car"]
    do_record_cost(staff["head_a"], debtor["b"].pk, on=day(38), amount=2_000_000, description="Thẩm định giá ô tô")
    do_value_asset(officer, car.pk, method="appraised", on=day(50), value=1_000_000_000)
    contract = do_sign_auction_contract(officer, car.pk, organisation="Công ty Đấu giá hợp danh Số 1",
                                        contract_no="31/HĐ", signed_on=day(51))
    for held, price in ((150, 1_000_000_000), (165, 900_000_000), (180, 810_000_000)):
        do_record_auction_session(officer, contract.pk, held_on=day(held), starting_price=price, outcome="unsold")
    with pytest.raises(AssetsRefused) as caught:  # cash is paid in: a receipt is needed
        do_creditor_takes_asset(officer, car.pk, on=day(194), case_id=debtor["b"].pk, price=810_000_000,
                                creditor="Trần Văn Hùng")
    assert caught.value.field == "receipt_no"
    disposal = do_creditor_takes_asset(officer, car.pk, on=day(194), case_id=debtor["b"].pk, price=810_000_000,
                                       creditor="trần văn hùng", receipt_no="BL-0200", decision_no="06/QĐ-GTS")
    assert (disposal.details["cash_due"], disposal.details["surplus"]) == (510_000_000, 0)
    assert list(CostEntry.objects.filter(kind="recovered").values_list("case_id", "amount")) == [
        (debtor["b"].pk, 2_000_000)]
    assert _payments(debtor["fee"]) == [(3_000_000, "1", "BL-0200")]
    assert _payments(debtor["b"]) == [(300_000_000, "1", "")]
    assert _payments(debtor["a"]) == [(505_000_000, "1", "BL-0200")]
    assert _ledger(debtor["fee"]) == [("THU", 3_000_000, "BL-0200")]
    assert _ledger(debtor["b"]) == [("THU", 300_000_000, "")]
    assert _ledger(debtor["a"]) == [("THU", 505_000_000, "BL-0200")]
    assert 2_000_000 + 3_000_000 + 300_000_000 + 505_000_000 == 810_000_000
    assert MeasureEvent.objects.get(measure=debtor["car_measure"], kind="collected").amount == 810_000_000
    _clean()
