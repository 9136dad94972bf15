"""The evidence sheet of a nominee (phiếu số liệu minh chứng thành tích; issue 17, THADS.md §7): the system's own
figures for statistical ``year`` for a commendation file — an officer, another staff member or a unit.

:func:`evidence_sheet` returns plain JSON-able data (English keys, rates as 2-decimal strings, money as int VND,
dates ISO), frozen into ``Nomination.evidence`` when a nomination is proposed; :func:`evidence_xlsx` and
:func:`evidence_docx` write it as a titled sheet / a table in Vietnamese (labels are msgids rendered under
``translation.override("vi")``). What it holds:

- the nominee (name, unit, title), the period (01/10 of Y−1 to the end of the last month with figures: the current
  month in the current year, September in a past one);
- the effective target (``thads.emulation.queries``), the actual rates in cases and money (the official report on
  the statistics cells), the attainment = actual − target in percentage points, the projection to 30/9 in the
  current year (``thads.emulation.progress``);
- cases completed (XONG + DC), money recovered (XONG + DC + GIAM, VND), the cases "có điều kiện" and the workload;
  open deadlines overdue now; complaints upheld against them in the year (the rankings' rules:
  :func:`thads.emulation.rankings.upheld_against`);
- the commendations already held and the good practices authored or linked.

An officer's figures are those of the cases he held in the whole installation (``by="officer"`` over the top unit
of the tree), so a move between branches during the year loses nothing; the projection is that of his current unit
(``progress``). A staff member who is not an officer has no case figures (``notes``: ``not_an_officer``).
"""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from thads.domain.contrib import month_of, statistical_year_of
from thads.domain.emulation import title_label as award_label
from thads.domain.report import rate, statistical_year_period
from thads.emulation.models import Commendation, GoodPractice
from thads.emulation.queries import effective_officer_target, effective_unit_targets
from thads.emulation.rankings import figures_of, overdue_now, upheld_against
from thads.org.models import Officer, Unit
from thads.org.titles import title_label
from thads.stats.service import official_report

MEASURES = ("cases", "money")
NOTES = {
    "not_an_officer": _("Not an enforcement officer: no case figures apply."),
    "no_target": _("No target was assigned for this year."),
    "year_in_progress": _("The year is in progress: figures to the date of the sheet; the projection is to 30/9."),
}
LAW_WARNINGS = {
    "prerequisite": _("The records here do not show the title this one requires (check the file)."),
    "share": _("Grassroots emulation fighters would exceed the configured share of advanced workers."),
}


def evidence_sheet(*, year: int, officer: Officer | None = None, user=None, unit: Unit | None = None,
                   today: date | None = None) -> dict:
    """The evidence sheet of exactly one of ``officer``, ``user`` (his officer's when he is one) or ``unit`` for
    statistical ``year`` (see the module docstring). ``ValueError`` for a year that has not started or not exactly
    one nominee."""
    if sum(x is not None for x in (officer, user, unit)) != 1:
        raise ValueError("the evidence sheet needs exactly one nominee: an officer, a user or a unit")
    today = today or timezone.localdate()
    now_year = statistical_year_of(today)
    if year > now_year:
        raise ValueError(f"statistical year {year} has not started: no figures yet")
    months = month_of(today) if year == now_year else 12
    date_from, date_to = statistical_year_period(year, months)
    if user is not None and getattr(user, "officer", None) is not None:
        officer, user = user.officer, None
    sheet: dict = {"kind": "unit" if unit else "officer" if officer else "user", "year": year,
                   "period": {"from": date_from.isoformat(), "to": date_to.isoformat(), "months": months,
                              "current": year == now_year},
                   "generated_on": today.isoformat(), "target": None, "actual": None, "attainment": None,
                   "projection": None, "counts": None, "overdue_now": None, "complaints_upheld": None, "notes": []}
    if unit is not None:
        sheet["nominee"] = {"name": unit.name, "code": unit.code, "unit": {"code": unit.code, "name": unit.name},
                            "title": ""}
        _figures(sheet, official_report(unit, year, months), _target_of(effective_unit_targets(unit, [year])
                                                                        .get(year)))
        sheet["overdue_now"] = overdue_now(today, unit=unit)
        sheet["complaints_upheld"] = upheld_against((date_from, date_to), unit=unit)
        sheet["projection"] = _projection(unit, year, months, unit.code, "unit", today)
    elif officer is not None:
        who = officer.user
        sheet["nominee"] = {"name": officer.name, "code": officer.code,
                            "unit": {"code": officer.unit.code, "name": officer.unit.name},
                            "title": who.title if who is not None and who.title else "officer"}
        group = official_report(_top(officer.unit), year, months, by="officer")["groups"].get(officer.code)
        _figures(sheet, group, _target_of(effective_officer_target(officer, year)))
        sheet["overdue_now"] = overdue_now(today, officer=officer)
        sheet["complaints_upheld"] = upheld_against((date_from, date_to), officer=officer)
        sheet["projection"] = _projection(officer.unit, year, months, officer.code, "officer", today)
    else:
        sheet["nominee"] = {"name": user.full_name or user.get_username(), "code": user.get_username(),
                            "unit": ({"code": user.unit.code, "name": user.unit.name} if user.unit_id else None),
                            "title": user.title}
        sheet["notes"].append("not_an_officer")
    if sheet["kind"] != "user" and sheet["target"] is None:
        sheet["notes"].append("no_target")
    if year == now_year and sheet["kind"] != "user":
        sheet["notes"].append("year_in_progress")
    sheet["commendations"] = _commendations(officer=officer, user=user, unit=unit)
    sheet["good_practices"] = _practices(officer=officer, user=user, unit=unit)
    return sheet


