from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from thads.org import audit_views, views, xlsx

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password-change"),
    path("org/units/", views.unit_tree, name="unit-tree"),
    path("org/units/export.xlsx", xlsx.unit_tree_xlsx, name="unit-tree-xlsx"),
    path("org/staff/", views.staff_list, name="staff-list"),
    path("org/staff/export.xlsx", xlsx.staff_list_xlsx, name="staff-list-xlsx"),
    path("org/audit/", audit_views.audit_log, name="audit-log"),
    path("org/audit/export.xlsx", audit_views.audit_log_xlsx, name="audit-log-xlsx"),
    path("org/audit/<int:pk>/", audit_views.audit_event, name="audit-event"),
]
