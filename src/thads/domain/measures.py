"""The vocabulary of debtors' assets and of the measures taken against them (Luật THADS 2008 as amended by Law
64/2014: Arts. 44 (verification), 66–70 (security measures, biện pháp bảo đảm), 71–75 (coercive measures, biện pháp
cưỡng chế), 76–120 (how each coercive measure is carried out), 87 (assets that may not be distrained); Decree
62/2015/NĐ-CP as amended by Decrees 33/2020 and 152/2024, Art. 9.1 (the debtor's declaration) and Art. 51 (the exit
ban, tạm hoãn xuất cảnh)). Pure Python: the enumerations every layer shares (the ``thads.assets`` models take their
choices from here, the interchange records of ``docs/interchange-assets.md`` use these values, the measures report
counts by them). The rules over them live in :mod:`thads.domain.measure_rules`, :mod:`thads.domain.coercion_plan`
and :mod:`thads.domain.auction`.
"""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType


class DebtorKind(StrEnum):
    PERSON = "person"  # cá nhân
    ORGANISATION = "organisation"  # cơ quan, tổ chức


class AssetKind(StrEnum):
    """What verification (xác minh, Art. 44) can find."""

    LAND = "land"  # quyền sử dụng đất
    HOUSE = "house"  # nhà ở, công trình xây dựng gắn liền với đất
    VEHICLE = "vehicle"  # phương tiện giao thông
    BANK_ACCOUNT = "bank_account"  # tài khoản tại tổ chức tín dụng, kho bạc
    SHARES = "shares"  # cổ phần, phần vốn góp
    WAGE = "wage"  # tiền lương, tiền công
    PENSION = "pension"  # lương hưu, trợ cấp
    BUSINESS_INCOME = "business_income"  # thu nhập từ hoạt động kinh doanh
    RECEIVABLE = "receivable"  # khoản tiền người thứ ba đang phải trả cho người phải thi hành án
    HELD_BY_THIRD_PARTY = "held_by_third_party"  # tài sản do người thứ ba giữ
    MOVABLE = "movable"  # động sản khác
    OTHER = "other"


#: Assets that are income streams (deducted month by month, Art. 78) rather than things to distrain.
INCOME_KINDS = frozenset({AssetKind.WAGE, AssetKind.PENSION, AssetKind.BUSINESS_INCOME})
#: Assets that are money held by a bank or a third party (frozen Art. 67, deducted Art. 76, collected Art. 80).
MONEY_KINDS = frozenset({AssetKind.BANK_ACCOUNT, AssetKind.RECEIVABLE})


class AssetStatus(StrEnum):
    FOUND = "found"  # found by verification, no measure yet
    FROZEN = "frozen"  # phong tỏa / tạm giữ / tạm dừng đăng ký, chuyển dịch (security measure in force)
    SEIZED = "seized"  # kê biên (distrained)
    SOLD = "sold"  # bán đấu giá thành / bán không qua đấu giá
    TAKEN_BY_CREDITOR = "taken_by_creditor"  # người được thi hành án nhận tài sản (Art. 104)
    RETURNED = "returned"  # trả lại tài sản (Art. 126) or released
    EXHAUSTED = "exhausted"  # an account or income stream no longer yields anything


class MeasureFamily(StrEnum):
    SECURITY = "security"  # biện pháp bảo đảm thi hành án (Art. 66)
    COERCIVE = "coercive"  # biện pháp cưỡng chế thi hành án (Art. 71)
    EXIT_BAN = "exit_ban"  # tạm hoãn xuất cảnh (Decree 62 Art. 51)


class MeasureKind(StrEnum):
    """The measures (the report's keys, issue 15, are the first nine)."""

    ACCOUNT_FREEZE = "account_freeze"  # phong tỏa tài khoản, tài sản ở nơi gửi giữ (Art. 67)
    ASSET_SEIZURE = "asset_seizure"  # tạm giữ tài sản, giấy tờ (Art. 68)
    TRANSFER_BAN = "transfer_ban"  # tạm dừng việc đăng ký, chuyển quyền sở hữu, sử dụng, thay đổi hiện trạng (Art. 69)
    ACCOUNT_DEDUCTION = "account_deduction"  # khấu trừ tiền trong tài khoản (Arts. 71.1, 76)
    INCOME_DEDUCTION = "income_deduction"  # trừ vào thu nhập (Arts. 71.2, 78)
    THIRD_PARTY_COLLECTION = "third_party_collection"  # thu tiền từ kinh doanh / của người thứ ba (Arts. 71.3, 79, 80)
    DISTRAINT = "distraint"  # kê biên, xử lý tài sản (Arts. 71.4, 86 ff.)
    FORCED_HANDOVER = "forced_handover"  # buộc chuyển giao vật, quyền tài sản, giấy tờ (Arts. 71.5, 114–117)
    EXIT_BAN = "exit_ban"  # tạm hoãn xuất cảnh (Decree 62 Art. 51)
    FORCED_EXPLOITATION = "forced_exploitation"  # khai thác đối với tài sản (Arts. 71.4, 107–109)
    FORCED_ACT = "forced_act"  # buộc thực hiện hoặc không thực hiện công việc nhất định (Arts. 71.6, 118–120)


