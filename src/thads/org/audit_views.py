"""The inspector's view of the audit log (issue 12): a searchable page, one event's details, an XLSX download.

Who may open it: inspectors (title ``inspector``, Luật Thanh tra 2022) and superusers; everybody else gets 403.
An inspector sees the rows of the units of their subtree (``thads.org.scope``). Rows with no unit (failed logins of
usernames that do not exist, commands run without a user) belong to no subtree: they concern the whole country, so
they are shown only to superusers and to inspectors of the national unit (a root unit of level ``national``, whose
scope is then the whole tree); a provincial or branch inspector does not see them.

The log tells who saw personal data, but is not itself personal data, except for the before/after JSON of a write,
which may hold ID numbers and addresses (Decree 13/2023/NĐ-CP): it is shown (event page, XLSX) only to those with
``Action.PERSONAL_DATA`` on the row's unit, and showing it leaves a read row (``audit_read``) like any other view of
personal data. The list page shows no before/after.

The log is append-only: nothing here writes to it except those read rows. ``thads audit`` (the management command)
filters with the same ``filtered_events``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thads.org.audit import audit_read
from thads.org.capabilities import Capability, can
from thads.org.models import AuditEvent, AuditKind, UnitLevel
from thads.org.scope import Action, allowed, sees_everything, visible_units

PAGE_SIZE = 50
KINDS = tuple(AuditKind.values)  # read, write, auth
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def may_read_audit(user) -> bool:
    """Inspectors (``Capability.READ_AUDIT``) and superusers read the log; nobody else."""
    return can(user, Capability.READ_AUDIT)


def sees_unitless_rows(user) -> bool:
    """Rows with no unit (see the module docstring): superusers, and inspectors of the national unit. A provincial
    inspector does not: those rows are the whole country's, beyond his province (and a level alone is not trusted
    without the place in the tree: a national unit is a root)."""
    if sees_everything(user):
        return True
    if not can(user, Capability.READ_AUDIT):
        return False
    unit = user.unit
    return unit.level == UnitLevel.NATIONAL and unit.parent_id is None


def visible_events(user) -> QuerySet[AuditEvent]:
    """The rows of the log ``user`` may list (nothing for those who may not read the log)."""
    qs = AuditEvent.objects.all()
    if not may_read_audit(user):
        return qs.none()
    if sees_everything(user):
        return qs
    # The units come from thads.org.scope (the one place deciding access); unit-less rows are added explicitly.
    visible = Q(unit_id__in=list(visible_units(user).values_list("id", flat=True)))
    return qs.filter(visible | Q(unit__isnull=True)) if sees_unitless_rows(user) else qs.filter(visible)


def may_see_changes(user, event: AuditEvent) -> bool:
    """Whether the before/after JSON of ``event`` may be shown to ``user``."""
    if event.unit_id is None:
        return sees_unitless_rows(user) and may_read_audit(user)
    return allowed(user, Action.PERSONAL_DATA, event.unit)


@dataclass(frozen=True)
class AuditFilters:
    username: str = ""
    case: str = ""
    since: date | None = None
    until: date | None = None
    kind: str = ""
    action: str = ""


def parse_date(value: str) -> date:
    """``dd/mm/yyyy`` or ``yyyy-mm-dd``; ValueError otherwise."""
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(f"not a date (dd/mm/yyyy or yyyy-mm-dd): {value!r}")


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def filtered_events(filters: AuditFilters, qs: QuerySet[AuditEvent] | None = None) -> QuerySet[AuditEvent]:
    """``qs`` (default: every row) narrowed by ``filters``; dates are local days, both ends inclusive."""
    qs = AuditEvent.objects.all() if qs is None else qs
    if filters.username:
        qs = qs.filter(username=filters.username.strip())
    if filters.case:
        case = filters.case.strip()
        qs = qs.filter(case_ext_id__in={case, case.upper()})
    if filters.since:
        qs = qs.filter(at__gte=_day_start(filters.since))
    if filters.until:
        qs = qs.filter(at__lt=_day_start(filters.until + timedelta(days=1)))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.action:
        qs = qs.filter(Q(action__icontains=filters.action.strip()) | Q(object_repr__icontains=filters.action.strip()))
    return qs


class AuditFilterForm(forms.Form):
    user = forms.CharField(label=_("Username"), max_length=150, required=False)
    case = forms.CharField(label=_("Case"), max_length=64, required=False,
                           widget=forms.TextInput(attrs={"placeholder": "HUE-KV1-2026-00012"}))
    since = forms.DateField(label=_("From"), required=False, input_formats=DATE_FORMATS,
                            widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy",
                                                                             "class": "date"}))
    until = forms.DateField(label=_("To"), required=False, input_formats=DATE_FORMATS,
                            widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy",
                                                                             "class": "date"}))
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "—"), *AuditKind.choices])
    action = forms.CharField(label=_("Action"), max_length=64, required=False)

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data

    def filters(self) -> AuditFilters:
        d = self.cleaned_data
        return AuditFilters(username=d.get("user") or "", case=d.get("case") or "", since=d.get("since"),
                            until=d.get("until"), kind=d.get("kind") or "", action=d.get("action") or "")


def _require_reader(request: HttpRequest) -> None:
    if not may_read_audit(request.user):
        raise PermissionDenied


def _listed(request: HttpRequest) -> tuple[AuditFilterForm, QuerySet[AuditEvent]]:
    """The page's and the download's rows: the filters of the GET parameters within the user's rows, newest first.
    Invalid filters list nothing (the form shows why) rather than everything."""
    form = AuditFilterForm(request.GET or None)
    rows = visible_events(request.user)
    if form.is_bound:
        rows = filtered_events(form.filters(), rows) if form.is_valid() else rows.none()
    return form, rows.select_related("unit").order_by("-at", "-id")


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """The audit log, filtered, 50 rows a page. No before/after here (see the event page)."""
    _require_reader(request)
    form, rows = _listed(request)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "org/audit_log.html", {"form": form, "page_obj": page})


@login_required
def audit_event(request: HttpRequest, pk: int) -> HttpResponse:
    """One row of the log; its before/after when the user may see the unit's personal data (a read row then)."""
    _require_reader(request)
    event = visible_events(request.user).select_related("unit", "user").filter(pk=pk).first()
    if event is None:
        raise Http404
    show_changes = may_see_changes(request.user, event) and (event.before is not None or event.after is not None)
    if show_changes:
        audit_read(request.user, "audit.event.view", event, unit=event.unit, fields=["before", "after"],
                   case_ext_id=event.case_ext_id)
    return render(request, "org/audit_event.html", {
        "event": event, "show_changes": show_changes,
        "before": _pretty(event.before) if show_changes else "", "after": _pretty(event.after) if show_changes else "",
    })


