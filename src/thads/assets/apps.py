from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssetsConfig(AppConfig):
    """Debtors' assets, security and coercive measures, coercion plans and costs, valuation and auction (issue 15)."""

    name = "thads.assets"
    label = "assets"
    verbose_name = _("Assets and coercion")

    def ready(self) -> None:
        # Each registration module owns one kind of hook into the layers below (cases.extensions, the deadlines
        # sources, the interchange record types); ``register`` may run more than once (tests).
        from thads.assets import deadline_source, interchange_hooks, pages_hooks

        deadline_source.register()
        interchange_hooks.register()
        pages_hooks.register()
