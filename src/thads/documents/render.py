"""Filling a .docx template (docxtpl) in the Jinja sandbox, and the checks of an uploaded template: pure file work,
no database (issue 12: a template is code and must not reach the server's objects; see ``thads.documents.sandbox``).
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

from thads.documents.generate import DocumentRefused, sample
from thads.documents.subjects import any_kind
from thads.domain.legal_bases import DocKind

DEFAULT_TEMPLATES_DIR = Path(__file__).resolve().parent / "templates_docx"


def render(template_file, context: dict[str, Any]) -> bytes:
    """Fill a .docx template (path or open binary file) with ``context`` in the Jinja sandbox, autoescape on
    (``sandbox.TemplateEnvironment``; issue 12: a template is code and must not reach the server's objects).

    Raises :class:`DocumentRefused` (code ``template.unsafe``) when the sandbox stops the template, and (code
    ``template.error``) when the template fails on the data: both are a message, never a server error."""
    from jinja2 import TemplateError

    from thads.documents.sandbox import SandboxedDocxTemplate, SecurityError, TemplateEnvironment, TooLarge

    tpl = SandboxedDocxTemplate(template_file)
    try:
        tpl.render(context, jinja_env=TemplateEnvironment())
    except TooLarge:
        # Issue 12 (M4): the template would build a huge text, loop or recurse too long, or write too much.
        raise DocumentRefused("Mẫu văn bản đang dùng có lệnh không an toàn (tạo nội dung quá lớn, vòng lặp hoặc "
                              "lời gọi quá nhiều) nên đã bị dừng; quản trị viên cần tải lên một phiên bản mẫu đã "
                              "sửa.", "template.unsafe") from None
    except SecurityError:
        raise DocumentRefused("Mẫu văn bản đang dùng có lệnh không an toàn (truy cập thuộc tính nội bộ hoặc lệnh bị "
                              "chặn) nên đã bị từ chối; quản trị viên cần tải lên một phiên bản mẫu đã sửa.",
                              "template.unsafe") from None
    except TemplateError as exc:
        raise DocumentRefused(f"Mẫu văn bản đang dùng bị lỗi khi điền dữ liệu ({exc.message or exc}); quản trị "
                              "viên cần tải lên một phiên bản mẫu đã sửa.", "template.error") from None
    except (TypeError, ValueError, ArithmeticError, LookupError, RecursionError) as exc:
        # A template's own expression failing (``"x" * "y"``, endless macro recursion): a message, not a 500.
        raise DocumentRefused(f"Mẫu văn bản đang dùng bị lỗi khi điền dữ liệu ({type(exc).__name__}); quản trị "
                              "viên cần tải lên một phiên bản mẫu đã sửa.", "template.error") from None
    out = io.BytesIO()
    tpl.save(out)  # the filled .docx into memory (not a database write)
    return out.getvalue()


def undeclared_fields(template_file) -> set[str]:
    """Fields a template uses that the context does not provide (checked on upload)."""
    from thads.documents.sandbox import SandboxedDocxTemplate, TemplateEnvironment

    known = set(sample(DocKind.DECIDE_PROACTIVE).context) | {"ob", "b", "p", "line", "loop", "measure", "a"}
    return set(SandboxedDocxTemplate(template_file).get_undeclared_template_variables(
        jinja_env=TemplateEnvironment())) - known


def template_problems(data: bytes) -> list[str]:
    """Why an uploaded template must be refused (Vietnamese; see :mod:`thads.documents.sandbox`)."""
    from thads.documents.sandbox import template_problems as problems

    return problems(io.BytesIO(data))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def default_template_path(kind: DocKind | str) -> Path:
    """The packaged template of a kind of either family (``legal_texts.DocKind``, ``measure_texts.MeasureDocKind``)."""
    return DEFAULT_TEMPLATES_DIR / f"{any_kind(kind).value}.docx"
