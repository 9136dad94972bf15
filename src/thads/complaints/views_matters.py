"""A matter's page and its acts (Luật THADS Arts. 140–161; issue 16): the classification, the case, the deadlines
(overdue in red), the history, and the forms of its acts — accept, not accept, forward (to the competent body),
archive (a duplicate), extend, resolve (finding, decision number, the follow-up revocation on the case), withdraw,
second-level complaint; the procuracy's protests recorded on a case or on the unit; the denunciator's identity page.

A denunciator's identity is read only through ``actions.identity_for`` (the resolver only; every view audited):
the matter page shows "Được giữ bí mật" and, to whoever may resolve, a link to the identity page.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thads.cases.models import Case
from thads.complaints import actions, labels, registers
from thads.complaints.forms import ProcuracyForm
from thads.complaints.forms_matter import STEPS, ArchiveForm, ResolveForm
from thads.complaints.models import Matter
from thads.complaints.views_common import form_page, may_decide, may_role, require, scoped, scoped_case, unit_for_form
from thads.deadlines.models import Deadline
from thads.domain.petition_rules import escalation_refusal, transition_refusal
from thads.domain.petitions import REPORT_KEY, MatterKind, MatterStatus
from thads.domain.roles import DECIDING_TITLES
from thads.org.scope import scope_queryset

#: The details of a history row the page shows, with their labels (other keys are internal).
DETAIL_LABELS = {
    "notice_no": gettext_lazy("notice no."), "reason": gettext_lazy("reason"), "to_body": gettext_lazy("to"),
    "letter_no": gettext_lazy("letter no."), "outcome": gettext_lazy("finding"), "summary": gettext_lazy("summary"),
    "due_on": gettext_lazy("due on"), "duplicate_of": gettext_lazy("duplicate of"),
    "case_event": gettext_lazy("case history entry"), "act": gettext_lazy("act"),
}


def _matter(user, pk: int) -> Matter:
    return scoped(user, Matter.objects.select_related("unit", "case", "letter", "parent", "duplicate_of",
                                                      "resolver", "resolver_unit"), pk)


def _step_open(matter: Matter, slug: str) -> bool:
    """Whether the matter's kind and status allow the act (the domain's table; the action checks it again)."""
    if slug == "escalate":
        return escalation_refusal(matter.kind, matter.status, matter.level, matter.complained_act,
                                  matter.escalations.exists()) is None
    return transition_refusal(matter.kind, matter.status, STEPS[slug].event, extended=matter.extended,
                              checks_extended=matter.extended) is None


def steps_for(user, matter: Matter) -> list[dict]:
    """The acts the user may perform now on the matter, as buttons."""
    return [{"slug": slug, "label": step.button, "url": reverse("complaints-matter-step", args=[matter.pk, slug])}
            for slug, step in STEPS.items() if _may_step(user, matter, step) and _step_open(matter, slug)]


#: The acts of the head of the unit holding the letter, whoever is competent to resolve it (``actions_matters``:
#: ``_decide(..., resolver=False)``; a withdrawal only before acceptance).
HOLDING_STEPS = frozenset({"not-accept", "forward", "archive"})


def _may_step(user, matter: Matter, step) -> bool:
    if step.role != "decide":
        return may_role(user, matter.unit, step.role)
    holding = step.slug in HOLDING_STEPS or (step.slug == "withdraw" and matter.status != MatterStatus.ACCEPTED)
    return may_decide(user, matter, holding=holding)


def _history(matter: Matter) -> list[dict]:
    rows = []
    for e in matter.events.select_related("user").order_by("seq"):
        details = []
        for key, text in DETAIL_LABELS.items():
            value = (e.details or {}).get(key)
            if value not in (None, "", [], {}):
                if key == "outcome":
                    value = labels.label(labels.OUTCOME, value)
                details.append((text, value))
        rows.append({"e": e, "kind": labels.label(labels.EVENT, e.kind), "details": details})
    return rows


def _deadlines(matter: Matter) -> list:
    """The matter's open deadlines in the deadline engine (``Deadline.subject`` "matter:<id>")."""
    return list(Deadline.objects.filter(subject=f"matter:{matter.pk}").order_by("due", "code"))


