from __future__ import annotations

from django.urls import include, path

urlpatterns: list = [
    path("public/", include("thads.registers.public_staff_urls")),  # the public list's staff page (P)
]
