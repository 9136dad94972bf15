"""The public list of debtors without conditions (người phải thi hành án chưa có điều kiện thi hành): what is
published and by when. Pure Python (no Django import).

Deadlines (THADS.md §2.7, §10), each counted in working days from the day after its trigger on the calendar
(:class:`~thads.domain.calendar.WorkCalendar`, Civil Code Arts. 147–148, THADS.md §9). The regime is the one in force
on the trigger's day (``regime.REGIME_2026_FROM``). Texts read (Pháp điển copy, diepxuan/diepxuan.github.io):

* **publish** within 5 WD "kể từ ngày ra quyết định về việc chưa có điều kiện thi hành án" — the date of the
  decision (Decree 62/2015 Art. 11.1; TT 04/2023/TT-BTP Art. 5; Decree 152/2026 Art. 23.1) [VERIFIED] — the count and
  the article are the engine's own rule ``unable.publish`` (``domain.deadline_rules``), so the two never disagree;
* **update** within 3 WD "kể từ ngày xác định được thông tin về sự thay đổi tên, địa chỉ, nghĩa vụ và điều kiện thi
  hành án" (Decree 62 Art. 11.2; TT 04/2023 Art. 6.1; Decree 152/2026 Art. 23.2 ¶1) [VERIFIED];
* **remove** ("chấm dứt việc công khai"):
  - until 30/06/2026: 2 WD from the termination decision or the written confirmation of completion (Decree 62
    Art. 11.3) and, from 01/10/2023, also from a **continuation decision** (TT 04/2023 Art. 6.2) [VERIFIED]; a
    **revocation** of the decision is named by neither text: UNVERIFIED, same count unless ``other_removal_days``;
  - from 01/07/2026: 3 WD for the agency from the termination decision, the continuation decision, the decision
    revoking the decision "chưa có điều kiện" or the basis establishing completion (Decree 152/2026 Art. 23.2 ¶2)
    [VERIFIED]; the commune ends its posting within 2 WD of receiving them (¶3: the commune's duty, not tracked);
  - any other exit (entrusted out, postponed, suspended, a request returned under Decree 152/2026 Art. 22.2):
    UNVERIFIED, configurable (``other_removal_days``, ``THADS_PUBLIC_LIST_OTHER_REMOVAL_DAYS``).

What is published: Decree 62 Art. 11.1 names the debtor's name, address and obligation [VERIFIED]; TT 04/2023 Art. 4.1
(from 01/10/2023) and Decree 152/2026 Art. 23.1 add the judgment to enforce, the decision to enforce and the reason
"chưa có điều kiện" (:data:`LEGAL_CONTENT_TT04`) [VERIFIED] — THADS publishes :data:`PUBLIC_FIELDS` (the decision
"chưa có điều kiện" stands for the decisions; the judgment and the reason are not yet published: issue 18 review).
The obligation is the part still owed ("nghĩa vụ chưa có điều kiện thi hành", :func:`obligation_text`). Never an
identifier (citizen ID, passport, tax code), never a creditor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from thads.domain.calendar import WorkCalendar
from thads.domain.deadline_rules import ruleset_for
from thads.domain.regime import REGIME_2026_FROM
from thads.domain.states import RETURN_REQUEST_GROUND, State
from thads.lib.numbers import format_vnd

#: The fields of a published row, in the order of the page, the CSV header and the JSON keys. Nothing else is
#: ever published (Art. 44a.2: name, address, obligation; the decision and the unit identify the publication).
PUBLIC_FIELDS: tuple[str, ...] = ("name", "address", "obligation", "decision_no", "decision_on", "unit")

#: States in which a debtor stays on the list: "chưa có điều kiện" and the separate book (Decree 62 Art. 9.5: the
#: case is still without conditions, only counted apart).
LISTED_STATES: frozenset[str] = frozenset({State.NOT_YET_ABLE.value, State.SEPARATE_BOOK.value})

#: Update count in working days (Decree 62/2015 Art. 11.2; TT 04/2023 Art. 6.1; Decree 152/2026 Art. 23.2) [VERIFIED].
UPDATE_DAYS = 3

#: The content TT 04/2023/TT-BTP Art. 4.1 and Decree 152/2026 Art. 23.1 name [VERIFIED], for the record of what the
#: published row lacks (judgment, decision to enforce, reason): changing :data:`PUBLIC_FIELDS` needs the model.
LEGAL_CONTENT_TT04: tuple[str, ...] = ("name", "address", "judgment", "enforcement_decision", "obligation", "reason")

#: The day TT 04/2023/TT-BTP took effect (its Art. 6.2 adds the continuation decision to the removal triggers).
TT04_2023_FROM = date(2023, 10, 1)

D62_11 = "Nghị định 62/2015/NĐ-CP"
TT04 = "Thông tư 04/2023/TT-BTP"
D152_23 = "Điều 23.2 Nghị định 152/2026/NĐ-CP"


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
    def of_event(cls, kind: str, ground: str = "") -> RemovalReason:
        """The reason of an exit event. A request returned (a ``terminated`` event with ground "38.4", Decree
        152/2026 Art. 22.2) is no termination decision: OTHER (UNVERIFIED: Art. 23.2 does not name it)."""
        if kind == "terminated" and ground == RETURN_REQUEST_GROUND:
            return cls.OTHER
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
    """Publish within 5 WD "kể từ ngày ra quyết định" — from the **date of the decision** "chưa có điều kiện"
    (``decided_on``: the date the decision bears, not the day it was entered) (Decree 62/2015 Art. 11.1; TT
    04/2023/TT-BTP Art. 5; Decree 152/2026 Art. 23.1: VERIFIED; Luật THADS Art. 44a.2 as cited by the engine: not
    re-read in this review). The engine's ``unable.publish`` rule of the rule set in force on ``decided_on``."""
    rule = ruleset_for(decided_on).by_code["unable.publish"]
    return PublicationDue(Step.PUBLISH, decided_on, calendar.add_working_days(decided_on, rule.count, unit),
                          rule.article, rule.text_vi, rule.verified)


