"""Import a JSONL history through the page (issue 7 "bulk work"), in two steps.

1. **Preview** (``/cases/import/``, POST of the file): the file is kept in ``MEDIA_ROOT/imports/<token>.jsonl``
   (the random token is stored in the session, never taken from the form), validated with ``importer.check``
   (nothing is written) and the page shows what would be written, what is already stored and the per-line errors.
2. **Confirm** (``/cases/import/confirm/``): ``importer.import_data`` writes it (same rules as ``thads import``,
   closed periods refused unless the command's ``--historical`` is used); the kept file is deleted afterwards, and
   also on cancel or when another file is uploaded.

Who may import (``may_import``): an active superuser; a user with the title *admin* who may administer their own
unit (``scope.allowed(…, ADMINISTER, …)``); the *head* of a province-level (or national) unit. Besides, for
anyone but a superuser every unit, officer and case of the file must lie inside the user's scope (a new unit must
hang below a unit they cover); a file reaching outside it is refused at the preview.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thads.cases.importer import ImportRefused, check, import_data
from thads.cases.models import Case
from thads.domain.interchange import ValidationResult
from thads.domain.roles import Title
from thads.org.models import UnitLevel
from thads.org.scope import Action, allowed, sees_everything, visible_units

MAX_IMPORT_MB = 200
MAX_ERRORS_SHOWN = 200
SESSION_KEY = "case_import"
EXTENSIONS = (".jsonl", ".ndjson", ".json")
PROVINCE_LEVELS = (UnitLevel.PROVINCE, UnitLevel.NATIONAL)


def may_import(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if sees_everything(user):
        return True
    unit = getattr(user, "unit", None)
    if unit is None:
        return False
    if user.title == Title.ADMIN:
        return allowed(user, Action.ADMINISTER, unit)
    return user.title == Title.HEAD and unit.level in PROVINCE_LEVELS and allowed(user, Action.VIEW, unit)


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


# ------------------------------------------------------------------------------------------------- the kept file


def _import_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def _kept_path(token: str) -> Path | None:
    if not (len(token) == 32 and all(c in "0123456789abcdef" for c in token)):
        return None
    return _import_dir() / f"{token}.jsonl"


def _discard(request: HttpRequest) -> None:
    state = request.session.pop(SESSION_KEY, None)
    if state:
        path = _kept_path(state.get("token", ""))
        if path is not None:
            path.unlink(missing_ok=True)


def _keep(upload) -> str:
    token = secrets.token_hex(16)
    directory = _import_dir()
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / f"{token}.jsonl", "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return token


# ------------------------------------------------------------------------------------------------- scope of a file


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
    new_ids = {rec.id for rec in result.cases}
    stored_ids = {ev.case for ev in result.events if ev.case not in new_ids}
    for ext_id in sorted(Case.objects.filter(ext_id__in=stored_ids).exclude(unit__code__in=covered)
                         .values_list("ext_id", flat=True)):
        problems.append(_("case %(id)s is held by a unit outside your scope") % {"id": ext_id})
    for ev in result.events:
        if ev.unit and ev.unit not in covered:
            problems.append(_("an event of case %(id)s names unit %(unit)s outside your scope")
                            % {"id": ev.case, "unit": ev.unit})
    return problems


# ------------------------------------------------------------------------------------------------- views


def _require(user) -> None:
    if not may_import(user):
        raise PermissionDenied(_("Only administrators and heads of a provincial department may import."))


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    _require(request.user)
    if request.method != "POST":
        return render(request, "cases/import_upload.html", {"form": ImportForm(None), "max_mb": MAX_IMPORT_MB})
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "cases/import_upload.html", {"form": form, "max_mb": MAX_IMPORT_MB})
    _discard(request)  # a previous upload not confirmed
    upload = form.cleaned_data["file"]
    skip_invalid = form.cleaned_data["skip_invalid"]
    token = _keep(upload)
    result, _stored = check(_kept_path(token).read_bytes())
    scope_problems = out_of_scope(request.user, result)
    can_import = not scope_problems and (not result.errors or skip_invalid) and bool(
        result.units or result.officers or result.cases or result.events)
    if can_import:
        request.session[SESSION_KEY] = {"token": token, "name": upload.name, "skip_invalid": skip_invalid}
    else:
        _kept_path(token).unlink(missing_ok=True)
    return render(request, "cases/import_preview.html", {
        "name": upload.name, "skip_invalid": skip_invalid, "can_import": can_import,
        "new": {"units": len(result.units), "officers": len(result.officers), "cases": len(result.cases),
                "events": len(result.events)},
        "stored": {"units": result.unchanged_units, "officers": result.unchanged_officers,
                   "cases": result.unchanged_cases, "events": result.unchanged_events},
        "errors": [f"line {n}: {reason}" for n, reason in result.errors[:MAX_ERRORS_SHOWN]],
        "error_count": len(result.errors), "errors_cut": len(result.errors) > MAX_ERRORS_SHOWN,
        "scope_problems": scope_problems[:MAX_ERRORS_SHOWN], "scope_count": len(scope_problems),
    })


def _closed_check():
    try:
        from thads.stats.closing import closed_period_problems
    except ImportError:  # pragma: no cover - the statistics app is always installed
        return None
    return closed_period_problems


@login_required
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    _require(request.user)
    state = request.session.get(SESSION_KEY) or {}
    path = _kept_path(state.get("token", ""))
    if request.POST.get("cancel"):
        _discard(request)
        messages.info(request, _("The import was cancelled; nothing was written."))
        return redirect("case-import")
    if path is None or not path.exists() or request.POST.get("token") != state.get("token"):
        _discard(request)
        messages.error(request, _("The uploaded file is no longer available: upload it again."))
        return redirect("case-import")
    data = path.read_bytes()
    try:
        result, _stored = check(data)
        if out_of_scope(request.user, result):  # the data may have changed since the preview
            messages.error(request, _("The file reaches outside your units; nothing was written."))
            return redirect("case-import")
        report = import_data(data, skip_invalid=bool(state.get("skip_invalid")), closed_check=_closed_check())
    except ImportRefused as exc:
        messages.error(request, _("Refused: %(reason)s. Nothing was written (an import into a closed period needs "
                                  "the command thads import --historical).") % {"reason": exc})
        return redirect("case-import")
    finally:
        _discard(request)
    if not report.written:
        messages.error(request, _("%(n)s invalid line(s); nothing was written.") % {"n": len(report.errors)})
        return redirect("case-import")
    text = _("Imported %(units)s units, %(officers)s officers, %(cases)s cases and %(events)s events; "
             "%(unchanged)s records were already stored.") % {
        "units": report.units, "officers": report.officers, "cases": report.cases, "events": report.events,
        "unchanged": report.unchanged}
    if report.errors:
        text += " " + _("%(n)s invalid line(s) were skipped.") % {"n": len(report.errors)}
    messages.success(request, text)
    return redirect("case-list")
