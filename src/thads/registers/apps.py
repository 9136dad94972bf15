from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    """The official registers of an office and the public list of debtors without conditions (issue 18)."""

    name = "thads.registers"
    label = "registers"
    verbose_name = _("Registers and publication")

    def ready(self) -> None:
        # The public list's deadlines: records for the engine's replay, the listed rows' update and removal
        # deadlines (subjects "publist:N") and the projection refreshing them on every case change.
        from thads.registers import deadline_source

        deadline_source.register()
