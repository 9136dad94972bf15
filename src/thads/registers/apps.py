from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    """The official registers of an office and the public list of debtors without conditions (issue 18)."""

    name = "thads.registers"
    label = "registers"
    verbose_name = _("Registers and publication")
