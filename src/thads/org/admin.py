"""Administration of units and staff, scoped: an administrator manages only their unit's subtree."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from thads.org.models import Officer, Unit, User
from thads.org.scope import Action, allowed, scope_queryset, visible_units


class ScopedAdmin(admin.ModelAdmin):
    unit_field = "unit"

    def get_queryset(self, request):
        return scope_queryset(request.user, super().get_queryset(request), unit_field=self.unit_field)

    def _unit_of(self, obj):
        return obj if self.unit_field == "self" else getattr(obj, self.unit_field, None)

    def has_change_permission(self, request, obj=None):
        if obj is not None and not allowed(request.user, Action.ADMINISTER, self._unit_of(obj)):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # history is never deleted: close a unit with valid_to, deactivate a user

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Unit:
            kwargs["queryset"] = visible_units(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Unit)
class UnitAdmin(ScopedAdmin):
    unit_field = "self"
    list_display = ("code", "name", "level", "parent", "valid_from", "valid_to")
    list_filter = ("level",)
    search_fields = ("code", "name")
    ordering = ("path",)

    def save_model(self, request, obj, form, change):
        obj.full_clean()
        super().save_model(request, obj, form, change)


@admin.register(User)
class StaffAdmin(ScopedAdmin, UserAdmin):
    list_display = ("username", "full_name", "title", "unit", "is_active")
    list_filter = ("title", "is_active")
    search_fields = ("username", "full_name")
    fieldsets = UserAdmin.fieldsets + ((_("Position"), {"fields": ("full_name", "unit", "title")}),)
    add_fieldsets = UserAdmin.add_fieldsets + ((_("Position"), {"fields": ("full_name", "unit", "title")}),)


@admin.register(Officer)
class OfficerAdmin(ScopedAdmin):
    list_display = ("code", "name", "unit", "user")
    search_fields = ("code", "name")
