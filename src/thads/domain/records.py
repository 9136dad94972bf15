"""Records of the case-history interchange file: field rules, parsing and the canonical (export) form.

Pure Python: no Django import. The normative contract is ``interchange.md`` §1 (record shapes, "Field rules",
"Export"); each rule below cites it. Whole-file validation (references, duplicates, event order, stored data) is
``interchange.validate``; what events do over time is ``history``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from thads.domain.states import GROUNDS_BY_KIND, EventKind

# interchange.md §1 ``case``: the enumerations, exactly as spelled there.
INITIATIONS = ("chu_dong", "theo_don")
JUDGMENT_KINDS = ("dan_su", "hinh_su", "hanh_chinh", "hon_nhan_gia_dinh", "kinh_doanh_thuong_mai", "lao_dong",
                  "pha_san", "trong_tai", "khac")
OBLIGATION_KINDS = ("an_phi", "tien_phat", "truy_thu", "tich_thu_sung_quy", "tich_thu_tieu_huy", "tra_lai_tai_san",
                    "boi_thuong", "cap_duong", "tra_no", "giao_tai_san", "khac")
BENEFICIARIES = ("state", "person", "agency")
# Key order of the nested objects of a case (interchange.md §1 example); a creditor has a debtor's keys.
JUDGMENT_KEYS = ("court", "number", "date")
PARTY_KEYS = ("name", "id_number", "address")
_EVENT_FIELDS: dict[EventKind, tuple[str, ...]] = {
    **{k: ("ground",) for k in GROUNDS_BY_KIND}, EventKind.PAYMENT: ("obligation", "amount"),
    EventKind.REDUCED: ("obligation", "amount"), EventKind.ENTRUSTED_OUT: ("to",), EventKind.MOVED: ("unit",),
    EventKind.REASSIGNED: ("officer",)}
_EVENT_KINDS: dict[str, EventKind] = {k.value: k for k in EventKind}
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DIGITS_RE = re.compile(r"[0-9]+")


class InvalidRecord(ValueError):
    """A record breaks a field rule; ``reason`` is the short English message (interchange.md §1 "Invalid input")."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _RawFloat(float):
    """A JSON number with a fraction or exponent, keeping its text so messages can quote it (``1e6``)."""

    raw: str


def _raw_float(text: str) -> _RawFloat:
    value = _RawFloat(text)
    value.raw = text
    return value


def _no_constant(text: str) -> Any:
    raise ValueError(text)  # NaN / Infinity are not JSON


# Strict JSON with fractional numbers kept as text for messages; one decoder, built once.
JSON_DECODER = json.JSONDecoder(parse_float=_raw_float, parse_constant=_no_constant)


def _show(value: Any) -> str:
    """A value as quoted in a message: strings in single quotes, numbers as written, long values cut at 40."""
    if isinstance(value, _RawFloat):
        text = value.raw
    elif isinstance(value, str):
        text = f"'{value}'"
    else:
        try:
            text = json.dumps(value, ensure_ascii=False)
        except ValueError:  # an integer too long to print
            text = "a too long number"
    return text if len(text) <= 40 else text[:37] + "..."


# --- field rules (interchange.md §1 "Field rules"): null counts as missing; each raises InvalidRecord -------------

def _missing(key: str) -> InvalidRecord:
    return InvalidRecord(f"missing field '{key}'")


def _code(obj: Mapping[str, Any], key: str, required: bool = True, what: str = "code") -> str | None:
    """Ids and codes are non-empty strings (``"1"``, not ``1``)."""
    value = obj.get(key)
    if value is None:
        if required:
            raise _missing(key)
        return None
    if not isinstance(value, str) or not value:
        raise InvalidRecord(f"invalid {what} {_show(value)} for '{key}' (must be a non-empty string)")
    return value


def _text(obj: Mapping[str, Any], key: str, required: bool = False) -> str | None:
    """Free text; an empty optional text is left out (interchange.md §1 "Export")."""
    value = obj.get(key)
    if value is None or value == "":
        if required:
            raise _missing(key)
        return None
    if not isinstance(value, str):
        raise InvalidRecord(f"invalid value {_show(value)} for '{key}' (must be a string)")
    return value


