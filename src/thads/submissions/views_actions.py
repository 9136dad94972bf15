"""The buttons of /submissions/ (POST only, issue 18): build and sign a unit's package for the level above,
receive a package file (upload), accept a received report or return it for correction. Each calls its action
(``thads.submissions.actions``) and goes back to the list with the result or the refusal as a message. For who
sees the statistics; the action itself checks the statistician of the unit (``Capability.CLOSE_PERIOD``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thads.lib.errors import Refused
from thads.org.scope import visible_units
from thads.stats.service import FutureYear
from thads.submissions.actions import do_accept, do_build_submission, do_receive, do_return
from thads.submissions.models import Direction
from thads.submissions.package import MAX_PACKAGE_BYTES
from thads.submissions.views import DIGITS, guard, visible_submissions

MAX_PACKAGE_MB = MAX_PACKAGE_BYTES // (1024 * 1024)


def _post_int(request, name: str) -> int | None:
    value = request.POST.get(name, "")
    return int(value) if DIGITS.fullmatch(value) else None


@login_required
@require_POST
def build(request):
    guard(request)
    unit = visible_units(request.user).filter(code=request.POST.get("unit", "")).first()
    year, months = _post_int(request, "year"), _post_int(request, "months")
    if unit is None or year is None or months is None or not 1 <= months <= 12 or not 2000 <= year <= 9999:
        messages.error(request, _("Choose a unit and a period."))
        return redirect("submissions-list")
    try:
        sub = do_build_submission(request.user, unit, year, months)
    except Refused as exc:
        messages.error(request, exc.message)
    except FutureYear:
        messages.error(request, _("Choose a unit and a period."))
    else:
        messages.info(request, _("The package of %(unit)s was built and signed.") % {"unit": unit.code})
        if sub.late:
            messages.warning(request, _("It is late: it was due on %(due)s.") % {"due": f"{sub.due_on:%d/%m/%Y}"})
    return redirect("submissions-list")


@login_required
@require_POST
def receive(request):
    guard(request)
    upload = request.FILES.get("package")
    if upload is None:
        messages.error(request, _("Choose a package file."))
    elif upload.size > MAX_PACKAGE_BYTES:
        messages.error(request, _("The file is larger than %(mb)s MB.") % {"mb": MAX_PACKAGE_MB})
    else:
        try:
            sub = do_receive(request.user, upload.read())
        except Refused as exc:
            messages.error(request, exc.message)
        else:
            messages.info(request, _("The report of %(unit)s was received.") % {"unit": sub.unit.code})
    return redirect("submissions-list")


@login_required
@require_POST
def decide(request):
    guard(request)
    pk = _post_int(request, "id")
    sub = visible_submissions(request).filter(pk=pk, direction=Direction.RECEIVED).first() if pk is not None else None
    if sub is None:
        raise Http404
    try:
        if request.POST.get("decision") == "accept":
            do_accept(request.user, sub)
        else:
            do_return(request.user, sub, request.POST.get("reason", ""))
    except Refused as exc:
        messages.error(request, exc.message)
    return redirect("submissions-list")
