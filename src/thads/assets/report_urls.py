"""The URLs of the statistics of coercion (included by ``thads.assets.urls`` under ``report/``)."""

from __future__ import annotations

from django.urls import path

from thads.assets import report_views

urlpatterns = [
    path("", report_views.report_page, name="assets-report"),
    path("xlsx/", report_views.report_xlsx, name="assets-report-xlsx"),
    path("list/", report_views.report_list, name="assets-report-list"),
]
