"""Import a JSONL history through the page (issue 7 "bulk work"; issue 12 hole 8), in two steps.

1. **Preview** (``/cases/import/``, POST of the file): the file is kept in ``MEDIA_ROOT/imports/<token>.jsonl``
   (the random token is stored in the session and in an ``ImportUpload`` row with the user, never taken from the
   form alone) and validated with ``importer.check`` (nothing is written). A file up to ``INLINE_CHECK_MB`` is checked
   inside the request and the preview shown at once; a bigger one is checked by a background job whose page
   (``/jobs/<id>/``) shows the same preview when it is done.
2. **Confirm** (``/cases/import/confirm/``): consumes the upload once (a conditional UPDATE: of two confirmations
   only one starts an import, the other is sent to the job already started) and enqueues the import job
   (``thads.cases.tasks.import_file``: same rules as ``thads import``, closed periods refused), then redirects to
   the job's page. The job records ``import.run`` in the audit log with the user and deletes the kept file.

The kept file holds personal data (Decree 13/2023/NĐ-CP): it is deleted on cancel, when another file is uploaded,
when the preview refuses the file, when the import ends, and by ``thads cleanup-uploads`` after
``THADS_UPLOAD_HOURS`` (24 h) for a preview never confirmed.

Who may import (``may_import``: ``org.capabilities.can(user, Capability.IMPORT_CASES, user.unit)``): an active
superuser; a user with the title *admin* (over their own unit); the *head* of a province-level (or national) unit. Besides, for
anyone but a superuser every unit, officer and case of the file must lie inside the user's scope (a new unit must
hang below a unit they cover); a file reaching outside it is refused at the preview. A case id already used by a
case outside the user's units is refused with the same words whatever the reason, and the file is not validated
further, so that the preview never tells whether another province holds that id.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thads.cases.importer import check
from thads.cases.models import Case
from thads.cases.projections import import_guard
from thads.domain.capabilities import Capability
from thads.domain.interchange import ValidationResult
from thads.org.capabilities import can
from thads.org.jobs.actions import consume_upload, discard_upload, keep_upload, start_job, upload_path
from thads.org.jobs.models import ImportUpload, JobKind
from thads.org.models import Officer
from thads.org.scope import sees_everything, visible_units

MAX_IMPORT_MB = 200
#: Files up to this size are checked inside the request (a 5 MB file, ~5,000 cases, takes about a second);
#: bigger ones by a background job.
INLINE_CHECK_MB = 5
MAX_ERRORS_SHOWN = 200
SESSION_KEY = "case_import"
EXTENSIONS = (".jsonl", ".ndjson", ".json")


def may_import(user) -> bool:
    """The capability table's ``IMPORT_CASES`` over the user's own unit (``org.capabilities.can``)."""
    return can(user, Capability.IMPORT_CASES, getattr(user, "unit", None))


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("JSONL file"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".jsonl,.ndjson,.json"}))
    skip_invalid = forms.BooleanField(label=gettext_lazy("Skip invalid lines (import the valid ones)"),
                                      required=False)

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_IMPORT_MB * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": MAX_IMPORT_MB})
        if not f.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(_("Only JSONL files (.jsonl) can be imported."))
        head = f.read(4096)
        f.seek(0)
        text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
        if b"\x00" in head or (text and not text.startswith(b"{")):
            raise forms.ValidationError(_("This is not a JSONL file: every line must be one JSON object."))
        if not text:
            raise forms.ValidationError(_("The file is empty."))
        return f


# ------------------------------------------------------------------------------------------------- scope of a file


def _file_case_ids(data: bytes) -> set[str]:
    """The ids of the file's ``case`` records (a light pass; invalid lines are left to the validation)."""
    ids = set()
    for line in data.splitlines():
        if b'"case"' not in line:
            continue
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        if isinstance(rec, dict) and rec.get("type") == "case" and isinstance(rec.get("id"), str):
            ids.add(rec["id"])
    return ids


