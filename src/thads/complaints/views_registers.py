"""The registers of matters (TT 13/2021/TT-BTP Arts. 29–30): complaints, denunciations, recommendations and reports,
the procuracy's acts — a list with its filters (received between, unit, status, overdue only), the same rows as XLSX
and as a printable PDF (``registers.py``). A denunciator is never named in a register, a file or a print.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.complaints import labels, registers
from thads.complaints.forms_filters import MatterFilters
from thads.complaints.views_common import may_role, personal_anywhere
from thads.org.audit import audit_read
from thads.org.models import Unit
from thads.org.spreadsheet import MAX_ROWS

PAGE_SIZE = 50


def _register(kind: str):
    if kind not in labels.REGISTERS:
        raise Http404
    return labels.REGISTERS[kind]


@login_required
def register(request: HttpRequest, kind: str) -> HttpResponse:
    kinds, title = _register(kind)
    user = request.user
    today = timezone.localdate()
    filters = MatterFilters(request.GET or None, user=user)
    page = Paginator(registers.matters(user, kinds, filters.values(), today), PAGE_SIZE).get_page(
        request.GET.get("page"))
    lines = [registers.matter_line(m, False, today) for m in page]
    return render(request, "complaints/register.html", {
        "title": title, "kind": kind, "filters": filters, "query": filters.query(), "page_obj": page,
        "lines": lines, "registers": [(k, t) for k, (_ks, t) in labels.REGISTERS.items()],
        "can_add_procuracy": kind == "procuracy" and may_role(user, user.unit, "receive"),
    })


def _lines(request: HttpRequest, kind: str, what: str) -> tuple[list, str, dict]:
    kinds, title = _register(kind)
    user = request.user
    today = timezone.localdate()
    filters = MatterFilters(request.GET or None, user=user).values()
    matters = list(registers.matters(user, kinds, filters, today)[:MAX_ROWS + 1])
    see = personal_anywhere(user)
    if see and registers.personal_shown(registers.matter_persons(m) for m in matters):
        audit_read(user, f"complaints.register.{kind}.{what}", None, fields=["signatory.id_number",
                                                                              "signatory.address"],
                   count=len(matters))
    return [registers.matter_line(m, see, today).cells for m in matters], str(title), filters


@login_required
def register_xlsx(request: HttpRequest, kind: str) -> HttpResponse:
    from thads.complaints.xlsx import MATTER_COLUMNS, xlsx

    lines, title, _f = _lines(request, kind, "xlsx")
    return xlsx(lines, MATTER_COLUMNS, sheet=title, filename=f"so-{kind}")


@login_required
def register_pdf(request: HttpRequest, kind: str) -> HttpResponse:
    lines, title, filters = _lines(request, kind, "pdf")
    return pdf_response(request, title=title, headers=registers.MATTER_HEADERS, rows=lines, filename=f"so-{kind}",
                        filters=filters)


def _period(filters: dict) -> str:
    start, end = filters.get("date_from"), filters.get("date_to")
    if start and end:
        return _("From %(a)s to %(b)s") % {"a": f"{start:%d/%m/%Y}", "b": f"{end:%d/%m/%Y}"}
    if start:
        return _("From %(a)s") % {"a": f"{start:%d/%m/%Y}"}
    if end:
        return _("Until %(b)s") % {"b": f"{end:%d/%m/%Y}"}
    return _("Printed on %(d)s") % {"d": f"{timezone.localdate():%d/%m/%Y}"}


def pdf_response(request: HttpRequest, *, title, headers, rows, filename: str, filters: dict) -> HttpResponse:
    """The register as a PDF download (the unit filtered, else the user's own unit in the heading)."""
    unit = Unit.objects.filter(pk=filters["unit"]).first() if filters.get("unit") else request.user.unit
    pdf = registers.render_pdf(title=str(title), unit_name=unit.name if unit is not None else "",
                               period=_period(filters), headers=headers, rows=rows)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{timezone.localdate():%Y%m%d}.pdf"'
    return response
