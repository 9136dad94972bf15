"""The emulation pages under ``/emulation/`` (issue 17). Every page has a row in ``tests/access_matrix.py``."""

from __future__ import annotations

from django.urls import path

from thads.emulation import views

urlpatterns = [
    path("", views.index, name="emulation-index"),
    # targets, live progress and rankings
    path("targets/", views.target_list, name="emulation-targets"),
    path("targets/new/", views.target_new, name="emulation-target-new"),
    path("targets/<int:pk>/edit/", views.target_edit, name="emulation-target-edit"),
    path("targets/<int:pk>/delete/", views.target_delete, name="emulation-target-delete"),
    path("targets/<int:pk>/pass-down/", views.target_pass_down, name="emulation-target-pass-down"),
    path("progress/", views.progress_page, name="emulation-progress"),
    path("rankings/", views.rankings_page, name="emulation-rankings"),
    path("rankings/export.xlsx", views.rankings_xlsx, name="emulation-rankings-xlsx"),
    # campaigns, nominations and the evidence sheet
    path("campaigns/", views.campaign_list, name="emulation-campaigns"),
    path("campaigns/new/", views.campaign_new, name="emulation-campaign-new"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="emulation-campaign-detail"),
    path("campaigns/<int:pk>/edit/", views.campaign_edit, name="emulation-campaign-edit"),
    path("campaigns/<int:pk>/close/", views.campaign_close, name="emulation-campaign-close"),
    path("nominations/", views.nomination_list, name="emulation-nominations"),
    path("nominations/new/", views.nomination_new, name="emulation-nomination-new"),
    path("nominations/<int:pk>/", views.nomination_detail, name="emulation-nomination-detail"),
    path("nominations/<int:pk>/<slug:step>/", views.nomination_step, name="emulation-nomination-step"),
    path("evidence/", views.evidence_page, name="emulation-evidence"),
    path("evidence/sheet.xlsx", views.evidence_xlsx, name="emulation-evidence-xlsx"),
    path("evidence/sheet.docx", views.evidence_docx, name="emulation-evidence-docx"),
    # commendations, the council, the good-practice library
    path("commendations/", views.commendation_list, name="emulation-commendations"),
    path("commendations/new/", views.commendation_new, name="emulation-commendation-new"),
    path("council/", views.council_page, name="emulation-council"),
    path("council/<int:pk>/remove/", views.council_remove, name="emulation-council-remove"),
    path("practices/", views.practice_list, name="emulation-practices"),
    path("practices/new/", views.practice_new, name="emulation-practice-new"),
    path("practices/<int:pk>/", views.practice_detail, name="emulation-practice-detail"),
    path("practices/<int:pk>/edit/", views.practice_edit, name="emulation-practice-edit"),
]
