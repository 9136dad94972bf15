"""What follows from verification and from the measures, over plain values (no Django): the act the verification
result proposes (an Art. 44a ground, a continuation after new information, the release of a freeze whose money was
deducted), the records the deadline engine replays for the assets context (a request for information, new
information, an established Art. 44a ground: rules of :mod:`thads.domain.deadline_rules`), and the measures' own
deadlines, which the engine's rule sets do not hold (Art. 67.3: a freeze must be followed by a coercive measure;
Arts. 98, 101, 104 and Decree 62/2015 Art. 27.3: the steps from a distraint to the sale, :func:`auction_deadlines`).

Luật THADS (Law 26/2008 as amended by Law 64/2014) Arts. 44, 44a, 67–69, 77, 98–104; Decree 62/2015 Arts. 9, 27.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from thads.domain.act_types import CaseFacts
from thads.domain.auction import (
    NO_AUCTION_BELOW,
    REDUCTIONS_BEFORE_CREDITOR,
    SMALL_VALUE,
    SessionRec,
    ValuationRec,
    current_valuation,
)
from thads.domain.calendar import WorkCalendar
from thads.domain.deadline_rules import DeadlineAct
from thads.domain.deadlines import ActRecord, Deadline, open_deadlines
from thads.domain.measures import (
    INCOME_KINDS,
    MEASURE_FAMILY,
    AssetKind,
    AssetStatus,
    AuctionOutcome,
    MeasureFamily,
    MeasureKind,
    MeasureStatus,
)
from thads.domain.states import Phase

K = MeasureKind


@dataclass(frozen=True, slots=True)
class RequestRec:
    """An information request (Art. 44.6) as the rules read it."""

    case_id: int
    requested_on: date
    asset_kind: str = ""
    replied_on: date | None = None
    body: str = ""


@dataclass(frozen=True, slots=True)
class AssetRec:
    """An asset of the debtor's register as the rules read it."""

    asset_id: int
    kind: str
    found_on: date
    status: str = AssetStatus.FOUND
    exempt_ground: str = ""
    estimated_value: int = 0
    secured_amount: int = 0


@dataclass(frozen=True, slots=True)
class MeasureRec:
    """A measure as the rules read it; ``follow_from``: the day ownership of a seized or transfer-banned asset was
    established (Arts. 68.5, 69.4), when recorded; ``executed_on``: the day it was carried out (for a distraint the
    day of the distraint record, from which Art. 98.2 counts)."""

    measure_id: int
    case_id: int
    kind: str
    status: str
    decided_on: date
    asset_id: int | None = None
    follow_from: date | None = None
    collected: int = 0
    executed_on: date | None = None


@dataclass(frozen=True, slots=True)
class Verification:
    """What verification knows of one debtor (Art. 44; Decree 62/2015 Art. 9)."""

    assets: tuple[AssetRec, ...] = ()
    requests: tuple[RequestRec, ...] = ()
    declared_on: date | None = None
    address_unknown_since: date | None = None
    costs: int = 0  # coercion costs still owed (Art. 73)


@dataclass(frozen=True, slots=True)
class Proposal:
    """The next act verification or a measure calls for: ``act`` (a case act or an assets step), ``ground``, the day
    it became due (``on``), the Vietnamese sentence and its legal basis."""

    act: str
    ground: str
    on: date | None
    message_vi: str
    article: str
    measure_id: int | None = None


_LIVE = frozenset({AssetStatus.FOUND, AssetStatus.FROZEN, AssetStatus.SEIZED})
_WORTH_ASKING = frozenset({Phase.VERIFYING, Phase.ENFORCING})
_UNABLE = frozenset({Phase.NOT_YET_ABLE, Phase.SEPARATE_BOOK})


