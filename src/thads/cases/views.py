"""Case screens (issue "Enforcement cases" §5): the list, the case page, the form of one act, the receive form.

Every query goes through ``thads.org.scope``: lists through ``scope_queryset``, a single case is looked up inside
the user's scope (another unit's case is a 404, never a 403 that would reveal it exists). Writes go through
``thads.cases.actions`` only; this module turns form values into their arguments and their refusals into form errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.cases import choices
from thads.cases.actions import ActRefused, ObligationData, PartyData, do_act, do_receive, facts_of, received_with
from thads.cases.extensions import panels_for
from thads.cases.forms import (
    LIST_ORDER,
    ActForm,
    CreditorFormSet,
    DebtorFormSet,
    ObligationFormSet,
    ReassignForm,
    ReceiveForm,
    case_filter_form,
    case_state_label,
    event_label,
    ground_label,
    listed_cases,
    state_label,
)
from thads.cases.imports_web import may_import
from thads.cases.ledger.models import OUTFLOW_KINDS, LedgerEntry, LedgerKind
from thads.cases.models import Case, CaseEvent, Party
from thads.cases.search import CappedPaginator, RankedSearch, access_for, log_identifier_search, looks_like_identifier
from thads.cases.views_collect import other_debtor_cases
from thads.domain.act_types import ACT_LABELS_VI, Act, may_perform
from thads.domain.acts import allowed_acts, why_not_now
from thads.org.audit import audit_read
from thads.org.capabilities import Capability, can, title_of
from thads.org.models import Unit
from thads.org.scope import Action, allowed, scope_queryset, visible_units

PAGE_SIZE = 50
HIDDEN = "•••"
RECEIVE_ACTS = (Act.RECEIVE_JUDGMENT, Act.RECEIVE_REQUEST)


# ------------------------------------------------------------------------------------------------- access


def receive_units(user) -> QuerySet[Unit]:
    """Units in which the user may record a received judgment or request."""
    if user.is_superuser and user.is_active:
        return Unit.objects.order_by("path")
    title = title_of(user)
    if title is None or not any(may_perform(title, act) for act in RECEIVE_ACTS):
        return Unit.objects.none()
    if user.unit is None or not allowed(user, Action.CHANGE, user.unit):
        return Unit.objects.none()
    return visible_units(user).order_by("path")


def may_receive(user) -> bool:
    return receive_units(user).exists()


def offered_acts(user, case: Case, today: date) -> list[Act]:
    """The acts the user may perform on the case now: scope, title and the legal state (``allowed_acts``); the
    technical superuser gets every legally allowed act."""
    if not allowed(user, Action.CHANGE, case.unit):
        return []
    facts = facts_of(case)
    title = title_of(user)
    acts = allowed_acts(facts, today) if user.is_superuser else (
        allowed_acts(facts, today, title=title) if title is not None else [])
    if Act.FEE_RELIEF in acts and not any(ob.beneficiary != "state" for ob in case.obligations.all()):
        acts.remove(Act.FEE_RELIEF)  # TT 216/2016 Art. 2: only a creditor pays the fee (none on state money)
    return acts


def _scoped_case(user, pk: int, queryset: QuerySet[Case] | None = None) -> Case:
    base = queryset if queryset is not None else Case.objects.select_related("unit", "officer")
    return get_object_or_404(scope_queryset(user, base), pk=pk)


# ------------------------------------------------------------------------------------------------- list


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = case_filter_form(user, request.GET)
    cases = listed_cases(user, form).select_related("unit", "officer").prefetch_related(
        Prefetch("parties", queryset=Party.objects.filter(role=choices.DEBTOR).order_by("position"),
                 to_attr="debtor_list")
    )
    identifier_refused = False
    if form.search_text:  # best matches first, only the page's cases visited
        access = access_for(user, form.search_text)
        ranked = RankedSearch(cases, form.search_text, access=access)
        paginator: Paginator = CappedPaginator(ranked, PAGE_SIZE)
        # An identifier is searched only where the user may see personal data; elsewhere it finds nothing.
        identifier_refused = looks_like_identifier(form.search_text) and access.nowhere
        log_identifier_search(user, ranked.identifier_hits, "list")
    else:
        paginator = Paginator(cases.order_by(*LIST_ORDER), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    rows = [{"case": c, "debtor": c.debtor_list[0] if c.debtor_list else None,
             "state": case_state_label(c)} for c in page]
    # Heads and deputies reassign the ticked cases of this page; the form posts to the work queue's bulk
    # reassignment (``deadline-reassign``) with a ``next`` back to this page, filters and page number included.
    reassign_form = ReassignForm(user=user, auto_id="reassign-%s", label_suffix="") \
        if rows and can(user, Capability.LEAD) else None
    return render(request, "cases/case_list.html", {
        "form": form, "page_obj": page, "rows": rows, "can_receive": may_receive(user),
        "can_import": may_import(user), "reassign_form": reassign_form, "identifier_refused": identifier_refused,
    })


# ------------------------------------------------------------------------------------------------- case page


_WHERE_KINDS = {"receive_request", "receive_judgment", "received_entrusted", "decide", "moved", "reassigned",
                "entrusted_out"}


def _timeline(history: list) -> list:
    """"Where has this case been": the rows that changed its state, unit or officer (Caseflow #11803: the full
    history is too detailed for a first look)."""
    return [row for row in history if not row.is_correction and (
        row.event.kind in _WHERE_KINDS or (row.event.to_state and row.event.to_state != row.event.from_state))]


@dataclass
class HistoryRow:
    event: CaseEvent
    label: str
    from_label: str
    to_label: str
    ground: str
    is_correction: bool = False
    corrected_by: list[int] = field(default_factory=list)
    details: list[tuple[str, str]] = field(default_factory=list)


def _history(case: Case) -> list[HistoryRow]:
    """The history in sequence, each correcting entry placed right under the entry it corrects."""
    events = list(case.events.select_related("user", "obligation", "target_unit", "target_officer", "corrects")
                  .order_by("seq"))
    by_id = {ev.pk: ev for ev in events}
    children: dict[int, list[CaseEvent]] = {}
    roots = []
    for ev in events:
        if ev.corrects_id in by_id:
            children.setdefault(ev.corrects_id, []).append(ev)
        else:
            roots.append(ev)
    rows: list[HistoryRow] = []

    def visit(ev: CaseEvent, is_correction: bool) -> None:
        rows.append(_history_row(ev, is_correction, [c.seq for c in children.get(ev.pk, ())]))
        for child in children.get(ev.pk, ()):
            visit(child, True)

    for ev in roots:
        visit(ev, False)
    return rows


def _history_row(ev: CaseEvent, is_correction: bool, corrected_by: list[int]) -> HistoryRow:
    details: list[tuple[str, str]] = []
    d = ev.details or {}
    if ev.obligation_id:
        details.append((_("obligation"), f"{ev.obligation.code}. {ev.obligation.get_kind_display()}"))
    if ev.target_unit_id:
        details.append((_("to unit"), ev.target_unit.name))
    if ev.target_officer_id:
        details.append((_("officer"), ev.target_officer.name))
    if ev.to_text:
        details.append((_("to"), ev.to_text))
    if ev.corrects_id:
        details.append((_("corrects"), f"#{ev.corrects.seq}"))
    labels = {"receipt_no": _("receipt no."), "reason": _("reason"), "note": _("note"), "until": _("until"),
              "court": _("court"), "judgment_number": _("judgment no."), "from_case": _("from case"),
              "new_information": _("new information"), "decision": _("decision"),
              "point": _("ground (TT 216/2016 Art. 7)"), "percent": _("relief (%)"),
              "payout_seq": _("fee decision (payout #)"), "received_on": _("application complete on"),
              "due_on": _("decision due by")}
    for key, label in labels.items():
        value = d.get(key)
        if value:
            if key in ("until", "received_on", "due_on"):
                try:
                    value = date.fromisoformat(value).strftime("%d/%m/%Y")
                except (TypeError, ValueError):
                    pass
            details.append((label, str(value)))
    from_label = state_label(ev.from_state, ev.from_phase)
    to_label = state_label(ev.to_state, ev.to_phase)
    return HistoryRow(event=ev, label=event_label(ev.kind), from_label=from_label,
                      to_label=to_label if to_label != from_label else "",
                      ground=ground_label(ev.ground) if ev.ground else "", is_correction=is_correction,
                      corrected_by=corrected_by, details=details)


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    case = _scoped_case(user, pk, Case.objects.select_related(
        "unit", "officer", "origin_unit", "entrusted_from").prefetch_related("parties", "obligations"))
    today = timezone.localdate()
    personal = allowed(user, Action.PERSONAL_DATA, case.unit)
    parties = [{"party": p, "id_number": p.id_number if personal else HIDDEN,
                "address": p.address if personal else HIDDEN} for p in case.parties.all()]
    shown = [name for name in ("id_number", "address") if personal and any(getattr(p["party"], name) for p in parties)]
    if shown:  # the page shows the parties' ID numbers or addresses: a read of personal data, logged
        audit_read(user, "case.view", case, fields=[f"party.{name}" for name in shown])
    ledger = list(LedgerEntry.objects.filter(case=case).select_related("obligation").order_by("on", "id"))
    fee_refunds = set(case.events.filter(kind=Act.FEE_RELIEF.value).values_list("pk", flat=True))
    collected = sum(e.amount for e in ledger if e.kind == LedgerKind.THU)
    # A refund of the fee (HOAN_TRA of a fee_relief row, TT 216/2016 Art. 7) is paid out of the fee withheld (PHI_THA),
    # not out of the money held for the case.
    paid_out = sum(e.amount for e in ledger if e.kind in OUTFLOW_KINDS and e.event_id not in fee_refunds)
    acts = [{"act": a, "label": ACT_LABELS_VI[a], "url": reverse("case-act", args=[case.pk, a.value])}
            for a in offered_acts(user, case, today)]
    history = _history(case)
    return render(request, "cases/case_detail.html", {
        "panels": panels_for(user, case, today),  # sections of other contexts (``thads.cases.extensions``)
        "case": case, "state": case_state_label(case),
        "ground": ground_label(case.ground) if case.ground else "",
        "debtors": [p for p in parties if p["party"].role == choices.DEBTOR],
        "creditors": [p for p in parties if p["party"].role == choices.CREDITOR],
        "obligations": list(case.obligations.all()), "ledger": ledger,
        "totals": {"collected": collected, "paid_out": paid_out, "held": collected - paid_out},
        "history": history, "timeline": _timeline(history), "acts": acts, "today": today,
        "entrusted_to": list(case.entrusted_to_cases.filter(pk__in=scope_queryset(user, Case.objects.all())
                                                            .values("pk"))),
    })


# ------------------------------------------------------------------------------------------------- act form


@login_required
def case_act(request: HttpRequest, pk: int, act: str) -> HttpResponse:
    try:
        act = Act(act)
    except ValueError:
        raise Http404("unknown act") from None
    user = request.user
    case = _scoped_case(user, pk, Case.objects.select_related("unit", "officer").prefetch_related("obligations"))
    today = timezone.localdate()
    if request.method == "POST":
        token = request.POST.get("token", "")
        if token and CaseEvent.objects.filter(case=case, request_token=token).exists():
            # A second submit of a form that was already recorded: nothing more to write.
            messages.info(request, _("This form was already recorded."))
            return redirect("case-detail", pk=case.pk)
    refusal = None
    if act not in offered_acts(user, case, today):
        # The scope or the title forbids it: 403. The state of the case forbids it now (e.g. a collection that
        # arrives after another one paid the debt): the form again with the rule's message, 409, nothing written.
        title = title_of(user)
        may_by_title = allowed(user, Action.CHANGE, case.unit) and (
            user.is_superuser or (title is not None and may_perform(title, act)))
        refusal = why_not_now(act, facts_of(case), today) if may_by_title and request.method == "POST" else None
        if refusal is None:
            raise PermissionDenied(_("You may not perform this act on this case now."))
    form = ActForm(request.POST if request.method == "POST" else None, case=case, act=act, today=today,
                   units=visible_units(user))
    if refusal is not None:
        form.is_valid()
        form.add_error(None, refusal)
    elif request.method == "POST" and form.is_valid():
        try:
            do_act(user, case.pk, act, form.cleaned_data["on"], **form.act_kwargs())
        except ActRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Recorded: %(act)s.") % {"act": ACT_LABELS_VI[act]})
            return redirect("case-detail", pk=case.pk)
    return render(request, "cases/case_act.html", {
        "case": case, "act": act, "act_label": ACT_LABELS_VI[act], "form": form,
        "state": case_state_label(case),
        "obligations": list(case.obligations.all()) if act in (Act.COLLECT, Act.PAYOUT, Act.REDUCE) else [],
        "held": facts_of(case).held if act == Act.PAYOUT else None,
        # Art. 47.2.b: the debtor's other cases in this unit, offered for one receipt over all of them.
        "debtor_cases": other_debtor_cases(user, case, today) if act == Act.COLLECT and refusal is None else [],
    }, status=409 if refusal is not None else 200)


# ------------------------------------------------------------------------------------------------- receive form

_FORMSETS = (("debtors", DebtorFormSet), ("creditors", CreditorFormSet), ("obligations", ObligationFormSet))


def _with_added_row(data, prefix: str, formset_class) -> Any:
    """A copy of the POST data with one more row in formset ``prefix`` (the "add a row" buttons, no JavaScript)."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(data.get(key, "0"))
    except ValueError:
        total = 0
    data[key] = str(min(total + 1, formset_class.max_num))
    return data


