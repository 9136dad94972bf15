"""The registers page (``/registers/``): choose the register, the unit and the period; the lines are previewed a
page at a time (names only) and downloaded as the printed book (PDF) or XLSX (with addresses for who has the
personal-data right; never an ID number). Every download writes an ``audit_read`` row.

Who: the staff who work the unit's cases (``Capability.CHANGE_CASES``) and who sees its statistics
(``VIEW_STATISTICS``: heads, deputies, statisticians), over the units of their scope. Bad input is the form's
message (status 400), never a 500; a unit outside the user's scope is not a choice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.domain.capabilities import Capability
from thads.domain.registers import RegisterKind
from thads.org.audit import audit_read
from thads.org.capabilities import can
from thads.org.models import Unit
from thads.org.period_form import period_label_vi
from thads.org.scope import visible_units
from thads.org.spreadsheet import DATE, MAX_ROWS, MONEY, NUMBER, xlsx_response
from thads.registers import registers
from thads.registers.forms_registers import RegisterForm
from thads.registers.register_pdf import MAX_PDF_ROWS, cell_text, render_pdf

PAGE_SIZE = 50
_PAGE_CLASSES = {MONEY: "num", NUMBER: "num", DATE: "nowrap"}


def may_keep(user, unit: Unit | None = None) -> bool:
    """Whether the user may read and print the registers (of ``unit`` when given)."""
    return can(user, Capability.CHANGE_CASES, unit) or can(user, Capability.VIEW_STATISTICS, unit)


@dataclass
class Choice:
    form: RegisterForm
    spec: registers.Spec | None = None
    unit: Unit | None = None
    date_from: date | None = None
    date_to: date | None = None

    @property
    def period(self) -> str:
        return period_label_vi(self.date_from, self.date_to, None)

    def filename(self, ext: str) -> str:
        code = re.sub(r"[^A-Za-z0-9_.-]+", "_", self.unit.code).strip("._") or "unit"  # never a / or a quote
        return f"so-{self.spec.kind}-{code}-{self.date_from:%Y%m%d}-{self.date_to:%Y%m%d}.{ext}"


def choice(request: HttpRequest) -> Choice:
    """The register asked for, or the default (the judgments register of the user's unit, this year to today)."""
    user = request.user
    if not may_keep(user):
        raise PermissionDenied
    units = list(visible_units(user).order_by("path"))
    if not units:
        raise PermissionDenied
    today = timezone.localdate()
    home = next((u for u in units if u.pk == user.unit_id), units[0])
    initial = {"kind": RegisterKind.JUDGMENTS.value, "unit": home.code, "date_from": today.replace(month=1, day=1),
               "date_to": today}
    asked = any(k in request.GET for k in ("kind", "unit", "date_from", "date_to"))
    form = RegisterForm(request.GET if asked else None, units=units, initial=initial)
    if not asked:
        return Choice(form, registers.SPECS[RegisterKind.JUDGMENTS], home, initial["date_from"], today)
    if not form.is_valid():
        return Choice(form)
    c = form.cleaned_data
    unit = form.units[c["unit"]]
    if not may_keep(user, unit):
        raise PermissionDenied
    return Choice(form, registers.SPECS[RegisterKind(c["kind"])], unit, c["date_from"], c["date_to"])


def _page(request: HttpRequest, ch: Choice, status: int = 200) -> HttpResponse:
    page_obj, lines = None, []
    if ch.spec is not None:
        page_obj = Paginator(registers.rows(ch.spec, ch.unit, ch.date_from, ch.date_to), PAGE_SIZE).get_page(
            request.GET.get("page"))
        columns = registers.columns(ch.spec)
        lines = [[(cell_text(v, c), _PAGE_CLASSES.get(c.kind, "")) for v, c in zip(line, columns, strict=True)]
                 for line in registers.lines(ch.spec, ch.unit, list(page_obj.object_list), see=False)]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "registers/register_page.html", {
        "choice": ch, "form": ch.form, "page_obj": page_obj, "lines": lines, "query": query.urlencode(),
        "headers": registers.headers(ch.spec) if ch.spec else [],
        "see": may_see(request.user, ch.unit) if ch.unit else False,
    }, status=status)


def may_see(user, unit: Unit) -> bool:
    return can(user, Capability.PERSONAL_DATA, unit)


@login_required
def register_page(request: HttpRequest) -> HttpResponse:
    ch = choice(request)
    return _page(request, ch, 200 if ch.spec is not None else 400)


def _audit(request: HttpRequest, ch: Choice, fmt: str, see: bool, count: int) -> None:
    audit_read(request.user, f"registers.{ch.spec.kind}.{fmt}", None, unit=ch.unit,
               fields=["party.name", *(["party.address"] if see else [])], count=count,
               object_repr=ch.filename(fmt))


@login_required
def register_pdf(request: HttpRequest) -> HttpResponse:
    ch = choice(request)
    if ch.spec is None:
        return _page(request, ch, 400)
    count = registers.rows(ch.spec, ch.unit, ch.date_from, ch.date_to).count()
    if count > MAX_PDF_ROWS:
        ch.form.add_error(None, _("The period has %(n)s lines, more than a printed book takes (%(max)s): choose a "
                                  "shorter period or download the XLSX.") % {"n": count, "max": MAX_PDF_ROWS})
        return _page(request, ch, 400)
    see = may_see(request.user, ch.unit)
    pdf = render_pdf(title=ch.spec.title, unit_name=ch.unit.name, period=ch.period, columns=registers.columns(ch.spec),
                     lines=registers.iter_lines(ch.spec, ch.unit, ch.date_from, ch.date_to, see),
                     printed_on=timezone.localdate(), add_totals=ch.spec.kind == RegisterKind.MONEY)
    _audit(request, ch, "pdf", see, count)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{ch.filename("pdf")}"'
    return response


@login_required
def register_xlsx(request: HttpRequest) -> HttpResponse:
    ch = choice(request)
    if ch.spec is None:
        return _page(request, ch, 400)
    see = may_see(request.user, ch.unit)
    response = xlsx_response(registers.iter_lines(ch.spec, ch.unit, ch.date_from, ch.date_to, see),
                             registers.columns(ch.spec), filename=ch.filename("xlsx"), sheet=ch.spec.title,
                             limit=MAX_ROWS)
    _audit(request, ch, "xlsx", see, int(response["X-THADS-Rows"]))
    return response