def yields_something(asset: AssetRec, costs: int = 0) -> bool:
    """Whether an asset can still pay something (Art. 44a.1.a read backwards): it is still held by the debtor
    (found, frozen or distrained), the law does not protect it (Art. 87), and its value, when known, exceeds what a
    secured creditor takes first (Art. 47.3) plus the coercion costs ("giá trị tài sản chỉ đủ để thanh toán chi phí
    cưỡng chế"). An unknown value (0) counts as something: only a valuation can show it is worth nothing."""
    if asset.status not in _LIVE or asset.exempt_ground:
        return False
    return asset.estimated_value <= 0 or asset.estimated_value - asset.secured_amount > costs


def last_verified_on(v: Verification) -> date | None:
    """The day of the latest verification result: a reply, the debtor's declaration, an asset found, the address
    found unknown (UNVERIFIED: THADS takes the latest of these as the day an Art. 44a ground is established)."""
    days = [r.replied_on for r in v.requests if r.replied_on] + [a.found_on for a in v.assets]
    days += [d for d in (v.declared_on, v.address_unknown_since) if d]
    return max(days) if days else None


def unable_proposal(facts: CaseFacts, v: Verification) -> Proposal | None:
    """The Art. 44a ground verification establishes, while the case is being verified or enforced (the head then
    decides "chưa có điều kiện thi hành án" within 5 working days, Decree 62/2015 Art. 9.4):

    * 44a.1.c — the debtor's address or residence is unknown (when his assets are unknown too, the decision also
      postpones enforcement under Art. 48.1.b, Decree 62 Art. 9.3);
    * 44a.1.a — every request was answered, nothing is left that can pay (:func:`yields_something`) and no income
      is left (a wage, pension or business income still found counts as income: whether it covers only the minimum
      living needs is the officer's finding, not THADS's).

    Needs a verification by the officer, not only the debtor's own declaration: at least one answered request or
    one asset recorded."""
    if facts.phase not in _WORTH_ASKING:
        return None
    if v.address_unknown_since is not None:
        postponed = "" if any(yields_something(a, v.costs) for a in v.assets) else \
            " Quyết định ghi rõ việc thi hành án bị hoãn theo Điều 48.1.b (Điều 9.3 Nghị định 62/2015/NĐ-CP)."
        return Proposal("classify_unable", "44a.1.c", v.address_unknown_since,
                        "Chưa xác định được địa chỉ, nơi cư trú của người phải thi hành án: đề xuất quyết định về "
                        "việc chưa có điều kiện thi hành án." + postponed, "Điều 44a.1.c Luật Thi hành án dân sự")
    if any(r.replied_on is None for r in v.requests):
        return None
    on = last_verified_on(v)
    if on is None or not (v.assets or any(r.replied_on for r in v.requests)):
        return None
    if any(a.kind in INCOME_KINDS and a.status in _LIVE for a in v.assets):
        return None
    if any(yields_something(a, v.costs) for a in v.assets if a.kind not in INCOME_KINDS):
        return None
    return Proposal("classify_unable", "44a.1.a", on,
                    "Kết quả xác minh: người phải thi hành án không có thu nhập, không có tài sản để thi hành án "
                    "(hoặc tài sản chỉ đủ chi phí cưỡng chế, không được kê biên): đề xuất quyết định về việc chưa "
                    "có điều kiện thi hành án.", "Điều 44a.1.a Luật Thi hành án dân sự")


def new_information(facts: CaseFacts, v: Verification) -> list[date]:
    """Days an asset that can pay was found after the case was classified "chưa có điều kiện" (Decree 62/2015 Art.
    9.4: new information, verified within 10 days; it keeps the case out of the separate book, Art. 9.5.c, and the
    head's continuation decision follows when the debtor can pay again)."""
    if facts.phase not in _UNABLE or facts.unable_since is None:
        return []
    return sorted({a.found_on for a in v.assets if a.found_on > facts.unable_since and yields_something(a, v.costs)})


