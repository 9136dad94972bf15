"""Background jobs of the cases context (issue 12): the web import's check of a big file and the import itself,
and the export of a unit's case histories to a JSONL file to download.

Each task takes the id of its ``thads.org.jobs.models.JobRun`` and runs through ``thads.org.jobs.actions.run_job``, which
records progress, the result, or a plain Vietnamese error.
"""

from __future__ import annotations

import inspect

from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django_tasks import task

from thads.org.jobs.actions import JobFailed, Progress, result_path, run_job, upload_path
from thads.org.jobs.models import ImportUpload, JobRun

PERSONAL_FIELDS = ["id_number", "address", "name"]


# ------------------------------------------------------------------------------------------------- import


@task()
def check_import(job_id: int) -> dict:
    return run_job(job_id, _check_body)


def _check_body(job: JobRun, progress: Progress) -> dict:
    from thads.cases.imports_web import build_preview

    token = job.params.get("token", "")
    path = upload_path(token)
    if path is None or not path.exists():
        raise JobFailed("Tệp tải lên không còn nữa (đã huỷ hoặc đã bị xoá sau thời hạn lưu). Hãy tải lên lại.")
    progress.say("checking")
    upload = ImportUpload.objects.filter(token=token).first()
    preview = build_preview(job.owner, path.read_bytes(), skip_invalid=bool(job.params.get("skip_invalid")),
                            name=job.params.get("name", ""))
    if not preview["can_import"]:  # nothing to confirm: do not keep personal data
        path.unlink(missing_ok=True)
        if upload is not None:
            upload.delete()
    return {"preview": preview}


@task()
def import_file(job_id: int) -> dict:
    return run_job(job_id, _import_body)


def _accepts(func, name: str) -> bool:
    try:
        return name in inspect.signature(func).parameters
    except (TypeError, ValueError):
        return False


def _import_body(job: JobRun, progress: Progress) -> dict:
    from thads.cases.importer import ImportRefused, check, import_data
    from thads.cases.imports_web import closed_check, foreign_case_ids, out_of_scope
    from thads.org.audit import audit_write
    from thads.org.models import AuditEvent

    token = job.params.get("token", "")
    path = upload_path(token)
    if path is None or not path.exists():
        raise JobFailed("Tệp tải lên không còn nữa (đã bị xoá sau thời hạn lưu). Hãy tải lên lại.")
    user = job.owner
    try:
        data = path.read_bytes()
        progress.say("checking")
        # The data may have changed since the preview (units moved, cases transferred): check the scope again.
        if foreign_case_ids(user, data):
            raise JobFailed("Tệp có mã hồ sơ không thuộc đơn vị của bạn; không ghi gì.")
        result, _stored = check(data)
        if out_of_scope(user, result):
            raise JobFailed("Tệp có bản ghi ngoài phạm vi đơn vị của bạn; không ghi gì.")
        progress.set_total(len(result.cases))
        progress.say("writing")
        kwargs = {"skip_invalid": bool(job.params.get("skip_invalid")), "historical": False,
                  "progress": progress.advance, "closed_check": closed_check()}
        details = {"file": job.params.get("name", ""), "size": len(data), "job": job.pk}
        if _accepts(import_data, "user"):
            # The importer records the import itself, in its transaction; add the row only if it did not.
            extra = {"name": details["file"], "audit_details": {"job": job.pk}}
            kwargs.update({k: v for k, v in extra.items() if _accepts(import_data, k)})
            report = import_data(data, user=user, **kwargs)
            if report.written and not AuditEvent.objects.filter(action="import.run",
                                                                request_id=f"job-{job.pk}").exists():
                audit_write(user, "import.run", job, unit=job.unit, after={**details, **_counts(report)})
        else:
            # Today's importer writes in one transaction: the audit row joins it (an import is a write).
            with transaction.atomic():
                report = import_data(data, **kwargs)
                if report.written:
                    audit_write(user, "import.run", job, unit=job.unit, after={**details, **_counts(report)})
    except ImportRefused as exc:
        raise JobFailed(f"Bị từ chối: {exc}. Không ghi gì (nhập vào kỳ thống kê đã khoá sổ cần lệnh "
                        "thads import --historical).") from None
    finally:
        path.unlink(missing_ok=True)  # personal data: the kept copy goes as soon as the import ends
    if not report.written:
        raise JobFailed(f"Tệp có {len(report.errors)} dòng không hợp lệ; không ghi gì.")
    return {**_counts(report), "errors": report.error_lines()[:200]}


def _counts(report) -> dict:
    return {"units": report.units, "officers": report.officers, "cases": report.cases, "events": report.events,
            "unchanged": report.unchanged, "skipped": len(report.errors)}


# ------------------------------------------------------------------------------------------------- export


@task()
def export_unit(job_id: int) -> dict:
    return run_job(job_id, _export_body)


def _export_body(job: JobRun, progress: Progress) -> dict:
    """``thads export --unit U`` to MEDIA_ROOT/jobs/<id>/<U>-<date>.jsonl (interchange.md §1 "Export")."""
    from thads.cases.exporter import export_lines
    from thads.cases.models import Case
    from thads.org.models import Unit

    unit = job.unit
    if unit is None:
        raise JobFailed("Đơn vị cần xuất không còn nữa.")
    subtree = Unit.objects.filter(path__startswith=unit.path).values("id")
    progress.set_total(Case.objects.filter(unit_id__in=subtree, decided_on__isnull=False).count())
    # The code is data (an import may bring any non-empty string): keep only safe characters, no leading dot.
    name = get_valid_filename(f"{unit.code}-{timezone.localdate():%Y%m%d}.jsonl").lstrip(".")
    path = result_path(job, name)
    cases = lines = 0
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for line in export_lines(unit):
            out.write(line + "\n")
            lines += 1
            if line.startswith('{"type": "case"'):
                cases += 1
                progress.advance()
    return {"file": f"{job.pk}/{name}", "name": name, "cases": cases, "lines": lines, "size": path.stat().st_size}
