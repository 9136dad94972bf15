"""The six registers of an office, generated from the history: one set of lines for the page, the XLSX and the
printed book (``register_pdf``). Nothing is typed twice: every line is a row already written by an act or the
importer — a case's receipt (``Case`` received/decided, its intake), a decision in the history (``CaseEvent``; an
imported case's decision to enforce is its ``decided_on``, as ``cases.histories.act_records`` reads it), a ledger
row (``cases.ledger``), a generated document (``documents``).

A register is per office (``thads.domain.registers``): the lines of the unit itself, not of the units below it —
receipts of the cases it received (``origin_unit``), decisions and money rows it made (the acting ``unit`` of the
history and ledger rows), documents of its acts (the act's unit, else the case's holder).

Columns: TT 04/2023/TT-BTP Art. 30, **column lists UNVERIFIED** (THADS.md §2.3). Personal data: the parties'
names always, their addresses only with ``see`` (``Capability.PERSONAL_DATA``; the caller writes the
``audit_read`` row), **never an ID number** (``Party.id_number`` is not read).

Queries: a page of lines costs the rows' query, one count for the running numbers, one for the parties and one for
the obligations; a whole period is read in chunks of ``CHUNK`` lines (``iter_lines``: constant memory).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice

from django.conf import settings
from django.db.models import Exists, F, IntegerField, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from thads.cases import choices
from thads.cases.labels import event_label, ground_label, state_label
from thads.cases.ledger.models import LEDGER_KIND_LABELS, OUTFLOW_KINDS, LedgerEntry
from thads.cases.models import Case, CaseEvent, Obligation, Party
from thads.documents.models import KIND_LABELS, Document
from thads.domain.money import LedgerKind
from thads.domain.registers import (
    BOOK_YEAR_START_MONTH,
    TITLES_VI,
    RegisterKind,
    book_year,
    book_year_start,
    running_numbers,
)
from thads.org.models import Unit
from thads.org.spreadsheet import DATE, MONEY, NUMBER, TEXT, Column

CHUNK = 2000
#: The history rows that are decisions on enforcement (the acts entered and the contract's events imported).
DECISION_KINDS = ("decide", "postpone", "postponed", "resume", "resumed", "continue", "suspend", "suspended",
                  "terminate", "terminated", "classify_unable", "classified_unable", "entrust_out", "entrusted_out",
                  "revoke", "revoked")
UNABLE_KINDS = ("classify_unable", "classified_unable")
_JUDGMENT_KINDS = dict(choices.JUDGMENT_KIND)
_OBLIGATION_KINDS = dict(choices.OBLIGATION_KIND)


@dataclass
class Context:
    """What the lines of one chunk share: the parties' names (and addresses when ``see``) and the obligations."""

    see: bool
    parties: dict[int, dict[str, list[str]]]
    obligations: dict[int, str]

    def names(self, case_id: int, role: str) -> str:
        return "; ".join(self.parties.get(case_id, {}).get(role, []))


@dataclass(frozen=True)
class Spec:
    kind: RegisterKind
    columns: tuple[Column, ...]  # after the running number
    parts: Callable[[Unit], list[QuerySet]]  # annotated r_on, r_case, r_k; the same values in every part
    values: tuple[str, ...]
    cells: Callable[[dict, Context], list]
    obligations: bool = False

    @property
    def title(self) -> str:
        return TITLES_VI[self.kind]


NUMBER_COLUMN = Column(_l("No."), 7, NUMBER)
KEY = ("r_on", "r_case", "r_k")


