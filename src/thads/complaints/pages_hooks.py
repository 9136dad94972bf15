"""What the complaints context adds to the case screens, through ``thads.cases.extensions`` (cases imports nothing of
complaints): the case page's panel "Khiếu nại, tố cáo, kháng nghị" — the matters about the case (complaints,
denunciations, recommendations) and the procuracy's protests, recommendations and requests on it, with their status
and deadline (overdue in red), and the links to record a protest or log a reception about the case. Registered by
``ComplaintsConfig.ready``.

The panel shows no personal data: a denunciator is never named on it (nor is any other signatory).
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thads.cases.extensions import CasePanel, register_case_panel
from thads.complaints import labels, registers
from thads.complaints.models import Matter
from thads.complaints.views_common import may_role
from thads.domain.petitions import MatterKind
from thads.org.scope import scope_queryset


def _row(m: Matter, today: date) -> dict:
    kind = labels.kind_label(m.kind)
    if m.procuracy_act:
        kind = f"{kind}: {labels.label(labels.PROCURACY_ACT, m.procuracy_act)}"
    return {"m": m, "kind": kind, "status": labels.label(labels.STATUS, m.status),
            "outcome": labels.label(labels.OUTCOME, m.outcome), "overdue": registers.is_overdue(m, today)}


def complaints_panel(user, case, today: date) -> dict | None:
    """The panel's rows (see the module docstring); hidden when the case has no matter and the user may record
    nothing."""
    # the matters held by units in the user's scope only (a second level or a forwarded letter may sit above)
    matters = list(scope_queryset(user, Matter.objects.filter(case=case)).order_by("-received_on", "-id"))
    may_receive = may_role(user, case.unit, "receive")
    if not matters and not may_receive:
        return None
    links = []
    if may_receive:
        links = [{"label": _("Record a protest of the procuracy"),
                  "url": reverse("complaints-procuracy-case-new", args=[case.pk])},
                 {"label": _("Log a reception about this case"),
                  "url": reverse("complaints-reception-new") + "?" + urlencode({"case": case.ext_id})}]
    procuracy = [_row(m, today) for m in matters if m.kind == MatterKind.PROCURACY]
    others = [_row(m, today) for m in matters if m.kind != MatterKind.PROCURACY]
    return {"case": case, "matters": others, "procuracy": procuracy, "links": links,
            "open": sum(1 for m in matters if m.status in registers.OPEN_STATUSES)}


def register() -> None:
    """Called from ``ComplaintsConfig.ready``."""
    register_case_panel(CasePanel("complaints", "complaints/_case_panel.html", complaints_panel, order=300,
                                  slot="before_history"))
