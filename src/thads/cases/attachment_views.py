"""The attachment pages (``cases.attachments``): upload through ``cases.actions.do_attach``, download (a read of
personal data, audited), and what the case page's attachment section shows."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thads.cases.actions import AttachmentRefused, do_attach
from thads.cases.attachments import TYPES, attachments_of, max_bytes, may_download, may_upload
from thads.cases.models import Attachment, Case
from thads.org.audit import audit_read
from thads.org.scope import scope_queryset


@login_required
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(scope_queryset(request.user, Case.objects.select_related("unit")), pk=pk)
    if not may_upload(request.user, case):
        raise PermissionDenied(_("You may not attach files to this case."))
    file = request.FILES.get("file")
    if file is None:
        messages.error(request, _("Choose a file to attach."))
    else:
        try:
            attachment = do_attach(request.user, case.pk, file, request.POST.get("description", ""))
        except AttachmentRefused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Attached: %(name)s.") % {"name": attachment.filename})
    return redirect(reverse("case-detail", args=[case.pk]) + "#attachments")


@login_required
def download(request: HttpRequest, att_id: int) -> HttpResponse:
    attachment = get_object_or_404(scope_queryset(request.user, Attachment.objects.select_related("case__unit"),
                                                  unit_field="case__unit"), pk=att_id)
    if not may_download(request.user, attachment.case):
        raise PermissionDenied(_("Attachments contain personal data you may not see."))
    # Scans carry ID numbers and addresses: the download is a read of personal data (Decree 13/2023/NĐ-CP).
    audit_read(request.user, "attachment.download", attachment, unit=attachment.case.unit, fields=["file"])
    response = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.filename,
                            content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def context_for(user, case: Case) -> dict:
    """What ``cases/_attachments.html`` shows (through the ``case_attachments`` template tag)."""
    return {"attachments": list(attachments_of(user, case)), "may_upload": may_upload(user, case),
            "may_download": may_download(user, case), "max_mb": max_bytes() // (1024 * 1024),
            "accept": ",".join(TYPES)}

