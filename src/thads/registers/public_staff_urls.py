"""``/registers/public/``: the staff page of the public list (included from ``registers.urls``)."""

from __future__ import annotations

from django.urls import path

from thads.registers import views_public

urlpatterns = [
    path("", views_public.staff_public, name="registers-public"),
    path("step/", views_public.staff_public_step, name="registers-public-step"),
]