def engine_records(facts: CaseFacts, case_id: int, v: Verification) -> list[ActRecord]:
    """The records of the deadline engine's replay that the assets context knows for one case: each information
    request of that case still unanswered (``request_information``, Art. 44.6.b: 3 working days, account information
    immediately — rules ``info.reply`` / ``info.reply_account``; an answered one opens nothing, so that one reply
    does not close the others), new information (Decree 62 Art. 9.4: ``verify.new_information``; it cancels the
    separate-book move, Art. 9.5.c) and an established Art. 44a ground (``unable.decide``, Decree 62 Art. 9.4)."""
    out = [ActRecord(DeadlineAct.REQUEST_INFORMATION.value, r.requested_on,
                     details={"account": r.asset_kind == AssetKind.BANK_ACCOUNT})
           for r in v.requests if r.case_id == case_id and r.replied_on is None]
    out += [ActRecord(DeadlineAct.NEW_INFORMATION.value, day) for day in new_information(facts, v)]
    proposal = unable_proposal(facts, v)
    if proposal is not None and proposal.on is not None:
        out.append(ActRecord(DeadlineAct.UNABLE_GROUND_FOUND.value, proposal.on, ground=proposal.ground))
    return out


# ------------------------------------------------------------------------------------------------ measures' deadlines

#: Measure → (days, text, article): a security measure is followed within this many days by a coercive measure or
#: ended (Art. 67.3 from the freeze decision; Arts. 68.5, 69.4 from the day ownership was established). The same
#: periods after 01/07/2026 (Law 106/2025) are UNVERIFIED.
FOLLOW_RULES: dict[MeasureKind, tuple[int, str, str]] = {
    K.ACCOUNT_FREEZE: (10, "Áp dụng biện pháp cưỡng chế hoặc chấm dứt phong tỏa tài khoản, tài sản",
                       "Điều 67.3 Luật Thi hành án dân sự"),
    K.ASSET_SEIZURE: (10, "Ra quyết định cưỡng chế hoặc trả lại tài sản, giấy tờ tạm giữ",
                      "Điều 68.5 Luật Thi hành án dân sự"),
    K.TRANSFER_BAN: (10, "Ra quyết định cưỡng chế hoặc chấm dứt việc tạm dừng đăng ký, chuyển dịch tài sản",
                     "Điều 69.4 Luật Thi hành án dân sự"),
}
FOLLOW_RULESET = "assets"  # the ``ruleset`` of these rows: not a rule set of the engine


def _followed(m: MeasureRec, measures: Sequence[MeasureRec]) -> bool:
    """Whether a coercive measure (not cancelled) was decided on the same asset (or, without an asset, on the same
    case) on or after the security measure."""
    return any(o.measure_id != m.measure_id and MEASURE_FAMILY[K(o.kind)] == MeasureFamily.COERCIVE
               and o.status != MeasureStatus.CANCELLED and o.decided_on >= m.decided_on
               and (o.asset_id == m.asset_id if m.asset_id is not None else o.case_id == m.case_id)
               for o in measures)


def measure_deadlines(measures: Sequence[MeasureRec], calendar: WorkCalendar, today: date,
                      unit: str | None = None) -> list[tuple[int, Deadline]]:
    """(case id, open deadline) of every security measure still in force and not yet followed by a coercive
    measure (:data:`FOLLOW_RULES`). "n ngày" are calendar days from the day after the start, a last day off rolls
    to the next working day (Civil Code Arts. 147–148; ``WorkCalendar.add_calendar_days``)."""
    out = []
    for m in measures:
        rule = FOLLOW_RULES.get(K(m.kind))
        if rule is None or m.status not in (MeasureStatus.DECIDED, MeasureStatus.EXECUTED) or _followed(m, measures):
            continue
        start = m.decided_on if m.kind == K.ACCOUNT_FREEZE else m.follow_from
        if start is None:
            continue
        days, text, article = rule
        due = calendar.add_calendar_days(start, days, roll=True, unit=unit)
        out.append((m.case_id, Deadline(f"measure.{m.kind}", FOLLOW_RULESET, due, start, f"measure:{m.measure_id}",
                                        start, "officer", article, text, today > due)))
    return out

