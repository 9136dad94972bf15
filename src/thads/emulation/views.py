"""The emulation pages under ``/emulation/`` (issue 17), split by page family: targets (``views_targets``),
progress and rankings (``views_progress``), campaigns, nominations and the evidence sheet (``views_nominations``),
commendations, the council and the good-practice library (``views_records``); shared helpers in ``views_common``.
``/emulation/`` itself sends who sees the statistics to the progress page and everyone else to the library."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from thads.emulation.views_common import may_view_progress
from thads.emulation.views_nominations import (  # noqa: F401
    campaign_close,
    campaign_detail,
    campaign_edit,
    campaign_list,
    campaign_new,
    evidence_docx,
    evidence_page,
    evidence_xlsx,
    nomination_detail,
    nomination_list,
    nomination_new,
    nomination_step,
)
from thads.emulation.views_progress import progress_page, rankings_page, rankings_xlsx  # noqa: F401
from thads.emulation.views_records import (  # noqa: F401
    commendation_list,
    commendation_new,
    council_page,
    council_remove,
    practice_detail,
    practice_edit,
    practice_list,
    practice_new,
)
from thads.emulation.views_targets import (  # noqa: F401
    target_delete,
    target_edit,
    target_list,
    target_new,
    target_pass_down,
)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return redirect("emulation-progress" if may_view_progress(request.user) else "emulation-practices")
