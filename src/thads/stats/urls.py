from __future__ import annotations

from django.urls import path

from thads.stats import views

urlpatterns = [
    path("", views.report_page, name="stats-report"),
    path("export/<slug:fmt>/", views.export, name="stats-export"),
    path("cases/", views.cases_page, name="stats-cases"),
    path("charts/", views.charts_page, name="stats-charts"),
    path("charts/<slug:name>.svg", views.chart_svg, name="stats-chart-svg"),
    path("province/", views.glance_page, name="stats-glance"),
]
