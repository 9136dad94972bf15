"""The collection of one receipt over all of a debtor's cases in the agency (Luật THADS Art. 47.2.b; Decree
62/2015 Art. 49.1): the list of the debtor's other cases shown on a case's collection form, and the page that
records the receipt through ``cases.actions.do_collect_for_debtor``.

The debtor's cases are found by his ID number or tax code (``cases.debtor_cases``): only for a user who may see
personal data in the unit, and a list that showed other cases leaves a read row in the audit log (it revealed who
else the person owes). A case outside the user's scope is a 404; a title that may not record collections, a 403.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.cases.actions import ActRefused, facts_of
from thads.cases.actions_collect import do_collect_for_debtor
from thads.cases.debtor_cases import same_debtor_cases
from thads.cases.forms_act import DebtorCollectForm
from thads.cases.models import Case
from thads.domain.act_types import Act, may_perform
from thads.domain.acts import why_not_now
from thads.org.audit import audit_read
from thads.org.capabilities import title_of
from thads.org.scope import Action, allowed, scope_queryset


def collectable_debtor_cases(user, case: Case, today: date) -> list[Case]:
    """The decided cases of ``case``'s debtor (same ID number or tax code) in the same unit on which a collection may
    be entered today and money is still owed, ``case`` included when it qualifies; empty for a user who may not see
    personal data in the unit."""
    if not allowed(user, Action.PERSONAL_DATA, case.unit):
        return []
    found = []
    for other in same_debtor_cases(case).prefetch_related("obligations"):
        facts = facts_of(other)
        if facts.outstanding > 0 and why_not_now(Act.COLLECT, facts, today) is None:
            found.append(other)
    return found


def other_debtor_cases(user, case: Case, today: date) -> list[Case]:
    """:func:`collectable_debtor_cases` without ``case`` itself; a non-empty list is logged as a read of personal
    data (the cases were found by the debtor's ID number)."""
    others = [c for c in collectable_debtor_cases(user, case, today) if c.pk != case.pk]
    if others:
        audit_read(user, "case.debtor_cases", case, fields=["party.id_number"], count=len(others),
                   object_repr=", ".join(c.ext_id for c in others)[:255])
    return others


@login_required
def case_collect_debtor(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    case = get_object_or_404(scope_queryset(user, Case.objects.select_related("unit", "officer")), pk=pk)
    title = title_of(user)
    may_collect = allowed(user, Action.CHANGE, case.unit) and (
        user.is_superuser or (title is not None and may_perform(title, Act.COLLECT)))
    if not may_collect or not allowed(user, Action.PERSONAL_DATA, case.unit):
        raise PermissionDenied(_("You may not perform this act on this case now."))
    today = timezone.localdate()
    form = DebtorCollectForm(request.POST if request.method == "POST" else None, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            paid = do_collect_for_debtor(user, case.pk, form.cleaned_data["on"], **form.action_kwargs())
        except ActRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Recorded: one receipt over %(n)s cases of the debtor (Art. 47).")
                             % {"n": len(paid)})
            return redirect("case-detail", pk=case.pk)
    cases = collectable_debtor_cases(user, case, today)
    if any(c.pk != case.pk for c in cases):
        audit_read(user, "case.debtor_cases", case, fields=["party.id_number"], count=len(cases),
                   object_repr=", ".join(c.ext_id for c in cases)[:255])
    return render(request, "cases/collect_debtor.html", {"case": case, "form": form, "cases": cases})
