"""``thads register --unit U --kind KIND --from YYYY-MM-DD --to YYYY-MM-DD --format pdf|xlsx -o FILE
[--with-addresses]``: a register of an office for a period, both days included, as the printed book (PDF) or XLSX —
the same lines as the page ``/registers/`` (``thads.registers.registers``). KIND: judgments, requests, decisions,
money, unable, documents. The unit is the office itself (not the units below it).

Names only by default; ``--with-addresses`` adds the parties' addresses (never an ID number) and writes an
``audit_read`` row (source ``cli:register``). Errors (an unknown unit or kind, a bad or reversed date, a period too
long for a book) are ``CommandError`` messages; nothing is written then.
"""

from __future__ import annotations

import getpass

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from thads.domain.registers import RegisterKind
from thads.org.audit import audit_context, audit_read
from thads.org.period_form import period_label_vi
from thads.org.report_command import period, unit_of, write_output
from thads.registers import registers
from thads.registers.register_pdf import MAX_PDF_ROWS, render_pdf
from thads.registers.register_xlsx import workbook


class Command(BaseCommand):
    help = "Print a register of an office (judgments, requests, decisions, money, unable, documents) for a period."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--unit", required=True, help="unit code")
        parser.add_argument("--kind", required=True, choices=[k.value for k in RegisterKind])
        parser.add_argument("--from", dest="date_from", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", required=True, help="last day, YYYY-MM-DD")
        parser.add_argument("--format", default="pdf", choices=["pdf", "xlsx"])
        parser.add_argument("-o", "--output", required=True, help="the file to write")
        parser.add_argument("--with-addresses", action="store_true", help="add the parties' addresses (audited)")

    def handle(self, *args, **o) -> None:
        unit = unit_of(o)
        date_from, date_to, _official = period({**o, "year": None, "months": 12})
        spec = registers.SPECS[RegisterKind(o["kind"])]
        see = o["with_addresses"]
        count = registers.rows(spec, unit, date_from, date_to).count()
        if o["format"] == "pdf":
            if count > MAX_PDF_ROWS:
                raise CommandError(f"{count} lines: more than a printed book takes ({MAX_PDF_ROWS}); "
                                   "choose a shorter period or --format xlsx")
            data = render_pdf(title=spec.title, unit_name=unit.name, period=period_label_vi(date_from, date_to, None),
                              columns=registers.columns(spec),
                              lines=registers.iter_lines(spec, unit, date_from, date_to, see),
                              printed_on=timezone.localdate(), add_totals=spec.kind == RegisterKind.MONEY)
        else:
            data, count, _cut = workbook(spec, unit, date_from, date_to, see)
        write_output(self, o["output"], data)
        if see:
            with audit_context(source="cli:register"):
                audit_read(None, f"registers.{spec.kind}.{o['format']}", None, unit=unit,
                           fields=["party.name", "party.address"], count=count,
                           object_repr=f"{o['output']} (OS user {getpass.getuser()})")
        self.stderr.write(f"{spec.title}: {count} lines → {o['output']}")
