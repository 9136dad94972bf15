"""Starting, running and cleaning up background jobs (issue 12 "long work as background jobs").

- ``start_job`` writes the ``JobRun`` row (with its audit row) and enqueues the task through django-tasks.
- ``run_job`` is called by every task: it claims the job once (a second delivery of the same job runs nothing),
  reports progress, stores the result or a plain Vietnamese error, and never lets an exception escape as a 500.
- Progress of a running job is written to a small side file (``MEDIA_ROOT/jobs/progress/<id>.json``) rather than
  to the row: an import writes inside one long transaction, and on SQLite no other connection may write meanwhile,
  so a row update would stay invisible (or blocked) until the end.
- ``cleanup`` deletes abandoned uploads (personal data: Decree 13/2023/NĐ-CP Art. 2.11, data kept no longer than
  needed) and expired result files.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from thads.lib.errors import Refused
from thads.org.audit import audit_context, audit_write
from thads.org.capabilities import Capability, can
from thads.org.jobs.models import ImportUpload, JobRun, JobStatus
from thads.org.scope import sees_everything, visible_units

logger = logging.getLogger("thads.org.jobs")

GENERIC_FAILURE = ("Công việc bị lỗi ngoài dự kiến và đã dừng; dữ liệu không bị ghi dở. "
                   "Hãy báo quản trị hệ thống (mã công việc #{id}).")
ENQUEUE_FAILURE = "Không đưa được công việc vào hàng đợi (máy chạy nền không sẵn sàng). Hãy thử lại sau ít phút."


class JobFailed(Refused):
    """A job that cannot go on, with the reason in Vietnamese for the user."""


# ------------------------------------------------------------------------------------------------- places


def jobs_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "jobs"


def imports_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def upload_path(token: str) -> Path | None:
    """The kept file of an upload token (32 hex digits, never a path taken from a form)."""
    if not (isinstance(token, str) and len(token) == 32 and all(c in "0123456789abcdef" for c in token)):
        return None
    return imports_dir() / f"{token}.jsonl"


def result_path(job: JobRun, filename: str) -> Path:
    """Where ``job`` writes its result file ``filename``: directly inside MEDIA_ROOT/jobs/<job id>/, never elsewhere.

    Every job's file name is built from data (a unit code, a report's title): a name with ``/``, ``..`` or an
    absolute path would make the job write personal data outside MEDIA_ROOT, where no cleanup reaches it (issue 12).
    The resolved path must be a direct child of the job's folder; anything else is refused (``JobFailed``)."""
    directory = (jobs_dir() / str(job.pk)).resolve()
    name = str(filename or "")
    path = (directory / name).resolve() if name and "\x00" not in name else directory
    if path.parent != directory or path.name != name:
        raise JobFailed("Tên tệp kết quả không hợp lệ (có đường dẫn thư mục); công việc không ghi tệp nào.")
    directory.mkdir(parents=True, exist_ok=True)
    return path


def result_file(job: JobRun) -> Path | None:
    """The job's result file, if it has one that still exists (inside MEDIA_ROOT/jobs/ only)."""
    rel = (job.result or {}).get("file")
    if not rel:
        return None
    base = jobs_dir().resolve()
    path = (base / rel).resolve()
    if base not in path.parents or not path.is_file():
        return None
    return path


def _progress_file(job_id: int) -> Path:
    return jobs_dir() / "progress" / f"{job_id}.json"


# ------------------------------------------------------------------------------------------------- access


def visible_jobs(user):
    """The jobs listed to ``user``: their own; a head or an administrator also sees their units' jobs."""
    jobs = JobRun.objects.select_related("owner", "unit")
    if sees_everything(user):
        return jobs
    if can(user, Capability.SEE_UNIT_JOBS):
        from django.db.models import Q

        return jobs.filter(Q(owner=user) | Q(unit__in=visible_units(user)))
    return jobs.filter(owner=user)


