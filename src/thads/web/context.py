"""Navigation shown on every page (filled in by later issues: cases, deadlines, statistics)."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thads.org.capabilities import Capability, can
from thads.org.scope import Action, allowed

_NAV = [
    ("home", _("Home"), "home"),
    ("cases", _("Cases"), "case-list"),
    ("debtors", pgettext_lazy("nav", "Debtors"), "assets-debtor-list"),
    ("deadlines", _("Deadlines"), "deadline-queue"),
    ("complaints", pgettext_lazy("nav", "Complaints"), "complaints-reception-list"),
    ("statistics", _("Statistics"), "stats-report"),
    ("emulation", pgettext_lazy("nav", "Emulation"), "emulation-index"),
]

#: Sections whose pages share a path prefix other than their entry page's.
_SECTION_PREFIX = {"complaints": "/complaints/", "emulation": "/emulation/"}


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    items = []
    for key, label, url_name in _NAV:
        if key == "statistics" and not can(user, Capability.VIEW_STATISTICS):
            continue  # the statistics pages are for statisticians and heads
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            url = None  # a section whose issue is not built yet is shown, greyed out
        section = _SECTION_PREFIX.get(key, url)  # a section of several pages is active on all of them
        items.append({"key": key, "label": label, "url": url, "active": url is not None and request.path.startswith(section) and (url != "/" or request.path == "/")})
    admin_items = [{"label": _("Organisation"), "url": reverse("unit-tree")}, {"label": _("Staff"), "url": reverse("staff-list")},
                   {"label": _("Background jobs"), "url": reverse("job-list")},
                   {"label": _("Change password"), "url": reverse("password-change")}]
    if can(user, Capability.CHANGE_CASES) or can(user, Capability.VIEW_STATISTICS):  # the office's books (issue 18)
        admin_items[:0] = [{"label": _("Registers"), "url": reverse("registers-page")},
                           {"label": _("Public list of debtors without conditions"),
                            "url": reverse("registers-public")}]
    if user.is_superuser or (user.unit is not None and allowed(user, Action.ADMINISTER, user.unit)):
        admin_items.append({"label": _("Administration"), "url": reverse("admin:index")})
    if can(user, Capability.READ_AUDIT):  # inspectors and superusers
        admin_items.append({"label": _("Audit log"), "url": reverse("audit-log")})
    return {"nav": items, "admin_nav": admin_items}