def update_due(changed_on: date, calendar: WorkCalendar, unit: str | None = None, *,
               days: int = UPDATE_DAYS) -> PublicationDue:
    """Update within 3 WD from the day the change of the debtor's name, address, obligation or conditions is
    established (Decree 62/2015 Art. 11.2; TT 04/2023/TT-BTP Art. 6.1; from 01/07/2026 Decree 152/2026 Art. 23.2 ¶1).
    VERIFIED (count, start, regime by ``changed_on``)."""
    if changed_on >= REGIME_2026_FROM:
        article = f"{D152_23} (đoạn 1)"
    elif changed_on >= TT04_2023_FROM:
        article = f"Điều 11.2 {D62_11}; Điều 6.1 {TT04}"
    else:
        article = f"Điều 11.2 {D62_11}"
    return PublicationDue(Step.UPDATE, changed_on, calendar.add_working_days(changed_on, days, unit), article,
                          "Cập nhật thông tin người phải thi hành án chưa có điều kiện thi hành đã đăng tải")


def removal_article(left_on: date, reason: RemovalReason) -> str | None:
    """The article naming ``reason`` as a removal trigger on ``left_on``, or None when no text read names it
    (VERIFIED from Decree 62/2015 Art. 11.3, TT 04/2023/TT-BTP Art. 6.2 and Decree 152/2026 Art. 23.2 ¶2; the
    None cases are UNVERIFIED)."""
    if left_on >= REGIME_2026_FROM:
        named = (RemovalReason.TERMINATED, RemovalReason.COMPLETED, RemovalReason.CONTINUED, RemovalReason.REVOKED)
        return f"{D152_23} (đoạn 2)" if reason in named else None
    tt04 = left_on >= TT04_2023_FROM
    if reason in (RemovalReason.TERMINATED, RemovalReason.COMPLETED):
        return f"Điều 11.3 {D62_11}" + (f"; Điều 6.2 {TT04}" if tt04 else "")
    if reason is RemovalReason.CONTINUED and tt04:
        return f"Điều 6.2 {TT04}"
    return None


def removal_due(left_on: date, reason: RemovalReason, calendar: WorkCalendar, unit: str | None = None, *,
                other_removal_days: int | None = None) -> PublicationDue:
    """Remove the listing within the engine's ``unable.unpublish`` count from the day of the act ending "chưa có
    điều kiện": 2 WD until 30/06/2026 (Decree 62/2015 Art. 11.3: termination, confirmation of completion; TT
    04/2023/TT-BTP Art. 6.2 from 01/10/2023: also a continuation decision), 3 WD for the agency from 01/07/2026
    (Decree 152/2026 Art. 23.2: termination, continuation, revocation of the decision, completion) — VERIFIED for
    the triggers :func:`removal_article` names. Any other exit (a revocation before 01/07/2026, an entrustment,
    postponement, suspension, a continuation before 01/10/2023): the same count unless ``other_removal_days`` says
    otherwise, UNVERIFIED, configurable (``THADS_PUBLIC_LIST_OTHER_REMOVAL_DAYS``)."""
    rule = ruleset_for(left_on).by_code["unable.unpublish"]
    article = removal_article(left_on, reason)
    named = article is not None
    days = rule.count if named or other_removal_days is None else other_removal_days
    text = f"{rule.text_vi} ({REASON_VI[reason]})"
    return PublicationDue(Step.REMOVE, left_on, calendar.add_working_days(left_on, days, unit),
                          article or rule.article, text, verified=named and rule.verified)


def obligation_text(items: list[tuple[str, int]]) -> str:
    """The published obligation: each outstanding item as "<kind>: <amount> ₫", joined by "; " (no creditor's
    name: the beneficiary is never published). ``items`` are (Vietnamese kind label, outstanding VND)."""
    parts = ((label[:1].upper() + label[1:], amount) for label, amount in items)
    return "; ".join(f"{label}: {format_vnd(amount)}" if amount else label for label, amount in parts)


__all__ = ["LEGAL_CONTENT_TT04", "LISTED_STATES", "PUBLIC_FIELDS", "REASON_VI", "TT04_2023_FROM", "UPDATE_DAYS",
           "PublicationDue", "RemovalReason", "Step", "obligation_text", "publish_due", "removal_article",
           "removal_due", "update_due"]
