from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("deadlines/", include("thads.deadlines.urls")),
    path("statistics/", include("thads.stats.urls")),
    path("documents/", include("thads.documents.urls")),
    path("", include("thads.org.urls")),
    path("cases/", include("thads.cases.urls")),
    path("assets/", include("thads.assets.urls")),
    path("complaints/", include("thads.complaints.urls")),
    path("emulation/", include("thads.emulation.urls")),
    path("registers/", include("thads.registers.urls")),
    path("public/", include("thads.registers.public_urls")),
    path("submissions/", include("thads.submissions.urls")),
    path("jobs/", include("thads.web.jobs_urls")),
    path("", include("thads.api.urls")),
    path("", include("thads.web.urls")),
]
