"""The emulation context in the Django admin (issue 17): read-mostly, for the technical root account's repairs.

The work is done on the emulation pages; here every add, change and delete of a target, a campaign, a council
member or a good practice is the same ``do_*`` action as on the pages (``thads.org.admin.ActionAdmin``: the action
checks the rule again, writes the row and its audit row). Nominations, their steps and commendations are read-only:
a nomination moves only through its workflow, and its history is never edited. Lists are scoped like the pages
(``org.scope``); the administrators' group holds no right on these models, so only superusers use them unless a
right is granted.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q

from thads.emulation import actions
from thads.emulation.models import (
    Campaign,
    Commendation,
    CouncilMember,
    GoodPractice,
    Nomination,
    NominationEvent,
    Target,
)
from thads.emulation.queries import visible_campaigns, visible_commendations, visible_nominations
from thads.org.admin import ActionAdmin
from thads.org.scope import scope_queryset, sees_everything


def _copy_back(obj, saved) -> None:
    """Give the admin's object the saved row's values and state (the action wrote another instance)."""
    for f in type(saved)._meta.concrete_fields:
        setattr(obj, f.attname, getattr(saved, f.attname))
    obj._state = saved._state


class ReadOnlyAdmin(admin.ModelAdmin):
    """Listed and opened, never added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Target)
class TargetAdmin(ActionAdmin):
    list_display = ("year", "issuer", "unit", "officer", "cases_rate", "money_rate", "decision_no", "source")
    list_filter = ("year", "issuer")
    raw_id_fields = ("officer",)
    readonly_fields = ("issuing_unit", "created_by", "created_at", "updated_at")

    def get_readonly_fields(self, request, obj=None):
        key = ("year", "issuer", "unit", "officer") if obj is not None else ()
        return key + self.readonly_fields

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if sees_everything(request.user):
            return queryset
        scoped = scope_queryset(request.user, queryset).values("pk")
        return queryset.filter(Q(pk__in=scoped) | Q(unit__isnull=True))  # the national line: read by all

    def save_action(self, request, obj, form):
        saved = actions.do_set_target(
            request.user, year=obj.year, issuer=obj.issuer, unit=obj.unit, officer=obj.officer,
            cases_rate=obj.cases_rate, money_rate=obj.money_rate, cases_completed=obj.cases_completed,
            money_recovered=obj.money_recovered, backlog_reduction=obj.backlog_reduction,
            decision_no=obj.decision_no, decided_on=obj.decided_on, source=obj.source, note=obj.note)
        _copy_back(obj, saved)

    def delete_action(self, request, obj):
        actions.do_delete_target(request.user, obj)


@admin.register(Campaign)
class CampaignAdmin(ActionAdmin):
    list_display = ("name", "unit", "starts_on", "ends_on", "closed")
    list_filter = ("closed",)
    readonly_fields = ("closed", "created_by", "created_at")
    filter_horizontal = ("units",)

    def get_queryset(self, request):
        return visible_campaigns(request.user)

    def has_delete_permission(self, request, obj=None):
        return False  # nominations and commendations point at it: close it instead

    def save_action(self, request, obj, form):
        saved = actions.do_save_campaign(
            request.user, obj if obj.pk else None, name=obj.name, unit=obj.unit, starts_on=obj.starts_on,
            ends_on=obj.ends_on, criteria=obj.criteria, units=form.cleaned_data.get("units") or ())
        _copy_back(obj, saved)


@admin.register(CouncilMember)
class CouncilMemberAdmin(ActionAdmin):
    list_display = ("unit", "user", "role", "created_at")
    raw_id_fields = ("user",)

    def get_queryset(self, request):
        return scope_queryset(request.user, super().get_queryset(request))

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)  # remove and name again

    def save_action(self, request, obj, form):
        saved = actions.do_add_council_member(request.user, unit=obj.unit, member=obj.user, role=obj.role)
        _copy_back(obj, saved)

    def delete_action(self, request, obj):
        actions.do_remove_council_member(request.user, obj)


@admin.register(Nomination)
class NominationAdmin(ReadOnlyAdmin):
    list_display = ("title", "year", "kind", "nominee_officer", "nominee_user", "nominee_unit", "unit", "state",
                    "proposed_on")
    list_filter = ("state", "title", "year")

    def get_queryset(self, request):
        return visible_nominations(request.user)


@admin.register(NominationEvent)
class NominationEventAdmin(ReadOnlyAdmin):
    list_display = ("nomination", "seq", "step", "from_state", "to_state", "on", "user", "unit")
    list_filter = ("step",)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(
            nomination__in=visible_nominations(request.user).values("pk")).select_related("nomination", "user")


@admin.register(Commendation)
class CommendationAdmin(ReadOnlyAdmin):
    list_display = ("title", "year", "recipient_officer", "recipient_user", "recipient_unit", "decision_no",
                    "decided_on", "issuer")
    list_filter = ("title", "year")

    def get_queryset(self, request):
        return visible_commendations(request.user)


@admin.register(GoodPractice)
class GoodPracticeAdmin(ActionAdmin):
    list_display = ("title", "kind", "unit", "author", "affects_order", "year", "created_at")
    list_filter = ("kind", "affects_order")
    search_fields = ("title",)
    raw_id_fields = ("officers", "cases")
    readonly_fields = ("author", "created_at", "updated_at")

    def get_queryset(self, request):
        return scope_queryset(request.user, super().get_queryset(request))

    def save_action(self, request, obj, form):
        data = form.cleaned_data
        saved = actions.do_save_practice(
            request.user, obj if obj.pk else None, kind=obj.kind, title=obj.title, summary=obj.summary,
            body=obj.body, unit=obj.unit, officers=data.get("officers") or (), cases=data.get("cases") or (),
            affects_order=obj.affects_order, year=obj.year)
        _copy_back(obj, saved)

    def delete_action(self, request, obj):
        actions.do_delete_practice(request.user, obj)
