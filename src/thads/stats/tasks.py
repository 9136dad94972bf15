"""Background job of the statistics context (issue 12): ``thads stats-rebuild`` started from the jobs page."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from thads.org.capabilities import Capability, can
from thads.org.jobs.actions import Progress, run_job
from thads.org.jobs.models import JobRun


def may_rebuild(user) -> bool:
    """Who may rebuild every statistics cell: the rebuild recomputes every province's cells in one transaction, so
    only someone whose scope is the whole country: a superuser, or a statistician of a national-level unit that
    covers every unit of the tree (``Capability.REBUILD_STATISTICS`` and its condition in
    ``thads.org.capabilities.can``). A provincial statistician may not (other provinces are outside his scope, and
    the rebuild locks the cells of the whole country while it runs)."""
    return can(user, Capability.REBUILD_STATISTICS)


@task()
def rebuild_statistics(job_id: int) -> dict:
    return run_job(job_id, _rebuild_body)


def _rebuild_body(job: JobRun, progress: Progress) -> dict:
    from thads.cases.models import Case
    from thads.org.audit import audit_write
    from thads.stats.cells import rebuild
    from thads.stats.service import iter_histories

    cases = Case.objects.filter(decided_on__isnull=False)
    progress.set_total(cases.count())
    progress.say("rebuilding")

    def counted(histories):
        for h in histories:
            progress.advance()
            yield h

    # One transaction: a rebuild stopped half way must not leave the cells half deleted (the command's own run
    # can be repeated by hand; a job failing unseen cannot).
    with transaction.atomic():
        n = rebuild(counted(iter_histories(cases)))
        audit_write(job.owner, "stats.rebuild", job, unit=job.unit, after={"cases": n, "job": job.pk})
    return {"cases": n}


# ------------------------------------------------------------------------------------------------- report file

#: A report over a date range replays the histories of the unit's cases; above this many cases its file is made by
#: a background job (an official period reads the cells and stays in the request).
REPORT_JOB_CASES = 20000


def wants_job(request, sel) -> bool:
    """Whether the report download of the statistics page runs as a job: a date range (not an official period) over
    a unit holding more than ``REPORT_JOB_CASES`` cases, or ``?background=1``; never inside the job itself."""
    from thads.cases.models import Case
    from thads.org.models import Unit

    if getattr(request, "thads_job", None) is not None or sel.official is not None:
        return False
    if request.GET.get("background") == "1":
        return True
    subtree = Unit.objects.filter(path__startswith=sel.unit.path).values("id")
    return Case.objects.filter(unit_id__in=subtree)[:REPORT_JOB_CASES + 1].count() > REPORT_JOB_CASES


def start_report_export(request, fmt: str):
    from django.shortcuts import redirect
    from django.utils.translation import get_language

    from thads.org.jobs.actions import start_job
    from thads.org.jobs.models import JobKind

    query = {k: v for k, v in request.GET.items() if k != "background"}
    job = start_job(request.user, JobKind.REPORT_EXPORT, export_report, unit=request.user.unit,
                    params={"fmt": fmt, "query": query, "lang": get_language() or "vi",
                            "name": query.get("unit", "")})
    return redirect("job-detail", job.pk)


@task()
def export_report(job_id: int) -> dict:
    return run_job(job_id, _report_body)


def _report_body(job: JobRun, progress: Progress) -> dict:
    """The statistics page's own download view, run for the job's owner with the page's parameters (one
    definition of the file: ``thads.stats.views.export``)."""
    import re

    from django.http import HttpRequest, QueryDict
    from django.utils import translation

    from thads.org.jobs.actions import JobFailed, result_path
    from thads.stats.views import export

    request = HttpRequest()
    request.method = "GET"
    request.GET = QueryDict(mutable=True)
    request.GET.update(job.params.get("query") or {})
    request.user = job.owner
    request.thads_job = job
    request.META = {"SERVER_NAME": "localhost", "SERVER_PORT": "80"}
    progress.say("writing")
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    try:
        with translation.override(job.params.get("lang") or "vi"):
            response = export(request, job.params.get("fmt", ""))
    except (PermissionDenied, Http404):  # the owner's title or units changed since the job was queued
        raise JobFailed("Bạn không còn quyền xem báo cáo của đơn vị này.") from None
    if response.status_code != 200:
        raise JobFailed("Không lập được tệp báo cáo với các tham số đã chọn.")
    match = re.search(r'filename="([^"/\\]+)"', response.get("Content-Disposition", ""))
    name = match.group(1) if match else f"report.{job.params.get('fmt', 'bin')}"
    path = result_path(job, name)
    path.write_bytes(response.content)
    return {"file": f"{job.pk}/{name}", "name": name, "size": path.stat().st_size}
