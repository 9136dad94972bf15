from __future__ import annotations

from django.urls import path

from thads.web import health, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
]
