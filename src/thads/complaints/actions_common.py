"""What every writer of the complaints context does the same way (``complaints.actions``,
``complaints.actions_matters``): the scope and title check, raising a pure rule's refusal, the locked matter row,
the next history row, the competent unit over the org tree, and bringing the matter's cached state and its stored
deadlines (``Deadline.subject`` "matter:N", ``complaints.deadline_source``) in step after a write."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from thads.complaints.errors import ComplaintsRefused
from thads.complaints.models import Matter, MatterEvent
from thads.deadlines.service import current_calendar, refresh_subjects
from thads.domain.petition_rules import Refusal, Step, matter_deadlines, title_may
from thads.org.models import Unit
from thads.org.scope import Action, allowed

SCOPE_REFUSAL = "Bạn không có quyền thao tác trên đơn, vụ việc của đơn vị này."
TITLE_REFUSAL = "Chức danh của bạn không được thực hiện thao tác này."
COMPETENCE_REFUSAL = ("Chỉ Thủ trưởng (Phó Thủ trưởng) của cơ quan có thẩm quyền giải quyết được thực hiện thao tác "
                      "này (Điều 142, 157 Luật THADS).")
PERSONAL_DATA_REFUSAL = "Ghi họ tên, số định danh, địa chỉ của người dân cần quyền xem dữ liệu cá nhân."

#: The years the working-day calendar covers (``domain.calendar``): a date outside them is a typing error.
DATE_YEARS = (2009, 2040)


def authorise(user, unit, step: Step, *, acting_unit_id: int | None = None) -> None:
    """The unit in the user's scope with the right to enter acts (``org.scope.allowed``, ``Action.CHANGE``), then the
    title's right to the step (``domain.petition_rules.STEP_TITLES``); with ``acting_unit_id`` the user must belong
    to that unit (the competent resolver's head or deputy: Arts. 142, 157). The technical root account passes;
    ``user`` None is a system act (a script, the demo)."""
    if user is None:
        return
    if not allowed(user, Action.CHANGE, unit):
        raise ComplaintsRefused(SCOPE_REFUSAL, code="scope")
    if getattr(user, "is_superuser", False):
        return
    if not title_may(getattr(user, "title", ""), step):
        raise ComplaintsRefused(TITLE_REFUSAL, code="title")
    if acting_unit_id is not None and getattr(user, "unit_id", None) != acting_unit_id:
        raise ComplaintsRefused(COMPETENCE_REFUSAL, code="competence")


def personal_data(user, unit) -> None:
    """Writing a person's name, ID number or address needs the personal-data right."""
    if user is not None and not allowed(user, Action.PERSONAL_DATA, unit):
        raise ComplaintsRefused(PERSONAL_DATA_REFUSAL, code="personal_data")


def refuse(refusal: Refusal | None) -> None:
    if refusal is not None:
        raise ComplaintsRefused(refusal.message_vi, refusal.field, code=refusal.code)


def actor(user):
    """The user to store on a row (None for a system act or an anonymous caller)."""
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def legal_date(on: date, field: str = "on") -> date:
    """An act's legal date: not in the future, within the calendar's years."""
    if not isinstance(on, date):
        raise ComplaintsRefused("Ngày không hợp lệ.", field, code="date")
    if not DATE_YEARS[0] <= on.year <= DATE_YEARS[1]:
        raise ComplaintsRefused(f"Ngày {on:%d/%m/%Y} nằm ngoài khoảng năm {DATE_YEARS[0]}–{DATE_YEARS[1]}.", field,
                                code="date_range")
    if on > timezone.localdate():
        raise ComplaintsRefused(f"Ngày {on:%d/%m/%Y} chưa đến.", field, code="future")
    return on


def not_before(on: date, earlier: date | None, what: str, field: str = "on") -> None:
    if earlier is not None and on < earlier:
        raise ComplaintsRefused(f"Ngày {on:%d/%m/%Y} trước {what} ({earlier:%d/%m/%Y}).", field, code="date_order")


def required(value: str, field: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ComplaintsRefused(f"Cần {what}.", field, code=f"{field}.missing")
    return value


def unit_in_scope(user, unit_id: int, step: Step) -> Unit:
    """The unit, checked against the scope and the title (a missing unit is refused like one out of scope)."""
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise ComplaintsRefused(SCOPE_REFUSAL, code="scope")
    authorise(user, unit, step)
    return unit


def unit_chain(unit: Unit, *, levels: bool = False) -> list:
    """The unit's id, its parent's, … up to the root (from the materialised path ``/1/4/9/``); with ``levels`` the
    pairs (id, level) that ``petition_rules.competent_unit`` reads (one query)."""
    ids = [int(x) for x in reversed(unit.path.strip("/").split("/")) if x]
    if not levels:
        return ids
    level_of = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "level"))
    return [(pk, level_of.get(pk, "")) for pk in ids]


def locked_matter(matter_id: int) -> Matter:
    """The matter row, locked for the transaction (a missing matter is refused like one out of scope)."""
    matter = (Matter.objects.select_for_update(of=("self",)).select_related("unit", "resolver_unit", "case", "letter")
              .filter(pk=matter_id).first())
    if matter is None:
        raise ComplaintsRefused(SCOPE_REFUSAL, code="scope")
    return matter


def add_event(user, matter: Matter, kind: str, on: date, *, decision_no: str = "", **details) -> MatterEvent:
    """Append the matter's next history row (``seq`` one above the last; the matter row is locked)."""
    last = MatterEvent.objects.filter(matter=matter).order_by("-seq").values_list("seq", flat=True).first() or 0
    return MatterEvent.objects.create(matter=matter, seq=last + 1, kind=kind, on=on, user=actor(user),
                                      unit=matter.unit, decision_no=decision_no[:64],
                                      details={k: v for k, v in details.items() if v not in (None, "")})


def sync(matter: Matter) -> None:
    """Bring the matter's cached ``due_on`` (the earliest open deadline) and its stored deadlines (``Deadline`` rows of
    subject "matter:N", from the same rule as ``thads recompute-deadlines``) in step with its history."""
    from thads.complaints.queries import matter_recs

    today = timezone.localdate()
    rec = matter_recs([matter.pk])[matter.pk]
    calendar = current_calendar()
    open_now = matter_deadlines(rec, calendar, today, unit=matter.unit.code)
    due = min((dl.due for dl in open_now), default=None)
    if due != matter.due_on:
        matter.due_on = due
        Matter.objects.filter(pk=matter.pk).update(due_on=due)
    refresh_subjects([f"matter:{matter.pk}"], today=today, calendar=calendar)