def _top(unit: Unit) -> Unit:
    """The root of ``unit``'s tree (the province, in a provincial installation)."""
    root = unit.path.strip("/").split("/")[0]
    return Unit.objects.get(pk=int(root)) if root and int(root) != unit.pk else unit


def _target_of(target) -> dict | None:
    if target is None:
        return None
    return {"cases": target.cases_rate_text, "money": target.money_rate_text, "issuer": target.issuer,
            "decision_no": target.decision_no,
            "decided_on": target.decided_on.isoformat() if target.decided_on else None,
            "cases_completed": target.cases_completed, "money_recovered": target.money_recovered}


def _figures(sheet: dict, report: dict | None, target: dict | None) -> None:
    """Actual rates, counts and attainment from one report block (None: no case in the period)."""
    f = figures_of(report) if report is not None else figures_of(_ZERO_BLOCK)
    sheet["target"] = target
    sheet["actual"] = {"cases": rate(f["done"], f["cdk"]), "money": rate(f["done_money"], f["cdk_money"])}
    sheet["counts"] = {"cases_cdk": f["cdk"], "completed": f["done"], "money_cdk": f["cdk_money"],
                       "recovered": f["done_money"], "workload": f["pth"]}
    sheet["attainment"] = {m: _minus(sheet["actual"][m], (target or {}).get(m)) for m in MEASURES}


_ZERO_BLOCK = {"cases": {"CDK": 0, "XONG": 0, "DC": 0, "PTH": 0}, "money": {"CDK": 0, "XONG": 0, "DC": 0, "GIAM": 0}}


def _minus(actual: str | None, target: str | None) -> str | None:
    """``actual − target`` in percentage points, 2 decimals (exact: both are 2-decimal strings)."""
    if actual is None or target is None:
        return None
    return f"{Decimal(actual) - Decimal(target):.2f}"


def _projection(unit: Unit, year: int, months: int, key: str, by: str, today: date) -> dict | None:
    """The projection to 30/9 of the current year (``thads.emulation.progress``); None in a past year."""
    if months == 12 or year != statistical_year_of(today):
        return None
    try:
        from thads.emulation.progress import progress
    except ImportError:  # the progress module is optional for the sheet
        return None
    line = progress(unit, year, by=by, months=months, today=today).get(key)
    return None if line is None else {m: line["projection"].get(m) for m in MEASURES}


def _commendations(*, officer, user, unit) -> list[dict]:
    if unit is not None:
        rows = Commendation.objects.filter(recipient_unit=unit)
    else:
        who = Q(recipient_user=user) if user is not None else Q(recipient_officer=officer)
        if officer is not None and officer.user_id:
            who |= Q(recipient_user_id=officer.user_id)
        rows = Commendation.objects.filter(who)
    return [{"title": c.title, "title_label": award_label(c.title), "year": c.year, "decision_no": c.decision_no,
             "decided_on": c.decided_on.isoformat(), "issuer": c.issuer}
            for c in rows.order_by("decided_on", "id")]


