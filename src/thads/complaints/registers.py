"""The registers (sổ) of the complaints context, one set of rows for the page, the XLSX and the printable PDF:
the reception register (sổ tiếp công dân) and the registers of complaints, denunciations, recommendations and
reports, and of the procuracy's acts (TT 13/2021/TT-BTP Arts. 29–30: columns as far as the circular is known here;
UNVERIFIED against its annexes' forms).

Scope: every row is of a unit in the user's scope (``scope_queryset``). Personal data: the ID numbers and addresses
of the people received and of a letter's signatories are written only for a user with the personal-data right (and
the caller writes the ``audit_read`` row); **a denunciator's identity is never written in a register** — neither the
signatories of a denunciation's letter nor ``Matter.identity``: "Được giữ bí mật" (Luật Tố cáo 2018 Art. 47; the
resolver sees it on the matter's identity page only, through ``actions.identity_for``).

The PDF is rendered by WeasyPrint (the project's PDF library, as ``stats.exports_pdf``) with Liberation Serif from
``static/fonts``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from thads.complaints import labels
from thads.complaints.models import Letter, Matter, Reception, ReceptionDay
from thads.domain.petitions import CLOSED_STATUSES, MatterKind, MatterStatus
from thads.org.models import Unit
from thads.org.scope import scope_queryset, subtree_ids

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/thads
FONT_DIR = PACKAGE_DIR / "static" / "fonts"
#: The statuses of a matter still open (not in ``CLOSED_STATUSES``).
OPEN_STATUSES: tuple[str, ...] = tuple(s.value for s in MatterStatus if s not in CLOSED_STATUSES)


def denounced_letters(letter_ids) -> set[int]:
    """The letters among ``letter_ids`` that carry a denunciation: their signatories are a denunciator's identity
    (Luật Tố cáo 2018 Art. 47), also on the lines of the letter's other matters (a mixed letter)."""
    ids = [i for i in letter_ids if i is not None]
    return set(Matter.objects.filter(letter_id__in=ids, kind=MatterKind.DENUNCIATION)
               .values_list("letter_id", flat=True)) if ids else set()


def denounced_receptions(reception_ids) -> set[int]:
    """The receptions among ``reception_ids`` that brought a denunciation (a letter recorded from them carries one):
    the persons received are the denunciator (Luật Tố cáo 2018 Art. 47)."""
    ids = [i for i in reception_ids if i is not None]
    return set(Letter.objects.filter(reception_id__in=ids, matters__kind=MatterKind.DENUNCIATION)
               .values_list("reception_id", flat=True)) if ids else set()


def _denounces(m: Matter) -> bool:
    """Whether the matter's letter carries a denunciation (annotated by :func:`matters`, else read)."""
    if m.letter_id is None:
        return False
    known = getattr(m, "letter_denounces", None)
    return bool(known) if known is not None else m.letter_id in denounced_letters([m.letter_id])


def _unit_filter(user, qs: QuerySet, unit_id: int | None, field_name: str = "unit") -> QuerySet:
    if unit_id is None:
        return qs
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        return qs.none()
    return qs.filter(**{f"{field_name}__in": subtree_ids(unit)})


# ------------------------------------------------------------------------------------------------- receptions


def schedule_days(user, date_from: date, date_to: date) -> QuerySet:
    return (scope_queryset(user, ReceptionDay.objects.select_related("unit", "receiver"))
            .filter(on__gte=date_from, on__lte=date_to).order_by("on", "unit__path", "id"))


def receptions(user, filters: dict) -> QuerySet:
    """The receptions of the user's scope under the register's filters (date, unit, receiver)."""
    qs = scope_queryset(user, Reception.objects.select_related("unit", "receiver"))
    if filters.get("date_from"):
        qs = qs.filter(on__gte=filters["date_from"])
    if filters.get("date_to"):
        qs = qs.filter(on__lte=filters["date_to"])
    if filters.get("receiver"):
        qs = qs.filter(receiver_id=filters["receiver"])
    return _unit_filter(user, qs, filters.get("unit")).order_by("-on", "-id")


def person_text(persons: list, see: bool) -> str:
    """The persons received (or signatories) in one cell: names, and with the right their ID numbers and
    addresses; a group's representatives marked."""
    out = []
    for p in persons or []:
        text = p.get("name", "")
        if p.get("representative"):
            text += f" ({_('representative')})"
        if see:
            extra = ", ".join(x for x in (p.get("id_number", ""), p.get("address", "")) if x)
            if extra:
                text += f" — {extra}"
        out.append(text)
    return "; ".join(out)


def reception_persons(r: Reception, see: bool, hidden: set[int]) -> str:
    """The persons of a reception's line: "kept confidential" when it brought a denunciation (``hidden``, from
    :func:`denounced_receptions`)."""
    return str(labels.CONFIDENTIAL) if r.pk in hidden else person_text(r.persons, see)


def reception_line(r: Reception, see: bool, case_numbers: dict, hidden: set[int] = frozenset()) -> list:
    """One line of the reception register: date, unit, received by (head's day), persons, group, content, cases,
    outcome; a reception that brought a denunciation (``hidden``) does not name its persons."""
    receiver = r.receiver.full_name if r.receiver_id else ""
    if r.head_day:
        receiver = f"{receiver} ({_('head’s reception day')})".strip()
    return [r.on, r.unit.name, receiver, reception_persons(r, see, hidden), r.group_size, r.content,
            ", ".join(case_numbers.get(r.pk, [])), labels.label(labels.RECEPTION_OUTCOME, r.outcome)]


