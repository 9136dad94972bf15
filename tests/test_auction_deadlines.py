"""The deadlines from a distraint to the sale (Luật THADS Arts. 98.2, 101.2–101.4, 102, 104; Decree 62/2015 Art.
27.3): the pure rule ``domain.measure_followup.auction_deadlines`` over a table of trails (working days against
calendar days, across a weekend, 30/04–01/05 and Tết 2026), and the actions of ``assets.actions_auction``: each
step opens the next deadline row and closes the one before, a release or a disposal ends them, and ``thads
recompute-deadlines`` (``deadlines.service.refresh_all``) stores exactly the rows the actions left."""

from __future__ import annotations

from datetime import date

import pytest

from thads.assets import actions
from thads.assets.actions_auction import (
    do_creditor_takes_asset,
    do_record_auction_session,
    do_record_sale_proceeds,
    do_return_asset,
    do_sign_auction_contract,
    do_value_asset,
)
from thads.cases.actions import ObligationData, PartyData, do_act, do_receive
from thads.cases.models import Case
from thads.deadlines.models import Deadline
from thads.deadlines.service import refresh_all
from thads.domain.auction import SessionRec, ValuationRec
from thads.domain.calendar import national_calendar
from thads.domain.measure_followup import AUCTION_RULES, AuctionTrail, ContractRec, MeasureRec, auction_deadlines

CALENDAR = national_calendar()
ID = "046090001234"
LAW = "Luật Thi hành án dân sự"


def d(day: int, month: int) -> date:
    return date(2026, month, day)


# ------------------------------------------------------------------------------------------------ the pure rule

DISTRAINT = MeasureRec(7, 1, "distraint", "executed", d(20, 4), asset_id=3, executed_on=d(28, 4))


def trail(kind="land", valuations=(), contracts=(), sessions=(), disposed_on=None) -> AuctionTrail:
    return AuctionTrail(3, kind, tuple(ValuationRec("appraised", on, v) for on, v in valuations),
                        tuple(ContractRec(*c) for c in contracts),
                        tuple(SessionRec(seq, on, price, outcome, reductions)
                              for seq, (on, price, outcome, reductions) in enumerate(sessions, 1)), disposed_on)


