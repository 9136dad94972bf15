from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "thads.stats"
    label = "stats"
    verbose_name = _("Statistics")

    def ready(self) -> None:
        from thads.cases import projections
        from thads.stats import closing
        from thads.stats.cells import StatsProjection

        # The cells and spans follow the case histories (thads stats-rebuild recomputes them); last of the
        # projections: the cells are the rows other writers share (see thads.cases.projections).
        projections.register("stats", StatsProjection, order=300)
        # No import writes into a closed period unless it is declared historical (looked up when called).
        projections.register_import_guard("stats.closed_periods",
                                          lambda dates: closing.closed_period_problems(dates))
