"""Gates shared by :func:`thads.domain.acts.check` and :func:`thads.domain.acts.allowed_acts`: date order, the
phase/intake state machine, parameter-free preconditions, and typed access to act parameters with Vietnamese
refusals. Pure Python.

Legal basis: interchange.md §1 (acts never go back in time); THADS.md §2.16 (state machine); Luật THADS Arts. 37.3,
39, 44.1, 45, 52.1, 61; Decree 62/2015/NĐ-CP (as amended by Decrees 33/2020 and 152/2024) Arts. 9.4, 9.5, 49.5.b.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from thads.domain.act_types import (
    ACT_LABELS_VI,
    ACT_PHASES,
    INTAKE_ACTS,
    PHASE_LABELS_VI,
    VERIFIABLE_PHASES,
    Act,
    ActRules,
    CaseFacts,
    Intake,
    separate_book_route,
)
from thads.domain.errors import RuleViolation
from thads.domain.limitation import add_years
from thads.domain.states import Phase
from thads.lib.numbers import format_vnd

PARAM_LABELS_VI = {
    "ground": "căn cứ", "until": "thời hạn hoãn", "officer": "Chấp hành viên được phân công",
    "to": "cơ quan thi hành án nhận ủy thác", "unit": "đơn vị nhận việc", "obligation": "khoản nghĩa vụ",
    "amount": "số tiền", "target": "bút toán cần đính chính", "new_information": "thông tin mới về điều kiện thi hành án",
    "collected_for_creditor": "số tiền đã thu cho người được thi hành án",
    "paid_out_to_creditor": "số tiền đã chi trả cho người được thi hành án",
    "requested_on": "ngày văn bản yêu cầu hoãn của người có thẩm quyền kháng nghị",
    "revocation_no": "số quyết định thu hồi quyết định thi hành án",
    "revocation_on": "ngày quyết định thu hồi quyết định thi hành án",
    "received_on": "ngày nhận đủ hồ sơ đề nghị miễn, giảm phí", "outcome": "kết quả xét đơn",
    "point": "trường hợp miễn, giảm phí (Điều 7 Thông tư 216/2016/TT-BTC)",
    "reason": "lý do",
}

#: Obligation kinds the debtor may have to perform personally (hand over an asset, another act): the only ones a
#: postponement under Art. 48.1.a/b can concern (Decree 62/2015 Art. 14.1). Which kinds qualify is UNVERIFIED
#: (the judgment decides whether performance is personal): a data table, and the act also needs the head's
#: ``personal_duty`` confirmation.
PERSONAL_DUTY_KINDS: frozenset[str] = frozenset({"giao_tai_san", "khac"})

#: Grounds of an annulment (hủy) of a decision on enforcement by a superior (Luật THADS Art. 37.3).
ANNULMENT_GROUNDS: tuple[str, ...] = ("37.3.a", "37.3.b")
#: Titles that may annul (Art. 37.3: the head of the superior agency; the deputy on delegation, Art. 23.2).
ANNULMENT_TITLES: frozenset[str] = frozenset({"head", "deputy"})


def fmt_date(day: date) -> str:
    """Vietnamese date format: ``dd/mm/yyyy``."""
    return day.strftime("%d/%m/%Y")


def refuse(act: Act, code: str, reason: str) -> RuleViolation:
    """``RuleViolation(code, "Không thể <act>: <reason>.")``."""
    return RuleViolation(code, f"Không thể {ACT_LABELS_VI[act]}: {reason}.")


class Params:
    """Typed access to ``check(**params)`` with Vietnamese refusals for missing or invalid values."""

    def __init__(self, act: Act, params: Mapping[str, object]) -> None:
        self.act, self.raw = act, params

    def _missing(self, key: str) -> RuleViolation:
        return refuse(self.act, "param.missing", f"thiếu {PARAM_LABELS_VI.get(key, key)}")

    def _get(self, key: str, kind: type | tuple[type, ...], required: bool) -> Any:
        value = self.raw.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self._missing(key)
            return None
        if isinstance(value, bool) and kind is not bool or not isinstance(value, kind):
            raise TypeError(f"{self.act}: parameter {key!r} must be {kind}, got {value!r}")
        return value

    def text(self, key: str, required: bool = True) -> str | None:
        value = self._get(key, str, required)
        return value.strip() if value is not None else None

    def flag(self, key: str) -> bool:
        return bool(self._get(key, bool, False))

    def day(self, key: str, required: bool = True) -> date | None:
        return self._get(key, date, required)

    def money(self, key: str) -> int:
        value: int = self._get(key, int, True)
        if value <= 0:
            raise refuse(self.act, "money.not_positive", f"{PARAM_LABELS_VI[key]} phải lớn hơn 0 ₫")
        return value

    def whole(self, key: str) -> int:
        """A required non-negative whole VND amount."""
        value: int = self._get(key, int, True)
        if value < 0:
            raise ValueError(f"{self.act}: {key} must not be negative")
        return value

    def ground(self, allowed: tuple[str, ...], default: str | None = None) -> str:
        value = self.text("ground", required=default is None) or default
        assert value is not None
        if value not in allowed:
            raise refuse(self.act, "ground.invalid", f"căn cứ «{value}» không hợp lệ (hợp lệ: {', '.join(allowed)})")
        return value


# --------------------------------------------------------------------------------------------------- gates


def check_dates(act: Act, facts: CaseFacts, on: date, today: date) -> None:
    """No act in the future, before the case's previous act, or before the decision (interchange.md §1)."""
    if on > today:
        raise refuse(act, "date.future", f"ngày {fmt_date(on)} ở sau ngày hôm nay ({fmt_date(today)})")
    if facts.last_act_on is not None and on < facts.last_act_on:
        raise refuse(act, "date.before_previous",
                     f"ngày {fmt_date(on)} trước ngày của hành vi trước đó của việc ({fmt_date(facts.last_act_on)})")
    if facts.decided_on is not None and on < facts.decided_on:
        raise refuse(act, "date.before_decision",
                     f"ngày {fmt_date(on)} trước ngày ra quyết định thi hành án ({fmt_date(facts.decided_on)})")


