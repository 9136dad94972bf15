"""Administration of units and staff, scoped: an administrator manages only their unit's subtree (issue 12).

The rules, enforced here and not only by hiding links (a crafted POST must change nothing):

- Only superusers see or grant ``is_superuser``, ``is_staff``, groups and individual permissions; the forms of
  everyone else do not carry those fields, so posting them is ignored. Superuser accounts are invisible to others.
- Nobody changes their own title or unit (read-only on one's own record, superusers included): a change of
  position is made by someone else, which the audit log then shows.
- An administrator lists, adds and edits only the staff, officers, units, letterheads and calendar rows of the
  units below their own (``thads.org.scope``), can choose only such units in a form, cannot attach an officer
  record to a login outside that subtree, cannot create a root unit nor detach a unit from the tree; their own
  unit and the units above are read-only. National rows (no unit) are for superusers only.
- Levels and titles carry powers (``stats.tasks.may_rebuild``, ``org.audit_views.sees_unitless_rows``,
  ``cases.imports_web.may_import`` trust ``Unit.level``), so an administrator cannot raise them: a unit he adds or
  edits gets a level strictly below its parent's (national > province > district/regional), never province or
  national; he never assigns the title ``inspector`` (oversight is not appointed by the overseen: Luật Thanh tra
  2022), and ``admin`` only to users of units strictly below his own. He may create heads, deputies and officers of
  his subtree (his job in the legacy system), but resetting the password of a head, deputy, administrator or
  inspector, or his own through the admin, is for superusers (he uses the normal password change). The choices
  offered say so, and the same rules are checked again on save (a crafted POST changes nothing).
- Every add, change and delete made in the admin writes an audit row with the before and after values, in the
  admin's own transaction (``AuditedAdmin``; Decree 13/2023/NĐ-CP Art. 27 on logging the processing of personal
  data).
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thads.domain.roles import Title
from thads.org.audit import audit_write, snapshot
from thads.org.models import Officer, Unit, UnitLevel, User
from thads.org.scope import Action, allowed, scope_queryset, sees_everything, visible_units

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
    if title == Title.INSPECTOR:
        return "title", INSPECTOR_REFUSED
    if title == Title.ADMIN:
        own = getattr(user, "unit", None)
        below = own is not None and unit is not None and unit.pk != own.pk and unit.path.startswith(own.path)
        if not below:
            return "unit" if stored is not None and stored.title == title else "title", ADMIN_TITLE_REFUSED
    return None


class AuditedAdmin(admin.ModelAdmin):
    """Writes ``audit_write`` for every add, change and delete made through this admin, inside the admin's
    transaction (``changeform_view`` and ``delete_view`` are atomic; bulk deletes are made atomic here).

    The action is ``<app>.<model>.add|change|delete``; ``before``/``after`` are ``audit.snapshot`` of the row read
    from the database before the form touched it and after the form and its many-to-many fields were saved.
    """

    #: Many-to-many fields recorded beside the concrete ones (as sorted lists of ids).
    audit_m2m: tuple[str, ...] = ()

    def audit_state(self, obj) -> dict:
        data = snapshot(obj)
        for name in self.audit_m2m:
            data[name] = sorted(getattr(obj, name).values_list("pk", flat=True)) if obj.pk else []
        return data

    def audit_action(self, verb: str) -> str:
        return f"{self.opts.app_label}.{self.opts.model_name}.{verb}"

    def save_model(self, request, obj, form, change):
        before = None
        if change and obj.pk is not None:
            # ``obj`` already holds the form's values: read the stored row for the "before".
            stored = type(obj)._default_manager.filter(pk=obj.pk).first()
            before = self.audit_state(stored) if stored is not None else None
        obj._audit_before = before
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if getattr(obj, "_audit_done", False):  # the do_* action the admin called wrote the row already
            return
        audit_write(request.user, self.audit_action("change" if change else "add"), obj,
                    before=getattr(obj, "_audit_before", None), after=self.audit_state(obj))

    def delete_model(self, request, obj):
        before = self.audit_state(obj)
        pk = obj.pk
        super().delete_model(request, obj)
        obj.pk = pk  # the row names the deleted object
        audit_write(request.user, self.audit_action("delete"), obj, before=before, after=None)

    def delete_queryset(self, request, queryset):
        with transaction.atomic(using=router.db_for_write(self.model)):
            for obj in queryset:
                self.delete_model(request, obj)


class ScopedAdmin(AuditedAdmin):
    """Rows are listed, viewed and changed only within the user's subtree; units offered in forms likewise."""

    unit_field = "unit"

    def get_queryset(self, request):
        return scope_queryset(request.user, super().get_queryset(request), unit_field=self.unit_field)

    def _unit_of(self, obj):
        return obj if self.unit_field == "self" else getattr(obj, self.unit_field, None)

    def has_change_permission(self, request, obj=None):
        # Superusers also manage rows without a unit (national rows, accounts without a unit).
        if obj is not None and not sees_everything(request.user) and \
                not allowed(request.user, Action.ADMINISTER, self._unit_of(obj)):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # history is never deleted: close a unit with valid_to, deactivate a user

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Unit:
            kwargs["queryset"] = visible_units(request.user)
            if not sees_everything(request.user):
                # Only a superuser may leave the unit empty: a row without a unit is national (or, for a unit,
                # a root of the tree), outside every administrator's scope.
                kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Unit)