VALUED = ((d(21, 1), 1_000_000_000),)
CONTRACT = ((d(6, 4), None),)
STEPS = [  # (trail, budget, (code, counted from, due, article) or None)
    (trail(), False, ("measure.valuation", d(28, 4), d(7, 5), f"Điều 98.2 {LAW}")),  # Tue 28/04: 5 working days
    # skip 30/04, 01/05 and the weekend
    (trail(valuations=VALUED), False, ("auction.contract", d(21, 1), d(2, 2), f"Điều 101.2 {LAW}")),  # Sat → Mon
    (trail(valuations=VALUED, contracts=((d(23, 1), d(5, 2)),)), False,  # the contract was cancelled: counted again
     ("auction.contract", d(5, 2), d(23, 2), f"Điều 101.2 {LAW}")),  # 15/02 Sunday, Tết holidays → Mon 23/02
    (trail(valuations=VALUED, contracts=CONTRACT), False,
     ("auction.held", d(6, 4), d(21, 5), f"Điều 101.2 {LAW}")),  # an immovable: 45 days
    (trail("vehicle", valuations=((d(20, 3), 300_000_000),), contracts=((d(31, 3), None),)), False,
     ("auction.held", d(31, 3), d(4, 5), f"Điều 101.2 {LAW}")),  # a movable: 30 days, 30/04 → Mon 04/05
    (trail("movable", valuations=((d(10, 3), 5_000_000),)), False,
     ("auction.held", d(10, 3), d(9, 4), f"Điều 101.3 {LAW}")),  # 2–10 million: the officer auctions in 30 days
    (trail("movable", valuations=((d(10, 3), 1_500_000),)), False, None),  # below 2 million: Art. 101.4, no auction
    (trail(valuations=VALUED, contracts=CONTRACT, sessions=((d(12, 5), 10**9, "unsold", 0),)), False,
     ("auction.reduce", d(12, 5), d(29, 5), f"Điều 104.1 {LAW}")),  # 5 working days (19/05) then 10 days
    (trail(valuations=VALUED, contracts=CONTRACT, sessions=((d(12, 5), 10**9, "unsold", 0),)), True,
     ("auction.reduce", d(12, 5), d(22, 5), f"Điều 104.4 {LAW}")),  # for the state budget: 10 days
    (trail(valuations=VALUED, contracts=CONTRACT, sessions=((d(28, 4), 10**9, "unsold", 0),
                                                             (d(12, 5), 9 * 10**8, "unsold", 1))), False,
     ("auction.reduce", d(12, 5), d(29, 5), f"Điều 104.1 {LAW}")),  # the first reduction did not sell either
    (trail(valuations=VALUED, contracts=CONTRACT, sessions=((d(12, 5), 81 * 10**7, "unsold", 2),)), False,
     ("auction.creditor", d(12, 5), d(22, 5), f"Điều 104.2, 104.3 {LAW}")),  # after the second reduction
    (trail(valuations=VALUED, contracts=CONTRACT, sessions=((d(16, 6), 10**9, "sold", 0),)), False,
     ("auction.payment", d(16, 6), d(16, 7), "Điều 27.3 Nghị định 62/2015/NĐ-CP")),
    (trail(valuations=VALUED, contracts=CONTRACT, sessions=((d(16, 6), 10**9, "sold", 0),
                                                             (d(20, 7), 10**9, "cancelled", 0))), False, None),
    (trail(valuations=VALUED, contracts=CONTRACT, sessions=((d(16, 6), 10**9, "sold", 0),), disposed_on=d(23, 6)),
     False, None),
]
STEP_IDS = ["Art. 98.2 working days across 30/04-01/05", "Art. 101.2 contract in 10 days rolled off a Saturday",
            "Art. 101.2 contract again after a cancelled one, rolled off Tet 2026",
            "Art. 101.2 immovable held in 45 days", "Art. 101.2 movable held in 30 days rolled off 30/04-01/05",
            "Art. 101.3 the officer's auction in 30 days", "Art. 101.4 no auction below 2 million",
            "Art. 104.1 reduction after an unsold session", "Art. 104.4 reduction for the budget",
            "Art. 104.1 again after the first reduction", "Art. 104.2 the creditor's option after the second reduction",
            "Decree 62 Art. 27.3 the buyer pays in 30 days", "Art. 102.1 a cancelled sale opens nothing",
            "a disposed asset has no deadline"]


@pytest.mark.parametrize(("t", "budget", "expected"), STEPS, ids=STEP_IDS)
def test_each_step_after_a_distraint_is_due_by_its_article(t, budget, expected):
    found = auction_deadlines([DISTRAINT], {3: t}, CALENDAR, d(1, 4), unit=None, budget=budget)
    if expected is None:
        assert found == []
        return
    [(case_id, dl)] = found
    assert (case_id, dl.code, dl.starts_on, dl.due, dl.article) == (1, *expected)
    assert (dl.trigger, dl.who, dl.ruleset, dl.overdue) == ("measure:7", "officer", "assets", d(1, 4) > dl.due)
    assert dl.text_vi in {rule.text for rule in AUCTION_RULES.values()}


def test_working_days_and_calendar_days_differ_across_the_same_holidays():
    """Art. 98.2 counts 5 working days (Tue 28/04 → Thu 07/05: 30/04, 01/05 and the weekend skipped); Art. 101.2
    counts 10 calendar days (Tue 28/04 → Fri 08/05)."""
    valuation = auction_deadlines([DISTRAINT], {3: trail()}, CALENDAR, d(1, 4))[0][1]
    contract = auction_deadlines([DISTRAINT], {3: trail(valuations=((d(28, 4), 10**9),))}, CALENDAR, d(1, 4))[0][1]
    assert (valuation.due, contract.due) == (d(7, 5), d(8, 5))
    assert not CALENDAR.is_working_day(d(30, 4)) and not CALENDAR.is_working_day(d(1, 5))


