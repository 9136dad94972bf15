"""Pages of the background jobs (issue 12): the list, one job's progress and result, its download, and the forms
that start a statistics rebuild or an export of case histories.

The progress page reloads itself every 2 s while the job runs with ``<meta http-equiv="refresh">``: no script, so
the Content-Security-Policy may forbid inline JavaScript.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thads.org.audit import audit_read
from thads.org.capabilities import Capability, can
from thads.org.jobs.actions import live_progress, may_open, result_file, start_job, visible_jobs
from thads.org.jobs.models import JobKind, JobRun, JobStatus
from thads.org.models import Unit
from thads.org.scope import Action, allowed, sees_everything, visible_units

LIST_LIMIT = 200
REFRESH_SECONDS = 2
#: What an export file holds about the parties (for the audit row of its download).
EXPORT_FIELDS = ["name", "id_number", "address"]


def export_units(user):
    """Units whose whole case histories ``user`` may export: personal data over the unit (hence its subtree)."""
    if not getattr(user, "is_authenticated", False):
        return Unit.objects.none()
    return [u for u in visible_units(user).order_by("path") if allowed(user, Action.PERSONAL_DATA, u)]


class ExportForm(forms.Form):
    unit = forms.ChoiceField(label=gettext_lazy("Unit (with everything below it)"))

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.units = {u.code: u for u in units}
        self.fields["unit"].choices = [(u.code, f"{u.code} · {u.name}") for u in units]


def _may_rebuild(user) -> bool:
    return can(user, Capability.REBUILD_STATISTICS)  # the national statistician (``stats.tasks.may_rebuild``)


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = list(visible_jobs(request.user)[:LIST_LIMIT])
    units = export_units(request.user)
    rows = [{"job": j, "open": may_open(request.user, j)} for j in jobs]
    return render(request, "jobs/list.html", {
        "rows": rows, "may_rebuild": _may_rebuild(request.user),
        "export_form": ExportForm(units=units) if units else None,
        "refresh": REFRESH_SECONDS if any(j.active for j in jobs) else None,
    })


def _own_job(request: HttpRequest, pk: int) -> JobRun:
    job = get_object_or_404(JobRun.objects.select_related("owner", "unit"), pk=pk)
    if not may_open(request.user, job):
        raise Http404  # not "forbidden": whether a job number exists is nobody else's business
    return job


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _own_job(request, pk)
    done, total, phase = live_progress(job)
    percent = 100 if job.status == JobStatus.DONE else (min(100, done * 100 // total) if total else 0)
    result = job.result or {}
    context = {"job": job, "done": done, "total": total, "phase": phase, "percent": percent,
               "result": result, "has_file": result_file(job) is not None and _may_download(request.user, job),
               "refresh": REFRESH_SECONDS if job.active else None}
    if job.kind == JobKind.IMPORT_CHECK and job.status == JobStatus.DONE:
        preview = result.get("preview") or {}
        context.update(preview)
        from thads.cases.imports_web import SESSION_KEY

        token = (request.session.get(SESSION_KEY) or {}).get("token", "")
        # Confirmable only from the session that uploaded it, and only while the upload is still waiting.
        context["can_import"] = bool(preview.get("can_import")) and token == job.params.get("token")
        context["token"] = token
    return render(request, "jobs/detail.html", context)


def _may_export_now(user, job: JobRun) -> bool:
    """An export of case histories holds the parties' ID numbers and addresses: the right to them over the job's
    unit (hence its subtree, which must still be in the user's scope) is needed at download time too."""
    if sees_everything(user):
        return True
    return job.unit is not None and allowed(user, Action.PERSONAL_DATA, job.unit)


def _may_view_report_now(user, job: JobRun) -> bool:
    """A report file: the user may still view statistics, and still of the unit the report is about (the page's
    ``unit`` parameter, else the unit the job was started from)."""
    if not can(user, Capability.VIEW_STATISTICS):
        return False
    if sees_everything(user):
        return True
    code = ((job.params or {}).get("query") or {}).get("unit") or ""
    unit = Unit.objects.filter(code=code).first() if code else job.unit
    return unit is not None and allowed(user, Action.VIEW, unit)


#: Job kinds with a downloadable file → the right their file needs, checked again at every download (a title or a
#: unit may have changed since the job started; result files are kept for days). A kind not listed has no download.
DOWNLOAD_RIGHTS = {
    JobKind.EXPORT: _may_export_now,
    JobKind.REPORT_EXPORT: _may_view_report_now,
}


def _may_download(user, job: JobRun) -> bool:
    right = DOWNLOAD_RIGHTS.get(job.kind)
    return right is not None and right(user, job)


@login_required
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = _own_job(request, pk)
    path = result_file(job) if job.status == JobStatus.DONE else None
    if path is None:
        raise Http404
    if not _may_download(request.user, job):
        raise Http404  # as for another's job: the file is no longer the user's to see
    if job.kind == JobKind.EXPORT:
        # The file holds the parties' names, ID numbers and addresses (Decree 13/2023/NĐ-CP Art. 26–27).
        audit_read(request.user, "export.download", job, unit=job.unit, fields=EXPORT_FIELDS,
                   count=(job.result or {}).get("cases"))
    return FileResponse(open(path, "rb"), as_attachment=True, filename=path.name)  # noqa: SIM115


@login_required
@require_POST
def start_rebuild(request: HttpRequest) -> HttpResponse:
    from thads.stats.tasks import rebuild_statistics

    if not _may_rebuild(request.user):
        raise PermissionDenied(_("Only superusers and statisticians of the national unit may rebuild the statistics."))
    running = JobRun.objects.filter(kind=JobKind.STATS_REBUILD, status__in=(JobStatus.QUEUED, JobStatus.RUNNING))
    if running.exists():
        messages.info(request, _("A rebuild of the statistics is already running."))
        return redirect("job-detail", running.first().pk) if may_open(request.user, running.first()) \
            else redirect("job-list")
    job = start_job(request.user, JobKind.STATS_REBUILD, rebuild_statistics, unit=request.user.unit)
    return redirect("job-detail", job.pk)


@login_required
@require_POST
def start_export(request: HttpRequest) -> HttpResponse:
    from thads.cases.tasks import export_unit

    units = export_units(request.user)
    if not units:
        raise PermissionDenied(_("Exporting case histories needs the right to see personal data over a unit."))
    form = ExportForm(request.POST, units=units)
    if not form.is_valid():
        messages.error(request, _("Choose one of your units."))
        return redirect("job-list")
    unit = form.units[form.cleaned_data["unit"]]
    job = start_job(request.user, JobKind.EXPORT, export_unit, unit=unit, params={"unit": unit.code})
    return redirect("job-detail", job.pk)