def may_see_identity(user, matter: Matter) -> bool:
    """Whether to offer the identity page's link: the rule of ``actions.identity_for`` (the recorded resolver, or the
    head or deputy of the competent unit; not the technical root account), which the page applies again."""
    if matter.kind != MatterKind.DENUNCIATION or not user.is_active:
        return False
    if matter.resolver_id is not None and matter.resolver_id == user.pk:
        return True
    return (str(getattr(user, "title", "") or "") in {str(t) for t in DECIDING_TITLES}
            and matter.resolver_unit_id is not None and getattr(user, "unit_id", None) == matter.resolver_unit_id)


@login_required
def matter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    matter = _matter(user, pk)
    today = timezone.localdate()
    visible = scope_queryset(user, Matter.objects.all())
    return render(request, "complaints/matter_detail.html", {
        "matter": matter, "today": today, "kind": labels.kind_label(matter.kind),
        "register_kind": REPORT_KEY.get(matter.kind, "complaint"),
        "procuracy_act": labels.label(labels.PROCURACY_ACT, matter.procuracy_act),
        "status": labels.label(labels.STATUS, matter.status), "outcome": labels.label(labels.OUTCOME, matter.outcome),
        "complained_act": labels.label(labels.COMPLAINED_ACT, matter.complained_act),
        "respondent": labels.label(labels.RESPONDENT, matter.respondent),
        "overdue": registers.is_overdue(matter, today), "deadlines": _deadlines(matter),
        "history": _history(matter), "steps": steps_for(user, matter),
        "escalations": list(visible.filter(parent=matter).order_by("id")),
        "duplicates": list(visible.filter(duplicate_of=matter).order_by("id")),
        "case_visible": matter.case_id and scope_queryset(user, Case.objects.filter(pk=matter.case_id)).exists(),
        "denunciation": matter.kind == MatterKind.DENUNCIATION,
        "may_see_identity": may_see_identity(user, matter),
    })


@login_required
def matter_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    user = request.user
    matter = _matter(user, pk)
    if step not in STEPS:
        raise Http404
    spec = STEPS[step]
    require(_may_step(user, matter, spec))
    kwargs = {}
    if spec.form is ArchiveForm:
        kwargs["others"] = list(scope_queryset(user, Matter.objects.filter(unit=matter.unit))
                                .exclude(pk=matter.pk).order_by("-received_on", "-id")[:200])
    if spec.form is ResolveForm:
        kwargs["matter"] = matter
    form = spec.form(request.POST or None, **kwargs)
    action = getattr(actions, spec.action)
    back = reverse("complaints-matter-detail", args=[matter.pk])

    def then(result) -> str:
        if isinstance(result, Matter):
            return reverse("complaints-matter-detail", args=[result.pk])
        return back

    return form_page(request, form, title=str(spec.button), back=back,
                     call=lambda **kw: action(user, matter.pk, **kw), done=str(spec.done),
                     context={"matter": matter, "matter_kind": labels.kind_label(matter.kind)}, then=then)


@login_required
def matter_identity(request: HttpRequest, pk: int) -> HttpResponse:
    """The denunciator's identity, for the resolver only (``actions.identity_for``: audited); others 403."""
    user = request.user
    matter = _matter(user, pk)
    if matter.kind != MatterKind.DENUNCIATION:
        raise Http404
    identity = actions.identity_for(user, matter)
    if identity is None:
        raise PermissionDenied(_("Only the resolver of the denunciation may see the denunciator's identity."))
    return render(request, "complaints/matter_identity.html", {"matter": matter, "identity": identity})


def _procuracy_page(request: HttpRequest, unit, case: Case | None) -> HttpResponse:
    user = request.user
    require(may_role(user, unit, "receive"))
    initial = {"case_id": case.ext_id} if case is not None else {}
    form = ProcuracyForm(request.POST or None, initial=initial, cases=scope_queryset(user, Case.objects.all()))
    back = reverse("case-detail", args=[case.pk]) if case is not None else reverse(
        "complaints-register", args=["procuracy"])
    return form_page(
        request, form, title=_("Record a protest, recommendation or request of the procuracy"), back=back,
        call=lambda **kw: actions.do_record_matter(user, unit.pk, **kw),
        done=_("The procuracy's act is recorded with its deadline for the answer."),
        context={"case": case}, then=lambda m: reverse("complaints-matter-detail", args=[m.pk]))


@login_required
def procuracy_new(request: HttpRequest) -> HttpResponse:
    return _procuracy_page(request, unit_for_form(request.user), None)


@login_required
def procuracy_case_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = scoped_case(request.user, pk)
    return _procuracy_page(request, case.unit, case)