# ------------------------------------------------------------------------------------------------ distraint to sale

@dataclass(frozen=True, slots=True)
class ContractRec:
    """An auction service contract (Art. 101.2) as the rules read it."""

    signed_on: date
    cancelled_on: date | None = None


@dataclass(frozen=True, slots=True)
class AuctionTrail:
    """What followed the distraint of one asset: its valuations (Arts. 98–99), auction contracts (101.2), sessions
    (numbered, oldest first; 102, 104) and the day it left the agency's hands (sold, taken by the creditor or
    returned: ``assets.AssetDisposal``), if it did."""

    asset_id: int
    kind: str
    valuations: tuple[ValuationRec, ...] = ()
    contracts: tuple[ContractRec, ...] = ()
    sessions: tuple[SessionRec, ...] = ()
    disposed_on: date | None = None


@dataclass(frozen=True, slots=True)
class StepRule:
    """One step from the distraint to the sale: ``days`` (working days when ``working``, else calendar days rolled
    off a day off, Civil Code Arts. 147–148) after the day of the step before; ``then_days``: calendar days added
    after that (a notice, then the parties' time to agree, Art. 104.1). ``verified`` False: THADS's reading of the
    text is UNVERIFIED (the rule's comment says why)."""

    days: int
    working: bool
    text: str
    article: str
    then_days: int = 0
    verified: bool = True


#: Asset kinds sold as immovables (Art. 101.2: 45 days to the auction; always by an auction organisation).
IMMOVABLE_KINDS = frozenset({AssetKind.LAND, AssetKind.HOUSE})

_L = "Luật Thi hành án dân sự"
#: The steps from a distraint to the sale, by deadline code; the figures are those of Law 26/2008 as amended by Law
#: 64/2014 and Decree 62/2015 as amended; after 01/07/2026 (Law 106/2025) they are UNVERIFIED.
AUCTION_RULES: dict[str, StepRule] = {
    # 98.2: the appraisal contract within 5 working days of the distraint (98.1: a price agreed at the distraint;
    # 98.3: the officer fixes it). UNVERIFIED: THADS records the price, not the signing of the appraisal contract,
    # so the row stays open until a valuation is recorded.
    "measure.valuation": StepRule(5, True, "Định giá tài sản kê biên: ký hợp đồng dịch vụ với tổ chức thẩm định giá "
                                  "(hoặc lập biên bản giá đương sự thỏa thuận)", f"Điều 98.2 {_L}", verified=False),
    # 101.2 third paragraph: the auction contract within 10 days of the valuation.
    "auction.contract": StepRule(10, False, "Ký hợp đồng dịch vụ đấu giá tài sản kê biên", f"Điều 101.2 {_L}"),
    # 101.2 last paragraph: the auction within 30 days (movables) / 45 days (immovables) of the contract; 101.3: the
    # officer's own auction (movables of 2,000,000–10,000,000 VND) within 30 days of the valuation.
    "auction.held": StepRule(30, False, "Tổ chức bán đấu giá tài sản kê biên (động sản)", f"Điều 101.2 {_L}"),
    "auction.held_immovable": StepRule(45, False, "Tổ chức bán đấu giá tài sản kê biên (bất động sản)",
                                       f"Điều 101.2 {_L}"),
    "auction.held_officer": StepRule(30, False, "Chấp hành viên bán đấu giá tài sản kê biên", f"Điều 101.3 {_L}"),
    # 104.1: within 5 working days of the organisation's notice that the session failed, the officer asks the
    # parties to agree a reduction; 10 days after their notice without agreement he decides it. UNVERIFIED: THADS
    # counts from the session day (the day the notice is received is not recorded) and adds the parties' 10 days
    # to the last day of the notice; the row closes with the next session (the reduction decision is not a row).
    "auction.reduce": StepRule(5, True, "Thông báo đương sự thỏa thuận mức giảm giá; không thỏa thuận được thì "
                               "Chấp hành viên quyết định giảm giá để tiếp tục bán đấu giá", f"Điều 104.1 {_L}",
                               then_days=10, verified=False),
    # 104.4: a sale for the state budget: the officer decides the reduction within 10 days of the notice.
    "auction.reduce_budget": StepRule(10, False, "Quyết định giảm giá tài sản để tiếp tục bán đấu giá (khoản nộp "
                                      "ngân sách nhà nước)", f"Điều 104.4 {_L}"),
    # 104.2: from after the second reduction, an unsold session lets the creditor take the asset; if he agrees, the
    # officer tells the debtor within 10 days of the notice (104.3: if not, a new reduction). UNVERIFIED: counted
    # from the session day; closed by the creditor taking the asset, a return or the next session.
    "auction.creditor": StepRule(10, False, "Thông báo người được thi hành án quyền nhận tài sản để trừ vào số tiền "
                                 "được thi hành án; đồng ý thì thông báo người phải thi hành án, không đồng ý thì "
                                 "giảm giá tiếp", f"Điều 104.2, 104.3 {_L}", verified=False),
    # Decree 62/2015 Art. 27.3 (as amended by Decree 33/2020): the buyer pays within 30 days of the sale, no
    # extension; otherwise the sale is cancelled. Closed by the proceeds recorded or a cancelled session.
    "auction.payment": StepRule(30, False, "Theo dõi người mua nộp đủ tiền mua tài sản đấu giá (không nộp đủ thì hủy "
                                "hợp đồng mua bán)", "Điều 27.3 Nghị định 62/2015/NĐ-CP"),
}


