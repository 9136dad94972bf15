"""What an administrator may give and change (issue 12), checked by the ``do_*`` actions of ``thads.org.actions``
(and shown by the admin's forms): levels and titles carry powers, so an administrator cannot raise them; the
passwords of those who decide, administer or oversee are reset by superusers only; nobody changes their own title
or unit. Each function answers with the Vietnamese refusal, or None.
"""

from __future__ import annotations

from thads.domain.roles import Title
from thads.org.models import Unit, UnitLevel, User
from thads.org.scope import sees_everything

#: User fields that carry rights beyond the title: only a superuser may see or set them.
SUPERUSER_ONLY_FIELDS = ("is_superuser", "is_staff", "groups", "user_permissions")
#: Fields of one's own record nobody may change (their position decides their scope and their acts).
OWN_RECORD_READONLY = ("title", "unit")

#: The hierarchy of levels (THADS.md §1.1): a smaller rank is higher. District branches and regional offices are
#: both below the provincial department.
LEVEL_RANK = {UnitLevel.NATIONAL: 0, UnitLevel.PROVINCE: 1, UnitLevel.DISTRICT: 2, UnitLevel.REGIONAL: 2}
#: Levels only a superuser gives: the gates of province-wide and nation-wide work trust them.
SUPERUSER_ONLY_LEVELS = frozenset({UnitLevel.NATIONAL, UnitLevel.PROVINCE})
#: Titles whose password only a superuser resets in the admin (those who decide, administer or oversee).
PROTECTED_PASSWORD_TITLES = frozenset({Title.HEAD, Title.DEPUTY, Title.ADMIN, Title.INSPECTOR})

LEVEL_REFUSED = ("Quản trị đơn vị chỉ được đặt cấp thấp hơn cấp của đơn vị cấp trên; cấp tỉnh và cấp trung ương "
                 "do quản trị cấp cao nhất (superuser) đặt.")
INSPECTOR_REFUSED = "Chức danh Thanh tra viên chỉ do quản trị cấp cao nhất (superuser) giao."
ADMIN_TITLE_REFUSED = "Chức danh Quản trị chỉ được giao cho người của đơn vị cấp dưới đơn vị mình."
PASSWORD_REFUSED = ("Mật khẩu của Thủ trưởng, Phó Thủ trưởng, Quản trị và Thanh tra viên chỉ do quản trị cấp cao "
                    "nhất (superuser) đặt lại.")
OWN_PASSWORD_REFUSED = "Hãy đổi mật khẩu của chính mình ở trang Đổi mật khẩu."


PROTECTED_TITLE_REFUSED = ("Chỉ tài khoản quản trị tối cao (superuser) được đổi chức danh của Thủ trưởng, Phó Thủ "
                           "trưởng, Quản trị viên hoặc Thanh tra viên.")


def allowed_levels(user, parent) -> list[str]:
    """The levels ``user`` may give a unit placed under ``parent``: every level for a superuser; otherwise those
    strictly below the parent's level, never province or national (nothing without a parent)."""
    if sees_everything(user):
        return list(UnitLevel.values)
    if parent is None:
        return []
    rank = LEVEL_RANK.get(parent.level, 0)
    return [lv for lv in UnitLevel.values if LEVEL_RANK[lv] > rank and lv not in SUPERUSER_ONLY_LEVELS]


def level_refusal(user, level, parent, stored: Unit | None) -> str | None:
    """Why ``user`` may not save a unit of ``level`` under ``parent`` (``stored``: the unit as stored, None when
    new), or None. A unit kept at its stored level and parent (e.g. one a superuser set up) is not re-judged."""
    if sees_everything(user):
        return None
    if stored is not None and stored.level == level and stored.parent_id == getattr(parent, "pk", None):
        return None
    return None if level in allowed_levels(user, parent) else LEVEL_REFUSED


def title_refusal(user, title, unit, stored: User | None) -> tuple[str, str] | None:
    """``(field, message)`` when ``user`` may not give ``title`` in ``unit`` to a user (``stored``: as stored, None
    when new), else None. Keeping a title and unit unchanged is not giving them."""
    if sees_everything(user):
        return None
    if stored is not None and stored.title == title and stored.unit_id == getattr(unit, "pk", None):
        return None
    if stored is not None and stored.title in PROTECTED_PASSWORD_TITLES and title != stored.title:
        # Otherwise an administrator could take over a head's account: demote him to officer (whose password he may
        # set), set the password, give the title back. A protected title is changed by the superuser only.
        return "title", PROTECTED_TITLE_REFUSED
    if title == Title.INSPECTOR:
        return "title", INSPECTOR_REFUSED
    if title == Title.ADMIN:
        own = getattr(user, "unit", None)
        below = own is not None and unit is not None and unit.pk != own.pk and unit.path.startswith(own.path)
        if not below:
            return "unit" if stored is not None and stored.title == title else "title", ADMIN_TITLE_REFUSED
    return None


def password_refusal(user, target: User) -> str | None:
    """Why ``user`` may not set ``target``'s password on the admin's password page, or None."""
    if sees_everything(user):
        return None
    if target.pk == user.pk:
        return OWN_PASSWORD_REFUSED
    if target.title in PROTECTED_PASSWORD_TITLES:
        return PASSWORD_REFUSED
    return None
