"""The case list as an XLSX workbook (issue 7 "download any list as XLSX").

``/cases/export.xlsx`` takes the same GET filters and search ``q`` as the list and goes through the same scope
(``thads.org.scope.scope_queryset``): a user downloads exactly the rows the list would show them, never more. The
workbook is written row by row (xlsxwriter ``constant_memory``) into a temporary file that is streamed back; at most
``MAX_ROWS`` rows are written, and a last line says so when more matched. No ID numbers or addresses are exported,
so the download needs only ``Action.VIEW`` (which the scope already is).
"""

from __future__ import annotations

import tempfile
from datetime import date

import xlsxwriter
from django.contrib.auth.decorators import login_required
from django.db.models import F, Prefetch
from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thads.cases import choices
from thads.cases.forms import CaseFilterForm, state_label
from thads.cases.models import Case, Party
from thads.cases.search import search_cases
from thads.org.models import Officer
from thads.org.scope import scope_queryset, visible_units

MAX_ROWS = 100_000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filtered_cases(user, params):
    """The cases of the list for these GET parameters, in the list's order (scoped, filtered, searched)."""
    units = visible_units(user).order_by("path")
    officers = scope_queryset(user, Officer.objects.all()).order_by("name", "code")
    form = CaseFilterForm(params, units=units, officers=officers)
    cases = form.filter(scope_queryset(user, Case.objects.all()))
    if form.search_text:
        return search_cases(cases, form.search_text)
    return cases.order_by(F("last_event_on").desc(nulls_last=True), "-pk")


def _state_vi(case: Case) -> str:
    if case.phase:
        return state_label(case.state, case.phase)
    return str(dict(choices.INTAKE).get(case.intake, "")) if case.intake != "NONE" else ""


def write_workbook(path: str, cases, limit: int = MAX_ROWS) -> tuple[int, bool]:
    """Write ``cases`` into an .xlsx at ``path``; return (rows written, whether rows were cut at ``limit``)."""
    wb = xlsxwriter.Workbook(path, {"constant_memory": True, "remove_timezone": True})
    ws = wb.add_worksheet(_("Cases")[:31])
    bold = wb.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1})
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    money = wb.add_format({"num_format": "#,##0"})
    headers = [_("Case id"), _("Decision no."), _("Decision date"), _("Debtor"), _("Unit"), _("Enforcement officer"),
               _("State"), _("Amount"), _("Outstanding")]
    widths = [14, 20, 13, 30, 34, 24, 22, 16, 16]
    for col, (title, width) in enumerate(zip(headers, widths, strict=True)):
        ws.set_column(col, col, width)
        ws.write_string(0, col, title, bold)
    ws.freeze_panes(1, 0)
    debtors = Prefetch("parties", queryset=Party.objects.filter(role=choices.DEBTOR).order_by("position"),
                       to_attr="debtor_list")
    rows = cases.select_related("unit", "officer").prefetch_related(debtors)[: limit + 1]
    written, cut = 0, False
    for case in rows.iterator(chunk_size=2000):
        if written == limit:
            cut = True
            break
        r = written + 1
        ws.write_string(r, 0, case.ext_id)
        ws.write_string(r, 1, case.decision_no or "")
        if isinstance(case.decided_on, date):
            ws.write_datetime(r, 2, case.decided_on, date_fmt)
        else:
            ws.write_blank(r, 2, None, date_fmt)
        ws.write_string(r, 3, case.debtor_list[0].name if case.debtor_list else "")
        ws.write_string(r, 4, case.unit.name)
        ws.write_string(r, 5, case.officer.name if case.officer_id else "")
        ws.write_string(r, 6, _state_vi(case))
        ws.write_number(r, 7, case.amount, money)
        ws.write_number(r, 8, case.outstanding, money)
        written += 1
    ws.autofilter(0, 0, max(written, 1), len(headers) - 1)
    if cut:
        ws.write_string(written + 2, 0, _("Only the first %(n)s cases are included; narrow the filters to get the "
                                          "rest.") % {"n": f"{limit:,}".replace(",", ".")}, bold)
    wb.close()
    return written, cut


@login_required
def case_list_xlsx(request: HttpRequest) -> HttpResponse:
    cases = filtered_cases(request.user, request.GET)
    tmp = tempfile.NamedTemporaryFile(suffix=".xlsx")  # removed when the response closes it
    with translation.override("vi"):  # state labels and headers in Vietnamese
        written, cut = write_workbook(tmp.name, cases, MAX_ROWS)
    tmp.seek(0)
    filename = f"vu-viec-{timezone.localdate():%Y%m%d}.xlsx"
    response = FileResponse(tmp, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
    response["X-THADS-Rows"] = str(written)
    if cut:
        response["X-THADS-Truncated"] = str(MAX_ROWS)
    return response