@pytest.mark.parametrize(("measure", "opens"), [
    (DISTRAINT, True),
    (MeasureRec(7, 1, "distraint", "decided", d(20, 4), asset_id=3), False),  # not carried out yet
    (MeasureRec(7, 1, "distraint", "released", d(20, 4), asset_id=3, executed_on=d(28, 4)), False),  # Art. 105
    (MeasureRec(7, 1, "distraint", "cancelled", d(20, 4), asset_id=3), False),
    (MeasureRec(7, 1, "asset_seizure", "executed", d(20, 4), asset_id=3, executed_on=d(28, 4)), False),
], ids=["Art. 98.2 executed distraint", "decided only", "Art. 105 released", "cancelled", "not a distraint"])
def test_only_a_distraint_in_force_has_the_steps_to_the_sale(measure, opens):
    assert bool(auction_deadlines([measure], {3: trail()}, CALENDAR, d(1, 4))) is opens


def test_two_distraints_of_one_asset_give_one_row_on_the_latest():
    older = MeasureRec(5, 1, "distraint", "executed", d(1, 4), asset_id=3, executed_on=d(2, 4))
    [(_, dl)] = auction_deadlines([older, DISTRAINT], {3: trail()}, CALENDAR, d(1, 4))
    assert (dl.trigger, dl.starts_on) == ("measure:7", d(28, 4))


# ------------------------------------------------------------------------------------------------ through the actions


@pytest.fixture
def register(staff, org):
    """An on-request debt case of 800,000,000 for Nguyễn Thị Mai, decided 06/01/2026, with a house and a car found;
    both distrained on Tuesday 28/04/2026."""
    head, officer = staff["head_a"], staff["officer_a"]
    case = do_receive(head, org["units"]["A"], on=d(5, 1), initiation="theo_don", judgment_kind="dan_su",
                      court="TAND huyện A", judgment_number="45/2025/DS-ST", judgment_date=date(2025, 12, 1),
                      debtors=[PartyData("Lê Văn Đức", ID, "Phú Thuận")], creditors=[PartyData("Nguyễn Thị Mai")],
                      obligations=[ObligationData("tra_no", "person", 800_000_000)])
    do_act(head, case.pk, "decide", d(6, 1), decision_no="101/QĐ-CCTHADS", officer=officer.officer)
    do_act(officer, case.pk, "notify_debtor", d(7, 1))
    debtor = actions.do_register_debtor(officer, case.pk, name="Lê Văn Đức", id_number=ID, address="Phú Thuận")
    out = {"case": case, "officer": officer, "accountant": staff["accountant_a"]}
    for name, kind, what in (("house", "house", "Nhà ở, thửa 112 tờ bản đồ 7"), ("car", "vehicle", "Ô tô 47A-123.45")):
        asset = actions.do_record_asset(officer, debtor.pk, kind=kind, description=what, found_on=d(10, 4))
        measure = actions.do_decide_measure(officer, case.pk, kind="distraint", on=d(20, 4), asset_id=asset.pk,
                                            decision_no=f"KB-{name}")
        actions.do_execute_measure(officer, measure.pk, on=d(28, 4), result="Biên bản kê biên")
        out[name], out[f"{name}_measure"] = asset, measure
    return out


def auction_rows(case: Case) -> list[tuple[str, date, str]]:
    """The case's open rows of the steps to the sale: (code, due, trigger), sorted."""
    return sorted(Deadline.objects.filter(case=case, ruleset="assets").values_list("code", "due", "trigger"))


def assert_recompute_keeps(case: Case) -> None:
    """``thads recompute-deadlines`` stores the same rows as the actions' incremental refresh."""
    fields = [f.attname for f in Deadline._meta.concrete_fields if f.attname != "id"]
    before = sorted(Deadline.objects.filter(case=case).values_list(*fields))
    refresh_all()
    assert sorted(Deadline.objects.filter(case=case).values_list(*fields)) == before


