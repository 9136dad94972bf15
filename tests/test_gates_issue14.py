"""Issue 14 items 6–13: the gates of the case life and money held (thads.domain.acts / act_gates). Pure: no DB.

Each table's ids cite the article the row checks; every row failed on the code before issue 14 (a payout was let
through while postponed or suspended for cassation, completion with money held, 48.1.a/b on money, 48.2 counted
from the act, the voluntary period's last day not rolled and verification refused within it, entrustment without
the revocation of the decision to enforce, an officer's verification taking a case out of "chưa có điều kiện").
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from thads.domain.act_gates import ANNULMENT_GROUNDS, annulment_refusal
from thads.domain.acts import Act, CaseFacts, Intake, RuleViolation, allowed_acts, check, may_perform
from thads.domain.legal_texts import GROUND_TEXT
from thads.domain.money import ObligationDue
from thads.domain.roles import Title
from thads.domain.states import EventKind, Phase

TODAY = date(2026, 6, 1)
D0 = date(2025, 1, 10)
COURT_FEE = ObligationDue("1", "an_phi", 5_000_000, "state")
DEBT = ObligationDue("2", "tra_no", 100_000_000, "person")
HANDOVER = ObligationDue("3", "giao_tai_san", 300_000_000, "person")


def facts(phase: Phase | None, **changes: object) -> CaseFacts:
    base = CaseFacts(phase=phase, intake=Intake.REQUEST, request_on=D0, decided_on=D0, first_decided_on=D0,
                     last_act_on=D0, unit="A", officer="CHV-1", obligations=(COURT_FEE, DEBT))
    return replace(base, **changes)


def outcome_or_code(act: Act, f: CaseFacts, on: date, **params: object) -> str:
    """``"ok"`` when the act is allowed, else the refusal's code."""
    try:
        check(act, f, on, today=TODAY, **params)
    except RuleViolation as exc:
        return exc.code
    return "ok"


PAYOUT = {"amount": 1_000_000, "collected_for_creditor": 2_000_000, "paid_out_to_creditor": 0}

# ---------------------------------------------------------------------------------------------- item 6

ITEM_6 = [
    pytest.param(Phase.POSTPONED, "48.2", "payout.deposit", id="ND62-49.5.b-postponed-48.2-refused"),
    pytest.param(Phase.SUSPENDED, "49.1", "payout.deposit", id="ND62-49.5.b-suspended-49.1-refused"),
    pytest.param(Phase.SUSPENDED, "49.2", "ok", id="ND62-49.5.b-suspended-bankruptcy-49.2-paid"),
    pytest.param(Phase.POSTPONED, "48.1.c", "ok", id="ND62-49.5.b-postponed-48.1.c-paid"),
    pytest.param(Phase.ENFORCING, None, "ok", id="Art47.5-enforcing-paid"),
]


@pytest.mark.parametrize(("phase", "ground", "expected"), ITEM_6)
def test_money_collected_while_halted_for_cassation_is_deposited_not_paid_out_decree_62_art_49_5_b(
        phase: Phase, ground: str | None, expected: str) -> None:
    f = facts(phase, ground=ground, held=2_000_000)
    assert outcome_or_code(Act.PAYOUT, f, TODAY, **PAYOUT) == expected
    assert (Act.PAYOUT in allowed_acts(f, TODAY)) is (expected == "ok")


def test_the_deposit_refusal_is_vietnamese_and_cites_decree_62_art_49_5_b() -> None:
    with pytest.raises(RuleViolation) as caught:
        check(Act.PAYOUT, facts(Phase.SUSPENDED, ground="49.1", held=2_000_000), TODAY, today=TODAY, **PAYOUT)
    assert caught.value.message_vi == (
        "Không thể chi trả tiền thi hành án: việc đang tạm đình chỉ thi hành án theo khoản 1 Điều 49 để xem xét "
        "kháng nghị giám đốc thẩm, tái thẩm; số tiền 2.000.000 ₫ phải gửi tiết kiệm, chưa được chi trả "
        "(điểm b khoản 5 Điều 49 Nghị định 62/2015/NĐ-CP).")


# ---------------------------------------------------------------------------------------------- item 7

ITEM_7 = [
    pytest.param(2_000_000, "complete.held", id="Art52.1-money-held-refused"),
    pytest.param(1, "complete.held", id="Art52.1-one-dong-held-refused"),
    pytest.param(0, "ok", id="Art52.1-nothing-held-completed"),
]


@pytest.mark.parametrize(("held", "expected"), ITEM_7)
def test_no_completion_while_collected_money_is_held_art_52_1(held: int, expected: str) -> None:
    f = facts(Phase.ENFORCING, obligations=(replace(DEBT, outstanding=0),), held=held)
    assert outcome_or_code(Act.COMPLETE, f, TODAY) == expected
    assert (Act.COMPLETE in allowed_acts(f, TODAY)) is (expected == "ok")


