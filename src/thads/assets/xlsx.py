"""The debtor register as XLSX (issue 7 "download any list as XLSX"): ``/assets/debtors/export.xlsx`` takes the
list's search ``q`` and goes through the same scope and search (``views_debtors.search_debtors``): a user downloads
exactly the debtors the list shows them. No ID number or address is written, so the download needs only the scope;
a search by ID number follows the list's rule (only with the personal-data right, logged as a read).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from thads.assets import labels
from thads.assets.views_debtors import debtor_counts, search_debtors
from thads.org.spreadsheet import MAX_ROWS, NUMBER, Column, xlsx_response

COLUMNS = (
    Column(gettext_lazy("Debtor"), 34), Column(gettext_lazy("Person or organisation"), 14),
    Column(gettext_lazy("Unit"), 34), Column(gettext_lazy("Cases"), 8, NUMBER),
    Column(gettext_lazy("Assets found"), 10, NUMBER), Column(gettext_lazy("Measures in force"), 10, NUMBER),
    Column(gettext_lazy("Declaration date"), 12),
)
CHUNK = 2000


def debtor_rows(debtors, limit: int = MAX_ROWS) -> Iterator[list]:
    """The lines of the workbook (one more than ``limit`` at most, to tell that rows were cut)."""
    rows = list(debtors.order_by("name", "id").values_list("pk", "name", "kind", "unit__name", "declared_on")
                [: limit + 1])
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start:start + CHUNK]
        counts = debtor_counts([r[0] for r in chunk])
        for pk, name, kind, unit, declared_on in chunk:
            c = counts[pk]
            yield [name, labels.label(labels.DEBTOR_KIND, kind), unit, c["cases"], c["assets"], c["in_force"],
                   f"{declared_on:%d/%m/%Y}" if declared_on else ""]


@login_required
def debtor_list_xlsx(request: HttpRequest) -> HttpResponse:
    debtors, _refused = search_debtors(request.user, request.GET.get("q", ""), audit="assets.debtor_search.xlsx")
    return xlsx_response(debtor_rows(debtors, MAX_ROWS), COLUMNS, sheet=gettext_lazy("Debtor register"),
                         limit=MAX_ROWS, filename=f"so-nguoi-phai-thi-hanh-an-{timezone.localdate():%Y%m%d}.xlsx")
