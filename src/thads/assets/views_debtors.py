"""The debtor register's pages (issue 15): the list of a unit's debtors (scoped, searched by name; by ID number only
for who may see personal data, and logged), a debtor's page (cases, assets, requests, measures, declaration), an
asset's page, and the forms that register a debtor from a case, record the declaration, send an information
request and its reply, and record an asset. Every write is one action of ``thads.assets.actions``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.assets import actions, labels, page_rows
from thads.assets.forms import (
    AddressUnknownForm,
    AssetForm,
    DeclarationForm,
    InfoRequestForm,
    RegisterDebtorForm,
    ReplyForm,
)
from thads.assets.models import Asset, AssetDisposal, AuctionContract, Debtor, DebtorCase, InfoRequest, Measure
from thads.assets.views_common import HIDDEN, form_page, may, may_step, personal, require, scoped, scoped_case
from thads.cases import choices
from thads.cases.forms import case_state_label
from thads.cases.models import Case
from thads.cases.search import looks_like_identifier, normalise_identifier, search_cases
from thads.domain.auction import AUCTION_TITLES, PROCEEDS_TITLES
from thads.domain.measure_rules import Step
from thads.lib.text import fold
from thads.org.audit import audit_read
from thads.org.scope import Action, allowed, scope_queryset

PAGE_SIZE = 50
SEARCH_CAP = 1000


# ------------------------------------------------------------------------------------------------- the list


def _personal_anywhere(user) -> bool:
    unit = getattr(user, "unit", None)
    return bool(getattr(user, "is_superuser", False) and user.is_active) or (
        unit is not None and allowed(user, Action.PERSONAL_DATA, unit))


def _name_matches(name: str, words: list[str]) -> bool:
    """Every word of the query is a word of the folded name, the last one as a prefix (the case search's rule)."""
    have = fold(name).split()
    *whole, last = words
    return all(w in have for w in whole) and any(h.startswith(last) for h in have)


def search_debtors(user, q: str, *, audit: str = "") -> tuple[object, bool]:
    """The debtors of the user's scope matching ``q``, and whether an ID-number search was refused.

    An ID number (or tax code) is found whole, only by a user who may see personal data, and a search that found
    someone is logged as a read of personal data (``audit`` names the page). A name is matched on its folded words
    (no diacritics): the debtors whose name contains the text, and the debtors of the cases the case search finds
    for it, kept when the name itself holds the words."""
    debtors = scope_queryset(user, Debtor.objects.select_related("unit"))
    q = (q or "").strip()
    if not q:
        return debtors, False
    if looks_like_identifier(q):
        if not _personal_anywhere(user):
            return debtors.none(), True
        found = debtors.filter(id_number__in={q, normalise_identifier(q)})
        hits = list(found.values_list("pk", flat=True)[:SEARCH_CAP])
        if hits and audit:
            audit_read(user, audit, None, fields=["debtor.id_number"], count=len(hits), object_repr=q[:4] + "…")
        return found, False
    words = fold(q).split()
    if not words:
        return debtors.none(), False
    ids = set(debtors.filter(name__icontains=q).values_list("pk", flat=True)[:SEARCH_CAP])
    # Read the ids first: the case search's ranking SQL names the table and cannot be nested as a subquery on
    # PostgreSQL.
    cases = list(search_cases(scope_queryset(user, Case.objects.all()), q).values_list("pk", flat=True)[:SEARCH_CAP])
    linked = debtors.filter(links__case__in=cases).exclude(pk__in=ids).values_list("pk", "name")[:SEARCH_CAP]
    ids |= {pk for pk, name in linked if _name_matches(name, words)}
    return debtors.filter(pk__in=ids), False


def debtor_counts(debtor_ids: list[int]) -> dict[int, dict[str, int]]:
    """Cases, assets and measures in force of each debtor (three grouped queries)."""
    out = {pk: {"cases": 0, "assets": 0, "in_force": 0} for pk in debtor_ids}
    for key, rows in (
        ("cases", DebtorCase.objects.filter(debtor__in=debtor_ids).values("debtor").annotate(n=Count("id"))),
        ("assets", Asset.objects.filter(debtor__in=debtor_ids).values("debtor").annotate(n=Count("id"))),
        ("in_force", Measure.objects.filter(debtor__in=debtor_ids, status__in=labels.IN_FORCE)
         .values("debtor").annotate(n=Count("id"))),
    ):
        for row in rows:
            out[row["debtor"]][key] = row["n"]
    return out


@login_required
def debtor_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")
    debtors, refused = search_debtors(request.user, q, audit="assets.debtor_search")
    page = Paginator(debtors.order_by("name", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    counts = debtor_counts([d.pk for d in page])
    rows = [{"debtor": d, "kind": labels.label(labels.DEBTOR_KIND, d.kind), **counts[d.pk]} for d in page]
    return render(request, "assets/debtor_list.html", {
        "q": q, "page_obj": page, "rows": rows, "identifier_refused": refused})


# ------------------------------------------------------------------------------------------------- a debtor


def _debtor(user, pk: int) -> Debtor:
    return scoped(user, Debtor.objects.select_related("unit"), pk, "unit")


@login_required
def debtor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    debtor = _debtor(user, pk)
    today = timezone.localdate()
    see = personal(user, debtor.unit)
    visible_cases = scope_queryset(user, Case.objects.all())
    cases = list(visible_cases.filter(debtor_link__debtor=debtor).select_related("unit", "officer")
                 .order_by("-decided_on", "id"))
    assets = page_rows.asset_rows(debtor.assets.order_by("found_on", "id"), see)
    measures = page_rows.measure_rows(page_rows.measures_with_events(
        Measure.objects.filter(debtor=debtor, case__in=visible_cases).order_by("decided_on", "id")))
    requests = page_rows.request_rows(debtor.requests.order_by("-requested_on", "-id"), today)
    debtor_shown = [name for name in ("id_number", "address") if see and getattr(debtor, name)]
    fields = page_rows.shown_fields(debtor_shown, assets)
    if fields:
        audit_read(user, "assets.debtor.view", debtor, fields=fields)
    return render(request, "assets/debtor_detail.html", {
        "debtor": debtor, "kind": labels.label(labels.DEBTOR_KIND, debtor.kind),
        "id_number": debtor.id_number if see else HIDDEN, "address": debtor.address if see else HIDDEN,
        "cases": [{"case": c, "state": case_state_label(c)} for c in cases],
        "assets": assets, "measures": measures, "requests": requests, "today": today,
        "can_change": may_step(user, debtor.unit, Step.VERIFY), "personal": see,
    })


@login_required
def register_debtor(request: HttpRequest, pk: int) -> HttpResponse:
    """The case's debtor into the register (found in the unit by the ID number, or created), prefilled from the
    case's party; a case already linked goes to its debtor's page."""
    user = request.user
    case = scoped_case(user, pk)
    require(may_step(user, case.unit, Step.VERIFY))
    link = DebtorCase.objects.filter(case=case).first()
    if link is not None:
        return redirect("assets-debtor-detail", pk=link.debtor_id)
    see = personal(user, case.unit)
    parties = list(case.parties.filter(role=choices.DEBTOR).order_by("position"))
    initial = {}
    if parties:
        first = parties[0]
        initial = {"party": first.pk, "kind": first.kind, "name": first.name}
        if see:
            initial.update(id_number=first.id_number, address=first.address[:255])
            if request.method == "GET" and (first.id_number or first.address):
                audit_read(user, "assets.register_debtor.form", case, fields=["party.id_number", "party.address"])
    form = RegisterDebtorForm(request.POST or None, initial=initial, parties=parties, personal=see)
    return form_page(
        request, form, title=_("Register the debtor"), back=reverse("case-detail", args=[case.pk]),
        call=lambda **kw: actions.do_register_debtor(user, case.pk, **kw),
        done=_("The debtor is in the register."), context={"case": case},
        then=lambda debtor: reverse("assets-debtor-detail", args=[debtor.pk]))


@login_required
def declaration(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    debtor = _debtor(user, pk)
    require(may_step(user, debtor.unit, Step.VERIFY))
    form = DeclarationForm(request.POST or None, initial={"declaration": debtor.declaration,
                                                          "declared_on": debtor.declared_on})
    return form_page(
        request, form, title=_("Declaration of assets and income (Decree 62/2015 Art. 9.1)"),
        back=reverse("assets-debtor-detail", args=[debtor.pk]),
        call=lambda **kw: actions.do_record_declaration(user, debtor.pk, **kw),
        done=_("The declaration is recorded."), context={"debtor": debtor})


@login_required
def address_unknown(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    debtor = _debtor(user, pk)
    require(may_step(user, debtor.unit, Step.VERIFY))
    form = AddressUnknownForm(request.POST or None)
    return form_page(
        request, form, title=_("The debtor's address is unknown (Art. 44a.1.c)"),
        back=reverse("assets-debtor-detail", args=[debtor.pk]),
        call=lambda **kw: actions.do_record_address_unknown(user, debtor.pk, **kw),
        done=_("Recorded: the debtor's address is unknown."), context={"debtor": debtor})


def _debtor_cases(user, debtor: Debtor) -> list[Case]:
    return list(scope_queryset(user, Case.objects.all()).filter(debtor_link__debtor=debtor).order_by("id"))


@login_required
def request_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    debtor = _debtor(user, pk)
    require(may_step(user, debtor.unit, Step.VERIFY))
    form = InfoRequestForm(request.POST or None, cases=_debtor_cases(user, debtor))
    return form_page(
        request, form, title=_("Request information on the debtor's assets (Art. 44.6)"),
        back=reverse("assets-debtor-detail", args=[debtor.pk]),
        call=lambda **kw: actions.do_request_information(user, debtor.pk, **kw),
        done=_("The request is recorded; its reply deadline is in the work queue."), context={"debtor": debtor})


@login_required
def request_reply(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    info = scoped(user, InfoRequest.objects.select_related("debtor", "unit"), pk, "debtor__unit")
    require(may_step(user, info.debtor.unit, Step.VERIFY))
    form = ReplyForm(request.POST or None)
    back = reverse("assets-debtor-detail", args=[info.debtor_id])
    return form_page(
        request, form, title=_("Reply of %(body)s") % {"body": info.body}, back=back,
        call=lambda **kw: actions.do_record_reply(user, info.pk, **kw),
        done=_("The reply is recorded."), context={"debtor": info.debtor, "info": info},
        then=lambda req: reverse("assets-asset-new", args=[info.debtor_id]) + f"?request={info.pk}"
        if req.found else back)


@login_required
def asset_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    debtor = _debtor(user, pk)
    require(may_step(user, debtor.unit, Step.VERIFY))
    requests = list(debtor.requests.order_by("-requested_on", "-id"))
    initial = {}
    if request.GET.get("request", "").isdigit():
        chosen = next((r for r in requests if r.pk == int(request.GET["request"])), None)
        if chosen is not None:
            initial = {"request_id": chosen.pk, "source": chosen.body, "kind": chosen.asset_kind or None,
                       "found_on": chosen.replied_on}
    form = AssetForm(request.POST or None, initial=initial, requests=requests, personal=personal(user, debtor.unit))
    return form_page(
        request, form, title=_("Record an asset or income found"),
        back=reverse("assets-debtor-detail", args=[debtor.pk]),
        call=lambda **kw: actions.do_record_asset(user, debtor.pk, **kw),
        done=_("The asset is recorded."), context={"debtor": debtor},
        then=lambda asset: reverse("assets-asset-detail", args=[asset.pk]))


# ------------------------------------------------------------------------------------------------- an asset


@login_required
def asset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    asset = scoped(user, Asset.objects.select_related("debtor", "debtor__unit"), pk, "debtor__unit")
    debtor = asset.debtor
    see = personal(user, debtor.unit)
    row = page_rows.asset_rows([asset], see)[0]
    if row.identifiers:
        audit_read(user, "assets.asset.view", asset, unit=debtor.unit, fields=["asset.identifiers"])
    visible_cases = scope_queryset(user, Case.objects.all())
    measures = page_rows.measure_rows(page_rows.measures_with_events(
        asset.measures.filter(case__in=visible_cases).order_by("decided_on", "id")))
    contracts = list(AuctionContract.objects.filter(asset=asset).order_by("signed_on", "id"))
    sessions = page_rows.session_rows(list(asset.auction_sessions.order_by("seq")))
    disposals = [{"d": d, "kind": d.get_kind_display()} for d in
                 AssetDisposal.objects.filter(asset=asset).select_related("case").order_by("on", "id")]
    return render(request, "assets/asset_detail.html", {
        "asset": asset, "debtor": debtor, "row": row, "measures": measures, "contracts": contracts,
        "sessions": sessions, "disposals": disposals,
        "valuations": [{"v": v, "method": labels.label(labels.VALUATION_METHOD, v.method)}
                       for v in asset.valuations.order_by("on", "id")],
        "can_change": may(user, debtor.unit, AUCTION_TITLES), "can_collect": may(user, debtor.unit, PROCEEDS_TITLES),
        "disposed": bool(disposals),
        "requests": list(InfoRequest.objects.filter(asset=asset).order_by("requested_on")),
    })
