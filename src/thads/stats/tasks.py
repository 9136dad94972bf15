"""Background job of the statistics context (issue 12): ``thads stats-rebuild`` started from the jobs page."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from thads.jobs.actions import Progress, run_job
from thads.jobs.models import JobRun
from thads.org.models import UnitLevel

#: Who may rebuild every statistics cell: a superuser, or a statistician of a province-level (or national) unit.
REBUILD_LEVELS = (UnitLevel.PROVINCE, UnitLevel.NATIONAL)


def may_rebuild(user) -> bool:
    from thads.domain.roles import Title

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    unit = getattr(user, "unit", None)
    return user.title == Title.STATISTICIAN and unit is not None and unit.level in REBUILD_LEVELS


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
