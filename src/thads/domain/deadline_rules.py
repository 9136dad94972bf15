"""Statutory time limits of civil judgment enforcement as versioned DATA. Pure Python (the engine is
:mod:`thads.domain.deadlines`).

Each :class:`DeadlineRule` names the act(s) that open it (``trigger``), how long it runs (``count`` + ``unit``), the
article, the Vietnamese text of the duty, the title that must act, the acts that fulfil it (``closed_by``) and the
acts that make it moot (``cancelled_by``; the final acts complete/terminate/revoke/entrust_out cancel every rule that
is not ``survives_final``). ``RULESETS`` holds three versions, chosen by the date of the act that starts the
deadline (:func:`ruleset_for`):

* ``"2009"``: Luật THADS 26/2008/QH12 as first enacted, for triggers before 01/07/2015 (imported legacy histories;
  also any earlier date): the voluntary period was **15 days** (original Art. 45.1 [V]), so the verification duty
  of Art. 44.1 starts 15 days after the notice. Every other rule is kept equal to the 2015 set and marked
  ``verified=False`` (Decree 58/2009 and the original article texts are not coded).
* ``"2015"``: Luật THADS 26/2008/QH12 as amended by Law 64/2014/QH13 (and 2018–2022), with Decree 62/2015/NĐ-CP
  as amended by Decrees 33/2020 and 152/2024, for triggers from 01/07/2015 to 30/06/2025.
* ``"2025-07"``: same counts; the July 2025 organisation (THADS.md §0, §10 [S]): decisions on enforcement are
  issued by the provincial THADS agency, not by the regional office → ``level = "province"`` on every rule whose
  ``who`` is the head; finance (payout, unclaimed money) also at the province (UNVERIFIED). Entrustment between
  regions of one province no longer exists (the UI must not offer it; no rule change here).
* ``"2026-07"``: Law 106/2025/QH15 + Decree 152/2026/NĐ-CP from 01/07/2026. Coded from THADS.md §10 [V]: article
  numbers (Law Arts. 33, 34, 38), the 2-year rule of Decree 152 Art. 22 (proactive → separate book; on request →
  return of the request, new rule ``request.return``), publication 5 WD / removal 3 WD (Art. 23), delegated
  verification 30/45/15 days, immediately for accounts and interim measures, prisons 3 WD (Art. 21). Every other
  count is UNVERIFIED: kept equal to the previous set, ``verified=False``, article text says so.

Acts THADS does not have yet (``Act`` in :mod:`thads.domain.act_types`) but that open or close a deadline are named
by :class:`DeadlineAct` (the Django layer records them as case events with these names).

**Go-live gating** (derived, not hand-kept: :attr:`DeadlineRule.contract_known`): a rule whose trigger or closing
act is not a contract event of interchange.md (notices, procuracy sending, payouts, receipts…) cannot be judged on an
imported history, so the engine opens it only for triggers dated on or after the unit's go-live date.

**Clock stopping** (``stops_clock``): postponement (except ground 48.1.c, agreed by the parties) and suspension
stop the clock of the agency's verification duties: ``verify.start``, ``verify.new_information``,
``verify.disputed``, ``reverify.periodic``. The statute states the stop only for the Art. 30 limitation (Art. 30.2);
extending it to these time limits follows from Arts. 48–49 (no enforcement step while postponed or suspended) and is
UNVERIFIED; every other rule keeps running (notices, procuracy, payout, continuation decisions). One flag per rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from thads.domain.act_types import ACT_EVENT, Act
from thads.domain.roles import Title


class CountUnit(StrEnum):
    WORKING_DAYS = "working_days"  # "ngày làm việc": skips every non-working day
    CALENDAR_DAYS = "calendar_days"  # "ngày": last day rolled to a working day (Civil Code Art. 148.5)
    MONTHS = "months"  # "tháng": same-numbered day or month end (Civil Code Art. 148.3), rolled (148.5)
    IMMEDIATELY = "immediately"  # "ngay": due the day the trigger happens (rolled to a working day)


class Level(StrEnum):
    """Which agency's titled person must act: the one holding the case, or the provincial agency (from 07/2025)."""

    UNIT = "unit"
    PROVINCE = "province"


