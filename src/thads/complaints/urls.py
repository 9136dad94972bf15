"""The complaints pages under ``/complaints/`` (issue 16). Every page has a row in ``tests/access_matrix.py``."""

from __future__ import annotations

from django.urls import include, path

from thads.complaints import views

urlpatterns = [
    # citizen reception: the schedule and the register
    path("schedule/", views.schedule, name="complaints-schedule"),
    path("schedule/new/", views.schedule_new, name="complaints-schedule-new"),
    path("receptions/", views.reception_list, name="complaints-reception-list"),
    path("receptions/export.xlsx", views.reception_xlsx, name="complaints-reception-xlsx"),
    path("receptions/register.pdf", views.reception_pdf, name="complaints-reception-pdf"),
    path("receptions/new/", views.reception_new, name="complaints-reception-new"),
    path("receptions/<int:pk>/", views.reception_detail, name="complaints-reception-detail"),
    # letters and the matters they carry
    path("letters/", views.letter_list, name="complaints-letter-list"),
    path("letters/new/", views.letter_new, name="complaints-letter-new"),
    path("letters/<int:pk>/", views.letter_detail, name="complaints-letter-detail"),
    path("letters/<int:pk>/matters/new/", views.matter_new, name="complaints-matter-new"),
    # a matter and its acts
    path("matters/<int:pk>/", views.matter_detail, name="complaints-matter-detail"),
    path("matters/<int:pk>/identity/", views.matter_identity, name="complaints-matter-identity"),
    path("matters/<int:pk>/<slug:step>/", views.matter_step, name="complaints-matter-step"),
    # the procuracy's protests, recommendations and requests, on the unit or on a case
    path("procuracy/new/", views.procuracy_new, name="complaints-procuracy-new"),
    path("cases/<int:pk>/procuracy/new/", views.procuracy_case_new, name="complaints-procuracy-case-new"),
    # the registers (TT 13/2021/TT-BTP Arts. 29-30)
    path("registers/<slug:kind>/", views.register, name="complaints-register"),
    path("registers/<slug:kind>/export.xlsx", views.register_xlsx, name="complaints-register-xlsx"),
    path("registers/<slug:kind>/register.pdf", views.register_pdf, name="complaints-register-pdf"),
    # the complaints report and its drill-down (thads.complaints.report_views)
    path("report/", include("thads.complaints.report_urls")),
]
