"""Who may see and do what: the one place that decides access (issue 2; cases extend it with ``thads.domain.acts``).

Rule: a person sees the data of their own unit and of every unit below it (a provincial user sees the whole
province; a branch officer only the branch). Superusers see everything. Every list, search, export and API query
filters through ``scope_queryset``; every single-object view or write checks ``allowed``. What a title may do there is
the capability table (``thads.domain.capabilities``, checked by ``thads.org.capabilities.can``); which act, the act
table (``thads.domain.act_types``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from django.db.models import Model, QuerySet

from thads.domain.capabilities import CAPABILITIES, Capability, title_may
from thads.domain.roles import Title

M = TypeVar("M", bound=Model)


class Action(StrEnum):
    VIEW = "view"  # read the unit's cases, figures and staff list
    CHANGE = "change"  # enter acts on the unit's cases (which act: the act table of thads.domain.acts)
    ADMINISTER = "administer"  # manage the unit's sub-units, staff and settings
    PERSONAL_DATA = "personal_data"  # see ID numbers and addresses of parties


#: What a title may do beyond the scope is the capability table (``thads.domain.capabilities``); ``allowed`` reads
#: it for the actions that depend on the title. The title sets below are derived from it, for reading only.
ACTION_CAPABILITY: dict[Action, Capability] = {
    Action.CHANGE: Capability.CHANGE_CASES,
    Action.ADMINISTER: Capability.ADMINISTER,
    Action.PERSONAL_DATA: Capability.PERSONAL_DATA,
}

# Titles whose work is reading and auditing, not entering acts (THADS.md §1.3: Thẩm tra viên audits,
# the statistician reports).
READ_ONLY_TITLES = frozenset(Title) - CAPABILITIES[Capability.CHANGE_CASES]
# Titles that do not need the parties' ID numbers and addresses for their work.
NO_PERSONAL_DATA_TITLES = frozenset(Title) - CAPABILITIES[Capability.PERSONAL_DATA]


def _unit_path(user) -> str | None:
    unit = getattr(user, "unit", None)
    return unit.path if unit is not None else None


def sees_everything(user) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active)


#: Heads and deputy heads (Thủ trưởng, Phó Thủ trưởng) manage their unit's work: its queue by officer, reassignment
#: (``Capability.LEAD`` of the table).
HEAD_TITLES = CAPABILITIES[Capability.LEAD]


def is_head(user) -> bool:
    """Whether the user leads a unit (``Capability.LEAD``: head or deputy; the technical superuser too), without
    the unit conditions of ``thads.org.capabilities.can`` (which views use)."""
    return bool(sees_everything(user) or title_may(getattr(user, "title", ""), Capability.LEAD))


def covers(user, unit) -> bool:
    """Whether ``unit`` is the user's unit or below it."""
    if unit is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if sees_everything(user):
        return True
    path = _unit_path(user)
    return bool(path) and unit.path.startswith(path)


def allowed(user, action: Action, unit) -> bool:
    """The access table: may ``user`` perform ``action`` on data held by ``unit``?"""
    if not covers(user, unit):
        return False
    if sees_everything(user):
        return True
    if action == Action.VIEW:
        return True
    capability = ACTION_CAPABILITY.get(action)
    return capability is not None and title_may(user.title, capability)


def scope_queryset(user, queryset: QuerySet[M], unit_field: str = "unit") -> QuerySet[M]:
    """Restrict ``queryset`` to rows held by units the user covers (``unit_field`` names the FK to Unit)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if sees_everything(user):
        return queryset
    path = _unit_path(user)
    if not path:
        return queryset.none()
    if unit_field in ("", "self"):
        return queryset.filter(path__startswith=path)
    # The units' ids as constants, not a join on their paths: with a join PostgreSQL planned a search as a loop
    # over the province's units repeating the word-index scan in each (18 × 26 ms); a constant list is estimated
    # per unit and lets the planner combine one index scan of each kind.
    from thads.org.models import Unit

    unit_ids = list(Unit.objects.filter(path__startswith=path).values_list("id", flat=True))
    return queryset.filter(**{f"{unit_field}__in": unit_ids})


def subtree_ids(unit, user=None) -> list[int]:
    """The ids of ``unit`` and every unit below it (materialised path: one indexed prefix query); with ``user``,
    only those the user may see. The one subtree helper: reports, drill-downs and lists call it."""
    from thads.org.models import Unit

    units = visible_units(user) if user is not None else Unit.objects.all()
    return list(units.filter(path__startswith=unit.path).values_list("id", flat=True))


def visible_units(user):
    from thads.org.models import Unit

    return scope_queryset(user, Unit.objects.all(), unit_field="self")
