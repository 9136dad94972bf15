from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    """Targets, live progress, rankings, emulation campaigns, nominations, commendations and the good-practice
    library (issue 17; THADS.md §5, §7)."""

    name = "thads.emulation"
    label = "emulation"
    verbose_name = _("Targets and emulation")

    def ready(self) -> None:
        # The statistics charts draw per-unit targets through the hook in ``stats.national`` (stats is below us).
        from thads.emulation import hooks

        hooks.register()
