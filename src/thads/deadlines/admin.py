from __future__ import annotations

from django.contrib import admin

from thads.deadlines.models import CalendarDay


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("day", "kind", "unit", "source")
    list_filter = ("kind",)
    date_hierarchy = "day"
