from __future__ import annotations

from django.urls import path

from thads.cases import attachment_views, imports_web, views, views_collect, xlsx

urlpatterns = [
    path("", views.case_list, name="case-list"),
    path("export.xlsx", xlsx.case_list_xlsx, name="case-list-xlsx"),
    path("import/", imports_web.import_upload, name="case-import"),
    path("import/confirm/", imports_web.import_confirm, name="case-import-confirm"),
    path("new/", views.case_new, name="case-new"),
    path("<int:pk>/", views.case_detail, name="case-detail"),
    path("<int:pk>/act/<slug:act>/", views.case_act, name="case-act"),
    path("<int:pk>/collect-debtor/", views_collect.case_collect_debtor, name="case-collect-debtor"),
    path("<int:pk>/attachments/", attachment_views.upload, name="case-attachment-upload"),
    path("attachments/<int:att_id>/", attachment_views.download, name="case-attachment-download"),
]
