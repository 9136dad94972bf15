"""Issue 15 end to end: one debtor, two cases, from verification to the payout, through the real actions.

Lê Văn Đức (ID 046090001234) owes, in branch A, 800,000,000 to Nguyễn Thị Mai (an on-request debt case, "debt") and
20,000,000 of court fee to the state (a proactive case, "fee"). Both cases are decided on 06/01/2026 and notified on
07/01 (voluntary period to 17/01, a Saturday, rolled to Monday 19/01) and share one debtor register. The story, with
what every step must leave behind (measure history, asset status, costs, auction rows, the deadline engine's open
rows, the documents, the case events and the ledger):

===========  ==========================================================================================================
08/01        declaration (Decree 62 Art. 9.1); information requests to a bank (answer at once) and to the land office
             (3 working days: 13/01) — Art. 44.6.b; the bank answers the same day: an account of 60,000,000
12/01        the land office answers: land worth 1,000,000,000, mortgaged to Ngân hàng Z for 300,000,000; the
             account is frozen (Art. 67, allowed in the voluntary period, Art. 45.2): follow-up due 22/01 (Art. 67.3)
20/01        verification starts; 1,000,000 of costs; deduction from the account decided and made (Art. 76)
21/01        the bank's 60,000,000 collected: costs first (1,000,000), then Art. 47 across both decisions: the court fee
             (47.1.b) 20,000,000, the debt 39,000,000; both cases verified able
22/01–26/01  the freeze released (Art. 77); payouts (budget, creditor with the enforcement fee); the fee case completed
22/01–25/03  a wage of 12,000,000 found: deduction from income at 30 % (Art. 78.3), two monthly collections + payouts
09/02–10/03  distraint of the land decided; the coercion plan refused on Sunday 22/02 (Art. 46.2) and, with forces,
             on 25/02 inside the Tết window (Tết 17/02/2026 ± 15 days, Decree 62 Art. 13.2); accepted for Tuesday
             10/03, carried out, the land distrained
31/03–16/06  costs of 8,000,000; valuation (Art. 98.2: due 17/03, 5 working days after the distraint); auction
             contract (Art. 101.2: 10 days, 10/04); session 1 (45 days for an immovable: 21/05) unsold at
             1,000,000,000 (Art. 104.1: reduction due 29/05); session 2 at 900,000,000 (−10 %, Art. 104.5) sold for
             920,000,000 (Decree 62 Art. 27.3: payment due 16/07)
23/06–26/06  proceeds split: Ngân hàng Z 300,000,000 (47.3), costs 8,000,000, the debt 612,000,000; payout
===========  ==========================================================================================================

Finally ``check-integrity`` is clean and the measures report of the half-year counts exactly what happened."""

from __future__ import annotations

import io
from datetime import date, datetime
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from thads.assets import actions
from thads.assets.actions_auction import (
    do_record_auction_session,
    do_record_sale_proceeds,
    do_sign_auction_contract,
    do_value_asset,
)
from thads.assets.actions_coercion import do_plan_coercion, do_record_cost, do_record_plan_result
from thads.assets.documents import measure_facts, plan_facts
from thads.assets.errors import AssetsRefused
from thads.assets.models import Asset, AssetDisposal, AuctionSession, CoercionPlan, CostEntry, Measure, MeasureEvent
from thads.assets.queries import debtor_assets_summary, suggest_next_act
from thads.assets.report import drill_list, measures_report
from thads.cases.actions import ObligationData, PartyData, do_act, do_receive
from thads.cases.histories import case_facts
from thads.cases.ledger.integrity import money_findings
from thads.cases.ledger.models import LedgerEntry
from thads.cases.models import Case, CaseEvent
from thads.deadlines.integrity import run_checks
from thads.deadlines.models import Deadline
from thads.documents.actions import do_generate_document
from thads.documents.subjects import Subject
from thads.domain.fees import full_fee
from thads.domain.measure_texts import DECISION_KIND, MeasureDocKind
from thads.domain.measures import MeasureKind
from thads.org.models import AuditEvent
from thads.org.scope import Action, allowed

