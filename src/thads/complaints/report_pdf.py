"""The complaints report as a PDF (``thads complaints-report --format pdf`` and the page's download): the approach of
the statistics' PDF export (``stats.exports_pdf``): WeasyPrint over a standalone template
(``complaints/report_pdf.html``) rendered by a bare template engine with every value pre-formatted as text (no
Django settings, no number localisation), Liberation Serif embedded from ``static/fonts`` (DejaVu Serif lacks ₫).
Vietnamese whatever the interface language; the words are those of the XLSX file (:mod:`.report_xlsx`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from thads.complaints.report_xlsx import (
    KIND_LABELS_VI,
    NOTE_VI,
    RECEPTIONS_VI,
    TITLE_VI,
    headings_vi,
    kind_values,
)
from thads.domain.petitions import REPORTED_KINDS
from thads.lib.numbers import format_rate, group_thousands

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/thads
FONT_DIR = PACKAGE_DIR / "static" / "fonts"
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
MOTTO_VI = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def _css_string(text: str) -> str:
    """A CSS string literal (for ``content:`` inside ``<style>``, where HTML escaping does not apply)."""
    return '"' + "".join(ch if ch.isalnum() or ch in " .,:;·–-()/%" else f"\\{ord(ch):x} " for ch in text) + '"'


def _text(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, int):
        return group_thousands(value)
    return format_rate(value)


def pdf_context(report: Mapping[str, Any], *, unit_name: str, period_label: str, today: date) -> dict[str, Any]:
    """The template's context: strings only."""
    rows = [{"no": str(i), "label": KIND_LABELS_VI[key],
             "cells": [_text(v) for v in kind_values(report["kinds"][key])]}
            for i, key in enumerate(REPORTED_KINDS, start=1)]
    return {
        "title": TITLE_VI, "unit_name": unit_name, "unit_code": str(report["unit"]), "period": period_label,
        "motto": MOTTO_VI, "headings": headings_vi(), "rows": rows,
        "receptions_label": RECEPTIONS_VI, "receptions": group_thousands(int(report["receptions"])),
        "note": NOTE_VI, "produced": f"Lập ngày {today:%d/%m/%Y}",
        "font_regular": (FONT_DIR / "LiberationSerif-Regular.ttf").as_uri(),
        "font_bold": (FONT_DIR / "LiberationSerif-Bold.ttf").as_uri(),
        "font_italic": (FONT_DIR / "LiberationSerif-Italic.ttf").as_uri(),
        "footer_page": _css_string("Trang "),
        "footer_left": _css_string(f"{report['unit']} · {period_label}"),
    }


def render_pdf(report: Mapping[str, Any], *, unit_name: str, period_label: str, today: date) -> bytes:
    """The report (its JSON form) as a PDF file's bytes (A4 landscape)."""
    from django.template import Context, Engine
    from weasyprint import HTML

    engine = Engine(dirs=[str(TEMPLATE_DIR)], autoescape=True)
    html = engine.get_template("complaints/report_pdf.html").render(Context(
        pdf_context(report, unit_name=unit_name, period_label=period_label, today=today)))
    return HTML(string=html, base_url=str(PACKAGE_DIR)).write_pdf()
