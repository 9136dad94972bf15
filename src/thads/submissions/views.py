"""Pages under /submissions/ (issue 18): the packages sent and received (due day, late, corrections, the check),
the consolidation table of a unit's period, the download of a package. For who sees the statistics
(``Capability.VIEW_STATISTICS``), over the units of their scope; another unit's package does not exist (404).
"""

from __future__ import annotations

import re
from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.domain.capabilities import Capability
from thads.domain.contrib import month_of, statistical_year_of
from thads.domain.report import MONEY_KEYS
from thads.org.capabilities import can
from thads.org.scope import visible_units
from thads.submissions.models import Direction, Submission
from thads.submissions.receive import consolidation

DIGITS = re.compile(r"[0-9]{1,6}")


def guard(request) -> None:
    if not can(request.user, Capability.VIEW_STATISTICS):
        raise PermissionDenied(_("The statistics are for statisticians and the heads of units."))


def _int(request, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if DIGITS.fullmatch(value) else None


def last_period() -> tuple[int, int]:
    """(statistical year, months) of the last month that has ended."""
    last = timezone.localdate().replace(day=1) - timedelta(days=1)
    return statistical_year_of(last), month_of(last)


def visible_submissions(request):
    units = visible_units(request.user)
    return (Submission.objects.filter(Q(unit__in=units) | Q(to_unit__in=units))
            .select_related("unit", "to_unit", "supersedes").order_by("-year", "-months", "unit__code", "-id"))


@login_required
def submissions_page(request):
    guard(request)
    rows = list(visible_submissions(request)[:500])
    year, months = last_period()
    return render(request, "submissions/list.html", {
        "sent": [s for s in rows if s.direction == Direction.SENT],
        "received": [s for s in rows if s.direction == Direction.RECEIVED],
        "units": visible_units(request.user).order_by("path"), "year": year, "months": months,
        "month_choices": range(1, 13)})


@login_required
def download(request):
    guard(request)
    pk = _int(request, "id")
    sub = visible_submissions(request).filter(pk=pk).first() if pk is not None else None
    if sub is None:
        raise Http404
    response = HttpResponse(sub.package.encode("utf-8"), content_type="application/json; charset=utf-8")
    name = f"{sub.unit.code}-{sub.year}-{sub.months:02d}-{sub.sha256[:12]}.thads.json"
    response["Content-Disposition"] = f'attachment; filename="{re.sub(r"[^A-Za-z0-9._-]", "_", name)}"'
    return response


@login_required
def consolidation_page(request):
    guard(request)
    units = visible_units(request.user).order_by("path")
    code = request.GET.get("unit", "")
    unit = (units.filter(code=code).first() if code else None) or (
        units.filter(pk=request.user.unit_id).first() if getattr(request.user, "unit_id", None) else None
    ) or units.first()
    last_year, last_months = last_period()
    year = _int(request, "year") or last_year
    months = _int(request, "months") or last_months
    if not 1 <= months <= 12 or not 2000 <= year <= last_year:
        year, months = last_year, last_months
    result = consolidation(unit, year, months) if unit is not None else None
    lines = []
    if result is not None:
        for key in MONEY_KEYS:
            lines.append({"key": key, **{f"{m}_{src}": data[m].get(key) if key in data[m] else None
                                         for m in ("cases", "money")
                                         for src, data in (("own", result.own), ("cons", result.consolidated),
                                                           ("report", result.report))}})
        for line in lines:
            line["differs"] = (line["cases_cons"] != line["cases_report"]
                               or line["money_cons"] != line["money_report"])
    return render(request, "submissions/consolidation.html", {
        "units": units, "unit": unit, "year": year, "months": months, "result": result, "lines": lines,
        "month_choices": range(1, 13)})
