"""The legal bases ("Căn cứ …") of every THADS document, by document kind, ground and date. Pure Python.

Checked against the official consolidated text (Pháp điển) of Luật Thi hành án dân sự 26/2008/QH12 as amended by
Law 64/2014/QH13 (and 2018–2022) and of Decree 62/2015/NĐ-CP (THADS.md §2 [V]):

=====================  ===================================================================================
document               bases (2008/2014 law, acts dated before 01/07/2026)
=====================  ===================================================================================
decision to enforce,   Art. 23; Art. 36.2, the point of each obligation: a (fine, illicit gains, court fees
proactive              and charges), b (return of money or assets), c (confiscation; other state revenues,
                       Decree 62 Art. 6.3), đ (interim measure), e (bankruptcy decision); Decree 62 Art. 6
decision to enforce,   Art. 23; Art. 36.1; Decree 62 Art. 7
on request
postponement           Art. 48.1 point a–h, or 48.2 (request of the person who may protest); points a and b
                       also Decree 62 Art. 14.1 (debtor must perform personally)
continuation           Art. 48.4 after a postponement; Art. 49.3 after a suspension; Art. 44a.2 + Decree 62
                       Art. 9.4 after "chưa có điều kiện"; + Decree 62 Art. 9.6 from the separate book
suspension             Art. 49.1: the head NOTIFIES the suspension decided by the person who protests
                       (a notice, not a decision); Art. 49.2: DECISION on the court's acceptance of a
                       bankruptcy petition
termination            Art. 50.1 point a–h
not yet enforceable    Art. 44a.1 point a–c; Decree 62 Art. 9.4; for point c also Decree 62 Art. 9.3 and
                       the statement that enforcement is postponed under Art. 48.1.b
entrustment            Arts. 55.1, 56, 57.1.a (as amended by Law 03/2022); Decree 62 Art. 16
revocation             Art. 37.1 point a–d (revocation by the issuer) or 37.3 point a–b (annulment)
notice to the debtor   Art. 39 (notification within 3 working days); Art. 45.1 (10-day voluntary period;
                       not for interim measures, which are enforced at once)
payout notice          Art. 47.5 (payout within 10 days of collection); Decree 62 Art. 49.2 (written notice
                       to the payee to come and receive)
receipt                TT 04/2023/TT-BTP Art. 13 (receipt of enforcement money), Art. 17 (collection)
creditor notice        Art. 44.2: after two re-verifications still without conditions, the agency notifies
                       the creditor in writing of the result
=====================  ===================================================================================

**Acts dated on or after 01/07/2026** fall under Law 106/2025/QH15 and Decree 152/2026/NĐ-CP (THADS.md §10; the
same cut-over as the deadline rules, ``domain.deadline_rules``). Only three article numbers of the new law are
verified: proactive decision Art. 33, decision on request Art. 34, "chưa có điều kiện" and re-verification Art. 38
(their point letters are not). Every other basis is printed as a blank to fill in ("Căn cứ Điều ....... Luật Thi hành
án dân sự quy định về hoãn thi hành án;") and flagged ``verified=False``, so the signer completes it and the screen
warns: printing the old article numbers under the new law would be exactly the wrong legal text this module exists
to prevent. When the numbers are verified, fill :data:`ARTICLES_2026` and the blanks disappear.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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
}
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
             "thi hành một số điều của Luật Thi hành án dân sự")
TT_04_2023 = "Thông tư số 04/2023/TT-BTP của Bộ trưởng Bộ Tư pháp"

#: Verified article numbers of Law 106/2025 (THADS.md §10 [V]), by topic. Points are not verified.
ARTICLES_2026: dict[str, str] = {"decide_proactive": "33", "decide_on_request": "34", "unable": "38",
                                 "reverify": "38"}

#: Statutory wording of each ground (Luật THADS Arts. 37, 44a, 48, 49, 50 [V]), as the document states the reason.
GROUND_TEXT: dict[str, str] = {
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
_POINT_ORDER = "a b c d đ e g h i k".split()

GROUNDS: dict[DocKind, tuple[str, ...]] = {
    DocKind.POSTPONE: POSTPONE_GROUNDS,
    DocKind.SUSPEND: SUSPEND_GROUNDS,
    DocKind.TERMINATE: TERMINATE_GROUNDS,
    DocKind.NOT_YET_ABLE: UNABLE_GROUNDS,
    DocKind.REVOKE: REVOKE_GROUNDS,
}


class LegalError(ValueError):
    """The document cannot carry a correct legal basis; ``message_vi`` says why, for the user."""

    def __init__(self, message_vi: str) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi


@dataclass(frozen=True, slots=True)
class Basis:
    """One "Căn cứ …;" line. ``ref`` is machine-readable (``"L2008:48.1.c"``, ``"D62:9.3"``, ``"L2025:33"``,
    ``"L2025:?postpone"`` for a blank); ``verified=False`` means the signer must check or fill it in."""

    text: str
    ref: str
    verified: bool = True


@dataclass(frozen=True, slots=True)
class LegalText:
    kind: DocKind
    regime: str
    title: str  # QUYẾT ĐỊNH / THÔNG BÁO / BIÊN LAI THU TIỀN
    subject: str  # "Về việc hoãn thi hành án"
    bases: tuple[Basis, ...]
    ground: str = ""
    ground_text: str = ""  # the statutory wording of the ground, with its citation
    statement: str = ""  # an extra sentence the law requires (Decree 62 Art. 9.3)
    signer: Signer = Signer.HEAD

    @property
    def verified(self) -> bool:
        return all(b.verified for b in self.bases)

    @property
    def refs(self) -> tuple[str, ...]:
        return tuple(b.ref for b in self.bases)


def regime_for(on: date) -> str:
    """Law 106/2025 + Decree 152/2026 govern acts dated from 01/07/2026 (Decree 152/2026 Art. 115: further steps of
    a running case follow the new rules); earlier acts keep the 2008/2014 law."""
    return REGIME_2026 if on >= CUTOVER_2026 else REGIME_2015


def cite(code: str) -> str:
    """``"48.1.c"`` → ``"điểm c khoản 1 Điều 48"``; ``"36.1"`` → ``"khoản 1 Điều 36"``; ``"39"`` → ``"Điều 39"``."""
    parts = code.split(".")
    out = f"Điều {parts[0]}"
    if len(parts) > 1:
        out = f"khoản {parts[1]} {out}"
    if len(parts) > 2:
        out = f"điểm {parts[2]} {out}"
    return out


def _points(points: Iterable[str]) -> str:
    """``["a", "b"]`` → ``"a, b"`` (as in "điểm a, b khoản 2 Điều 36")."""
    return ", ".join(sorted(set(points), key=_POINT_ORDER.index))


def proactive_points(obligations: Sequence[tuple[str, str]], *, interim: bool = False,
                     bankruptcy: bool = False) -> list[str]:
    """Points of Art. 36.2 a proactive decision rests on, from its ``(kind, beneficiary)`` obligations.

    Interim measures (point đ) and bankruptcy decisions (point e) are proactive whatever they order. Otherwise each
    obligation must be a proactive item: point a, b or c by kind, or point c for any other revenue owed to the state
    (Decree 62 Art. 6.3). Anything else (a debt owed to a person, maintenance, damages to a person) is enforced only
    on request (Art. 36.1): :class:`LegalError`.
    """
    if interim:
        return ["đ"]
    if bankruptcy:
        return ["e"]
    points, refused = set(), []
    for kind, beneficiary in obligations:
        point = PROACTIVE_POINT.get(kind) or ("c" if beneficiary == "state" else None)
        if point is None:
            refused.append(kind)
        else:
            points.add(point)
    if refused or not points:
        names = ", ".join(OBLIGATION_LABELS_VI.get(k, k) for k in refused) or "không có khoản nào"
        raise LegalError(f"Khoản «{names}» không thuộc diện chủ động ra quyết định thi hành án (khoản 2 Điều 36 "
                         "Luật Thi hành án dân sự); chỉ thi hành khi có yêu cầu (khoản 1 Điều 36).")
    return sorted(points, key=_POINT_ORDER.index)


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

_TOPIC_VI: dict[DocKind, str] = {
    DocKind.POSTPONE: "hoãn thi hành án",
    DocKind.RESUME: "tiếp tục thi hành án",
    DocKind.SUSPEND: "tạm đình chỉ thi hành án",
    DocKind.TERMINATE: "đình chỉ thi hành án",
    DocKind.ENTRUST: "ủy thác thi hành án",
    DocKind.REVOKE: "thu hồi, sửa đổi, bổ sung, hủy quyết định về thi hành án",
    DocKind.NOTICE_DEBTOR: "thông báo về thi hành án và thời hạn tự nguyện thi hành án",
    DocKind.PAYOUT_NOTICE: "thanh toán tiền, trả tài sản thi hành án",
}


class _Bases:
    """Collects the bases of one document in one regime."""

    def __init__(self, regime: str) -> None:
        self.regime = regime
        self.items: list[Basis] = []
        self._law_opened = False
        self._decree_named = False

    def _open_law(self) -> None:
        if not self._law_opened:
            full = LAW_2008_FULL if self.regime == REGIME_2015 else LAW_2025_FULL
            law_ref = "L2008" if self.regime == REGIME_2015 else "L2025"
            self.items.append(Basis(f"Căn cứ {full};", law_ref))
            self._law_opened = True

    def law(self, *codes: str, topic: DocKind | None = None, key: str = "") -> None:
        """Articles of the 2008 law (``codes``); under the 2026 regime the verified article for ``key``, else a
        blank to fill in about ``topic``."""
        self._open_law()
        if self.regime == REGIME_2015:
            self.items.append(Basis(f"Căn cứ {_join_cites(codes)} {LAW};", "L2008:" + "+".join(codes)))
        elif key in ARTICLES_2026:
            article = ARTICLES_2026[key]
            self.items.append(Basis(f"Căn cứ Điều {article} {LAW};", f"L2025:{article}"))
        else:
            what = _TOPIC_VI.get(topic, "") if topic else ""
            self.items.append(Basis(f"Căn cứ Điều ....... {LAW} quy định về {what};", f"L2025:?{key or topic}",
                                    verified=False))

    def decree(self, *codes: str) -> None:
        """Articles of Decree 62/2015 (repealed from 01/07/2026 by Decree 152/2026 Art. 114: not cited then)."""
        if self.regime != REGIME_2015:
            return
        name = DECREE_62 if not self._decree_named else "Nghị định số 62/2015/NĐ-CP"
        self._decree_named = True
        self.items.append(Basis(f"Căn cứ {_join_cites(codes)} {name};", "D62:" + "+".join(codes)))

    def circular(self, *codes: str) -> None:
        """TT 04/2023/TT-BTP guides Decree 62; its status under Decree 152/2026 is not verified."""
        self.items.append(Basis(f"Căn cứ {_join_cites(codes)} {TT_04_2023};", "TT04/2023:" + "+".join(codes),
                                verified=self.regime == REGIME_2015))


def _join_cites(codes: Sequence[str]) -> str:
    """``("9.3", "9.4")`` → ``"khoản 3, khoản 4 Điều 9"``; ``("39", "45.1")`` → ``"Điều 39 và khoản 1 Điều 45"``."""
    groups: dict[str, list[str]] = {}
    for code in codes:
        groups.setdefault(code.split(".")[0], []).append(code)
    cites = []
    for article, members in groups.items():
        if len(members) > 1 and all(m.count(".") == 1 for m in members):
            cites.append(", ".join(f"khoản {m.split('.')[1]}" for m in members) + f" Điều {article}")
        else:
            cites += [cite(m) for m in members]
    return ", ".join(cites[:-1]) + (" và " if len(cites) > 1 else "") + cites[-1]


def _ground(kind: DocKind, ground: str) -> str:
    allowed = GROUNDS[kind]
    if ground not in allowed:
        raise LegalError(f"Căn cứ «{ground or '—'}» không phải là căn cứ của loại văn bản này "
                         f"(các căn cứ: {', '.join(allowed)}).")
    return ground


def _ground_sentence(ground: str, regime: str) -> str:
    text = GROUND_TEXT[ground]
    return f"{text} ({cite(ground)} {LAW})." if regime == REGIME_2015 else f"{text}."


def legal_text(kind: DocKind | str, *, on: date, ground: str = "", obligations: Sequence[tuple[str, str]] = (),
               interim: bool = False, bankruptcy: bool = False, from_phase: str = "") -> LegalText:
    """The title, subject, legal bases and ground wording of a document of ``kind`` for an act dated ``on``.

    ``ground``: the act's ground code (postponement, suspension, termination, not yet enforceable, revocation).
    ``obligations``: ``(kind, beneficiary)`` of the case's obligations (proactive decision points).
    ``interim`` / ``bankruptcy``: the judgment is an interim measure / a bankruptcy decision.
    ``from_phase``: the phase a continuation resumes from (POSTPONED, SUSPENDED, NOT_YET_ABLE, SEPARATE_BOOK).
    Raises :class:`LegalError` when no correct basis exists (wrong ground, non-proactive obligation…).
    """
    kind = DocKind(kind)
    regime = regime_for(on)
    b = _Bases(regime)
    title, subject, signer = "QUYẾT ĐỊNH", "", Signer.HEAD
    ground_text = statement = ""
    if kind in DECISION_KINDS and regime == REGIME_2015:
        b._open_law()
        b.items.append(Basis(f"Căn cứ Điều 23 {LAW} về nhiệm vụ, quyền hạn của Thủ trưởng cơ quan thi hành án "
                             "dân sự;", "L2008:23"))

    if kind == DocKind.DECIDE_PROACTIVE:
        points = proactive_points(obligations, interim=interim, bankruptcy=bankruptcy)
        subject = "Thi hành án chủ động"
        if regime == REGIME_2015:
            b._open_law()
            b.items.append(Basis(f"Căn cứ điểm {_points(points)} khoản 2 Điều 36 {LAW};",
                                 "L2008:" + "+".join(f"36.2.{p}" for p in points)))
        else:
            b.law(key="decide_proactive")
        b.decree("6")
    elif kind == DocKind.DECIDE_ON_REQUEST:
        subject = "Thi hành án theo yêu cầu"
        b.law("36.1", key="decide_on_request")
        b.decree("7")
    elif kind == DocKind.POSTPONE:
        ground = _ground(kind, ground)
        subject = "Về việc hoãn thi hành án"
        b.law(ground, topic=kind)
        if ground in ("48.1.a", "48.1.b"):
            b.decree("14.1")
        ground_text = _ground_sentence(ground, regime)
    elif kind == DocKind.RESUME:
        subject = "Về việc tiếp tục thi hành án"
        ground_text = RESUME_REASON.get(from_phase, "") + "." if from_phase in RESUME_REASON else ""
        if from_phase == "POSTPONED":
            b.law("48.4", topic=kind)
        elif from_phase == "SUSPENDED":
            b.law("49.3", topic=kind)
        elif from_phase in ("NOT_YET_ABLE", "SEPARATE_BOOK"):
            b.law("44a.2", topic=kind)
            if from_phase == "SEPARATE_BOOK":
                b.decree("9.4", "9.6")
            else:
                b.decree("9.4")
        else:
            raise LegalError("Chỉ ra quyết định tiếp tục thi hành án sau khi hoãn, tạm đình chỉ hoặc chưa có điều "
                             "kiện thi hành án (khoản 4 Điều 48, khoản 3 Điều 49 Luật Thi hành án dân sự).")
    elif kind == DocKind.SUSPEND:
        ground = _ground(kind, ground)
        subject = "Về việc tạm đình chỉ thi hành án"
        if ground == "49.1":
            title = "THÔNG BÁO"  # Art. 49.1: the head notifies the protester's suspension decision
        b.law(ground, topic=kind)
        ground_text = _ground_sentence(ground, regime)
    elif kind == DocKind.TERMINATE:
        ground = _ground(kind, ground)
        subject = "Về việc đình chỉ thi hành án"
        b.law(ground, topic=kind)
        ground_text = _ground_sentence(ground, regime)
    elif kind == DocKind.NOT_YET_ABLE:
        ground = _ground(kind, ground)
        subject = "Về việc chưa có điều kiện thi hành án"
        b.law(ground, key="unable")
        if ground == "44a.1.c":
            b.decree("9.3", "9.4")
        else:
            b.decree("9.4")
        ground_text = _ground_sentence(ground, regime)
        if ground == "44a.1.c" and regime == REGIME_2015:
            statement = ("Việc thi hành án bị hoãn theo điểm b khoản 1 Điều 48 Luật Thi hành án dân sự "
                         "(khoản 3 Điều 9 Nghị định số 62/2015/NĐ-CP).")
    elif kind == DocKind.ENTRUST:
        subject = "Về việc ủy thác thi hành án"
        b.law("55.1", "56", "57.1.a", topic=kind)
        b.decree("16")
    elif kind == DocKind.REVOKE:
        ground = _ground(kind, ground)
        annul = ground.startswith("37.3")
        subject = "Về việc hủy quyết định về thi hành án" if annul else "Về việc thu hồi quyết định thi hành án"
        b.law(ground, topic=kind)
        ground_text = _ground_sentence(ground, regime)
    elif kind == DocKind.NOTICE_DEBTOR:
        title, signer = "THÔNG BÁO", Signer.OFFICER
        subject = "Về việc thi hành án"
        b.law(*(("39",) if interim else ("39", "45.1")), topic=kind)
    elif kind == DocKind.PAYOUT_NOTICE:
        title, signer = "THÔNG BÁO", Signer.OFFICER
        subject = "Về việc nhận tiền thi hành án"
        b.law("47.5", topic=kind)
        b.decree("49.2")
    elif kind == DocKind.RECEIPT:
        title, signer = "BIÊN LAI THU TIỀN", Signer.RECEIPT
        subject = "Thu tiền thi hành án dân sự"
        b.circular("13", "17")
    elif kind == DocKind.CREDITOR_NOTICE:
        title, signer = "THÔNG BÁO", Signer.OFFICER
        subject = "Về kết quả xác minh điều kiện thi hành án"
        b.law("44.2", key="reverify")
        ground_text = GROUND_TEXT[ground] + "." if ground in GROUND_TEXT else ""
    return LegalText(kind=kind, regime=regime, title=title, subject=subject, bases=tuple(b.items), ground=ground,
                     ground_text=ground_text, statement=statement, signer=signer)