def case_numbers_of(receptions_page) -> dict[int, list[str]]:
    through = Reception.cases.through
    ids = [r.pk for r in receptions_page]
    out: dict[int, list[str]] = {}
    for rid, ext in through.objects.filter(reception_id__in=ids).values_list("reception_id", "case__ext_id"):
        out.setdefault(rid, []).append(ext)
    return out


# ------------------------------------------------------------------------------------------------- matters


def matters(user, kinds, filters: dict, today: date) -> QuerySet:
    """The matters of ``kinds`` in the user's scope under the register's filters (received between, unit, status
    or "open", overdue only)."""
    qs = scope_queryset(user, Matter.objects.select_related("unit", "case", "letter")).filter(kind__in=list(kinds))
    qs = qs.annotate(letter_denounces=Exists(Matter.objects.filter(letter_id=OuterRef("letter_id"),
                                                                   kind=MatterKind.DENUNCIATION)))
    if filters.get("date_from"):
        qs = qs.filter(received_on__gte=filters["date_from"])
    if filters.get("date_to"):
        qs = qs.filter(received_on__lte=filters["date_to"])
    status = filters.get("status")
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    if filters.get("overdue"):
        qs = qs.filter(status__in=OPEN_STATUSES, due_on__lt=today)
    return _unit_filter(user, qs, filters.get("unit")).order_by("-received_on", "-id")


def is_overdue(m: Matter, today: date) -> bool:
    return m.status in OPEN_STATUSES and m.due_on is not None and m.due_on < today


def sender_text(m: Matter, see: bool) -> str:
    """Who lodged the matter, as a register writes it: a denunciator is never named here."""
    if m.kind == MatterKind.DENUNCIATION:
        return str(labels.CONFIDENTIAL)
    if m.kind == MatterKind.PROCURACY:
        return _("The procuracy")
    if m.letter_id is None:
        return ""
    if m.letter.anonymous:
        return _("anonymous")
    if _denounces(m):
        return str(labels.CONFIDENTIAL)
    return person_text(m.letter.signatories, see)


@dataclass
class MatterLine:
    matter: Matter
    sender: str
    overdue: bool
    cells: list = field(default_factory=list)


def matter_line(m: Matter, see: bool, today: date) -> MatterLine:
    """One line of a matters register: no., received on, from, content, kind (procuracy act), case,
    classification, accepted on, due on, status, finding, decision no., closed on."""
    sender = sender_text(m, see)
    kind = labels.kind_label(m.kind)
    if m.procuracy_act:
        kind = labels.label(labels.PROCURACY_ACT, m.procuracy_act)
    classification = []
    if m.level == 2:
        classification.append(_("second level"))
    if m.within_competence is False:
        classification.append(_("not within competence"))
    if m.admissible is False:
        classification.append(_("not admissible"))
    if m.signatories and m.signatories > 1:
        classification.append(_("%(n)s signatories") % {"n": m.signatories})
    cells = [m.pk, m.received_on, m.number, sender, m.summary, kind, m.case.ext_id if m.case_id else "",
             ", ".join(classification), m.accepted_on, m.due_on, labels.label(labels.STATUS, m.status),
             labels.label(labels.OUTCOME, m.outcome), m.decision_no, m.closed_on]
    return MatterLine(m, sender, is_overdue(m, today), cells)


MATTER_HEADERS = (_l("Matter no."), _l("Received on"), _l("Number"), _l("Lodged by"), _l("Content"), _l("Kind"), _l("Case"),
                  _l("Classification"), _l("Accepted on"), _l("Due on"), _l("Status"), _l("Finding"),
                  _l("Decision no."), _l("Closed on"))
RECEPTION_HEADERS = (_l("Date"), _l("Unit"), _l("Received by"), _l("Persons received"), _l("People"), _l("Content"),
                     _l("Cases concerned"), _l("Outcome of the reception"))


def personal_shown(persons_lists) -> bool:
    """Whether any of the persons shown carries an ID number or an address (the caller then writes an
    ``audit_read`` row)."""
    return any(p.get("id_number") or p.get("address") for persons in persons_lists for p in persons or [])


def matter_persons(m: Matter) -> list:
    """The persons a matter's register line may show (never a denunciation's)."""
    if m.kind == MatterKind.DENUNCIATION or m.letter_id is None or m.letter.anonymous or _denounces(m):
        return []
    return m.letter.signatories or []


# ------------------------------------------------------------------------------------------------- PDF


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def render_pdf(*, title: str, unit_name: str, period: str, headers, rows, widths=None) -> bytes:
    """A register as an A4-landscape PDF: the agency's heading, the title, the period, the table with repeated
    headers, numbered pages."""
    from django.template import Context, Engine
    from weasyprint import HTML

    engine = Engine(dirs=[str(Path(__file__).resolve().parent / "templates")], autoescape=True)
    html = engine.get_template("complaints/register_pdf.html").render(Context({
        "title": title, "unit_name": unit_name, "period": period,
        "headers": [str(h) for h in headers], "widths": widths or [],
        "rows": [[_cell(v) for v in row] for row in rows],
        "font_regular": (FONT_DIR / "LiberationSerif-Regular.ttf").as_uri(),
        "font_bold": (FONT_DIR / "LiberationSerif-Bold.ttf").as_uri(),
        "page_word": _("Page"),
    }))
    return HTML(string=html, base_url=str(PACKAGE_DIR)).write_pdf()