def _d(value: date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def judgment_text(court: str, number: str, on: date | None) -> str:
    """"Bản án số 12/2024/DS-ST ngày 01/02/2024 của TAND …" in the register's few words."""
    parts = [x for x in (number and _("no. %(n)s") % {"n": number}, on and _("of %(d)s") % {"d": _d(on)}, court) if x]
    return ", ".join(parts)


def short_ground(code: str, limit: int = 90) -> str:
    """The ground's code and the start of its statutory words (a register's column is narrow)."""
    if not code:
        return ""
    text = ground_label(code)
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _decision(no: str, on: date | None) -> str:
    return " ".join(x for x in (no, on and _("of %(d)s") % {"d": _d(on)}) if x)


# ------------------------------------------------------------------------------------------------- the kinds


def _receipts(unit: Unit, intakes: tuple[str, ...], *dates: str) -> list[QuerySet]:
    qs = Case.objects.filter(origin_unit=unit, intake__in=intakes).annotate(
        r_on=Coalesce(*dates), r_case=F("id"), r_k=Value(0, output_field=IntegerField()))
    return [qs.filter(r_on__isnull=False)]


_CASE_VALUES = ("ext_id", "judgment_court", "judgment_number", "judgment_date", "judgment_kind", "decision_no",
                "decided_on", "amount", "received_on", "requester", "intake", "ground", "entrusted_from__ext_id")


def _judgment_cells(r: dict, c: Context) -> list:
    note = _("entrusted by case %(c)s") % {"c": r["entrusted_from__ext_id"]} if r["entrusted_from__ext_id"] else ""
    return [r["r_on"], judgment_text(r["judgment_court"], r["judgment_number"], r["judgment_date"]),
            str(_JUDGMENT_KINDS.get(r["judgment_kind"], r["judgment_kind"])), c.names(r["r_case"], "debtor"),
            c.names(r["r_case"], "creditor"), c.obligations.get(r["r_case"], ""), r["amount"], r["ext_id"],
            _decision(r["decision_no"], r["decided_on"]), note]


def _request_cells(r: dict, c: Context) -> list:
    if r["intake"] == "REFUSED":
        outcome = _("refused") + (f" ({r['ground']})" if r["ground"] else "")
    else:
        outcome = _decision(r["decision_no"], r["decided_on"])
    requester = r["requester"] or c.names(r["r_case"], "creditor")
    return [r["r_on"], requester, judgment_text(r["judgment_court"], r["judgment_number"], r["judgment_date"]),
            c.names(r["r_case"], "debtor"), c.names(r["r_case"], "creditor"), c.obligations.get(r["r_case"], ""),
            r["amount"], outcome, r["ext_id"]]


def _decision_parts(unit: Unit) -> list[QuerySet]:
    events = CaseEvent.objects.filter(unit=unit, kind__in=DECISION_KINDS).annotate(
        r_on=F("on"), r_case=F("case_id"), r_k=F("seq"), r_kind=F("kind"), r_no=F("decision_no"),
        r_ground=F("ground"), r_ext=F("case__ext_id"))
    decide = CaseEvent.objects.filter(case_id=OuterRef("pk"), kind="decide")
    imported = Case.objects.filter(origin_unit=unit, decided_on__isnull=False).exclude(Exists(decide)).annotate(
        r_on=F("decided_on"), r_case=F("id"), r_k=Value(0, output_field=IntegerField()), r_kind=Value("decide"),
        r_no=F("decision_no"), r_ground=Value(""), r_ext=F("ext_id"))
    return [events, imported]


def _decision_cells(r: dict, c: Context) -> list:
    return [r["r_on"], r["r_no"], event_label(r["r_kind"]), short_ground(r["r_ground"]),
            r["r_ext"], c.names(r["r_case"], "debtor"), c.names(r["r_case"], "creditor")]


def _money_cells(r: dict, c: Context) -> list:
    inflow = r["kind"] == LedgerKind.THU
    person = c.names(r["r_case"], "debtor") if inflow else (r["payee__name"] or "")
    return [r["r_on"], r["receipt_no"], str(LEDGER_KIND_LABELS.get(r["kind"], r["kind"])), r["case__ext_id"], person,
            r["amount"] if inflow else None, r["amount"] if r["kind"] in OUTFLOW_KINDS else None, r["note"]]


def _unable_cells(r: dict, c: Context) -> list:
    return [r["r_on"], r["decision_no"], short_ground(r["ground"]), r["case__ext_id"],
            c.names(r["r_case"], "debtor"), c.names(r["r_case"], "creditor"), r["case__outstanding"],
            state_label(r["case__state"], r["case__phase"])]


def _document_cells(r: dict, c: Context) -> list:
    verified = _("verified") if r["verified"] else _("to be checked")
    return [r["r_on"], r["number"], str(KIND_LABELS.get(r["kind"], r["kind"])), r["case__ext_id"],
            c.names(r["r_case"], "debtor"), r["created_by__full_name"] or "", verified]


def _cols(*spec) -> tuple[Column, ...]:
    return tuple(Column(t, w, k) for t, w, k in spec)


_DEBTOR = (_l("Debtor"), 30, TEXT)
_CREDITOR = (_l("Creditor"), 26, TEXT)
_JUDGMENT = (_l("Judgment or decision"), 34, TEXT)

SPECS: dict[RegisterKind, Spec] = {
    RegisterKind.JUDGMENTS: Spec(
        RegisterKind.JUDGMENTS,
        _cols((_l("Received on"), 13, DATE), _JUDGMENT, (_l("Kind of case"), 14, TEXT), _DEBTOR, _CREDITOR,
              (_l("Obligations"), 26, TEXT), (_l("Amount (VND)"), 14, MONEY), (_l("Case"), 22, TEXT),
              (_l("Decision to enforce"), 20, TEXT), (_l("Note"), 18, TEXT)),
        lambda unit: _receipts(unit, ("JUDGMENT",), "received_on", "decided_on"),
        ("r_on", "r_case", "r_k", *_CASE_VALUES), _judgment_cells, obligations=True),
    RegisterKind.REQUESTS: Spec(
        RegisterKind.REQUESTS,
        _cols((_l("Received on"), 13, DATE), (_l("Requester"), 24, TEXT), _JUDGMENT, _DEBTOR, _CREDITOR,
              (_l("Obligations requested"), 26, TEXT), (_l("Amount (VND)"), 14, MONEY),
              (_l("Outcome of the request"), 22, TEXT), (_l("Case"), 22, TEXT)),
        lambda unit: _receipts(unit, ("REQUEST", "REFUSED"), "request_on", "received_on", "decided_on"),
        ("r_on", "r_case", "r_k", *_CASE_VALUES), _request_cells, obligations=True),
    RegisterKind.DECISIONS: Spec(
        RegisterKind.DECISIONS,
        _cols((_l("Date"), 13, DATE), (_l("Decision no."), 18, TEXT), (_l("Decision"), 30, TEXT),
              (_l("Ground"), 34, TEXT), (_l("Case"), 22, TEXT), _DEBTOR, _CREDITOR),
        _decision_parts, ("r_on", "r_case", "r_k", "r_kind", "r_no", "r_ground", "r_ext"), _decision_cells),
    RegisterKind.MONEY: Spec(
        RegisterKind.MONEY,
        _cols((_l("Date"), 13, DATE), (_l("Receipt or voucher no."), 16, TEXT), (_l("Movement"), 22, TEXT),
              (_l("Case"), 22, TEXT), (_l("Paid by or to"), 30, TEXT), (_l("Received (VND)"), 15, MONEY),
              (_l("Paid out (VND)"), 15, MONEY), (_l("Note"), 20, TEXT)),
        lambda unit: [LedgerEntry.objects.filter(unit=unit).annotate(r_on=F("on"), r_case=F("case_id"),
                                                                     r_k=F("id"))],
        ("r_on", "r_case", "r_k", "kind", "amount", "receipt_no", "payee__name", "case__ext_id", "note"),
        _money_cells),
    RegisterKind.UNABLE: Spec(
        RegisterKind.UNABLE,
        _cols((_l("Date"), 13, DATE), (_l("Decision no."), 18, TEXT), (_l("Ground"), 40, TEXT),
              (_l("Case"), 22, TEXT), _DEBTOR, _CREDITOR, (_l("Outstanding now (VND)"), 15, MONEY),
              (_l("State now"), 18, TEXT)),
        lambda unit: [CaseEvent.objects.filter(unit=unit, kind__in=UNABLE_KINDS).annotate(
            r_on=F("on"), r_case=F("case_id"), r_k=F("seq"))],
        ("r_on", "r_case", "r_k", "decision_no", "ground", "case__ext_id", "case__outstanding", "case__state",
         "case__phase"), _unable_cells),
    RegisterKind.DOCUMENTS: Spec(
        RegisterKind.DOCUMENTS,
        _cols((_l("Date"), 13, DATE), (_l("Number"), 18, TEXT), (_l("Document"), 40, TEXT), (_l("Case"), 22, TEXT),
              _DEBTOR, (_l("Made by"), 22, TEXT), (_l("Legal bases"), 14, TEXT)),
        lambda unit: [Document.objects.filter(Q(event__unit=unit) | Q(event__isnull=True, case__unit=unit))
                      .annotate(r_on=F("on"), r_case=F("case_id"), r_k=F("id"))],
        ("r_on", "r_case", "r_k", "number", "kind", "case__ext_id", "created_by__full_name", "verified"),
        _document_cells),
}


# ------------------------------------------------------------------------------------------------- reading


def _between(qs: QuerySet, date_from: date, date_to: date) -> QuerySet:
    return qs.filter(r_on__gte=date_from, r_on__lte=date_to)


def _combine(spec: Spec, parts: list[QuerySet]) -> QuerySet:
    parts = [p.order_by().values(*spec.values) for p in parts]
    return parts[0] if len(parts) == 1 else parts[0].union(*parts[1:], all=True)


def start_month() -> int:
    """The month a book year opens: ``THADS_REGISTER_BOOK_YEAR_START_MONTH`` (1–12), else the calendar year
    (``domain.registers.BOOK_YEAR_START_MONTH``; UNVERIFIED, TT 04/2023/TT-BTP Art. 30 not read: 10 would number
    by the statistical year 01/10–30/09)."""
    month = getattr(settings, "THADS_REGISTER_BOOK_YEAR_START_MONTH", None) or BOOK_YEAR_START_MONTH
    if not 1 <= int(month) <= 12:
        raise ValueError(f"THADS_REGISTER_BOOK_YEAR_START_MONTH must be 1–12, not {month!r}")
    return int(month)


def rows(spec: Spec, unit: Unit, date_from: date, date_to: date) -> QuerySet:
    """The register's rows of the period (both days included), in register order: date, case, act."""
    return _combine(spec, [_between(p, date_from, date_to) for p in spec.parts(unit)]).order_by(*KEY)


def count_before(spec: Spec, unit: Unit, first: dict) -> int:
    """How many lines of the same book year precede ``first`` (a row of :func:`rows`)."""
    on, case, k = (first[x] for x in KEY)
    month = start_month()
    start = book_year_start(book_year(on, month), month)
    earlier = Q(r_on__lt=on) | Q(r_on=on, r_case__lt=case) | Q(r_on=on, r_case=case, r_k__lt=k)
    return _combine(spec, [p.filter(earlier, r_on__gte=start) for p in spec.parts(unit)]).count()


def context(spec: Spec, batch: list[dict], see: bool) -> Context:
    """The parties (names; addresses with ``see``; never ID numbers) and obligations of a chunk's cases."""
    ids = {r["r_case"] for r in batch}
    parties: dict[int, dict[str, list[str]]] = {}
    fields = ("case_id", "role", "name", "address") if see else ("case_id", "role", "name")
    for row in Party.objects.filter(case_id__in=ids).order_by("case_id", "role", "position").values_list(*fields):
        text = row[2] + (f" ({row[3]})" if see and row[3] else "")
        parties.setdefault(row[0], {}).setdefault(row[1], []).append(text)
    obligations: dict[int, str] = {}
    if spec.obligations:
        for case_id, kind in (Obligation.objects.filter(case_id__in=ids).order_by("case_id", "position")
                              .values_list("case_id", "kind")):
            label = str(_OBLIGATION_KINDS.get(kind, kind))
            obligations[case_id] = f"{obligations[case_id]}; {label}" if case_id in obligations else label
    return Context(see, parties, obligations)


def lines(spec: Spec, unit: Unit, batch: list[dict], see: bool, before: int | None = None) -> list[list]:
    """The lines of consecutive rows: the running number first (``before``: counted when not given)."""
    if not batch:
        return []
    if before is None:
        before = count_before(spec, unit, batch[0])
    c = context(spec, batch, see)
    month = start_month()
    numbers = running_numbers((r["r_on"] for r in batch), {book_year(batch[0]["r_on"], month): before}, month)
    return [[n, *spec.cells(r, c)] for n, r in zip(numbers, batch, strict=True)]


def iter_lines(spec: Spec, unit: Unit, date_from: date, date_to: date, see: bool) -> Iterator[list]:
    """Every line of the period, read ``CHUNK`` rows at a time (constant memory)."""
    it: Iterable[dict] = rows(spec, unit, date_from, date_to).iterator(chunk_size=CHUNK)
    first = True
    numbers: dict[int, int] = {}
    month = start_month()
    while batch := list(islice(it, CHUNK)):
        if first:
            numbers[book_year(batch[0]["r_on"], month)] = count_before(spec, unit, batch[0])
            first = False
        c = context(spec, batch, see)
        for r in batch:
            year = book_year(r["r_on"], month)
            numbers[year] = numbers.get(year, 0) + 1
            yield [numbers[year], *spec.cells(r, c)]


def headers(spec: Spec) -> list[str]:
    return [str(col.title) for col in (NUMBER_COLUMN, *spec.columns)]


def columns(spec: Spec) -> tuple[Column, ...]:
    return (NUMBER_COLUMN, *spec.columns)
