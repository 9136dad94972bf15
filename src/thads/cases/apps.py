from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "thads.cases"
    label = "cases"
    verbose_name = _("Enforcement cases")

    def ready(self) -> None:
        from thads.cases import projections
        from thads.cases.search import SearchProjection

        projections.register("search", SearchProjection, order=100)  # Case.search_text (thads rebuild-search)
