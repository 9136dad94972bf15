"""The documents of measures and coercion plans, included by ``assets.urls`` under ``/assets/``
(``thads.assets.document_views``). Every page has a row in ``tests/access_matrix.py``."""

from __future__ import annotations

from django.urls import path

from thads.assets import document_views

urlpatterns = [
    path("measures/<int:pk>/document/new/", document_views.measure_document, name="assets-measure-document"),
    path("plans/<int:pk>/document/new/", document_views.plan_document, name="assets-plan-document"),
]
