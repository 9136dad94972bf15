"""Vocabulary of the legal acts a user can enter on a case: the acts, who may perform them, their contract event,
the facts the rules read and the outcome they return. Pure Python; the rules themselves are in
:mod:`thads.domain.acts`, which re-exports everything here.

Legal basis: Luật THADS 2008 (amended 2014) Arts. 23, 29–31, 36–39, 44–50, 52, 55–57, 61–64;
Decree 62/2015/NĐ-CP Arts. 7, 9; TT 04/2023/TT-BTP Arts. 17–19, 36. See THADS.md §1.3, §2.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from thads.domain.money import DEFAULT_PAYMENT_RANKS, Beneficiary, ObligationDue
from thads.domain.roles import Title
from thads.domain.states import FINAL_STATES, RETURN_REQUEST_GROUND, EventKind, Phase, State, project


class Act(StrEnum):
    """Every act a user can enter on an enforcement case (issue "Enforcement cases")."""

    RECEIVE_JUDGMENT = "receive_judgment"  # nhận bản án, quyết định (Art. 29)
    RECEIVE_REQUEST = "receive_request"  # nhận yêu cầu thi hành án (Art. 31.1–31.4)
    REFUSE_REQUEST = "refuse_request"  # từ chối yêu cầu (Art. 31.5)
    DECIDE = "decide"  # quyết định thi hành án, phân công CHV (Art. 36)
    SEND_TO_PROCURACY = "send_to_procuracy"  # gửi quyết định cho VKS (Art. 38)
    NOTIFY_DEBTOR = "notify_debtor"  # thông báo; starts the voluntary period (Arts. 39, 45)
    START_VERIFICATION = "start_verification"  # voluntary period ended → xác minh (Art. 44.1)
    VERIFY_ABLE = "verify_able"  # có điều kiện thi hành (Art. 44)
    CLASSIFY_UNABLE = "classify_unable"  # QĐ chưa có điều kiện (Art. 44a; Decree 62 Art. 9.4)
    REVERIFY = "reverify"  # xác minh lại, still unable (Art. 44.2)
    POSTPONE = "postpone"  # hoãn (Art. 48)
    RESUME = "resume"  # tiếp tục thi hành (Arts. 48.4, 49.3; Decree 62 Art. 9.6)
    CONTINUE = "continue"  # QĐ tiếp tục thi hành án, out of "chưa có điều kiện" (Decree 62 Art. 9.4)
    SUSPEND = "suspend"  # tạm đình chỉ (Art. 49)
    TERMINATE = "terminate"  # đình chỉ (Art. 50)
    ENTRUST_OUT = "entrust_out"  # ủy thác (Arts. 55–57)
    REVOKE = "revoke"  # thu hồi, hủy QĐ (Art. 37)
    REDUCE = "reduce"  # miễn, giảm (Arts. 61–64)
    SEPARATE_BOOK = "separate_book"  # sổ theo dõi riêng (Decree 62 Art. 9.5)
    COLLECT = "collect"  # thu tiền, biên lai (Art. 47; TT 04/2023 Art. 17)
    PAYOUT = "payout"  # chi trả (Art. 47.5; TT 04/2023 Art. 18)
    MOVE = "move"  # chuyển sang đơn vị khác (reorganisation, not entrustment)
    REASSIGN = "reassign"  # thay đổi CHV (Decree 62 Art. 10)
    COMPLETE = "complete"  # thi hành xong (Art. 52.1)
    CORRECT = "correct"  # đính chính, sửa đổi (Art. 37.2; TT 04/2023 Art. 36.4)
    RETURN_REQUEST = "return_request"  # gửi lại yêu cầu thi hành án (Law 106/2025 Art. 38.4; Decree 152/2026 Art. 22.2)
    FEE_RELIEF = "fee_relief"  # miễn, giảm phí thi hành án dân sự on application (TT 216/2016/TT-BTC Art. 7)


ACT_LABELS_VI: dict[Act, str] = {
    Act.RECEIVE_JUDGMENT: "nhận bản án, quyết định",
    Act.RECEIVE_REQUEST: "nhận yêu cầu thi hành án",
    Act.REFUSE_REQUEST: "từ chối yêu cầu thi hành án",
    Act.DECIDE: "ra quyết định thi hành án",
    Act.SEND_TO_PROCURACY: "gửi quyết định cho Viện kiểm sát",
    Act.NOTIFY_DEBTOR: "thông báo cho người phải thi hành án",
    Act.START_VERIFICATION: "bắt đầu xác minh điều kiện thi hành án",
    Act.VERIFY_ABLE: "xác định có điều kiện thi hành án",
    Act.CLASSIFY_UNABLE: "ra quyết định về việc chưa có điều kiện thi hành án",
    Act.REVERIFY: "xác minh lại điều kiện thi hành án",
    Act.POSTPONE: "hoãn thi hành án",
    Act.RESUME: "tiếp tục thi hành án",
    Act.CONTINUE: "ra quyết định tiếp tục thi hành án (đã có điều kiện thi hành án)",
    Act.SUSPEND: "tạm đình chỉ thi hành án",
    Act.TERMINATE: "đình chỉ thi hành án",
    Act.ENTRUST_OUT: "ủy thác thi hành án",
    Act.REVOKE: "thu hồi quyết định thi hành án",
    Act.REDUCE: "ghi nhận miễn, giảm nghĩa vụ thi hành án",
    Act.SEPARATE_BOOK: "chuyển sổ theo dõi riêng",
    Act.COLLECT: "thu tiền thi hành án",
    Act.PAYOUT: "chi trả tiền thi hành án",
    Act.MOVE: "chuyển việc sang đơn vị khác",
    Act.REASSIGN: "phân công lại Chấp hành viên",
    Act.COMPLETE: "hoàn thành",
    Act.CORRECT: "đính chính, sửa đổi",
    Act.RETURN_REQUEST: "gửi lại yêu cầu thi hành án",
    Act.FEE_RELIEF: "xét miễn, giảm phí thi hành án",
}

PHASE_LABELS_VI: dict[Phase, str] = {
    Phase.DECIDED: "Đã ra quyết định thi hành án",
    Phase.VOLUNTARY: "Trong thời hạn tự nguyện",
    Phase.VERIFYING: "Đang xác minh",
    Phase.ENFORCING: "Đang thi hành",
    Phase.NOT_YET_ABLE: "Chưa có điều kiện thi hành",
    Phase.SEPARATE_BOOK: "Sổ theo dõi riêng",
    Phase.POSTPONED: "Hoãn thi hành án",
    Phase.SUSPENDED: "Tạm đình chỉ",
    Phase.ENTRUSTED_OUT: "Đã ủy thác",
    Phase.REVOKED: "Đã thu hồi quyết định",
    Phase.COMPLETED: "Thi hành xong",
    Phase.TERMINATED: "Đình chỉ",
}

#: Contract event (interchange.md §1) written for each act; ``None`` = internal only, no contract event.
ACT_EVENT: dict[Act, EventKind | None] = {
    Act.RECEIVE_JUDGMENT: None,
    Act.RECEIVE_REQUEST: None,
    Act.REFUSE_REQUEST: None,
    Act.DECIDE: None,  # the decision creates the contract's ``case`` record itself (state DECIDED)
    Act.SEND_TO_PROCURACY: None,
    Act.NOTIFY_DEBTOR: None,
    Act.START_VERIFICATION: None,
    Act.VERIFY_ABLE: EventKind.VERIFIED_ABLE,
    Act.CLASSIFY_UNABLE: EventKind.CLASSIFIED_UNABLE,
    Act.REVERIFY: EventKind.CLASSIFIED_UNABLE,  # contract: "also a re-verification that changes nothing"
    Act.POSTPONE: EventKind.POSTPONED,
    Act.RESUME: EventKind.RESUMED,
    Act.CONTINUE: EventKind.VERIFIED_ABLE,  # contract: NOT_YET_ABLE → ENFORCING is ``verified_able``
    Act.SUSPEND: EventKind.SUSPENDED,
    Act.TERMINATE: EventKind.TERMINATED,
    Act.ENTRUST_OUT: EventKind.ENTRUSTED_OUT,
    Act.REVOKE: EventKind.REVOKED,
    Act.REDUCE: EventKind.REDUCED,
    Act.SEPARATE_BOOK: EventKind.SEPARATE_BOOK,
    Act.COLLECT: EventKind.PAYMENT,  # one ``payment`` event per obligation of ``Outcome.allocation``
    Act.PAYOUT: None,
    Act.MOVE: EventKind.MOVED,
    Act.REASSIGN: EventKind.REASSIGNED,
    Act.COMPLETE: EventKind.COMPLETED,
    Act.CORRECT: None,
    # Until the contract has a kind for it: a ``terminated`` event with the new law's ground (RETURN_REQUEST_GROUND);
    # its place in the report is the group mapping's ``returned_request`` (UNVERIFIED, domain.report.GroupMapping).
    Act.RETURN_REQUEST: EventKind.TERMINATED,
    # TT 216/2016 Art. 7: an internal row (``fee_relief``): neither exported nor replayed by the statistics.
    Act.FEE_RELIEF: None,
}

#: The ground an act writes on its contract event when it takes no ``ground`` parameter.
ACT_FIXED_GROUND: dict[Act, str] = {Act.RETURN_REQUEST: RETURN_REQUEST_GROUND}

_DECIDERS = frozenset({Title.HEAD, Title.DEPUTY})
_CHV = _DECIDERS | {Title.OFFICER}
_PAPERWORK = _CHV | {Title.CLERK}

#: Which titles may enter which act.
#:
#: ==========================================  ==========================  ==========================================
#: acts                                        titles                      basis
#: ==========================================  ==========================  ==========================================
#: receive_judgment, receive_request           CLERK, OFFICER, HEAD,       Arts. 29, 31.4 (the agency records receipt);
#:                                             DEPUTY                      Decree 62 Art. 71 (clerk assists)
#: refuse_request, decide, classify_unable,    HEAD, DEPUTY                Art. 23.1 (head issues decisions on
#: postpone, resume, suspend, terminate,                                   enforcement), 23.2 (deputy on delegation);
#: entrust_out, revoke, separate_book,                                     Arts. 31.5, 36, 37, 44a, 48–50, 52–53, 57;
#: complete (confirmation), reduce (records                                Decree 62 Arts. 9.4–9.6, 10 (change of CHV);
#: the court's decision), move, reassign,                                  Art. 37.2 (amendment by the issuer)
#: correct, continue (Decree 62 Art. 9.4),
#: return_request (Decree 152/2026 Art. 22.2),
#: fee_relief (TT 216/2016 Arts. 5.1, 7.4: the
#: head of the fee-collecting agency decides)
#: send_to_procuracy, notify_debtor            CLERK, OFFICER, HEAD,       Arts. 38–40 (sending and notifying are
#:                                             DEPUTY                      procedure, not decisions); Decree 62 Art. 71
#: start_verification, verify_able, reverify   OFFICER, HEAD, DEPUTY       Art. 20 / 44 (CHV verifies); Art. 23.1.g
#:                                                                         (the head may act as CHV)
#: collect                                     ACCOUNTANT, OFFICER, HEAD,  TT 04/2023 Art. 17 (accountant receives
#:                                             DEPUTY                      cash, issues receipts); Art. 20 (CHV
#:                                                                         collects money in the field)
#: payout                                      ACCOUNTANT                  TT 04/2023 Art. 18 (payment voucher at the
#:                                                                         CHV's request)
#: —                                           VERIFIER, STATISTICIAN,     Decree 62 Arts. 66–67 (audit, read only);
#:                                             RECEPTION, ADMIN            system administration is not a legal act
#: ==========================================  ==========================  ==========================================
ACT_TITLES: dict[Act, frozenset[Title]] = {
    Act.RECEIVE_JUDGMENT: _PAPERWORK,
    Act.RECEIVE_REQUEST: _PAPERWORK,
    Act.REFUSE_REQUEST: _DECIDERS,
    Act.DECIDE: _DECIDERS,
    Act.SEND_TO_PROCURACY: _PAPERWORK,
    Act.NOTIFY_DEBTOR: _PAPERWORK,
    Act.START_VERIFICATION: _CHV,
    Act.VERIFY_ABLE: _CHV,
    Act.CLASSIFY_UNABLE: _DECIDERS,
    Act.REVERIFY: _CHV,
    Act.POSTPONE: _DECIDERS,
    Act.RESUME: _DECIDERS,
    Act.CONTINUE: _DECIDERS,  # Decree 62 Art. 9.4: the head's continuation decision
    Act.SUSPEND: _DECIDERS,
    Act.TERMINATE: _DECIDERS,
    Act.ENTRUST_OUT: _DECIDERS,
    Act.REVOKE: _DECIDERS,
    Act.REDUCE: _DECIDERS,
    Act.SEPARATE_BOOK: _DECIDERS,
    Act.COLLECT: _CHV | {Title.ACCOUNTANT},
    Act.PAYOUT: frozenset({Title.ACCOUNTANT}),
    Act.MOVE: _DECIDERS,
    Act.REASSIGN: _DECIDERS,
    Act.COMPLETE: _DECIDERS,
    Act.CORRECT: _DECIDERS,
    Act.RETURN_REQUEST: _DECIDERS,
    Act.FEE_RELIEF: _DECIDERS,  # TT 216/2016 Art. 7.4: "Thủ trưởng tổ chức thu phí" (deputy on delegation, Art. 23.2)
}


def may_perform(title: Title, act: Act) -> bool:
    """Whether staff with ``title`` may enter ``act`` (table in :data:`ACT_TITLES`; Luật THADS Arts. 20, 23;
    Decree 62/2015 Arts. 66–71; TT 04/2023/TT-BTP Arts. 17–18). Delegation scope (Art. 23.2) is the caller's check.
    """
    return Title(title) in ACT_TITLES[Act(act)]


class Intake(StrEnum):
    """What has been received before a decision to enforce exists (Arts. 29, 31)."""

    NONE = "NONE"
    JUDGMENT = "JUDGMENT"  # judgment received (proactive items, Art. 36.2)
    REQUEST = "REQUEST"  # request received (Art. 31.4)
    REFUSED = "REFUSED"  # request refused (Art. 31.5): terminal, not a case


_ALL = frozenset(Phase)
_ACTIVE = frozenset({Phase.DECIDED, Phase.VOLUNTARY, Phase.VERIFYING, Phase.ENFORCING, Phase.NOT_YET_ABLE})
_HALTED = frozenset({Phase.POSTPONED, Phase.SUSPENDED})
_OPEN = _ACTIVE | _HALTED | {Phase.SEPARATE_BOOK}
_VERIFIABLE = _ACTIVE - {Phase.DECIDED, Phase.VOLUNTARY}  # (DECIDED/VOLUNTARY too for interim measures, see acts)

#: Phases in which each post-decision act may be entered (stricter than ``states.CONTRACT_ALLOWED``, which
#: governs import; every pair here is also allowed by the contract).
ACT_PHASES: dict[Act, frozenset[Phase]] = {
    Act.SEND_TO_PROCURACY: _ALL,
    Act.NOTIFY_DEBTOR: frozenset({Phase.DECIDED}),
    Act.START_VERIFICATION: frozenset({Phase.DECIDED, Phase.VOLUNTARY}),
    Act.VERIFY_ABLE: _ACTIVE - {Phase.NOT_YET_ABLE},  # out of NOT_YET_ABLE only by CONTINUE (Decree 62 Art. 9.4)
    Act.CLASSIFY_UNABLE: _ACTIVE,
    Act.REVERIFY: frozenset({Phase.NOT_YET_ABLE}),
    Act.POSTPONE: _ACTIVE,
    Act.RESUME: _HALTED | {Phase.SEPARATE_BOOK},
    Act.CONTINUE: frozenset({Phase.NOT_YET_ABLE}),
    Act.SUSPEND: _ACTIVE,
    Act.TERMINATE: _OPEN,
    Act.ENTRUST_OUT: _ACTIVE,
    Act.REVOKE: _OPEN,
    Act.REDUCE: _ACTIVE | _HALTED,
    Act.SEPARATE_BOOK: frozenset({Phase.NOT_YET_ABLE}),
    Act.COLLECT: _ACTIVE | _HALTED,
    Act.PAYOUT: _ALL,
    Act.MOVE: _OPEN,
    Act.REASSIGN: _OPEN,
    Act.COMPLETE: _ACTIVE,
    Act.CORRECT: _ALL,
    Act.RETURN_REQUEST: frozenset({Phase.NOT_YET_ABLE}),
    Act.FEE_RELIEF: _ALL,  # a fee already withheld may be refunded whatever became of the case
}
INTAKE_ACTS: frozenset[Act] = frozenset({Act.RECEIVE_JUDGMENT, Act.RECEIVE_REQUEST, Act.REFUSE_REQUEST, Act.DECIDE})
VERIFIABLE_PHASES = _VERIFIABLE

REFUSE_GROUNDS: tuple[str, ...] = ("31.5.a", "31.5.b", "31.5.c")  # Art. 31.5 [V]
REVOKE_GROUNDS: tuple[str, ...] = ("37.1.a", "37.1.b", "37.1.c", "37.1.d", "37.3.a", "37.3.b")  # Art. 37 [V]


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """Everything the act rules read about one case (one decision to enforce), built by the caller from storage.

    ``phase`` is None until the decision to enforce exists; ``intake`` says what was received before it.
    ``obligations`` carry what is still owed (amount − payments − reductions). ``unable_since`` is the date of the
    decision "chưa có điều kiện" that opened the current NOT_YET_ABLE spell (re-verifications keep it);
    ``reverification_count`` counts re-verifications since then (Art. 44.2). ``long_unable``: the debtor serves a
    prison term with ≥ 2 years left or the new address is unknown (12-month re-verification, 2-year separate-book
    rule). ``new_information``: new information about the debtor's means is pending (blocks the separate book,
    Decree 62 Art. 9.5.c). ``request_deadline``: Art. 30 deadline (see :mod:`thads.domain.limitation`).
    """

    phase: Phase | None = None
    intake: Intake = Intake.NONE
    interim: bool = False  # interim measure (BPKCTT): enforced immediately, no voluntary period (Arts. 36.2.đ, 44.1)
    ground: str | None = None  # ground of the current POSTPONED/SUSPENDED/NOT_YET_ABLE/TERMINATED/REVOKED phase
    obligations: tuple[ObligationDue, ...] = ()
    other_duties_pending: bool = False  # a non-money obligation (hand over, act, …) is not yet performed
    held: int = 0  # money collected on the case and not yet paid out / into the budget (ledger balance), VND
    # Of ``held``, what an imported history collected: the old system's payouts are not in the interchange
    # format, so whether that money is still held is unknown; completion (Art. 52.1) is not refused for it.
    held_imported: int = 0
    used_48_2: bool = False
    postponed_until: date | None = None
    unable_since: date | None = None
    reverification_count: int = 0
    long_unable: bool = False
    new_information: bool = False
    request_on: date | None = None
    request_deadline: date | None = None
    decided_on: date | None = None
    first_decided_on: date | None = None  # first decision to enforce on the judgment (Art. 61.5)
    notified_on: date | None = None
    voluntary_until: date | None = None  # last day of the voluntary period (Art. 45)
    last_act_on: date | None = None
    unit: str | None = None
    officer: str | None = None

    @property
    def outstanding(self) -> int:
        """Money still to be enforced on the case, VND."""
        return sum(ob.outstanding for ob in self.obligations)

    @property
    def state_budget_outstanding(self) -> int:
        return sum(ob.outstanding for ob in self.obligations if ob.beneficiary == Beneficiary.STATE)

    @property
    def state(self) -> State | None:
        """Contract state (``states.project``) or None before the decision."""
        return None if self.phase is None else project(self.phase)

    @property
    def is_final(self) -> bool:
        return self.phase is not None and project(self.phase) in FINAL_STATES

    def obligation(self, obligation_id: str) -> ObligationDue | None:
        return next((ob for ob in self.obligations if ob.id == obligation_id), None)


@dataclass(frozen=True, slots=True)
class ActRules:
    """Configurable parameters of the act rules (defaults: Luật THADS 2008/2014 with Decree 62/2015, as amended by
    Decrees 33/2020 and 152/2024). The version in force on an act's date: :func:`thads.domain.regime.rules_for`
    (15-day voluntary period before 01/07/2015, the 2026 regime from 01/07/2026)."""

    voluntary_days: int = 10  # Art. 45.1 (Law 64/2014; 15 days in the original Art. 45.1 of Law 26/2008)
    postpone_48_2_max_months: int = 3  # Art. 48.2
    separate_book_years: int = 1  # Decree 62 Art. 9.5.a (Decree 152/2026 Art. 22: 2 years)
    separate_book_years_long: int = 2  # Decree 62 Art. 9.5.a, prisoner ≥ 2 years left / new address unknown
    separate_book_min_reverifications: int = 2  # Decree 62 Art. 9.5.b
    #: Decree 152/2026 Art. 22.2: an on-request case is not moved to the separate book, its request is returned.
    on_request_returned: bool = False
    separate_book_article: str = "Điều 9.5 Nghị định 62/2015/NĐ-CP"  # cited by the separate-book refusals
    regime: str = "2015"  # name of the version (thads.domain.regime)
    payment_ranks: Mapping[str, int] = field(default_factory=lambda: DEFAULT_PAYMENT_RANKS)  # Art. 47.1 kind → rank
    roll: Callable[[date], date] | None = None  # rest-day roll of a period's last day (calendar module)
    # Decree 62 Art. 49.5.b: money collected while postponed (48.2) or suspended (49.1) for cassation/reopening is
    # deposited, not paid out (grounds UNVERIFIED beyond the wording: configurable).
    deposit_grounds: tuple[str, ...] = ("48.2", "49.1")


DEFAULT_RULES = ActRules()


@dataclass(frozen=True, slots=True)
class Outcome:
    """Result of an allowed act: the new phase, its contract state and event, and the updated facts.

    ``allocation`` is ``{obligation id: VND}`` for ``collect`` (Art. 47 split; write one ``payment`` per non-zero
    entry) and ``reduce``; empty otherwise.
    """

    act: Act
    phase: Phase | None
    state: State | None
    event: EventKind | None
    facts: CaseFacts
    allocation: Mapping[str, int] = field(default_factory=dict)


def separate_book_route(act: Act, facts: CaseFacts, rules: ActRules) -> str | None:
    """Why ``act`` (``separate_book`` or ``return_request``) is the wrong way out of "chưa có điều kiện" for this
    case under ``rules``, as a Vietnamese reason, or None when it is the right one.

    Decree 152/2026 Art. 22 (from 01/07/2026, ``rules.on_request_returned``): after 2 years a proactive case goes to
    the separate book (22.1); for a case enforced on request the agency returns the request in writing instead
    (22.2; Law 106/2025 Art. 38.4). Before: Decree 62 Art. 9.5 moves every case to the separate book, and there is
    no return of a request (Art. 51 of Law 26/2008, "trả đơn", was repealed by Law 64/2014).
    """
    on_request = facts.intake is Intake.REQUEST
    if act is Act.RETURN_REQUEST:
        if not rules.on_request_returned:
            return "chỉ gửi lại yêu cầu thi hành án từ ngày 01/07/2026 (Điều 22 Nghị định 152/2026/NĐ-CP)"
        if not on_request:
            return ("việc do cơ quan thi hành án chủ động thi hành thì chuyển sang sổ theo dõi riêng "
                    "(khoản 1 Điều 22 Nghị định 152/2026/NĐ-CP)")
    elif act is Act.SEPARATE_BOOK and rules.on_request_returned and on_request:
        return ("việc thi hành án theo yêu cầu thì gửi lại yêu cầu thi hành án cho người đã yêu cầu, không chuyển "
                "sổ theo dõi riêng (khoản 2 Điều 22 Nghị định 152/2026/NĐ-CP)")
    return None
