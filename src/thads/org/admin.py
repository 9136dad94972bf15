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
- Every add, change and delete made in the admin writes an audit row with the before and after values, in the
  admin's own transaction (``AuditedAdmin``; Decree 13/2023/NĐ-CP Art. 27 on logging the processing of personal
  data).
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.db import router, transaction
from django.utils.translation import gettext_lazy as _

from thads.org.audit import audit_write, snapshot
from thads.org.models import Officer, Unit, User
from thads.org.scope import Action, allowed, scope_queryset, sees_everything, visible_units

#: User fields that carry rights beyond the title: only a superuser may see or set them.
SUPERUSER_ONLY_FIELDS = ("is_superuser", "is_staff", "groups", "user_permissions")
#: Fields of one's own record nobody may change (their position decides their scope and their acts).
OWN_RECORD_READONLY = ("title", "unit")


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

    def save_model(self, request, obj, form, change):
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
            # A superuser's account (its password, its activity) is not an administrator's to manage.
            queryset = queryset.filter(is_superuser=False)
        return queryset

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if sees_everything(request.user):
            return fieldsets
        return _without(fieldsets, SUPERUSER_ONLY_FIELDS)

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