def _pretty(value) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


def _compact(value) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def event_object(event: AuditEvent) -> str:
    """The object as the page and the command print it: its text, else type and id."""
    if event.object_repr:
        return event.object_repr
    return f"{event.object_type} #{event.object_id}" if event.object_type else ""


def _xlsx_columns():
    from thads.org.spreadsheet import Column

    return (
        Column(_("Time"), 20), Column(_("Username"), 18), Column(_("Kind"), 10), Column(_("Action"), 24),
        Column(_("Object"), 36), Column(_("Case"), 22), Column(_("Unit"), 14), Column(_("Address"), 16),
        Column(_("Request id"), 34), Column(_("Source"), 14), Column(_("Before"), 40), Column(_("After"), 40),
    )


@login_required
def audit_log_xlsx(request: HttpRequest) -> HttpResponse:
    """The page's rows (its filters, its scope) as XLSX, with before/after where the user may see them; one read row
    records how many rows' changes the file holds."""
    from thads.org.spreadsheet import MAX_ROWS, xlsx_response

    _require_reader(request)
    _form, rows = _listed(request)
    shown = {"changes": 0}

    def lines() -> Iterator[list]:
        for ev in rows[: MAX_ROWS + 1].iterator(chunk_size=2000):
            changes = may_see_changes(request.user, ev) and (ev.before is not None or ev.after is not None)
            shown["changes"] += changes
            yield [timezone.localtime(ev.at).strftime("%d/%m/%Y %H:%M:%S"), ev.username, ev.kind, ev.action,
                   event_object(ev), ev.case_ext_id, ev.unit.code if ev.unit_id else "", ev.ip or "", ev.request_id,
                   ev.source, _compact(ev.before) if changes else "", _compact(ev.after) if changes else ""]

    today = timezone.localdate()
    response = xlsx_response(lines(), _xlsx_columns(), sheet=_("Audit log"), limit=MAX_ROWS,
                             filename=f"nhat-ky-{today:%Y%m%d}.xlsx")
    if shown["changes"]:
        audit_read(request.user, "audit.export", None, fields=["before", "after"], count=shown["changes"],
                   object_repr="audit log XLSX")
    return response


def filters_from_options(options: Mapping) -> AuditFilters:
    """The command's options as filters; ValueError (one line) for a malformed date or an unknown kind."""
    kind = (options.get("kind") or "").strip().lower()
    if kind and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    since = parse_date(options["since"]) if options.get("since") else None
    until = parse_date(options["until"]) if options.get("until") else None
    return AuditFilters(username=options.get("user") or "", case=options.get("case") or "", since=since,
                        until=until, kind=kind, action=options.get("action") or "")
