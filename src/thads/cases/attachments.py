"""Attachments of a case (issue 7): scans of decisions, receipts and other files, outside the database.

* Files go to the default storage under ``MEDIA_ROOT/attachments/<case id>/`` (``THADS_MEDIA_DIR``) with a random
  name; the row (``models.Attachment``) keeps the original name, type, size, SHA-256, who uploaded it and when.
* Allowed: PDF, JPEG, PNG, TIFF and DOCX, checked by the extension **and** by the first bytes of the content; at most
  ``settings.ATTACHMENT_MAX_MB`` MB (env ``THADS_ATTACHMENT_MAX_MB``, default 20).
* Access through ``thads.org.scope``: the list is shown to whoever may view the case (another unit's case is a
  404); uploading needs ``Action.CHANGE`` on the case's unit; downloading needs ``Action.PERSONAL_DATA`` (scans
  carry ID numbers and addresses, like generated documents).
* Append-only: there is no delete; a wrong file is followed by a corrected one.
* Audit (issue 12): an upload writes ``attachment.upload`` (in the row's transaction), a download
  ``attachment.download`` as a read of personal data.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thads.cases.models import Attachment, Case
from thads.org.audit import audit_read, audit_write
from thads.org.scope import Action, allowed, scope_queryset

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#: extension → (content type, signatures the first bytes must start with)
TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".tif": ("image/tiff", (b"II*\x00", b"MM\x00*")),
    ".tiff": ("image/tiff", (b"II*\x00", b"MM\x00*")),
    ".docx": (DOCX, (b"PK\x03\x04",)),
}


class AttachmentRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def max_bytes() -> int:
    return int(getattr(settings, "ATTACHMENT_MAX_MB", 20)) * 1024 * 1024


def sniff(name: str, head: bytes, upload=None) -> str:
    """The content type of an allowed file, or raise ``AttachmentRefused`` (extension and first bytes)."""
    ext = PurePosixPath(name).suffix.lower()
    if ext not in TYPES:
        raise AttachmentRefused(_("Only PDF, JPEG, PNG, TIFF and DOCX files can be attached."))
    content_type, signatures = TYPES[ext]
    if not head.startswith(signatures):
        raise AttachmentRefused(_("The content of the file is not a %(ext)s file.") % {"ext": ext[1:].upper()})
    if ext == ".docx" and upload is not None:
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as z:
                if "word/document.xml" not in z.namelist():
                    raise AttachmentRefused(_("The content of the file is not a DOCX file."))
        except zipfile.BadZipFile:
            raise AttachmentRefused(_("The content of the file is not a DOCX file.")) from None
        finally:
            upload.seek(0)
    return content_type


def may_upload(user, case: Case) -> bool:
    return allowed(user, Action.CHANGE, case.unit)


def may_download(user, case: Case) -> bool:
    return allowed(user, Action.PERSONAL_DATA, case.unit)


@transaction.atomic
def do_attach(user, case_pk: int, upload, description: str = "") -> Attachment:
    """Store ``upload`` (a Django ``UploadedFile`` or any file object with ``name``/``size``) on the case: the row
    and its audit row in one transaction; the stored file is removed again when the transaction fails after it was
    written (no file without its row)."""
    case = scope_queryset(user, Case.objects.select_related("unit")).filter(pk=case_pk).first()
    if case is None or not may_upload(user, case):
        raise AttachmentRefused(_("You may not attach files to this case."))
    size = upload.size
    if size > max_bytes():
        raise AttachmentRefused(_("The file is larger than %(mb)s MB.") % {"mb": max_bytes() // (1024 * 1024)})
    if size == 0:
        raise AttachmentRefused(_("The file is empty."))
    upload.seek(0)
    head = upload.read(16)
    content_type = sniff(upload.name, head, upload)
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(1 << 20), b""):
        digest.update(chunk)
    upload.seek(0)
    name = PurePosixPath(upload.name.replace("\\", "/")).name[:255]
    attachment = Attachment(case=case, filename=name, content_type=content_type, size=size,
                            sha256=digest.hexdigest(), description=description.strip()[:255], uploaded_by=user)
    attachment.file.save(name, upload, save=False)
    stored = attachment.file.name
    try:
        attachment.save()
        audit_write(user, "attachment.upload", attachment, unit=case.unit, after={
            "case": case.ext_id, "filename": name, "content_type": content_type, "size": size,
            "sha256": attachment.sha256, "description": attachment.description, "file": stored})
    except Exception:
        attachment.file.storage.delete(stored)
        raise
    return attachment


def attachments_of(user, case: Case):
    return scope_queryset(user, Attachment.objects.filter(case=case), unit_field="case__unit").select_related(
        "uploaded_by").order_by("-uploaded_at", "-id")


# ------------------------------------------------------------------------------------------------- views


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

