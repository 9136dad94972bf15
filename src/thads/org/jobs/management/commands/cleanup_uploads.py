"""``thads cleanup-uploads [--older-than HOURS] [--results-days DAYS]`` (issue 12, hole 8).

Deletes uploaded import files never confirmed (they hold personal data: Decree 13/2023/NĐ-CP, data kept no longer
than its purpose needs) and the result files of jobs finished long ago. ``thads worker`` runs it every hour; with
another worker (RQ) run it from cron, e.g. ``17 * * * * thads cleanup-uploads``.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from thads.org.jobs.actions import cleanup
from thads.org.jobs.conf import retention


class Command(BaseCommand):
    help = "Delete abandoned import uploads and expired job result files."

    def add_arguments(self, parser) -> None:
        hours, days = retention()
        parser.add_argument("--older-than", type=int, default=hours, metavar="HOURS",
                            help=f"delete uploads not confirmed within HOURS (default {hours})")
        parser.add_argument("--results-days", type=int, default=days, metavar="DAYS",
                            help=f"delete job result files older than DAYS (default {days})")

    def handle(self, *args, older_than: int, results_days: int, **options) -> None:
        removed = cleanup(upload_hours=max(0, older_than), result_days=max(0, results_days))
        self.stdout.write(f"removed {removed['uploads']} upload(s) and {removed['results']} job result file(s)")
