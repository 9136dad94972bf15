from __future__ import annotations

from django.urls import path

from thads.api import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
]
