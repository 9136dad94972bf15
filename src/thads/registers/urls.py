"""``/registers/``: the office's registers (``views_registers``). The staff pages of the public list join here."""

from __future__ import annotations

from django.urls import include, path

from thads.registers import views_registers

urlpatterns: list = [
    path("", views_registers.register_page, name="registers-page"),
    path("pdf/", views_registers.register_pdf, name="registers-pdf"),
    path("xlsx/", views_registers.register_xlsx, name="registers-xlsx"),
    path("public/", include("thads.registers.public_staff_urls")),  # the public list's staff page (P)
]
