"""``can(user, capability, unit)``: the one check of what a user's title allows, used by every view and action.

The table itself is pure (``thads.domain.capabilities``); this module adds what it cannot know: the account is
active, the superuser (the technical root account) may do everything, the unit is in the user's scope, and the
conditions some capabilities put on the user's own unit:

- ``IMPORT_CASES``: a head of a provincial (or the national) unit; an administrator over a unit he administers.
- ``REBUILD_STATISTICS``: the statistician of the national unit (the root of the whole tree).
- ``REOPEN_PERIOD``: the head of a root unit (the provincial department in a provincial installation), over a unit
  in his scope.
- ``CLOSE_PERIOD``: the statistician of the very unit whose period is closed (without ``unit``: whether he may close
  his own unit's periods; an action always passes the unit).
"""

from __future__ import annotations

from thads.domain.capabilities import Capability, title_may
from thads.domain.roles import Title
from thads.org.models import Unit, UnitLevel
from thads.org.scope import covers, sees_everything

PROVINCE_LEVELS = (UnitLevel.PROVINCE, UnitLevel.NATIONAL)


def title_of(user) -> Title | None:
    """The user's title as a ``Title`` (None without one, or with a value the table does not know): what the act
    table (``thads.domain.act_types.may_perform``) is asked about."""
    try:
        return Title(user.title) if getattr(user, "title", "") else None
    except ValueError:
        return None


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can(user, capability: Capability, unit: Unit | None = None) -> bool:
    """May ``user`` use ``capability`` (over ``unit`` when given: it must be in the user's scope)?"""
    if not _active(user):
        return False
    if sees_everything(user):
        return True
    own = getattr(user, "unit", None)
    if own is None or not title_may(user.title, capability):
        return False
    if unit is not None and not covers(user, unit):
        return False
    if capability == Capability.IMPORT_CASES:
        return own.level in PROVINCE_LEVELS or title_may(user.title, Capability.ADMINISTER)
    if capability == Capability.REBUILD_STATISTICS:
        return own.level == UnitLevel.NATIONAL and bool(own.path) and \
            not Unit.objects.exclude(path__startswith=own.path).exists()
    if capability == Capability.REOPEN_PERIOD:
        return own.parent_id is None
    if capability == Capability.CLOSE_PERIOD:
        return unit is None or unit.pk == own.pk
    return True


__all__ = ["Capability", "can", "title_of"]
