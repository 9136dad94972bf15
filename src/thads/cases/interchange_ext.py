"""Record types of the interchange file beyond ``interchange.md`` §1, registered by the contexts above ``cases``
(today ``thads.assets``: ``docs/interchange-assets.md``) in their ``AppConfig.ready()``.

``cases`` never imports those contexts: the importer and the exporter call what is registered here, in the order of
the types (``order``, then name). With nothing registered, or a file with no such record, import and export are
exactly §1's: an unknown type is an invalid record, and an export writes the same bytes as before.

* ``validator(records, ctx)``: the file's records of its type (``domain.interchange.ExtRecord``, file order) and the
  :class:`ExtContext` of the file; it records ``line N: reason`` errors with ``ctx.error`` (one per record) and
  returns the items its writer will write (new records, or what a record adds to a stored one). It runs after the
  §1 records were validated, so it sees which cases are valid and their histories after the import. Validators run
  in type order, so a type may depend on the types before it (``ctx.shared`` is theirs to share).
* ``writer(items, shared)``: inside the import's transaction, after the cases and events were written; returns how
  many records it wrote. ``shared`` is one dict for the writers of one import.
* ``exporter(cases)``: the records (canonical dicts) of the exported cases (a ``Case`` queryset), in a
  deterministic order that does not depend on database ids; written after every case and its events.
* ``units(cases)``: ids of further units the exporter's records name (written with the other units), or None.
* ``finish(shared)``: once after every writer of an import that wrote records, in type order (e.g. bring the
  derived tables of the cases the records concern in step), or None.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from thads.cases.histories import Directory, iter_histories
from thads.cases.models import Case
from thads.domain.history import CaseHistory
from thads.domain.interchange import EventRec, ExtRecord, StoredView, ValidationResult, parse_record

OK, INVALID, UNKNOWN = "ok", "invalid", "unknown"


@dataclass(frozen=True)
class RecordType:
    name: str
    validator: Callable[[list[ExtRecord], ExtContext], list[Any]]
    writer: Callable[[list[Any], dict[str, Any]], int]
    exporter: Callable[[Any], Iterable[dict[str, Any]]]
    order: int
    units: Callable[[Any], set[int]] | None = None
    finish: Callable[[dict[str, Any]], None] | None = None


_REGISTRY: dict[str, RecordType] = {}


def register_record_type(type_name: str, validator, writer, exporter, order: int, units=None, finish=None) -> None:
    """Register (or replace: ``ready`` may run more than once) a record type. §1's types may not be registered."""
    if type_name in ("unit", "officer", "case", "event"):
        raise ValueError(f"'{type_name}' is a record type of interchange.md §1")
    _REGISTRY[type_name] = RecordType(type_name, validator, writer, exporter, order, units, finish)


def unregister_record_type(type_name: str) -> None:
    _REGISTRY.pop(type_name, None)


def record_types() -> list[RecordType]:
    return sorted(_REGISTRY.values(), key=lambda rt: (rt.order, rt.name))


def type_names() -> frozenset[str]:
    return frozenset(_REGISTRY)


def dumps(record: dict[str, Any]) -> str:
    """One export line in §1's form (``", "`` spacing, UTF-8 not escaped)."""
    return json.dumps(record, ensure_ascii=False, separators=(", ", ": "))


