"""The public list of debtors without conditions (người phải thi hành án chưa có điều kiện thi hành): what is
published and by when. Pure Python (no Django import).

Deadlines (THADS.md §2.7, §10), each counted in working days from the day after its trigger on the calendar
(:class:`~thads.domain.calendar.WorkCalendar`, Civil Code Arts. 147–148, THADS.md §9):

* **publish** within 5 WD of the decision "chưa có điều kiện" (Luật THADS Art. 44a.2; Decree 62/2015 Art. 11; for a
  decision from 01/07/2026 Decree 152/2026 Art. 23) — the count and the article are the engine's own rule
  ``unable.publish`` of the rule set in force on the decision's day (``domain.deadline_rules``), so the two never
  disagree;
* **update** within 3 WD of a change of the published data (the debtor's name or address, the obligation, the
  decision) (Decree 62 Art. 11; Decree 152/2026 Art. 23.2) [V for the count];
* **remove** after termination or confirmation of completion within 2 WD (Decree 62 Art. 11), 3 WD for the agency
  from 01/07/2026 (Decree 152/2026 Art. 23) — the engine's rule ``unable.unpublish``; after a **continuation decision**
  or the **revocation** of the decision (the case leaves "chưa có điều kiện" any other way) the same count is used:
  UNVERIFIED (THADS.md names only termination and completion), configurable (``other_removal_days``).

The published row holds exactly: the debtor's name, address, the obligation, the number and date of the decision and
the publishing unit — never an identifier (citizen ID, passport, tax code), never a creditor (:data:`PUBLIC_FIELDS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from thads.domain.calendar import WorkCalendar
from thads.domain.deadline_rules import ruleset_for
from thads.domain.regime import REGIME_2026_FROM
from thads.domain.states import State
from thads.lib.numbers import format_vnd

#: The fields of a published row, in the order of the page, the CSV header and the JSON keys. Nothing else is
#: ever published (Art. 44a.2: name, address, obligation; the decision and the unit identify the publication).
PUBLIC_FIELDS: tuple[str, ...] = ("name", "address", "obligation", "decision_no", "decision_on", "unit")

#: States in which a debtor stays on the list: "chưa có điều kiện" and the separate book (Decree 62 Art. 9.5: the
#: case is still without conditions, only counted apart).
LISTED_STATES: frozenset[str] = frozenset({State.NOT_YET_ABLE.value, State.SEPARATE_BOOK.value})

#: Update count in working days (Decree 62/2015 Art. 11; Decree 152/2026 Art. 23.2).
UPDATE_DAYS = 3


class Step(StrEnum):
    PUBLISH = "publish"
    UPDATE = "update"
    REMOVE = "remove"


class RemovalReason(StrEnum):
    """Why a listing must go: the event that took the case out of "chưa có điều kiện"."""

    TERMINATED = "terminated"  # đình chỉ (Art. 50)
    COMPLETED = "completed"  # thi hành xong (Art. 52.1)
    CONTINUED = "continued"  # quyết định tiếp tục thi hành án (Decree 62 Art. 9.4) or resumed from the book
    REVOKED = "revoked"  # thu hồi, hủy quyết định (Art. 37)
    OTHER = "other"  # entrusted out, postponed, suspended…: UNVERIFIED, removed like a continuation

    @classmethod
    def of_event(cls, kind: str) -> RemovalReason:
        return {"terminated": cls.TERMINATED, "completed": cls.COMPLETED, "verified_able": cls.CONTINUED,
                "resumed": cls.CONTINUED, "revoked": cls.REVOKED}.get(kind, cls.OTHER)


#: Vietnamese words of the reasons (the staff page and the audit rows).
REASON_VI: dict[RemovalReason, str] = {
    RemovalReason.TERMINATED: "đình chỉ thi hành án",
    RemovalReason.COMPLETED: "thi hành xong",
    RemovalReason.CONTINUED: "quyết định tiếp tục thi hành án",
    RemovalReason.REVOKED: "thu hồi, hủy quyết định",
    RemovalReason.OTHER: "không còn chưa có điều kiện thi hành án",
}


@dataclass(frozen=True, slots=True)
class PublicationDue:
    """One step owed: ``step`` by ``due`` (inclusive), counted from ``trigger_on`` (not counted) under ``article``."""

    step: Step
    trigger_on: date
    due: date
    article: str
    text_vi: str
    verified: bool = True

    def overdue(self, today: date) -> bool:
        return today > self.due


def publish_due(decided_on: date, calendar: WorkCalendar, unit: str | None = None) -> PublicationDue:
    """Publish within 5 WD of the decision "chưa có điều kiện" (Luật THADS Art. 44a.2; Decree 62/2015 Art. 11;
    Decree 152/2026 Art. 23): the engine's ``unable.publish`` rule of the rule set in force on ``decided_on``."""
    rule = ruleset_for(decided_on).by_code["unable.publish"]
    return PublicationDue(Step.PUBLISH, decided_on, calendar.add_working_days(decided_on, rule.count, unit),
                          rule.article, rule.text_vi, rule.verified)


def update_due(changed_on: date, calendar: WorkCalendar, unit: str | None = None, *,
               days: int = UPDATE_DAYS) -> PublicationDue:
    """Update within 3 WD of a change of the published data (Decree 62/2015 Art. 11; from 01/07/2026 Decree
    152/2026 Art. 23.2)."""
    article = "Điều 23.2 Nghị định 152/2026/NĐ-CP" if changed_on >= REGIME_2026_FROM else \
        "Điều 11 Nghị định 62/2015/NĐ-CP"
    return PublicationDue(Step.UPDATE, changed_on, calendar.add_working_days(changed_on, days, unit), article,
                          "Cập nhật thông tin người phải thi hành án chưa có điều kiện thi hành đã đăng tải")


def removal_due(left_on: date, reason: RemovalReason, calendar: WorkCalendar, unit: str | None = None, *,
                other_removal_days: int | None = None) -> PublicationDue:
    """Remove the listing: after termination or completion within the engine's ``unable.unpublish`` count (2 WD,
    Decree 62/2015 Art. 11; 3 WD for the agency from 01/07/2026, Decree 152/2026 Art. 23); after a continuation
    decision, a revocation or any other exit the same count unless ``other_removal_days`` says otherwise
    (UNVERIFIED, configurable: ``THADS_PUBLIC_LIST_OTHER_REMOVAL_DAYS``)."""
    rule = ruleset_for(left_on).by_code["unable.unpublish"]
    named = reason in (RemovalReason.TERMINATED, RemovalReason.COMPLETED)
    days = rule.count if named or other_removal_days is None else other_removal_days
    text = f"{rule.text_vi} ({REASON_VI[reason]})"
    return PublicationDue(Step.REMOVE, left_on, calendar.add_working_days(left_on, days, unit), rule.article, text,
                          verified=named and rule.verified)


def obligation_text(items: list[tuple[str, int]]) -> str:
    """The published obligation: each outstanding item as "<kind>: <amount> ₫", joined by "; " (no creditor's
    name: the beneficiary is never published). ``items`` are (Vietnamese kind label, outstanding VND)."""
    parts = ((label[:1].upper() + label[1:], amount) for label, amount in items)
    return "; ".join(f"{label}: {format_vnd(amount)}" if amount else label for label, amount in parts)


__all__ = ["LISTED_STATES", "PUBLIC_FIELDS", "REASON_VI", "UPDATE_DAYS", "PublicationDue", "RemovalReason", "Step",
           "obligation_text", "publish_due", "removal_due", "update_due"]
