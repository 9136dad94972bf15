"""The rules of security and coercive measures and of the exit ban, over plain values (no Django): which assets a
measure applies to, when it may be decided, what may not be distrained, how much income may be deducted, the life
of a measure, how the money it brings in is split, its deadlines and the reply deadline of an information request,
and what verification proposes next (the Art. 44a ground). Each function cites its article of Luật THADS (Law
26/2008 as amended by Law 64/2014; the consolidated text "Điều 30.2.LQ.N") or Decree 62/2015 ("30.2.NĐ.1.N").

A check returns a :class:`Refusal` (Vietnamese message, stable code, the form field it is about) or None; the
``assets`` actions raise it as ``AssetsRefused``. Values the text leaves open are module constants marked UNVERIFIED.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from thads.domain.act_types import CaseFacts
from thads.domain.calendar import WorkCalendar
from thads.domain.coercion_calendar import rest_day_refusal
from thads.domain.coercion_plan import outstanding_costs
from thads.domain.measures import (
    MEASURE_FAMILY,
    AssetKind,
    AssetStatus,
    DebtorKind,
    MeasureFamily,
    MeasureKind,
    MeasureStatus,
)
from thads.domain.roles import Title
from thads.domain.states import Phase
from thads.lib.numbers import format_vnd

K, A = MeasureKind, AssetKind


@dataclass(frozen=True, slots=True)
class Refusal:
    code: str
    message_vi: str
    field: str = ""


# ------------------------------------------------------------------------------------------------ who may act


class Step(StrEnum):
    """The writes of the assets context, for the title table."""

    VERIFY = "verify"  # debtor register, declaration, information requests and replies, assets found
    DECIDE = "decide"
    EXECUTE = "execute"
    COLLECT = "collect"
    RELEASE = "release"
    CANCEL = "cancel"


_CHV = frozenset({Title.OFFICER, Title.HEAD, Title.DEPUTY})
#: Title → step. The enforcement officer verifies (Art. 44.1, 44.4) and decides freezes, seizures, transfer bans,
#: deductions and distraints (Arts. 67.2, 68.2, 69.1, 76.1, 78.3, 79–81, 88); the head may act as an officer (Art.
#: 23.1.g), the deputy on delegation (Art. 23.2). The clerk assists in verification (Decree 62/2015 Art. 71:
#: UNVERIFIED that the clerk may record it); the accountant receives money (TT 04/2023/TT-BTP Art. 17).
STEP_TITLES: Mapping[Step, frozenset[Title]] = MappingProxyType({
    Step.VERIFY: _CHV | {Title.CLERK},
    Step.DECIDE: _CHV,
    Step.EXECUTE: _CHV,
    Step.COLLECT: _CHV | {Title.ACCOUNTANT},
    Step.RELEASE: _CHV,
    Step.CANCEL: _CHV,
})


def title_may(title: str | None, step: Step) -> bool:
    """Whether a title may perform ``step`` (:data:`STEP_TITLES`)."""
    try:
        return Title(title or "") in STEP_TITLES[step]
    except ValueError:
        return False


# ------------------------------------------------------------------------------------------------ which assets

_THINGS = frozenset({A.LAND, A.HOUSE, A.VEHICLE, A.SHARES, A.MOVABLE, A.HELD_BY_THIRD_PARTY, A.OTHER})
#: Measure → the asset kinds it applies to; None: the measure is not about an asset of the register.
MEASURE_ASSET_KINDS: Mapping[MeasureKind, frozenset[AssetKind] | None] = MappingProxyType({
    K.ACCOUNT_FREEZE: frozenset({A.BANK_ACCOUNT, A.HELD_BY_THIRD_PARTY}),  # Art. 67.1: account, asset deposited
    K.ASSET_SEIZURE: _THINGS,  # Art. 68.1: assets and papers (a land certificate is a paper)
    K.TRANSFER_BAN: frozenset({A.LAND, A.HOUSE, A.VEHICLE, A.SHARES, A.MOVABLE, A.OTHER}),  # Art. 69.1
    K.ACCOUNT_DEDUCTION: frozenset({A.BANK_ACCOUNT}),  # Arts. 71.1, 76
    K.INCOME_DEDUCTION: frozenset({A.WAGE, A.PENSION}),  # Arts. 71.2, 78.1
    K.THIRD_PARTY_COLLECTION: frozenset({A.RECEIVABLE, A.BUSINESS_INCOME, A.HELD_BY_THIRD_PARTY}),  # Arts. 79–81
    K.DISTRAINT: _THINGS,  # Arts. 71.3, 88–97 (including assets held by a third party, Art. 91)
    K.FORCED_EXPLOITATION: _THINGS,  # Arts. 71.4, 107–109
    K.FORCED_HANDOVER: _THINGS,  # Arts. 71.5, 114–117 (the thing the judgment names: optional in the register)
    K.FORCED_ACT: None,  # Arts. 71.6, 118–120
    K.EXIT_BAN: None,  # Decree 62/2015 Art. 51 (UNVERIFIED article number, from THADS.md §2.8)
})
#: Measures that need an asset of the register.
ASSET_REQUIRED = frozenset(k for k, kinds in MEASURE_ASSET_KINDS.items() if kinds) - {K.FORCED_HANDOVER}
#: Measures that bring in money, collected through the case's own money acts.
MONEY_MEASURES = frozenset({K.ACCOUNT_DEDUCTION, K.INCOME_DEDUCTION, K.THIRD_PARTY_COLLECTION})
#: Coercions organised on the spot: not on rest days or holidays (Art. 46.2). UNVERIFIED which measures count.
ON_SITE_MEASURES = frozenset({K.DISTRAINT, K.FORCED_HANDOVER, K.FORCED_EXPLOITATION, K.FORCED_ACT})
_ACTIVE_ASSET = frozenset({AssetStatus.FOUND, AssetStatus.FROZEN, AssetStatus.SEIZED})


#: Art. 87 (tài sản không được kê biên), point → (debtors it protects, wording). Point 1 protects every debtor,
#: point 2 a person, point 3 an enterprise, cooperative or business establishment.
EXEMPT_GROUNDS: Mapping[str, tuple[frozenset[DebtorKind], str]] = MappingProxyType({
    "87.1": (frozenset(DebtorKind), "Tài sản bị cấm lưu thông; tài sản phục vụ quốc phòng, an ninh, lợi ích công "
                                    "cộng; tài sản do ngân sách nhà nước cấp cho cơ quan, tổ chức"),
    "87.2.a": (frozenset({DebtorKind.PERSON}), "Lương thực đáp ứng nhu cầu thiết yếu của người phải thi hành án và "
                                               "gia đình trong thời gian chưa có thu nhập, thu hoạch mới"),
    "87.2.b": (frozenset({DebtorKind.PERSON}), "Thuốc cần dùng để phòng, chữa bệnh của người phải thi hành án và gia "
                                               "đình"),
    "87.2.c": (frozenset({DebtorKind.PERSON}), "Vật dụng cần thiết của người tàn tật, vật dụng dùng để chăm sóc người "
                                               "ốm"),
    "87.2.d": (frozenset({DebtorKind.PERSON}), "Đồ dùng thờ cúng thông thường theo tập quán ở địa phương"),
    "87.2.đ": (frozenset({DebtorKind.PERSON}), "Công cụ lao động cần thiết, có giá trị không lớn, là phương tiện sinh "
                                               "sống chủ yếu hoặc duy nhất của người phải thi hành án và gia đình"),
    "87.2.e": (frozenset({DebtorKind.PERSON}), "Đồ dùng sinh hoạt cần thiết cho người phải thi hành án và gia đình"),
    "87.3.a": (frozenset({DebtorKind.ORGANISATION}), "Thuốc phòng, chữa bệnh cho người lao động; lương thực, thực "
                                                     "phẩm, dụng cụ và tài sản khác phục vụ bữa ăn cho người lao động"),
    "87.3.b": (frozenset({DebtorKind.ORGANISATION}), "Nhà trẻ, trường học, cơ sở y tế và tài sản của các cơ sở này, "
                                                     "nếu không phải là tài sản để kinh doanh"),
    "87.3.c": (frozenset({DebtorKind.ORGANISATION}), "Trang thiết bị, phương tiện, công cụ bảo đảm an toàn lao động, "
                                                     "phòng, chống cháy nổ, phòng, chống ô nhiễm môi trường"),
})


def exempt_ground_refusal(ground: str, debtor_kind: str) -> Refusal | None:
    """A recorded Art. 87 ground must be a point of Art. 87 that protects this kind of debtor (Art. 87.2: a
    person's; 87.3: an enterprise's, cooperative's or business establishment's)."""
    if not ground:
        return None
    entry = EXEMPT_GROUNDS.get(ground)
    if entry is None:
        return Refusal("asset.exempt_unknown", f"Căn cứ không được kê biên “{ground}” không có trong Điều 87 Luật "
                                               "Thi hành án dân sự.", "exempt_ground")
    if DebtorKind(debtor_kind) not in entry[0]:
        return Refusal("asset.exempt_debtor_kind", f"Điểm {ground} Điều 87 không áp dụng cho loại người phải thi "
                                                   "hành án này.", "exempt_ground")
    return None


@dataclass(frozen=True, slots=True)
class AssetView:
    """What a measure rule reads of an asset of the register."""

    kind: str
    status: str = AssetStatus.FOUND
    exempt_ground: str = ""
    estimated_value: int = 0
    secured_amount: int = 0


def asset_refusal(kind: MeasureKind, asset: AssetView | None, *, debtor_kind: str,
                  costs: int = 0, representative: str = "") -> Refusal | None:
    """Whether measure ``kind`` may be taken on ``asset`` of a debtor of ``debtor_kind``: the kinds each measure
    applies to (:data:`MEASURE_ASSET_KINDS`, articles there); no distraint of an asset Art. 87 protects; a pledged or
    mortgaged asset only when its value exceeds the secured obligation and the coercion costs (Art. 90.1; an
    unknown value, 0, is not refused); the exit ban of a person, or of an organisation's legal representative, who
    must then be named (``representative``; Decree 62/2015 Art. 51.1: "đối với cơ quan, tổ chức … được áp dụng đối
    với người đại diện theo pháp luật"; Luật Xuất cảnh, nhập cảnh 2019 Art. 36)."""
    if kind == K.EXIT_BAN and debtor_kind != DebtorKind.PERSON and not (representative or "").strip():
        return Refusal("measure.exit_ban_person", "Người phải thi hành án là cơ quan, tổ chức: tạm hoãn xuất cảnh áp "
                                                  "dụng đối với người đại diện theo pháp luật, cần ghi họ tên người đó "
                                                  "(Điều 51.1 Nghị định 62/2015/NĐ-CP).", "details")
    kinds = MEASURE_ASSET_KINDS[kind]
    if asset is None:
        if kind in ASSET_REQUIRED:
            return Refusal("measure.asset_required", "Biện pháp này phải chỉ rõ tài sản, tài khoản hoặc thu nhập bị "
                                                     "áp dụng.", "asset_id")
        return None
    if kinds is None:
        return Refusal("measure.no_asset", "Biện pháp này không áp dụng đối với một tài sản.", "asset_id")
    if AssetKind(asset.kind) not in kinds:
        return Refusal("measure.asset_kind", "Biện pháp này không áp dụng cho loại tài sản đã chọn.", "asset_id")
    if asset.status not in _ACTIVE_ASSET:
        return Refusal("measure.asset_gone", "Tài sản này đã được xử lý, trả lại hoặc không còn.", "asset_id")
    if kind == K.DISTRAINT and asset.exempt_ground:
        return Refusal("measure.art87", f"Tài sản không được kê biên (điểm {asset.exempt_ground} Điều 87 Luật Thi "
                                        "hành án dân sự).", "asset_id")
    if kind == K.DISTRAINT and asset.secured_amount > 0 and 0 < asset.estimated_value <= asset.secured_amount + costs:
        return Refusal("measure.art90", "Tài sản đang cầm cố, thế chấp chỉ được kê biên khi giá trị lớn hơn nghĩa vụ "
                                        "được bảo đảm và chi phí cưỡng chế (Điều 90 Luật Thi hành án dân sự).", "asset_id")
    return None


# ------------------------------------------------------------------------------------------------ when

_FINAL_PHASES = frozenset({Phase.COMPLETED, Phase.TERMINATED, Phase.ENTRUSTED_OUT, Phase.REVOKED})
_HALTED = frozenset({Phase.POSTPONED, Phase.SUSPENDED})
_NOT_ABLE = frozenset({Phase.NOT_YET_ABLE, Phase.SEPARATE_BOOK})
_PAST_VOLUNTARY = frozenset({Phase.VERIFYING, Phase.ENFORCING})


def timing_refusal(kind: MeasureKind, facts: CaseFacts, on: date, *, urgent: bool = False) -> Refusal | None:
    """Whether measure ``kind`` may be decided on ``on`` in the case described by ``facts``.

    * Only on a case with a decision to enforce, not before it (Arts. 36, 70.2), and never on a final case.
    * Not while enforcement is postponed or suspended (Arts. 48, 49: no act of enforcement; a release stays
      possible, :func:`release_refusal`).
    * A security measure (Art. 66.1: "áp dụng ngay … nhằm ngăn chặn việc tẩu tán") and the exit ban at any time
      after the decision, in the voluntary period too (Art. 45.2).
    * A coercive measure only when the voluntary period is over (Art. 46.1), unless ``urgent``: the debtor hides or
      destroys assets (Art. 45.2: "áp dụng ngay biện pháp quy định tại Chương IV"), or the decision enforces an
      interim measure of the court, which has no voluntary period (Arts. 36.2.đ, 44.1); and not while the debtor is
      classified as not able to pay (Art. 44a; Decree 62/2015 Art. 9.4: the head's continuation decision comes
      first — UNVERIFIED for the separate book)."""
    phase = facts.phase
    if phase is None or facts.decided_on is None or on < facts.decided_on:
        return Refusal("measure.no_decision", "Chưa có quyết định thi hành án: chưa thể áp dụng biện pháp bảo đảm, "
                                              "cưỡng chế.", "on")
    if phase in _FINAL_PHASES:
        return Refusal("measure.final", "Việc thi hành án đã kết thúc: không áp dụng biện pháp mới.", "")
    if phase in _HALTED:
        return Refusal("measure.halted", "Việc thi hành án đang bị hoãn hoặc tạm đình chỉ (Điều 48, 49 Luật Thi hành "
                                         "án dân sự).", "")
    if MEASURE_FAMILY[kind] != MeasureFamily.COERCIVE:
        return None
    if phase in _NOT_ABLE:
        return Refusal("measure.not_able", "Việc đang chưa có điều kiện thi hành: cần quyết định tiếp tục thi hành án "
                                           "trước khi cưỡng chế (Điều 9.4 Nghị định 62/2015/NĐ-CP).", "")
    if urgent or facts.interim:
        return None
    # Without a stored last day (an imported history), a case being verified or enforced is past the period.
    ended = on > facts.voluntary_until if facts.voluntary_until is not None else phase in _PAST_VOLUNTARY
    if not ended:
        until = f" (đến hết ngày {facts.voluntary_until:%d/%m/%Y})" if facts.voluntary_until else ""
        return Refusal("measure.voluntary", f"Chưa hết thời hạn tự nguyện thi hành án{until}: chỉ được cưỡng chế khi "
                                            "hết thời hạn này (Điều 46.1 Luật Thi hành án dân sự), trừ trường hợp cần "
                                            "ngăn chặn tẩu tán, hủy hoại tài sản (Điều 45.2).", "on")
    return None


def release_refusal(facts: CaseFacts, on: date, decided_on: date) -> Refusal | None:
    """A release or cancellation is possible in any phase, final ones included (a terminated case must end its
    freezes: Art. 77.1.c), but not before the measure was decided."""
    if on < decided_on:
        return Refusal("measure.before_decision", "Ngày này trước ngày quyết định áp dụng biện pháp.", "on")
    return None


def execution_refusal(kind: MeasureKind, facts: CaseFacts, on: date, decided_on: date,
                      calendar: WorkCalendar) -> Refusal | None:
    """Carrying a measure out (or collecting its money): not before its decision, not on a final case, not while
    enforcement is postponed or suspended (Arts. 48, 49), and a coercion organised on the spot
    (:data:`ON_SITE_MEASURES`) not on a weekly rest day or a public holiday (Art. 46.2; the night and the Tết window
    are the coercion plan's: ``domain.coercion_plan``)."""
    if on < decided_on:
        return Refusal("measure.before_decision", "Ngày này trước ngày quyết định áp dụng biện pháp.", "on")
    if facts.phase in _FINAL_PHASES:
        return Refusal("measure.final", "Việc thi hành án đã kết thúc: chỉ còn có thể chấm dứt biện pháp.", "")
    if facts.phase in _HALTED:
        return Refusal("measure.halted", "Việc thi hành án đang bị hoãn hoặc tạm đình chỉ (Điều 48, 49 Luật Thi hành "
                                         "án dân sự).", "")
    if kind in ON_SITE_MEASURES:
        why = rest_day_refusal(on, calendar)
        if why:
            return Refusal("measure.rest_day", why[:1].upper() + why[1:] + ".", "on")
    return None


# ------------------------------------------------------------------------------------------------ how much

#: Art. 78.3: at most 30 % of the monthly wage, pay, pension or incapacity allowance, unless the parties agree.
INCOME_CAP_PERCENT = 30


def income_deduction_cap(monthly_income: int) -> int:
    """The most that may be deducted each month from a wage or pension of ``monthly_income`` (Art. 78.3)."""
    return max(0, monthly_income) * INCOME_CAP_PERCENT // 100


def amount_refusal(kind: MeasureKind, amount: int, *, owed: int, costs: int = 0, monthly_income: int = 0,
                   agreed: bool = False) -> Refusal | None:
    """The amount of a money measure: a freeze (TTLT 02/2014 Art. 10.1: "tương ứng với số tiền cần khấu trừ") or a
    deduction from an account (Art. 76.1) at most what the debtor owes plus the coercion costs; a monthly income
    deduction at most 30 % of the monthly income (Art. 78.3) unless the parties agreed otherwise."""
    if amount < 0:
        return Refusal("measure.amount_negative", "Số tiền không được âm.", "amount")
    if kind in (K.ACCOUNT_FREEZE, K.ACCOUNT_DEDUCTION) and amount > owed + costs:
        return Refusal("measure.amount_over", f"Số tiền vượt quá nghĩa vụ thi hành án và chi phí cưỡng chế "
                                              f"({format_vnd(owed + costs)}; Điều 76.1 Luật Thi hành án dân sự).",
                       "amount")
    if kind == K.INCOME_DEDUCTION:
        if monthly_income <= 0:
            return Refusal("measure.income_unknown", "Cần mức thu nhập hằng tháng để xác định mức trừ (Điều 78.3).",
                           "amount")
        cap = income_deduction_cap(monthly_income)
        if amount <= 0 or (amount > cap and not agreed):
            return Refusal("measure.income_cap", f"Mức trừ hằng tháng phải lớn hơn 0 và không quá {INCOME_CAP_PERCENT}% "
                                                 f"thu nhập ({format_vnd(cap)}; Điều 78.3 Luật Thi hành án dân sự).",
                           "amount")
    return None


# ------------------------------------------------------------------------------------------------ the life of a measure

_FROM: Mapping[Step, frozenset[MeasureStatus]] = MappingProxyType({
    Step.EXECUTE: frozenset({MeasureStatus.DECIDED}),
    Step.COLLECT: frozenset({MeasureStatus.EXECUTED}),
    Step.RELEASE: frozenset({MeasureStatus.DECIDED, MeasureStatus.EXECUTED}),
    Step.CANCEL: frozenset({MeasureStatus.DECIDED}),
})
_STATUS_VI = {MeasureStatus.DECIDED: "mới được quyết định", MeasureStatus.EXECUTED: "đã được thực hiện",
              MeasureStatus.RELEASED: "đã chấm dứt", MeasureStatus.CANCELLED: "đã bị hủy bỏ"}


def lifecycle_refusal(step: Step, status: str) -> Refusal | None:
    """decided → executed → released; decided → released or cancelled (revoked before it was carried out);
    money only on an executed measure, never on a released or cancelled one."""
    if MeasureStatus(status) in _FROM[step]:
        return None
    return Refusal(f"measure.{step.value}_from_{status}", f"Biện pháp {_STATUS_VI[MeasureStatus(status)]}: không "
                                                           "thể thực hiện thao tác này.", "")


#: Art. 78.3 caps each month's deduction ("30% tổng số tiền được nhận hàng tháng"): THADS checks that what an income
#: deduction has collected in all stays within the monthly amount times the months it has run (the month it was
#: carried out counting as one), so that a month's deduction transferred late is not refused but two full months
#: are not taken in one. UNVERIFIED reading of "hàng tháng" for receipts; False: each receipt alone is checked.
INCOME_CAP_CUMULATIVE = True


def collection_refusal(kind: MeasureKind, amount: int, *, collected: int, measure_amount: int,
                       months: int = 0) -> Refusal | None:
    """Money a measure brings in: only a money measure (:data:`MONEY_MEASURES`; a sale's proceeds are the auction's),
    a positive amount, an account deduction in total at most its decided amount (Art. 76.1), an income deduction
    at most the decided monthly amount per receipt and, over the ``months`` it has run (0: unknown), at most that
    amount for each month (Art. 78.3, :data:`INCOME_CAP_CUMULATIVE`), a third party's payment in total at most the
    decided amount when one was decided (Arts. 79–81)."""
    if kind not in MONEY_MEASURES:
        return Refusal("collect.not_money", "Biện pháp này không thu tiền trực tiếp.", "")
    if amount <= 0:
        return Refusal("collect.not_positive", "Số tiền thu phải lớn hơn 0 ₫.", "amount")
    if kind == K.INCOME_DEDUCTION:
        over = measure_amount > 0 and (amount > measure_amount or (
            INCOME_CAP_CUMULATIVE and months > 0 and collected + amount > measure_amount * months))
    else:
        over = measure_amount > 0 and collected + amount > measure_amount
    if over:
        return Refusal("collect.over_decided", "Số tiền vượt quá số tiền ghi trong quyết định áp dụng biện pháp.",
                       "amount")
    return None


def split_collection(amount: int, costs_outstanding: int) -> tuple[int, int]:
    """(paid to the coercion costs, left for the case's obligations): the costs are taken first from money collected
    (Art. 47.1 opening: "sau khi trừ các chi phí thi hành án"; Art. 73.6: costs deducted from the money collected).
    The parts add up to ``amount``."""
    if amount < 0:
        raise ValueError("amount must not be negative")
    cost = min(amount, max(0, costs_outstanding))
    return cost, amount - cost


def costs_outstanding(entries: Iterable[tuple[str, int]]) -> int:
    """What the debtor still owes of the coercion costs (Art. 73.1): charged − recovered − waived, never below 0
    (the one sum is :func:`thads.domain.coercion_plan.outstanding_costs`)."""
    return max(0, outstanding_costs(entries))