@login_required
def case_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    units = receive_units(user)
    if not units.exists():
        raise PermissionDenied(_("You may not record received judgments or requests."))
    today = timezone.localdate()
    show_errors = True
    if request.method == "POST":
        data = request.POST
        added = data.get("add")
        if added in dict(_FORMSETS):
            data = _with_added_row(data, added, dict(_FORMSETS)[added])
            show_errors = False
        first = received_with(data.get("token", "")) if show_errors else None
        if first is not None:
            # A second submit of a form that already opened a case (a double click, a reload): nothing more.
            messages.info(request, _("This form was already recorded."))
            return redirect("case-detail", pk=first.pk)
        form = ReceiveForm(data, units=units)
        formsets = {prefix: cls(data, prefix=prefix) for prefix, cls in _FORMSETS}
        if show_errors and form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
            d = form.cleaned_data
            parties = {prefix: [PartyData(name=r["name"].strip(), id_number=r.get("id_number", "").strip(),
                                          address=r.get("address", "").strip(), kind=r["kind"])
                                for r in formsets[prefix].cleaned_data if r]
                       for prefix in ("debtors", "creditors")}
            obligations = [ObligationData(kind=r["kind"], beneficiary=r["beneficiary"], amount=r["amount"])
                           for r in formsets["obligations"].cleaned_data if r]
            try:
                case = do_receive(
                    user, d["unit"], on=d["received_on"], initiation=d["initiation"],
                    judgment_kind=d["judgment_kind"], court=d["court"].strip(),
                    judgment_number=d["judgment_number"].strip(), judgment_date=d["judgment_date"],
                    effective_on=d.get("effective_on"), debtors=parties["debtors"], creditors=parties["creditors"],
                    obligations=obligations, requester=(d.get("requester") or "").strip(),
                    interim=bool(d.get("interim")), request_deadline=d.get("request_deadline"), token=d["token"])
            except ActRefused as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Case %(id)s recorded.") % {"id": case.ext_id})
                return redirect("case-detail", pk=case.pk)
    else:
        initial_unit = user.unit if user.unit is not None and units.filter(pk=user.unit.pk).exists() else None
        form = ReceiveForm(initial={"unit": initial_unit, "received_on": today}, units=units)
        formsets = {prefix: cls(prefix=prefix) for prefix, cls in _FORMSETS}
    parts = [(formsets["debtors"], _("Debtors"), "debtors"), (formsets["creditors"], _("Creditors"), "creditors"),
             (formsets["obligations"], _("Obligations"), "obligations")]
    return render(request, "cases/case_new.html", {"form": form, "parts": parts, "show_errors": show_errors})
