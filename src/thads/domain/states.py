"""States of an enforcement case (việc thi hành án) and the interchange contract's transition table.

Pure Python: no Django import. This module is the vocabulary every other rule module shares.

Two layers of state exist:

* **Contract states** (``State``): the states of ``interchange.md`` §1, which the statistics read.
* **Internal phases** (``Phase``): finer steps THADS tracks for deadlines and the legal checks of acts
  entered by users (voluntary period, verifying). Each phase projects onto one contract state
  (``Phase.VOLUNTARY`` and ``Phase.VERIFYING`` are both ``DECIDED`` in the contract).

Legal basis: Luật THADS 2008 (amended 2014) Arts. 36, 37, 44, 44a, 45, 48, 49, 50, 52, 55–57;
Decree 62/2015/NĐ-CP Art. 9 (sổ theo dõi riêng). See ``THADS.md`` §2.16.
"""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    """Contract states of a case (interchange.md §1)."""

    DECIDED = "DECIDED"  # Đã ra QĐ thi hành án (thụ lý), Art. 36
    ENFORCING = "ENFORCING"  # Đang thi hành (có điều kiện), Art. 44
    NOT_YET_ABLE = "NOT_YET_ABLE"  # Chưa có điều kiện, Art. 44a
    SEPARATE_BOOK = "SEPARATE_BOOK"  # Sổ theo dõi riêng, Decree 62 Art. 9.5
    POSTPONED = "POSTPONED"  # Hoãn, Art. 48
    SUSPENDED = "SUSPENDED"  # Tạm đình chỉ, Art. 49
    ENTRUSTED_OUT = "ENTRUSTED_OUT"  # Ủy thác đi, Arts. 55–57
    REVOKED = "REVOKED"  # Thu hồi / hủy QĐ, Art. 37
    COMPLETED = "COMPLETED"  # Thi hành xong, Art. 52.1
    TERMINATED = "TERMINATED"  # Đình chỉ, Art. 50


FINAL_STATES: frozenset[State] = frozenset(
    {State.COMPLETED, State.TERMINATED, State.ENTRUSTED_OUT, State.REVOKED}
)


class Phase(StrEnum):
    """Internal phases; ``project()`` maps each to its contract state."""

    DECIDED = "DECIDED"  # decision issued, debtor not yet notified (Art. 39: notify within 3 WD)
    VOLUNTARY = "VOLUNTARY"  # 10-day voluntary period running (Art. 45)
    VERIFYING = "VERIFYING"  # voluntary period over, verifying conditions (Art. 44.1)
    ENFORCING = "ENFORCING"
    NOT_YET_ABLE = "NOT_YET_ABLE"
    SEPARATE_BOOK = "SEPARATE_BOOK"
    POSTPONED = "POSTPONED"
    SUSPENDED = "SUSPENDED"
    ENTRUSTED_OUT = "ENTRUSTED_OUT"
    REVOKED = "REVOKED"
    COMPLETED = "COMPLETED"
    TERMINATED = "TERMINATED"


_PHASE_TO_STATE: dict[Phase, State] = {
    Phase.DECIDED: State.DECIDED,
    Phase.VOLUNTARY: State.DECIDED,
    Phase.VERIFYING: State.DECIDED,
    Phase.ENFORCING: State.ENFORCING,
    Phase.NOT_YET_ABLE: State.NOT_YET_ABLE,
    Phase.SEPARATE_BOOK: State.SEPARATE_BOOK,
    Phase.POSTPONED: State.POSTPONED,
    Phase.SUSPENDED: State.SUSPENDED,
    Phase.ENTRUSTED_OUT: State.ENTRUSTED_OUT,
    Phase.REVOKED: State.REVOKED,
    Phase.COMPLETED: State.COMPLETED,
    Phase.TERMINATED: State.TERMINATED,
}


def project(phase: Phase) -> State:
    """The contract state of an internal phase (interchange.md §1: both VOLUNTARY and VERIFYING are DECIDED)."""
    return _PHASE_TO_STATE[phase]


class EventKind(StrEnum):
    """Event kinds of the interchange contract (interchange.md §1, table ``event``)."""

    VERIFIED_ABLE = "verified_able"
    CLASSIFIED_UNABLE = "classified_unable"
    POSTPONED = "postponed"
    SUSPENDED = "suspended"
    RESUMED = "resumed"
    SEPARATE_BOOK = "separate_book"
    PAYMENT = "payment"
    REDUCED = "reduced"
    TERMINATED = "terminated"
    COMPLETED = "completed"
    ENTRUSTED_OUT = "entrusted_out"
    REVOKED = "revoked"
    MOVED = "moved"
    REASSIGNED = "reassigned"


