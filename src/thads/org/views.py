from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext

from thads.org.actions import do_change_own_password
from thads.org.forms import LoginForm
from thads.org.models import User
from thads.org.scope import scope_queryset, visible_units


class PasswordChangeView(auth_views.PasswordChangeView):
    """Every user changes their own password here (the old one, then the new one twice, Django's validators: at least
    10 characters, not common, not numeric, not like the username); the change is audited, without the hash, and
    the session stays logged in. The write is ``do_change_own_password``."""

    template_name = "org/password_change.html"

    def get_success_url(self) -> str:
        from django.urls import reverse

        return reverse("home")

    def form_valid(self, form):
        do_change_own_password(form.user, form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, gettext("Your password has been changed."))
        return HttpResponseRedirect(self.get_success_url())


class LoginView(auth_views.LoginView):
    template_name = "org/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def tree_units(user):
    """The units of the organisation tree ``user`` can see, in tree order, with their staff counts (page and XLSX)."""
    return visible_units(user).annotate(staff_count=Count("staff", distinct=True)).select_related("parent")


def listed_staff(user):
    """The active staff of the units ``user`` can see, by unit, title and username (page and XLSX)."""
    return scope_queryset(user, User.objects.filter(is_active=True)).select_related("unit").order_by(
        "unit__path", "title", "username"
    )


@login_required
def unit_tree(request: HttpRequest) -> HttpResponse:
    """The organisation tree the user can see, with levels, validity dates and staff counts."""
    today = timezone.localdate()
    rows = [{"unit": u, "active": u.is_active_on(today), "indent": max(u.depth, 0)} for u in tree_units(request.user)]
    return render(request, "org/unit_tree.html", {"rows": rows, "today": today})


@login_required
def staff_list(request: HttpRequest) -> HttpResponse:
    return render(request, "org/staff_list.html", {"staff": listed_staff(request.user)})
