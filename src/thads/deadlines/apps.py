from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "thads.deadlines"
    label = "deadlines"
    verbose_name = _("Deadlines")

    def ready(self) -> None:
        from thads.deadlines import case_pages

        case_pages.register()  # the case list's overdue filter and the case page's deadlines panel

        from thads.cases import projections
        from thads.deadlines.projection import DeadlinesProjection

        projections.register("deadlines", DeadlinesProjection, order=200)  # open deadlines (recompute-deadlines)
