"""Legal checks of user acts (thads.domain.acts) and the Art. 30 limitation (thads.domain.limitation). Pure: no DB."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from thads.domain.acts import (
    ACT_EVENT,
    ACT_LABELS_VI,
    ACT_PARAMS,
    ACT_PHASES,
    ACT_TITLES,
    PHASE_LABELS_VI,
    Act,
    ActRules,
    CaseFacts,
    Intake,
    RuleViolation,
    allowed_acts,
    check,
    may_perform,
)
from thads.domain.limitation import (
    add_months,
    add_years,
    full_years_elapsed,
    instalment_deadlines,
    is_time_barred,
    period_end,
    request_deadline,
)
from thads.domain.money import MoneyError, ObligationDue
from thads.domain.roles import Title
from thads.domain.states import EventKind, Phase, contract_allows, contract_target, project

TODAY = date(2026, 6, 1)
D0 = date(2025, 1, 10)  # decision to enforce
COURT_FEE = ObligationDue("1", "an_phi", 5_000_000, "state")
DEBT = ObligationDue("2", "tra_no", 100_000_000, "person")

_PHASE_DEFAULTS: dict[Phase, dict[str, object]] = {
    Phase.VOLUNTARY: {"notified_on": D0, "voluntary_until": D0 + timedelta(days=10)},
    Phase.NOT_YET_ABLE: {"ground": "44a.1.a", "unable_since": D0},
    Phase.SEPARATE_BOOK: {"ground": "44a.1.a", "unable_since": D0, "reverification_count": 2},
    Phase.POSTPONED: {"ground": "48.1.a"},
    Phase.SUSPENDED: {"ground": "49.1"},
    Phase.TERMINATED: {"ground": "50.1.c"},
    Phase.REVOKED: {"ground": "37.1.b"},
}


def facts_in(phase: Phase | None, **changes: object) -> CaseFacts:
    """A case decided on D0 (on request), one court fee owed to the state and one debt owed to a person."""
    if phase is None:
        return replace(CaseFacts(), **changes)
    base = CaseFacts(phase=phase, intake=Intake.REQUEST, request_on=D0, decided_on=D0, first_decided_on=D0,
                     last_act_on=D0, unit="A", officer="CHV-1", obligations=(COURT_FEE, DEBT))
    return replace(base, **{**_PHASE_DEFAULTS.get(phase, {}), **changes})


def refusal(act: Act, facts: CaseFacts, on: date, **params: object) -> RuleViolation:
    with pytest.raises(RuleViolation) as caught:
        check(act, facts, on, today=TODAY, **params)
    return caught.value


# ------------------------------------------------------------------------------------------------ titles × acts

_D, _O, _C, _A = Title.DEPUTY, Title.OFFICER, Title.CLERK, Title.ACCOUNTANT
_H = Title.HEAD
EXPECTED_TITLES: dict[Act, set[Title]] = {
    Act.RECEIVE_JUDGMENT: {_H, _D, _O, _C},
    Act.RECEIVE_REQUEST: {_H, _D, _O, _C},
    Act.REFUSE_REQUEST: {_H, _D},
    Act.DECIDE: {_H, _D},
    Act.SEND_TO_PROCURACY: {_H, _D, _O, _C},
    Act.NOTIFY_DEBTOR: {_H, _D, _O, _C},
    Act.START_VERIFICATION: {_H, _D, _O},
    Act.VERIFY_ABLE: {_H, _D, _O},
    Act.CLASSIFY_UNABLE: {_H, _D},
    Act.REVERIFY: {_H, _D, _O},
    Act.POSTPONE: {_H, _D},
    Act.RESUME: {_H, _D},
    Act.CONTINUE: {_H, _D},
    Act.SUSPEND: {_H, _D},
    Act.TERMINATE: {_H, _D},
    Act.ENTRUST_OUT: {_H, _D},
    Act.REVOKE: {_H, _D},
    Act.REDUCE: {_H, _D},
    Act.SEPARATE_BOOK: {_H, _D},
    Act.COLLECT: {_H, _D, _O, _A},
    Act.PAYOUT: {_A},
    Act.MOVE: {_H, _D},
    Act.REASSIGN: {_H, _D},
    Act.COMPLETE: {_H, _D},
    Act.CORRECT: {_H, _D},
    Act.RETURN_REQUEST: {_H, _D},  # Decree 152/2026 Art. 22.2 (the agency's written notice)
    Act.FEE_RELIEF: {_H, _D},  # TT 216/2016 Art. 7.4 (the head of the fee-collecting agency decides)
}


@pytest.mark.parametrize("act", list(Act))
@pytest.mark.parametrize("title", list(Title))
def test_title_may_perform_act_per_the_table(title: Title, act: Act) -> None:
    assert may_perform(title, act) is (title in EXPECTED_TITLES[act])


@pytest.mark.parametrize("title", [Title.VERIFIER, Title.STATISTICIAN, Title.RECEPTION, Title.ADMIN])
def test_read_only_titles_perform_no_legal_act(title: Title) -> None:
    assert not any(may_perform(title, act) for act in Act)


def test_every_act_has_titles_a_label_params_and_a_contract_mapping() -> None:
    assert set(ACT_TITLES) == set(ACT_LABELS_VI) == set(ACT_PARAMS) == set(ACT_EVENT) == set(Act)
    assert set(PHASE_LABELS_VI) == set(Phase)


def test_it_offers_only_the_acts_of_the_users_title() -> None:
    facts = facts_in(Phase.ENFORCING, held=1_000_000)
    assert allowed_acts(facts, TODAY, title=Title.ACCOUNTANT) == [Act.COLLECT, Act.PAYOUT]
    assert allowed_acts(facts, TODAY, title=Title.STATISTICIAN) == []


# ------------------------------------------------------------------------------------------------ contract mapping

def test_it_maps_acts_to_contract_events() -> None:
    assert ACT_EVENT[Act.CLASSIFY_UNABLE] is EventKind.CLASSIFIED_UNABLE
    assert ACT_EVENT[Act.REVERIFY] is EventKind.CLASSIFIED_UNABLE
    assert ACT_EVENT[Act.COLLECT] is EventKind.PAYMENT
    assert ACT_EVENT[Act.REDUCE] is EventKind.REDUCED
    assert ACT_EVENT[Act.RESUME] is EventKind.RESUMED
    internal = {a for a, kind in ACT_EVENT.items() if kind is None}
    assert internal == {Act.RECEIVE_JUDGMENT, Act.RECEIVE_REQUEST, Act.REFUSE_REQUEST, Act.DECIDE,
                        Act.SEND_TO_PROCURACY, Act.NOTIFY_DEBTOR, Act.START_VERIFICATION, Act.PAYOUT, Act.CORRECT,
                        Act.FEE_RELIEF}
    assert {kind for kind in ACT_EVENT.values() if kind is not None} == set(EventKind)


@pytest.mark.parametrize("act", [a for a in ACT_PHASES if ACT_EVENT[a] is not None])
def test_user_acts_are_never_looser_than_the_contract(act: Act) -> None:
    kind = ACT_EVENT[act]
    assert kind is not None
    assert all(contract_allows(project(phase), kind) for phase in ACT_PHASES[act])


VALID_PARAMS: dict[Act, dict[str, object]] = {
    Act.CLASSIFY_UNABLE: {"ground": "44a.1.c"},
    Act.POSTPONE: {"ground": "48.1.d"},
    Act.RESUME: {"new_information": "Đơn của người được thi hành án báo tài sản mới"},
    Act.SUSPEND: {"ground": "49.2"},
    Act.TERMINATE: {"ground": "50.1.c"},
    Act.ENTRUST_OUT: {"to": "Chi cục THADS huyện B", "debtor_elsewhere": True, "revocation_no": "12/QĐ-CCTHADS",
                      "revocation_on": TODAY},
    Act.REVOKE: {"ground": "37.1.b"},
    Act.REDUCE: {"obligation": "1", "amount": 1_000_000},
    Act.COLLECT: {"amount": 1_000_000},
    Act.PAYOUT: {"amount": 1_000_000, "collected_for_creditor": 2_000_000, "paid_out_to_creditor": 0},
    Act.MOVE: {"unit": "B"},
    Act.REASSIGN: {"officer": "CHV-2"},
    Act.CORRECT: {"target": "entry-17"},
    Act.FEE_RELIEF: {"outcome": "granted", "point": "7.2.b", "received_on": TODAY},
}


def ready(act: Act, phase: Phase) -> CaseFacts:
    """Facts in ``phase`` meeting every parameter-free precondition of ``act``."""
    facts = facts_in(phase, interim=True, reverification_count=2, held=2_000_000)
    if act is Act.COMPLETE:
        facts = replace(facts, obligations=(replace(COURT_FEE, outstanding=0),), held=0)  # Art. 52.1
    if act is Act.PAYOUT and phase is Phase.SUSPENDED:
        facts = replace(facts, ground="49.2")  # 49.1: deposited, not paid out (Decree 62 Art. 49.5.b)
    return facts


@pytest.mark.parametrize(("act", "phase"), [(a, p) for a in ACT_PHASES for p in sorted(ACT_PHASES[a])])
def test_each_allowed_act_keeps_the_internal_phase_consistent_with_the_contract(act: Act, phase: Phase) -> None:
    day = date(2027, 2, 1) if act is Act.RETURN_REQUEST else TODAY  # Decree 152/2026 Art. 22: from 07/2026, 2 years
    outcome = check(act, ready(act, phase), day, today=day, **VALID_PARAMS.get(act, {}))
    assert outcome.phase is not None and outcome.state is project(outcome.phase)
    expected = project(phase) if outcome.event is None else contract_target(project(phase), outcome.event)
    assert outcome.state is expected
    assert outcome.facts.phase is outcome.phase and outcome.facts.last_act_on == day
    assert act in allowed_acts(ready(act, phase), day)


# ------------------------------------------------------------------------------------------------ allowed_acts

_COMMON = [Act.POSTPONE, Act.SUSPEND, Act.TERMINATE, Act.ENTRUST_OUT, Act.REVOKE, Act.REDUCE, Act.COLLECT,
           Act.MOVE, Act.REASSIGN, Act.CORRECT]
_HALTED = [Act.SEND_TO_PROCURACY, Act.RESUME, Act.TERMINATE, Act.REVOKE, Act.REDUCE, Act.COLLECT, Act.MOVE,
           Act.REASSIGN, Act.CORRECT]
EXPECTED_ALLOWED: list[tuple[CaseFacts, list[Act]]] = [
    (facts_in(None), [Act.RECEIVE_JUDGMENT, Act.RECEIVE_REQUEST]),
    (facts_in(None, intake=Intake.JUDGMENT), [Act.RECEIVE_REQUEST, Act.DECIDE]),
    (facts_in(None, intake=Intake.REQUEST), [Act.REFUSE_REQUEST, Act.DECIDE]),
    (facts_in(None, intake=Intake.REFUSED), []),
    (facts_in(Phase.DECIDED), [Act.SEND_TO_PROCURACY, Act.NOTIFY_DEBTOR, *_COMMON]),
    (facts_in(Phase.VOLUNTARY), [Act.SEND_TO_PROCURACY, Act.START_VERIFICATION, *_COMMON]),
    (facts_in(Phase.VERIFYING), [Act.SEND_TO_PROCURACY, Act.VERIFY_ABLE, Act.CLASSIFY_UNABLE, *_COMMON]),
    (facts_in(Phase.ENFORCING), [Act.SEND_TO_PROCURACY, Act.VERIFY_ABLE, Act.CLASSIFY_UNABLE, *_COMMON]),
    (facts_in(Phase.NOT_YET_ABLE),
     [Act.SEND_TO_PROCURACY, Act.CLASSIFY_UNABLE, Act.REVERIFY, Act.POSTPONE, Act.CONTINUE, *_COMMON[1:]]),
    (facts_in(Phase.NOT_YET_ABLE, reverification_count=2),
     [Act.SEND_TO_PROCURACY, Act.CLASSIFY_UNABLE, Act.REVERIFY, Act.POSTPONE, Act.CONTINUE, Act.SUSPEND,
      Act.TERMINATE, Act.ENTRUST_OUT, Act.REVOKE, Act.REDUCE, Act.SEPARATE_BOOK, Act.COLLECT, Act.MOVE,
      Act.REASSIGN, Act.CORRECT]),
    (facts_in(Phase.POSTPONED), _HALTED),
    (facts_in(Phase.SUSPENDED), _HALTED),
    (facts_in(Phase.SEPARATE_BOOK),
     [Act.SEND_TO_PROCURACY, Act.RESUME, Act.TERMINATE, Act.REVOKE, Act.MOVE, Act.REASSIGN, Act.CORRECT]),
    (facts_in(Phase.COMPLETED), [Act.SEND_TO_PROCURACY, Act.CORRECT]),
    (facts_in(Phase.TERMINATED, held=300_000), [Act.SEND_TO_PROCURACY, Act.PAYOUT, Act.CORRECT]),
    (facts_in(Phase.ENTRUSTED_OUT), [Act.SEND_TO_PROCURACY, Act.CORRECT]),
    (facts_in(Phase.REVOKED), [Act.SEND_TO_PROCURACY, Act.CORRECT]),
    (facts_in(Phase.ENFORCING, obligations=(), held=5_000_000),
     [Act.SEND_TO_PROCURACY, Act.VERIFY_ABLE, Act.CLASSIFY_UNABLE, Act.POSTPONE, Act.SUSPEND, Act.TERMINATE,
      Act.ENTRUST_OUT, Act.REVOKE, Act.PAYOUT, Act.MOVE, Act.REASSIGN, Act.CORRECT]),  # held: no COMPLETE (52.1)
]


@pytest.mark.parametrize(("facts", "expected"), EXPECTED_ALLOWED,
                         ids=[f"{f.phase or f.intake}-{i}" for i, (f, _) in enumerate(EXPECTED_ALLOWED)])
def test_allowed_acts_per_phase(facts: CaseFacts, expected: list[Act]) -> None:
    # TT 216/2016 Art. 7.4: a fee relief may be decided in every phase after the decision to enforce (a fee already
    # withheld may be refunded whatever became of the case).
    assert allowed_acts(facts, TODAY) == expected + ([Act.FEE_RELIEF] if facts.phase is not None else [])


def test_it_offers_nothing_when_the_last_act_is_dated_after_today() -> None:
    assert allowed_acts(facts_in(Phase.ENFORCING, last_act_on=TODAY + timedelta(days=1)), TODAY) == []


# ------------------------------------------------------------------------------------------------ dates

def test_it_refuses_an_act_dated_in_the_future() -> None:
    err = refusal(Act.COLLECT, facts_in(Phase.ENFORCING), TODAY + timedelta(days=1), amount=1_000)
    assert err.code == "date.future"
    assert err.message_vi == "Không thể thu tiền thi hành án: ngày 02/06/2026 ở sau ngày hôm nay (01/06/2026)."


def test_it_refuses_an_act_dated_before_the_previous_act() -> None:
    facts = facts_in(Phase.ENFORCING, last_act_on=date(2025, 3, 1))
    err = refusal(Act.POSTPONE, facts, date(2025, 2, 28), ground="48.1.a")
    assert err.code == "date.before_previous"
    assert err.message_vi == ("Không thể hoãn thi hành án: ngày 28/02/2025 trước ngày của hành vi trước đó "
                              "của việc (01/03/2025).")


def test_it_refuses_an_act_dated_before_the_decision() -> None:
    err = refusal(Act.NOTIFY_DEBTOR, facts_in(Phase.DECIDED, last_act_on=None), D0 - timedelta(days=1))
    assert err.code == "date.before_decision"
    assert err.message_vi.endswith("trước ngày ra quyết định thi hành án (10/01/2025).")


def test_it_allows_an_act_on_the_same_day_as_the_previous_one() -> None:
    assert check(Act.NOTIFY_DEBTOR, facts_in(Phase.DECIDED), D0, today=TODAY).phase is Phase.VOLUNTARY


# ------------------------------------------------------------------------------------------------ intake and decision

def test_it_refuses_post_decision_acts_before_a_decision() -> None:
    err = refusal(Act.POSTPONE, facts_in(None, intake=Intake.REQUEST), D0, ground="48.1.a")
    assert (err.code, err.message_vi) == ("stage.undecided",
                                          "Không thể hoãn thi hành án: chưa có quyết định thi hành án.")


def test_it_refuses_a_second_decision_on_the_same_case() -> None:
    err = refusal(Act.DECIDE, facts_in(Phase.ENFORCING), TODAY, officer="CHV-1")
    assert err.message_vi == "Không thể ra quyết định thi hành án: việc đã có quyết định thi hành án."


def test_it_refuses_a_decision_before_anything_was_received() -> None:
    err = refusal(Act.DECIDE, facts_in(None), D0, officer="CHV-1")
    assert err.message_vi == ("Không thể ra quyết định thi hành án: chưa nhận bản án, quyết định hoặc yêu cầu "
                              "thi hành án.")


def test_it_refuses_a_decision_without_an_assigned_officer() -> None:
    err = refusal(Act.DECIDE, facts_in(None, intake=Intake.JUDGMENT), D0)
    assert (err.code, err.message_vi) == ("param.missing",
                                          "Không thể ra quyết định thi hành án: thiếu Chấp hành viên được phân công.")
    assert refusal(Act.DECIDE, facts_in(None, intake=Intake.JUDGMENT), D0, officer="   ").code == "param.missing"


def test_it_refuses_an_officer_with_a_conflict_of_interest() -> None:
    err = refusal(Act.DECIDE, facts_in(None, intake=Intake.JUDGMENT), D0, officer="CHV-1", officer_conflict=True)
    assert err.code == "officer.conflict" and "(Điều 21)" in err.message_vi


def test_a_decision_sets_the_decision_dates_and_the_officer() -> None:
    facts = facts_in(None, intake=Intake.JUDGMENT, last_act_on=date(2025, 1, 8))
    outcome = check(Act.DECIDE, facts, D0, today=TODAY, officer="CHV-7")
    assert (outcome.phase, outcome.state, outcome.event) == (Phase.DECIDED, project(Phase.DECIDED), None)
    assert (outcome.facts.decided_on, outcome.facts.first_decided_on, outcome.facts.officer) == (D0, D0, "CHV-7")


def test_it_refuses_a_decision_on_a_time_barred_request() -> None:
    facts = facts_in(None, intake=Intake.REQUEST, request_on=date(2025, 3, 2), request_deadline=date(2025, 3, 1))
    err = refusal(Act.DECIDE, facts, date(2025, 3, 3), officer="CHV-1")
    assert err.code == "limitation.expired"
    assert err.message_vi == ("Không thể ra quyết định thi hành án: yêu cầu thi hành án đã hết thời hiệu từ sau ngày "
                              "01/03/2025 (Điều 30); phải từ chối theo điểm c khoản 5 Điều 31.")


def test_a_request_filed_on_the_deadline_is_decided() -> None:
    facts = facts_in(None, intake=Intake.REQUEST, request_on=date(2025, 3, 1), request_deadline=date(2025, 3, 1))
    assert check(Act.DECIDE, facts, date(2025, 3, 3), today=TODAY, officer="CHV-1").phase is Phase.DECIDED


def test_it_refuses_a_time_bar_refusal_of_a_request_still_in_time() -> None:
    facts = facts_in(None, intake=Intake.REQUEST, request_on=date(2025, 3, 1), request_deadline=date(2025, 3, 1))
    err = refusal(Act.REFUSE_REQUEST, facts, date(2025, 3, 3), ground="31.5.c")
    assert err.message_vi == ("Không thể từ chối yêu cầu thi hành án: yêu cầu còn trong thời hiệu đến hết ngày "
                              "01/03/2025 (Điều 30).")
    outcome = check(Act.REFUSE_REQUEST, facts, date(2025, 3, 3), today=TODAY, ground="31.5.b")
    assert outcome.facts.intake is Intake.REFUSED and outcome.phase is None


def test_receiving_a_request_records_its_date_and_deadline() -> None:
    outcome = check(Act.RECEIVE_REQUEST, facts_in(None, intake=Intake.JUDGMENT), D0, today=TODAY,
                    request_deadline=date(2029, 5, 1))
    assert (outcome.facts.intake, outcome.facts.request_on, outcome.facts.request_deadline) == (
        Intake.REQUEST, D0, date(2029, 5, 1))


def test_it_rejects_unknown_parameters_as_a_programming_error() -> None:
    with pytest.raises(TypeError):
        check(Act.COMPLETE, facts_in(Phase.ENFORCING, obligations=()), TODAY, today=TODAY, amount=5)
    with pytest.raises(TypeError):
        check(Act.COLLECT, facts_in(Phase.ENFORCING), TODAY, today=TODAY, amount="5000")


# ------------------------------------------------------------------------------------------------ voluntary period, verification

def test_notification_starts_a_ten_day_voluntary_period() -> None:
    outcome = check(Act.NOTIFY_DEBTOR, facts_in(Phase.DECIDED), date(2025, 1, 13), today=TODAY)
    assert outcome.facts.voluntary_until == date(2025, 1, 23)


def test_the_voluntary_period_end_is_rolled_by_the_calendar_hook() -> None:
    def next_monday(d: date) -> date:
        return d + timedelta(days=(7 - d.weekday()) % 7) if d.weekday() >= 5 else d
    rules = ActRules(roll=next_monday)
    outcome = check(Act.NOTIFY_DEBTOR, facts_in(Phase.DECIDED), date(2025, 1, 15), today=TODAY, rules=rules)
    assert outcome.facts.voluntary_until == date(2025, 1, 27)  # 25/01/2025 is a Saturday


def test_it_refuses_verification_before_the_debtor_is_notified() -> None:
    err = refusal(Act.START_VERIFICATION, facts_in(Phase.DECIDED), TODAY)
    assert err.message_vi == ("Không thể bắt đầu xác minh điều kiện thi hành án: chưa thông báo quyết định cho "
                              "người phải thi hành án (Điều 39).")


def test_verification_may_start_within_the_voluntary_period_art_44_1_and_45_2() -> None:
    facts = facts_in(Phase.VOLUNTARY, voluntary_until=date(2025, 1, 20))
    assert check(Act.START_VERIFICATION, facts, date(2025, 1, 20), today=TODAY).phase is Phase.VERIFYING
    assert check(Act.START_VERIFICATION, facts, date(2025, 1, 21), today=TODAY).phase is Phase.VERIFYING


def test_it_refuses_a_classification_before_verification_starts() -> None:
    err = refusal(Act.CLASSIFY_UNABLE, facts_in(Phase.VOLUNTARY), TODAY, ground="44a.1.a")
    assert err.code == "verify.not_started"


def test_interim_measures_are_verified_at_once() -> None:
    facts = facts_in(Phase.DECIDED, interim=True)
    assert check(Act.VERIFY_ABLE, facts, D0, today=TODAY).phase is Phase.ENFORCING
    assert check(Act.START_VERIFICATION, facts, D0, today=TODAY).phase is Phase.VERIFYING


# ------------------------------------------------------------------------------------------------ not yet able, separate book

def test_classification_starts_a_not_yet_able_spell_and_reverification_keeps_it() -> None:
    first = check(Act.CLASSIFY_UNABLE, facts_in(Phase.VERIFYING), date(2025, 3, 1), today=TODAY, ground="44a.1.a")
    assert (first.phase, first.event, first.facts.unable_since, first.facts.reverification_count) == (
        Phase.NOT_YET_ABLE, EventKind.CLASSIFIED_UNABLE, date(2025, 3, 1), 0)
    again = check(Act.REVERIFY, first.facts, date(2025, 9, 1), today=TODAY)
    assert (again.phase, again.event, again.facts.ground) == (Phase.NOT_YET_ABLE, EventKind.CLASSIFIED_UNABLE,
                                                              "44a.1.a")
    assert (again.facts.unable_since, again.facts.reverification_count) == (date(2025, 3, 1), 1)
    changed = check(Act.CLASSIFY_UNABLE, again.facts, date(2025, 10, 1), today=TODAY, ground="44a.1.c")
    assert (changed.facts.ground, changed.facts.unable_since, changed.facts.reverification_count) == (
        "44a.1.c", date(2025, 3, 1), 2)


def test_it_refuses_an_unable_classification_without_a_valid_ground() -> None:
    err = refusal(Act.CLASSIFY_UNABLE, facts_in(Phase.VERIFYING), TODAY, ground="44a.1.d")
    assert err.message_vi == ("Không thể ra quyết định về việc chưa có điều kiện thi hành án: căn cứ «44a.1.d» "
                              "không hợp lệ (hợp lệ: 44a.1.a, 44a.1.b, 44a.1.c).")


def test_the_heads_continuation_decision_ends_the_not_yet_able_spell() -> None:
    outcome = check(Act.CONTINUE, facts_in(Phase.NOT_YET_ABLE, reverification_count=1), TODAY, today=TODAY)
    assert (outcome.phase, outcome.event, outcome.facts.unable_since, outcome.facts.reverification_count) == (
        Phase.ENFORCING, EventKind.VERIFIED_ABLE, None, 0)


def unable_since(day: date, **changes: object) -> CaseFacts:
    """NOT_YET_ABLE since ``day`` (decided two months earlier), re-verified twice."""
    decided = add_months(day, -2)
    defaults: dict[str, object] = {"unable_since": day, "last_act_on": day, "decided_on": decided,
                                   "first_decided_on": decided, "reverification_count": 2}
    return facts_in(Phase.NOT_YET_ABLE, **{**defaults, **changes})


def test_it_refuses_the_separate_book_within_one_year_of_the_unable_decision() -> None:
    facts = unable_since(date(2024, 3, 10))
    err = refusal(Act.SEPARATE_BOOK, facts, date(2025, 3, 10))
    assert err.code == "separate_book.too_early"
    assert err.message_vi == ("Không thể chuyển sổ theo dõi riêng: chưa hết 1 năm kể từ ngày ra quyết định về việc "
                              "chưa có điều kiện thi hành án (10/03/2024); sớm nhất từ ngày 11/03/2025 "
                              "(Điều 9.5 Nghị định 62/2015/NĐ-CP).")
    outcome = check(Act.SEPARATE_BOOK, facts, date(2025, 3, 11), today=TODAY)
    assert (outcome.phase, outcome.event) == (Phase.SEPARATE_BOOK, EventKind.SEPARATE_BOOK)


def test_the_separate_book_waits_two_years_for_a_long_prisoner_or_unknown_address() -> None:
    facts = unable_since(date(2024, 2, 29), long_unable=True)
    assert refusal(Act.SEPARATE_BOOK, facts, date(2026, 2, 28)).code == "separate_book.too_early"
    assert check(Act.SEPARATE_BOOK, facts, date(2026, 3, 1), today=TODAY).phase is Phase.SEPARATE_BOOK


def test_the_separate_book_years_are_configurable() -> None:
    rules = ActRules(separate_book_years=2)  # e.g. Decree 152/2026 Art. 22
    assert refusal_with(Act.SEPARATE_BOOK, unable_since(date(2024, 1, 1)), date(2025, 6, 1), rules) == \
        "separate_book.too_early"


def refusal_with(act: Act, facts: CaseFacts, on: date, rules: ActRules, **params: object) -> str:
    with pytest.raises(RuleViolation) as caught:
        check(act, facts, on, today=TODAY, rules=rules, **params)
    return caught.value.code


def test_it_refuses_the_separate_book_with_fewer_than_two_reverifications() -> None:
    err = refusal(Act.SEPARATE_BOOK, unable_since(date(2024, 1, 1), reverification_count=1), TODAY)
    assert err.message_vi == ("Không thể chuyển sổ theo dõi riêng: mới xác minh lại 1 lần, cần ít nhất 2 lần "
                              "(Điều 9.5 Nghị định 62/2015/NĐ-CP).")


def test_it_refuses_the_separate_book_while_new_information_is_pending() -> None:
    err = refusal(Act.SEPARATE_BOOK, unable_since(date(2024, 1, 1), new_information=True), TODAY)
    assert err.code == "separate_book.new_information"


def test_it_refuses_to_resume_from_the_separate_book_without_new_information() -> None:
    err = refusal(Act.RESUME, facts_in(Phase.SEPARATE_BOOK), TODAY)
    assert err.message_vi == ("Không thể tiếp tục thi hành án: chỉ tiếp tục thi hành việc trong sổ theo dõi riêng khi "
                              "có thông tin mới về điều kiện thi hành án (Điều 9.6 Nghị định 62/2015/NĐ-CP).")
    outcome = check(Act.RESUME, facts_in(Phase.SEPARATE_BOOK), TODAY, today=TODAY,
                    new_information="Người phải thi hành án được nhận thừa kế")
    assert (outcome.phase, outcome.event, outcome.facts.unable_since) == (Phase.ENFORCING, EventKind.RESUMED, None)


# ------------------------------------------------------------------------------------------------ postponement, suspension

def test_it_refuses_a_second_48_2_postponement() -> None:
    first = check(Act.POSTPONE, facts_in(Phase.ENFORCING), date(2025, 5, 1), today=TODAY, ground="48.2",
                  until=date(2025, 7, 1), requested_on=date(2025, 5, 1))
    assert first.facts.used_48_2 and first.facts.postponed_until == date(2025, 7, 1)
    resumed = check(Act.RESUME, first.facts, date(2025, 6, 1), today=TODAY)
    assert resumed.facts.used_48_2 and resumed.phase is Phase.ENFORCING
    err = refusal(Act.POSTPONE, resumed.facts, date(2025, 8, 1), ground="48.2", until=date(2025, 9, 1),
                  requested_on=date(2025, 8, 1))
    assert err.code == "postpone.48_2_used"
    assert err.message_vi == ("Không thể hoãn thi hành án: việc đã được hoãn theo khoản 2 Điều 48; chỉ được hoãn "
                              "theo khoản này một lần.")
    other = check(Act.POSTPONE, resumed.facts, date(2025, 8, 1), today=TODAY, ground="48.1.d")
    assert other.phase is Phase.POSTPONED and other.facts.ground == "48.1.d"


def test_it_refuses_a_48_2_postponement_longer_than_three_months() -> None:
    facts = facts_in(Phase.ENFORCING)
    err = refusal(Act.POSTPONE, facts, date(2025, 11, 30), ground="48.2", until=date(2026, 3, 1),
                  requested_on=date(2025, 11, 30))
    assert err.message_vi == ("Không thể hoãn thi hành án: hoãn theo khoản 2 Điều 48 không quá 3 tháng kể từ ngày văn "
                              "bản yêu cầu hoãn (30/11/2025), tức đến hết ngày 28/02/2026.")
    ok = check(Act.POSTPONE, facts, date(2025, 11, 30), today=TODAY, ground="48.2", until=date(2026, 2, 28),
               requested_on=date(2025, 11, 30))
    assert ok.facts.postponed_until == date(2026, 2, 28)


def test_it_needs_an_until_date_for_a_48_2_or_an_agreed_postponement() -> None:
    for ground in ("48.2", "48.1.c"):
        err = refusal(Act.POSTPONE, facts_in(Phase.ENFORCING), TODAY, ground=ground, requested_on=TODAY)
        assert err.message_vi == "Không thể hoãn thi hành án: thiếu thời hạn hoãn."


def test_it_refuses_a_postponement_ending_before_it_starts() -> None:
    err = refusal(Act.POSTPONE, facts_in(Phase.ENFORCING), TODAY, ground="48.1.c", until=TODAY)
    assert err.code == "postpone.until_not_after"


def test_it_refuses_an_unknown_postponement_ground() -> None:
    err = refusal(Act.POSTPONE, facts_in(Phase.ENFORCING), TODAY, ground="48.1.i")
    assert err.code == "ground.invalid" and "«48.1.i»" in err.message_vi


def test_it_refuses_to_postpone_an_already_postponed_case() -> None:
    err = refusal(Act.POSTPONE, facts_in(Phase.POSTPONED), TODAY, ground="48.1.b")
    assert err.code == "phase.not_allowed"
    assert err.message_vi == "Không thể hoãn thi hành án khi việc đang ở trạng thái «Hoãn thi hành án»."


def test_suspension_termination_and_revocation_need_their_statutory_grounds() -> None:
    facts = facts_in(Phase.ENFORCING)
    assert check(Act.SUSPEND, facts, TODAY, today=TODAY, ground="49.1").facts.ground == "49.1"
    assert refusal(Act.SUSPEND, facts, TODAY, ground="49.3").code == "ground.invalid"
    assert check(Act.TERMINATE, facts, TODAY, today=TODAY, ground="50.1.đ").phase is Phase.TERMINATED
    assert refusal(Act.TERMINATE, facts, TODAY).code == "param.missing"
    assert check(Act.REVOKE, facts, TODAY, today=TODAY, ground="37.1.a").phase is Phase.REVOKED
    assert refusal(Act.REVOKE, facts, TODAY, ground="37.2").code == "ground.invalid"


# ------------------------------------------------------------------------------------------------ money acts, completion

def test_it_rejects_completion_while_money_is_owed() -> None:
    facts = facts_in(Phase.ENFORCING, obligations=(COURT_FEE, replace(DEBT, outstanding=0)))
    err = refusal(Act.COMPLETE, facts, TODAY)
    assert (err.code, err.message_vi) == ("complete.outstanding",
                                          "Không thể hoàn thành: việc còn 5.000.000 ₫ chưa thi hành.")


def test_it_rejects_completion_while_a_non_money_duty_is_pending() -> None:
    err = refusal(Act.COMPLETE, facts_in(Phase.ENFORCING, obligations=(), other_duties_pending=True), TODAY)
    assert err.message_vi == "Không thể hoàn thành: việc còn nghĩa vụ không phải tiền chưa thi hành xong."


def test_it_completes_a_case_with_nothing_outstanding_even_in_the_voluntary_period() -> None:
    outcome = check(Act.COMPLETE, facts_in(Phase.VOLUNTARY, obligations=()), TODAY, today=TODAY)
    assert (outcome.phase, outcome.event) == (Phase.COMPLETED, EventKind.COMPLETED)
    assert outcome.facts.is_final


def test_a_collection_is_split_by_article_47_and_lowers_what_is_owed() -> None:
    facts = facts_in(Phase.ENFORCING, obligations=(DEBT, COURT_FEE))
    outcome = check(Act.COLLECT, facts, TODAY, today=TODAY, amount=7_000_000)
    assert outcome.allocation == {"2": 2_000_000, "1": 5_000_000}  # court fee (rank 2) before the debt (rank 3)
    assert outcome.event is EventKind.PAYMENT and outcome.facts.outstanding == 98_000_000
    assert outcome.facts.held == 7_000_000 and outcome.phase is Phase.ENFORCING


def test_a_collection_may_name_one_obligation_only_in_the_order_of_article_47() -> None:
    outcome = check(Act.COLLECT, facts_in(Phase.ENFORCING), TODAY, today=TODAY, amount=1_000, obligation="1")
    assert outcome.allocation == {"1": 1_000, "2": 0}  # the court fee (47.1.b) comes first anyway
    err = refusal(Act.COLLECT, facts_in(Phase.ENFORCING), TODAY, amount=1_000, obligation="2")
    assert err.code == "collect.out_of_order"  # the debt (47.1.c) may not be paid before the court fee


def test_it_refuses_a_collection_larger_than_what_is_owed() -> None:
    with pytest.raises(MoneyError) as caught:
        check(Act.COLLECT, facts_in(Phase.ENFORCING), TODAY, today=TODAY, amount=105_000_001)
    assert caught.value.message_vi == "Số tiền thu 105.000.001 ₫ lớn hơn số tiền còn phải thi hành 105.000.000 ₫."
    err = refusal(Act.COLLECT, facts_in(Phase.ENFORCING), TODAY, amount=5_000_001, obligation="1")
    assert err.message_vi == ("Không thể thu tiền thi hành án: số tiền 5.000.001 ₫ lớn hơn số còn phải thi hành "
                              "của khoản «1» (5.000.000 ₫).")
    assert refusal(Act.COLLECT, facts_in(Phase.ENFORCING), TODAY, amount=0).code == "money.not_positive"


def test_it_refuses_to_collect_on_a_separate_book_case() -> None:
    err = refusal(Act.COLLECT, facts_in(Phase.SEPARATE_BOOK), TODAY, amount=1_000)
    assert err.message_vi == "Không thể thu tiền thi hành án khi việc đang ở trạng thái «Sổ theo dõi riêng»."


def test_it_refuses_to_reduce_an_obligation_owed_to_a_person() -> None:
    err = refusal(Act.REDUCE, facts_in(Phase.NOT_YET_ABLE), TODAY, obligation="2", amount=1_000_000)
    assert err.message_vi == ("Không thể ghi nhận miễn, giảm nghĩa vụ thi hành án: chỉ miễn, giảm khoản thu, nộp "
                              "ngân sách nhà nước (Điều 61); khoản «2» không nộp ngân sách nhà nước.")


def test_it_refuses_reduction_when_no_state_budget_obligation_is_owed() -> None:
    err = refusal(Act.REDUCE, facts_in(Phase.ENFORCING, obligations=(DEBT,)), TODAY, obligation="2", amount=1)
    assert err.code == "reduce.no_state_obligation"


def test_it_records_a_reduction_of_a_state_budget_obligation() -> None:
    outcome = check(Act.REDUCE, facts_in(Phase.NOT_YET_ABLE), TODAY, today=TODAY, obligation="1", amount=1_250_000)
    assert (outcome.event, outcome.allocation, outcome.phase) == (EventKind.REDUCED, {"1": 1_250_000},
                                                                 Phase.NOT_YET_ABLE)
    assert outcome.facts.obligation("1") == replace(COURT_FEE, outstanding=3_750_000)
    assert refusal(Act.REDUCE, facts_in(Phase.ENFORCING), TODAY, obligation="1", amount=5_000_001).code == \
        "money.exceeds_obligation"
    assert refusal(Act.REDUCE, facts_in(Phase.ENFORCING), TODAY, obligation="9", amount=1).code == \
        "obligation.unknown"


def test_it_refuses_a_payout_above_the_money_held_for_the_creditor() -> None:
    facts = facts_in(Phase.ENFORCING, held=10_000_000)
    err = refusal(Act.PAYOUT, facts, TODAY, amount=3_000_000, collected_for_creditor=5_000_000,
                  paid_out_to_creditor=3_000_000)
    assert err.message_vi == ("Không thể chi trả 3.000.000 ₫: số tiền đã thu cho người được thi hành án mà chưa "
                              "chi trả chỉ còn 2.000.000 ₫.")
    outcome = check(Act.PAYOUT, facts, TODAY, today=TODAY, amount=2_000_000, collected_for_creditor=5_000_000,
                    paid_out_to_creditor=3_000_000)
    assert outcome.facts.held == 8_000_000 and outcome.event is None


def test_money_held_can_still_be_paid_out_after_termination() -> None:
    facts = facts_in(Phase.TERMINATED, held=1_000)
    outcome = check(Act.PAYOUT, facts, TODAY, today=TODAY, amount=1_000, collected_for_creditor=1_000,
                    paid_out_to_creditor=0)
    assert outcome.phase is Phase.TERMINATED and outcome.facts.held == 0


# ------------------------------------------------------------------------------------------------ entrustment, move, reassign, correct

def test_it_refuses_entrustment_without_a_receiving_agency() -> None:
    err = refusal(Act.ENTRUST_OUT, facts_in(Phase.ENFORCING), TODAY)
    assert err.message_vi == "Không thể ủy thác thi hành án: thiếu cơ quan thi hành án nhận ủy thác."
    outcome = check(Act.ENTRUST_OUT, facts_in(Phase.ENFORCING), TODAY, today=TODAY, to="THADS tỉnh Quảng Trị",
                    debtor_elsewhere=True, revocation_no="12/QĐ-CCTHADS", revocation_on=TODAY)
    assert (outcome.phase, outcome.event) == (Phase.ENTRUSTED_OUT, EventKind.ENTRUSTED_OUT)


def test_it_refuses_to_move_a_case_to_the_unit_holding_it() -> None:
    assert refusal(Act.MOVE, facts_in(Phase.ENFORCING), TODAY, unit="A").message_vi == (
        "Không thể chuyển việc sang đơn vị khác: việc đang thuộc đơn vị này.")
    assert check(Act.MOVE, facts_in(Phase.POSTPONED), TODAY, today=TODAY, unit="B").facts.unit == "B"


def test_it_refuses_to_reassign_a_case_to_its_own_officer() -> None:
    assert refusal(Act.REASSIGN, facts_in(Phase.ENFORCING), TODAY, officer="CHV-1").code == "reassign.same_officer"
    outcome = check(Act.REASSIGN, facts_in(Phase.ENFORCING), TODAY, today=TODAY, officer="CHV-2")
    assert (outcome.facts.officer, outcome.event) == ("CHV-2", EventKind.REASSIGNED)


def test_a_correction_must_point_at_an_earlier_entry() -> None:
    assert refusal(Act.CORRECT, facts_in(Phase.COMPLETED), TODAY).message_vi == (
        "Không thể đính chính, sửa đổi: thiếu bút toán cần đính chính.")
    outcome = check(Act.CORRECT, facts_in(Phase.COMPLETED), TODAY, today=TODAY, target="17", reason="Sai số QĐ")
    assert (outcome.phase, outcome.event) == (Phase.COMPLETED, None)


def test_a_whole_case_from_request_to_completion() -> None:
    facts = CaseFacts()
    steps: list[tuple[Act, date, dict[str, object]]] = [
        (Act.RECEIVE_REQUEST, date(2024, 1, 2), {"request_deadline": date(2028, 6, 1)}),
        (Act.DECIDE, date(2024, 1, 5), {"officer": "CHV-1"}),
        (Act.SEND_TO_PROCURACY, date(2024, 1, 8), {}),
        (Act.NOTIFY_DEBTOR, date(2024, 1, 8), {}),
        (Act.START_VERIFICATION, date(2024, 1, 19), {}),
        (Act.CLASSIFY_UNABLE, date(2024, 2, 1), {"ground": "44a.1.a"}),
        (Act.REVERIFY, date(2024, 8, 1), {}),
        (Act.REVERIFY, date(2025, 1, 30), {}),
        (Act.SEPARATE_BOOK, date(2025, 2, 3), {}),
        (Act.RESUME, date(2025, 9, 1), {"new_information": "Có tài sản mới"}),
        (Act.COLLECT, date(2025, 9, 15), {"amount": 5_000_000}),
        (Act.PAYOUT, date(2025, 9, 16), {"amount": 5_000_000, "collected_for_creditor": 5_000_000,
                                         "paid_out_to_creditor": 0}),
        (Act.COMPLETE, date(2025, 9, 16), {}),
    ]
    phases = []
    for act, on, params in steps:
        if act is Act.DECIDE:
            facts = replace(facts, obligations=(COURT_FEE,))
        outcome = check(act, facts, on, today=TODAY, **params)
        facts = outcome.facts
        phases.append(outcome.phase)
    assert phases == [None, Phase.DECIDED, Phase.DECIDED, Phase.VOLUNTARY, Phase.VERIFYING, Phase.NOT_YET_ABLE,
                      Phase.NOT_YET_ABLE, Phase.NOT_YET_ABLE, Phase.SEPARATE_BOOK, Phase.ENFORCING,
                      Phase.ENFORCING, Phase.ENFORCING, Phase.COMPLETED]
    assert facts.outstanding == 0 and facts.held == 0 and facts.last_act_on == date(2025, 9, 16)


# ------------------------------------------------------------------------------------------------ Art. 30 limitation

@pytest.mark.parametrize(("start", "months", "expected"), [
    (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2023, 1, 31), 1, date(2023, 2, 28)),
    (date(2025, 11, 30), 3, date(2026, 2, 28)),
    (date(2024, 2, 29), 12, date(2025, 2, 28)),
    (date(2024, 2, 29), 48, date(2028, 2, 29)),
    (date(2025, 5, 15), -3, date(2025, 2, 15)),
])
def test_months_are_counted_by_day_number_or_the_last_day_of_the_month(start: date, months: int,
                                                                       expected: date) -> None:
    assert add_months(start, months) == expected


def test_the_deadline_is_five_years_after_the_judgment_took_effect() -> None:
    assert request_deadline(date(2020, 1, 10)) == date(2025, 1, 10)
    assert not is_time_barred(date(2025, 1, 10), date(2020, 1, 10))
    assert is_time_barred(date(2025, 1, 11), date(2020, 1, 10))


def test_a_judgment_effective_on_a_leap_day_expires_on_28_february() -> None:
    assert request_deadline(date(2020, 2, 29)) == date(2025, 2, 28)
    assert request_deadline(date(2019, 2, 28), years=5) == date(2024, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_the_deadline_runs_from_the_due_date_when_the_judgment_fixes_one() -> None:
    assert request_deadline(date(2020, 1, 10), due_on=date(2021, 6, 30)) == date(2026, 6, 30)


def test_each_instalment_of_a_periodic_obligation_has_its_own_deadline() -> None:
    dues = [date(2020, 1, 31), date(2020, 2, 29), date(2020, 3, 31)]
    assert instalment_deadlines(dues) == [date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31)]


def test_an_excluded_interval_pushes_the_deadline_back_by_its_days() -> None:
    excluded = [(date(2021, 3, 1), date(2021, 3, 31))]  # 31 days of postponement
    assert request_deadline(date(2020, 1, 10), excluded=excluded) == date(2025, 2, 10)
    assert is_time_barred(date(2025, 2, 11), date(2020, 1, 10), excluded=excluded)
    assert not is_time_barred(date(2025, 2, 10), date(2020, 1, 10), excluded=excluded)


def test_excluded_intervals_are_merged_clipped_and_chained() -> None:
    start = date(2020, 1, 10)
    overlapping = [(date(2021, 3, 1), date(2021, 3, 20)), (date(2021, 3, 10), date(2021, 3, 31))]
    assert request_deadline(start, excluded=overlapping) == date(2025, 2, 10)
    before_start = [(date(2019, 12, 1), date(2020, 1, 20))]  # only 11–20/01/2020 counts: 10 days
    assert request_deadline(start, excluded=before_start) == date(2025, 1, 20)
    straddling = [(date(2025, 1, 1), date(2025, 1, 20))]  # starts before the deadline: all 20 days count
    assert request_deadline(start, excluded=straddling) == date(2025, 1, 30)
    chained = [(date(2025, 1, 1), date(2025, 1, 20)), (date(2025, 1, 25), date(2025, 1, 26))]
    assert request_deadline(start, excluded=chained) == date(2025, 2, 1)
    after = [(date(2025, 1, 11), date(2025, 3, 1))]
    assert request_deadline(start, excluded=after) == date(2025, 1, 10)
    with pytest.raises(ValueError):
        request_deadline(start, excluded=[(date(2021, 3, 2), date(2021, 3, 1))])


def test_the_leap_day_deadline_and_an_excluded_interval_combine() -> None:
    assert request_deadline(date(2020, 2, 29), excluded=[(date(2022, 6, 1), date(2022, 6, 10))]) == date(2025, 3, 10)


def test_the_roll_hook_moves_a_deadline_off_a_rest_day() -> None:
    def next_monday(d: date) -> date:
        return d + timedelta(days=7 - d.weekday()) if d.weekday() >= 5 else d
    assert request_deadline(date(2020, 1, 11)) == date(2025, 1, 11)  # a Saturday
    assert request_deadline(date(2020, 1, 11), roll=next_monday) == date(2025, 1, 13)
    assert not is_time_barred(date(2025, 1, 13), date(2020, 1, 11), roll=next_monday)


def test_periods_do_not_count_their_first_day() -> None:
    assert period_end(date(2025, 3, 1), days=10) == date(2025, 3, 11)
    assert period_end(date(2025, 1, 31), months=1) == date(2025, 2, 28)
    assert full_years_elapsed(date(2020, 3, 10), date(2021, 3, 10)) == 0
    assert full_years_elapsed(date(2020, 3, 10), date(2021, 3, 11)) == 1
    assert full_years_elapsed(date(2020, 2, 29), date(2025, 3, 1)) == 5
    assert full_years_elapsed(date(2020, 2, 29), date(2025, 2, 28)) == 4
    assert full_years_elapsed(date(2020, 3, 10), date(2019, 1, 1)) == 0
