"""Labels of the case screens: the statute's grounds, the contract's event kinds, states and phases (shown on the
case page, the list, its XLSX download and the documents). Moved out of ``thads.cases.forms`` (which re-exports them).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext_lazy

from thads.cases import choices
from thads.cases.models import Case
from thads.domain.act_types import ACT_LABELS_VI, REFUSE_GROUNDS, REVOKE_GROUNDS, Act
from thads.domain.states import (
    POSTPONE_GROUNDS,
    SUSPEND_GROUNDS,
    TERMINATE_GROUNDS,
    UNABLE_GROUNDS,
    EventKind,
    Phase,
    State,
)

#: Short Vietnamese labels of the statute's grounds (Luật THADS 2008/2014; THADS.md §2.2, 2.7, 2.9–2.11). Legal
#: terms of art, shown as "code – label" in both languages like ``ACT_LABELS_VI``.
GROUND_LABELS_VI: dict[str, str] = {
    # Art. 31.5: refusal of a request
    "31.5.a": "Người yêu cầu không có quyền yêu cầu hoặc nội dung yêu cầu không liên quan đến bản án",
    "31.5.b": "Cơ quan thi hành án dân sự không có thẩm quyền thi hành",
    "31.5.c": "Hết thời hiệu yêu cầu thi hành án",
    # Art. 37: revocation / annulment of a decision on enforcement
    "37.1.a": "Quyết định ban hành không đúng thẩm quyền",
    "37.1.b": "Quyết định có sai sót làm thay đổi nội dung vụ việc",
    "37.1.c": "Căn cứ ban hành quyết định không còn",
    "37.1.d": "Trường hợp quy định tại khoản 3 Điều 54",
    "37.3.a": "Cấp có thẩm quyền hủy quyết định về thi hành án",
    "37.3.b": "Cấp có thẩm quyền yêu cầu hủy quyết định về thi hành án",
    # Art. 44a.1: not yet able to enforce
    "44a.1.a": "Không có thu nhập, tài sản hoặc chỉ đủ mức sinh hoạt tối thiểu",
    "44a.1.b": "Vật phải trả không còn, hư hỏng; giấy tờ không thu hồi, cấp lại được",
    "44a.1.c": "Chưa xác định được địa chỉ, nơi cư trú của người phải thi hành án",
    # Art. 48: postponement
    "48.1.a": "Người phải thi hành án ốm nặng, mất hoặc bị hạn chế năng lực hành vi dân sự",
    "48.1.b": "Chưa xác định được địa chỉ người phải thi hành án hoặc lý do chính đáng khác",
    "48.1.c": "Đương sự có thỏa thuận hoãn",
    "48.1.d": "Tài sản đang tranh chấp tại Tòa án hoặc tài sản thế chấp không đủ chi phí và nghĩa vụ bảo đảm",
    "48.1.đ": "Chờ Tòa án giải thích bản án hoặc trả lời kiến nghị",
    "48.1.e": "Người được nhận tài sản, người được giao nuôi dưỡng không đến nhận sau hai lần thông báo",
    "48.1.g": "Chuyển giao quyền, nghĩa vụ thi hành án gặp sự kiện bất khả kháng",
    "48.1.h": "Tài sản kê biên không bán được mà người được thi hành án không nhận",
    "48.2": "Người có thẩm quyền kháng nghị yêu cầu hoãn (một lần, tối đa 3 tháng)",
    # Art. 49: suspension
    "49.1": "Người có thẩm quyền kháng nghị giám đốc thẩm, tái thẩm tạm đình chỉ",
    "49.2": "Tòa án thụ lý đơn yêu cầu mở thủ tục phá sản",
    # Art. 50.1: termination
    "50.1.a": "Người phải thi hành án chết không để lại di sản hoặc nghĩa vụ không được chuyển giao",
    "50.1.b": "Người được thi hành án chết, quyền không được chuyển giao hoặc không có người thừa kế",
    "50.1.c": "Đương sự thỏa thuận hoặc người được thi hành án không yêu cầu thi hành án",
    "50.1.d": "Bản án, quyết định bị hủy một phần hoặc toàn bộ",
    "50.1.đ": "Tổ chức phải thi hành án giải thể, không còn tài sản, nghĩa vụ không được chuyển giao",
    "50.1.e": "Có quyết định miễn nghĩa vụ thi hành án",
    "50.1.g": "Tòa án mở thủ tục phá sản đối với người phải thi hành án",
    "50.1.h": "Người chưa thành niên được giao nuôi dưỡng đã chết hoặc đã thành niên",
}

#: Grounds each act takes (``ground`` parameter).
ACT_GROUNDS: dict[Act, tuple[str, ...]] = {
    Act.REFUSE_REQUEST: REFUSE_GROUNDS,
    Act.CLASSIFY_UNABLE: UNABLE_GROUNDS,
    Act.REVERIFY: UNABLE_GROUNDS,
    Act.POSTPONE: POSTPONE_GROUNDS,
    Act.SUSPEND: SUSPEND_GROUNDS,
    Act.TERMINATE: TERMINATE_GROUNDS,
    Act.REVOKE: REVOKE_GROUNDS,
}

#: Labels of the interchange contract's event kinds (history rows of imported cases and of acts that write one).
EVENT_LABELS: dict[str, Any] = {
    EventKind.VERIFIED_ABLE: pgettext_lazy("case event", "conditions to enforce found"),
    EventKind.CLASSIFIED_UNABLE: pgettext_lazy("case event", "not yet able to enforce"),
    EventKind.POSTPONED: pgettext_lazy("case event", "postponed"),
    EventKind.SUSPENDED: pgettext_lazy("case event", "suspended"),
    EventKind.RESUMED: pgettext_lazy("case event", "resumed"),
    EventKind.SEPARATE_BOOK: pgettext_lazy("case event", "moved to the separate register"),
    EventKind.PAYMENT: pgettext_lazy("case event", "payment"),
    EventKind.REDUCED: pgettext_lazy("case event", "exemption or reduction"),
    EventKind.TERMINATED: pgettext_lazy("case event", "terminated"),
    EventKind.COMPLETED: pgettext_lazy("case event", "completed"),
    EventKind.ENTRUSTED_OUT: pgettext_lazy("case event", "entrusted out"),
    EventKind.REVOKED: pgettext_lazy("case event", "decision revoked"),
    EventKind.MOVED: pgettext_lazy("case event", "moved to another unit"),
    EventKind.REASSIGNED: pgettext_lazy("case event", "officer reassigned"),
    "received_entrusted": pgettext_lazy("case event", "received by entrustment"),
}
_ACT_VALUES = frozenset(a.value for a in Act)


def ground_label(code: str) -> str:
    """``"48.1.c – Đương sự có thỏa thuận hoãn"``; an unknown code as it is."""
    label = GROUND_LABELS_VI.get(code)
    return f"{code} – {label}" if label else code


def event_label(kind: str) -> str:
    """Contract event kinds by ``EVENT_LABELS``, internal acts by ``ACT_LABELS_VI``, anything else as stored."""
    if kind in EVENT_LABELS:
        return str(EVENT_LABELS[kind])
    if kind in _ACT_VALUES:
        return ACT_LABELS_VI[Act(kind)]
    return kind


def state_label(state: str, phase: str = "") -> str:
    """The contract state's label, or the phase's when it is finer (voluntary period, verifying)."""
    if phase in (Phase.VOLUNTARY, Phase.VERIFYING):
        return str(choices.PHASE_LABELS[Phase(phase)])
    try:
        return str(choices.STATE_LABELS[State(state)])
    except ValueError:
        return state


def case_state_label(case: Case) -> str:
    """What a case is at now: its state (or finer phase) once decided, else how far its intake went."""
    if case.phase:
        return state_label(case.state, case.phase)
    return str(dict(choices.INTAKE).get(case.intake, "")) if case.intake != "NONE" else ""
