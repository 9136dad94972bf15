from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from thads.org import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("org/units/", views.unit_tree, name="unit-tree"),
    path("org/staff/", views.staff_list, name="staff-list"),
]
