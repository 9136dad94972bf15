"""Legal checks of the acts a user enters on a case (import uses only the looser ``states.CONTRACT_ALLOWED``).

Call :func:`check` before writing an act: it returns the :class:`Outcome` (new phase, contract state and event,
updated facts) or raises :class:`RuleViolation` whose ``message_vi`` the UI shows. :func:`allowed_acts` lists what to
offer now. The vocabulary (``Act``, ``CaseFacts``, ``ACT_TITLES``, ``ACT_EVENT``, …) lives in
:mod:`thads.domain.act_types` and is re-exported here. Pure Python.

Every act: dated on or before ``today``, not before the case's previous act nor before the decision to enforce
(interchange.md §1: events must not go back in time). Legal basis per act in the ``_act_*`` docstrings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from thads.domain.act_gates import (
    PERSONAL_DUTY_KINDS,
    Params,
    check_dates,
    check_preconditions,
    check_stage,
    fmt_date,
    refuse,
)
from thads.domain.act_types import (
    ACT_EVENT,
    ACT_FIXED_GROUND,
    ACT_LABELS_VI,
    ACT_PHASES,
    ACT_TITLES,
    DEFAULT_RULES,
    PHASE_LABELS_VI,
    REFUSE_GROUNDS,
    REVOKE_GROUNDS,
    Act,
    ActRules,
    CaseFacts,
    Intake,
    Outcome,
    may_perform,
)
from thads.domain.calendar import CalendarRangeError, national_calendar
from thads.domain.errors import RuleViolation
from thads.domain.fee_relief import relief_percent
from thads.domain.limitation import add_months, period_end
from thads.domain.money import Beneficiary, allocate_collection, check_payout, named_out_of_order
from thads.domain.regime import REGIME_2026_FROM, late_request_refusal, rules_for
from thads.domain.roles import Title
from thads.domain.states import POSTPONE_GROUNDS, SUSPEND_GROUNDS, TERMINATE_GROUNDS, UNABLE_GROUNDS, Phase, project
from thads.lib.numbers import format_vnd

__all__ = [
    "ACT_EVENT", "ACT_LABELS_VI", "ACT_PARAMS", "ACT_PHASES", "ACT_TITLES", "DEFAULT_RULES", "PHASE_LABELS_VI",
    "REFUSE_GROUNDS", "REVOKE_GROUNDS", "Act", "ActRules", "CaseFacts", "Intake", "Outcome", "RuleViolation",
    "allowed_acts", "check", "may_perform",
]

#: Parameters each act accepts in ``check(**params)``; anything else is a programming error (TypeError).
ACT_PARAMS: dict[Act, frozenset[str]] = {a: frozenset() for a in Act} | {
    Act.RECEIVE_REQUEST: frozenset({"request_deadline"}),
    Act.REFUSE_REQUEST: frozenset({"ground"}),
    Act.DECIDE: frozenset({"officer", "officer_conflict", "late_accepted"}),
    Act.SEND_TO_PROCURACY: frozenset({"decision"}),
    Act.CLASSIFY_UNABLE: frozenset({"ground"}),
    Act.REVERIFY: frozenset({"ground"}),
    Act.POSTPONE: frozenset({"ground", "until", "requested_on", "personal_duty"}),
    Act.RESUME: frozenset({"new_information"}),
    Act.SUSPEND: frozenset({"ground"}),
    Act.TERMINATE: frozenset({"ground"}),
    Act.ENTRUST_OUT: frozenset({"to", "revocation_no", "revocation_on", "debtor_elsewhere"}),
    Act.REVOKE: frozenset({"ground"}),
    Act.REDUCE: frozenset({"obligation", "amount"}),
    Act.COLLECT: frozenset({"amount", "obligation"}),
    Act.PAYOUT: frozenset({"amount", "collected_for_creditor", "paid_out_to_creditor"}),
    Act.MOVE: frozenset({"unit"}),
    Act.REASSIGN: frozenset({"officer", "officer_conflict"}),
    Act.CORRECT: frozenset({"target", "reason"}),
    Act.FEE_RELIEF: frozenset({"outcome", "point", "percent", "received_on", "reason"}),
}

Changes = dict[str, Any]
Result = tuple[Phase | None, Changes, Mapping[str, int]]


# --------------------------------------------------------------------------------------------------- acts


def _act_request(f: CaseFacts, on: date, r: ActRules, p: Params) -> Result:
    """Art. 31.1, 31.4: the request date is the filing (or postmark) date."""
    deadline = p.day("request_deadline", required=False) or f.request_deadline
    return None, {"intake": Intake.REQUEST, "request_on": on, "request_deadline": deadline}, {}


def _act_refuse(f: CaseFacts, on: date, r: ActRules, p: Params) -> Result:
    """Art. 31.5: refusal only on its grounds; 31.5.c only when the Art. 30 limitation really expired."""
    ground = p.ground(REFUSE_GROUNDS)
    if ground == "31.5.c" and f.request_deadline is not None and f.request_on is not None \
            and f.request_on <= f.request_deadline:
        raise refuse(p.act, "limitation.not_expired",
                     f"yêu cầu còn trong thời hiệu đến hết ngày {fmt_date(f.request_deadline)} (Điều 30)")
    return None, {"intake": Intake.REFUSED, "ground": ground}, {}


def _officer(f: CaseFacts, p: Params) -> str:
    """The assigned CHV must not have a conflict of interest (Art. 21)."""
    officer = p.text("officer")
    assert officer is not None
    if p.flag("officer_conflict"):
        raise refuse(p.act, "officer.conflict", "Chấp hành viên có quyền, lợi ích liên quan đến việc (Điều 21)")
    return officer


def _act_decide(f: CaseFacts, on: date, r: ActRules, p: Params) -> Result:
    """Art. 36: decision to enforce, assigning a CHV; on request only within the Art. 30 limitation (Decree 62
    Art. 7.2: otherwise refuse under Art. 31.5.c); a request filed from 01/07/2026 after the limitation only when the
    head accepts it (``late_accepted``, Decree 152/2026 Art. 10.2; :func:`thads.domain.regime.late_request_refusal`)."""
    officer = _officer(f, p)
    late = None if f.intake is not Intake.REQUEST or f.request_on is None else late_request_refusal(
        f.request_on, f.request_deadline, late_accepted=p.flag("late_accepted"))
    if late is not None:
        raise refuse(p.act, "limitation.expired", late + ("; phải từ chối theo điểm c khoản 5 Điều 31"
                                                          if f.request_on < REGIME_2026_FROM else ""))
    return Phase.DECIDED, {"decided_on": on, "first_decided_on": f.first_decided_on or on, "officer": officer}, {}


def national_roll(day: date) -> date:
    """``day``, or the next working day when it is a rest day or holiday of the national calendar (Civil Code
    Art. 148.5; :func:`thads.domain.calendar.national_calendar`, the deadline engine's calendar without the
    administrator's rows); a day outside the calendar's years is left as it is."""
    try:
        return national_calendar().roll(day)
    except CalendarRangeError:
        return day


def _act_notify(f: CaseFacts, on: date, r: ActRules, p: Params) -> Result:
    """Arts. 39, 45.1: the 10-day voluntary period runs from valid notification (first day not counted); a last day
    that is a day off rolls to the next working day (Civil Code Art. 147, 148.5), by ``rules.roll`` or else the
    national calendar, as in the deadline engine."""
    until = period_end(on, days=r.voluntary_days, roll=r.roll or national_roll)
    return Phase.VOLUNTARY, {"notified_on": on, "voluntary_until": until}, {}


def _act_able(f: CaseFacts, on: date, r: ActRules, p: Params) -> Result:
    """Art. 44 (conditions found, ``verify_able``); out of NOT_YET_ABLE only by the head's continuation decision
    (``continue``, Decree 62 Art. 9.4): an officer's verification alone does not end the spell."""
    return Phase.ENFORCING, {"ground": None, "unable_since": None, "reverification_count": 0,
                             "new_information": False}, {}


def _act_unable(f: CaseFacts, on: date, r: ActRules, p: Params) -> Result:
    """Art. 44a.1 decision, or Art. 44.2 re-verification in NOT_YET_ABLE (keeps the spell's start date)."""
    again = f.phase is Phase.NOT_YET_ABLE
    ground = p.ground(UNABLE_GROUNDS, default=f.ground if again else None)
    return Phase.NOT_YET_ABLE, {
        "ground": ground, "new_information": False,
        "unable_since": f.unable_since if again and f.unable_since else on,
        "reverification_count": f.reverification_count + 1 if again else 0,
    }, {}


def _act_postpone(f: CaseFacts, on: date, r: ActRules, p: Params) -> Result:
    """Art. 48: ground required; 48.1.c needs the agreed term; 48.1.a/b only where the debtor must perform
    personally (Decree 62/2015 Art. 14.1), never on money obligations; 48.2 only once per case, at most 3 months
    counted from the date of the protest authority's request letter (``requested_on``), not from the act."""
    ground = p.ground(POSTPONE_GROUNDS)
    if ground in ("48.1.a", "48.1.b"):
        _personal_duty(f, p, ground)
    if ground == "48.2" and f.used_48_2:
        raise refuse(p.act, "postpone.48_2_used",
                     "việc đã được hoãn theo khoản 2 Điều 48; chỉ được hoãn theo khoản này một lần")
    requested_on = p.day("requested_on", required=ground == "48.2") if ground == "48.2" else None
    if requested_on is not None and requested_on > on:
        raise refuse(p.act, "postpone.48_2_request_after",
                     f"ngày văn bản yêu cầu hoãn ({fmt_date(requested_on)}) sau ngày hoãn ({fmt_date(on)})")
    until = p.day("until", required=ground in ("48.2", "48.1.c"))
    if until is not None and until <= on:
        raise refuse(p.act, "postpone.until_not_after", f"thời hạn hoãn phải sau ngày {fmt_date(on)}")
    if requested_on is not None and until is not None:
        limit = add_months(requested_on, r.postpone_48_2_max_months)
        if until > limit:
            raise refuse(p.act, "postpone.48_2_too_long",
                         f"hoãn theo khoản 2 Điều 48 không quá {r.postpone_48_2_max_months} tháng kể từ ngày văn bản "
                         f"yêu cầu hoãn ({fmt_date(requested_on)}), tức đến hết ngày {fmt_date(limit)}")
    return Phase.POSTPONED, {"ground": ground, "postponed_until": until,
                             "used_48_2": f.used_48_2 or ground == "48.2"}, {}


def _personal_duty(f: CaseFacts, p: Params, ground: str) -> None:
    """Decree 62/2015 Art. 14.1: illness or an unknown address (Art. 48.1.a/b) postpones only an obligation the
    debtor must perform personally; money can be collected from assets or paid by anyone. The case must hold such
    an obligation (``PERSONAL_DUTY_KINDS`` or a pending non-money duty) and the head confirms ``personal_duty``."""
    personal = f.other_duties_pending or any(ob.kind in PERSONAL_DUTY_KINDS for ob in f.obligations)
    if not personal or not p.flag("personal_duty"):
        raise refuse(p.act, "postpone.not_personal",
                     f"chỉ hoãn theo điểm {ground[-1]} khoản 1 Điều 48 khi người phải thi hành án phải tự mình thực "
                     "hiện nghĩa vụ theo bản án, quyết định (khoản 1 Điều 14 Nghị định 62/2015/NĐ-CP); không áp dụng "
                     "đối với nghĩa vụ trả tiền")


def _act_resume(f: CaseFacts, on: date, r: ActRules, p: Params) -> Result:
    """Arts. 48.4, 49.3 (continuation decision); from the separate book only on new information (Decree 62 Art. 9.6)."""
    if f.phase is Phase.SEPARATE_BOOK and not p.text("new_information", required=False):
        raise refuse(p.act, "resume.no_new_information",
                     "chỉ tiếp tục thi hành việc trong sổ theo dõi riêng khi có thông tin mới về điều kiện "
                     "thi hành án (Điều 9.6 Nghị định 62/2015/NĐ-CP)")
    return Phase.ENFORCING, {"ground": None, "postponed_until": None, "unable_since": None,
                             "reverification_count": 0, "new_information": False}, {}


def _grounded(phase: Phase, allowed: tuple[str, ...]) -> Callable[[CaseFacts, date, ActRules, Params], Result]:
    """Arts. 37 (revoke), 49 (suspend), 50 (terminate): a decision on one of the statute's grounds."""
    def apply(f: CaseFacts, on: date, r: ActRules, p: Params) -> Result:
        return phase, {"ground": p.ground(allowed)}, {}
    return apply


def _act_entrust(f: CaseFacts, on: date, r: ActRules, p: Params) -> Result:
    """Arts. 55–57: entrustment to a named receiving agency. The debtor has assets, works, resides or has a seat in
    the receiving agency's area (Art. 55.1.a, as amended by Law 03/2022: the head confirms ``debtor_elsewhere``;
    the point's lettering is UNVERIFIED). After a decision to enforce, that decision must be revoked (Art. 57.1.a):
    the revocation's number and date (``revocation_no``, ``revocation_on``: on or after the decision, not after the
    entrustment) are recorded with it."""
    p.text("to")
    if not p.flag("debtor_elsewhere"):
        raise refuse(p.act, "entrust.no_ground",
                     "người phải thi hành án không có tài sản, không làm việc, cư trú hoặc có trụ sở tại địa bàn của "
                     "cơ quan nhận ủy thác (điểm a khoản 1 Điều 55)")
    p.text("revocation_no")
    revoked_on = p.day("revocation_on")
    assert revoked_on is not None
    if revoked_on > on or (f.decided_on is not None and revoked_on < f.decided_on):
        raise refuse(p.act, "entrust.revocation_date",
                     f"ngày quyết định thu hồi quyết định thi hành án ({fmt_date(revoked_on)}) phải từ ngày ra "
                     f"quyết định thi hành án đến ngày ủy thác ({fmt_date(on)}) (điểm a khoản 1 Điều 57)")
    return Phase.ENTRUSTED_OUT, {}, {}


def _with_paid(f: CaseFacts, paid: Mapping[str, int]) -> Changes:
    obligations = tuple(replace(ob, outstanding=ob.outstanding - paid.get(ob.id, 0)) for ob in f.obligations)
    return {"obligations": obligations}


def _named_obligation(f: CaseFacts, p: Params, amount: int) -> dict[str, int]:
    ob_id = p.text("obligation")
    assert ob_id is not None
    ob = f.obligation(ob_id)
    if ob is None:
        raise refuse(p.act, "obligation.unknown", f"việc không có khoản «{ob_id}»")
    if p.act is Act.REDUCE and ob.beneficiary != Beneficiary.STATE:
        raise refuse(p.act, "reduce.not_state", f"chỉ miễn, giảm khoản thu, nộp ngân sách nhà nước (Điều 61); "
                                                 f"khoản «{ob_id}» không nộp ngân sách nhà nước")
    if amount > ob.outstanding:
        raise refuse(p.act, "money.exceeds_obligation",
                     f"số tiền {format_vnd(amount)} lớn hơn số còn phải thi hành của khoản «{ob_id}» "
                     f"({format_vnd(ob.outstanding)})")
    return {ob_id: amount}


def _act_reduce(f: CaseFacts, on: date, r: ActRules, p: Params) -> Result:
    """Arts. 61–64: records the court's exemption/reduction; only obligations owed to the state budget."""
    paid = _named_obligation(f, p, p.money("amount"))
    return f.phase, _with_paid(f, paid), paid


def _act_collect(f: CaseFacts, on: date, r: ActRules, p: Params) -> Result:
    """Art. 47.1, 47.2.a: money collected is split over the obligations (costs and the Art. 115.5 amount first,
    then 47.1.a, b, c; pro rata within a rank; TTLT 11/2016 Art. 6.1: interest after the awarded sums). A payment
    that names one obligation is accepted only when that order sends the whole amount there anyway."""
    amount = p.money("amount")
    named = _named_obligation(f, p, amount) if p.raw.get("obligation") else None
    paid = allocate_collection(amount, f.obligations, r.payment_ranks)
    if named:
        why = named_out_of_order(next(iter(named)), amount, f.obligations, r.payment_ranks)
        if why is not None:
            raise refuse(p.act, "collect.out_of_order", why)
    return f.phase, {**_with_paid(f, paid), "held": f.held + amount}, paid


def _act_payout(f: CaseFacts, on: date, r: ActRules, p: Params) -> Result:
    """Art. 47.5; TT 04/2023 Art. 18: pay out no more than was collected for the creditor and not yet paid."""
    amount = p.money("amount")
    check_payout(amount, p.whole("collected_for_creditor"), p.whole("paid_out_to_creditor"))
    if amount > f.held:
        raise refuse(p.act, "payout.exceeds_held", f"số tiền {format_vnd(amount)} lớn hơn số tiền đang giữ của việc "
                                                   f"({format_vnd(f.held)})")
    # Paid out first from what this system collected, then from the imported balance (whichever it was, the
    # imported part can never exceed what is still held).
    return f.phase, {"held": f.held - amount, "held_imported": min(f.held_imported, f.held - amount)}, {}


def _act_move(f: CaseFacts, on: date, r: ActRules, p: Params) -> Result:
    """Reorganisation / internal transfer (not an entrustment, Arts. 55–57): to another unit."""
    unit = p.text("unit")
    if unit == f.unit:
        raise refuse(p.act, "move.same_unit", "việc đang thuộc đơn vị này")
    return f.phase, {"unit": unit}, {}


def _act_reassign(f: CaseFacts, on: date, r: ActRules, p: Params) -> Result:
    """Decree 62/2015 Art. 10 (change of CHV); Art. 21 (no conflict of interest)."""
    officer = _officer(f, p)
    if officer == f.officer:
        raise refuse(p.act, "reassign.same_officer", "Chấp hành viên này đang được phân công")
    return f.phase, {"officer": officer}, {}


def _act_correct(f: CaseFacts, on: date, r: ActRules, p: Params) -> Result:
    """Art. 37.2; TT 04/2023 Art. 36.4: a correcting entry names the earlier entry it corrects."""
    p.text("target")
    return f.phase, {}, {}


def _act_fee_relief(f: CaseFacts, on: date, r: ActRules, p: Params) -> Result:
    """TT 216/2016 Art. 7.4: on the creditor's complete application (received on ``received_on``, not after the
    decision) the head decides an exemption or reduction on a point of Art. 7 (``domain.fee_relief``), or refuses
    in writing with the reasons (``outcome`` ``refused`` and ``reason``). The case's phase does not change."""
    received = p.day("received_on")
    assert received is not None
    if received > on:
        raise refuse(p.act, "fee_relief.received_after",
                     f"ngày nhận đủ hồ sơ ({fmt_date(received)}) sau ngày quyết định ({fmt_date(on)})")
    if p.text("outcome") == "refused":
        p.text("reason")
    else:
        try:
            relief_percent(p.text("point") or "", p.raw.get("percent"))  # type: ignore[arg-type]
        except RuleViolation as exc:
            raise refuse(p.act, exc.code, exc.message_vi.rstrip(".")) from None
    return f.phase, {}, {}


def _to(phase: Phase | None) -> Callable[[CaseFacts, date, ActRules, Params], Result]:
    def apply(f: CaseFacts, on: date, r: ActRules, p: Params) -> Result:
        return (phase if phase is not None else f.phase), {}, {}
    return apply


_APPLY: dict[Act, Callable[[CaseFacts, date, ActRules, Params], Result]] = {
    Act.RECEIVE_JUDGMENT: lambda f, on, r, p: (None, {"intake": Intake.JUDGMENT}, {}),
    Act.RECEIVE_REQUEST: _act_request,
    Act.REFUSE_REQUEST: _act_refuse,
    Act.DECIDE: _act_decide,
    Act.SEND_TO_PROCURACY: _to(None),
    Act.NOTIFY_DEBTOR: _act_notify,
    Act.START_VERIFICATION: _to(Phase.VERIFYING),
    Act.VERIFY_ABLE: _act_able,
    Act.CLASSIFY_UNABLE: _act_unable,
    Act.REVERIFY: _act_unable,
    Act.POSTPONE: _act_postpone,
    Act.RESUME: _act_resume,
    Act.CONTINUE: _act_able,
    Act.SUSPEND: _grounded(Phase.SUSPENDED, SUSPEND_GROUNDS),
    Act.TERMINATE: _grounded(Phase.TERMINATED, TERMINATE_GROUNDS),
    Act.ENTRUST_OUT: _act_entrust,
    Act.REVOKE: _grounded(Phase.REVOKED, REVOKE_GROUNDS),
    Act.REDUCE: _act_reduce,
    Act.SEPARATE_BOOK: _to(Phase.SEPARATE_BOOK),
    Act.COLLECT: _act_collect,
    Act.PAYOUT: _act_payout,
    Act.MOVE: _act_move,
    Act.REASSIGN: _act_reassign,
    Act.COMPLETE: _to(Phase.COMPLETED),
    Act.CORRECT: _act_correct,
    Act.RETURN_REQUEST: lambda f, on, r, p: (Phase.TERMINATED, {"ground": ACT_FIXED_GROUND[Act.RETURN_REQUEST]}, {}),
    Act.FEE_RELIEF: _act_fee_relief,
}


# --------------------------------------------------------------------------------------------------- API


def check(act: Act, facts: CaseFacts, on: date, *, today: date, rules: ActRules | None = None,
          **params: object) -> Outcome:
    """Check that ``act`` dated ``on`` is legal for the case and return its :class:`Outcome`.

    Raises :class:`RuleViolation` (``code``, ``message_vi``) when a rule forbids it; ``TypeError`` for an unknown or
    wrongly typed parameter. The outcome's ``facts`` have the new phase, ``last_act_on = on`` and the derived
    fields (grounds, 48.2 use, not-yet-able spell, outstanding amounts, …) updated. ``rules`` None: the version in
    force on ``on`` (:func:`thads.domain.regime.rules_for`: 15-day voluntary period before 01/07/2015, Decree
    152/2026 from 01/07/2026).
    """
    act = Act(act)
    rules = rules if rules is not None else rules_for(on)
    unknown = set(params) - ACT_PARAMS[act]
    if unknown:
        raise TypeError(f"{act}: unknown parameter(s) {sorted(unknown)}; accepted: {sorted(ACT_PARAMS[act])}")
    check_dates(act, facts, on, today)
    check_stage(act, facts)
    check_preconditions(act, facts, on, rules)
    phase, changes, allocation = _APPLY[act](facts, on, rules, Params(act, params))
    new_facts = replace(facts, phase=phase, last_act_on=on, **changes)
    state = project(phase) if phase is not None else None
    return Outcome(act, phase, state, ACT_EVENT[act], new_facts, dict(allocation))


def why_not_now(act: Act, facts: CaseFacts, today: date, rules: ActRules | None = None) -> str | None:
    """Why the state of the case does not allow ``act`` today (the Vietnamese message of the first rule that
    refuses it, e.g. "việc không còn khoản tiền nào phải thi hành" for a collection on a paid case), or None when
    it does. The same gates as :func:`allowed_acts` (Luật THADS: the article each gate cites)."""
    rules = rules if rules is not None else rules_for(today)
    try:
        check_dates(act, facts, today, today)
        check_stage(act, facts)
        check_preconditions(act, facts, today, rules)
    except RuleViolation as exc:
        return exc.message_vi
    return None


def allowed_acts(facts: CaseFacts, today: date, *, title: Title | None = None,
                 rules: ActRules | None = None) -> list[Act]:
    """Acts the UI may offer on ``today`` (in :class:`Act` order): allowed by the state machine and by every
    condition that does not depend on the act's parameters. With ``title``, only acts that title may perform
    (:func:`may_perform`). :func:`check` still validates the parameters."""
    rules = rules if rules is not None else rules_for(today)
    offered = []
    for act in Act:
        if title is not None and not may_perform(title, act):
            continue
        try:
            check_dates(act, facts, today, today)
            check_stage(act, facts)
            check_preconditions(act, facts, today, rules)
        except RuleViolation:
            continue
        offered.append(act)
    return offered
