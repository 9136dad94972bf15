"""Writes on the organisation, one atomic function each (Zulip's ``do_*`` pattern): units, staff, officers,
passwords. Each checks who may (the capability table, ``thads.org.capabilities.can``, and the administration rules
of ``thads.org.admin_rules``), writes the row(s) and one audit row (``thads.org.audit.audit_write``) and returns.
The admin's ``save_model``/``delete_model`` call them (``thads.org.admin.ActionAdmin``), so do the commands.

``by`` is who acts; None is the system (a command or the demo, attributed by ``audit_context``): no check then.
A refusal raises :class:`OrgRefused` with a Vietnamese message (the admin answers 403 with it).

``save_row`` / ``delete_row`` are the shared bodies of the admin's row writes (also for the letterheads of
``thads.documents.actions`` and the calendar rows of ``thads.deadlines.actions``): the audit action is
``<app>.<model>.add|change|delete``, before/after are snapshots of the stored row and of the saved one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.db import models, transaction

from thads.domain.capabilities import Capability
from thads.domain.roles import Title
from thads.lib.errors import Refused
from thads.org.admin_rules import (
    OWN_RECORD_READONLY,
    SUPERUSER_ONLY_FIELDS,
    level_refusal,
    password_refusal,
    title_refusal,
)
from thads.org.audit import audit_write, snapshot
from thads.org.capabilities import can
from thads.org.models import Officer, Unit, User
from thads.org.scope import covers, sees_everything

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
def do_set_go_live(unit: Unit, day: date | None, *, by: User | None = None) -> Unit:
    """Set the date from which the unit works in THADS every day (deadlines of older, migrated acts are not opened).
    Audited as ``org.unit.go_live``."""
    before = {"go_live": Unit.objects.filter(pk=unit.pk).values_list("go_live", flat=True).first()}
    unit.go_live = day
    unit.save(update_fields=["go_live"])
    audit_write(by, "org.unit.go_live", unit, before=before, after={"go_live": day})
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


# ------------------------------------------------------------------------------------------------ administered rows


class OrgRefused(Refused):
    """A write on the organisation the administration rules do not allow (Vietnamese ``message``)."""


UNIT_REFUSED = "Bạn không có quyền quản trị đơn vị này."
OWN_UNIT_REFUSED = "Đơn vị của chính mình và các đơn vị cấp trên chỉ do quản trị cấp trên thay đổi."
OWN_POSITION_REFUSED = "Không ai tự thay đổi chức danh hoặc đơn vị của chính mình."
RIGHTS_REFUSED = "Chỉ quản trị cấp cao nhất (superuser) được cấp quyền quản trị hệ thống, nhóm và quyền riêng."
STAFF_REFUSED = "Tài khoản này không thuộc phạm vi quản trị của bạn."


def may_administer(by, unit: Unit | None) -> bool:
    """Whether ``by`` may administer rows held by ``unit``: the system (None) and superusers always; otherwise an
    administrator over a unit of his subtree (``Capability.ADMINISTER``). Rows without a unit (national rows,
    accounts without a unit) are for superusers only."""
    if by is None or sees_everything(by):
        return True
    return unit is not None and can(by, Capability.ADMINISTER, unit)


def _require(by, *units: Unit | None, message: str = UNIT_REFUSED) -> None:
    for unit in units:
        if not may_administer(by, unit):
            raise OrgRefused(message, "scope")


def audit_state(obj: models.Model, m2m_fields: Iterable[str] = ()) -> dict:
    """The audited state of a row: its concrete fields (``snapshot``, no password hash) and its many-to-many fields
    as sorted lists of ids."""
    data = snapshot(obj)
    for name in m2m_fields:
        data[name] = sorted(getattr(obj, name).values_list("pk", flat=True)) if obj.pk else []
    return data


def stored_row(obj: models.Model):
    """The row as stored (locked for the transaction), or None for a new one."""
    if obj.pk is None:
        return None
    return type(obj)._default_manager.select_for_update().filter(pk=obj.pk).first()


def save_row(by, obj: models.Model, stored=None, *, m2m: Mapping[str, Iterable] | None = None,
             m2m_fields: Iterable[str] = ()) -> models.Model:
    """Save ``obj`` (and the many-to-many values ``m2m``) with one audit row ``<app>.<model>.add|change`` (the body
    of the ``do_save_*`` actions; call it inside their transaction, after their checks)."""
    m2m_fields = tuple(m2m_fields)
    before = audit_state(stored, m2m_fields) if stored is not None else None
    obj.save()
    for name, values in (m2m or {}).items():
        getattr(obj, name).set(values)
    opts = obj._meta
    audit_write(by, f"{opts.app_label}.{opts.model_name}.{'change' if stored is not None else 'add'}", obj,
                before=before, after=audit_state(obj, m2m_fields))
    return obj


def delete_row(by, obj: models.Model, m2m_fields: Iterable[str] = ()) -> None:
    """Delete ``obj`` with one audit row ``<app>.<model>.delete`` naming it (inside the caller's transaction)."""
    before = audit_state(obj, m2m_fields)
    pk = obj.pk
    obj.delete()
    obj.pk = pk  # the row names the deleted object
    opts = obj._meta
    audit_write(by, f"{opts.app_label}.{opts.model_name}.delete", obj, before=before, after=None)


@transaction.atomic
def do_save_unit(by, unit: Unit) -> Unit:
    """Add or change a unit (the admin's form). An administrator works below his own unit only: the unit (as
    stored) and its parent must be in his subtree, his own unit is read-only, and he gives only levels below the
    parent's (``admin_rules.level_refusal``). Audited as ``org.unit.add|change``."""
    stored = stored_row(unit)
    if by is not None and not sees_everything(by):
        if stored is not None and stored.pk == getattr(by, "unit_id", None):
            raise OrgRefused(OWN_UNIT_REFUSED, "scope")
        _require(by, *([stored] if stored is not None else []), unit.parent)
        if message := level_refusal(by, unit.level, unit.parent, stored):
            raise OrgRefused(message, "level")
    unit.full_clean()
    return save_row(by, unit, stored)


@transaction.atomic
def do_save_staff(by, user: User, *, m2m: Mapping[str, Iterable] | None = None) -> User:
    """Add or change a staff account (the admin's form; the password hash is set by the form and never audited).
    ``m2m``: the groups and individual permissions, which only a superuser gives. An administrator manages the
    accounts of his subtree (never a superuser's or an inspector's), cannot give rights beyond the title, nor the
    titles he may not give (``admin_rules.title_refusal``); nobody changes their own title or unit. Audited as
    ``org.user.add|change`` with the groups and permissions."""
    stored = stored_row(user)
    if by is not None and stored is not None and stored.pk == by.pk and any(
            getattr(stored, f"{f}_id" if f == "unit" else f) != getattr(user, f"{f}_id" if f == "unit" else f)
            for f in OWN_RECORD_READONLY):
        raise OrgRefused(OWN_POSITION_REFUSED, "own")
    if by is not None and not sees_everything(by):
        if stored is not None:
            if stored.is_superuser or stored.title == Title.INSPECTOR:
                raise OrgRefused(STAFF_REFUSED, "scope")
            _require(by, stored.unit)
        _require(by, user.unit)
        given = [f for f in SUPERUSER_ONLY_FIELDS if f in (m2m or {})]
        if given or any(getattr(user, f) != (getattr(stored, f) if stored is not None else False)
                        for f in ("is_superuser", "is_staff")):
            raise OrgRefused(RIGHTS_REFUSED, "rights")
        if refusal := title_refusal(by, user.title, user.unit, stored):
            raise OrgRefused(refusal[1], "title")
    return save_row(by, user, stored, m2m=m2m, m2m_fields=("groups", "user_permissions"))


@transaction.atomic
def do_save_officer(by, officer: Officer) -> Officer:
    """Add or change an enforcement officer's record (the admin's form): an administrator's only in his subtree,
    tied only to a login of his subtree, never a superuser's. Audited as ``org.officer.add|change``."""
    stored = stored_row(officer)
    if by is not None and not sees_everything(by):
        _require(by, *([stored.unit] if stored is not None else []), officer.unit)
        login = officer.user
        if login is not None and (stored is None or stored.user_id != login.pk) and (
                login.is_superuser or not covers(by, login.unit)):
            raise OrgRefused(STAFF_REFUSED, "scope")
    return save_row(by, officer, stored)


@transaction.atomic
def do_set_password(by, target: User, password: str | None) -> User:
    """Set ``target``'s password (None: an unusable one, the account cannot log in with a password) on the admin's
    password page; the form has validated it (Django's validators). Scoped like the change form, and the passwords
    of heads, deputies, administrators and inspectors, or one's own, are for superusers (``password_refusal``).
    Audited as ``org.user.password`` without the hash."""
    if by is not None and not sees_everything(by):
        if target.is_superuser or target.title == Title.INSPECTOR:
            raise OrgRefused(STAFF_REFUSED, "scope")
        _require(by, target.unit, message=STAFF_REFUSED)
        if refusal := password_refusal(by, target):
            raise OrgRefused(refusal, "password")
    if password is None:
        target.set_unusable_password()
    else:
        target.set_password(password)
    target.save()
    audit_write(by, "org.user.password", target, before={"password": "set"}, after={"password": "changed"})
    return target


@transaction.atomic
def do_change_own_password(user: User, password: str) -> User:
    """A user changes their own password (the form has checked the old one and Django's validators). Audited as
    ``org.user.password`` without the hash."""
    user.set_password(password)
    user.save()
    audit_write(user, "org.user.password", user, after={"changed_by": "self"})
    return user