ID = "046090001234"
WAGE = 12_000_000
BANK_Z = "Ngân hàng Z"


def d(day: int, month: int) -> date:
    return date(2026, month, day)


# ------------------------------------------------------------------------------------------------ what we read back


def open_deadlines(case: Case) -> list[tuple[str, date]]:
    """The case's open rows of the deadline engine, (rule, due), sorted."""
    return sorted(Deadline.objects.filter(case=case).values_list("code", "due"))


def history(measure: Measure) -> list[tuple]:
    return list(MeasureEvent.objects.filter(measure=measure).order_by("seq").values_list("seq", "kind", "on", "amount"))


def payments(case: Case) -> list[tuple]:
    return list(CaseEvent.objects.filter(case=case, kind="payment").order_by("seq").values_list(
        "on", "amount", "details__receipt_no"))


def payouts(case: Case) -> list[tuple]:
    return list(CaseEvent.objects.filter(case=case, kind="payout").order_by("seq").values_list(
        "on", "amount", "details__fee"))


def ledger(case: Case) -> list[tuple]:
    return list(LedgerEntry.objects.filter(case=case).order_by("id").values_list("kind", "amount"))


def costs() -> list[tuple]:
    return list(CostEntry.objects.order_by("id").values_list("case_id", "kind", "on", "amount"))


def status(asset: Asset) -> str:
    return Asset.objects.get(pk=asset.pk).status


def outstanding(case: Case) -> int:
    return Case.objects.get(pk=case.pk).outstanding


