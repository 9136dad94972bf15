from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "thads.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from thads.org import auth  # noqa: F401  (connects the audit of logins, failed logins and logouts)
