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

This module holds the storage side (allowed types, content checks, size limit, who may upload or download, the
list); the write is ``thads.cases.actions.do_attach`` and the pages are ``thads.cases.attachment_views``.
"""

from __future__ import annotations

import zipfile
from pathlib import PurePosixPath

from django.conf import settings
from django.utils.translation import gettext as _

from thads.cases.models import Attachment, Case
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


class UnacceptableFile(Exception):
    """The content of a file is not of an allowed type (``do_attach`` refuses it with ``message``)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def max_bytes() -> int:
    return int(getattr(settings, "ATTACHMENT_MAX_MB", 20)) * 1024 * 1024


def sniff(name: str, head: bytes, upload=None) -> str:
    """The content type of an allowed file, or raise ``UnacceptableFile`` (extension and first bytes)."""
    ext = PurePosixPath(name).suffix.lower()
    if ext not in TYPES:
        raise UnacceptableFile(_("Only PDF, JPEG, PNG, TIFF and DOCX files can be attached."))
    content_type, signatures = TYPES[ext]
    if not head.startswith(signatures):
        raise UnacceptableFile(_("The content of the file is not a %(ext)s file.") % {"ext": ext[1:].upper()})
    if ext == ".docx" and upload is not None:
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as z:
                if "word/document.xml" not in z.namelist():
                    raise UnacceptableFile(_("The content of the file is not a DOCX file."))
        except zipfile.BadZipFile:
            raise UnacceptableFile(_("The content of the file is not a DOCX file.")) from None
        finally:
            upload.seek(0)
    return content_type


def may_upload(user, case: Case) -> bool:
    return allowed(user, Action.CHANGE, case.unit)


def may_download(user, case: Case) -> bool:
    return allowed(user, Action.PERSONAL_DATA, case.unit)


def attachments_of(user, case: Case):
    return scope_queryset(user, Attachment.objects.filter(case=case), unit_field="case__unit").select_related(
        "uploaded_by").order_by("-uploaded_at", "-id")