def _practices(*, officer, user, unit) -> list[dict]:
    if unit is not None:
        rows = GoodPractice.objects.filter(unit=unit)
    else:
        author = user if user is not None else officer.user
        who = Q(author=author) if author is not None else Q(pk__in=[])
        if officer is not None:
            who |= Q(officers=officer)
        rows = GoodPractice.objects.filter(who).distinct()
    return [{"id": p.pk, "title": p.title, "kind": p.kind, "year": p.year, "affects_order": p.affects_order}
            for p in rows.order_by("-year", "title", "id")[:100]]


# ------------------------------------------------------------------------------------------------- the files

TITLE = _("EVIDENCE SHEET OF ACHIEVEMENTS")
SOURCE = _("Figures taken from the THADS system on %(date)s.")
SHEET_NAME = _("Evidence")


def _d(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


def _rate(value: str | None) -> str:
    from thads.lib.numbers import format_rate

    return format_rate(value)


def _points(value: str | None) -> str:
    if value is None:
        return "—"
    sign = "+" if Decimal(value) > 0 else ""
    return f"{sign}{value.replace('.', ',')} " + str(_("percentage points"))


def _nominee_label(sheet: dict) -> str:
    kind, title = sheet["kind"], sheet["nominee"].get("title") or ""
    if kind == "unit":
        return str(_("Collective"))
    return title_label(title) if title else ""


def lines(sheet: dict) -> list[tuple[str, str, object]]:
    """The sheet as (label, kind, value) lines in order — kind ``section`` (a heading), ``text``, ``int``, ``vnd``,
    ``date``: the one layout both files write. Call inside ``translation.override``."""
    n, period = sheet["nominee"], sheet["period"]
    out: list[tuple[str, str, object]] = [
        (str(_("Nominee")), "section", None),
        (str(_("Name")), "text", n["name"]),
        (str(_("Unit")), "text", n["unit"]["name"] if n.get("unit") else ""),
        (str(_("Title")), "text", _nominee_label(sheet)),
        (str(_("Statistical year")), "text", str(sheet["year"])),
        (str(_("From")), "date", _d(period["from"])),
        (str(_("To")), "date", _d(period["to"])),
    ]
    out += _law_lines(sheet.get("law_checks"))
    if sheet["counts"] is not None:
        out += _figure_lines(sheet)
    out.append((str(_("Commendations already held")), "section", None))
    for c in sheet["commendations"]:
        out.append((f"{c['title_label']} ({c['year']})", "text",
                    f"{c['decision_no']}, {_d(c['decided_on']):%d/%m/%Y}, {c['issuer']}"))
    if not sheet["commendations"]:
        out.append((str(_("None")), "text", ""))
    out.append((str(_("Good practices")), "section", None))
    for p in sheet["good_practices"]:
        out.append((p["title"], "text", str(p["year"] or "")))
    if not sheet["good_practices"]:
        out.append((str(_("None")), "text", ""))
    for code in sheet["notes"]:
        out.append((str(_("Note")), "text", str(NOTES.get(code, code))))
    return out


def _law_lines(checks: dict | None) -> list[tuple[str, str, object]]:
    """The law checks frozen with a nomination (``emulation.law``; Luật TĐKT 2022): the proposed title, who decides
    it (Art. 80.1), the criteria for the council to check and the warnings. Nothing on a sheet without them."""
    if not checks:
        return []
    decided = _("by the head of this unit") if checks["decided_here"] else _("by the superior (decision recorded)")
    out: list[tuple[str, str, object]] = [
        (str(_("Proposed title")), "section", None),
        (str(_("Title or award")), "text", award_label(checks["title"])),
        (str(_("Decided")), "text", str(decided))]
    out += [(str(_("Criterion to check")), "text", line) for line in checks["criteria"]]
    out += [(str(_("Warning")), "text", str(LAW_WARNINGS.get(code, code))) for code in checks["warnings"]]
    return out


def _figure_lines(sheet: dict) -> list[tuple[str, str, object]]:
    target, actual, counts = sheet["target"] or {}, sheet["actual"], sheet["counts"]
    projection, attainment = sheet["projection"] or {}, sheet["attainment"]
    out: list[tuple[str, str, object]] = [(str(_("Targets and results")), "section", None)]
    for m, label in (("cases", _("in cases")), ("money", _("in money"))):
        out += [
            (str(_("Target completion rate %(measure)s") % {"measure": label}), "text", _rate(target.get(m))),
            (str(_("Actual completion rate %(measure)s") % {"measure": label}), "text", _rate(actual[m])),
            (str(_("Attainment %(measure)s") % {"measure": label}), "text", _points(attainment[m])),
        ]
        if sheet["projection"] is not None:
            out.append((str(_("Projection to 30/9 %(measure)s") % {"measure": label}), "text",
                        _rate(projection.get(m))))
    out += [
        (str(_("Cases with conditions for enforcement")), "int", counts["cases_cdk"]),
        (str(_("Cases completed")), "int", counts["completed"]),
        (str(_("Money with conditions for enforcement (VND)")), "vnd", counts["money_cdk"]),
        (str(_("Money recovered (VND)")), "vnd", counts["recovered"]),
        (str(_("Cases to be enforced (workload)")), "int", counts["workload"]),
        (str(_("Deadlines overdue now")), "int", sheet["overdue_now"]),
        (str(_("Complaints and denunciations upheld against them in the year")), "int", sheet["complaints_upheld"]),
    ]
    if target.get("cases_completed") is not None:
        out.append((str(_("Target: cases completed")), "int", target["cases_completed"]))
    if target.get("money_recovered") is not None:
        out.append((str(_("Target: money recovered (VND)")), "vnd", target["money_recovered"]))
    return out


def evidence_xlsx(sheet: dict) -> bytes:
    """The sheet as an .xlsx (Vietnamese labels; amounts numbers shown ``#,##0``, dates ``dd/mm/yyyy``)."""
    import xlsxwriter

    buf = io.BytesIO()
    with translation.override("vi"):
        wb = xlsxwriter.Workbook(buf, {"in_memory": True})
        ws = wb.add_worksheet(str(SHEET_NAME)[:31])
        title = wb.add_format({"bold": True, "font_size": 14, "align": "center"})
        section = wb.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1})
        money = wb.add_format({"num_format": "#,##0"})
        day = wb.add_format({"num_format": "dd/mm/yyyy", "align": "left"})
        ws.set_column(0, 0, 58)
        ws.set_column(1, 1, 40)
        ws.merge_range(0, 0, 0, 1, str(TITLE), title)
        row = 2
        for label, kind, value in lines(sheet):
            if kind == "section":
                ws.merge_range(row, 0, row, 1, label, section)
            else:
                ws.write_string(row, 0, label)
                _xlsx_value(ws, row, kind, value, money, day)
            row += 1
        ws.write_string(row + 1, 0, str(SOURCE) % {"date": _d(sheet["generated_on"]).strftime("%d/%m/%Y")})
        wb.close()
    return buf.getvalue()


