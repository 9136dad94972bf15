"""The rule facts of a case (``thads.domain.acts.CaseFacts``) to and from storage.

Columns hold what lists and reports filter on (phase, ground, outstanding); ``Case.facts`` (JSON) holds the rest
the act rules need (a 48.2 postponement already used, the current not-yet-able spell and its re-verifications,
the voluntary period…). Imported histories get the facts their contract events imply.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace
from datetime import date

from thads.domain.interchange import CaseRec, EventRec
from thads.domain.states import EventKind

_DATE_FACTS = ("postponed_until", "unable_since", "request_on", "request_deadline", "first_decided_on",
               "notified_on", "voluntary_until")
_STORED_FACTS = _DATE_FACTS + ("used_48_2", "reverification_count", "long_unable", "new_information", "held",
                               "held_imported", "other_duties_pending")


def facts_from_history(case: CaseRec, events: Sequence[EventRec]) -> dict:
    """Facts implied by a contract history (Art. 44.2 re-verifications, Art. 48.2 once, Decree 62 Art. 9.5)."""
    used_48_2 = False
    unable_since: date | None = None
    reverifications = 0
    held = 0
    for ev in events:
        if ev.kind == EventKind.CLASSIFIED_UNABLE:
            if unable_since is None:
                unable_since, reverifications = ev.on, 0
            else:
                reverifications += 1
        elif ev.kind in (EventKind.VERIFIED_ABLE, EventKind.RESUMED):
            unable_since, reverifications = None, 0
        if ev.kind == EventKind.PAYMENT and ev.amount:
            held += ev.amount  # imported histories carry no payouts: what was collected is still held
        if ev.kind == EventKind.POSTPONED and ev.ground == "48.2":
            used_48_2 = True
    out: dict = {}
    if used_48_2:
        out["used_48_2"] = True
    if unable_since is not None:
        out["unable_since"] = unable_since.isoformat()
        out["reverification_count"] = reverifications
    if held:
        out["held"] = out["held_imported"] = held
    return out


def to_json(facts) -> dict:
    """The part of a ``CaseFacts`` kept in ``Case.facts`` (dates as ISO strings, defaults left out)."""
    default = type(facts)()
    out: dict = {}
    for name in _STORED_FACTS:
        value = getattr(facts, name)
        if value != getattr(default, name):
            out[name] = value.isoformat() if isinstance(value, date) else value
    return out


def from_json(data: dict) -> dict:
    """Keyword arguments for ``CaseFacts`` from ``Case.facts``."""
    out = {}
    for name, value in data.items():
        if name in _DATE_FACTS and value:
            out[name] = date.fromisoformat(value)
        elif name in _STORED_FACTS:
            out[name] = value
    return out


__all__ = ["facts_from_history", "to_json", "from_json", "fields", "replace"]
