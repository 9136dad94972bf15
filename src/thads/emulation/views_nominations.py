"""Emulation campaigns, nominations and the evidence sheet (issue 17; THADS.md §7): thin pages over
:mod:`thads.emulation.actions` (the writers), :mod:`thads.emulation.permissions` (who may take which step: the page
shows only those buttons and refuses the others with 403) and :mod:`thads.emulation.queries` (what the user may
see: another unit's campaign or nomination is not found). The evidence sheet of a nominee is read from THADS's own
figures (:mod:`thads.emulation.evidence`) and downloads as XLSX and DOCX, each download audited.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thads.domain.emulation import NominationStep, title_label
from thads.emulation import actions, permissions, queries
from thads.emulation.forms import STEP_FORMS, CampaignForm, ProposeForm
from thads.emulation.forms_common import RECIPIENT_LABELS, STATE_LABELS, STEP_LABELS, label
from thads.emulation.forms_filters import NominationFilter
from thads.emulation.models import Campaign, CouncilMember, Nomination
from thads.emulation.views_common import (
    form_page,
    int_param,
    may_manage,
    may_view_progress,
    post_action,
    require,
)
from thads.org.audit import audit_read
from thads.org.models import Officer, Unit, User
from thads.org.scope import covers, scope_queryset, visible_units

PAGE_SIZE = 50

# ------------------------------------------------------------------------------------------------- campaigns


def _campaign(user, pk: int) -> Campaign:
    return get_object_or_404(queries.visible_campaigns(user), pk=pk)


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    campaigns = queries.visible_campaigns(request.user).select_related("unit")
    return render(request, "emulation/campaign_list.html", {
        "campaigns": campaigns, "tab": "campaigns", "can_add": may_manage(request.user)})


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    campaign = _campaign(user, pk)
    # The same scope as the nominations list (queries.visible_nominations), not the deciding unit alone.
    nominations = queries.visible_nominations(user).filter(campaign=campaign)
    return render(request, "emulation/campaign_detail.html", {
        "campaign": campaign, "units": campaign.units.order_by("path"), "tab": "campaigns",
        "nominations": [_nomination_row(n) for n in nominations],
        "can_edit": may_manage(user, campaign.unit), "can_propose": may_manage(user)})


def _campaign_form(request: HttpRequest, campaign: Campaign | None) -> HttpResponse:
    user = request.user
    units = visible_units(user).order_by("path")
    organisers = units.filter(pk__in=[u.pk for u in units if may_manage(user, u)])
    initial = {}
    if campaign is not None:
        initial = {"name": campaign.name, "unit": campaign.unit_id, "starts_on": campaign.starts_on,
                   "ends_on": campaign.ends_on, "criteria": campaign.criteria,
                   "units": list(campaign.units.values_list("pk", flat=True))}
    form = CampaignForm(request.POST or None, initial=initial, units=units, organisers=organisers)
    return form_page(
        request, form, title=_("Edit the campaign") if campaign else _("New emulation campaign"),
        back=reverse("emulation-campaign-detail", args=[campaign.pk]) if campaign else reverse("emulation-campaigns"),
        call=lambda **kw: actions.do_save_campaign(user, campaign, **kw), done=_("The campaign is saved."),
        then=lambda c: reverse("emulation-campaign-detail", args=[c.pk]), context={"tab": "campaigns"})


@login_required
def campaign_new(request: HttpRequest) -> HttpResponse:
    require(may_manage(request.user))
    return _campaign_form(request, None)


@login_required
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request.user, pk)
    require(may_manage(request.user, campaign.unit))
    return _campaign_form(request, campaign)


@login_required
@require_POST
def campaign_close(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request.user, pk)
    require(may_manage(request.user, campaign.unit))
    return post_action(request, lambda: actions.do_close_campaign(request.user, campaign),
                       done=_("The campaign is closed."), back=reverse("emulation-campaign-detail", args=[pk]))


# ------------------------------------------------------------------------------------------------- nominations


def nominee_name(n) -> str:
    """The nominee (or recipient) of a nomination or commendation, as a name."""
    officer = getattr(n, "nominee_officer", None) or getattr(n, "recipient_officer", None)
    person = getattr(n, "nominee_user", None) or getattr(n, "recipient_user", None)
    unit = getattr(n, "nominee_unit", None) or getattr(n, "recipient_unit", None)
    if officer is not None:
        return f"{officer.name} ({officer.code})"
    if person is not None:
        return person.full_name or person.username
    return unit.name if unit is not None else "—"


def evidence_query(n) -> str:
    """The evidence sheet's query string for a nomination's nominee."""
    if n.nominee_officer_id:
        return f"?officer={n.nominee_officer_id}&year={n.year}"
    if n.nominee_user_id:
        return f"?user={n.nominee_user_id}&year={n.year}"
    return f"?unit={n.nominee_unit_id}&year={n.year}"


def _nomination_row(n: Nomination) -> dict:
    return {"n": n, "nominee": nominee_name(n), "title": title_label(n.title), "state": label(STATE_LABELS, n.state),
            "kind": label(RECIPIENT_LABELS, n.kind)}


@login_required
def nomination_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    campaigns = list(queries.visible_campaigns(user))
    filters = NominationFilter(request.GET or None, campaigns=campaigns)
    f = filters.values({})
    rows = queries.visible_nominations(user).select_related("unit", "nominee_officer", "nominee_user",
                                                            "nominee_unit", "campaign")
    if f.get("state"):
        rows = rows.filter(state=f["state"])
    if f.get("year"):
        rows = rows.filter(year=f["year"])
    if f.get("campaign"):
        rows = rows.filter(campaign_id=f["campaign"])
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "emulation/nomination_list.html", {
        "page_obj": page, "rows": [_nomination_row(n) for n in page], "filters": filters, "tab": "nominations",
        "can_add": may_manage(user)})


def _nominee_initial(request: HttpRequest, user) -> dict:
    """The nominee given in the query string (``officer``, ``user``, ``unit`` ids, ``campaign``, ``year``)."""
    initial = {}
    for key, field in (("officer", "officer"), ("user", "nominee_user"), ("unit", "nominee_unit"),
                       ("campaign", "campaign"), ("year", "year")):
        number = int_param(request.GET.get(key))
        if number is not None:
            initial[field] = number
    return initial


@login_required
def nomination_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(may_manage(user))
    units = visible_units(user).order_by("path")
    officers = scope_queryset(user, Officer.objects.select_related("unit")).order_by("unit__path", "name")
    users = scope_queryset(user, User.objects.filter(is_active=True).select_related("unit")) \
        .filter(officer__isnull=True).order_by("unit__path", "full_name")
    # The deciding unit: one the user manages, or one above his own (a branch proposes to the province's council
    # when the title is decided there or the branch has no council); do_propose checks it is above the nominee.
    above = [int(pk) for pk in (user.unit.path if user.unit_id else "").strip("/").split("/") if pk]
    deciding = Unit.objects.filter(pk__in=[u.pk for u in units if may_manage(user, u)] + above).order_by("path")
    campaigns = queries.visible_campaigns(user).filter(closed=False)
    initial = _nominee_initial(request, user)
    if user.unit_id and "unit" not in initial:
        initial["unit"] = user.unit_id
    form = ProposeForm(request.POST or None, initial=initial, units=units, officers=officers, users=users,
                       deciding=deciding, campaigns=campaigns)
    return form_page(request, form, title=_("Propose a commendation"), back=reverse("emulation-nominations"),
                     call=lambda **kw: actions.do_propose(user, **kw),
                     done=_("The nomination is recorded: the council reviews it next."),
                     then=lambda n: reverse("emulation-nomination-detail", args=[n.pk]),
                     context={"tab": "nominations"})


def _nomination(user, pk: int) -> Nomination:
    return get_object_or_404(queries.visible_nominations(user).select_related(
        "unit", "campaign", "nominee_officer", "nominee_user", "nominee_unit", "proposed_by"), pk=pk)


def _event_rows(n: Nomination) -> list[dict]:
    rows = []
    for e in n.events.select_related("user", "unit").order_by("seq"):
        d = e.details or {}
        rows.append({"e": e, "step": label(STEP_LABELS, e.step), "to": label(STATE_LABELS, e.to_state),
                     "from": label(STATE_LABELS, e.from_state) if e.from_state else "",
                     "who": (e.user.full_name or e.user.username) if e.user_id else "—", "details": d})
    return rows


@login_required
def nomination_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    n = _nomination(user, pk)
    steps = [{"step": s.value, "label": STEP_LABELS[NominationStep(s)]} for s in permissions.allowed_steps(user, n)]
    commendation = getattr(n, "commendation", None) if n.state == "decided" else None
    # The figures frozen with the nomination are the nominee's evidence sheet (his complaints upheld, overdue
    # deadlines): shown, and audited, only to who may open the evidence sheet itself, and to the members of the
    # council that reviews this nomination (they vote on these figures: Luật TĐKT 2022, the council advises).
    can_evidence = may_view_progress(user) or may_manage(user)
    on_council = CouncilMember.objects.filter(unit_id=n.unit_id, user_id=user.pk).exists()
    evidence = (sheet_lines(n.evidence) if (can_evidence or on_council) and isinstance(n.evidence, dict)
                and n.evidence else [])
    if evidence:
        audit_read(user, "emulation.nomination.evidence", n, unit=_nominee_unit(n) or n.unit, fields=["evidence"])
    # The link to the live sheet only when the nominee is in the user's scope (the sheet is not found otherwise:
    # a council member of the province sees the nominations of other branches, with their frozen figures).
    nominee_unit = _nominee_unit(n)
    return render(request, "emulation/nomination_detail.html", {
        "row": _nomination_row(n), "n": n, "events": _event_rows(n), "steps": steps, "tab": "nominations",
        "commendation": commendation, "evidence_query": evidence_query(n), "evidence": evidence,
        "can_evidence": can_evidence and nominee_unit is not None and covers(user, nominee_unit)})


def _nominee_unit(n: Nomination):
    if n.nominee_unit_id:
        return n.nominee_unit
    if n.nominee_officer_id:
        return n.nominee_officer.unit
    return n.nominee_user.unit if n.nominee_user_id else None


@login_required
def nomination_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    user = request.user
    if step not in STEP_FORMS:
        raise Http404
    n = _nomination(user, pk)
    require(NominationStep(step) in permissions.allowed_steps(user, n))
    initial = {"issuer": n.unit.name} if step == "decide" else {}
    form = STEP_FORMS[step](request.POST or None, initial=initial)
    done = {"review": _("The council's opinion is recorded."), "decide": _("The decision is recorded."),
            "decline": _("The nomination is declined."), "withdraw": _("The nomination is withdrawn.")}[step]
    back = reverse("emulation-nomination-detail", args=[n.pk])
    return form_page(request, form, title=f"{STEP_LABELS[NominationStep(step)]} — {title_label(n.title)}",
                     back=back, call=lambda **kw: getattr(actions, f"do_{step}")(user, n, **kw), done=done,
                     context={"nomination_row": _nomination_row(n), "tab": "nominations"})


# ------------------------------------------------------------------------------------------------- evidence


def _evidence_subject(request: HttpRequest) -> dict:
    """The nominee of the evidence sheet (``officer``, ``user`` or ``unit`` id) and the year, inside the scope."""
    user = request.user
    if not (may_view_progress(user) or may_manage(user)):
        raise PermissionDenied(_("The evidence sheets are for the heads of units and statisticians."))
    from thads.emulation.views_common import current_period

    year = int_param(request.GET.get("year"))
    if year is None or not 2000 <= year <= 2100:
        year = current_period()[0]
    for key, model in (("officer", Officer), ("user", User), ("unit", Unit)):
        value = request.GET.get(key, "")
        if not value:
            continue
        pk = int_param(value)
        if pk is None:
            raise Http404
        obj = get_object_or_404(model, pk=pk)
        unit = obj if model is Unit else obj.unit
        if unit is None or not covers(user, unit):
            raise Http404
        return {"year": year, key: obj, "unit_of": unit}
    unit = getattr(user, "unit", None) or visible_units(user).filter(parent__isnull=True).first()
    if unit is None:
        raise Http404
    return {"year": year, "unit": unit, "unit_of": unit}


def _sheet(subject: dict) -> dict:
    """The evidence sheet of the subject; a year that has not started is not found."""
    from thads.emulation import evidence

    try:
        return evidence.evidence_sheet(year=subject["year"], officer=subject.get("officer"),
                                       user=subject.get("user"), unit=subject.get("unit"))
    except ValueError:
        raise Http404 from None


def sheet_lines(sheet: dict) -> list[dict]:
    """The sheet's lines for a page (:func:`thads.emulation.evidence.lines`: label, kind, value); a frozen sheet
    of an older shape shows nothing rather than failing."""
    from thads.emulation import evidence

    try:
        return [{"label": label, "kind": kind, "value": value} for label, kind, value in evidence.lines(sheet)]
    except (KeyError, TypeError, ValueError, AttributeError):
        return []


@login_required
def evidence_page(request: HttpRequest) -> HttpResponse:
    subject = _evidence_subject(request)
    sheet = _sheet(subject)
    obj = subject.get("officer") or subject.get("user") or subject.get("unit")
    audit_read(request.user, "emulation.evidence.view", obj, unit=subject["unit_of"], fields=["evidence"])
    return render(request, "emulation/evidence.html", {
        "sheet": sheet, "lines": sheet_lines(sheet), "subject": subject, "query": request.GET.urlencode(), "tab": "nominations"})


def _download(request: HttpRequest, fmt: str) -> HttpResponse:
    from thads.emulation import evidence

    subject = _evidence_subject(request)
    sheet = _sheet(subject)
    obj = subject.get("officer") or subject.get("user") or subject.get("unit")
    audit_read(request.user, f"emulation.evidence.{fmt}", obj, unit=subject["unit_of"], fields=["evidence"])
    if fmt == "xlsx":
        data, ctype = evidence.evidence_xlsx(sheet), \
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        data, ctype = evidence.evidence_docx(sheet), \
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    code = getattr(obj, "code", None) or getattr(obj, "username", None) or obj.pk
    response = HttpResponse(data, content_type=ctype)
    response["Content-Disposition"] = content_disposition_header(True, f"minh-chung-{code}-{subject['year']}.{fmt}")
    return response


@login_required
def evidence_xlsx(request: HttpRequest) -> HttpResponse:
    return _download(request, "xlsx")


@login_required
def evidence_docx(request: HttpRequest) -> HttpResponse:
    return _download(request, "docx")
