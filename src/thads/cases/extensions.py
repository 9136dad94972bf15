"""Extension points of the case screens: a context that builds on cases (deadlines, documents, the next ones) adds a
filter to the case list or a panel to the case page without ``cases`` importing it (issue 13: layers).

A context registers in its ``AppConfig.ready`` (e.g. ``thads.deadlines.case_pages.register``)::

    register_list_filter(ListFilter("overdue", field=lambda: forms.BooleanField(...), apply=only_overdue, order=100))
    register_case_panel(CasePanel("deadlines", "deadlines/_case_panel.html", deadline_panel, order=100))

- A list filter becomes a field of the case list's filter form (``thads.cases.forms_list.CaseFilterForm``) after the
  built-in ones, hence a GET parameter of the list page and of its XLSX download; ``apply(cases, value, today)`` is
  called with the field's cleaned value when it is set (not ``None``, ``""`` or ``False``) and returns the narrowed
  cases (it must not leave the queryset's scope: it only filters).
- A case panel is a template included in the case page at its ``slot`` with the variable ``panel`` set to what
  ``context(user, case, today)`` returns; ``None`` hides the panel. The context function reads only what the user
  may see (the case is already in the user's scope).

Order is deterministic: by ``order``, then ``name`` (never by registration order, so neither the order of
``INSTALLED_APPS`` nor of imports changes a page). Registering a name again replaces the entry (``ready`` may run
more than once in tests). This module imports no context.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet

#: Where a panel may appear on the case page: after "Acts you can perform now"; after the documents and attachments,
#: before "Where has this case been".
PANEL_SLOTS = ("after_acts", "before_history")


@dataclass(frozen=True)
class ListFilter:
    """A filter of the case list: ``name`` is its form field and GET parameter."""

    name: str
    field: Callable[[], forms.Field]  # a new field each time the form is built
    apply: Callable[[QuerySet, Any, date], QuerySet]  # (cases, cleaned value, today) -> narrowed cases
    order: int = 100


@dataclass(frozen=True)
class CasePanel:
    """A section of the case page: ``template`` included with ``panel`` = ``context(user, case, today)``."""

    name: str
    template: str
    context: Callable[[Any, Any, date], dict | None]
    order: int = 100
    slot: str = "after_acts"

    def __post_init__(self) -> None:
        if self.slot not in PANEL_SLOTS:
            raise ValueError(f"unknown case page slot {self.slot!r}; one of {PANEL_SLOTS}")


_filters: dict[str, ListFilter] = {}
_panels: dict[str, CasePanel] = {}


def register_list_filter(item: ListFilter) -> None:
    _filters[item.name] = item


def register_case_panel(item: CasePanel) -> None:
    _panels[item.name] = item


def list_filters() -> list[ListFilter]:
    """The registered case-list filters, in their order."""
    return sorted(_filters.values(), key=lambda f: (f.order, f.name))


def case_panels() -> list[CasePanel]:
    """The registered case-page panels, in their order."""
    return sorted(_panels.values(), key=lambda p: (p.order, p.name))


def panels_for(user, case, today: date) -> dict[str, list[dict]]:
    """The case page's panels by slot: ``{"after_acts": [{"name", "template", "context"}, …], …}`` (every slot
    present, possibly empty)."""
    out: dict[str, list[dict]] = {slot: [] for slot in PANEL_SLOTS}
    for panel in case_panels():
        context = panel.context(user, case, today)
        if context is not None:
            out[panel.slot].append({"name": panel.name, "template": panel.template, "context": context})
    return out


__all__ = ["PANEL_SLOTS", "CasePanel", "ListFilter", "case_panels", "list_filters", "panels_for",
           "register_case_panel", "register_list_filter"]