def _date(obj: Mapping[str, Any], key: str, required: bool = True) -> date | None:
    """Dates are ``"YYYY-MM-DD"`` and must exist in the calendar."""
    value = obj.get(key)
    if value is None:
        if required:
            raise _missing(key)
        return None
    if isinstance(value, str) and _DATE_RE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidRecord(f"invalid date {_show(value)} for '{key}'")


def _money(obj: Mapping[str, Any], key: str) -> int:
    """Money is a JSON integer ≥ 0 or a string of digits (``100.0``, ``1e6``, ``true`` are invalid)."""
    value = obj.get(key)
    if value is None:
        raise _missing(key)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str) and _DIGITS_RE.fullmatch(value):
        try:
            return int(value)
        except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
            pass
    raise InvalidRecord(f"invalid money value {_show(value)} for '{key}'")


def _enum(obj: Mapping[str, Any], key: str, allowed: Iterable[str]) -> str:
    value = obj.get(key)
    if value is None:
        raise _missing(key)
    if not isinstance(value, str) or value not in allowed:
        raise InvalidRecord(f"invalid value {_show(value)} for '{key}'")
    return value


def _nested(obj: Mapping[str, Any], key: str, keys: tuple[str, ...]) -> dict[str, str] | None:
    """An optional object (judgment, debtor, creditor): its known keys in order, empty ones and unknown keys dropped."""
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise InvalidRecord(f"invalid value {_show(value)} for '{key}' (must be an object)")
    out: dict[str, str] = {}
    for k in keys:
        try:
            text = _iso(_date(value, k, required=False)) if k == "date" else _text(value, k)
        except InvalidRecord as exc:
            raise InvalidRecord(f"{exc.reason} in '{key}'") from None
        if text is not None:
            out[k] = text
    return out or None


# --- records ------------------------------------------------------------------------------------------------------