class DeadlineAct(StrEnum):
    """Events that open or close a deadline and are not (yet) acts of :class:`Act` nor contract events."""

    UNABLE_GROUND_FOUND = "unable_ground_found"  # verification established an Art. 44a ground (Decree 62 Art. 9.4)
    PUBLISH_UNABLE = "publish_unable"  # published the "chưa có điều kiện" debtor (Decree 62 Art. 11)
    UNPUBLISH_UNABLE = "unpublish_unable"  # removed that publication
    NOTIFY_CREDITOR = "notify_creditor"  # written notice to the creditor after 2 re-verifications (Art. 44.2)
    NOTIFY_DECISION = "notify_decision"  # notice of a decision on enforcement to the parties (Art. 39)
    NEW_INFORMATION = "new_information"  # new information on the debtor's means (Decree 62 Art. 9.4)
    VERIFICATION_DISPUTED = "verification_disputed"  # creditor's differing findings / VKS protest (Art. 44.5)
    POSTPONE_GROUND = "postpone_ground"  # an Art. 48.1 ground arose (Art. 48.3)
    POSTPONE_REQUEST = "postpone_request"  # Art. 48.2 request of a protest authority received
    POSTPONE_GROUND_ENDED = "postpone_ground_ended"  # the postponement's ground ended / no-ground reply (Art. 48.4)
    BANKRUPTCY_PETITION_ACCEPTED = "bankruptcy_petition_accepted"  # court accepted a petition (Art. 49.2)
    SUSPENSION_LIFTED = "suspension_lifted"  # protest withdrawn / judgment upheld / bankruptcy ended (Art. 49.3)
    TERMINATION_GROUND = "termination_ground"  # an Art. 50.1 ground arose (Art. 50.2)
    ENTRUSTMENT_GROUND = "entrustment_ground"  # ground to entrust established (Art. 57.1.a)
    REQUEST_CONFIRMATION = "request_confirmation"  # a party asks for confirmation of the result (Art. 53)
    CONFIRM_RESULT = "confirm_result"
    REQUEST_OFFICER_CHANGE = "request_officer_change"  # a party asks to change the CHV (Decree 62 Art. 10)
    REFUSE_OFFICER_CHANGE = "refuse_officer_change"
    REQUEST_INFORMATION = "request_information"  # CHV asks a third party for information (Art. 44.6.b)
    INFORMATION_RECEIVED = "information_received"
    DELEGATE_VERIFICATION = "delegate_verification"  # ủy quyền xác minh (Decree 62 Art. 9.2)
    DELEGATED_RESULT = "delegated_result"
    NOTIFY_PAYEE = "notify_payee"  # payee did not come: notice to receive money (Art. 126.2; Decree 62 Art. 49)
    DEPOSIT_UNCLAIMED = "deposit_unclaimed"  # gửi tiết kiệm (Decree 62 Art. 49.2)
    FORFEIT_UNCLAIMED = "forfeit_unclaimed"  # sung quỹ nhà nước (Decree 62 Art. 49.5.a)
    NOTIFY_ASSET_OWNER = "notify_asset_owner"  # returned asset not collected: notice (Art. 126.2)
    UNCLAIMED_ASSET_HANDLED = "unclaimed_asset_handled"  # sold or handed over
    NOTIFY_PAPERS_OWNER = "notify_papers_owner"  # papers not collected: notice (Art. 126.3)
    UNCLAIMED_PAPERS_HANDLED = "unclaimed_papers_handled"  # handed over or returned to the issuer
    FILE_EXEMPTION = "file_exemption"  # exemption/reduction file sent to the court (Art. 63)
    COURT_ACCEPTED_EXEMPTION = "court_accepted_exemption"


#: Acts that end a case (contract final states); they cancel every rule that is not ``survives_final``.
FINAL_ACTS: frozenset[str] = frozenset({Act.COMPLETE, Act.TERMINATE, Act.REVOKE, Act.ENTRUST_OUT, Act.RETURN_REQUEST})
#: Acts that have a contract event (interchange.md §1), i.e. that an imported history can contain.
CONTRACT_ACTS: frozenset[str] = frozenset(a.value for a, ev in ACT_EVENT.items() if ev is not None)
#: Postponement grounds that do NOT stop the clock (THADS.md §9: a postponement agreed by the creditor).
NON_STOPPING_GROUNDS: frozenset[str] = frozenset({"48.1.c"})


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    """One statutory time limit (see the module docstring). ``start`` says when counting starts:

    * ``"trigger"``: the trigger's date;
    * ``"period"``: the (rolled) last day of a period of ``params period_days`` / ``period_months`` from the trigger
      (e.g. verification "within 10 days after the 10-day voluntary period");
    * ``"postponement_end"``: the postponement's term (``details["until"]``); for ground 48.2 at most 3 months
      from the protest authority's request letter (``details["requested_on"]``, else the act's date; Art. 48.2;
      ``deadlines.postponement_end``);
    * ``"separate_book"``: the day all Decree 62 Art. 9.5 / Decree 152 Art. 22 conditions hold;
    * ``"forfeit"``: Decree 62 Art. 49.5.a (5 years after the judgment took effect, or 1 year after the notice).

    ``count_long`` replaces ``count`` for a debtor in prison with ≥ 2 years left or whose new address is unknown
    (Art. 44.2). ``period``: a running period, not a duty (never overdue; gone after its last day). ``close_mode``:
    ``"all"`` (a closing act closes every open instance), ``"oldest"`` (one instance per act: procuracy sending),
    ``"amount"`` (money: payouts close the oldest collections up to their amount). ``select_by="start"``: the rule
    set is chosen by the start date rather than the trigger's (Decree 152/2026 Art. 115: further steps follow the
    new decree). ``verified``: count and article checked (THADS.md [V]); False = UNVERIFIED, see ``note``.
    """

    code: str
    trigger: tuple[str, ...]
    count: int
    unit: CountUnit
    article: str
    text_vi: str
    who: Title
    ruleset: str = "2015"
    stops_clock: bool = False
    applies_if: str | None = None
    closed_by: tuple[str, ...] = ()
    cancelled_by: tuple[str, ...] = ()
    survives_final: bool = False
    start: str = "trigger"
    params: Mapping[str, int] = field(default_factory=dict)
    count_long: int | None = None
    roll: bool = True
    period: bool = False
    close_mode: str = "all"
    level: Level = Level.UNIT
    select_by: str = "trigger"
    verified: bool = True
    note: str = ""
    #: Derived: every trigger and closing act is a contract event, so the rule is computed on imported history.
    contract_known: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "contract_known", all(a in CONTRACT_ACTS for a in self.trigger + self.closed_by))