def docx_text(document) -> str:
    from docx import Document as Docx

    with document.file.open("rb") as fh:
        doc = Docx(io.BytesIO(fh.read()))
    cells = [p.text for t in doc.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def measure_document(user, measure: Measure, *, release: bool = False):
    """The measure's decision (or its release) as the assets pages make it: the measure's facts handed to the one
    writer of documents as a ``Subject`` (``assets.documents``)."""
    measure = Measure.objects.select_related("case__unit", "asset").get(pk=measure.pk)
    personal = allowed(user, Action.PERSONAL_DATA, measure.case.unit)
    kind = MeasureDocKind.RELEASE if release else DECISION_KIND[MeasureKind(measure.kind)]
    subject = Subject(f"measure:{measure.pk}", measure_facts(measure, personal=personal, release=release))
    return do_generate_document(user, measure.case_id, kind, subject=subject)


def plan_document(user, plan: CoercionPlan):
    plan = CoercionPlan.objects.select_related("case__unit", "measure__asset").get(pk=plan.pk)
    subject = Subject(f"plan:{plan.pk}", plan_facts(plan, personal=True))
    return do_generate_document(user, plan.case_id, MeasureDocKind.COERCION_PLAN, subject=subject)


def assert_document(document, *, kind: str, number: str, on: date, words: tuple[str, ...]) -> None:
    assert (document.kind, document.number, document.on) == (kind, number, on)
    text = docx_text(document)
    for word in words:
        assert word in text, word


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


# ------------------------------------------------------------------------------------------------ the steps


def two_cases_one_register(w) -> None:
    """Two decided cases of one debtor in branch A, one register for both (issue 15: "shared by all the debtor's
    cases in the agency")."""
    unit, head = w.org["units"]["A"], w.head
    common = dict(on=d(5, 1), judgment_kind="dan_su", court="TAND huyện A", judgment_number="45/2025/DS-ST",
                  judgment_date=date(2025, 12, 1), debtors=[PartyData("Lê Văn Đức", ID, "Phú Thuận")])
    w.debt = do_receive(head, unit, initiation="theo_don", creditors=[PartyData("Nguyễn Thị Mai")],
                        obligations=[ObligationData("tra_no", "person", 800_000_000)], **common)
    w.fee = do_receive(head, unit, initiation="chu_dong", obligations=[ObligationData("an_phi", "state", 20_000_000)],
                       **common)
    for case, no in ((w.debt, "101/QĐ-CCTHADS"), (w.fee, "102/QĐ-CCTHADS")):
        do_act(head, case.pk, "decide", d(6, 1), decision_no=no, officer=w.officer.officer)
        do_act(w.officer, case.pk, "notify_debtor", d(7, 1))
        assert case_facts(Case.objects.get(pk=case.pk)).voluntary_until == d(19, 1)  # 17/01 is a Saturday (Art. 45.1)
    w.debtor = actions.do_register_debtor(w.officer, w.debt.pk, name="Lê Văn Đức", id_number=ID, address="Phú Thuận")
    assert actions.do_register_debtor(w.officer, w.fee.pk, name="Lê Văn Đức", id_number=ID).pk == w.debtor.pk
    assert [c["id"] for c in debtor_assets_summary(w.fee)["cases"]] == [w.debt.pk, w.fee.pk]
    for case in (w.debt, w.fee):
        assert open_deadlines(case) == [("procuracy.send", d(9, 1)), ("verify.start", d(29, 1))]


def verification(w) -> None:
    """Declaration; requests to the bank (account information at once) and to the land office (3 working days),
    Art. 44.6.b; their rows open on the case they were sent for and close with the replies."""
    officer = w.officer
    actions.do_record_declaration(officer, w.debtor.pk, declared_on=d(8, 1),
                                  declaration="Làm công nhân Công ty TNHH May Phú Thuận; có tài khoản tại Ngân hàng X")
    bank = actions.do_request_information(officer, w.debtor.pk, body="Ngân hàng X chi nhánh A",
                                          asset_kind="bank_account", requested_on=d(8, 1), case_id=w.debt.pk)
    office = actions.do_request_information(officer, w.debtor.pk, body="Văn phòng đăng ký đất đai huyện A",
                                            asset_kind="land", requested_on=d(8, 1), case_id=w.debt.pk)
    assert (bank.reply_due_on, office.reply_due_on) == (d(8, 1), d(13, 1))  # Thu 08/01 → Fri, Mon, Tue 13/01
    assert open_deadlines(w.debt) == [("info.reply", d(13, 1)), ("info.reply_account", d(8, 1)),
                                      ("procuracy.send", d(9, 1)), ("verify.start", d(29, 1))]
    assert all(a.endswith("Điều 44.6.b") for a in Deadline.objects.filter(
        case=w.debt, code__startswith="info.").values_list("article", flat=True))
    assert open_deadlines(w.fee) == [("procuracy.send", d(9, 1)), ("verify.start", d(29, 1))]
    w.account = actions.do_record_asset(officer, w.debtor.pk, kind="bank_account", description="Tài khoản thanh toán",
                                        found_on=d(8, 1), identifiers={"account_no": "0123456789"},
                                        holder="Ngân hàng X", estimated_value=60_000_000, request_id=bank.pk)
    assert ("info.reply_account", d(8, 1)) not in open_deadlines(w.debt)
    actions.do_record_reply(officer, office.pk, replied_on=d(12, 1), found=True, note="Thửa 112, tờ bản đồ 7")
    w.land = actions.do_record_asset(officer, w.debtor.pk, kind="land", description="Quyền sử dụng đất thửa 112, tờ 7",
                                     found_on=d(12, 1), identifiers={"certificate_no": "CS 01234"},
                                     estimated_value=1_000_000_000, encumbrance="Thế chấp", secured_creditor=BANK_Z,
                                     secured_amount=300_000_000, request_id=office.pk)
    assert open_deadlines(w.debt) == [("procuracy.send", d(9, 1)), ("verify.start", d(29, 1))]
    assert [(a.kind, a.status, a.source) for a in Asset.objects.order_by("id")] == [
        ("bank_account", "found", "Ngân hàng X chi nhánh A"), ("land", "found", "Văn phòng đăng ký đất đai huyện A")]


def account_freeze(w) -> None:
    """The account frozen in the voluntary period (Arts. 45.2, 67); to be followed within 10 days (Art. 67.3). An
    officer of branch B may not; nothing is written."""
    before = (Measure.objects.count(), MeasureEvent.objects.count(), AuditEvent.objects.count())
    with pytest.raises(AssetsRefused) as refused:
        actions.do_decide_measure(w.officer_b, w.debt.pk, kind="account_freeze", on=d(12, 1),
                                  asset_id=w.account.pk, amount=60_000_000)
    assert refused.value.code == "scope"
    assert (Measure.objects.count(), MeasureEvent.objects.count(), AuditEvent.objects.count()) == before
    w.freeze = actions.do_decide_measure(w.officer, w.debt.pk, kind="account_freeze", on=d(12, 1),
                                         decision_no="01/QĐ-PT", asset_id=w.account.pk, amount=60_000_000)
    actions.do_execute_measure(w.officer, w.freeze.pk, on=d(12, 1), result="Ngân hàng đã phong tỏa",
                               amount=60_000_000)
    assert history(w.freeze) == [(1, "decided", d(12, 1), 60_000_000), (2, "executed", d(12, 1), 60_000_000)]
    assert status(w.account) == "frozen"
    assert open_deadlines(w.debt) == [("measure.account_freeze", d(22, 1)), ("procuracy.send", d(9, 1)),
                                      ("verify.start", d(29, 1))]
    row = Deadline.objects.get(case=w.debt, code="measure.account_freeze")
    assert (row.trigger, row.article) == (f"measure:{w.freeze.pk}", "Điều 67.3 Luật Thi hành án dân sự")
    assert_document(measure_document(w.officer, w.freeze), kind="measure_account_freeze", number="01/QĐ-PT",
                    on=d(12, 1), words=("Về việc phong tỏa tài khoản", "Điều 67", "0123456789", "60.000.000"))


def account_deduction(w) -> None:
    """After the voluntary period: verification starts, a cost is charged, the account is deducted (Art. 76), which
    follows the freeze (its deadline closes). The 60,000,000 pays the cost first (Art. 47.1 opening paragraph, Art.
    73.6), then Art. 47 across both decisions: the court fee (47.1.b) before the debt (47.1.c)."""
    for case in (w.debt, w.fee):
        do_act(w.officer, case.pk, "start_verification", d(20, 1))
    do_record_cost(w.officer, w.debt.pk, on=d(20, 1), amount=1_000_000, description="Chi phí gửi quyết định khấu trừ")
    w.deduction = actions.do_decide_measure(w.officer, w.debt.pk, kind="account_deduction", on=d(20, 1),
                                            decision_no="02/QĐ-KT", asset_id=w.account.pk, amount=60_000_000)
    assert open_deadlines(w.debt) == [("procuracy.send", d(9, 1))]  # Art. 67.3 followed, verification started
    actions.do_execute_measure(w.officer, w.deduction.pk, on=d(20, 1), result="Ngân hàng đã chuyển tiền",
                               amount=60_000_000)
    event = actions.do_collect_by_measure(w.accountant, w.deduction.pk, on=d(21, 1), amount=60_000_000,
                                          receipt_no="BL-0001")
    assert (event.seq, event.kind, event.amount) == (3, "collected", 60_000_000)
    assert event.details == {"receipt_no": "BL-0001", "costs": 1_000_000, "case_money": 59_000_000}
    assert costs() == [(w.debt.pk, "charged", d(20, 1), 1_000_000), (w.debt.pk, "recovered", d(21, 1), 1_000_000)]
    assert payments(w.fee) == [(d(21, 1), 20_000_000, "BL-0001")]
    assert payments(w.debt) == [(d(21, 1), 39_000_000, "BL-0001")]
    assert event.case_event == CaseEvent.objects.get(case=w.debt, kind="payment")
    assert (ledger(w.fee), ledger(w.debt)) == ([("THU", 20_000_000)], [("THU", 39_000_000)])
    assert (outstanding(w.fee), outstanding(w.debt)) == (0, 761_000_000)
    for case in (w.debt, w.fee):
        do_act(w.officer, case.pk, "verify_able", d(21, 1))
        assert open_deadlines(case) == [("payout.collected", d(2, 2)), ("procuracy.send", d(9, 1))]  # Art. 47.5
    assert_document(measure_document(w.officer, w.deduction), kind="measure_account_deduction",
                    number="02/QĐ-KT", on=d(20, 1), words=("khấu trừ tiền trong tài khoản", "Điều 76", "60.000.000"))


def freeze_released_payouts_and_fee_case_completed(w) -> None:
    """The freeze whose money was deducted is ended (Art. 77.1.b, proposed by THADS); the accountant pays the fee to
    the budget (no enforcement fee) and the creditor (3 % withheld, TT 216/2016 Art. 4.5); the fee case owes nothing
    and is completed."""
    proposal = suggest_next_act(w.debt)
    assert (proposal.act, proposal.ground, proposal.measure_id) == ("release_measure", "77.1.b", w.freeze.pk)
    actions.do_release_measure(w.officer, w.freeze.pk, on=d(22, 1), decision_no="03/QĐ-CDPT",
                               reason="Đã khấu trừ tiền trong tài khoản")
    assert history(w.freeze)[-1] == (3, "released", d(22, 1), None) and status(w.account) == "found"
    assert_document(measure_document(w.officer, w.freeze, release=True), kind="measure_release",
                    number="03/QĐ-CDPT", on=d(22, 1), words=("chấm dứt phong tỏa tài khoản", "Điều 77"))
    do_act(w.accountant, w.fee.pk, "payout", d(23, 1), amount=20_000_000, obligation="1")
    do_act(w.accountant, w.debt.pk, "payout", d(23, 1), amount=39_000_000, obligation="1", fee_timing="coerced")
    assert payouts(w.fee) == [(d(23, 1), 20_000_000, 0)]
    assert payouts(w.debt) == [(d(23, 1), 39_000_000, 1_170_000)]
    assert ledger(w.fee) == [("THU", 20_000_000), ("NOP_NSNN", 20_000_000)]
    assert ledger(w.debt) == [("THU", 39_000_000), ("PHI_THA", 1_170_000), ("CHI_TRA", 37_830_000)]
    do_act(w.head, w.fee.pk, "complete", d(26, 1))
    assert Case.objects.get(pk=w.fee.pk).state == "COMPLETED"
    assert open_deadlines(w.debt) == [("procuracy.send", d(9, 1))]


def income_deduction(w) -> None:
    """A wage of 12,000,000 a month: at most 30 % deducted (Art. 78.3), collected on the two next paydays and paid
    out within 10 days (Art. 47.5); the completed fee case takes nothing."""
    w.wage = actions.do_record_asset(w.officer, w.debtor.pk, kind="wage", description="Tiền lương tại Công ty May",
                                     found_on=d(22, 1), holder="Công ty TNHH May Phú Thuận", estimated_value=WAGE)
    with pytest.raises(AssetsRefused) as refused:
        actions.do_decide_measure(w.officer, w.debt.pk, kind="income_deduction", on=d(22, 1), asset_id=w.wage.pk,
                                  amount=WAGE * 30 // 100 + 1)
    assert refused.value.code == "measure.income_cap" and "3.600.000 ₫" in refused.value.message_vi
    w.income = actions.do_decide_measure(w.officer, w.debt.pk, kind="income_deduction", on=d(22, 1),
                                         decision_no="04/QĐ-TTN", asset_id=w.wage.pk, amount=3_600_000)
    actions.do_execute_measure(w.officer, w.income.pk, on=d(23, 1), result="Công ty đã nhận quyết định")
    for on, receipt, payout_on, due in ((d(25, 2), "BL-0002", d(27, 2), d(9, 3)),
                                        (d(25, 3), "BL-0003", d(27, 3), d(6, 4))):
        event = actions.do_collect_by_measure(w.accountant, w.income.pk, on=on, amount=3_600_000, receipt_no=receipt)
        assert event.details == {"receipt_no": receipt, "costs": 0, "case_money": 3_600_000}
        assert open_deadlines(w.debt) == [("payout.collected", due), ("procuracy.send", d(9, 1))]
        do_act(w.accountant, w.debt.pk, "payout", payout_on, amount=3_600_000, obligation="1", fee_timing="coerced")
    assert history(w.income) == [(1, "decided", d(22, 1), 3_600_000), (2, "executed", d(23, 1), None),
                                 (3, "collected", d(25, 2), 3_600_000), (4, "collected", d(25, 3), 3_600_000)]
    assert payments(w.debt)[1:] == [(d(25, 2), 3_600_000, "BL-0002"), (d(25, 3), 3_600_000, "BL-0003")]
    assert payouts(w.debt)[1:] == [(d(27, 2), 3_600_000, 108_000), (d(27, 3), 3_600_000, 108_000)]
    assert ledger(w.debt)[3:] == [("THU", 3_600_000), ("PHI_THA", 108_000), ("CHI_TRA", 3_492_000),
                                  ("THU", 3_600_000), ("PHI_THA", 108_000), ("CHI_TRA", 3_492_000)]
    assert (payments(w.fee)[1:], outstanding(w.debt)) == ([], 753_800_000)
    assert_document(measure_document(w.officer, w.income), kind="measure_income_deduction", number="04/QĐ-TTN",
                    on=d(22, 1), words=("trừ vào thu nhập", "Điều 78", "3.600.000"))


PLAN_REFUSALS = [  # (starts at, forces mobilised, why)
    (datetime(2026, 2, 22, 8, 0), False, "ngày nghỉ"),  # Art. 46.2: Sunday 22/02/2026
    (datetime(2026, 2, 25, 8, 0), True, "Tết Nguyên đán (02/02/2026 – 04/03/2026)"),  # Decree 62 Art. 13.2
]


def distraint_under_a_plan(w) -> None:
    """The land's distraint is decided; the coercion plan is refused on a Sunday and, with forces, inside the Tết
    window (nothing written), then accepted on a working day after it and carried out; the land is distrained."""
    w.distraint = actions.do_decide_measure(w.officer, w.debt.pk, kind="distraint", on=d(9, 2),
                                            decision_no="05/QĐ-KB", asset_id=w.land.pk)
    plan = dict(place="Thôn 3, xã Phú Thuận", cost_estimate=10_000_000, measure_id=w.distraint.pk)
    for starts_at, forces, why in PLAN_REFUSALS:
        before = (CoercionPlan.objects.count(), AuditEvent.objects.count())
        with pytest.raises(AssetsRefused) as refused:
            do_plan_coercion(w.officer, w.debt.pk, starts_at=starts_at, mobilised_forces=forces,
                             forces="Công an huyện A: 12 người" if forces else "", **plan)
        assert why in refused.value.message_vi and refused.value.field == "starts_at"
        assert (CoercionPlan.objects.count(), AuditEvent.objects.count()) == before
    w.plan = do_plan_coercion(w.officer, w.debt.pk, starts_at=datetime(2026, 3, 10, 8, 0), mobilised_forces=True,
                              forces="Công an huyện A: 12 người", **plan)
    assert_document(plan_document(w.officer, w.plan), kind="coercion_plan", number="", on=d(10, 3),
                    words=("KẾ HOẠCH", "Điều 72", "10/03/2026", "Công an huyện A: 12 người", "10.000.000"))
    do_record_plan_result(w.officer, w.plan.pk, on=d(10, 3), carried_out=True, result="Đã kê biên thửa đất")
    actions.do_execute_measure(w.officer, w.distraint.pk, on=d(10, 3), result="Biên bản kê biên")
    assert history(w.distraint) == [(1, "decided", d(9, 2), None), (2, "executed", d(10, 3), None)]
    assert (CoercionPlan.objects.get(pk=w.plan.pk).status, status(w.land)) == ("carried_out", "seized")
    assert_document(measure_document(w.officer, w.distraint), kind="measure_distraint", number="05/QĐ-KB",
                    on=d(9, 2), words=("cưỡng chế kê biên tài sản", "Điều 89, Điều 90", "CS 01234", BANK_Z))
    # Art. 98.2: the appraisal within 5 working days of the distraint (Tue 10/03 → Tue 17/03)
    assert open_deadlines(w.debt) == [("measure.valuation", d(17, 3)), ("procuracy.send", d(9, 1))]


def valuation_and_two_sessions(w) -> None:
    """Coercion costs charged under the plan; the land valued; the contract; session 1 unsold; a reduction of more
    than 10 % refused (Art. 104.5); session 2 at −10 % sold."""
    do_record_cost(w.officer, w.debt.pk, on=d(31, 3), amount=8_000_000, plan_id=w.plan.pk,
                   description="Bồi dưỡng lực lượng cưỡng chế, thẩm định giá")
    do_value_asset(w.officer, w.land.pk, method="appraised", on=d(31, 3), value=1_000_000_000,
                   appraiser="Công ty Thẩm định giá Miền Trung")
    assert open_deadlines(w.debt) == [("auction.contract", d(10, 4)), ("procuracy.send", d(9, 1))]  # Art. 101.2
    contract = do_sign_auction_contract(w.officer, w.land.pk, organisation="Trung tâm Dịch vụ đấu giá tài sản tỉnh",
                                        contract_no="12/2026/HĐ-ĐG", signed_on=d(6, 4))
    # Art. 101.2: land is an immovable, the auction within 45 days of the contract
    assert open_deadlines(w.debt) == [("auction.held", d(21, 5)), ("procuracy.send", d(9, 1))]
    do_record_auction_session(w.officer, contract.pk, held_on=d(12, 5), starting_price=1_000_000_000,
                              outcome="unsold")
    # Art. 104.1: notice within 5 working days (19/05), the reduction 10 days after it
    assert open_deadlines(w.debt) == [("auction.reduce", d(29, 5)), ("procuracy.send", d(9, 1))]
    with pytest.raises(AssetsRefused) as refused:
        do_record_auction_session(w.officer, contract.pk, held_on=d(16, 6), starting_price=899_999_999,
                                  outcome="sold", sale_price=920_000_000, buyer="Công ty TNHH Minh Phát")
    assert refused.value.field == "starting_price"
    assert open_deadlines(w.debt) == [("auction.reduce", d(29, 5)), ("procuracy.send", d(9, 1))]
    w.sold = do_record_auction_session(w.officer, contract.pk, held_on=d(16, 6), starting_price=900_000_000,
                                       outcome="sold", sale_price=920_000_000, buyer="Công ty TNHH Minh Phát")
    # Decree 62/2015 Art. 27.3: the buyer pays within 30 days of the sale
    assert open_deadlines(w.debt) == [("auction.payment", d(16, 7)), ("procuracy.send", d(9, 1))]
    assert list(AuctionSession.objects.order_by("seq").values_list(
        "seq", "held_on", "starting_price", "reductions", "outcome", "sale_price")) == [
        (1, d(12, 5), 1_000_000_000, 0, "unsold", 0), (2, d(16, 6), 900_000_000, 1, "sold", 920_000_000)]
    assert status(w.land) == "seized"


def proceeds_and_payout(w) -> None:
    """920,000,000: the mortgagee first (47.3, kept in the disposal: no case owes it), the costs still owed, then
    Art. 47 across the decisions (the fee case owes nothing); the creditor is paid out with the fee."""
    disposal = do_record_sale_proceeds(w.accountant, w.sold.pk, on=d(23, 6), receipt_no="BL-0004")
    assert (disposal.kind, disposal.value, disposal.to_whom, disposal.case_id) == (
        "sold", 920_000_000, "Công ty TNHH Minh Phát", w.debt.pk)
    assert disposal.details["secured"] == {"creditor": BANK_Z, "amount": 300_000_000, "basis": "47.3"}
    assert disposal.details["costs"] == {w.debt.ext_id: 8_000_000}
    assert (disposal.details["cases"], disposal.details["surplus"]) == ({w.debt.ext_id: {"1": 612_000_000}}, 0)
    assert costs()[2:] == [(w.debt.pk, "charged", d(31, 3), 8_000_000), (w.debt.pk, "recovered", d(23, 6), 8_000_000)]
    assert history(w.distraint)[2:] == [(3, "collected", d(23, 6), 620_000_000)]
    assert status(w.land) == "sold" and AssetDisposal.objects.count() == 1
    assert payments(w.debt)[3:] == [(d(23, 6), 612_000_000, "BL-0004")] and payments(w.fee)[1:] == []
    assert open_deadlines(w.debt) == [("payout.collected", d(3, 7)), ("procuracy.send", d(9, 1))]
    do_act(w.accountant, w.debt.pk, "payout", d(26, 6), amount=612_000_000, obligation="1", fee_timing="coerced")
    assert payouts(w.debt)[3:] == [(d(26, 6), 612_000_000, 18_360_000)]
    assert ledger(w.debt)[9:] == [("THU", 612_000_000), ("PHI_THA", 18_360_000), ("CHI_TRA", 593_640_000)]
    paid = 39_000_000 + 3_600_000 + 3_600_000 + 612_000_000
    assert sum(f for _on, _a, f in payouts(w.debt)) == full_fee(paid, on=d(26, 6)) == paid * 3 // 100
    assert outstanding(w.debt) == 800_000_000 - paid == 141_800_000
    assert open_deadlines(w.debt) == [("procuracy.send", d(9, 1))]
    assert Case.objects.get(pk=w.debt.pk).state == "ENFORCING"


def integrity_and_report(w) -> None:
    """check-integrity is clean; the measures report of the half-year counts what the story did, for branch A and
    its province alike, nothing for branch B, and every figure's drill-down adds up to it."""
    assert list(money_findings()) == []
    assert {name: rows for name, rows in run_checks(d(30, 6)).items() if rows} == {}
    out = io.StringIO()
    try:
        call_command("check_integrity", stdout=out)
    except SystemExit:
        pytest.fail(out.getvalue())
    a, p, b = (w.org["units"][code] for code in "APB")
    report = measures_report(a, d(1, 1), d(30, 6))
    counts = {kind: report["measures"][kind] for kind in report["measures"] if any(report["measures"][kind].values())}
    assert counts == {"account_freeze": {"decided": 1, "executed": 1, "released": 1},
                      "account_deduction": {"decided": 1, "executed": 1, "released": 0},
                      "income_deduction": {"decided": 1, "executed": 1, "released": 0},
                      "distraint": {"decided": 1, "executed": 1, "released": 0}}
    assert report["coercion_operations"] == 1
    assert report["auctions"] == {"sessions": 2, "sold": 1, "unsold": 1, "taken_by_creditor": 0,
                                  "proceeds": 920_000_000}
    assert report["coercion_costs"] == 9_000_000
    assert {k: v for k, v in measures_report(p, d(1, 1), d(30, 6)).items() if k != "unit"} == \
        {k: v for k, v in report.items() if k != "unit"}
    assert measures_report(b, d(1, 1), d(30, 6))["auctions"]["sessions"] == 0
    for figure, value in (("measures.account_freeze.decided", 1), ("auctions.proceeds", 920_000_000),
                          ("coercion_costs", 9_000_000), ("coercion_operations", 1)):
        drill = drill_list(a, d(1, 1), d(30, 6), figure)
        assert (drill.total if figure in ("auctions.proceeds", "coercion_costs") else drill.count) == value
        assert {row.case_id for row in drill.rows()} == {w.debt.pk}


# ------------------------------------------------------------------------------------------------ the walk

STORY = (two_cases_one_register, verification, account_freeze, account_deduction,
         freeze_released_payouts_and_fee_case_completed, income_deduction, distraint_under_a_plan,
         valuation_and_two_sessions, proceeds_and_payout, integrity_and_report)


def test_a_debtor_with_two_cases_is_walked_from_verification_through_coercion_and_auction_to_payout(staff, org):
    """Issue 15, "what it must show when done": each step asserts the rows it wrote; a failure names its step."""
    w = SimpleNamespace(org=org, head=staff["head_a"], officer=staff["officer_a"], accountant=staff["accountant_a"],
                        officer_b=staff["officer_b"])
    for step in STORY:
        step(w)
    assert sorted(Deadline.objects.filter(case=w.fee).values_list("code", flat=True)) == ["procuracy.send"]
