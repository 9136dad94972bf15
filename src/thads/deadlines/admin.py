"""The administrator's calendar rows (THADS.md §9), scoped (issue 12).

A row with a unit (a unit's closure, a local day off) is managed by the administrators of that unit's subtree; a
national row (no unit: public holidays, nationwide swaps, which the Government decides) is shown to every
administrator but changed, added or deleted by superusers only. Every add, change and delete is a ``do_*`` action
of ``thads.deadlines.actions`` (``thads.org.admin.ActionAdmin``), which checks this again and audits it; run ``thads recompute-deadlines`` after a change of the calendar.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q

from thads.deadlines.actions import do_delete_calendar_day, do_save_calendar_day
from thads.deadlines.models import CalendarDay
from thads.org.actions import may_administer
from thads.org.admin import ScopedAdmin
from thads.org.scope import scope_queryset, sees_everything


@admin.register(CalendarDay)
class CalendarDayAdmin(ScopedAdmin):
    list_display = ("day", "kind", "unit", "source")
    list_filter = ("kind",)
    date_hierarchy = "day"

    def get_queryset(self, request):
        queryset = admin.ModelAdmin.get_queryset(self, request)
        if sees_everything(request.user):
            return queryset
        scoped = scope_queryset(request.user, queryset).values("pk")
        # National rows are listed (they shape every deadline) but read-only: see has_change_permission.
        return queryset.filter(Q(pk__in=scoped) | Q(unit__isnull=True))

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.unit_id is None and not sees_everything(request.user):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # A wrong row may be removed (audited) by whoever may change it.
        if obj is not None and not may_administer(request.user, obj.unit):
            return False
        return admin.ModelAdmin.has_delete_permission(self, request, obj)

    def save_action(self, request, obj, form):
        do_save_calendar_day(request.user, obj)

    def delete_action(self, request, obj):
        do_delete_calendar_day(request.user, obj)
