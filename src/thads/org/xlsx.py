"""The staff list and the organisation tree as XLSX (issue 7 "download any list as XLSX"), with the pages' scope
(``thads.org.views.listed_staff`` / ``tree_units``) and the pages' columns; the unit tree adds the parent unit's
code, which the page shows by indentation. Neither holds personal data of parties."""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy

from thads.org.models import Unit
from thads.org.spreadsheet import DATE, MAX_ROWS, NUMBER, Column, xlsx_response
from thads.org.views import listed_staff, tree_units

STAFF_COLUMNS = (
    Column(gettext_lazy("Full name"), 30), Column(gettext_lazy("Username"), 20), Column(gettext_lazy("Title"), 24),
    Column(gettext_lazy("Unit"), 34),
)
UNIT_COLUMNS = (
    Column(gettext_lazy("Code"), 14), Column(gettext_lazy("Name"), 40),
    Column(capfirst(Unit._meta.get_field("parent").verbose_name), 14), Column(gettext_lazy("Level"), 22),
    Column(gettext_lazy("Valid from"), 12, DATE), Column(gettext_lazy("Valid to"), 12, DATE),
    Column(gettext_lazy("Staff"), 10, NUMBER), Column(gettext_lazy("Status"), 26),
)


def staff_rows(staff, limit: int = MAX_ROWS) -> Iterator[list]:
    for u in staff[: limit + 1].iterator(chunk_size=2000):
        yield [u.full_name, u.username, u.get_title_display(), u.unit.name if u.unit_id else ""]


def unit_rows(units, today, limit: int = MAX_ROWS) -> Iterator[list]:
    active, inactive = gettext_lazy("active"), gettext_lazy("dissolved or not yet created")
    for u in units[: limit + 1]:
        yield [u.code, u.name, u.parent.code if u.parent_id else "", u.get_level_display(), u.valid_from,
               u.valid_to, u.staff_count, active if u.is_active_on(today) else inactive]


@login_required
def staff_list_xlsx(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return xlsx_response(staff_rows(listed_staff(request.user), MAX_ROWS), STAFF_COLUMNS, sheet=gettext_lazy("Staff"),
                         limit=MAX_ROWS, filename=f"can-bo-{today:%Y%m%d}.xlsx")


@login_required
def unit_tree_xlsx(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return xlsx_response(unit_rows(tree_units(request.user), today, MAX_ROWS), UNIT_COLUMNS,
                         sheet=gettext_lazy("Organisation"), limit=MAX_ROWS, filename=f"don-vi-{today:%Y%m%d}.xlsx")