def _xlsx_value(ws, row: int, kind: str, value, money, day) -> None:
    if value is None:
        ws.write_string(row, 1, "—")
    elif kind == "vnd":
        ws.write_number(row, 1, value, money)
    elif kind == "int":
        ws.write_number(row, 1, value)
    elif kind == "date":
        ws.write_datetime(row, 1, value, day)
    else:
        ws.write_string(row, 1, str(value))


#: What XML 1.0 (a .docx) cannot hold: control characters but tab, newline and carriage return, lone surrogates,
#: U+FFFE/U+FFFF. A title or issuer typed with one must not make the download fail.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _docx_value(kind: str, value) -> str:
    from thads.lib.numbers import format_vnd, group_thousands

    if value is None:
        return "—"
    if kind == "vnd":
        return format_vnd(value)
    if kind == "int":
        return group_thousands(value)
    if kind == "date":
        return f"{value:%d/%m/%Y}"
    return str(value)


def evidence_docx(sheet: dict) -> bytes:
    """The sheet as a .docx for the commendation file: the title, a two-column table, the source line."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    with translation.override("vi"):
        heading = doc.add_paragraph()
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = heading.add_run(str(TITLE))
        run.bold, run.font.size = True, Pt(14)
        table = doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, kind, value in lines(sheet):
            cells = table.add_row().cells
            if kind == "section":
                merged = cells[0].merge(cells[1])
                merged.text = ""
                merged.paragraphs[0].add_run(_xml_text(label)).bold = True
            else:
                cells[0].text = _xml_text(label)
                cells[1].text = _xml_text(_docx_value(kind, value))
        doc.add_paragraph(str(SOURCE) % {"date": _d(sheet["generated_on"]).strftime("%d/%m/%Y")})
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
