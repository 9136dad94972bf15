from __future__ import annotations

from django.urls import path

from thads.submissions import views, views_actions

urlpatterns = [
    path("", views.submissions_page, name="submissions-list"),
    path("consolidation/", views.consolidation_page, name="submissions-consolidation"),
    path("download/", views.download, name="submissions-download"),
    path("build/", views_actions.build, name="submissions-build"),
    path("receive/", views_actions.receive, name="submissions-receive"),
    path("decide/", views_actions.decide, name="submissions-decide"),
]
