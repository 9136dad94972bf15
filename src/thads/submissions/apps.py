from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    """Reports sent up to the level above: signed packages, keys, receipt, checks and consolidation (issue 18)."""

    name = "thads.submissions"
    label = "submissions"
    verbose_name = _("Submissions upward")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from thads.stats.models import PeriodClosing
        from thads.submissions.hooks import on_period_closed

        # A closed period's package for the level above (hooks.py): the signal, no line in thads.stats.
        post_save.connect(on_period_closed, sender=PeriodClosing, dispatch_uid="submissions.period_closed")