@dataclass(frozen=True, slots=True)
class RuleSet:
    """One version of the rules, with look-ups the engine needs: rules by trigger (split by how their rule set is
    chosen) and, per rule code, every act that removes an open instance (closing, cancelling, final)."""

    name: str
    effective_from: date
    rules: tuple[DeadlineRule, ...]
    by_trigger: Mapping[str, tuple[DeadlineRule, ...]]
    by_code: Mapping[str, DeadlineRule]
    by_trigger_direct: Mapping[str, tuple[DeadlineRule, ...]]
    by_trigger_start: Mapping[str, tuple[DeadlineRule, ...]]
    removed_by: Mapping[str, frozenset[str]]


def _ruleset(name: str, effective_from: date, rules: Iterable[DeadlineRule]) -> RuleSet:
    items = tuple(replace(r, ruleset=name) for r in rules)

    def index(selected: Iterable[DeadlineRule]) -> dict[str, tuple[DeadlineRule, ...]]:
        out: dict[str, list[DeadlineRule]] = {}
        for r in selected:
            for act in r.trigger:
                out.setdefault(act, []).append(r)
        return {k: tuple(v) for k, v in out.items()}

    removed = {r.code: frozenset(r.closed_by) | frozenset(r.cancelled_by)
               | (frozenset() if r.survives_final else FINAL_ACTS) for r in items}
    return RuleSet(name, effective_from, items, index(items), {r.code: r for r in items},
                   index(r for r in items if r.select_by != "start"),
                   index(r for r in items if r.select_by == "start"), removed)


# --------------------------------------------------------------------------------------------- 2015 rule set

L = "Luật THADS 2008 (sđ 2014)"
D62 = "Nghị định 62/2015/NĐ-CP (sđ, bs 33/2020/NĐ-CP, 152/2024/NĐ-CP)"
A = Act
X = DeadlineAct
WD, DAYS, MONTHS, NOW = CountUnit.WORKING_DAYS, CountUnit.CALENDAR_DAYS, CountUnit.MONTHS, CountUnit.IMMEDIATELY
HEAD, OFFICER, ACCOUNTANT, CLERK = Title.HEAD, Title.OFFICER, Title.ACCOUNTANT, Title.CLERK
_DECIDE = (A.DECIDE,)
_VERIFIED = (A.START_VERIFICATION, A.VERIFY_ABLE, A.CLASSIFY_UNABLE, A.REVERIFY)
_DECISIONS = (A.DECIDE, A.CLASSIFY_UNABLE, A.POSTPONE, A.RESUME, A.SUSPEND, A.TERMINATE, A.ENTRUST_OUT, A.REVOKE,
              A.RETURN_REQUEST) + tuple(a for a in A if a.value == "continue")  # the head's continuation (9.4)
#: Art. 39: every decision on enforcement is notified within 3 WD, not only the decision to enforce (notify.decision).
_OTHER_DECISIONS = tuple(a for a in _DECISIONS if a is not A.DECIDE)


def _r(code: str, trigger: str | tuple[str, ...], count: int, unit: CountUnit, article: str, text_vi: str,
       who: Title, **kw: object) -> DeadlineRule:
    triggers = (trigger,) if isinstance(trigger, str) else tuple(trigger)
    return DeadlineRule(code, tuple(str(t) for t in triggers), count, unit, article, text_vi, who, **kw)  # type: ignore[arg-type]


