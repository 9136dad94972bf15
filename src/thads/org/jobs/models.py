"""Long work run in the background (issue 12): what the pages show of a job, and the files a web import keeps
between its preview and its confirmation.

The queue itself belongs to django-tasks (its database backend by default); ``JobRun`` is THADS's own record of a
job, read by the pages and updated by the running task, so that the pages do not depend on the queue's backend.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobKind(models.TextChoices):
    IMPORT_CHECK = "import_check", _("Import check")
    IMPORT = "import", _("Import")
    STATS_REBUILD = "stats_rebuild", _("Statistics rebuild")
    EXPORT = "export", _("Export of case histories")
    REPORT_EXPORT = "report_export", _("Statistics report file")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class JobRun(models.Model):
    kind = models.CharField(max_length=32, choices=JobKind.choices)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="jobs")
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    done = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(default=0)
    message = models.TextField(blank=True, default="")
    params = models.JSONField(default=dict, blank=True)
    # What the job produced: counts, and ``file`` (a path relative to MEDIA_ROOT/jobs/) when there is a download.
    result = models.JSONField(default=dict, blank=True)
    task_id = models.CharField(max_length=64, blank=True, default="")
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["owner", "created"], name="job_owner_created"),
                   models.Index(fields=["unit", "created"], name="job_unit_created")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def active(self) -> bool:
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return min(100, int(self.done * 100 / self.total)) if self.total else 0


class ImportUpload(models.Model):
    """A file uploaded for a web import, kept under MEDIA_ROOT/imports/<token>.jsonl until it is confirmed (the
    import job deletes it when it ends), cancelled, replaced by another upload, or removed by
    ``thads cleanup-uploads``. ``consumed`` is set once, by the one confirmation that starts the import."""

    token = models.CharField(max_length=32, unique=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    skip_invalid = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)
    consumed = models.DateTimeField(null=True, blank=True)
    job = models.ForeignKey(JobRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    def __str__(self) -> str:
        return self.name
