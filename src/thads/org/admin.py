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
- Every add, change and delete made in the admin is a ``do_*`` action (``ActionAdmin``: ``thads.org.actions``
  and the actions of the other contexts), which checks these rules again and writes one audit row with the before
  and after values, in the admin's own transaction (Decree 13/2023/NĐ-CP Art. 27 on logging the processing of
  personal data). The rules themselves are ``thads.org.admin_rules``.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thads.domain.roles import Title
from thads.lib.errors import Refused
from thads.org.actions import do_save_officer, do_save_staff, do_save_unit, do_set_password, may_administer
from thads.org.admin_rules import (
    OWN_RECORD_READONLY,
    SUPERUSER_ONLY_FIELDS,
    allowed_levels,
    level_refusal,
    password_refusal,
    title_refusal,
)
from thads.org.audit import current_context
from thads.org.models import Officer, Unit, User
from thads.org.scope import scope_queryset, sees_everything, visible_units


class ActionAdmin(admin.ModelAdmin):
    """Every add, change and delete made through this admin is a ``do_*`` action (which checks the rule, writes the
    row and its one audit row): subclasses say which in ``save_action`` and ``delete_action``. A refusal of the
    action (``thads.lib.errors.Refused``) answers 403 with its message; the admin's transaction rolls back.
    Many-to-many fields are saved by the action (from the form), so ``save_related`` saves only inline formsets.
    Bulk deletes call the action row by row, in one transaction."""

    def save_action(self, request, obj, form):
        raise NotImplementedError(f"{type(self).__name__} must save through a do_* action")

    def delete_action(self, request, obj):
        raise PermissionDenied

    def save_model(self, request, obj, form, change):
        try:
            self.save_action(request, obj, form)
        except Refused as exc:
            raise PermissionDenied(exc.message) from None

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        try:
            self.delete_action(request, obj)
        except Refused as exc:
            raise PermissionDenied(exc.message) from None

    def delete_queryset(self, request, queryset):
        with transaction.atomic(using=router.db_for_write(self.model)):
            for obj in queryset:
                self.delete_model(request, obj)


class ScopedAdmin(ActionAdmin):
    """Rows are listed, viewed and changed only within the user's subtree; units offered in forms likewise."""

    unit_field = "unit"

    def get_queryset(self, request):
        return scope_queryset(request.user, super().get_queryset(request), unit_field=self.unit_field)

    def _unit_of(self, obj):
        return obj if self.unit_field == "self" else getattr(obj, self.unit_field, None)

    def has_change_permission(self, request, obj=None):
        # Superusers also manage rows without a unit (national rows, accounts without a unit).
        if obj is not None and not may_administer(request.user, self._unit_of(obj)):
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

    def save_action(self, request, obj, form):
        # The rules are checked again by the action, whatever form reached here.
        do_save_unit(request.user, obj)


def _without(fieldsets, names) -> tuple:
    """``fieldsets`` without the fields ``names`` (and without the sections left empty)."""
    out = []
    for title, options in fieldsets:
        fields = tuple(f for f in options.get("fields", ()) if f not in names)
        if fields:
            out.append((title, {**options, "fields": fields}))
    return tuple(out)


class ActionPasswordChangeForm(AdminPasswordChangeForm):
    """The admin's password form, saving through ``do_set_password`` (the acting user is the request's, kept by
    the audit context of ``AuditContextMiddleware``)."""

    def save(self, commit=True):
        usable = self.cleaned_data.get("set_usable_password", True)
        password = self.cleaned_data.get("password1") if usable else None
        if not commit:  # (the admin always commits; kept for the form's contract)
            return self.set_password_and_save(self.user, commit=False)
        return do_set_password(current_context().user, self.user, password)


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

    change_password_form = ActionPasswordChangeForm

    def save_action(self, request, obj, form):
        # The rules are checked again by the action, whatever form reached here. The groups and permissions are in
        # the form of superusers only.
        m2m = {name: form.cleaned_data[name] for name in ("groups", "user_permissions") if name in form.cleaned_data}
        do_save_staff(request.user, obj, m2m=m2m or None)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            readonly += [f for f in OWN_RECORD_READONLY if f not in readonly]
        if obj is not None and not sees_everything(request.user):
            readonly += ["last_login", "date_joined"]
        return readonly

    def user_change_password(self, request, id, form_url=""):
        """The password page of a user: scoped like the change form (``get_object`` reads the scoped queryset,
        so another subtree's user or a superuser is a 404); the form saves through ``do_set_password`` (audited)."""
        target = self.get_object(request, unquote(id))
        refusal = password_refusal(request.user, target) if target is not None else None
        if refusal is not None:  # nothing is written; the change page says why
            messages.error(request, refusal)
            return redirect(reverse(f"{self.admin_site.name}:org_user_change", args=[target.pk]))
        try:
            return super().user_change_password(request, id, form_url)
        except Refused as exc:  # ``do_set_password`` checks again: its refusal is a 403, never a 500
            raise PermissionDenied(exc.message) from None


@admin.register(Officer)
class OfficerAdmin(ScopedAdmin):
    list_display = ("code", "name", "unit", "user")
    search_fields = ("code", "name")

    def save_action(self, request, obj, form):
        do_save_officer(request.user, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            users = User.objects.order_by("username")
            if not sees_everything(request.user):
                # An officer record is tied only to a login of the administrator's subtree (never a superuser).
                users = scope_queryset(request.user, users.filter(is_superuser=False))
            kwargs["queryset"] = users
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