RULES_2015: tuple[DeadlineRule, ...] = (
    # --- intake (Arts. 31, 36, 57) -----------------------------------------------------------------------------
    _r("decide.proactive", A.RECEIVE_JUDGMENT, 5, WD, f"{L} Điều 36.2 (điểm a–d)",
       "Chủ động ra quyết định thi hành án và phân công Chấp hành viên", HEAD,
       applies_if="ordinary_judgment", closed_by=_DECIDE),
    _r("decide.interim", A.RECEIVE_JUDGMENT, 0, NOW, f"{L} Điều 36.2.đ; Điều 57.1.b (ủy thác)",
       "Ra ngay quyết định thi hành quyết định áp dụng biện pháp khẩn cấp tạm thời", HEAD,
       applies_if="interim", closed_by=_DECIDE),
    _r("decide.bankruptcy", A.RECEIVE_JUDGMENT, 3, WD, f"{L} Điều 36.2.e",
       "Ra quyết định thi hành quyết định tuyên bố phá sản", HEAD, applies_if="bankruptcy", closed_by=_DECIDE),
    _r("decide.entrusted", A.RECEIVE_JUDGMENT, 5, WD, f"{L} Điều 57.1.b (Luật 03/2022)",
       "Ra quyết định thi hành án việc được ủy thác", HEAD, applies_if="entrusted_in", closed_by=_DECIDE),
    _r("decide.request", A.RECEIVE_REQUEST, 5, WD, f"{L} Điều 36.1; Điều 31.5 (từ chối)",
       "Ra quyết định thi hành án theo đơn yêu cầu, hoặc thông báo bằng văn bản từ chối yêu cầu", HEAD,
       closed_by=(A.DECIDE, A.REFUSE_REQUEST)),
    # --- after a decision (Arts. 38, 39, 45, 44.1) ---------------------------------------------------------------
    _r("procuracy.send", _DECISIONS, 3, WD, f"{L} Điều 38",
       "Gửi quyết định về thi hành án cho Viện kiểm sát cùng cấp", CLERK, applies_if="is_decision",
       closed_by=(A.SEND_TO_PROCURACY,), close_mode="oldest", survives_final=True),
    _r("notify.decision", A.DECIDE, 3, WD, f"{L} Điều 39",
       "Thông báo quyết định thi hành án cho người phải thi hành án và đương sự", OFFICER,
       closed_by=(A.NOTIFY_DEBTOR,), cancelled_by=_VERIFIED),
    _r("notify.other_decision", _OTHER_DECISIONS, 3, WD, f"{L} Điều 39",
       "Thông báo quyết định về thi hành án cho đương sự, người có quyền, nghĩa vụ liên quan", OFFICER,
       closed_by=(X.NOTIFY_DECISION,), close_mode="oldest", survives_final=True, period=True,
       note="Art. 39.2: 3 WD from the decision, except to prevent hiding assets (the officer's call). A reminder "
            "(period) until an act records the notice: no act or contract event writes notify_decision yet, so "
            "as a duty it could never be closed and every such decision would show overdue forever"),
    _r("voluntary.period", A.NOTIFY_DEBTOR, 10, DAYS, f"{L} Điều 45.1",
       "Thời hạn tự nguyện thi hành án của người phải thi hành án", OFFICER, applies_if="not_interim",
       period=True, closed_by=_VERIFIED),
    _r("verify.start", A.NOTIFY_DEBTOR, 10, DAYS, f"{L} Điều 44.1",
       "Xác minh điều kiện thi hành án (trong 10 ngày sau khi hết thời hạn tự nguyện)", OFFICER,
       applies_if="not_interim", start="period", params={"period_days": 10}, stops_clock=True,
       closed_by=_VERIFIED, note="stops_clock UNVERIFIED (Arts. 48–49 by analogy with Art. 30.2)"),
    _r("verify.interim", A.DECIDE, 0, NOW, f"{L} Điều 44.1 (biện pháp khẩn cấp tạm thời)",
       "Xác minh ngay điều kiện thi hành quyết định áp dụng biện pháp khẩn cấp tạm thời", OFFICER,
       applies_if="interim", closed_by=_VERIFIED),
    # --- not yet able (Arts. 44.2, 44a; Decree 62 Arts. 9, 11) ---------------------------------------------------
    _r("unable.decide", X.UNABLE_GROUND_FOUND, 5, WD, f"{L} Điều 44a; {D62} Điều 9.4",
       "Ra quyết định về việc chưa có điều kiện thi hành án", HEAD,
       closed_by=(A.CLASSIFY_UNABLE,), cancelled_by=(A.VERIFY_ABLE,)),
    _r("unable.publish", A.CLASSIFY_UNABLE, 5, WD, f"{L} Điều 44a.2; {D62} Điều 11",
       "Đăng tải công khai thông tin người phải thi hành án chưa có điều kiện thi hành", OFFICER,
       closed_by=(X.PUBLISH_UNABLE,), cancelled_by=(A.VERIFY_ABLE,)),
    _r("unable.unpublish", (A.TERMINATE, A.COMPLETE), 2, WD, f"{D62} Điều 11",
       "Gỡ bỏ thông tin người phải thi hành án chưa có điều kiện thi hành đã đăng tải", OFFICER,
       applies_if="published", closed_by=(X.UNPUBLISH_UNABLE,), survives_final=True),
    _r("reverify.periodic", (A.CLASSIFY_UNABLE, A.REVERIFY), 6, MONTHS, f"{L} Điều 44.2",
       "Xác minh lại điều kiện thi hành án (ít nhất 6 tháng một lần; 12 tháng nếu đang chấp hành án phạt tù "
       "còn từ 2 năm trở lên hoặc không xác định được địa chỉ mới)", OFFICER, count_long=12, stops_clock=True,
       closed_by=(A.REVERIFY, A.CLASSIFY_UNABLE, A.VERIFY_ABLE), cancelled_by=(A.SEPARATE_BOOK, A.RETURN_REQUEST),
       note="stops_clock UNVERIFIED"),
    _r("unable.notify_creditor", A.REVERIFY, 3, WD, f"{L} Điều 44.2",
       "Thông báo bằng văn bản cho người được thi hành án sau 2 lần xác minh lại vẫn chưa có điều kiện", OFFICER,
       applies_if="second_reverification", closed_by=(X.NOTIFY_CREDITOR,), verified=False,
       note="the article sets no count: 3 WD (Art. 39 notices) is THADS's choice, UNVERIFIED"),
    _r("separate_book.move", A.REVERIFY, 3, WD, f"{D62} Điều 9.5",
       "Chuyển việc sang sổ theo dõi riêng (đủ thời hạn, đã xác minh lại ít nhất 2 lần, không có thông tin mới)",
       HEAD, applies_if="no_new_information", start="separate_book", select_by="start",
       params={"years": 1, "years_long": 2, "min_reverifications": 2}, closed_by=(A.SEPARATE_BOOK,),
       cancelled_by=(A.REVERIFY, A.VERIFY_ABLE, A.POSTPONE, A.SUSPEND, A.RESUME, X.NEW_INFORMATION)),
    _r("verify.new_information", X.NEW_INFORMATION, 10, DAYS, f"{D62} Điều 9.4",
       "Xác minh thông tin mới về điều kiện thi hành án", OFFICER, stops_clock=True, closed_by=_VERIFIED,
       note="stops_clock UNVERIFIED"),
    _r("verify.disputed", X.VERIFICATION_DISPUTED, 5, WD, f"{L} Điều 44.5",
       "Xác minh lại khi kết quả xác minh của người được thi hành án khác của Chấp hành viên hoặc có kháng nghị",
       OFFICER, stops_clock=True, closed_by=_VERIFIED, note="stops_clock UNVERIFIED"),
    # --- postponement, suspension, termination, entrustment (Arts. 48–50, 57) ------------------------------------
    _r("postpone.decide", X.POSTPONE_GROUND, 5, WD, f"{L} Điều 48.3",
       "Ra quyết định hoãn thi hành án", HEAD, closed_by=(A.POSTPONE,)),
    _r("postpone.decide_48_2", X.POSTPONE_REQUEST, 0, NOW, f"{L} Điều 48.2, 48.3",
       "Ra ngay quyết định hoãn theo yêu cầu của người có thẩm quyền kháng nghị", HEAD, closed_by=(A.POSTPONE,)),
    _r("resume.postponement", A.POSTPONE, 5, WD, f"{L} Điều 48.4",
       "Ra quyết định tiếp tục thi hành án khi hết thời hạn hoãn", HEAD, start="postponement_end",
       params={"months_48_2": 3}, closed_by=(A.RESUME,)),
    _r("resume.postponement_ground", X.POSTPONE_GROUND_ENDED, 5, WD, f"{L} Điều 48.4",
       "Ra quyết định tiếp tục thi hành án khi căn cứ hoãn không còn", HEAD, closed_by=(A.RESUME,)),
    _r("suspend.bankruptcy", X.BANKRUPTCY_PETITION_ACCEPTED, 5, WD, f"{L} Điều 49.2",
       "Ra quyết định tạm đình chỉ thi hành án khi Tòa án thụ lý đơn yêu cầu mở thủ tục phá sản", HEAD,
       closed_by=(A.SUSPEND,)),
    _r("resume.suspension", X.SUSPENSION_LIFTED, 5, WD, f"{L} Điều 49.3",
       "Ra quyết định tiếp tục thi hành án sau tạm đình chỉ", HEAD, closed_by=(A.RESUME,)),
    _r("terminate.decide", (X.TERMINATION_GROUND, A.REDUCE), 5, WD, f"{L} Điều 50.2",
       "Ra quyết định đình chỉ thi hành án", HEAD, applies_if="termination_ground", closed_by=(A.TERMINATE,)),
    _r("entrust.decide", X.ENTRUSTMENT_GROUND, 5, WD, f"{L} Điều 57.1.a (Luật 03/2022)",
       "Ra quyết định ủy thác thi hành án", HEAD, applies_if="not_interim", closed_by=(A.ENTRUST_OUT,)),
    _r("entrust.decide_interim", X.ENTRUSTMENT_GROUND, 1, DAYS, f"{L} Điều 57.1.a (Luật 03/2022)",
       "Ra quyết định ủy thác thi hành biện pháp khẩn cấp tạm thời (24 giờ)", HEAD, applies_if="interim",
       roll=False, closed_by=(A.ENTRUST_OUT,), note="24 hours counted as the next calendar day, not rolled"),
    # --- money (Arts. 47, 126; Decree 62 Art. 49) ----------------------------------------------------------------
    _r("payout.collected", A.COLLECT, 10, DAYS, f"{L} Điều 47.5",
       "Chi trả tiền thi hành án đã thu", ACCOUNTANT, closed_by=(A.PAYOUT, X.NOTIFY_PAYEE), close_mode="amount",
       survives_final=True),
    _r("unclaimed.deposit", X.NOTIFY_PAYEE, 1, WD, f"{L} Điều 126.2; {D62} Điều 49.2",
       "Gửi tiết kiệm số tiền đương sự không đến nhận (hết 15 ngày kể từ ngày thông báo)", ACCOUNTANT,
       start="period", params={"period_days": 15}, closed_by=(X.DEPOSIT_UNCLAIMED, A.PAYOUT), survives_final=True,
       verified=False, note="the 15 days are [V]; the law sets no count for the deposit itself: 1 WD, UNVERIFIED"),
    _r("unclaimed.forfeit", X.NOTIFY_PAYEE, 1, WD, f"{D62} Điều 49.5.a",
       "Sung quỹ nhà nước số tiền đương sự không đến nhận", ACCOUNTANT, start="forfeit",
       params={"years_after_judgment": 5, "years_after_notice": 1}, closed_by=(X.FORFEIT_UNCLAIMED, A.PAYOUT),
       survives_final=True, verified=False,
       note="needs details['judgment_effective_on']; the notice date stands for the collection date; 1 WD UNVERIFIED"),
    _r("unclaimed.asset", X.NOTIFY_ASSET_OWNER, 1, WD, f"{L} Điều 126.2",
       "Xử lý (bán) tài sản đương sự không đến nhận sau 3 tháng kể từ ngày thông báo", OFFICER,
       start="period", params={"period_months": 3}, closed_by=(X.UNCLAIMED_ASSET_HANDLED,), survives_final=True,
       verified=False, note="1 WD after the 3 months UNVERIFIED"),
    _r("unclaimed.papers", X.NOTIFY_PAPERS_OWNER, 1, WD, f"{L} Điều 126.3",
       "Chuyển giấy tờ đương sự không đến nhận cho cơ quan đã cấp sau 1 năm", OFFICER,
       start="period", params={"period_months": 12}, closed_by=(X.UNCLAIMED_PAPERS_HANDLED,), survives_final=True,
       verified=False, note="1 WD after the year UNVERIFIED"),
    # --- other deadlines (THADS.md §2.16 second table) --------------------------------------------------------
    _r("confirm.result", X.REQUEST_CONFIRMATION, 5, WD, f"{L} Điều 53",
       "Xác nhận kết quả thi hành án theo yêu cầu của đương sự", HEAD, closed_by=(X.CONFIRM_RESULT,),
       survives_final=True),
    _r("officer_change.decide", X.REQUEST_OFFICER_CHANGE, 5, WD, f"{D62} Điều 10.3",
       "Giải quyết yêu cầu thay đổi Chấp hành viên", HEAD, closed_by=(A.REASSIGN, X.REFUSE_OFFICER_CHANGE)),
    _r("info.reply", X.REQUEST_INFORMATION, 3, WD, f"{L} Điều 44.6.b",
       "Theo dõi: bên thứ ba cung cấp thông tin theo yêu cầu của Chấp hành viên", OFFICER,
       applies_if="not_account", closed_by=(X.INFORMATION_RECEIVED,)),
    _r("info.reply_account", X.REQUEST_INFORMATION, 0, NOW, f"{L} Điều 44.6.b",
       "Theo dõi: cung cấp ngay thông tin tài khoản", OFFICER, applies_if="account",
       closed_by=(X.INFORMATION_RECEIVED,)),
    _r("verify.delegated_registered", X.DELEGATE_VERIFICATION, 30, DAYS, f"{D62} Điều 9.2",
       "Theo dõi kết quả ủy quyền xác minh bất động sản, động sản phải đăng ký", OFFICER,
       applies_if="delegated_registered", closed_by=(X.DELEGATED_RESULT,)),
    _r("verify.delegated_complex", X.DELEGATE_VERIFICATION, 45, DAYS, f"{D62} Điều 9.2",
       "Theo dõi kết quả ủy quyền xác minh (trường hợp phức tạp)", OFFICER,
       applies_if="delegated_complex", closed_by=(X.DELEGATED_RESULT,)),
    _r("verify.delegated_other", X.DELEGATE_VERIFICATION, 15, DAYS, f"{D62} Điều 9.2",
       "Theo dõi kết quả ủy quyền xác minh tài sản, thông tin khác", OFFICER,
       applies_if="delegated_other", closed_by=(X.DELEGATED_RESULT,)),
    _r("exemption.court_accept", X.FILE_EXEMPTION, 2, WD, f"{L} Điều 63",
       "Theo dõi: Tòa án thụ lý hồ sơ đề nghị miễn, giảm", OFFICER,
       closed_by=(X.COURT_ACCEPTED_EXEMPTION, A.REDUCE)),
    _r("exemption.court_hearing", X.COURT_ACCEPTED_EXEMPTION, 20, DAYS, f"{L} Điều 63",
       "Theo dõi: Tòa án mở phiên họp xét miễn, giảm", OFFICER, closed_by=(A.REDUCE,)),
)


