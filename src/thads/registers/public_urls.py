"""``/public/``: pages WITHOUT login (the public list of debtors without conditions, read-only)."""

from __future__ import annotations

from django.urls import path

from thads.registers import views_public

urlpatterns = [
    path("debtors/", views_public.public_debtors, name="public-debtors"),
    path("debtors.csv", views_public.public_debtors_csv, name="public-debtors-csv"),
    path("debtors.json", views_public.public_debtors_json, name="public-debtors-json"),
]