def auction_step(trail: AuctionTrail, distrained_on: date, *, budget: bool = False) -> tuple[str, date] | None:
    """The one open step of a distrained asset, as ``(rule key of AUCTION_RULES, the day it counts from)``, or None:

    * no valuation yet → ``measure.valuation`` from the distraint (Art. 98.2);
    * valued below 2,000,000 VND → None (Art. 101.4: sold without auction within 5 working days of the distraint;
      not followed here);
    * an immovable, or a movable above 10,000,000 VND (Art. 101.2), without a live contract → ``auction.contract``
      from the valuation in force (or from the cancellation of the last contract, UNVERIFIED); with one and no
      session yet → ``auction.held`` / ``auction.held_immovable`` from the contract;
    * a movable of 2,000,000–10,000,000 VND (Art. 101.3.b) without a session → ``auction.held_officer`` from the
      valuation;
    * the last session unsold → ``auction.reduce`` (104.1), ``auction.reduce_budget`` (104.4) or, after the second
      reduction, ``auction.creditor`` (104.2), from the session; sold → ``auction.payment`` (Decree 62 Art. 27.3);
      cancelled (Art. 102.1: handled again under the Law, no period given) → None;
    * disposed of → None."""
    if trail.disposed_on is not None:
        return None
    valuation = current_valuation(trail.valuations)
    if valuation is None:
        return "measure.valuation", distrained_on
    if valuation.value < NO_AUCTION_BELOW:
        return None
    if trail.sessions:
        last = max(trail.sessions, key=lambda s: s.seq)
        if last.outcome == AuctionOutcome.SOLD:
            return "auction.payment", last.held_on
        if last.outcome != AuctionOutcome.UNSOLD:
            return None
        if budget:
            return "auction.reduce_budget", last.held_on
        return ("auction.creditor" if last.reductions >= REDUCTIONS_BEFORE_CREDITOR else "auction.reduce"), last.held_on
    immovable = trail.kind in IMMOVABLE_KINDS
    if not immovable and valuation.value <= SMALL_VALUE:
        return "auction.held_officer", valuation.on
    live = [c for c in trail.contracts if c.cancelled_on is None]
    if live:
        return ("auction.held_immovable" if immovable else "auction.held"), max(c.signed_on for c in live)
    return "auction.contract", max([valuation.on, *(c.cancelled_on for c in trail.contracts if c.cancelled_on)])