def foreign_case_ids(user, data: bytes) -> list[str]:
    """Case ids of the file already used by a case held outside the user's units (none for a superuser)."""
    if sees_everything(user):
        return []
    ids = sorted(_file_case_ids(data))
    unit_ids = set(visible_units(user).values_list("id", flat=True))
    foreign: list[str] = []
    for start in range(0, len(ids), 2000):
        foreign += Case.objects.filter(ext_id__in=ids[start:start + 2000]).exclude(unit_id__in=unit_ids) \
            .values_list("ext_id", flat=True)
    return sorted(foreign)


def out_of_scope(user, result: ValidationResult) -> list[str]:
    """Records of the file that would write outside the user's units (none for a superuser)."""
    if sees_everything(user):
        return []
    covered = set(visible_units(user).values_list("code", flat=True))
    problems = []
    for rec in result.units:  # parents first
        if rec.parent is not None and rec.parent in covered:
            covered.add(rec.code)
        else:
            problems.append(_("unit %(code)s is not below your unit") % {"code": rec.code})
    for rec in result.officers:
        if rec.unit not in covered:
            problems.append(_("officer %(code)s belongs to unit %(unit)s outside your scope")
                            % {"code": rec.code, "unit": rec.unit})
    for rec in result.cases:
        if rec.unit not in covered:
            problems.append(_("case %(id)s belongs to unit %(unit)s outside your scope")
                            % {"id": rec.id, "unit": rec.unit})
    for ev in result.events:
        if ev.unit and ev.unit not in covered:
            problems.append(_("an event of case %(id)s names unit %(unit)s outside your scope")
                            % {"id": ev.case, "unit": ev.unit})
    # Every officer the file names (a case's officer, a ``reassigned`` event's) must be an officer of a unit the
    # user covers, whether the file brings the officer's record or the officer is stored: otherwise a provincial
    # head would assign cases to another province's officers. The words do not say where a stored officer works.
    officer_unit = {rec.code: rec.unit for rec in result.officers}
    named = {rec.officer for rec in result.cases if rec.officer} | {ev.officer for ev in result.events if ev.officer}
    stored = named - officer_unit.keys()
    if stored:
        officer_unit.update(Officer.objects.filter(code__in=stored).values_list("code", "unit__code"))

    def foreign(code: str | None) -> bool:  # an unknown officer is the validation's error, not a scope problem
        return bool(code) and code in officer_unit and officer_unit[code] not in covered

    for rec in result.cases:
        if foreign(rec.officer):
            problems.append(_("case %(id)s names officer %(code)s, who is not an officer of your units")
                            % {"id": rec.id, "code": rec.officer})
    for ev in result.events:
        if foreign(ev.officer):
            problems.append(_("an event of case %(id)s names officer %(code)s, who is not an officer of your units")
                            % {"id": ev.case, "code": ev.officer})
    return problems


def build_preview(user, data: bytes, *, skip_invalid: bool, name: str = "") -> dict:
    """What the preview page shows (JSON-safe: a background check stores it in its job's result)."""
    empty = {"units": 0, "officers": 0, "cases": 0, "events": 0}
    foreign = foreign_case_ids(user, data)
    if foreign:
        # Refused before any validation, in words that do not say whether the id exists elsewhere.
        problems = [_("case id %(id)s cannot be imported by your units") % {"id": i} for i in foreign]
        return {"name": name, "skip_invalid": skip_invalid, "can_import": False, "new": empty, "stored": empty,
                "errors": [], "error_count": 0, "errors_cut": False,
                "scope_problems": problems[:MAX_ERRORS_SHOWN], "scope_count": len(problems)}
    result, _stored = check(data)
    scope_problems = out_of_scope(user, result)
    can_import = not scope_problems and (not result.errors or skip_invalid) and bool(
        result.units or result.officers or result.cases or result.events)
    return {
        "name": name, "skip_invalid": skip_invalid, "can_import": can_import,
        "new": {"units": len(result.units), "officers": len(result.officers), "cases": len(result.cases),
                "events": len(result.events)},
        "stored": {"units": result.unchanged_units, "officers": result.unchanged_officers,
                   "cases": result.unchanged_cases, "events": result.unchanged_events},
        "errors": [f"line {n}: {reason}" for n, reason in result.errors[:MAX_ERRORS_SHOWN]],
        "error_count": len(result.errors), "errors_cut": len(result.errors) > MAX_ERRORS_SHOWN,
        "scope_problems": scope_problems[:MAX_ERRORS_SHOWN], "scope_count": len(scope_problems),
    }


