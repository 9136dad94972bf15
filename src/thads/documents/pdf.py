"""PDF on demand with LibreOffice (optional; THADS runs without it).

Install on Debian: ``apt-get install -y libreoffice-writer-nogui`` (fonts: ``fonts-liberation2`` for Times New
Roman metrics). THADS looks for ``soffice`` (or ``libreoffice``) on the PATH; the setting ``SOFFICE_PATH`` names
another binary, or ``""`` to switch the conversion off. Each conversion runs headless with its own throw-away
LibreOffice profile (concurrent conversions do not share a profile lock) and a time limit.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

TIMEOUT_SECONDS = 120

UNAVAILABLE_VI = ("Máy chủ chưa cài LibreOffice nên không chuyển được văn bản sang PDF. Hãy tải tệp Word (.docx) "
                  "hoặc đề nghị quản trị hệ thống cài đặt LibreOffice (gói libreoffice-writer-nogui).")
FAILED_VI = "Không chuyển được văn bản sang PDF (LibreOffice báo lỗi hoặc quá thời gian). Hãy tải tệp Word (.docx)."


class PdfUnavailable(Exception):
    """No LibreOffice on this server, or the conversion failed; ``message`` is Vietnamese, for the user."""

    def __init__(self, message: str = UNAVAILABLE_VI) -> None:
        super().__init__(message)
        self.message = message


def soffice() -> str | None:
    """The LibreOffice binary, or None when it is absent or switched off (``SOFFICE_PATH = ""``)."""
    configured = getattr(settings, "SOFFICE_PATH", None)
    if configured == "":
        return None
    if configured:
        return configured if Path(configured).exists() else shutil.which(configured)
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice() is not None


def docx_to_pdf(data: bytes, *, timeout: int = TIMEOUT_SECONDS) -> bytes:
    """Convert .docx bytes to PDF bytes. Raises :class:`PdfUnavailable`."""
    binary = soffice()
    if binary is None:
        raise PdfUnavailable()
    with tempfile.TemporaryDirectory(prefix="thads-pdf-") as tmp:
        work = Path(tmp)
        source = work / "document.docx"
        source.write_bytes(data)
        command = [binary, "--headless", "--norestore", "--nolockcheck",
                   f"-env:UserInstallation={(work / 'profile').as_uri()}",
                   "--convert-to", "pdf", "--outdir", str(work), str(source)]
        try:
            subprocess.run(command, check=True, timeout=timeout, capture_output=True)
        except (OSError, subprocess.SubprocessError):
            raise PdfUnavailable(FAILED_VI) from None
        target = work / "document.pdf"
        if not target.exists():
            raise PdfUnavailable(FAILED_VI)
        return target.read_bytes()
