"""Nightly integrity checks (``thads check-integrity``): inconsistencies, not mere lateness (that is the queues').

Each check returns ``(case id, message)`` pairs; the command prints them and exits non-zero when any is found
(the "stuck case" checkers of Caseflow, anchors.md A2).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from django.db.models import F, Q

from thads.cases.ledger.integrity import money_findings
from thads.cases.models import Case
from thads.deadlines.models import Deadline

FINAL = ["COMPLETED", "TERMINATED", "ENTRUSTED_OUT", "REVOKED"]
Finding = tuple[str, str]


def open_cases():
    return Case.objects.exclude(state__in=FINAL).exclude(intake="REFUSED")


def cases_without_deadline(today: date) -> Iterator[Finding]:
    """Cases in a step that always has a statutory next act (awaiting a decision; not yet enforceable, with its
    periodic re-verification) but no open deadline."""
    waiting = open_cases().filter(Q(decided_on__isnull=True) | Q(state="NOT_YET_ABLE")).exclude(
        id__in=Deadline.objects.filter(case__isnull=False).values("case_id"))
    for ext_id, state in waiting.values_list("ext_id", "state"):
        yield ext_id, f"no open deadline in state {state or 'RECEIVED'}"


def ledger_disagreements(today: date) -> Iterator[Finding]:
    """Money: the ledger rows are exactly those derived from the history's money events, none is without its event,
    and the cached outstanding amounts are what the history implies (``cases.ledger.integrity``); and no completed
    case still owes money."""
    yield from money_findings()
    for ext_id in Case.objects.filter(state="COMPLETED", outstanding__gt=0).values_list("ext_id", flat=True):
        yield ext_id, "completed with money still outstanding"


def unpaid_collections(today: date) -> Iterator[Finding]:
    """Collections not paid out (nor into the budget) past their 10-day deadline (Art. 47.5)."""
    late = Deadline.objects.filter(code__startswith="payout", due__lt=today).select_related("case")
    for dl in late:
        yield dl.case.ext_id, f"collection of {dl.trigger_on:%d/%m/%Y} not paid out (due {dl.due:%d/%m/%Y})"


def postponements_past_their_end(today: date) -> Iterator[Finding]:
    """Postponements whose term ended without a continuation decision in its 5 working days (Art. 48.4)."""
    late = Deadline.objects.filter(code__startswith="resume.", due__lt=today, paused=False).select_related("case")
    for dl in late:
        yield dl.case.ext_id, f"{dl.text} (due {dl.due:%d/%m/%Y})"


def held_by_dissolved_units(today: date) -> Iterator[Finding]:
    for ext_id, code in open_cases().filter(unit__valid_to__lt=today).values_list("ext_id", "unit__code"):
        yield ext_id, f"held by the dissolved unit {code}"


def officer_outside_unit(today: date) -> Iterator[Finding]:
    wrong = open_cases().filter(officer__isnull=False).exclude(officer__unit_id=F("unit_id"))
    for ext_id, code in wrong.values_list("ext_id", "officer__code"):
        yield ext_id, f"officer {code} belongs to another unit"


CHECKS: dict[str, Callable[[date], Iterator[Finding]]] = {
    "open case without an open deadline": cases_without_deadline,
    "ledger and state disagree": ledger_disagreements,
    "collection not paid out past its deadline": unpaid_collections,
    "postponement past its end without continuation": postponements_past_their_end,
    "case held by a dissolved unit": held_by_dissolved_units,
    "officer of another unit": officer_outside_unit,
}


def run_checks(today: date) -> dict[str, list[Finding]]:
    return {name: list(check(today)) for name, check in CHECKS.items()}