_INTAKE_FROM: dict[Act, frozenset[Intake]] = {
    Act.RECEIVE_JUDGMENT: frozenset({Intake.NONE}),
    Act.RECEIVE_REQUEST: frozenset({Intake.NONE, Intake.JUDGMENT}),
    Act.REFUSE_REQUEST: frozenset({Intake.REQUEST}),
    Act.DECIDE: frozenset({Intake.JUDGMENT, Intake.REQUEST}),
}
_INTAKE_REASON = {
    Intake.NONE: "chưa nhận bản án, quyết định hoặc yêu cầu thi hành án",
    Intake.JUDGMENT: "đã nhận bản án, quyết định; chưa có yêu cầu thi hành án",
    Intake.REQUEST: "đã nhận yêu cầu thi hành án",
    Intake.REFUSED: "yêu cầu thi hành án đã bị từ chối (Điều 31.5)",
}


def check_stage(act: Act, facts: CaseFacts) -> None:
    """Phase/intake gate: which acts the state machine allows now (Luật THADS Arts. 29–31, 36, 44–52, 55–57;
    Decree 62/2015 Art. 9.5–9.6; THADS.md §2.16), via ``ACT_PHASES``."""
    if act in INTAKE_ACTS:
        if facts.phase is not None:
            raise refuse(act, "stage.decided", "việc đã có quyết định thi hành án")
        if facts.intake not in _INTAKE_FROM[act]:
            raise refuse(act, "stage.intake", _INTAKE_REASON[facts.intake])
        return
    if facts.phase is None:
        raise refuse(act, "stage.undecided", "chưa có quyết định thi hành án")
    if act is Act.VERIFY_ABLE and facts.phase is Phase.NOT_YET_ABLE:
        raise refuse(act, "stage.continuation_needed",
                     "việc đang chưa có điều kiện thi hành án; kết quả xác minh của Chấp hành viên chưa đủ, phải có "
                     "quyết định tiếp tục thi hành án của Thủ trưởng (khoản 4 Điều 9 Nghị định 62/2015/NĐ-CP)")
    if facts.phase not in ACT_PHASES[act]:
        raise RuleViolation("phase.not_allowed", f"Không thể {ACT_LABELS_VI[act]} khi việc đang ở trạng thái "
                                                 f"«{PHASE_LABELS_VI[facts.phase]}».")


