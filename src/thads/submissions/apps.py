from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    """Reports sent up to the level above: signed packages, keys, receipt, checks and consolidation (issue 18)."""

    name = "thads.submissions"
    label = "submissions"
    verbose_name = _("Submissions upward")
