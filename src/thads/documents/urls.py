"""Mounted at ``documents/`` (``thads.urls``): ``/documents/cases/<case pk>/`` lists and generates a case's documents;
``/documents/<pk>/download/`` and ``/documents/<pk>/pdf/`` serve one document."""

from __future__ import annotations

from django.urls import path

from thads.documents import views

urlpatterns = [
    path("cases/<int:pk>/", views.case_documents, name="case-documents"),
    path("cases/<int:pk>/generate/", views.generate, name="document-generate"),
    path("<int:doc_id>/download/", views.download, name="document-download"),
    path("<int:doc_id>/pdf/", views.as_pdf, name="document-pdf"),
]
