"""Administration of document templates: upload a new version per kind (checked by rendering it on the sample case),
preview any version on the sample case or on a real case of the administrator's scope, switch the active version.
Versions are never edited or deleted: documents keep the version they were made from.

Templates are national (one active version per kind for every unit), so uploading needs the Django permission
``documents.add_documenttemplate`` (superusers have it; grant it to the national administrators only).

Issue 12: an upload is checked for unsafe Jinja (``sandbox.template_problems``) and rendered in the sandbox before
it is stored; a preview on a real case shows the parties' ID numbers and addresses only to a user with
``Action.PERSONAL_DATA`` on the case's unit, and records that read; letterheads are scoped like units; every
add and change is a ``do_*`` action of ``thads.documents.actions`` (``thads.org.admin.ActionAdmin``), audited there.
"""

from __future__ import annotations

import io

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from thads.cases.models import Case
from thads.documents import pdf
from thads.documents.actions import do_change_template, do_delete_letterhead, do_save_letterhead, do_upload_template
from thads.documents.facts import act_info, candidate_events, case_info, document_number, without_personal_data
from thads.documents.generate import DocumentRefused, SignerInfo, prepare
from thads.documents.models import Document, DocumentTemplate, Letterhead
from thads.documents.render import render, template_problems, undeclared_fields
from thads.documents.subjects import any_kind, any_sample
from thads.domain.legal_bases import DocKind, LegalError
from thads.org.admin import ActionAdmin, ScopedAdmin
from thads.org.audit import audit_read
from thads.org.scope import Action, allowed, scope_queryset

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