# --------------------------------------------------------------------------------------------- 2009 rule set

#: Law 26/2008 as first enacted (before Law 64/2014, in force 01/07/2015), original Art. 45.1 [V]: 15 days.
VOLUNTARY_DAYS_2009 = 15


def _to_2009(rule: DeadlineRule) -> DeadlineRule:
    if rule.code == "voluntary.period":
        return replace(rule, count=VOLUNTARY_DAYS_2009, article="Luật THADS 26/2008/QH12 Điều 45.1 (bản gốc)")
    if rule.code == "verify.start":
        return replace(rule, params={**rule.params, "period_days": VOLUNTARY_DAYS_2009},
                       article="Luật THADS 26/2008/QH12 Điều 44.1, 45.1 (bản gốc)",
                       text_vi="Xác minh điều kiện thi hành án (trong 10 ngày sau khi hết thời hạn tự nguyện 15 ngày)")
    note = "pre-2015 text not coded: kept equal to the 2015 set, UNVERIFIED" + (f"; {rule.note}" if rule.note else "")
    return replace(rule, verified=False, note=note)


RULES_2009: tuple[DeadlineRule, ...] = tuple(_to_2009(r) for r in RULES_2015)


# --------------------------------------------------------------------------------------------- 2025-07 rule set

#: Rules the July 2025 organisation moves to the provincial agency (THADS.md §0 [S]). Finance: UNVERIFIED.
PROVINCE_LEVEL_2025: frozenset[str] = frozenset(
    [r.code for r in RULES_2015 if r.who == HEAD]
    + ["payout.collected", "unclaimed.deposit", "unclaimed.forfeit"]
)


