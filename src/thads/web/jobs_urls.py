from __future__ import annotations

from django.urls import path

from thads.web import jobs as views

urlpatterns = [
    path("", views.job_list, name="job-list"),
    path("<int:pk>/", views.job_detail, name="job-detail"),
    path("<int:pk>/download/", views.job_download, name="job-download"),
    path("stats-rebuild/", views.start_rebuild, name="job-stats-rebuild"),
    path("export/", views.start_export, name="job-export"),
]