# Grounds, exactly as the contract spells them.
UNABLE_GROUNDS: tuple[str, ...] = ("44a.1.a", "44a.1.b", "44a.1.c")
POSTPONE_GROUNDS: tuple[str, ...] = tuple(f"48.1.{p}" for p in "a b c d đ e g h".split()) + ("48.2",)
SUSPEND_GROUNDS: tuple[str, ...] = ("49.1", "49.2")
TERMINATE_GROUNDS: tuple[str, ...] = tuple(f"50.1.{p}" for p in "a b c d đ e g h".split())
#: Return of the request (Law 106/2025/QH15 Art. 38.4; Decree 152/2026 Art. 22.2): until the contract has a kind for
#: it, a ``terminated`` event with this ground (issue 14 item 14). Not a ground of the ``terminate`` act. An imported
#: one is valid only from 01/07/2026 (``regime.REGIME_2026_FROM``) and on an on-request case (``theo_don``):
#: ``interchange.return_request_error`` (this module cannot import the regime: it sits below it).
RETURN_REQUEST_GROUND = "38.4"

GROUNDS_BY_KIND: dict[EventKind, tuple[str, ...]] = {
    EventKind.CLASSIFIED_UNABLE: UNABLE_GROUNDS,
    EventKind.POSTPONED: POSTPONE_GROUNDS,
    EventKind.SUSPENDED: SUSPEND_GROUNDS,
    EventKind.TERMINATED: TERMINATE_GROUNDS + (RETURN_REQUEST_GROUND,),
}

# Target state of each state-changing event kind; None = no state change.
TARGET_STATE: dict[EventKind, State | None] = {
    EventKind.VERIFIED_ABLE: State.ENFORCING,
    EventKind.CLASSIFIED_UNABLE: State.NOT_YET_ABLE,
    EventKind.POSTPONED: State.POSTPONED,
    EventKind.SUSPENDED: State.SUSPENDED,
    EventKind.RESUMED: State.ENFORCING,
    EventKind.SEPARATE_BOOK: State.SEPARATE_BOOK,
    EventKind.PAYMENT: None,
    EventKind.REDUCED: None,
    EventKind.TERMINATED: State.TERMINATED,
    EventKind.COMPLETED: State.COMPLETED,
    EventKind.ENTRUSTED_OUT: State.ENTRUSTED_OUT,
    EventKind.REVOKED: State.REVOKED,
    EventKind.MOVED: None,
    EventKind.REASSIGNED: None,
}

_ALL_BUT_RESUMED = frozenset(EventKind) - {EventKind.RESUMED}

# interchange.md §1 "Allowed": the contract's transition table. ``separate_book`` only from NOT_YET_ABLE.
CONTRACT_ALLOWED: dict[State, frozenset[EventKind]] = {
    State.DECIDED: _ALL_BUT_RESUMED - {EventKind.SEPARATE_BOOK},
    State.ENFORCING: _ALL_BUT_RESUMED - {EventKind.SEPARATE_BOOK},
    State.NOT_YET_ABLE: _ALL_BUT_RESUMED,
    State.POSTPONED: frozenset(
        {EventKind.RESUMED, EventKind.PAYMENT, EventKind.REDUCED, EventKind.TERMINATED, EventKind.REVOKED,
         EventKind.MOVED, EventKind.REASSIGNED}
    ),
    State.SUSPENDED: frozenset(
        {EventKind.RESUMED, EventKind.PAYMENT, EventKind.REDUCED, EventKind.TERMINATED, EventKind.REVOKED,
         EventKind.MOVED, EventKind.REASSIGNED}
    ),
    State.SEPARATE_BOOK: frozenset(
        {EventKind.RESUMED, EventKind.TERMINATED, EventKind.REVOKED, EventKind.MOVED, EventKind.REASSIGNED}
    ),
    State.ENTRUSTED_OUT: frozenset(),
    State.REVOKED: frozenset(),
    State.COMPLETED: frozenset(),
    State.TERMINATED: frozenset(),
}


def contract_allows(state: State, kind: EventKind) -> bool:
    """Whether the interchange contract allows event ``kind`` in ``state`` (interchange.md §1 "Allowed").

    ``completed`` additionally needs nothing outstanding; that money check is the caller's (it needs the ledger).
    """
    return kind in CONTRACT_ALLOWED[state]


def contract_target(state: State, kind: EventKind) -> State:
    """The state after an allowed event (unchanged for payment, reduced, moved, reassigned)."""
    target = TARGET_STATE[kind]
    return state if target is None else target