class TemplateUploadForm(forms.ModelForm):
    class Meta:
        model = DocumentTemplate
        fields = ("kind", "file", "note", "active")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".docx"):
            raise ValidationError(_("Upload a Word file (.docx)."))
        if upload.size > MAX_TEMPLATE_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."))
        data = upload.read()
        upload.seek(0)
        kind = self.cleaned_data.get("kind") or DocKind.DECIDE_PROACTIVE
        try:
            problems = template_problems(data)
        except Exception as exc:  # python-docx raises zip and XML errors alike
            raise ValidationError(_("The file is not a usable .docx template: %(error)s"),
                                  params={"error": exc}) from None
        if problems:
            # Unsafe or broken Jinja (issue 12): refused before anything is rendered or stored.
            raise ValidationError(problems)
        try:
            unknown = undeclared_fields(io.BytesIO(data))
            render(io.BytesIO(data), any_sample(kind).context)
        except DocumentRefused as exc:  # the sandbox stopped it, or it fails on the sample data
            raise ValidationError(exc.message) from None
        except Exception as exc:  # docxtpl raises zip, XML and Jinja errors alike
            raise ValidationError(_("The file is not a usable .docx template: %(error)s"),
                                  params={"error": exc}) from None
        if unknown:
            raise ValidationError(_("The template uses fields THADS does not provide: %(fields)s"),
                                  params={"fields": ", ".join(sorted(unknown))})
        self.data_bytes = data
        return upload


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(ActionAdmin):
    form = TemplateUploadForm
    list_display = ("kind", "version", "active", "note", "uploaded_by", "uploaded_at", "preview_links")
    list_filter = ("kind", "active")
    ordering = ("kind", "-version")

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("kind", "file", "note", "active")
        return ("kind", "version", "file", "sha256", "note", "active", "uploaded_by", "uploaded_at", "preview_links")

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return ("kind", "version", "file", "sha256", "uploaded_by", "uploaded_at", "preview_links")

    def has_delete_permission(self, request, obj=None):
        return False  # documents point at their version

    @admin.display(description=_("preview"))
    def preview_links(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        url = reverse("admin:documents_documenttemplate_preview", args=[obj.pk])
        if pdf.available():
            return format_html('<a href="{}">.docx</a> · <a href="{}?format=pdf">PDF</a>', url, url)
        return format_html('<a href="{}">.docx</a>', url)

    def save_action(self, request, obj, form):
        if obj.pk is not None:  # only the note and the active flag are editable
            do_change_template(request.user, obj, note=obj.note, active=obj.active)
            return
        saved = do_upload_template(request.user, obj.kind, form.data_bytes, note=obj.note, activate=obj.active)
        for f in DocumentTemplate._meta.concrete_fields:
            setattr(obj, f.attname, getattr(saved, f.attname))
        obj._state = saved._state

    def get_urls(self):
        urls = [path("<int:pk>/preview/", self.admin_site.admin_view(self.preview),
                     name="documents_documenttemplate_preview")]
        return urls + super().get_urls()

    def preview(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The version filled with the sample case, or with ``?case=<pk>`` (a case of the admin's scope, 404
        otherwise) and its latest matching act; ``?format=pdf`` converts it when LibreOffice is installed.

        The parties' ID numbers and addresses are filled in only for a user with ``Action.PERSONAL_DATA`` on the
        case's unit, and that read is recorded (``audit_read``); anyone else sees the names only."""
        if not self.has_view_permission(request):
            return redirect("admin:index")
        template = get_object_or_404(DocumentTemplate, pk=pk)
        kind = any_kind(template.kind)
        context = any_sample(kind).context
        case_id = request.GET.get("case", "")
        shown_case = None  # the real case whose personal data the preview shows
        if case_id.isdigit() and isinstance(kind, DocKind):  # a measure's kinds preview on the sample only
            case = get_object_or_404(scope_queryset(request.user, Case.objects.select_related("unit", "officer")),
                                     pk=int(case_id))
            events = candidate_events(case, kind)
            event = events[0] if events else None
            act = act_info(case, kind, event, event.on if event else (case.decided_on or timezone.localdate()))
            user = request.user
            personal = allowed(user, Action.PERSONAL_DATA, case.unit)
            info = case_info(case) if personal else without_personal_data(case_info(case))
            shown_case = case if personal else None
            try:
                context = prepare(kind, info, act,
                                  SignerInfo(getattr(user, "title", ""), user.full_name or user.username),
                                  number=document_number(kind, act, case)).context
            except LegalError as exc:
                messages.error(request, exc.message_vi)
                return redirect("admin:documents_documenttemplate_change", pk)
        try:
            with template.file.open("rb") as fh:
                data = render(fh, context)
        except DocumentRefused as exc:  # a template the sandbox stops: a message, not a server error
            messages.error(request, exc.message)
            return redirect("admin:documents_documenttemplate_change", pk)
        if request.GET.get("format") == "pdf":
            try:
                data = pdf.docx_to_pdf(data)
            except pdf.PdfUnavailable as exc:
                messages.error(request, exc.message)
                return redirect("admin:documents_documenttemplate_change", pk)
            self._audit_preview(request, shown_case)
            return HttpResponse(data, content_type="application/pdf")
        self._audit_preview(request, shown_case)
        response = HttpResponse(
            data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        response["Content-Disposition"] = f'attachment; filename="preview-{kind.value}-v{template.version}.docx"'
        return response

    @staticmethod
    def _audit_preview(request: HttpRequest, case: Case | None) -> None:
        if case is not None:
            audit_read(request.user, "document.template.preview", case, unit=case.unit,
                       fields=["id_number", "address"], case_ext_id=case.ext_id)


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Read-only audit list (documents are made on the case screens, never edited)."""

    list_display = ("case", "kind", "number", "on", "template", "verified", "created_by", "created_at")
    list_filter = ("kind", "verified")
    search_fields = ("case__ext_id", "number")
    readonly_fields = ("case", "kind", "template", "file", "event", "on", "number", "sha256", "legal_refs",
                       "verified", "created_by", "created_at")

    def get_queryset(self, request):
        return scope_queryset(request.user, super().get_queryset(request), unit_field="case__unit")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Letterhead)
class LetterheadAdmin(ScopedAdmin):
    """A unit's letterhead: an administrator edits those of their subtree only (``ScopedAdmin``)."""

    list_display = ("unit", "place", "governing_body", "symbol")

    def save_action(self, request, obj, form):
        do_save_letterhead(request.user, obj)

    def delete_action(self, request, obj):
        do_delete_letterhead(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        # A letterhead is a setting, not history: it may be removed (audited) by whoever may change it.
        return self.has_change_permission(request, obj) and admin.ModelAdmin.has_delete_permission(self, request, obj)
