"""Replay of one case's events: its contract state, ground, holder and money at any date.

Pure Python: no Django import. The validator (``interchange.validate``) and the statistics report
(``report.compute_report``) both step through a case with :func:`apply`, so the two can never disagree on
what an event does.

Contract: ``interchange.md`` §1 (table ``event``, "A case starts in DECIDED…", "Allowed", "outstanding") and
§2 ("The state of a case 'at a date' includes every event dated on or before that date").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from thads.domain.states import TARGET_STATE, EventKind, State, contract_allows

if TYPE_CHECKING:
    from thads.domain.records import CaseRec, EventRec

_PAYMENT = EventKind.PAYMENT
_REDUCED = EventKind.REDUCED
_MOVED = EventKind.MOVED
_REASSIGNED = EventKind.REASSIGNED
_COMPLETED = EventKind.COMPLETED
# Event kinds whose decision carries a legal ground (interchange.md §1: classified_unable, postponed, suspended,
# terminated). Every other state change clears the ground.
_GROUNDED = frozenset({EventKind.CLASSIFIED_UNABLE, EventKind.POSTPONED, EventKind.SUSPENDED, EventKind.TERMINATED})


class Snapshot:
    """The state of one case after some prefix of its events (immutable by convention; ``__slots__`` for speed).

    * ``state``/``ground``: contract state and the ground of the decision that put the case there (or ``None``);
    * ``unit``/``officer``: the holder (``moved`` / ``reassigned`` change them, interchange.md §1);
    * ``outstanding``: the case's amount − payments − reductions so far (interchange.md §1 "outstanding");
    * ``obligation_ids``/``outstanding_by_obligation``: per-obligation outstanding, aligned tuples;
    * ``on``: date of the last applied event, or ``decided_on``; ``events``: how many events were applied.
    """

    __slots__ = ("state", "ground", "unit", "officer", "outstanding", "obligation_ids", "outstanding_by_obligation",
                 "on", "events")

    def __init__(self, state: State, ground: str | None, unit: str, officer: str | None, outstanding: int,
                 obligation_ids: tuple[str, ...], outstanding_by_obligation: tuple[int, ...], on: date,
                 events: int) -> None:
        self.state = state
        self.ground = ground
        self.unit = unit
        self.officer = officer
        self.outstanding = outstanding
        self.obligation_ids = obligation_ids
        self.outstanding_by_obligation = outstanding_by_obligation
        self.on = on
        self.events = events

    def outstanding_of(self, obligation_id: str) -> int | None:
        """Outstanding amount of one obligation, ``None`` when the case has no such obligation."""
        try:
            return self.outstanding_by_obligation[self.obligation_ids.index(obligation_id)]
        except ValueError:
            return None

    def by_obligation(self) -> dict[str, int]:
        """Per-obligation outstanding amounts as a dict (obligation id → VND)."""
        return dict(zip(self.obligation_ids, self.outstanding_by_obligation, strict=True))

    def __repr__(self) -> str:
        return (f"Snapshot({self.state}, ground={self.ground!r}, unit={self.unit!r}, officer={self.officer!r}, "
                f"outstanding={self.outstanding}, on={self.on})")


def initial(case: CaseRec) -> Snapshot:
    """A case starts in ``DECIDED`` on ``decided_on``, held by its unit and officer (interchange.md §1)."""
    amounts = tuple(o.amount for o in case.obligations)
    return Snapshot(State.DECIDED, None, case.unit, case.officer, sum(amounts),
                    tuple(o.id for o in case.obligations), amounts, case.decided_on, 0)


def apply(snap: Snapshot, ev: EventRec) -> Snapshot:
    """The snapshot after one event, assumed valid (see :func:`violation`). Never mutates ``snap``.

    interchange.md §1 table ``event``: state changes per ``states.TARGET_STATE``; ``payment``/``reduced`` lower the
    obligation's outstanding amount; ``moved``/``reassigned`` change the holder only.
    """
    kind = ev.kind
    if kind is _PAYMENT or kind is _REDUCED:
        amount = ev.amount or 0
        idx = snap.obligation_ids.index(ev.obligation)  # type: ignore[arg-type]
        per = list(snap.outstanding_by_obligation)
        per[idx] -= amount
        return Snapshot(snap.state, snap.ground, snap.unit, snap.officer, snap.outstanding - amount,
                        snap.obligation_ids, tuple(per), ev.on, snap.events + 1)
    if kind is _MOVED:
        return Snapshot(snap.state, snap.ground, ev.unit or snap.unit, snap.officer, snap.outstanding,
                        snap.obligation_ids, snap.outstanding_by_obligation, ev.on, snap.events + 1)
    if kind is _REASSIGNED:
        return Snapshot(snap.state, snap.ground, snap.unit, ev.officer, snap.outstanding,
                        snap.obligation_ids, snap.outstanding_by_obligation, ev.on, snap.events + 1)
    target = TARGET_STATE[kind]
    return Snapshot(target if target is not None else snap.state, ev.ground if kind in _GROUNDED else None,
                    snap.unit, snap.officer, snap.outstanding, snap.obligation_ids, snap.outstanding_by_obligation,
                    ev.on, snap.events + 1)


def violation(snap: Snapshot, ev: EventRec, case_id: str) -> str | None:
    """The first rule of interchange.md §1 that ``ev`` breaks in ``snap``, or ``None`` when it may be applied.

    Checked in this order: no going back in time ("an event dated before the previous one of that case, or before
    ``decided_on``, is invalid"); the "Allowed" transition table (``states.CONTRACT_ALLOWED``); ``payment``/``reduced``
    name an obligation of the case and do not exceed its outstanding amount; ``completed`` "only when nothing is
    outstanding". Unit and officer references of ``moved``/``reassigned`` are the caller's (they need the file).
    """
    if ev.on < snap.on:
        if snap.events:
            return f"event dated {ev.on.isoformat()} is before the previous event of case {case_id} ({snap.on.isoformat()})"
        return f"event dated {ev.on.isoformat()} is before the decision date of case {case_id} ({snap.on.isoformat()})"
    kind = ev.kind
    if not contract_allows(snap.state, kind):
        return f"'{kind}' is not allowed in state {snap.state}"
    if kind is _PAYMENT or kind is _REDUCED:
        left = snap.outstanding_of(ev.obligation or "")
        if left is None:
            return f"unknown obligation '{ev.obligation}' of case {case_id}"
        if (ev.amount or 0) > left:
            return f"{kind} of {ev.amount} exceeds the outstanding {left} of obligation '{ev.obligation}'"
    elif kind is _COMPLETED and snap.outstanding:
        return f"'completed' while {snap.outstanding} is still outstanding in case {case_id}"
    return None


@dataclass(frozen=True, slots=True)
class CaseHistory:
    """One case and its valid events in stored (file) order; dates never decrease (interchange.md §1)."""

    case: CaseRec
    events: tuple[EventRec, ...]

    @classmethod
    def of(cls, case: CaseRec, events: Sequence[EventRec]) -> CaseHistory:
        """Build from any sequence of the case's events (kept in the given order)."""
        return cls(case, tuple(events))

    def initial(self) -> Snapshot:
        """The snapshot on ``decided_on``, before any event."""
        return initial(self.case)

    def snapshots(self) -> Iterator[tuple[EventRec, Snapshot]]:
        """Each event with the snapshot right after it, in order (one pass, no copies beyond the new snapshots)."""
        snap = initial(self.case)
        for ev in self.events:
            snap = apply(snap, ev)
            yield ev, snap

    def state_at(self, d: date) -> Snapshot:
        """The snapshot including every event dated on or before ``d`` (interchange.md §2).

        Before ``decided_on`` the case does not exist yet; the initial snapshot is returned all the same, and callers
        that care compare ``d`` with ``case.decided_on``.
        """
        snap = initial(self.case)
        for ev in self.events:
            if ev.on > d:
                break
            snap = apply(snap, ev)
        return snap

    def state_before(self, d: date) -> Snapshot:
        """The snapshot "before ``d``": every event dated on or before the day before ``d`` (interchange.md §2)."""
        return self.state_at(d - timedelta(days=1))
