"""The words of the law that THADS documents print: document kinds, the act and history rows each documents, the
laws in force, and the statutory wording of every ground. Pure Python (no Django), Vietnamese text as the law has it.

Checked against the official consolidated text (Pháp điển) of Luật Thi hành án dân sự 26/2008/QH12 as amended by
Law 64/2014/QH13 (and 2018–2022) and of Decree 62/2015/NĐ-CP (THADS.md §2 [V]); Law 106/2025/QH15 and Decree
152/2026/NĐ-CP govern acts dated from 01/07/2026 (THADS.md §10). Which bases a document of each kind cites, by
ground and date, is the rule in :mod:`thads.domain.legal_bases` (its table is in that module's docstring), which
re-exports every name of this module.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from thads.domain.act_types import REVOKE_GROUNDS, Act
from thads.domain.states import POSTPONE_GROUNDS, SUSPEND_GROUNDS, TERMINATE_GROUNDS, UNABLE_GROUNDS


class DocKind(StrEnum):
    DECIDE_PROACTIVE = "decide_proactive"  # quyết định thi hành án chủ động
    DECIDE_ON_REQUEST = "decide_on_request"  # quyết định thi hành án theo yêu cầu
    POSTPONE = "postpone"  # quyết định hoãn thi hành án
    RESUME = "resume"  # quyết định tiếp tục thi hành án
    SUSPEND = "suspend"  # thông báo / quyết định tạm đình chỉ thi hành án
    TERMINATE = "terminate"  # quyết định đình chỉ thi hành án
    NOT_YET_ABLE = "not_yet_able"  # quyết định về việc chưa có điều kiện thi hành án
    ENTRUST = "entrust"  # quyết định ủy thác thi hành án
    REVOKE = "revoke"  # quyết định thu hồi / hủy quyết định thi hành án
    NOTICE_DEBTOR = "notice_debtor"  # thông báo cho người phải thi hành án
    PAYOUT_NOTICE = "payout_notice"  # thông báo nhận tiền thi hành án
    RECEIPT = "receipt"  # biên lai thu tiền
    CREDITOR_NOTICE = "creditor_notice"  # thông báo kết quả xác minh sau hai lần xác minh lại
    ENTRUST_REVOKE = "entrust_revoke"  # quyết định thu hồi quyết định thi hành án khi ủy thác (Art. 57.1.a)
    RETURN_REQUEST = "return_request"  # thông báo về việc gửi lại yêu cầu thi hành án (Decree 152/2026 Art. 22.2)
    FEE_DECISION = "fee_decision"  # quyết định thu phí thi hành án dân sự (TT 216/2016/TT-BTC Art. 5.1)
    FEE_RELIEF = "fee_relief"  # quyết định miễn, giảm phí thi hành án dân sự (TT 216/2016 Art. 7)
    FEE_RELIEF_REFUSAL = "fee_relief_refusal"  # thông báo không được miễn, giảm phí (TT 216/2016 Art. 7.4)


class Signer(StrEnum):
    HEAD = "head"  # THỦ TRƯỞNG / KT. THỦ TRƯỞNG – PHÓ THỦ TRƯỞNG (Art. 23)
    OFFICER = "officer"  # CHẤP HÀNH VIÊN
    RECEIPT = "receipt"  # NGƯỜI NỘP TIỀN / NGƯỜI THU TIỀN


#: The act each document records: generating it needs a title that may perform that act
#: (``thads.domain.acts.may_perform``). A payout notice and a receipt document a collection.
KIND_ACT: dict[DocKind, Act] = {
    DocKind.DECIDE_PROACTIVE: Act.DECIDE,
    DocKind.DECIDE_ON_REQUEST: Act.DECIDE,
    DocKind.POSTPONE: Act.POSTPONE,
    DocKind.RESUME: Act.RESUME,
    DocKind.SUSPEND: Act.SUSPEND,
    DocKind.TERMINATE: Act.TERMINATE,
    DocKind.NOT_YET_ABLE: Act.CLASSIFY_UNABLE,
    DocKind.ENTRUST: Act.ENTRUST_OUT,
    DocKind.REVOKE: Act.REVOKE,
    DocKind.NOTICE_DEBTOR: Act.NOTIFY_DEBTOR,
    DocKind.PAYOUT_NOTICE: Act.COLLECT,
    DocKind.RECEIPT: Act.COLLECT,
    DocKind.CREDITOR_NOTICE: Act.REVERIFY,
    DocKind.ENTRUST_REVOKE: Act.ENTRUST_OUT,  # the revocation is recorded with the entrustment (Art. 57.1.a)
    DocKind.RETURN_REQUEST: Act.RETURN_REQUEST,
    # TT 216/2016 Arts. 5.1, 7.4: the head of the fee-collecting agency decides (the payout itself is the
    # accountant's): the titles of the fee relief act, the head and the deputy.
    DocKind.FEE_DECISION: Act.FEE_RELIEF,
    DocKind.FEE_RELIEF: Act.FEE_RELIEF,
    DocKind.FEE_RELIEF_REFUSAL: Act.FEE_RELIEF,
}

#: History rows (``CaseEvent.kind``) a document of each kind may document. The notice to the debtor may be made
#: before the notification is recorded, so it is the only kind that needs no history row.
KIND_EVENTS: dict[DocKind, tuple[str, ...]] = {
    DocKind.DECIDE_PROACTIVE: ("decide",),
    DocKind.DECIDE_ON_REQUEST: ("decide",),
    DocKind.POSTPONE: ("postponed",),
    DocKind.RESUME: ("resumed", "verified_able"),
    DocKind.SUSPEND: ("suspended",),
    DocKind.TERMINATE: ("terminated",),
    DocKind.NOT_YET_ABLE: ("classified_unable",),
    DocKind.ENTRUST: ("entrusted_out",),
    DocKind.REVOKE: ("revoked",),
    DocKind.NOTICE_DEBTOR: ("notify_debtor",),
    DocKind.PAYOUT_NOTICE: ("payment",),
    DocKind.RECEIPT: ("payment",),
    DocKind.CREDITOR_NOTICE: ("classified_unable",),
    DocKind.ENTRUST_REVOKE: ("entrusted_out",),  # its details hold revocation_no / revocation_on
    DocKind.RETURN_REQUEST: ("terminated",),  # with the ground RETURN_REQUEST_GROUND (contract, issue 14 item 14)
    DocKind.FEE_DECISION: ("payout",),  # one that withheld a fee (details["fee"] > 0)
    DocKind.FEE_RELIEF: ("fee_relief",),  # granted (details["outcome"])
    DocKind.FEE_RELIEF_REFUSAL: ("fee_relief",),  # refused
}
#: The enforcement-fee documents (TT 216/2016/TT-BTC): their words are :mod:`thads.domain.fee_texts`.
FEE_KINDS: frozenset[DocKind] = frozenset({DocKind.FEE_DECISION, DocKind.FEE_RELIEF, DocKind.FEE_RELIEF_REFUSAL})
EVENT_OPTIONAL: frozenset[DocKind] = frozenset({DocKind.NOTICE_DEBTOR})

DECISION_KINDS: frozenset[DocKind] = frozenset(k for k in DocKind if KIND_ACT[k] not in (
    Act.NOTIFY_DEBTOR, Act.COLLECT, Act.REVERIFY))

REGIME_2015 = "2015"
REGIME_2026 = "2026-07"
CUTOVER_2026 = date(2026, 7, 1)

LAW = "Luật Thi hành án dân sự"
LAW_2008_FULL = ("Luật Thi hành án dân sự số 26/2008/QH12, được sửa đổi, bổ sung bởi Luật số 64/2014/QH13 "
                 "và các luật sửa đổi, bổ sung khác")
LAW_2025_FULL = "Luật Thi hành án dân sự số 106/2025/QH15"
DECREE_62 = ("Nghị định số 62/2015/NĐ-CP ngày 18 tháng 7 năm 2015 của Chính phủ quy định chi tiết và hướng dẫn "
             "thi hành một số điều của Luật Thi hành án dân sự, được sửa đổi, bổ sung bởi Nghị định số "
             "33/2020/NĐ-CP và Nghị định số 152/2024/NĐ-CP")
DECREE_152_2026 = ("Nghị định số 152/2026/NĐ-CP ngày 13 tháng 5 năm 2026 của Chính phủ quy định chi tiết một số điều "
                   "và biện pháp thi hành Luật Thi hành án dân sự")
TT_04_2023 = "Thông tư số 04/2023/TT-BTP của Bộ trưởng Bộ Tư pháp"

#: Verified article numbers of Law 106/2025 (THADS.md §10 [V]), by topic. Points are not verified.
ARTICLES_2026: dict[str, str] = {"decide_proactive": "33", "decide_on_request": "34", "unable": "38",
                                 "reverify": "38"}

#: Statutory wording of each ground (Luật THADS Arts. 31.5, 37, 44a, 48, 49, 50 [V]), as the document states the
#: reason: the one source of every ground label, on the forms and case pages (``thads.cases.labels``) as in the
#: printed documents (issue 14 item 10).
GROUND_TEXT: dict[str, str] = {
    "31.5.a": "Người yêu cầu không có quyền yêu cầu thi hành án hoặc nội dung yêu cầu không liên quan đến nội dung "
              "của bản án, quyết định; bản án, quyết định không làm phát sinh quyền, nghĩa vụ của các đương sự theo "
              "quy định của Luật Thi hành án dân sự",
    "31.5.b": "Cơ quan thi hành án dân sự được yêu cầu không có thẩm quyền thi hành án",
    "31.5.c": "Hết thời hiệu yêu cầu thi hành án",
    "37.1.a": "Quyết định về thi hành án được ban hành không đúng thẩm quyền",
    "37.1.b": "Quyết định về thi hành án có sai sót làm thay đổi nội dung vụ việc",
    "37.1.c": "Căn cứ ra quyết định về thi hành án không còn",
    "37.1.d": "Chuyển giao quyền, nghĩa vụ thi hành án theo khoản 3 Điều 54 Luật Thi hành án dân sự",
    "37.3.a": "Quyết định về thi hành án thuộc trường hợp phải thu hồi, sửa đổi, bổ sung nhưng không được tự khắc "
              "phục sau khi có yêu cầu",
    "37.3.b": "Quyết định về thi hành án có vi phạm pháp luật theo kết luận của cơ quan có thẩm quyền",
    "44a.1.a": "Người phải thi hành án không có thu nhập hoặc có thu nhập chỉ bảo đảm cuộc sống tối thiểu cho "
               "người phải thi hành án, người mà họ có trách nhiệm nuôi dưỡng và không có tài sản để thi hành án "
               "hoặc có tài sản nhưng giá trị tài sản chỉ đủ để thanh toán chi phí cưỡng chế thi hành án hoặc tài "
               "sản theo quy định của pháp luật không được kê biên, xử lý để thi hành án",
    "44a.1.b": "Người phải thi hành án phải trả vật đặc định nhưng vật phải trả không còn hoặc hư hỏng đến mức không "
               "thể sử dụng được; phải trả giấy tờ nhưng giấy tờ không thể thu hồi và cũng không thể cấp lại được",
    "44a.1.c": "Chưa xác định được địa chỉ, nơi cư trú của người phải thi hành án",
    "48.1.a": "Người phải thi hành án bị ốm nặng, có xác nhận của cơ sở y tế từ cấp huyện trở lên; bị mất hoặc bị "
              "hạn chế năng lực hành vi dân sự theo quyết định của Tòa án",
    "48.1.b": "Chưa xác định được địa chỉ của người phải thi hành án hoặc vì lý do chính đáng khác mà người phải "
              "thi hành án không thể tự mình thực hiện nghĩa vụ theo bản án, quyết định",
    "48.1.c": "Đương sự đồng ý hoãn thi hành án",
    "48.1.d": "Tài sản để thi hành án đã được Tòa án thụ lý để giải quyết; tài sản kê biên sau khi giảm giá có giá "
              "trị bằng hoặc thấp hơn chi phí và nghĩa vụ được bảo đảm",
    "48.1.đ": "Việc thi hành án đang trong thời hạn cơ quan có thẩm quyền giải thích bản án, quyết định và trả lời "
              "kiến nghị của cơ quan thi hành án dân sự",
    "48.1.e": "Người được nhận tài sản, người được giao nuôi dưỡng đã được thông báo hợp lệ 02 lần nhưng không đến "
              "nhận",
    "48.1.g": "Việc chuyển giao quyền và nghĩa vụ thi hành án chưa thực hiện được vì sự kiện bất khả kháng hoặc trở "
              "ngại khách quan",
    "48.1.h": "Tài sản kê biên không bán được mà người được thi hành án không nhận để thi hành án",
    "48.2": "Có yêu cầu hoãn thi hành án của người có thẩm quyền kháng nghị",
    "49.1": "Có quyết định tạm đình chỉ thi hành án của người có thẩm quyền kháng nghị bản án, quyết định theo thủ "
            "tục giám đốc thẩm, tái thẩm",
    "49.2": "Tòa án đã thụ lý đơn yêu cầu mở thủ tục phá sản đối với người phải thi hành án",
    "50.1.a": "Người phải thi hành án chết không để lại di sản hoặc nghĩa vụ của người đó không được chuyển giao "
              "cho người thừa kế",
    "50.1.b": "Người được thi hành án chết mà quyền và lợi ích của người đó không được chuyển giao cho người thừa kế "
              "hoặc không có người thừa kế",
    "50.1.c": "Đương sự có thỏa thuận bằng văn bản hoặc người được thi hành án có văn bản yêu cầu cơ quan thi hành "
              "án dân sự đình chỉ thi hành một phần hoặc toàn bộ quyền, lợi ích được hưởng theo bản án, quyết định",
    "50.1.d": "Bản án, quyết định bị hủy một phần hoặc toàn bộ",
    "50.1.đ": "Người phải thi hành án là tổ chức đã bị giải thể, không còn tài sản mà nghĩa vụ của họ không được "
              "chuyển giao cho tổ chức khác",
    "50.1.e": "Có quyết định miễn nghĩa vụ thi hành án",
    "50.1.g": "Tòa án ra quyết định mở thủ tục phá sản đối với người phải thi hành án",
    "50.1.h": "Người chưa thành niên được giao nuôi dưỡng theo bản án, quyết định đã chết hoặc đã thành niên",
}

#: Why enforcement continues, by the phase it continues from (Arts. 44a.2, 48.4, 49.3; Decree 62 Art. 9.4, 9.6 [V]).
RESUME_REASON: dict[str, str] = {
    "POSTPONED": "Căn cứ hoãn thi hành án không còn, đã hết thời hạn hoãn thi hành án hoặc người có thẩm quyền "
                 "kháng nghị đã trả lời không có căn cứ kháng nghị",
    "SUSPENDED": "Đã có quyết định rút kháng nghị, quyết định giám đốc thẩm, tái thẩm giữ nguyên bản án, quyết định "
                 "bị kháng nghị hoặc quyết định của Tòa án đình chỉ thủ tục phá sản",
    "NOT_YET_ABLE": "Người phải thi hành án đã có điều kiện thi hành án",
    "SEPARATE_BOOK": "Có thông tin mới về điều kiện thi hành án của người phải thi hành án",
}

#: Art. 36.2 point of each obligation kind that is enforced without a request (THADS.md §2.2, §3.1).
PROACTIVE_POINT: dict[str, str] = {
    "an_phi": "a", "tien_phat": "a", "truy_thu": "a",  # fine, recovery of illicit gains, court fees and charges
    "tra_lai_tai_san": "b",  # return of money or assets to a party
    "tich_thu_sung_quy": "c", "tich_thu_tieu_huy": "c",  # confiscation to the state fund / for destruction
}
POINT_ORDER = "a b c d đ e g h i k".split()
#: Wording of the points of Art. 36.2 (Luật THADS 2008 as amended 2014 [V]): what is enforced without a request.
PROACTIVE_POINT_TEXT: dict[str, str] = {
    "a": "Hình phạt tiền, truy thu tiền, tài sản thu lợi bất chính, án phí, lệ phí Tòa án",
    "b": "Trả lại tiền, tài sản cho đương sự",
    "c": "Tịch thu sung quỹ nhà nước, tịch thu tiêu hủy vật chứng, tài sản; các khoản thu khác cho Nhà nước",
    "d": "Thu hồi quyền sử dụng đất và tài sản khác thuộc diện sung quỹ nhà nước",
    "đ": "Quyết định áp dụng biện pháp khẩn cấp tạm thời",
    "e": "Quyết định của Tòa án giải quyết phá sản",
}

GROUNDS: dict[DocKind, tuple[str, ...]] = {
    DocKind.POSTPONE: POSTPONE_GROUNDS,
    DocKind.SUSPEND: SUSPEND_GROUNDS,
    DocKind.TERMINATE: TERMINATE_GROUNDS,
    DocKind.NOT_YET_ABLE: UNABLE_GROUNDS,
    DocKind.REVOKE: REVOKE_GROUNDS,
}


OBLIGATION_LABELS_VI: dict[str, str] = {
    "an_phi": "Án phí, lệ phí Tòa án",
    "tien_phat": "Tiền phạt",
    "truy_thu": "Truy thu tiền, tài sản thu lợi bất chính",
    "tich_thu_sung_quy": "Tịch thu sung quỹ nhà nước",
    "tich_thu_tieu_huy": "Tịch thu tiêu hủy vật chứng, tài sản",
    "tra_lai_tai_san": "Trả lại tiền, tài sản cho đương sự",
    "boi_thuong": "Bồi thường thiệt hại",
    "cap_duong": "Cấp dưỡng",
    "tra_no": "Trả nợ",
    "giao_tai_san": "Giao tài sản",
    "khac": "Khoản khác",
}

#: What a blank basis is about under the 2026 regime ("… quy định về <topic>;").
TOPIC_VI: dict[DocKind, str] = {
    DocKind.POSTPONE: "hoãn thi hành án",
    DocKind.RESUME: "tiếp tục thi hành án",
    DocKind.SUSPEND: "tạm đình chỉ thi hành án",
    DocKind.TERMINATE: "đình chỉ thi hành án",
    DocKind.ENTRUST: "ủy thác thi hành án",
    DocKind.REVOKE: "thu hồi, sửa đổi, bổ sung, hủy quyết định về thi hành án",
    DocKind.ENTRUST_REVOKE: "thu hồi quyết định thi hành án khi ủy thác thi hành án",
    DocKind.NOTICE_DEBTOR: "thông báo về thi hành án và thời hạn tự nguyện thi hành án",
    DocKind.PAYOUT_NOTICE: "thanh toán tiền, trả tài sản thi hành án",
}
