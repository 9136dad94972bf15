"""Labels of the case screens: the statute's grounds, the contract's event kinds, states and phases (shown on the
case page, the list, its XLSX download and the documents). Moved out of ``thads.cases.forms`` (which re-exports them).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext_lazy

from thads.cases import choices
from thads.cases.models import Case
from thads.domain.act_types import ACT_LABELS_VI, REFUSE_GROUNDS, REVOKE_GROUNDS, Act
from thads.domain.legal_texts import GROUND_TEXT
from thads.domain.states import (
    POSTPONE_GROUNDS,
    SUSPEND_GROUNDS,
    TERMINATE_GROUNDS,
    UNABLE_GROUNDS,
    EventKind,
    Phase,
    State,
)

#: Vietnamese labels of the statute's grounds: the statutory wording the documents print
#: (``thads.domain.legal_texts.GROUND_TEXT``, Luật THADS Arts. 31.5, 37, 44a, 48–50), one source for the forms, the
#: case page, the list and the documents (issue 14 item 10: the short labels of 37.3.a/b and 50.1.c were wrong).
#: Shown as "code – label" like ``ACT_LABELS_VI``.
GROUND_LABELS_VI: dict[str, str] = GROUND_TEXT

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