def test_the_completion_refusal_gives_the_amount_held_art_52_1() -> None:
    with pytest.raises(RuleViolation) as caught:
        check(Act.COMPLETE, facts(Phase.ENFORCING, obligations=(), held=2_000_000), TODAY, today=TODAY)
    assert caught.value.message_vi == ("Không thể hoàn thành: còn 2.000.000 ₫ đã thu đang giữ, chưa chi trả cho "
                                       "người được thi hành án (khoản 1 Điều 52).")


# ---------------------------------------------------------------------------------------------- item 8

ITEM_8 = [
    pytest.param("48.1.a", (COURT_FEE, DEBT), True, "postpone.not_personal", id="ND62-14.1-48.1.a-money-refused"),
    pytest.param("48.1.b", (COURT_FEE, DEBT), True, "postpone.not_personal", id="ND62-14.1-48.1.b-money-refused"),
    pytest.param("48.1.a", (DEBT, HANDOVER), False, "postpone.not_personal",
                 id="ND62-14.1-48.1.a-personal-not-confirmed-refused"),
    pytest.param("48.1.a", (DEBT, HANDOVER), True, "ok", id="ND62-14.1-48.1.a-personal-duty-postponed"),
    pytest.param("48.1.b", (HANDOVER,), True, "ok", id="ND62-14.1-48.1.b-personal-duty-postponed"),
    pytest.param("48.1.d", (COURT_FEE, DEBT), False, "ok", id="Art48.1.d-money-postponed"),
]


@pytest.mark.parametrize(("ground", "obligations", "personal", "expected"), ITEM_8)
def test_illness_or_unknown_address_postpones_only_a_personal_duty_decree_62_art_14_1(
        ground: str, obligations: tuple[ObligationDue, ...], personal: bool, expected: str) -> None:
    f = facts(Phase.ENFORCING, obligations=obligations)
    params: dict[str, object] = {"ground": ground}
    if personal:
        params["personal_duty"] = True
    assert outcome_or_code(Act.POSTPONE, f, TODAY, **params) == expected


# ---------------------------------------------------------------------------------------------- item 9

ITEM_9 = [
    pytest.param(date(2025, 10, 1), date(2025, 10, 20), date(2026, 1, 15), "postpone.48_2_too_long",
                 id="Art48.2-three-months-from-the-request-letter-refused"),
    pytest.param(date(2025, 10, 1), date(2025, 10, 20), date(2026, 1, 1), "ok",
                 id="Art48.2-last-day-of-three-months-from-the-letter"),
    pytest.param(date(2025, 10, 21), date(2025, 10, 20), date(2025, 12, 1), "postpone.48_2_request_after",
                 id="Art48.2-letter-after-the-act-refused"),
    pytest.param(None, date(2025, 10, 20), date(2025, 12, 1), "param.missing",
                 id="Art48.2-letter-date-required"),
]


@pytest.mark.parametrize(("requested_on", "on", "until", "expected"), ITEM_9)
def test_the_three_months_of_48_2_run_from_the_protest_authoritys_request(
        requested_on: date | None, on: date, until: date, expected: str) -> None:
    params: dict[str, object] = {"ground": "48.2", "until": until}
    if requested_on is not None:
        params["requested_on"] = requested_on
    assert outcome_or_code(Act.POSTPONE, facts(Phase.ENFORCING), on, **params) == expected


# ---------------------------------------------------------------------------------------------- item 10

ITEM_10 = [
    pytest.param("37.3.a", "head", "/1/", "/1/4/", None, id="Art37.3.a-superior-head-annuls"),
    pytest.param("37.3.b", "deputy", "/1/", "/1/4/", None, id="Art37.3.b-superior-deputy-annuls-Art23.2"),
    pytest.param("37.3.a", "head", "/1/4/", "/1/4/", "refused", id="Art37.3.a-own-head-refused"),
    pytest.param("37.3.b", "head", "/1/5/", "/1/4/", "refused", id="Art37.3.b-sibling-head-refused"),
    pytest.param("37.3.a", "officer", "/1/", "/1/4/", "refused", id="Art37.3.a-officer-refused"),
    pytest.param("37.1.b", "head", "/1/4/", "/1/4/", None, id="Art37.1.b-own-head-revokes"),
]


@pytest.mark.parametrize(("ground", "title", "own", "case_unit", "expected"), ITEM_10)
def test_annulment_is_by_the_head_of_the_superior_agency_art_37_3(
        ground: str, title: str, own: str, case_unit: str, expected: str | None) -> None:
    why = annulment_refusal(ground, title, own, case_unit)
    assert (why is None) is (expected is None)
    if why is not None:
        assert "khoản 3 Điều 37" in why


LABELS_10 = [
    pytest.param("37.3.a", "không được tự khắc phục", id="Art37.3.a-label-is-the-statute"),
    pytest.param("37.3.b", "vi phạm pháp luật theo kết luận", id="Art37.3.b-label-is-the-statute"),
    pytest.param("50.1.c", "có văn bản yêu cầu cơ quan thi hành án dân sự đình chỉ", id="Art50.1.c-label"),
]


@pytest.mark.parametrize(("ground", "words"), LABELS_10)
def test_the_statutory_ground_text_says_what_the_article_says(ground: str, words: str) -> None:
    assert words in GROUND_TEXT[ground]
    assert set(ANNULMENT_GROUNDS) <= set(GROUND_TEXT)


