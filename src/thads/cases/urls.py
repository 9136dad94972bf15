from __future__ import annotations

from django.urls import path

from thads.cases import views

urlpatterns = [
    path("", views.case_list, name="case-list"),
    path("new/", views.case_new, name="case-new"),
    path("<int:pk>/", views.case_detail, name="case-detail"),
    path("<int:pk>/act/<slug:act>/", views.case_act, name="case-act"),
]