def _province(rule: DeadlineRule) -> DeadlineRule:
    if rule.code not in PROVINCE_LEVEL_2025:
        return rule
    if rule.who == HEAD:
        return replace(rule, level=Level.PROVINCE)
    return replace(rule, level=Level.PROVINCE, verified=False,
                   note=(rule.note + "; " if rule.note else "") + "finance at the province level UNVERIFIED")


RULES_2025_07: tuple[DeadlineRule, ...] = tuple(_province(r) for r in RULES_2015)


# --------------------------------------------------------------------------------------------- 2026-07 rule set

L26 = "Luật THADS 106/2025/QH15"
D152 = "Nghị định 152/2026/NĐ-CP"

#: What THADS.md §10 verifies for the 2026 regime: code → field changes. Everything else → :func:`_unverified_2026`.
VERIFIED_2026: dict[str, dict[str, object]] = {
    "separate_book.move": {"article": f"{D152} Điều 22", "applies_if": "proactive_no_new_information",
                           "params": {"years": 2, "years_long": 2, "min_reverifications": 2},
                           "note": "2 years [V]; minimum 2 re-verifications and 3 WD kept from 2015, UNVERIFIED",
                           "verified": False},
    "unable.publish": {"article": f"{D152} Điều 23"},
    "unable.unpublish": {"article": f"{D152} Điều 23", "count": 3},
    "verify.delegated_registered": {"article": f"{D152} Điều 21", "applies_if": "delegated_registered"},
    "verify.delegated_complex": {"article": f"{D152} Điều 21"},
    "verify.delegated_other": {"article": f"{D152} Điều 21", "applies_if": "delegated_other_2026"},
}

