"""Issue 15, the debtor register and the measures, walked through the actions (``thads.assets.actions``): two cases
of one debtor share the register; verification with its information requests and their Art. 44.6.b reply deadlines
in the deadline engine; a freeze in the voluntary period (Arts. 45.2, 66) followed within 10 days (Art. 67.3); a
deduction from the account that pays the coercion costs first and then the debtor's decisions (Arts. 47, 73.6, 76);
a deduction from the wage within the 30 % cap (Art. 78.3); a distraint of land, refused for an Art. 87 asset and on
a Sunday (Art. 46.2); refusals that write nothing; the Art. 44a proposal; recompute-deadlines = incremental rows."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command

from thads.assets import actions
from thads.assets.errors import AssetsRefused
from thads.assets.models import Asset, CostEntry, Debtor, DebtorCase, InfoRequest, Measure, MeasureEvent
from thads.assets.queries import debtor_assets_summary, suggest_next_act
from thads.cases.actions import ObligationData, PartyData, do_act, do_receive
from thads.cases.ledger.models import LedgerEntry
from thads.cases.models import Case, CaseEvent
from thads.deadlines.models import Deadline
from thads.org.models import AuditEvent

ID = "046090001234"


def d(day: int, month: int = 3) -> date:
    return date(2026, month, day)


def _case(staff, org, number: str, amount: int) -> Case:
    case = do_receive(staff["head_a"], org["units"]["A"], on=d(2), initiation="theo_don", judgment_kind="dan_su",
                      court="TAND huyện A", judgment_number=number, judgment_date=d(2, 1),
                      debtors=[PartyData("Lê Văn Đức", ID, "Phú Thuận")], creditors=[PartyData("Nguyễn Thị Mai")],
                      obligations=[ObligationData("tra_no", "person", amount)])
    do_act(staff["head_a"], case.pk, "decide", d(3), decision_no=f"{number}/QĐ", officer=staff["officer_a"].officer)
    return do_act(staff["officer_a"], case.pk, "notify_debtor", d(4))  # voluntary period to 14/03, rolled to 16/03


@pytest.fixture
def walk(staff, org):
    """Two decided cases of one debtor (100 and 50 million), the register, and the bank account the bank reported."""
    one, two = _case(staff, org, "45/2025/DS-ST", 100_000_000), _case(staff, org, "46/2025/DS-ST", 50_000_000)
    officer = staff["officer_a"]
    debtor = actions.do_register_debtor(officer, one.pk, name="Lê Văn Đức", id_number=ID, address="Phú Thuận")
    actions.do_register_debtor(officer, two.pk, name="Lê Văn Đức", id_number=ID)
    actions.do_record_declaration(officer, debtor.pk, declared_on=d(5), declaration="Có tài khoản tại Ngân hàng X")
    bank = actions.do_request_information(officer, debtor.pk, body="Ngân hàng X chi nhánh A", asset_kind="bank_account",
                                          requested_on=d(5), case_id=one.pk)
    account = actions.do_record_asset(officer, debtor.pk, kind="bank_account", description="Tài khoản thanh toán",
                                      found_on=d(6), identifiers={"account_no": "0123456789"}, holder="Ngân hàng X",
                                      estimated_value=80_000_000, request_id=bank.pk)
    return {"one": one, "two": two, "debtor": debtor, "account": account, "bank": bank, **staff}


def _rows() -> tuple[int, ...]:
    return (Measure.objects.count(), MeasureEvent.objects.count(), CostEntry.objects.count(), Asset.objects.count(),
            CaseEvent.objects.count(), LedgerEntry.objects.count(), AuditEvent.objects.count())


def _deadlines(case: Case) -> dict[str, date]:
    return dict(Deadline.objects.filter(case=case).values_list("code", "due"))


def test_two_cases_of_one_debtor_share_one_register(walk):
    debtor = walk["debtor"]
    assert Debtor.objects.count() == 1
    assert sorted(DebtorCase.objects.filter(debtor=debtor).values_list("case_id", flat=True)) == \
        sorted([walk["one"].pk, walk["two"].pk])
    summary = debtor_assets_summary(walk["two"])
    assert [c["id"] for c in summary["cases"]] == sorted([walk["one"].pk, walk["two"].pk])
    assert [a["kind"] for a in summary["assets"]] == ["bank_account"]
    assert "identifiers" not in summary["assets"][0] and "id_number" not in summary["debtor"]


def test_the_bank_reply_found_the_account_and_closed_its_request(walk):
    bank = InfoRequest.objects.get(pk=walk["bank"].pk)
    assert (bank.reply_due_on, bank.replied_on, bank.found, bank.asset_id) == (d(5), d(6), True, walk["account"].pk)
    assert "info.reply_account" not in _deadlines(walk["one"])


def test_an_information_request_is_due_in_3_working_days_across_the_weekend_art_44_6_b(walk):
    officer, one = walk["officer_a"], walk["one"]
    land = actions.do_request_information(officer, walk["debtor"].pk, body="Văn phòng đăng ký đất đai huyện A",
                                          asset_kind="land", requested_on=d(19), case_id=one.pk)  # a Thursday
    assert land.reply_due_on == d(24)  # Fri 20, Mon 23, Tue 24
    assert _deadlines(one)["info.reply"] == d(24)
    assert Deadline.objects.get(case=one, code="info.reply").article.endswith("Điều 44.6.b")
    actions.do_record_reply(officer, land.pk, replied_on=d(24), found=False, note="Không có đất")
    assert "info.reply" not in _deadlines(one)


def test_a_freeze_in_the_voluntary_period_must_be_followed_within_10_days_arts_45_2_66_67_3(walk):
    officer, one = walk["officer_a"], walk["one"]
    freeze = actions.do_decide_measure(officer, one.pk, kind="account_freeze", on=d(9), decision_no="01/QĐ-PT",
                                       asset_id=walk["account"].pk, amount=80_000_000)
    actions.do_execute_measure(officer, freeze.pk, on=d(10), result="Ngân hàng đã phong tỏa", amount=80_000_000)
    assert Asset.objects.get(pk=walk["account"].pk).status == "frozen"
    assert _deadlines(one)["measure.account_freeze"] == d(19)  # 10 days from 09/03
    actions.do_decide_measure(officer, one.pk, kind="account_deduction", on=d(18), decision_no="02/QĐ-KT",
                              asset_id=walk["account"].pk, amount=60_000_000)
    assert "measure.account_freeze" not in _deadlines(one)
    assert list(MeasureEvent.objects.filter(measure=freeze).values_list("seq", "kind")) == \
        [(1, "decided"), (2, "executed")]


@pytest.mark.parametrize("kind, on, code", [
    pytest.param("account_deduction", d(10), "measure.voluntary", id="Art. 46.1: no coercion in the voluntary period"),
    pytest.param("account_deduction", d(16), "measure.voluntary", id="Art. 45.1: the rolled last day is still in it"),
    pytest.param("income_deduction", d(17), "measure.asset_kind", id="Art. 78.1: income deduction needs a wage"),
    pytest.param("account_freeze", d(2), "measure.no_decision", id="Art. 70: not before the decision to enforce"),
    pytest.param("exit_ban", d(9), "measure.no_asset", id="Decree 62 Art. 51: the exit ban is not on an asset"),
])
def test_a_refused_measure_writes_nothing(walk, kind, on, code):
    before = _rows()
    with pytest.raises(AssetsRefused) as exc:
        actions.do_decide_measure(walk["officer_a"], walk["one"].pk, kind=kind, on=on, asset_id=walk["account"].pk,
                                  amount=10_000_000)
    assert exc.value.code == code and exc.value.message_vi
    assert _rows() == before


def test_a_coercive_measure_is_allowed_in_the_voluntary_period_to_stop_hiding_assets_art_45_2(walk):
    measure = actions.do_decide_measure(walk["officer_a"], walk["one"].pk, kind="account_deduction", on=d(10),
                                        asset_id=walk["account"].pk, amount=10_000_000, details={"urgent": True})
    assert measure.status == "decided"


@pytest.mark.parametrize("persona, code", [
    pytest.param("officer_b", "scope", id="an officer of another unit"),
    pytest.param("statistician_p", "scope", id="a statistician (no right to enter acts)"),
    pytest.param("accountant_a", "title", id="an accountant (Art. 67: the officer decides)"),
])
def test_who_may_not_decide_a_measure_is_refused_and_nothing_is_written(walk, persona, code):
    before = _rows()
    with pytest.raises(AssetsRefused) as exc:
        actions.do_decide_measure(walk[persona], walk["one"].pk, kind="account_freeze", on=d(9),
                                  asset_id=walk["account"].pk, amount=10_000_000)
    assert exc.value.code == code
    assert _rows() == before


def _deduction(walk, amount: int = 60_000_000) -> Measure:
    officer, one = walk["officer_a"], walk["one"]
    do_act(officer, one.pk, "start_verification", d(17))
    measure = actions.do_decide_measure(officer, one.pk, kind="account_deduction", on=d(18), decision_no="02/QĐ-KT",
                                        asset_id=walk["account"].pk, amount=amount)
    actions.do_execute_measure(officer, measure.pk, on=d(18), result="Ngân hàng đã chuyển tiền", amount=amount)
    return measure


def test_an_account_deduction_pays_the_costs_first_then_the_debtors_decisions_arts_47_73_76(walk):
    measure = _deduction(walk)
    CostEntry.objects.create(case=walk["one"], unit=walk["one"].unit, kind="charged", on=d(18), amount=2_000_000,
                             description="Chi phí thông báo cưỡng chế")
    event = actions.do_collect_by_measure(walk["accountant_a"], measure.pk, on=d(19), amount=60_000_000,
                                          receipt_no="BL-0001")
    assert (event.seq, event.kind, event.amount) == (3, "collected", 60_000_000)
    assert event.details == {"receipt_no": "BL-0001", "costs": 2_000_000, "case_money": 58_000_000}
    assert list(CostEntry.objects.filter(kind="recovered").values_list("amount", flat=True)) == [2_000_000]
    payments = CaseEvent.objects.filter(kind="payment", request_token=f"assets-m{measure.pk}-3")
    assert sum(p.amount for p in payments) == 58_000_000
    assert {p.case_id for p in payments} == {walk["one"].pk, walk["two"].pk}  # Art. 47.2: both decisions
    assert event.case_event.case_id == walk["one"].pk and event.case_event in payments
    thu = LedgerEntry.objects.filter(kind="THU", case__in=[walk["one"], walk["two"]])
    assert sum(thu.values_list("amount", flat=True)) == 58_000_000
    one, two = Case.objects.get(pk=walk["one"].pk), Case.objects.get(pk=walk["two"].pk)
    assert one.outstanding + two.outstanding == 150_000_000 - 58_000_000
    assert debtor_assets_summary(one)["costs_outstanding"] == 0


def test_a_deduction_above_the_decided_amount_is_refused_and_nothing_is_written_art_76_1(walk):
    measure = _deduction(walk, amount=30_000_000)
    actions.do_collect_by_measure(walk["officer_a"], measure.pk, on=d(19), amount=20_000_000, receipt_no="BL-1")
    before = _rows()
    with pytest.raises(AssetsRefused) as exc:
        actions.do_collect_by_measure(walk["officer_a"], measure.pk, on=d(19), amount=20_000_000, receipt_no="BL-2")
    assert exc.value.code == "collect.over_decided"
    assert _rows() == before


def test_a_refusal_of_the_cases_collection_rolls_the_costs_back(walk):
    measure = _deduction(walk, amount=0)  # no amount decided: only the case's own rule limits it
    CostEntry.objects.create(case=walk["one"], unit=walk["one"].unit, kind="charged", on=d(18), amount=1_000_000)
    before = _rows()
    with pytest.raises(AssetsRefused):  # more than the two decisions owe (Art. 47.2.c)
        actions.do_collect_by_measure(walk["officer_a"], measure.pk, on=d(19), amount=200_000_000, receipt_no="BL-9")
    assert _rows() == before


def test_a_freeze_is_released_once_the_deduction_was_made_and_takes_no_money_art_77(walk):
    officer, one = walk["officer_a"], walk["one"]
    freeze = actions.do_decide_measure(officer, one.pk, kind="account_freeze", on=d(9), asset_id=walk["account"].pk,
                                       amount=60_000_000)
    actions.do_execute_measure(officer, freeze.pk, on=d(10))
    measure = _deduction(walk)
    actions.do_collect_by_measure(officer, measure.pk, on=d(19), amount=60_000_000, receipt_no="BL-3")
    proposal = suggest_next_act(one)
    assert (proposal.act, proposal.ground, proposal.measure_id) == ("release_measure", "77.1.b", freeze.pk)
    actions.do_release_measure(officer, freeze.pk, on=d(20), decision_no="03/QĐ-CDPT", reason="Đã khấu trừ")
    actions.do_release_measure(officer, measure.pk, on=d(20), reason="Đã thu đủ theo quyết định")
    with pytest.raises(AssetsRefused) as exc:
        actions.do_collect_by_measure(officer, measure.pk, on=d(20), amount=1_000_000, receipt_no="BL-4")
    assert exc.value.code == "measure.collect_from_released"
    assert Asset.objects.get(pk=walk["account"].pk).status == "found"
    assert suggest_next_act(one) is None


@pytest.mark.parametrize("amount, details, ok", [
    pytest.param(3_000_000, {}, True, id="Art. 78.3: 30 % of a 10 million wage"),
    pytest.param(3_000_001, {}, False, id="Art. 78.3: one dong above the cap"),
    pytest.param(5_000_000, {"agreed": True}, True, id="Art. 78.3: the parties agreed on more"),
])
def test_a_wage_deduction_is_capped_at_30_percent_of_the_monthly_wage(walk, amount, details, ok):
    officer = walk["officer_a"]
    wage = actions.do_record_asset(officer, walk["debtor"].pk, kind="wage", description="Lương tại Công ty Y",
                                   found_on=d(18), holder="Công ty Y", estimated_value=10_000_000)
    decide = dict(kind="income_deduction", on=d(18), asset_id=wage.pk, amount=amount, details=details)
    if not ok:
        with pytest.raises(AssetsRefused) as exc:
            actions.do_decide_measure(officer, walk["one"].pk, **decide)
        assert exc.value.code == "measure.income_cap" and "3.000.000 ₫" in exc.value.message_vi
        return
    measure = actions.do_decide_measure(officer, walk["one"].pk, **decide)
    actions.do_execute_measure(officer, measure.pk, on=d(19))
    for on, receipt in ((d(20), "BL-L1"), (d(20, 4), "BL-L2")):  # one each month (Art. 78.3 is monthly)
        actions.do_collect_by_measure(officer, measure.pk, on=on, amount=amount, receipt_no=receipt)
    assert MeasureEvent.objects.filter(measure=measure, kind="collected").count() == 2


def test_land_is_distrained_on_a_working_day_and_released(walk):
    officer, one = walk["officer_a"], walk["one"]
    land = actions.do_record_asset(officer, walk["debtor"].pk, kind="land", description="Thửa đất số 12, tờ bản đồ 3",
                                   found_on=d(24), identifiers={"certificate": "CS 01234"}, estimated_value=500_000_000,
                                   encumbrance="Thế chấp Ngân hàng Z", secured_creditor="Ngân hàng Z",
                                   secured_amount=200_000_000)
    measure = actions.do_decide_measure(officer, one.pk, kind="distraint", on=d(25), decision_no="04/QĐ-KB",
                                        asset_id=land.pk)
    with pytest.raises(AssetsRefused) as exc:  # Sunday 29/03/2026
        actions.do_execute_measure(officer, measure.pk, on=d(29))
    assert exc.value.code == "measure.rest_day" and exc.value.field == "on"
    actions.do_execute_measure(officer, measure.pk, on=d(27), result="Biên bản kê biên")
    assert Asset.objects.get(pk=land.pk).status == "seized"
    actions.do_release_measure(officer, measure.pk, on=d(30), decision_no="05/QĐ", reason="Người phải thi hành án đã "
                               "nộp đủ tiền")
    assert Asset.objects.get(pk=land.pk).status == "found"


@pytest.mark.parametrize("asset, code", [
    pytest.param(dict(kind="movable", description="Máy khâu, phương tiện sinh sống duy nhất", exempt_ground="87.2.đ"),
                 "measure.art87", id="Art. 87.2.đ: the only tool of the debtor's living"),
    pytest.param(dict(kind="house", description="Nhà thế chấp", estimated_value=100_000_000,
                      secured_amount=120_000_000, secured_creditor="Ngân hàng Z"),
                 "measure.art90", id="Art. 90.1: worth less than the secured debt"),
    pytest.param(dict(kind="bank_account", description="Tài khoản tiết kiệm"), "measure.asset_kind",
                 id="Art. 76: an account is deducted, not distrained"),
])
def test_an_asset_the_law_protects_is_not_distrained(walk, asset, code):
    found = actions.do_record_asset(walk["officer_a"], walk["debtor"].pk, found_on=d(24), **asset)
    before = _rows()
    with pytest.raises(AssetsRefused) as exc:
        actions.do_decide_measure(walk["officer_a"], walk["one"].pk, kind="distraint", on=d(25), asset_id=found.pk)
    assert exc.value.code == code and exc.value.field == "asset_id"
    assert _rows() == before


def test_an_art_87_ground_must_protect_this_kind_of_debtor(walk):
    with pytest.raises(AssetsRefused) as exc:
        actions.do_record_asset(walk["officer_a"], walk["debtor"].pk, kind="movable", description="Nhà trẻ",
                                found_on=d(24), exempt_ground="87.3.b")
    assert exc.value.code == "asset.exempt_debtor_kind"


def test_nothing_found_proposes_art_44a_1_a_and_opens_the_heads_5_day_deadline(walk):
    officer, one = walk["officer_a"], walk["one"]
    do_act(officer, one.pk, "start_verification", d(17))
    measure = _deduction_exhausting(walk)
    actions.do_collect_by_measure(officer, measure.pk, on=d(19), amount=5_000_000, receipt_no="BL-5")
    land = actions.do_request_information(officer, walk["debtor"].pk, body="Văn phòng đăng ký đất đai",
                                          asset_kind="land", requested_on=d(19), case_id=one.pk)
    assert suggest_next_act(one) is None  # a request is still unanswered
    actions.do_record_reply(officer, land.pk, replied_on=d(23), found=False)
    proposal = suggest_next_act(one)
    assert (proposal.act, proposal.ground, proposal.on) == ("classify_unable", "44a.1.a", d(23))
    assert _deadlines(one)["unable.decide"] == d(30)  # Decree 62 Art. 9.4: 5 working days from 23/03


def _deduction_exhausting(walk) -> Measure:
    officer, one = walk["officer_a"], walk["one"]
    measure = actions.do_decide_measure(officer, one.pk, kind="account_deduction", on=d(18), asset_id=walk["account"].pk,
                                        amount=80_000_000)
    actions.do_execute_measure(officer, measure.pk, on=d(18), amount=5_000_000, exhausted=True)
    return measure


def test_an_unknown_address_proposes_art_44a_1_c(walk):
    do_act(walk["officer_a"], walk["two"].pk, "start_verification", d(17))
    actions.do_record_address_unknown(walk["officer_a"], walk["debtor"].pk, on=d(20))
    proposal = suggest_next_act(walk["two"])
    assert (proposal.ground, proposal.on) == ("44a.1.c", d(20))
    actions.do_register_debtor(walk["officer_a"], walk["two"].pk, name="Lê Văn Đức", id_number=ID, address="Huế")
    assert suggest_next_act(walk["two"]) is None


def test_recompute_deadlines_gives_the_rows_the_actions_wrote(walk):
    officer, one = walk["officer_a"], walk["one"]
    freeze = actions.do_decide_measure(officer, one.pk, kind="account_freeze", on=d(9), asset_id=walk["account"].pk,
                                       amount=50_000_000)
    actions.do_execute_measure(officer, freeze.pk, on=d(10))
    actions.do_request_information(officer, walk["debtor"].pk, body="Bảo hiểm xã hội huyện A", asset_kind="pension",
                                   requested_on=d(19), case_id=walk["two"].pk)
    fields = [f.attname for f in Deadline._meta.concrete_fields if f.attname != "id"]
    before = sorted(Deadline.objects.values_list(*fields))
    assert {"measure.account_freeze", "info.reply"} <= {row[fields.index("code")] for row in before}
    call_command("recompute_deadlines", stdout=io.StringIO())
    assert sorted(Deadline.objects.values_list(*fields)) == before


def test_a_debtor_with_one_case_pays_through_the_cases_own_collection(staff, org):
    officer = staff["officer_a"]
    case = do_receive(staff["head_a"], org["units"]["A"], on=d(2), initiation="theo_don", judgment_kind="dan_su",
                      judgment_number="47/2025/DS-ST", debtors=[PartyData("Trần Văn Hải", "046090009999")],
                      creditors=[PartyData("Phan Thị Lan")], obligations=[ObligationData("tra_no", "person", 30_000_000)])
    do_act(staff["head_a"], case.pk, "decide", d(3), decision_no="47/QĐ", officer=officer.officer)
    do_act(officer, case.pk, "notify_debtor", d(4))
    debtor = actions.do_register_debtor(officer, case.pk, name="Trần Văn Hải")
    account = actions.do_record_asset(officer, debtor.pk, kind="bank_account", description="Tài khoản", found_on=d(6))
    measure = actions.do_decide_measure(officer, case.pk, kind="account_deduction", on=d(17), asset_id=account.pk,
                                        amount=30_000_000)
    actions.do_execute_measure(officer, measure.pk, on=d(17))
    event = actions.do_collect_by_measure(staff["accountant_a"], measure.pk, on=d(18), amount=30_000_000,
                                          receipt_no="BL-7")
    assert event.case_event.case_id == case.pk and event.case_event.amount == 30_000_000
    assert list(LedgerEntry.objects.filter(case=case).values_list("kind", "amount")) == [("THU", 30_000_000)]
    assert Case.objects.get(pk=case.pk).outstanding == 0


def test_a_case_joins_the_register_once(walk):
    officer = walk["officer_a"]
    link = actions.do_link_case(officer, walk["debtor"].pk, walk["two"].pk)  # already linked: the same link
    assert link.case_id == walk["two"].pk and DebtorCase.objects.count() == 2
    other = actions.do_register_debtor(officer, walk["one"].pk, name="Lê Văn Đức", id_number=ID)
    assert other.pk == walk["debtor"].pk
    before = _rows()
    with pytest.raises(AssetsRefused) as exc:  # another debtor's register
        actions.do_register_debtor(officer, walk["one"].pk, name="Nguyễn Văn Khác", id_number="046090000001")
    assert exc.value.code == "debtor.other_register" and _rows() == before
    assert Debtor.objects.count() == 1


def test_external_deadline_sources_run_in_order_and_keep_to_their_cases(db):
    from thads.cases.histories import CaseActs
    from thads.deadlines import sources
    from thads.domain.act_types import CaseFacts
    from thads.domain.calendar import national_calendar
    from thads.domain.deadlines import ActRecord, Deadline

    dl = Deadline("x.test", "assets", d(20), d(10), "t", d(10), "officer", "Điều 1", "Việc", False)
    case = CaseActs(1, 1, None, None, [], CaseFacts())
    sources.register("zz-one", lambda cases, cal, today: [(1, dl), (99, dl)], order=999)
    sources.register("zz-two", records=lambda cases: {1: [ActRecord("new_information", d(10))], 99: []}, order=998)
    try:
        assert [s.name for s in sources.registered()][-2:] == ["zz-two", "zz-one"]
        assert sources.external_deadlines([case], national_calendar(), d(15)) == [(case, dl)]
        assert sources.extra_records([case]) == {1: [ActRecord("new_information", d(10))]}
    finally:
        sources.unregister("zz-one")
        sources.unregister("zz-two")
