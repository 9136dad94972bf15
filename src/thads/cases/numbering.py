"""Case numbers ``<unit code>-<year>-<number>`` of receipts, taken under the lock of the unit's and year's counter
row (``CaseNumberCounter``): used by ``actions.do_receive`` and by the importer, which moves the counters of the
series it writes into."""

from __future__ import annotations

import re
from datetime import date

from django.db import IntegrityError, transaction

from thads.cases.models import Case, CaseNumberCounter
from thads.org.models import Unit


def next_ext_id(unit: Unit, on: date) -> str:
    """The next case id ``<unit code>-<year>-<number>``, taken under the lock of the unit's and year's counter row:
    two receipts at once wait for each other instead of both reading the same MAX + 1 (a unique violation, a 500,
    on PostgreSQL). A number already stored (a later import brought it) is skipped."""
    prefix = f"{unit.code}-{on.year}-"
    counter = locked_counter(unit, on.year, prefix)
    number = counter.last + 1
    while Case.objects.filter(ext_id=f"{prefix}{number:05d}").exists():
        number += 1
    counter.last = number
    counter.save(update_fields=["last"])
    return f"{prefix}{number:05d}"


#: How often a receipt takes the next number when the one it was given turned out to be taken (see below).
EXT_ID_ATTEMPTS = 5


def create_numbered(unit: Unit, on: date, ext_id: str, fields: dict) -> Case:
    """Insert the case under ``ext_id``; if the number was taken meanwhile, take the next free one and try again.

    The counter's lock serialises receipts, and an import locks and moves the counters of the series it writes
    into (``importer._take_case_numbers``); but a case stored behind the counter's back (an import of an older
    version, a repair script) can still hold the number: on PostgreSQL the insert then waits on the unique index
    for the other transaction and fails once it commits. The insert runs in a savepoint so that the receipt goes
    on with the next number instead of answering 500."""
    for attempt in range(EXT_ID_ATTEMPTS):
        try:
            with transaction.atomic():
                return Case.objects.create(ext_id=ext_id, **fields)
        except IntegrityError:
            if attempt == EXT_ID_ATTEMPTS - 1 or not Case.objects.filter(ext_id=ext_id).exists():
                raise  # not a taken number (or taken again and again): a real error
            ext_id = next_ext_id(unit, on)  # the counter row is still ours: past the stored numbers
    raise AssertionError("unreachable")  # pragma: no cover


def locked_counter(unit: Unit, year: int, prefix: str) -> CaseNumberCounter:
    counter = CaseNumberCounter.objects.select_for_update().filter(unit=unit, year=year).first()
    if counter is not None:
        return counter
    try:
        # The first receipt of the year: create the row seeded from the stored numbers. Two first receipts at once
        # both try; the second's insert fails on the unique (unit, year) once the first commits, and it then locks
        # the row the first created (the savepoint keeps the rest of its transaction).
        with transaction.atomic():
            CaseNumberCounter.objects.create(unit=unit, year=year, last=_largest_number(prefix))
    except IntegrityError:
        pass
    return CaseNumberCounter.objects.select_for_update().get(unit=unit, year=year)


def _largest_number(prefix: str) -> int:
    """The largest number stored under ``prefix`` (imported cases included; ``…-00012-UT``, an entrusted incoming
    case of another unit, is not a number of this one)."""
    pattern = re.compile(re.escape(prefix) + r"(\d+)")
    numbers = (pattern.fullmatch(ext_id) for ext_id in
               Case.objects.filter(ext_id__startswith=prefix).values_list("ext_id", flat=True).iterator())
    return max((int(m.group(1)) for m in numbers if m), default=0)
