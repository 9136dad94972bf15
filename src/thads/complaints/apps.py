from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    """Citizen reception, complaints, denunciations, recommendations and the procuracy's protests (issue 16)."""

    name = "thads.complaints"
    label = "complaints"
    verbose_name = _("Reception and complaints")

    def ready(self) -> None:
        # One module per hook into the layers below; ``register`` may run more than once (tests).
        from thads.complaints import deadline_source, pages_hooks

        deadline_source.register()
        pages_hooks.register()
