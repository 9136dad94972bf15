"""The good-practice library's writers (re-exported by :mod:`thads.emulation.actions`): write-ups of how a
difficult or sensitive case was resolved (điển hình tiên tiến, giải pháp hay), linked to cases and officers.

Whoever enters acts in a unit writes there (the author); the author or the unit's head / deputy edits and deletes
(:func:`thads.emulation.permissions.may_edit_practice`). Linked cases and officers must be in the writer's scope;
a case linked by someone who sees more than the editor stays linked when the editor saves (he never saw it).
``folded`` keeps title, summary and body without diacritics for the search (``thads.lib.text.fold``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from thads.cases.models import Case
from thads.domain.emulation import PracticeKind
from thads.emulation.actions_common import EmulationRefused, actor, required, statistical_year
from thads.emulation.models import GoodPractice
from thads.emulation.permissions import (
    PRACTICE_REFUSAL,
    PRACTICE_WRITE_REFUSAL,
    may_edit_practice,
    may_write_practice,
)
from thads.lib.text import fold
from thads.org.audit import audit_write, snapshot
from thads.org.models import Officer, Unit
from thads.org.scope import covers


def _ids(items: Iterable) -> set[int]:
    return {int(getattr(x, "pk", x)) for x in (items or ())}


def _linked(user, model, ids: set[int], field: str, what: str) -> list:
    rows = list(model.objects.select_related("unit").filter(pk__in=ids))
    if len(rows) != len(ids) or any(not covers(user, r.unit) for r in rows):
        raise EmulationRefused(f"{what} ngoài phạm vi quản lý của bạn.", field, f"practice.{field}")
    return rows


def _state(row: GoodPractice) -> dict:
    return {**snapshot(row, exclude=("folded",)), "officers": sorted(row.officers.values_list("pk", flat=True)),
            "cases": sorted(row.cases.values_list("pk", flat=True))}


@transaction.atomic
def do_save_practice(user, practice: GoodPractice | None = None, *, kind: PracticeKind | str, title: str,
                     summary: str, body: str = "", unit: Unit, officers: Iterable = (), cases: Iterable = (),
                     affects_order: bool = False, year: int | None = None) -> GoodPractice:
    """Write (``practice`` None) or change a good practice of ``unit``, linked to ``officers`` and ``cases``."""
    try:
        kind = PracticeKind(kind)
    except ValueError:
        raise EmulationRefused("Loại bài không hợp lệ.", "kind", "practice.kind") from None
    title = required(title, "title", "tiêu đề", 255)
    summary = required(summary, "summary", "tóm tắt")
    body = str(body or "").strip()
    if unit is None or not may_write_practice(user, unit):
        raise EmulationRefused(PRACTICE_WRITE_REFUSAL, "unit", "permission")
    year = None if year in (None, "") else statistical_year(year)
    # Links the editor cannot see (another unit's officers or cases, linked by someone with a wider scope) are
    # kept as they are: the form only offers what is in the editor's scope.
    before, hidden_cases, hidden_officers = None, set(), set()
    if practice is not None and practice.pk is not None:
        row = GoodPractice.objects.select_for_update(of=("self",)).select_related("unit").get(pk=practice.pk)
        if not may_edit_practice(user, row):
            raise EmulationRefused(PRACTICE_REFUSAL, "", "permission")
        before = _state(row)
        hidden_cases = {c.pk for c in row.cases.select_related("unit") if not covers(user, c.unit)}
        hidden_officers = {o.pk for o in row.officers.select_related("unit") if not covers(user, o.unit)}
    else:
        row = GoodPractice(author=actor(user))
    linked_officers = _linked(user, Officer, _ids(officers) - hidden_officers, "officers", "Chấp hành viên")
    linked_cases = _linked(user, Case, _ids(cases) - hidden_cases, "cases", "Việc thi hành án")
    row.kind, row.title, row.summary, row.body, row.unit = kind, title, summary, body, unit
    row.affects_order, row.year = bool(affects_order), year
    row.folded = fold(" ".join((title, summary, body)))
    row.save()
    row.officers.set([o.pk for o in linked_officers] + sorted(hidden_officers))
    row.cases.set([c.pk for c in linked_cases] + sorted(hidden_cases))
    audit_write(user, "emulation.practice.change" if before else "emulation.practice.add", row, unit=unit,
                before=before, after=_state(row))
    return row


@transaction.atomic
def do_delete_practice(user, practice: GoodPractice) -> None:
    """Delete a good practice (its author or the unit's head / deputy), audited with its contents."""
    row = (GoodPractice.objects.select_for_update(of=("self",)).select_related("unit")
           .filter(pk=practice.pk).first())
    if row is None:
        raise EmulationRefused("Bài không còn tồn tại.", "", "practice.missing")
    if not may_edit_practice(user, row):
        raise EmulationRefused(PRACTICE_REFUSAL, "", "permission")
    before = _state(row)
    audit_write(user, "emulation.practice.delete", row, unit=row.unit, before=before)
    row.officers.clear()
    row.cases.clear()
    row.delete()