#: The keys of ``measures`` in the measures report JSON, in the order of issue 15.
REPORTED_MEASURES: tuple[MeasureKind, ...] = (
    MeasureKind.ACCOUNT_FREEZE, MeasureKind.ASSET_SEIZURE, MeasureKind.TRANSFER_BAN, MeasureKind.ACCOUNT_DEDUCTION,
    MeasureKind.INCOME_DEDUCTION, MeasureKind.THIRD_PARTY_COLLECTION, MeasureKind.DISTRAINT,
    MeasureKind.FORCED_HANDOVER, MeasureKind.EXIT_BAN,
)

MEASURE_FAMILY = MappingProxyType({
    MeasureKind.ACCOUNT_FREEZE: MeasureFamily.SECURITY,
    MeasureKind.ASSET_SEIZURE: MeasureFamily.SECURITY,
    MeasureKind.TRANSFER_BAN: MeasureFamily.SECURITY,
    MeasureKind.ACCOUNT_DEDUCTION: MeasureFamily.COERCIVE,
    MeasureKind.INCOME_DEDUCTION: MeasureFamily.COERCIVE,
    MeasureKind.THIRD_PARTY_COLLECTION: MeasureFamily.COERCIVE,
    MeasureKind.DISTRAINT: MeasureFamily.COERCIVE,
    MeasureKind.FORCED_HANDOVER: MeasureFamily.COERCIVE,
    MeasureKind.FORCED_EXPLOITATION: MeasureFamily.COERCIVE,
    MeasureKind.FORCED_ACT: MeasureFamily.COERCIVE,
    MeasureKind.EXIT_BAN: MeasureFamily.EXIT_BAN,
})

MEASURE_LABELS_VI = MappingProxyType({
    MeasureKind.ACCOUNT_FREEZE: "Phong tỏa tài khoản, tài sản ở nơi gửi giữ",
    MeasureKind.ASSET_SEIZURE: "Tạm giữ tài sản, giấy tờ",
    MeasureKind.TRANSFER_BAN: "Tạm dừng việc đăng ký, chuyển quyền sở hữu, sử dụng, thay đổi hiện trạng tài sản",
    MeasureKind.ACCOUNT_DEDUCTION: "Khấu trừ tiền trong tài khoản",
    MeasureKind.INCOME_DEDUCTION: "Trừ vào thu nhập của người phải thi hành án",
    MeasureKind.THIRD_PARTY_COLLECTION: "Thu tiền từ hoạt động kinh doanh, tiền của người phải thi hành án "
                                        "do người thứ ba đang giữ",
    MeasureKind.DISTRAINT: "Kê biên, xử lý tài sản",
    MeasureKind.FORCED_HANDOVER: "Buộc chuyển giao vật, chuyển giao quyền tài sản, giấy tờ",
    MeasureKind.EXIT_BAN: "Tạm hoãn xuất cảnh",
    MeasureKind.FORCED_EXPLOITATION: "Khai thác đối với tài sản",
    MeasureKind.FORCED_ACT: "Buộc thực hiện hoặc không thực hiện công việc nhất định",
})


class MeasureStatus(StrEnum):
    DECIDED = "decided"  # the decision is signed (quyết định)
    EXECUTED = "executed"  # carried out (đã thực hiện: the bank froze, the wage is deducted, the asset distrained)
    RELEASED = "released"  # lifted (chấm dứt, giải tỏa, hủy bỏ, trả lại)
    CANCELLED = "cancelled"  # revoked before it was carried out


class MeasureEventKind(StrEnum):
    """The rows of a measure's own append-only history (``assets.MeasureEvent``)."""

    DECIDED = "decided"
    EXECUTED = "executed"  # with the result (amount deducted, minutes of distraint, …)
    COLLECTED = "collected"  # money the measure brought (a deduction instalment, a third party's payment)
    RELEASED = "released"
    CANCELLED = "cancelled"


class ValuationMethod(StrEnum):
    AGREED = "agreed"  # the parties agree on the price (Art. 98.1)
    APPRAISED = "appraised"  # by an appraisal organisation (Art. 98.2)
    REAPPRAISED = "reappraised"  # thẩm định giá lại (Art. 99)
    OFFICER = "officer"  # the officer fixes the price where no appraiser can be hired (Art. 98.3)


class AuctionOutcome(StrEnum):
    SOLD = "sold"  # đấu giá thành
    UNSOLD = "unsold"  # không có người tham gia / trả giá: đấu giá không thành
    CANCELLED = "cancelled"  # hủy kết quả / dừng đấu giá (Art. 102)


class PlanStatus(StrEnum):
    PLANNED = "planned"
    CARRIED_OUT = "carried_out"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"