def _drop_empty(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


@dataclass(frozen=True, slots=True)
class UnitRec:
    """``unit`` (interchange.md §1). ``parent`` is always written (``null`` for a root), as in the contract example."""

    code: str
    name: str
    parent: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    line: int = 0

    def canonical(self) -> dict[str, Any]:
        return {"type": "unit", "code": self.code, "name": self.name, "parent": self.parent,
                **_drop_empty({"valid_from": _iso(self.valid_from), "valid_to": _iso(self.valid_to)})}


@dataclass(frozen=True, slots=True)
class OfficerRec:
    """``officer`` (interchange.md §1): code, name and unit are all required."""

    code: str
    name: str
    unit: str
    line: int = 0

    def canonical(self) -> dict[str, Any]:
        return {"type": "officer", "code": self.code, "name": self.name, "unit": self.unit}


@dataclass(frozen=True, slots=True)
class ObligationRec:
    """One entry of a case's ``obligations`` (interchange.md §1)."""

    id: str
    kind: str
    beneficiary: str
    amount: int

    def canonical(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "beneficiary": self.beneficiary, "amount": self.amount}


@dataclass(frozen=True, slots=True)
class CaseRec:
    """``case``: one decision to enforce = one case (interchange.md §1)."""

    id: str
    unit: str
    decided_on: date
    decision_no: str | None
    initiation: str
    judgment_kind: str
    judgment: dict[str, str] | None
    officer: str | None
    debtor: dict[str, str] | None
    creditor: dict[str, str] | None
    obligations: tuple[ObligationRec, ...]
    line: int = 0

    @property
    def amount(self) -> int:
        """A case's amount is the sum of its obligations' amounts (interchange.md §1)."""
        return sum(o.amount for o in self.obligations)

    def canonical(self) -> dict[str, Any]:
        return {"type": "case", "id": self.id, "unit": self.unit, "decided_on": self.decided_on.isoformat(),
                **_drop_empty({"decision_no": self.decision_no}), "initiation": self.initiation,
                "judgment_kind": self.judgment_kind,
                **_drop_empty({"judgment": _ordered(self.judgment, JUDGMENT_KEYS), "officer": self.officer,
                               "debtor": _ordered(self.debtor, PARTY_KEYS),
                               "creditor": _ordered(self.creditor, PARTY_KEYS)}),
                "obligations": [o.canonical() for o in self.obligations]}


@dataclass(frozen=True, slots=True)
class EventRec:
    """``event`` (interchange.md §1 table): only the extra fields of its kind are kept."""

    case: str
    on: date
    kind: EventKind
    line: int = 0
    ground: str | None = None
    obligation: str | None = None
    amount: int | None = None
    to: str | None = None
    unit: str | None = None
    officer: str | None = None

    def canonical(self) -> dict[str, Any]:
        return {"type": "event", "case": self.case, "on": self.on.isoformat(), "kind": str(self.kind),
                **{k: getattr(self, k) for k in _EVENT_FIELDS.get(self.kind, ())}}


Record = UnitRec | OfficerRec | CaseRec | EventRec


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _ordered(nested: Mapping[str, str] | None, keys: tuple[str, ...]) -> dict[str, str] | None:
    """A nested object in contract key order, empty values and unknown keys left out (interchange.md §1 "Export")."""
    if not nested:
        return None
    out = {k: nested[k] for k in keys if nested.get(k)}
    return out or None


def dumps(record: Record) -> str:
    """One export line (without newline): canonical keys, UTF-8 not escaped, the contract's ``", "`` spacing."""
    return json.dumps(record.canonical(), ensure_ascii=False, separators=(", ", ": "))


def _obligation(value: Any, n: int) -> ObligationRec:
    if not isinstance(value, dict):
        raise InvalidRecord(f"obligation {n} is not an object")
    try:
        return ObligationRec(_code(value, "id", what="id") or "", _enum(value, "kind", OBLIGATION_KINDS),
                             _enum(value, "beneficiary", BENEFICIARIES), _money(value, "amount"))
    except InvalidRecord as exc:
        raise InvalidRecord(f"obligation {n}: {exc.reason}") from None


def parse_record(obj: Mapping[str, Any], line: int = 0) -> Record:
    """Apply the field rules of interchange.md §1 to one decoded object; raise :class:`InvalidRecord` on the first
    problem. References to other records (units, officers, cases) are checked by :func:`validate`."""
    kind = obj.get("type")
    if kind is None:
        raise _missing("type")
    if kind == "unit":
        return UnitRec(_code(obj, "code") or "", _text(obj, "name", required=True) or "",
                       _code(obj, "parent", required=False), _date(obj, "valid_from", required=False),
                       _date(obj, "valid_to", required=False), line)
    if kind == "officer":
        return OfficerRec(_code(obj, "code") or "", _text(obj, "name", required=True) or "",
                          _code(obj, "unit") or "", line)
    if kind == "case":
        case_id, unit, decided_on = _code(obj, "id", what="id") or "", _code(obj, "unit") or "", _date(obj, "decided_on")
        decision_no = _text(obj, "decision_no")
        initiation, judgment_kind = _enum(obj, "initiation", INITIATIONS), _enum(obj, "judgment_kind", JUDGMENT_KINDS)
        judgment, officer = _nested(obj, "judgment", JUDGMENT_KEYS), _code(obj, "officer", required=False)
        debtor, creditor = _nested(obj, "debtor", PARTY_KEYS), _nested(obj, "creditor", PARTY_KEYS)
        raw = obj.get("obligations")
        if raw is None:
            raise _missing("obligations")
        if not isinstance(raw, list) or not raw:
            raise InvalidRecord("'obligations' must be a non-empty list")
        obligations = tuple(_obligation(v, n) for n, v in enumerate(raw, 1))
        seen: set[str] = set()
        for o in obligations:
            if o.id in seen:
                raise InvalidRecord(f"duplicate obligation id '{o.id}'")
            seen.add(o.id)
        return CaseRec(case_id, unit, decided_on or date.min, decision_no, initiation, judgment_kind, judgment, officer,
                       debtor, creditor, obligations, line)
    if kind == "event":
        case_id, on = _code(obj, "case", what="id") or "", _date(obj, "on") or date.min
        ev_kind = _EVENT_KINDS[_enum(obj, "kind", _EVENT_KINDS)]
        extra: dict[str, Any] = {}
        for key in _EVENT_FIELDS.get(ev_kind, ()):
            if key == "ground":
                extra[key] = _enum(obj, key, GROUNDS_BY_KIND[ev_kind])
            elif key == "amount":
                extra[key] = _money(obj, key)
            elif key == "to":
                extra[key] = _text(obj, key, required=True)
            else:
                extra[key] = _code(obj, key)
        return EventRec(case_id, on, ev_kind, line, **extra)
    raise InvalidRecord(f"unknown type {_show(kind)}")