class ExtContext:
    """What the validators of one file see: the §1 result (valid cases and events, statuses of the file's units and
    cases), what is stored, the cases' histories after the import, and where they record errors."""

    def __init__(self, result: ValidationResult, stored: StoredView) -> None:
        self.result = result
        self.stored = stored
        self.errors: dict[int, str] = {}
        self.unchanged = 0
        self.shared: dict[str, Any] = {}
        self._new_cases = {rec.id: rec for rec in result.cases}
        self._wanted: set[str] = set()
        self._new_events: dict[str, list[EventRec]] | None = None  # the file's valid events of the wanted cases
        self._loaded: dict[str, CaseHistory] = {}
        self._histories: dict[str, CaseHistory] = {}

    def error(self, line: int, reason: str) -> None:
        self.errors.setdefault(line, reason)

    def preload(self, case_ids: Iterable[str]) -> None:
        """The cases the extra records name (their histories are asked for): read from the database those named
        only by extra records (not by a §1 record of the file)."""
        case_ids = set(case_ids)
        if case_ids - self._wanted:
            self._wanted |= case_ids
            self._new_events = None
        wanted = sorted({c for c in case_ids if c not in self.result.case_lines and c not in self.stored.cases
                         and c not in self._loaded})
        directory = Directory()
        for start in range(0, len(wanted), 2000):
            chunk = Case.objects.filter(ext_id__in=wanted[start:start + 2000])
            for _, h in iter_histories(chunk, directory=directory):
                self._loaded[h.case.id] = h

    def case_error(self, case_id: str, line: int) -> str | None:
        """Why a record at ``line`` may not name the case (§1's words), or None: the case's record must come earlier
        in the file and be valid, or the case be stored."""
        first = self.result.case_lines.get(case_id)
        if first is not None:
            if first > line:
                return f"unknown case '{case_id}'"
            return None if self.result.case_status.get(case_id) == OK else f"case '{case_id}' is invalid"
        if case_id in self.stored.cases or case_id in self._loaded:
            return None
        return f"unknown case '{case_id}'"

    def unit_error(self, code: str) -> str | None:
        status = self.result.unit_status.get(code)
        if status is not None:
            return None if status == OK else f"unit '{code}' is invalid"
        return None if code in self.stored.units else f"unknown unit '{code}'"

    def history(self, case_id: str) -> CaseHistory:
        """The case's history after the import (stored events, then the file's valid ones); the case must be valid."""
        h = self._histories.get(case_id)
        if h is None:
            if case_id not in self._wanted:
                self.preload([case_id])
            if self._new_events is None:
                self._new_events = defaultdict(list)
                for ev in self.result.events:
                    if ev.case in self._wanted:
                        self._new_events[ev.case].append(ev)
            new = tuple(self._new_events.get(case_id, ()))
            if case_id in self._new_cases:
                h = CaseHistory(self._new_cases[case_id], new)
            elif case_id in self.stored.cases:
                rec = parse_record({**self.stored.cases[case_id], "type": "case"})
                prior = tuple(parse_record({**e, "type": "event"}) for e in self.stored.events.get(case_id, ()))
                h = CaseHistory(rec, prior + new)  # type: ignore[arg-type]
            else:
                h = self._loaded[case_id]
            self._histories[case_id] = h
        return h


def validate_extra(result: ValidationResult, stored: StoredView) -> None:
    """Run the registered validators over the file's extra records; their errors join the §1 errors (by line)."""
    if not result.extra:
        return
    ctx = ExtContext(result, stored)
    by_type: dict[str, list[ExtRecord]] = defaultdict(list)
    for rec in result.extra:
        by_type[rec.type].append(rec)
    for rt in record_types():
        result.extra_valid[rt.name] = rt.validator(by_type.get(rt.name, []), ctx)
    if ctx.errors:
        result.errors = sorted([*result.errors, *ctx.errors.items()])
    result.unchanged_extra = ctx.unchanged


def write_extra(result: ValidationResult) -> dict[str, int]:
    """Write what the validators accepted (inside the import's transaction); returns the count per type written."""
    shared: dict[str, Any] = {}
    counts: dict[str, int] = {}
    for rt in record_types():
        items = result.extra_valid.get(rt.name)
        if items:
            counts[rt.name] = rt.writer(items, shared)
    if counts:
        for rt in record_types():
            if rt.finish is not None:
                rt.finish(shared)
    return counts


def export_records(cases) -> Iterator[dict[str, Any]]:
    """The extra records of the exported ``cases`` (a queryset), type after type."""
    for rt in record_types():
        yield from rt.exporter(cases)


def referenced_units(cases) -> set[int]:
    out: set[int] = set()
    for rt in record_types():
        if rt.units is not None:
            out |= rt.units(cases)
    return out