def check_preconditions(act: Act, facts: CaseFacts, on: date, rules: ActRules) -> None:
    """Conditions that do not depend on the act's parameters (so :func:`allowed_acts` can test them)."""
    phase = facts.phase
    if act is Act.START_VERIFICATION and not facts.interim:
        # Art. 44.1 sets only the latest start (10 days after the voluntary period); verifying within the period is
        # allowed (Art. 45.2: immediate action against hiding assets). Before the notice it is not (Art. 39).
        if phase is Phase.DECIDED:
            raise refuse(act, "verify.not_notified", "chưa thông báo quyết định cho người phải thi hành án (Điều 39)")
    elif act in (Act.VERIFY_ABLE, Act.CLASSIFY_UNABLE) and phase not in VERIFIABLE_PHASES and not facts.interim:
        raise refuse(act, "verify.not_started", "chưa bắt đầu xác minh điều kiện thi hành án (Điều 44.1)")
    elif act in (Act.SEPARATE_BOOK, Act.RETURN_REQUEST):
        _separate_book_conditions(facts, on, rules, act)
    elif act is Act.REDUCE and facts.state_budget_outstanding == 0:
        raise refuse(act, "reduce.no_state_obligation",
                     "việc không còn khoản thu, nộp ngân sách nhà nước nào phải thi hành (Điều 61)")
    elif act is Act.PAYOUT:
        _payout_conditions(facts, rules)
    elif act is Act.COLLECT and facts.outstanding == 0:
        raise refuse(act, "collect.nothing_owed", "việc không còn khoản tiền nào phải thi hành")
    elif act is Act.COMPLETE:
        if facts.outstanding > 0:
            raise refuse(act, "complete.outstanding", f"việc còn {format_vnd(facts.outstanding)} chưa thi hành")
        if facts.other_duties_pending:
            raise refuse(act, "complete.duties", "việc còn nghĩa vụ không phải tiền chưa thi hành xong")
        held_here = facts.held - facts.held_imported
        if held_here > 0:  # money an imported history collected: the old system's payouts are not in the file
            raise refuse(act, "complete.held",
                         f"còn {format_vnd(held_here)} đã thu đang giữ, chưa chi trả cho người được thi hành án "
                         "(khoản 1 Điều 52)")


def _payout_conditions(facts: CaseFacts, rules: ActRules) -> None:
    """Money held to pay out; none while enforcement is postponed at the protest authority's request (Art. 48.2) or
    suspended for cassation or reopening (Art. 49.1): what is collected then is deposited, not paid out (Decree 62/2015
    Art. 49.5.b; the grounds are ``ActRules.deposit_grounds``)."""
    act = Act.PAYOUT
    if facts.held <= 0:
        raise refuse(act, "payout.nothing_held", "không có tiền đã thu mà chưa chi trả")
    if facts.phase in (Phase.POSTPONED, Phase.SUSPENDED) and facts.ground in rules.deposit_grounds:
        halted = "hoãn" if facts.phase is Phase.POSTPONED else "tạm đình chỉ"
        raise refuse(act, "payout.deposit",
                     f"việc đang {halted} thi hành án theo {_point(facts.ground)} để xem xét kháng nghị giám đốc "
                     f"thẩm, tái thẩm; số tiền {format_vnd(facts.held)} phải gửi tiết kiệm, chưa được chi trả "
                     "(điểm b khoản 5 Điều 49 Nghị định 62/2015/NĐ-CP)")


def _point(ground: str | None) -> str:
    """``"48.2"`` → ``"khoản 2 Điều 48"``; ``"49.1"`` → ``"khoản 1 Điều 49"``."""
    article, _, clause = (ground or "").partition(".")
    return f"khoản {clause} Điều {article}" if clause and "." not in clause else (ground or "")