#: Known article numbers of Law 106/2025 (THADS.md §10 [V]); the counts there remain UNVERIFIED.
ARTICLES_2026: dict[str, str] = {
    "decide.proactive": f"{L26} Điều 33", "decide.interim": f"{L26} Điều 33", "decide.bankruptcy": f"{L26} Điều 33",
    "decide.request": f"{L26} Điều 34", "unable.decide": f"{L26} Điều 38", "reverify.periodic": f"{L26} Điều 38",
    "unable.notify_creditor": f"{L26} Điều 38",
}

NEW_2026: tuple[DeadlineRule, ...] = (
    _r("request.return", A.REVERIFY, 3, WD, f"{D152} Điều 22",
       "Gửi lại yêu cầu thi hành án cho người yêu cầu và thông báo cho Viện kiểm sát (việc theo đơn chưa có điều "
       "kiện thi hành sau 2 năm)", HEAD, applies_if="on_request_no_new_information", start="separate_book",
       select_by="start", params={"years": 2, "years_long": 2, "min_reverifications": 2},
       closed_by=(A.RETURN_REQUEST,),
       cancelled_by=(A.REVERIFY, A.VERIFY_ABLE, A.POSTPONE, A.SUSPEND, A.RESUME, X.NEW_INFORMATION),
       level=Level.PROVINCE, verified=False,
       note="2 years [V]; minimum 2 re-verifications and 3 WD kept from 2015, UNVERIFIED"),
    _r("verify.delegated_immediate", X.DELEGATE_VERIFICATION, 0, NOW, f"{D152} Điều 21",
       "Theo dõi kết quả ủy quyền xác minh tài khoản / biện pháp khẩn cấp tạm thời (ngay)", OFFICER,
       applies_if="delegated_immediate", closed_by=(X.DELEGATED_RESULT,)),
    _r("verify.delegated_prison", X.DELEGATE_VERIFICATION, 3, WD, f"{D152} Điều 21",
       "Theo dõi: trại giam trả lời yêu cầu xác minh", OFFICER, applies_if="delegated_prison",
       closed_by=(X.DELEGATED_RESULT,)),
)


