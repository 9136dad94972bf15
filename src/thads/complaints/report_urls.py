"""The URLs of the complaints report (to be included by ``thads.complaints.urls`` under ``report/``)."""

from __future__ import annotations

from django.urls import path

from thads.complaints import report_views

urlpatterns = [
    path("", report_views.report_page, name="complaints-report"),
    path("xlsx/", report_views.report_xlsx, name="complaints-report-xlsx"),
    path("pdf/", report_views.report_pdf, name="complaints-report-pdf"),
    path("list/", report_views.report_list, name="complaints-report-list"),
]
