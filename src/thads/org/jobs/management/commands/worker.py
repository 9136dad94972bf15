"""``thads worker [--batch] [--interval S] [--no-cleanup]``: run the background jobs (issue 12).

With the default database backend this is django-tasks-db's ``db_worker`` (jobs are rows of the THADS database),
plus a thread that runs ``cleanup-uploads`` every hour (abandoned import files, expired job results). With
``THADS_TASKS_BACKEND=rq`` it runs an RQ worker on Redis (``REDIS_URL``); the cleanup then needs its cron line.
Stop it with Ctrl+C or SIGTERM: the running job ends first (a second signal stops it at once).
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

logger = logging.getLogger("thads.org.jobs")
CLEANUP_EVERY_S = 3600


def _cleanup_loop(stop: threading.Event) -> None:
    """Run the cleanup at start and then every hour until ``stop`` is set (a daemon thread of the worker)."""
    from django.db import connection

    from thads.org.jobs.actions import cleanup

    while True:
        try:
            removed = cleanup()
            if any(removed.values()):
                logger.warning("cleanup: removed %(uploads)s upload(s) and %(results)s result file(s)", removed)
        except Exception:  # a failed cleanup must not stop the jobs; it is retried next hour
            logger.exception("cleanup failed")
        finally:
            connection.close()
        if stop.wait(CLEANUP_EVERY_S):
            return


class Command(BaseCommand):
    help = "Run the background jobs (web import, statistics rebuild, exports)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch", action="store_true", help="run the queued jobs, then exit")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between looks at the queue")
        parser.add_argument("--no-cleanup", action="store_true", help="do not run cleanup-uploads every hour")

    def handle(self, *args, batch: bool, interval: float, no_cleanup: bool, **options) -> None:
        backend = settings.TASKS["default"]["BACKEND"]
        verbosity = options.get("verbosity", 1)
        if backend.startswith("django_tasks_rq"):
            call_command("rqworker", "default", job_class="django_tasks_rq.Job", burst=batch, verbosity=verbosity)
            return
        if not backend.startswith("django_tasks_db"):
            raise CommandError("THADS_TASKS_BACKEND=immediate runs every job inside the request that starts it; "
                               "there is nothing for a worker to do")
        stop = threading.Event()
        if not no_cleanup and not batch:
            threading.Thread(target=_cleanup_loop, args=(stop,), name="thads-cleanup", daemon=True).start()
        try:
            call_command("db_worker", batch=batch, interval=interval, reload=False, startup_delay=False,
                         verbosity=verbosity)
        finally:
            stop.set()
