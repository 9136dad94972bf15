"""The work queue as XLSX (issue 7 "download any list as XLSX"), the same rows as the page
(``thads.deadlines.queue.queue_deadlines``).

``/deadlines/export.xlsx`` takes the queue's ``officer`` GET parameter and lists every row of the queue (not only
one page), overdue first as on the page. A deadline holds no personal data (no ID number, no address).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from thads.deadlines.queue import queue_deadlines
from thads.org.spreadsheet import DATE, MAX_ROWS, NUMBER, Column, xlsx_response

COLUMNS = (
    Column(gettext_lazy("Due"), 12, DATE), Column(gettext_lazy("Days overdue"), 10, NUMBER),
    Column(gettext_lazy("Case id"), 14), Column(gettext_lazy("What must be done"), 50),
    Column(gettext_lazy("Legal basis"), 30), Column(gettext_lazy("Enforcement officer"), 24),
    Column(gettext_lazy("Days since last act"), 12, NUMBER),
)


def queue_rows(deadlines, today, limit: int = MAX_ROWS) -> Iterator[list]:
    for dl in deadlines[: limit + 1].iterator(chunk_size=2000):
        overdue = dl.due < today and not dl.paused
        last = dl.case.last_event_on if dl.case_id else None
        yield [dl.due, (today - dl.due).days if overdue else None, dl.label, dl.text, dl.article,
               dl.officer.name if dl.officer_id else "", (today - last).days if last else None]


@login_required
def queue_xlsx(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    deadlines = queue_deadlines(request.user, request.GET)
    return xlsx_response(queue_rows(deadlines, today, MAX_ROWS), COLUMNS, sheet=gettext_lazy("Deadlines"),
                         limit=MAX_ROWS, filename=f"thoi-han-{today:%Y%m%d}.xlsx")
