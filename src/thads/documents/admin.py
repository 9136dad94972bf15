"""Administration of document templates: upload a new version per kind (checked by rendering it on the sample case),
preview any version on the sample case or on a real case of the administrator's scope, switch the active version.
Versions are never edited or deleted: documents keep the version they were made from.

Templates are national (one active version per kind for every unit), so uploading needs the Django permission
``documents.add_documenttemplate`` (superusers have it; grant it to the national administrators only).
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
from thads.documents.generate import (
    SignerInfo,
    act_info,
    candidate_events,
    case_info,
    do_upload_template,
    document_number,
    prepare,
    render,
    sample,
    undeclared_fields,
)
from thads.documents.legal import DocKind, LegalError
from thads.documents.models import Document, DocumentTemplate, Letterhead
from thads.org.scope import scope_queryset

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
            unknown = undeclared_fields(io.BytesIO(data))
            render(io.BytesIO(data), sample(kind).context)
        except Exception as exc:  # docxtpl raises zip, XML and Jinja errors alike
            raise ValidationError(_("The file is not a usable .docx template: %(error)s"),
                                  params={"error": exc}) from None
        if unknown:
            raise ValidationError(_("The template uses fields THADS does not provide: %(fields)s"),
                                  params={"fields": ", ".join(sorted(unknown))})
        self.data_bytes = data
        return upload


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
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

    def save_model(self, request, obj, form, change):
        if change:
            if obj.active:
                DocumentTemplate.objects.filter(kind=obj.kind, active=True).exclude(pk=obj.pk).update(active=False)
            obj.save(update_fields=["active", "note"])
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
        """The version filled with the sample case, or with ``?case=<pk>`` (a case of the admin's scope) and its
        latest matching act; ``?format=pdf`` converts it when LibreOffice is installed."""
        if not self.has_view_permission(request):
            return redirect("admin:index")
        template = get_object_or_404(DocumentTemplate, pk=pk)
        kind = DocKind(template.kind)
        context = sample(kind).context
        case_id = request.GET.get("case", "")
        if case_id.isdigit():
            case = get_object_or_404(scope_queryset(request.user, Case.objects.select_related("unit", "officer")),
                                     pk=int(case_id))
            events = candidate_events(case, kind)
            event = events[0] if events else None
            act = act_info(case, kind, event, event.on if event else (case.decided_on or timezone.localdate()))
            user = request.user
            try:
                context = prepare(kind, case_info(case), act,
                                  SignerInfo(getattr(user, "title", ""), user.full_name or user.username),
                                  number=document_number(kind, act, case)).context
            except LegalError as exc:
                messages.error(request, exc.message_vi)
                return redirect("admin:documents_documenttemplate_change", pk)
        with template.file.open("rb") as fh:
            data = render(fh, context)
        if request.GET.get("format") == "pdf":
            try:
                return HttpResponse(pdf.docx_to_pdf(data), content_type="application/pdf")
            except pdf.PdfUnavailable as exc:
                messages.error(request, exc.message)
                return redirect("admin:documents_documenttemplate_change", pk)
        response = HttpResponse(
            data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        response["Content-Disposition"] = f'attachment; filename="preview-{kind.value}-v{template.version}.docx"'
        return response


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
class LetterheadAdmin(admin.ModelAdmin):
    list_display = ("unit", "place", "governing_body", "symbol")

    def get_queryset(self, request):
        return scope_queryset(request.user, super().get_queryset(request))
