"""Review of the fee relief act (TT 216/2016/TT-BTC Art. 7) and the fee documents (Art. 5.1): bad input is refused in
Vietnamese and writes nothing (never an error page), a refusal names a real fee decision, a 7.1.a exemption covers
every fee decision, another unit's head can neither decide nor make the documents, and the money stays whole
(refunds never exceed the fee withheld, the cumulative fee is not caught up) over reliefs and later payouts."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_case_actions import _enforcing, day
from tests.test_fee_relief import FEE_100M, _paid_out, _payout_seqs, _relief
from thads.cases.actions import ActRefused, do_act
from thads.cases.ledger.models import LedgerEntry
from thads.cases.models import CaseEvent
from thads.deadlines.integrity import ledger_disagreements
from thads.documents.actions import do_generate_document
from thads.documents.generate import DocumentRefused
from thads.documents.models import Document
from thads.domain.errors import RuleViolation
from thads.domain.fee_relief import FeeDecisionRec, plan_relief, reduced_fee, relief_percent, relieved_share
from thads.domain.fees import enforcement_fee
from thads.domain.roles import Title
from thads.org.actions import do_create_staff
from thads.org.models import AuditEvent


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _written(case):
    return (CaseEvent.objects.filter(case=case).count(), LedgerEntry.objects.filter(case=case).count(),
            AuditEvent.objects.filter(action="case.fee_relief").count())


# ------------------------------------------------------------------------------------------ refusals, not errors


@pytest.mark.parametrize("params", [
    pytest.param({"point": "7.2.b", "received_on": date(1901, 1, 1)}, id="TT 216 Art. 7.4 decision, 1901"),
    pytest.param({"outcome": "refused", "reason": "Thiếu xác nhận", "received_on": date(1901, 1, 1)},
                 id="TT 216 Art. 7.4 refusal, 1901"),
])
def test_an_application_dated_outside_the_working_day_calendar_is_refused_and_writes_nothing(staff, org, params):
    case = _paid_out(staff, org)
    seq, = _payout_seqs(case)
    before = _written(case)
    with pytest.raises(ActRefused) as exc:
        _relief(staff, case, day(36), target=seq, **params)
    assert exc.value.code == "fee_relief.received_on" and "ngoài lịch" in exc.value.message
    assert _written(case) == before


@pytest.mark.parametrize("outcome", [
    pytest.param("maybe", id="TT 216 Art. 7.4 neither a decision nor a refusal"),
    pytest.param("GRANTED", id="TT 216 Art. 7.4 outcome codes are exact"),
])
def test_an_outcome_other_than_a_decision_or_a_refusal_is_refused_and_refunds_nothing(staff, org, outcome):
    case = _paid_out(staff, org)
    seq, = _payout_seqs(case)
    before = _written(case)
    with pytest.raises(ActRefused) as exc:
        _relief(staff, case, day(36), outcome=outcome, point="7.2.b", target=seq)
    assert exc.value.code == "fee_relief.outcome"
    assert _written(case) == before and not LedgerEntry.objects.filter(case=case, kind="HOAN_TRA").exists()


@pytest.mark.parametrize(("percent", "expected"), [
    pytest.param("40", 40, id="TT 216 Art. 7.2.a '40' is read as 40 %"),
    pytest.param(" 80 ", 80, id="TT 216 Art. 7.2.a ' 80 ' is read as 80 %"),
    pytest.param("bốn mươi", "fee_relief.percent", id="TT 216 Art. 7.2.a words are refused"),
    pytest.param("40.5", "fee_relief.percent", id="TT 216 Art. 7.2.a a fraction is refused"),
    pytest.param(True, "fee_relief.percent", id="TT 216 Art. 7.2.a a flag is not a percentage"),
])
def test_a_percentage_sent_as_text_is_read_as_a_whole_number_or_refused(percent, expected):
    if isinstance(expected, int):
        assert relief_percent("7.2.a", percent) == expected
        return
    with pytest.raises(RuleViolation) as exc:
        relief_percent("7.2.a", percent)
    assert exc.value.code == expected


def test_a_percentage_sent_as_text_through_the_act_refunds_that_share_not_an_error_page(staff, org):
    case = _paid_out(staff, org)
    seq, = _payout_seqs(case)
    _relief(staff, case, day(36), point="7.2.a", percent="40", target=seq)
    assert CaseEvent.objects.get(case=case, kind="fee_relief").amount == FEE_100M * 40 // 100
    with pytest.raises(ActRefused):
        _relief(staff, case, day(37), point="7.2.a", percent="nhiều", target=seq)


def test_tt216_art_7_4_a_refusal_must_name_a_payout_that_withheld_a_fee(staff, org):
    case = _enforcing(staff, org, amounts=(100_000_000,))
    do_act(staff["accountant_a"], case.pk, "collect", day(30), amount=100_000_000, receipt_no="BL-1")
    do_act(staff["accountant_a"], case.pk, "payout", day(33), amount=100_000_000, obligation="1")  # no fee charged
    seq, = _payout_seqs(case)
    before = _written(case)
    with pytest.raises(ActRefused) as exc:
        _relief(staff, case, day(36), outcome="refused", target=seq, reason="Không thuộc trường hợp miễn, giảm")
    assert exc.value.code == "fee_relief.target" and _written(case) == before


# ------------------------------------------------------------------------------------------ the law


def test_tt216_art_7_4_a_merit_exemption_naming_one_fee_decision_refunds_every_fee_decision():
    decisions = [FeeDecisionRec(5, date(2025, 3, 1), 3_000_000), FeeDecisionRec(7, date(2025, 3, 5), 1_000_000,
                                                                                  refunded=200_000)]
    plan = plan_relief("7.1.a", None, received_on=date(2025, 3, 10), on=date(2025, 3, 12), target=7,
                       decisions=decisions)
    assert plan.refunds == ((5, 3_000_000), (7, 800_000)) and plan.standing


def test_tt216_art_7_1_a_through_the_act_refunds_the_fees_of_two_payouts_when_one_is_named(staff, org):
    case = _paid_out(staff, org, payouts=(100_000_000, 100_000_000))
    first, second = _payout_seqs(case)
    _relief(staff, case, day(40), point="7.1.a", target=second)
    refunds = dict(CaseEvent.objects.filter(case=case, kind="fee_relief").values_list("details__payout_seq",
                                                                                      "amount"))
    assert refunds == {first: FEE_100M, second: FEE_100M}
    assert list(ledger_disagreements(day(45))) == []


# ------------------------------------------------------------------------------------------ scope and titles


@pytest.fixture
def head_b(org):
    return do_create_staff("head_b", "Pw-review-2026!", "Đỗ Văn Bắc", org["units"]["B"], Title.HEAD)


def test_the_head_of_another_unit_neither_decides_a_relief_nor_makes_a_fee_document(staff, org, head_b):
    case = _paid_out(staff, org)
    seq, = _payout_seqs(case)
    before = _written(case)
    with pytest.raises(ActRefused) as exc:
        do_act(head_b, case.pk, "fee_relief", day(36), outcome="granted", received_on=day(35), point="7.2.b",
               target=seq)
    assert exc.value.code == "scope" and _written(case) == before
    for kind in ("fee_decision", "fee_relief", "fee_relief_refusal"):
        with pytest.raises(DocumentRefused) as doc:
            do_generate_document(head_b, case.pk, kind)
        assert doc.value.code == "scope"
    assert not Document.objects.filter(case=case).exists()


@pytest.mark.parametrize("who", [
    pytest.param("officer_a", id="TT 216 Art. 5.1 the fee decision is the head's, not the officer's"),
    pytest.param("accountant_a", id="TT 216 Art. 5.1 the fee decision is the head's, not the accountant's"),
])
def test_only_the_head_or_deputy_makes_the_fee_decision_document(staff, org, who):
    case = _paid_out(staff, org)
    with pytest.raises(DocumentRefused) as exc:
        do_generate_document(staff[who], case.pk, "fee_decision")
    assert exc.value.code == "title" and not Document.objects.filter(case=case).exists()


# ------------------------------------------------------------------------------------------ money invariants


@settings(max_examples=300, deadline=None)
@given(fee=st.integers(0, 300_000_000), percent=st.integers(1, 100))
def test_the_relieved_share_and_the_reduced_fee_add_up_to_the_fee_exactly(fee, percent):
    share = relieved_share(fee, percent)
    assert 0 <= share <= fee and isinstance(share, int)
    from thads.domain.fee_relief import ReliefGrant

    assert reduced_fee(fee, ReliefGrant(1, "7.2.a", percent, False, True)) + share == fee


@settings(max_examples=200, deadline=None)
@given(fees=st.lists(st.integers(1, 50_000_000), min_size=1, max_size=4),
       steps=st.lists(st.tuples(st.sampled_from(["7.1.a", "7.1.b", "7.2.a", "7.2.b", "7.2.c"]),
                                st.integers(1, 80), st.integers(0, 3)), max_size=6))
def test_refunds_of_any_series_of_reliefs_never_exceed_the_fee_withheld(fees, steps):
    decisions = {i: FeeDecisionRec(i, date(2025, 3, 1), fee) for i, fee in enumerate(fees, start=1)}
    for point, percent, pick in steps:
        target = pick % len(fees) + 1
        try:
            plan = plan_relief(point, percent if point == "7.2.a" else None, received_on=date(2025, 3, 10),
                               on=date(2025, 3, 12), target=target, decisions=list(decisions.values()))
        except RuleViolation:
            continue
        for seq, amount in plan.refunds:
            d = decisions[seq]
            decisions[seq] = d._replace(refunded=d.refunded + amount)
    assert all(0 <= d.refunded <= d.fee for d in decisions.values())


def test_a_relief_then_a_payout_then_another_relief_keep_the_books_whole_and_the_fee_not_caught_up(staff, org):
    """TT 216 Arts. 5.2, 7.4: ahead 7.2.a 50 % → payout 1; payout 2; 7.2.c on payout 2; 7.1.b on payout 1."""
    case = _enforcing(staff, org, amounts=(200_000_000,))
    do_act(staff["accountant_a"], case.pk, "collect", day(30), amount=200_000_000, receipt_no="BL-1")
    _relief(staff, case, day(31), point="7.2.a", percent=50, obligation="1")
    for i in range(2):
        do_act(staff["accountant_a"], case.pk, "payout", day(33 + i), amount=100_000_000, obligation="1",
               fee_timing="coerced")
    first, second = _payout_seqs(case)
    _relief(staff, case, day(36), point="7.2.c", target=second)
    _relief(staff, case, day(37), point="7.1.b", target=first)
    withheld = sum(LedgerEntry.objects.filter(case=case, kind="PHI_THA").values_list("amount", flat=True))
    refunded = sum(LedgerEntry.objects.filter(case=case, kind="HOAN_TRA").values_list("amount", flat=True))
    gross = enforcement_fee(200_000_000, "coerced")
    assert withheld == gross - gross // 4  # the first fee halved when withheld, the second whole
    assert refunded == FEE_100M // 2 + relieved_share(FEE_100M, 20)  # the rest of the first, 20 % of the second
    assert withheld - refunded == FEE_100M - relieved_share(FEE_100M, 20)
    assert list(ledger_disagreements(day(40))) == []
