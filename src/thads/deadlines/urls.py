from __future__ import annotations

from django.urls import path

from thads.deadlines import views

urlpatterns = [
    path("", views.queue, name="deadline-queue"),
    path("reassign/", views.reassign, name="deadline-reassign"),
]
