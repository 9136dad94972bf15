"""What follows from verification and from the measures, over plain values (no Django): the act the verification
result proposes (an Art. 44a ground, a continuation after new information, the release of a freeze whose money was
deducted), the records the deadline engine replays for the assets context (a request for information, new
information, an established Art. 44a ground: rules of :mod:`thads.domain.deadline_rules`), and the measures' own
deadlines, which the engine's rule sets do not hold (Art. 67.3: a freeze must be followed by a coercive measure).

Luật THADS (Law 26/2008 as amended by Law 64/2014) Arts. 44, 44a, 67–69, 77; Decree 62/2015 Art. 9.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from thads.domain.act_types import CaseFacts
from thads.domain.calendar import WorkCalendar
from thads.domain.deadline_rules import DeadlineAct
from thads.domain.deadlines import ActRecord, Deadline, open_deadlines
from thads.domain.measures import (
    INCOME_KINDS,
    MEASURE_FAMILY,
    AssetKind,
    AssetStatus,
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
    established (Arts. 68.5, 69.4), when recorded."""

    measure_id: int
    case_id: int
    kind: str
    status: str
    decided_on: date
    asset_id: int | None = None
    follow_from: date | None = None
    collected: int = 0


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
