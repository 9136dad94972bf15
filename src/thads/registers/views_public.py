"""The public list's pages.

* ``/public/debtors/`` (no login, read-only, GET only): the listed rows — never a removed one — with exactly the
  published fields, searched without diacritics (``lib.text.fold``), 50 a page; ``/public/debtors.csv`` and
  ``.json`` the same rows (same search) as files. Nothing else of the database is reachable from them: the rows come
  from ``registers.public.published`` (a ``values()`` of the published columns only).
* ``/registers/public/`` (staff, scoped to the user's units): the cases whose debtor must be published, the listed
  rows that must be updated or removed, each with its due date; the buttons post to ``/registers/public/step/``,
  which calls ``registers.actions_public``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thads.cases.models import Case
from thads.deadlines.service import current_calendar
from thads.domain.capabilities import Capability
from thads.domain.publication import LISTED_STATES, PUBLIC_FIELDS, publish_due
from thads.org.capabilities import can
from thads.org.models import Unit
from thads.org.scope import scope_queryset
from thads.registers import actions_public
from thads.registers.deadline_source import owed
from thads.registers.models import PublicListing
from thads.registers.public import as_public, current_rows, published

PAGE_SIZE = 50
#: The pages of the public list a visitor may browse (10,000 rows): beyond, the search or the files (streamed). The
#: database then sorts at most the first ``MAX_PAGES * PAGE_SIZE`` rows (a top-N sort) for any ``?page=``.
MAX_PAGES = 200
STAFF_ROWS = 300
CSV_HEADER = ("Họ và tên", "Địa chỉ", "Nghĩa vụ phải thi hành", "Số quyết định", "Ngày quyết định",
              "Cơ quan thi hành án")


def _unit_ids(code: str) -> list[int] | None:
    """The subtree of the unit with ``code`` (public: unit codes and names are public), None for every unit."""
    code = (code or "").strip()
    if not code:
        return None
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        return []
    return list(Unit.objects.filter(path__startswith=unit.path).values_list("id", flat=True))


def public_headers(view):
    """The public list's responses: not indexed nor archived by search engines (a removed debtor must not linger in
    a search engine's copy: Decree 62/2015 Art. 11), revalidated by every cache (a removal shows at once), varying
    with the cookie (a logged-in visitor's page carries the staff menu and must not be served to another)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, noarchive"
        patch_cache_control(response, no_cache=True, max_age=0)
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapped


class CappedPaginator(Paginator):
    """A paginator whose last page is ``MAX_PAGES`` at most (a larger ``?page=`` shows that page)."""

    @cached_property
    def num_pages(self) -> int:
        return min(super().num_pages, MAX_PAGES)


def _query(request: HttpRequest) -> tuple[str, str]:
    """The search and the unit code, cut short and without control characters (PostgreSQL refuses a NUL in a
    string: a 500 on ``?q=%00``)."""
    def clean(name: str, size: int) -> str:
        return "".join(c for c in (request.GET.get(name) or "")[:size] if c.isprintable() or c == " ")

    return clean("q", 200), clean("unit", 64)


@public_headers
@require_GET
def public_debtors(request: HttpRequest) -> HttpResponse:
    q, unit = _query(request)
    page = CappedPaginator(published(q, _unit_ids(unit)), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "registers/public_debtors.html", {
        "q": q, "unit": unit, "page_obj": page, "rows": [as_public(r) for r in page.object_list],
        "capped": page.paginator.count > MAX_PAGES * PAGE_SIZE, "max_rows": MAX_PAGES * PAGE_SIZE})


def public_rows(q: str = "", unit_ids: list[int] | None = None) -> Iterator[dict]:
    """The published rows as dicts of ``PUBLIC_FIELDS`` (page, files, ``thads public-list``)."""
    for row in published(q, unit_ids).iterator(chunk_size=2000):
        yield as_public(row)


def _cell(value: str) -> str:
    """A text that a spreadsheet would run as a formula (=, +, -, @, a tab, CR or LF first, also after leading
    spaces; OWASP "CSV injection") is kept as text with a leading apostrophe."""
    if isinstance(value, str) and value.lstrip(" ")[:1] in ("=", "+", "-", "@", "\t", "\r", "\n"):
        return "'" + value
    return value


def csv_lines(rows) -> Iterator[str]:  # noqa: F821 (typing only)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_HEADER)
    yield "\ufeff" + buf.getvalue()
    for row in rows:
        buf.seek(0)
        buf.truncate()
        writer.writerow([_cell(row[f]) for f in PUBLIC_FIELDS])
        yield buf.getvalue()


def json_chunks(rows) -> Iterator[str]:  # noqa: F821 (typing only)
    yield "["
    for i, row in enumerate(rows):
        yield ("," if i else "") + json.dumps(row, ensure_ascii=False)
    yield "]\n"


@public_headers
@require_GET
def public_debtors_csv(request: HttpRequest) -> StreamingHttpResponse:
    q, unit = _query(request)
    response = StreamingHttpResponse(csv_lines(public_rows(q, _unit_ids(unit))), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="nguoi-phai-thi-hanh-an-chua-co-dieu-kien.csv"'
    return response


@public_headers
@require_GET
def public_debtors_json(request: HttpRequest) -> StreamingHttpResponse:
    q, unit = _query(request)
    response = StreamingHttpResponse(json_chunks(public_rows(q, _unit_ids(unit))),
                                     content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="nguoi-phai-thi-hanh-an-chua-co-dieu-kien.json"'
    return response


# ------------------------------------------------------------------------------------------------ staff


def staff_work(user, today: date) -> dict:
    """The cases to publish and the listed rows to update or remove in the user's units, with their due dates."""
    calendar = current_calendar()
    listed_cases = PublicListing.objects.filter(removed_on__isnull=True).values("case_id")
    todo = list(scope_queryset(user, Case.objects.filter(state__in=LISTED_STATES).exclude(id__in=listed_cases))
                .order_by("id").values_list("id", "ext_id")[:STAFF_ROWS])
    rows = current_rows([pk for pk, _ext in todo])
    to_publish = sorted(({"case_id": pk, "ext_id": ext, "row": rows[pk],
                          "due": publish_due(rows[pk]["decision_on"], calendar)}
                         for pk, ext in todo if pk in rows), key=lambda r: (r["due"].due, r["case_id"]))
    listings = list(scope_queryset(user, PublicListing.objects.filter(removed_on__isnull=True), "case__unit")
                    .select_related("case").order_by("id"))
    steps = owed(listings, calendar)
    by_id = {x.id: x for x in listings}
    to_change = sorted(({"listing": by_id[pk], "due": due} for pk, due in steps.items()),
                       key=lambda r: (r["due"].due, r["listing"].id))
    return {"to_publish": to_publish, "to_change": to_change[:STAFF_ROWS], "listed": len(listings),
            "today": today}


@login_required
@require_GET
def staff_public(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(request, "registers/public_staff.html", staff_work(request.user, today))


@login_required
@require_POST
def staff_public_step(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not can(user, Capability.CHANGE_CASES):
        raise PermissionDenied(_("You may not publish the list."))
    step, pk = request.POST.get("step", ""), request.POST.get("id", "")
    if step not in ("publish", "update", "remove") or not pk.isascii() or not pk.isdigit() or len(pk) > 18:
        raise Http404
    try:
        on = date.fromisoformat(request.POST.get("on") or timezone.localdate().isoformat())
    except ValueError:
        messages.error(request, _("Enter a valid date."))
        return redirect("registers-public")
    action = {"publish": actions_public.do_publish, "update": actions_public.do_update_listing,
              "remove": actions_public.do_remove_listing}[step]
    visible = (scope_queryset(user, Case.objects.filter(pk=int(pk))) if step == "publish"
               else scope_queryset(user, PublicListing.objects.filter(pk=int(pk)), "case__unit"))
    if not visible.exists():
        raise Http404
    try:
        action(user, int(pk), on)
    except actions_public.PublicationRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, {"publish": _("The debtor was published."), "update": _("The listing was updated."),
                                   "remove": _("The listing was removed.")}[step])
    return redirect("registers-public")
