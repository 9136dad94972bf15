from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssetsConfig(AppConfig):
    """Debtors' assets, security and coercive measures, coercion plans and costs, valuation and auction (issue 15)."""

    name = "thads.assets"
    label = "assets"
    verbose_name = _("Assets and coercion")

    def ready(self) -> None:
        pass  # registrations (case panel, deadlines source, import/export records) join here
