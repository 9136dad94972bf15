from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from thads.org.scope import visible_units


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"today": timezone.localdate(),
                                              "unit_count": visible_units(request.user).count()})
