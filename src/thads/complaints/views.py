"""The complaints pages under ``/complaints/`` (issue 16), split by page family: reception (``views_reception``),
letters and their matters (``views_letters``), a matter and its acts (``views_matters``), the registers
(``views_registers``). Every page has a row in ``tests/access_matrix.py``."""

from __future__ import annotations

from thads.complaints.views_letters import letter_detail, letter_list, letter_new, matter_new
from thads.complaints.views_matters import (
    matter_detail,
    matter_identity,
    matter_step,
    procuracy_case_new,
    procuracy_new,
)
from thads.complaints.views_reception import (
    reception_detail,
    reception_list,
    reception_new,
    reception_pdf,
    reception_xlsx,
    schedule,
    schedule_new,
)
from thads.complaints.views_registers import register, register_pdf, register_xlsx

__all__ = ["letter_detail", "letter_list", "letter_new", "matter_detail", "matter_identity", "matter_new",
           "matter_step", "procuracy_case_new", "procuracy_new", "reception_detail", "reception_list",
           "reception_new", "reception_pdf", "reception_xlsx", "register", "register_pdf", "register_xlsx",
           "schedule", "schedule_new"]
