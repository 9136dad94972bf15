from __future__ import annotations

from django.urls import path

from thads.deadlines import views, xlsx

urlpatterns = [
    path("", views.queue, name="deadline-queue"),
    path("export.xlsx", xlsx.queue_xlsx, name="deadline-queue-xlsx"),
    path("reassign/", views.reassign, name="deadline-reassign"),
]