class UnitAdmin(ScopedAdmin):
    unit_field = "self"
    list_display = ("code", "name", "level", "parent", "valid_from", "valid_to")
    list_filter = ("level",)
    search_fields = ("code", "name")
    ordering = ("path",)

    def has_change_permission(self, request, obj=None):
        # An administrator's own unit is read-only (the units above are not even listed): moving it would take
        # the administrator's subtree, or the administrator, out of the tree they were given.
        user = request.user
        if obj is not None and not sees_everything(user) and obj.pk == getattr(user, "unit_id", None):
            return False
        return super().has_change_permission(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        actor = request.user
        if sees_everything(actor) or "level" not in form.base_fields:
            return form
        stored = Unit.objects.filter(pk=obj.pk).first() if obj is not None else None

        class LevelGuardedForm(form):
            def clean(self):
                data = super().clean()
                parent = data.get("parent", stored.parent if stored is not None else None)
                level = data.get("level")
                if level and (message := level_refusal(actor, level, parent, stored)):
                    self.add_error("level", message)
                return data

        # Offered: what he may give under some unit of his subtree, and the stored level (re-saving a unit a
        # superuser set up must not fail on it). Only the widget is narrowed: any other value posted reaches
        # ``clean``, which says why in Vietnamese. (Set after subclassing: a model form's subclass builds its
        # fields afresh.)
        levels = {lv for unit in visible_units(actor) for lv in allowed_levels(actor, unit)}
        if stored is not None:
            levels.add(stored.level)
        field = LevelGuardedForm.base_fields["level"]
        field.widget.choices = [(v, label) for v, label in field.choices if v in levels]
        return LevelGuardedForm

    def save_model(self, request, obj, form, change):
        # Checked again on save, whatever form reached here.
        stored = Unit.objects.filter(pk=obj.pk).first() if change and obj.pk else None
        if level_refusal(request.user, obj.level, obj.parent, stored):
            raise PermissionDenied(LEVEL_REFUSED)
        obj.full_clean()
        super().save_model(request, obj, form, change)


def _without(fieldsets, names) -> tuple:
    """``fieldsets`` without the fields ``names`` (and without the sections left empty)."""
    out = []
    for title, options in fieldsets:
        fields = tuple(f for f in options.get("fields", ()) if f not in names)
        if fields:
            out.append((title, {**options, "fields": fields}))
    return tuple(out)


def password_refusal(user, target: User) -> str | None:
    """Why ``user`` may not set ``target``'s password on the admin's password page, or None."""
    if sees_everything(user):
        return None
    if target.pk == user.pk:
        return OWN_PASSWORD_REFUSED
    if target.title in PROTECTED_PASSWORD_TITLES:
        return PASSWORD_REFUSED
    return None


@admin.register(User)
class StaffAdmin(ScopedAdmin, UserAdmin):
    list_display = ("username", "full_name", "title", "unit", "is_active")
    list_filter = ("title", "is_active")
    search_fields = ("username", "full_name")
    fieldsets = UserAdmin.fieldsets + ((_("Position"), {"fields": ("full_name", "unit", "title")}),)
    add_fieldsets = UserAdmin.add_fieldsets + ((_("Position"), {"fields": ("full_name", "unit", "title")}),)
    audit_m2m = ("groups", "user_permissions")

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if not sees_everything(request.user):
            # A superuser's account (its password, its activity) is not an administrator's to manage, nor an
            # inspector's: oversight is not edited, moved or deactivated by those it oversees.
            queryset = queryset.filter(is_superuser=False).exclude(title=Title.INSPECTOR)
        return queryset

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if sees_everything(request.user):
            return fieldsets
        return _without(fieldsets, SUPERUSER_ONLY_FIELDS)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        actor = request.user
        if sees_everything(actor):
            return form
        stored = User.objects.select_related("unit").filter(pk=obj.pk).first() if obj is not None else None

        class TitleGuardedForm(form):
            def clean(self):
                data = super().clean()
                title = data.get("title", stored.title if stored is not None else "")
                unit = data.get("unit", stored.unit if stored is not None else None)
                refusal = title_refusal(actor, title, unit, stored)
                if refusal is not None:
                    field, message = refusal
                    self.add_error(field if field in self.fields else None, message)
                return data

        if "title" in TitleGuardedForm.base_fields:  # (after subclassing: the subclass builds its fields afresh)
            # Inspectors are appointed by superusers only; a stored inspector's title stays shown as it is. Only
            # the widget is narrowed: a crafted value reaches ``clean``, which says why.
            field = TitleGuardedForm.base_fields["title"]
            keep = stored.title if stored is not None else None
            field.widget.choices = [(v, label) for v, label in field.choices if v != Title.INSPECTOR or v == keep]
        return TitleGuardedForm

    def save_model(self, request, obj, form, change):
        # Checked again on save, whatever form reached here.
        stored = User.objects.select_related("unit").filter(pk=obj.pk).first() if change and obj.pk else None
        refusal = title_refusal(request.user, obj.title, obj.unit, stored)
        if refusal is not None:
            raise PermissionDenied(refusal[1])
        super().save_model(request, obj, form, change)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            readonly += [f for f in OWN_RECORD_READONLY if f not in readonly]
        if obj is not None and not sees_everything(request.user):
            readonly += ["last_login", "date_joined"]
        return readonly

    def user_change_password(self, request, id, form_url=""):
        """The password page of a user: scoped like the change form (``get_object`` reads the scoped queryset,
        so another subtree's user or a superuser is a 404), and audited when the password changed."""
        target = self.get_object(request, unquote(id))
        refusal = password_refusal(request.user, target) if target is not None else None
        if refusal is not None:  # nothing is written; the change page says why
            messages.error(request, refusal)
            return redirect(reverse(f"{self.admin_site.name}:org_user_change", args=[target.pk]))
        before = target.password if target is not None else None
        with transaction.atomic(using=router.db_for_write(self.model)):
            response = super().user_change_password(request, id, form_url)
            if target is not None and request.method == "POST":
                target.refresh_from_db(fields=["password"])
                if target.password != before:
                    audit_write(request.user, "org.user.password", target, before={"password": "set"},
                                after={"password": "changed"})
        return response


@admin.register(Officer)
class OfficerAdmin(ScopedAdmin):
    list_display = ("code", "name", "unit", "user")
    search_fields = ("code", "name")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            users = User.objects.order_by("username")
            if not sees_everything(request.user):
                # An officer record is tied only to a login of the administrator's subtree (never a superuser).
                users = scope_queryset(request.user, users.filter(is_superuser=False))
            kwargs["queryset"] = users
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