# ---------------------------------------------------------------------------------------------- item 11

ITEM_11 = [
    pytest.param(date(2025, 1, 13), date(2025, 1, 23), id="BLDS147-working-day-kept"),
    pytest.param(date(2025, 1, 15), date(2025, 2, 3), id="BLDS148.5-Saturday-in-Tet-rolls-to-03-02"),
    pytest.param(date(2025, 4, 20), date(2025, 5, 5), id="BLDS148.5-30-04-rolls-past-the-holidays"),
    pytest.param(date(2025, 8, 23), date(2025, 9, 3), id="BLDS148.5-02-09-rolls-to-03-09"),
]


@pytest.mark.parametrize(("notified", "last_day"), ITEM_11)
def test_the_voluntary_periods_last_day_rolls_past_days_off_civil_code_148_5(notified: date, last_day: date) -> None:
    outcome = check(Act.NOTIFY_DEBTOR, facts(Phase.DECIDED), notified, today=TODAY)
    assert outcome.facts.voluntary_until == last_day


VERIFY_11 = [
    pytest.param(date(2025, 1, 11), id="Art44.1-45.2-first-day-of-the-period"),
    pytest.param(date(2025, 1, 20), id="Art44.1-45.2-last-day-of-the-period"),
    pytest.param(date(2025, 1, 21), id="Art44.1-after-the-period"),
]


@pytest.mark.parametrize("on", VERIFY_11)
def test_verification_is_allowed_within_the_voluntary_period_art_44_1_45_2(on: date) -> None:
    f = facts(Phase.VOLUNTARY, notified_on=D0, voluntary_until=date(2025, 1, 20))
    assert check(Act.START_VERIFICATION, f, on, today=TODAY).phase is Phase.VERIFYING


# ---------------------------------------------------------------------------------------------- item 12

ENTRUST = {"to": "Chi cục THADS huyện B", "debtor_elsewhere": True, "revocation_no": "15/QĐ-CCTHADS",
           "revocation_on": date(2025, 3, 1)}
ITEM_12 = [
    pytest.param({}, "ok", id="Art57.1.a-with-the-revocation-entrusted"),
    pytest.param({"revocation_no": None}, "param.missing", id="Art57.1.a-revocation-number-required"),
    pytest.param({"revocation_on": None}, "param.missing", id="Art57.1.a-revocation-date-required"),
    pytest.param({"revocation_on": date(2025, 1, 9)}, "entrust.revocation_date",
                 id="Art57.1.a-revocation-before-the-decision-refused"),
    pytest.param({"revocation_on": date(2025, 3, 3)}, "entrust.revocation_date",
                 id="Art57.1.a-revocation-after-the-entrustment-refused"),
    pytest.param({"debtor_elsewhere": False}, "entrust.no_ground", id="Art55.1.a-no-ground-refused"),
]


@pytest.mark.parametrize(("changes", "expected"), ITEM_12)
def test_entrustment_needs_the_revocation_of_the_decision_art_57_1_a_and_its_ground_art_55_1_a(
        changes: dict[str, object], expected: str) -> None:
    params = {k: v for k, v in {**ENTRUST, **changes}.items() if v is not None}
    assert outcome_or_code(Act.ENTRUST_OUT, facts(Phase.ENFORCING), date(2025, 3, 2), **params) == expected


# ---------------------------------------------------------------------------------------------- item 13

ITEM_13 = [
    pytest.param(Act.VERIFY_ABLE, "stage.continuation_needed", id="ND62-9.4-officers-verification-alone-refused"),
    pytest.param(Act.CONTINUE, "ok", id="ND62-9.4-heads-continuation-decision"),
]


@pytest.mark.parametrize(("act", "expected"), ITEM_13)
def test_only_a_continuation_decision_takes_a_case_out_of_not_yet_able_decree_62_art_9_4(
        act: Act, expected: str) -> None:
    f = facts(Phase.NOT_YET_ABLE, ground="44a.1.a", unable_since=D0, reverification_count=1)
    assert outcome_or_code(act, f, TODAY) == expected
    assert (act in allowed_acts(f, TODAY)) is (expected == "ok")


def test_the_continuation_decision_is_the_heads_and_writes_the_contracts_verified_able() -> None:
    f = facts(Phase.NOT_YET_ABLE, ground="44a.1.a", unable_since=D0, reverification_count=1)
    outcome = check(Act.CONTINUE, f, TODAY, today=TODAY)
    assert (outcome.phase, outcome.event, outcome.facts.unable_since, outcome.facts.ground) == (
        Phase.ENFORCING, EventKind.VERIFIED_ABLE, None, None)
    assert may_perform(Title.HEAD, Act.CONTINUE) and may_perform(Title.DEPUTY, Act.CONTINUE)
    assert not may_perform(Title.OFFICER, Act.CONTINUE)
    assert check(Act.VERIFY_ABLE, facts(Phase.VERIFYING), TODAY, today=TODAY).phase is Phase.ENFORCING