def step_due(key: str, start: date, calendar: WorkCalendar, unit: str | None = None) -> date:
    """The last day of the step ``key`` counted from ``start`` (:data:`AUCTION_RULES`; "n ngày làm việc": working
    days from the day after; "n ngày": calendar days, a last day off rolled to the next working day)."""
    rule = AUCTION_RULES[key]
    due = (calendar.add_working_days(start, rule.days, unit=unit) if rule.working
           else calendar.add_calendar_days(start, rule.days, roll=True, unit=unit))
    return calendar.add_calendar_days(due, rule.then_days, roll=True, unit=unit) if rule.then_days else due


def auction_deadlines(measures: Sequence[MeasureRec], trails: Mapping[int, AuctionTrail], calendar: WorkCalendar,
                      today: date, *, unit: str | None = None, budget: bool = False) -> list[tuple[int, Deadline]]:
    """(case id, open deadline) of each asset the case's distraint holds (executed, not released nor cancelled; the
    latest distraint of an asset when there are several), at the step :func:`auction_step` finds. ``budget``: every
    obligation of the case goes to the state budget (Art. 104.4). The code is the rule key up to its first
    underscore (``auction.held`` for the three kinds of auction held, ``auction.reduce`` for both reductions), the trigger ``measure:<id>``, who acts: the officer."""
    held: dict[int, MeasureRec] = {}
    for m in measures:
        if (m.kind == K.DISTRAINT and m.status == MeasureStatus.EXECUTED and m.asset_id in trails
                and m.executed_on is not None):
            best = held.get(m.asset_id)
            if best is None or (m.decided_on, m.measure_id) > (best.decided_on, best.measure_id):
                held[m.asset_id] = m
    out = []
    for asset_id, m in sorted(held.items()):
        step = auction_step(trails[asset_id], m.executed_on, budget=budget)
        if step is None:
            continue
        key, start = step
        rule, due = AUCTION_RULES[key], step_due(key, start, calendar, unit)
        code = key.split("_")[0]
        out.append((m.case_id, Deadline(code, FOLLOW_RULESET, due, start, f"measure:{m.measure_id}", start, "officer",
                                        rule.article, rule.text, today > due, verified=rule.verified)))
    return out


def release_proposals(measures: Iterable[MeasureRec], deducted_assets: frozenset[int]) -> list[Proposal]:
    """A freeze still in force on an account whose money a deduction has collected is ended at once (Art. 77.1.b,
    77.2: "ngay sau khi có căn cứ")."""
    return [Proposal("release_measure", "77.1.b", None, "Đã khấu trừ tiền trong tài khoản: ra quyết định chấm dứt "
                     "phong tỏa tài khoản.", "Điều 77 Luật Thi hành án dân sự", m.measure_id)
            for m in measures if m.kind == K.ACCOUNT_FREEZE and m.asset_id in deducted_assets
            and m.status in (MeasureStatus.DECIDED, MeasureStatus.EXECUTED)]


def info_reply_due(requested_on: date, asset_kind: str, calendar: WorkCalendar, *, unit: str | None = None) -> date:
    """The last day a body has to answer a request for information sent on ``requested_on`` (Art. 44.6.b: 3
    working days from the day it received the request — THADS counts from the day it was sent, UNVERIFIED —;
    account information immediately), by the deadline engine's rule set of that day (``info.reply``,
    ``info.reply_account``), so that the date stored with the request is the due date of its deadline row."""
    rec = ActRecord(DeadlineAct.REQUEST_INFORMATION.value, requested_on,
                    details={"account": asset_kind == AssetKind.BANK_ACCOUNT})
    found = open_deadlines([rec], CaseFacts(unit=unit), calendar, requested_on)
    return found[0].due if found else requested_on