def closed_check():
    """The registered import guards as one check (the statistics' closed periods; with none registered it refuses
    every dated file: ``cases.projections.import_guard``)."""
    return import_guard()


# ------------------------------------------------------------------------------------------------- views


def _require(user) -> None:
    if not may_import(user):
        raise PermissionDenied(_("Only administrators and heads of a provincial department may import."))


def _forget(request: HttpRequest) -> None:
    """Drop the session's unconfirmed upload and delete its file (cancel, or a new upload)."""
    state = request.session.pop(SESSION_KEY, None)
    if state:
        discard_upload(request.user, state.get("token", ""))


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    from thads.cases.tasks import check_import

    _require(request.user)
    if request.method != "POST":
        return render(request, "cases/import_upload.html", {"form": ImportForm(None), "max_mb": MAX_IMPORT_MB})
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "cases/import_upload.html", {"form": form, "max_mb": MAX_IMPORT_MB})
    _forget(request)  # a previous upload not confirmed
    upload = form.cleaned_data["file"]
    skip_invalid = form.cleaned_data["skip_invalid"]
    kept = keep_upload(request.user, upload, skip_invalid=skip_invalid)
    request.session[SESSION_KEY] = {"token": kept.token, "name": kept.name, "skip_invalid": skip_invalid}
    if kept.size > INLINE_CHECK_MB * 1024 * 1024:
        job = start_job(request.user, JobKind.IMPORT_CHECK, check_import, unit=request.user.unit,
                        params={"token": kept.token, "name": kept.name, "skip_invalid": skip_invalid})
        return redirect("job-detail", job.pk)
    preview = build_preview(request.user, upload_path(kept.token).read_bytes(), skip_invalid=skip_invalid,
                            name=upload.name)
    if not preview["can_import"]:  # nothing to confirm: the file is not kept
        _forget(request)
    return render(request, "cases/import_preview.html", {**preview, "token": kept.token})


@login_required
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    from thads.cases.tasks import import_file

    _require(request.user)
    state = request.session.get(SESSION_KEY) or {}
    token = request.POST.get("token", "")
    if request.POST.get("cancel"):
        _forget(request)
        messages.info(request, _("The import was cancelled; nothing was written."))
        return redirect("case-import")
    started = ImportUpload.objects.filter(token=token, owner=request.user, consumed__isnull=False).first() \
        if upload_path(token) else None
    if started is not None and started.job_id:  # a second click, or a second tab: the import already runs
        messages.info(request, _("This import has already been started; nothing more will be written."))
        return redirect("job-detail", started.job_id)
    if not token or token != state.get("token") or not upload_path(token).exists():
        _forget(request)
        messages.error(request, _("The uploaded file is no longer available: upload it again."))
        return redirect("case-import")
    upload = consume_upload(request.user, token)
    request.session.pop(SESSION_KEY, None)
    if upload is None:  # consumed by a simultaneous confirmation
        started = ImportUpload.objects.filter(token=token, owner=request.user).first()
        messages.info(request, _("This import has already been started; nothing more will be written."))
        if started is not None and started.job_id:
            return redirect("job-detail", started.job_id)
        return redirect("job-list")

    def attach(job):
        ImportUpload.objects.filter(pk=upload.pk).update(job=job)

    job = start_job(request.user, JobKind.IMPORT, import_file, unit=request.user.unit, on_created=attach,
                    params={"token": token, "name": upload.name, "skip_invalid": upload.skip_invalid})
    return redirect("job-detail", job.pk)
