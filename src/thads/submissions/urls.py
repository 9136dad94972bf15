from __future__ import annotations

from django.urls import path

from thads.submissions import views

urlpatterns = [
    path("", views.submissions_page, name="submissions-list"),
    path("consolidation/", views.consolidation_page, name="submissions-consolidation"),
    path("download/", views.download, name="submissions-download"),
]
