"""Validation of a whole interchange file (``thads import``), optionally against what is already stored.

Pure Python: no Django import. Contract: ``interchange.md`` §1 ("The file", "Field rules", "Invalid input",
"Importing again"). :func:`validate` returns the new valid records and exactly one ``(line, reason)`` per invalid
record; the caller writes nothing when there is an error, or (``--skip-invalid``) writes the valid records.

Resolution of the contract's open points (documented here, tested in ``tests/test_interchange.py``):

* Of two records with the same id or code, the later is invalid even when the earlier one is itself invalid
  (its id could be read); references resolve to the first record of that id in the file.
* A name resolves to the first file record of that code when there is one (so a file record that is invalid or
  conflicts with the stored one makes its dependents invalid), else to the stored record, else it is unknown.
* References are checked before the comparison with the store, so a record equal to the stored one but naming a
  unit or officer whose file record is invalid is invalid too. A valid file record canonically equal to the stored one
  is "already stored" (counted, not returned, no error).
* History of a stored case: only the well-formed events of the case in the file take positions. Once one of them
  differs from the stored event at its position, it and every later event of that case are invalid ("conflicts with
  the stored history of case …"): they were written on top of a history that is not the stored one. A file that holds
  fewer events than the store (an older export) is a prefix of the stored history and changes nothing.
* Event fields that do not belong to the event's kind (a ``ground`` on a ``payment``) are ignored like unknown keys.
* A ``terminated`` event with the return-of-the-request ground ``38.4`` (Law 106/2025/QH15 Art. 38.4; Decree
  152/2026/NĐ-CP Art. 22.2; issue 14 item 14: it travels as ``terminated`` until the contract has a kind for it) is
  valid only when dated on or after ``regime.REGIME_2026_FROM`` (01/07/2026) and only on an on-request case
  (``initiation`` ``theo_don``): :func:`return_request_error`. interchange.md does not list this row yet.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from thads.domain.history import CaseHistory, Snapshot, apply, initial, violation
from thads.domain.records import (
    BENEFICIARIES,
    INITIATIONS,
    JSON_DECODER,
    JUDGMENT_KINDS,
    OBLIGATION_KINDS,
    CaseRec,
    EventRec,
    InvalidRecord,
    ObligationRec,
    OfficerRec,
    Record,
    UnitRec,
    dumps,
    parse_record,
)
from thads.domain.regime import REGIME_2026_FROM
from thads.domain.states import RETURN_REQUEST_GROUND, EventKind

__all__ = ["BENEFICIARIES", "INITIATIONS", "JUDGMENT_KINDS", "OBLIGATION_KINDS", "CaseRec", "EventRec",
           "ExtRecord", "InvalidRecord", "ObligationRec", "OfficerRec", "Record", "StoredView", "UnitRec",
           "ValidationResult", "dumps", "format_errors", "parse_line", "parse_record", "return_request_error",
           "split_lines", "validate"]

_OK, _INVALID, _UNKNOWN = "ok", "invalid", "unknown"
_KEY = {"unit": "code", "officer": "code", "case": "id"}


@dataclass
class StoredView:
    """What the database already holds, in canonical form (``Record.canonical()`` dicts; ``"type"`` optional)."""

    units: dict[str, dict[str, Any]] = field(default_factory=dict)
    officers: dict[str, dict[str, Any]] = field(default_factory=dict)
    cases: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # case id → events in stored order


@dataclass(frozen=True, slots=True)
class ExtRecord:
    """A line of a record type beyond §1 named in ``extra_types``: its decoded object, checked by its own validator."""

    type: str
    obj: dict[str, Any]
    line: int


@dataclass
class ValidationResult:
    """New valid records (units parents first; the rest in file order), errors sorted by line, and how many file
    records were already stored unchanged (interchange.md §1 "Importing again")."""

    units: list[UnitRec] = field(default_factory=list)
    officers: list[OfficerRec] = field(default_factory=list)
    cases: list[CaseRec] = field(default_factory=list)
    events: list[EventRec] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    unchanged_units: int = 0
    unchanged_officers: int = 0
    unchanged_cases: int = 0
    unchanged_events: int = 0
    # Records of the extra types (file order), what their validators accepted (type → items for the writers), the
    # file's case ids with their first line and status, and the file's units' status ("ok" or "invalid"), for them.
    extra: list[ExtRecord] = field(default_factory=list)
    extra_valid: dict[str, list[Any]] = field(default_factory=dict)
    unchanged_extra: int = 0
    case_lines: dict[str, int] = field(default_factory=dict)
    case_status: dict[str, str] = field(default_factory=dict)
    unit_status: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def histories(self) -> list[CaseHistory]:
        """Histories of the *new* cases with their valid events (stored cases are the caller's to merge)."""
        by_case: dict[str, list[EventRec]] = {c.id: [] for c in self.cases}
        for ev in self.events:
            if ev.case in by_case:
                by_case[ev.case].append(ev)
        return [CaseHistory(c, tuple(by_case[c.id])) for c in self.cases]


def split_lines(data: bytes | str) -> list[bytes] | list[str]:
    """Physical lines of a file: split on ``\\n`` only (a JSON string may hold U+2028, which ``splitlines`` splits)."""
    return data.split(b"\n") if isinstance(data, bytes) else data.split("\n")


def parse_line(raw: bytes | str, line: int = 0, extra_types: frozenset[str] = frozenset()) -> Record | ExtRecord | None:
    """One physical line → record, ``None`` for a blank line; raise :class:`InvalidRecord` (interchange.md §1:
    UTF-8, one JSON object per line, blank lines ignored). A UTF-8 byte-order mark on line 1 is tolerated. An object
    whose ``type`` is in ``extra_types`` comes back as an :class:`ExtRecord`, unchecked."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidRecord("invalid UTF-8") from None
    if line == 1 and raw.startswith("\ufeff"):
        raw = raw[1:]
    if not raw.strip():
        return None
    try:
        obj = JSON_DECODER.decode(raw)
    except ValueError:
        raise InvalidRecord("invalid JSON") from None
    if not isinstance(obj, dict):
        raise InvalidRecord("not a JSON object")
    if extra_types and obj.get("type") in extra_types:
        return ExtRecord(obj["type"], obj, line)
    return parse_record(obj, line)


def format_errors(errors: Iterable[tuple[int, str]]) -> list[str]:
    """The contract's report form: ``line N: reason``."""
    return [f"line {n}: {reason}" for n, reason in errors]


def return_request_error(case: CaseRec, ev: EventRec) -> str | None:
    """Why a ``terminated`` event with ground ``38.4`` (return of the request) may not be imported, or None.

    Law 106/2025/QH15 Art. 38.4 and Decree 152/2026/NĐ-CP Art. 22.2: the agency returns the request of an
    **on-request** case (``initiation`` ``theo_don``) whose debtor has long had no conditions; the institution exists
    only from the day the 2026 regime takes effect (``regime.REGIME_2026_FROM``, 01/07/2026; Decree 152 Art. 115).
    Before it, and for a proactive case, the only ends are the separate book (Decree 62/2015 Art. 9.5; Decree 152
    Art. 22.1) or a termination under Art. 50 — the same rule the ``return_request`` act applies (act_types)."""
    if ev.kind is not EventKind.TERMINATED or ev.ground != RETURN_REQUEST_GROUND:
        return None
    if ev.on < REGIME_2026_FROM:
        return (f"ground '{RETURN_REQUEST_GROUND}' (return of the request, Law 106/2025 Art. 38.4; Decree 152/2026 "
                f"Art. 22.2) applies only from {REGIME_2026_FROM.isoformat()}: event dated {ev.on.isoformat()}")
    if case.initiation != "theo_don":
        return (f"ground '{RETURN_REQUEST_GROUND}' (return of the request, Law 106/2025 Art. 38.4; Decree 152/2026 "
                f"Art. 22.2) applies only to an on-request case (initiation 'theo_don'); case {case.id} is "
                f"'{case.initiation}'")
    return None


def _lenient_key(raw: bytes | str) -> tuple[str, str] | None:
    """(type, id) of an invalid unit/officer/case line whose id is readable, so later duplicates still count."""
    try:
        obj = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    if isinstance(obj, dict) and obj.get("type") in _KEY:
        key = obj.get(_KEY[obj["type"]])
        if isinstance(key, str) and key:
            return obj["type"], key
    return None


def _canon(stored: Mapping[str, Any], kind: str) -> dict[str, Any]:
    try:
        return parse_record({**stored, "type": kind}).canonical()
    except InvalidRecord:
        return dict(stored)


class _Validator:
    """One pass per record type over the parsed file: units, officers, cases, then events in file order."""

    def __init__(self, stored: StoredView, extra_types: frozenset[str] = frozenset()) -> None:
        self.stored = stored
        self.extra_types = extra_types
        self.errors: dict[int, str] = {}
        self.first: dict[str, dict[str, int]] = {"unit": {}, "officer": {}, "case": {}}
        self.recs: dict[int, Record] = {}
        self.status: dict[str, dict[str, str]] = {"unit": {}, "officer": {}, "case": {}}
        self.res = ValidationResult()

    def read(self, lines: Iterable[bytes | str]) -> None:
        """Field rules per line; a later record with an already seen id is a duplicate (interchange.md §1)."""
        for n, raw in enumerate(lines, 1):
            key: tuple[str, str] | None = None
            try:
                rec = parse_line(raw, n, self.extra_types)
                if rec is None:
                    continue
                if isinstance(rec, ExtRecord):
                    self.res.extra.append(rec)
                    continue
                self.recs[n] = rec
                if not isinstance(rec, EventRec):
                    key = ("unit" if isinstance(rec, UnitRec) else "officer" if isinstance(rec, OfficerRec)
                           else "case", rec.id if isinstance(rec, CaseRec) else rec.code)
            except InvalidRecord as exc:
                self.errors[n] = exc.reason
                key = _lenient_key(raw)
            if key is not None:
                seen = self.first[key[0]]
                if key[1] in seen:
                    self.errors.setdefault(n, f"duplicate {key[0]} {_KEY[key[0]]} '{key[1]}'")
                    self.recs.pop(n, None)
                else:
                    seen[key[1]] = n

    def _against_store(self, kind: str, rec: UnitRec | OfficerRec | CaseRec) -> str:
        """A record whose references are valid: new, already stored (equal canonically), or a conflict."""
        code = rec.id if isinstance(rec, CaseRec) else rec.code
        stored = getattr(self.stored, kind + "s").get(code)
        if stored is None:
            return _OK
        if rec.canonical() == _canon(stored, kind):
            setattr(self.res, f"unchanged_{kind}s", getattr(self.res, f"unchanged_{kind}s") + 1)
            return _OK
        self.errors[rec.line] = f"conflicts with the stored {kind} '{code}'"
        return _INVALID

    def lookup(self, kind: str, code: str) -> str:
        """Status of a referenced unit/officer/case: the first file record decides, else the store."""
        if code in self.first[kind]:
            return self.status[kind].get(code, _INVALID)
        return _OK if code in getattr(self.stored, kind + "s") else _UNKNOWN

    def _ref_error(self, kind: str, code: str) -> str | None:
        found = self.lookup(kind, code)
        return None if found == _OK else f"unknown {kind} '{code}'" if found == _UNKNOWN else f"{kind} '{code}' is invalid"

    def units(self) -> None:
        """Units form a tree: an unknown or invalid parent, or a parent cycle, makes a unit invalid (interchange.md §1).
        Walks up each unit's parent chain once; statuses are memoised."""
        status, first = self.status["unit"], self.first["unit"]
        for code in first:
            path: list[UnitRec] = []
            cur: str | None = code
            while True:
                if cur in status:
                    base = status[cur]
                    break
                if cur not in first:
                    base = _OK if cur in self.stored.units else _UNKNOWN
                    break
                on_path = [r.code for r in path]
                if cur in on_path:  # every unit of the cycle is invalid
                    cycle = on_path[on_path.index(cur):]
                    for i, c in enumerate(cycle):
                        status[c] = _INVALID
                        self.errors[first[c]] = "parent cycle " + " -> ".join(cycle[i:] + cycle[:i] + [c])
                    path = path[:on_path.index(cur)]
                    base = _INVALID
                    break
                rec = self.recs.get(first[cur])
                if not isinstance(rec, UnitRec):  # the first record of this code broke a field rule
                    base = status[cur] = _INVALID
                    break
                path.append(rec)
                cur = rec.parent
                if cur is None:
                    base = _OK
                    path.pop()
                    status[rec.code] = base = self._against_store("unit", rec)
                    break
            for rec in reversed(path):
                if base != _OK:
                    self.errors[rec.line] = (f"unknown parent unit '{rec.parent}'" if base == _UNKNOWN
                                             else f"parent unit '{rec.parent}' is invalid")
                base = status[rec.code] = self._against_store("unit", rec) if base == _OK else _INVALID
        emitted: set[str] = set()
        for n in sorted(first.values()):
            chain: list[UnitRec] = []
            unit = self.recs.get(n)
            while isinstance(unit, UnitRec) and status[unit.code] == _OK and unit.code not in emitted:
                if unit.code in self.stored.units:
                    break
                chain.append(unit)
                emitted.add(unit.code)
                unit = self.recs.get(first[unit.parent]) if unit.parent in first else None
            self.res.units.extend(reversed(chain))

    def members(self, kind: str) -> None:
        """Officers and cases: the unit, and a case's officer, must be known and valid (interchange.md §1); then the
        record is compared with the stored one."""
        for code, n in sorted(self.first[kind].items(), key=lambda kv: kv[1]):
            rec = self.recs.get(n)
            if not isinstance(rec, OfficerRec | CaseRec):
                self.status[kind][code] = _INVALID
                continue
            reason = self._ref_error("unit", rec.unit)
            if reason is None and isinstance(rec, CaseRec) and rec.officer is not None:
                reason = self._ref_error("officer", rec.officer)
            if reason is not None:
                self.errors[n] = reason
                self.status[kind][code] = _INVALID
                continue
            self.status[kind][code] = self._against_store(kind, rec)
            if self.status[kind][code] == _OK and code not in getattr(self.stored, kind + "s"):
                (self.res.cases if isinstance(rec, CaseRec) else self.res.officers).append(rec)  # type: ignore[arg-type]

    def events(self) -> None:
        """Events in file order against the state of the case's valid events (interchange.md §1 "Invalid input"),
        after the stored prefix for a stored case ("Importing again")."""
        snaps: dict[str, Snapshot] = {}
        cases: dict[str, CaseRec] = {}
        prefix: dict[str, list[dict[str, Any]]] = {}  # stored case → stored events not yet matched
        conflicted: set[str] = set()
        for n, rec in self.recs.items():
            if not isinstance(rec, EventRec):
                continue
            cid = rec.case
            first = self.first["case"].get(cid)
            if first is None or first > n:
                self.errors[n] = f"unknown case '{cid}'"
                continue
            if self.status["case"].get(cid) != _OK:
                self.errors[n] = f"case '{cid}' is invalid"
                continue
            if cid not in snaps:
                case = self.recs[first]
                assert isinstance(case, CaseRec)
                cases[cid] = case
                snaps[cid] = initial(case)
                if cid in self.stored.cases:
                    prefix[cid] = [_canon(e, "event") for e in self.stored.events.get(cid, ())][::-1]
            if cid in conflicted:
                self.errors[n] = f"conflicts with the stored history of case {cid}"
                continue
            pending = prefix.get(cid)
            if pending:
                if rec.canonical() == pending[-1]:
                    pending.pop()
                    snaps[cid] = apply(snaps[cid], rec)
                    self.res.unchanged_events += 1
                else:
                    conflicted.add(cid)
                    self.errors[n] = f"conflicts with the stored history of case {cid}"
                continue
            reason = (self._ref_error("unit", rec.unit or "") if rec.kind is EventKind.MOVED
                      else self._ref_error("officer", rec.officer or "") if rec.kind is EventKind.REASSIGNED
                      else None) or violation(snaps[cid], rec, cid) or return_request_error(cases[cid], rec)
            if reason is not None:
                self.errors[n] = reason
                continue
            snaps[cid] = apply(snaps[cid], rec)
            self.res.events.append(rec)


def validate(lines: Iterable[bytes | str], stored: StoredView | None = None,
             extra_types: frozenset[str] = frozenset()) -> ValidationResult:
    """Check a whole file (interchange.md §1). ``lines`` are the physical lines (see :func:`split_lines`), numbered
    from 1; ``stored`` is what the database holds. Exactly one ``(line, reason)`` per invalid record, the first problem
    found: field rules, duplicates, stored conflicts, references, then event rules (time, transitions, money).
    Lines of the ``extra_types`` are collected in ``extra`` for their own validators (see the module's docstring)."""
    v = _Validator(stored or StoredView(), extra_types)
    v.read(lines)
    v.units()
    v.members("officer")
    v.members("case")
    v.events()
    v.res.errors = sorted(v.errors.items())
    v.res.case_lines = dict(v.first["case"])
    v.res.case_status = dict(v.status["case"])
    v.res.unit_status = dict(v.status["unit"])
    return v.res