def test_each_step_of_a_sale_opens_the_next_deadline_and_closes_the_one_before(register):
    """The house (an immovable, Art. 101.2: 45 days): valuation → contract → session unsold → session sold →
    proceeds; the car's valuation row stays open throughout (Art. 98.2)."""
    case, officer, house = register["case"], register["officer"], register["house"]
    h, c = f"measure:{register['house_measure'].pk}", f"measure:{register['car_measure'].pk}"
    car_row = ("measure.valuation", d(7, 5), c)
    steps = [  # (the action, the open rows after it)
        (lambda: None, [("measure.valuation", d(7, 5), h), car_row]),  # Art. 98.2
        (lambda: do_value_asset(officer, house.pk, method="appraised", on=d(8, 5), value=1_000_000_000),
         [("auction.contract", d(18, 5), h), car_row]),  # Art. 101.2: 10 days
        (lambda: register.__setitem__("contract", do_sign_auction_contract(
            officer, house.pk, organisation="Trung tâm Dịch vụ đấu giá tài sản tỉnh", contract_no="12/2026/HĐ-ĐG",
            signed_on=d(12, 5))),
         [("auction.held", d(26, 6), h), car_row]),  # Art. 101.2: 45 days for an immovable
        (lambda: do_record_auction_session(officer, register["contract"].pk, held_on=d(15, 6),
                                           starting_price=1_000_000_000, outcome="unsold"),
         [("auction.reduce", d(2, 7), h), car_row]),  # Art. 104.1: 5 working days (22/06), then 10 days
        (lambda: register.__setitem__("sold", do_record_auction_session(
            officer, register["contract"].pk, held_on=d(20, 7), starting_price=900_000_000, outcome="sold",
            sale_price=900_000_000, buyer="Công ty TNHH Minh Phát")),
         [("auction.payment", d(19, 8), h), car_row]),  # Decree 62 Art. 27.3: 30 days
        (lambda: do_record_sale_proceeds(register["accountant"], register["sold"].pk, on=d(30, 7),
                                         receipt_no="BL-0001"),
         [car_row]),  # disposed of: the Art. 47.5 payout row takes over
    ]
    for act, rows in steps:
        act()
        assert auction_rows(case) == rows
        assert_recompute_keeps(case)
    # Art. 47.5: 10 days from 30/07 is Sunday 09/08, rolled to Monday
    assert ("payout.collected", d(10, 8)) in Deadline.objects.filter(case=case).values_list("code", "due")


def test_after_the_second_reduction_the_creditor_may_take_the_asset_and_then_nothing_is_due(register):
    """The car (a movable above 10,000,000, Art. 101.2: 30 days): three unsold sessions; after the second reduction
    the creditor's option (Art. 104.2), closed when she takes the car."""
    case, officer, car = register["case"], register["officer"], register["car"]
    c = f"measure:{register['car_measure'].pk}"
    do_value_asset(officer, car.pk, method="appraised", on=d(4, 5), value=300_000_000)
    assert ("auction.contract", d(14, 5), c) in auction_rows(case)
    contract = do_sign_auction_contract(officer, car.pk, organisation="Công ty Đấu giá hợp danh Miền Trung",
                                        contract_no="15/2026/HĐ-ĐG", signed_on=d(6, 5))
    assert ("auction.held", d(5, 6), c) in auction_rows(case)
    for held_on, price, due, code in ((d(25, 5), 300_000_000, d(11, 6), "auction.reduce"),
                                      (d(8, 6), 270_000_000, d(25, 6), "auction.reduce"),
                                      (d(22, 6), 243_000_000, d(2, 7), "auction.creditor")):
        do_record_auction_session(officer, contract.pk, held_on=held_on, starting_price=price, outcome="unsold")
        assert [r for r in auction_rows(case) if r[2] == c] == [(code, due, c)]
        assert_recompute_keeps(case)
    do_creditor_takes_asset(officer, car.pk, on=d(29, 6), case_id=case.pk, price=243_000_000,
                            creditor="Nguyễn Thị Mai", receipt_no="BL-0002")
    assert [r for r in auction_rows(case) if r[2] == c] == []
    assert_recompute_keeps(case)


@pytest.mark.parametrize("end", ["release", "return"], ids=["Art. 105 the distraint released",
                                                            "Art. 126 the asset returned"])
def test_a_released_distraint_or_a_returned_asset_ends_its_deadlines(register, end):
    case, officer = register["case"], register["officer"]
    h = f"measure:{register['house_measure'].pk}"
    assert ("measure.valuation", d(7, 5), h) in auction_rows(case)
    if end == "release":
        actions.do_release_measure(officer, register["house_measure"].pk, on=d(5, 5), decision_no="GT-01",
                                   reason="Đương sự thỏa thuận giải tỏa kê biên")
    else:
        do_return_asset(officer, register["house"].pk, on=d(5, 5), to_whom="Lê Văn Đức",
                        reason="Bản án tuyên trả lại tài sản (Điều 126)")
    assert [r for r in auction_rows(case) if r[2] == h] == []
    assert_recompute_keeps(case)