def may_open(user, job: JobRun) -> bool:
    """Only the job's owner (or a superuser) opens a job and downloads its result: a result may hold personal data
    that the listing head may not see."""
    return bool(sees_everything(user) or (job.owner_id is not None and job.owner_id == user.pk))


# ------------------------------------------------------------------------------------------------- start


def start_job(user, kind: str, task, *, unit=None, params: dict | None = None, total: int = 0,
              on_created: Callable[[JobRun], None] | None = None) -> JobRun:
    """Record the job and enqueue ``task(job_id)``. With the immediate backend the job has run when this returns.
    ``on_created(job)`` runs in the same transaction as the job's row (e.g. to link an upload to it)."""
    with transaction.atomic():
        job = JobRun.objects.create(kind=kind, owner=user, unit=unit, params=params or {}, total=total)
        audit_write(user, "job.start", job, unit=unit, after={"kind": kind, "params": params or {}})
        if on_created is not None:
            on_created(job)
    enqueue(job, task)
    job.refresh_from_db()
    return job


def enqueue(job: JobRun, task) -> None:
    try:
        result = task.enqueue(job.pk)
    except Exception:  # the queue is down (Redis stopped, database locked): say so, do not answer 500
        logger.exception("cannot enqueue job %s", job.pk)
        JobRun.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(
            status=JobStatus.FAILED, message=ENQUEUE_FAILURE, finished=timezone.now())
        return
    JobRun.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])


# ------------------------------------------------------------------------------------------------- run


class Progress:
    """Progress of a running job; written at most twice a second to the side file the page reads."""

    def __init__(self, job: JobRun) -> None:
        self.job = job
        self.done = 0
        self.total = job.total
        self.message = ""
        self._written = 0.0

    def set_total(self, total: int) -> None:
        self.total = max(0, int(total))
        self._write(force=True)

    def say(self, message: str) -> None:
        self.message = message
        self._write(force=True)

    def advance(self, n: int = 1) -> None:
        self.done += int(n)
        self._write()

    def _write(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._written < 0.5:
            return
        self._written = now
        path = _progress_file(self.job.pk)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"done": self.done, "total": self.total, "message": self.message}))
        os.replace(tmp, path)


def live_progress(job: JobRun) -> tuple[int, int, str]:
    """``(done, total, message)`` of a job: from the side file while it runs, else from the row."""
    if job.status == JobStatus.RUNNING:
        try:
            data = json.loads(_progress_file(job.pk).read_text())
            return int(data.get("done", 0)), int(data.get("total", 0)) or job.total, str(data.get("message", ""))
        except (OSError, ValueError):
            pass
    return job.done, job.total, job.message


def run_job(job_id: int, body: Callable[[JobRun, Progress], dict]) -> dict:
    """Run ``body(job, progress)`` for a queued job and record how it ended. Returns the stored result."""
    claimed = JobRun.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started=timezone.now())
    job = JobRun.objects.select_related("owner", "unit").filter(pk=job_id).first()
    if job is None or not claimed:  # unknown, or delivered twice: the first delivery runs it
        return job.result if job is not None else {}
    progress = Progress(job)
    progress.say("started")
    status, message, result = JobStatus.FAILED, GENERIC_FAILURE.format(id=job.pk), {}
    try:
        with audit_context(source=f"job:{job.kind}"[:32], user=job.owner, request_id=f"job-{job.pk}"):
            result = body(job, progress) or {}
        status = JobStatus.DONE
        message = result.pop("message", "") if isinstance(result, dict) else ""
    except Refused as exc:
        message = exc.message
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        message = GENERIC_FAILURE.format(id=job.pk)
    finally:
        JobRun.objects.filter(pk=job.pk).update(
            status=status, message=message, result=result, finished=timezone.now(),
            done=progress.total if status == JobStatus.DONE and progress.total else progress.done,
            total=progress.total)
        _progress_file(job.pk).unlink(missing_ok=True)
    return result