def _to_2026(rule: DeadlineRule) -> DeadlineRule:
    if rule.code in VERIFIED_2026:
        return replace(rule, **VERIFIED_2026[rule.code])  # type: ignore[arg-type]
    old = rule.article.replace(L, "Luật 2008").replace(D62, "NĐ 62/2015")
    article = ARTICLES_2026.get(rule.code, f"{L26}; {D152} (điều tương ứng {old}: chưa xác minh)")
    note = "count kept equal to the 2025-07 set: UNVERIFIED" + (f"; {rule.note}" if rule.note else "")
    return replace(rule, article=article, verified=False, note=note)


RULES_2026_07: tuple[DeadlineRule, ...] = tuple(_to_2026(r) for r in RULES_2025_07) + NEW_2026

RULESETS: dict[str, RuleSet] = {
    "2009": _ruleset("2009", date(2009, 7, 1), RULES_2009),
    "2015": _ruleset("2015", date(2015, 7, 1), RULES_2015),
    "2025-07": _ruleset("2025-07", date(2025, 7, 1), RULES_2025_07),
    "2026-07": _ruleset("2026-07", date(2026, 7, 1), RULES_2026_07),
}
_ORDERED: tuple[RuleSet, ...] = tuple(sorted(RULESETS.values(), key=lambda rs: rs.effective_from))


_NEWEST_FIRST: tuple[RuleSet, ...] = tuple(reversed(_ORDERED))
#: Acts that trigger a rule whose rule set is chosen by its start date (any rule set).
START_SELECTED_TRIGGERS: frozenset[str] = frozenset(a for rs in _ORDERED for a in rs.by_trigger_start)


def ruleset_for(on: date) -> RuleSet:
    """The rule set in force on ``on`` (the date of the act that starts the deadline); "2009" (Law 26/2008 as first
    enacted) for anything before 01/07/2015."""
    for rs in _NEWEST_FIRST:
        if rs.effective_from <= on:
            return rs
    return _ORDERED[0]


def later_rulesets(rs: RuleSet) -> tuple[RuleSet, ...]:
    """``rs`` and the rule sets that follow it, in order."""
    return _ORDERED[_ORDERED.index(rs):]


def rule_table() -> list[tuple[str, str, str, str, str, str]]:
    """(code, count, unit, article, ruleset, who) rows of every rule set, for documentation and the admin screen."""
    rows = []
    for rs in _ORDERED:
        for r in rs.rules:
            count = "" if r.unit is CountUnit.IMMEDIATELY else (
                f"{r.count}" + (f" ({r.count_long})" if r.count_long else ""))
            rows.append((r.code, count, r.unit.value, r.article + ("" if r.verified else " [UNVERIFIED]"),
                         rs.name, f"{r.who.value}@{r.level.value}"))
    return rows