def annulment_refusal(ground: str | None, title: str | None, own_unit_path: str | None,
                      case_unit_path: str) -> str | None:
    """Why the user may not annul the decision to enforce on ground ``ground`` (None: he may, or it is no annulment).

    Luật THADS Art. 37.3: a decision on enforcement is annulled (hủy) on grounds 37.3.a/b by the head of the
    *superior* agency, of a lower agency's (or its officer's) decision, never by the agency that issued it (which
    revokes its own under Art. 37.1). Units are given by their materialised paths (``/1/4/``): the user's unit must
    be strictly above the case's. The deputy acts on delegation (Art. 23.2). Whether only the direct superior may
    annul is UNVERIFIED: any unit above is accepted. The resolver of a complaint (Arts. 142, 146) acts through this
    same gate: ``complaints.actions_matters.do_resolve``'s follow-up revokes under 37.1 when the resolver is the
    case's own unit, and annuls under 37.3 when it is a superior one."""
    if ground not in ANNULMENT_GROUNDS:
        return None
    if title not in ANNULMENT_TITLES:
        return (f"Không thể hủy quyết định thi hành án theo điểm {ground[-1]} khoản 3 Điều 37: chỉ Thủ trưởng cơ quan "
                "thi hành án dân sự cấp trên có thẩm quyền hủy.")
    if not own_unit_path or own_unit_path == case_unit_path or not case_unit_path.startswith(own_unit_path):
        return (f"Không thể hủy quyết định thi hành án theo điểm {ground[-1]} khoản 3 Điều 37: việc hủy do Thủ trưởng "
                "cơ quan thi hành án dân sự cấp trên quyết định, không phải Thủ trưởng cơ quan đã ra quyết định; cơ "
                "quan đang thi hành việc này chỉ được thu hồi quyết định của mình theo khoản 1 Điều 37.")
    return None


def _separate_book_conditions(facts: CaseFacts, on: date, rules: ActRules, act: Act = Act.SEPARATE_BOOK) -> None:
    """Decree 62/2015 Art. 9.5: (a) 1 year (2 years: prisoner with ≥ 2 years left, or new address unknown) has
    *expired* since the decision "chưa có điều kiện" (Civil Code Art. 147: the period ends at 24:00 of the
    anniversary, so the move is allowed from the next day); (b) re-verified at least twice (Art. 44.2);
    (c) no new information. Years and count are configurable (:class:`ActRules`). From 01/07/2026 (Decree 152/2026
    Art. 22, ``regime.rules_for``): 2 years in every case, and ``return_request`` instead for on-request cases."""
    wrong_route = separate_book_route(act, facts, rules)  # Decree 152/2026 Art. 22: separate book or return
    if wrong_route is not None:
        raise refuse(act, "separate_book.route", wrong_route)
    if facts.unable_since is None:
        raise refuse(act, "separate_book.no_decision", "không có ngày ra quyết định về việc chưa có điều kiện thi hành án")
    years = rules.separate_book_years_long if facts.long_unable else rules.separate_book_years
    ends = add_years(facts.unable_since, years)
    if on <= ends:
        raise refuse(act, "separate_book.too_early",
                     f"chưa hết {years} năm kể từ ngày ra quyết định về việc chưa có điều kiện thi hành án "
                     f"({fmt_date(facts.unable_since)}); sớm nhất từ ngày {fmt_date(date.fromordinal(ends.toordinal() + 1))} "
                     f"({rules.separate_book_article})")
    if facts.reverification_count < rules.separate_book_min_reverifications:
        raise refuse(act, "separate_book.reverifications",
                     f"mới xác minh lại {facts.reverification_count} lần, cần ít nhất "
                     f"{rules.separate_book_min_reverifications} lần ({rules.separate_book_article})")
    if facts.new_information:
        raise refuse(act, "separate_book.new_information",
                     "có thông tin mới về điều kiện thi hành án, phải xác minh (Điều 9.4–9.5 Nghị định 62/2015/NĐ-CP)")