# ------------------------------------------------------------------------------------------------- uploads


def keep_upload(user, upload, *, skip_invalid: bool) -> ImportUpload:
    """Store an uploaded file under MEDIA_ROOT/imports/ and record it, with the user, until it is confirmed."""
    import secrets

    token = secrets.token_hex(16)
    directory = imports_dir()
    directory.mkdir(parents=True, exist_ok=True)
    size = 0
    with open(directory / f"{token}.jsonl", "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
            size += len(chunk)
    return ImportUpload.objects.create(token=token, owner=user, name=upload.name[:255], size=size,
                                       skip_invalid=skip_invalid)


def discard_upload(user, token: str) -> None:
    """Forget an unconfirmed upload of ``user`` and delete its file (cancel, a new upload, a refused preview)."""
    path = upload_path(token)
    if path is None:
        return
    rows = ImportUpload.objects.filter(token=token, owner=user, consumed__isnull=True)
    if rows.exists() or not ImportUpload.objects.filter(token=token).exists():
        path.unlink(missing_ok=True)
    rows.delete()


def consume_upload(user, token: str) -> ImportUpload | None:
    """Mark the upload confirmed, once: of two simultaneous confirmations exactly one gets the upload (a single
    conditional UPDATE, atomic on both databases); the other gets ``None``."""
    if upload_path(token) is None:
        return None
    claimed = ImportUpload.objects.filter(token=token, owner=user, consumed__isnull=True).update(
        consumed=timezone.now())
    return ImportUpload.objects.get(token=token) if claimed else None


# ------------------------------------------------------------------------------------------------- cleanup


def cleanup(*, upload_hours: int | None = None, result_days: int | None = None, now=None) -> dict:
    """Delete uploads not confirmed within ``upload_hours`` (and any kept file that old not used by a running
    import), and result files of jobs finished more than ``result_days`` ago. Returns what was removed."""
    from thads.org.jobs.conf import retention

    default_hours, default_days = retention()
    upload_hours = default_hours if upload_hours is None else upload_hours
    result_days = default_days if result_days is None else result_days
    now = now or timezone.now()
    upload_cutoff = now - timedelta(hours=upload_hours)
    removed = {"uploads": 0, "results": 0}

    active_tokens = set(ImportUpload.objects.filter(job__status__in=(JobStatus.QUEUED, JobStatus.RUNNING))
                        .values_list("token", flat=True))
    stale = ImportUpload.objects.filter(created__lt=upload_cutoff).exclude(token__in=active_tokens)
    for token in list(stale.values_list("token", flat=True)):
        path = upload_path(token)
        if path is not None and path.exists():
            path.unlink(missing_ok=True)
            removed["uploads"] += 1
    stale.delete()
    directory = imports_dir()
    if directory.exists():
        cutoff_ts = upload_cutoff.timestamp()
        for path in directory.iterdir():
            if path.stem in active_tokens or not path.is_file():
                continue
            if path.stat().st_mtime < cutoff_ts:  # an orphan (a crashed request or worker)
                path.unlink(missing_ok=True)
                removed["uploads"] += 1

    result_cutoff = now - timedelta(days=result_days)
    for job in JobRun.objects.filter(finished__lt=result_cutoff).exclude(result={}):
        if not (job.result or {}).get("file"):
            continue
        shutil.rmtree(jobs_dir() / str(job.pk), ignore_errors=True)
        result = dict(job.result)
        result.pop("file", None)
        result["expired"] = True
        JobRun.objects.filter(pk=job.pk).update(result=result)
        removed["results"] += 1
    progress_dir = jobs_dir() / "progress"
    if progress_dir.exists():
        running = {str(i) for i in JobRun.objects.filter(status=JobStatus.RUNNING).values_list("id", flat=True)}
        for path in progress_dir.iterdir():
            if path.stem not in running:
                path.unlink(missing_ok=True)
    return removed
