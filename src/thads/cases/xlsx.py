"""The case list as an XLSX workbook (issue 7 "download any list as XLSX").

``/cases/export.xlsx`` takes the same GET filters and search ``q`` as the list and goes through the same scope
(``thads.org.scope.scope_queryset``): a user downloads exactly the rows the list would show them, never more. The
workbook is written by ``thads.org.spreadsheet`` (row by row, streamed from a temporary file); at most ``MAX_ROWS`` rows are
written, and a last line says so when more matched. No ID numbers or addresses are exported, so the download needs
only ``Action.VIEW`` (which the scope already is). A search by a party identifier follows the list's rule
(``thads.cases.search``): found whole, only where the user may see personal data, logged as a read; anyone else's
identifier search downloads no rows (never the unfiltered list).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from thads.cases import choices
from thads.cases.forms import LIST_ORDER, case_filter_form, case_state_label, listed_cases
from thads.cases.models import Party
from thads.cases.search import access_for, identifier_hits, log_identifier_search, search_cases
from thads.org.spreadsheet import DATE, MONEY, XLSX_TYPE, Column, write_rows, xlsx_response

__all__ = ["MAX_ROWS", "XLSX_TYPE", "case_list_xlsx", "filtered_cases", "write_workbook"]

MAX_ROWS = 100_000
SHEET = gettext_lazy("Cases")
COLUMNS = (
    Column(gettext_lazy("Case id"), 14), Column(gettext_lazy("Decision no."), 20),
    Column(gettext_lazy("Decision date"), 13, DATE), Column(gettext_lazy("Debtor"), 30),
    Column(gettext_lazy("Unit"), 34), Column(gettext_lazy("Enforcement officer"), 24),
    Column(gettext_lazy("State"), 22), Column(gettext_lazy("Amount"), 16, MONEY),
    Column(gettext_lazy("Outstanding"), 16, MONEY),
)
CUT = gettext_lazy("Only the first %(n)s cases are included; narrow the filters to get the rest.")


def filtered_cases(user, params, *, audit: bool = False):
    """The cases of the list for these GET parameters, in the list's order (scoped, filtered, searched). With
    ``audit``, a search by identifier that found cases writes its read row (as the list page does)."""
    form = case_filter_form(user, params)
    cases = listed_cases(user, form)
    if not form.search_text:
        return cases.order_by(*LIST_ORDER)
    access = access_for(user, form.search_text)
    if audit:
        log_identifier_search(user, identifier_hits(cases, form.search_text, access), "xlsx")
    return search_cases(cases, form.search_text, access)


def case_rows(cases, limit: int = MAX_ROWS) -> Iterator[list]:
    """The lines of the workbook for ``cases`` (one more than ``limit`` at most, to tell that rows were cut)."""
    debtors = Prefetch("parties", queryset=Party.objects.filter(role=choices.DEBTOR).order_by("position"),
                       to_attr="debtor_list")
    rows = cases.select_related("unit", "officer").prefetch_related(debtors)[: limit + 1]
    for case in rows.iterator(chunk_size=2000):
        yield [case.ext_id, case.decision_no, case.decided_on, case.debtor_list[0].name if case.debtor_list else "",
               case.unit.name, case.officer.name if case.officer_id else "", case_state_label(case), case.amount,
               case.outstanding]


def write_workbook(path: str, cases, limit: int = MAX_ROWS) -> tuple[int, bool]:
    """Write ``cases`` into an .xlsx at ``path``; return (rows written, whether rows were cut at ``limit``)."""
    return write_rows(path, SHEET, COLUMNS, case_rows(cases, limit), limit, CUT)


@login_required
def case_list_xlsx(request: HttpRequest) -> HttpResponse:
    cases = filtered_cases(request.user, request.GET, audit=True)
    return xlsx_response(case_rows(cases, MAX_ROWS), COLUMNS, sheet=SHEET, limit=MAX_ROWS, cut_message=CUT,
                         filename=f"vu-viec-{timezone.localdate():%Y%m%d}.xlsx")
