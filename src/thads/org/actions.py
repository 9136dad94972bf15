"""Writes on the organisation, one atomic function each (Zulip's ``do_*`` pattern)."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from thads.domain.roles import Title
from thads.org.audit import audit_write, snapshot
from thads.org.models import Officer, Unit, User

ADMIN_GROUP = "Quản trị hệ thống"


def ensure_admin_group() -> Group:
    """The group giving unit administrators the Django admin rights they need, each scoped to their subtree by the
    admin classes: units, staff and officers; the letterheads of their units; their units' calendar rows (closures,
    local days off). Nothing else: no group, permission or audit rights (superusers only)."""
    group, _ = Group.objects.get_or_create(name=ADMIN_GROUP)
    wanted = [("org", r"^(add|change|view)_(unit|user|officer)$"),
              ("documents", r"^(add|change|view|delete)_letterhead$"),
              ("deadlines", r"^(add|change|view|delete)_calendarday$")]
    perms = Permission.objects.none()
    for app_label, pattern in wanted:
        perms = perms | Permission.objects.filter(content_type__app_label=app_label, codename__regex=pattern)
    group.permissions.set(perms)
    return group


@transaction.atomic
def do_create_unit(code: str, name: str, parent: Unit | None, level: str, valid_from: date | None = None,
                   valid_to: date | None = None, *, by: User | None = None) -> Unit:
    """Create a unit; ``by`` is who did it (default: the request's or command's user, see ``thads.org.audit``)."""
    unit = Unit(code=code, name=name, parent=parent, level=level, valid_from=valid_from, valid_to=valid_to)
    unit.full_clean()
    unit.save()
    audit_write(by, "org.unit.create", unit, after=snapshot(unit))
    return unit


@transaction.atomic
def do_close_unit(unit: Unit, valid_to: date, *, by: User | None = None) -> Unit:
    """Dissolve a unit on ``valid_to`` (inclusive): it keeps its history and past figures."""
    before = snapshot(Unit.objects.get(pk=unit.pk), fields=["valid_to"])
    unit.valid_to = valid_to
    unit.full_clean()
    unit.save(update_fields=["valid_to"])
    audit_write(by, "org.unit.close", unit, before=before, after=snapshot(unit, fields=["valid_to"]))
    return unit


@transaction.atomic
def do_create_staff(username: str, password: str, full_name: str, unit: Unit, title: Title | str,
                    officer_code: str | None = None, validate: bool = True, with_officer: bool = True,
                    *, by: User | None = None, email: str = "") -> User:
    title = Title(title)
    user = User(username=username, full_name=full_name, unit=unit, title=title.value, email=email,
                is_staff=title == Title.ADMIN)
    if validate:
        validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    if title == Title.ADMIN:
        user.groups.add(ensure_admin_group())
    if officer_code or (with_officer and title in (Title.OFFICER, Title.HEAD, Title.DEPUTY)):
        Officer.objects.update_or_create(
            code=officer_code or f"{unit.code}-{username}", defaults={"name": full_name, "unit": unit, "user": user}
        )
    # snapshot() leaves the password hash out: the log must not hold anything a password can be attacked from.
    after = snapshot(user, exclude=("password", "last_login"))
    after["groups"] = sorted(user.groups.values_list("name", flat=True))
    audit_write(by, "org.user.create", user, unit=unit, after=after)
    return user
