"""The optional record types of the interchange file for debtors' assets and measures (``docs/interchange-assets.md``):
field rules, the canonical (export) form and the rules within one record. Pure Python: no Django import.

What a record may refer to (cases, units, debtors, assets, measures, plans, auctions), what is stored and the case's
history are checked by ``thads.assets.interchange`` through the registry ``thads.cases.interchange_ext``; the field
helpers and their messages are those of ``interchange.md`` §1 (``thads.domain.records``), so an assets record breaks
a rule with the same words as a case record.

A record here is its canonical dict: ``"type"`` first, then the fields in the order of :data:`SPECS`, optional
fields that are empty left out (money with default 0 when 0, a list or an object when empty), dates as ISO strings,
money as JSON integers, the keys of ``identifiers`` and ``details`` objects sorted. Two records are the same record
when their canonical dicts are equal (``Importing again``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import Any

from thads.domain.measures import (
    MEASURE_FAMILY,
    AssetKind,
    AssetStatus,
    AuctionOutcome,
    DebtorKind,
    MeasureEventKind,
    MeasureFamily,
    MeasureKind,
    PlanStatus,
    ValuationMethod,
)
from thads.domain.records import InvalidRecord, _code, _date, _enum, _money, _show, _text

#: The record types in the order an export writes them (each refers only to types before it, or to cases/units).
ORDER = MappingProxyType({"debtor": 10, "asset": 20, "info_request": 25, "measure": 30, "valuation": 40, "coercion_plan": 50, "cost": 60,
                          "auction": 70, "disposal": 80})
#: The middle part of a key an export makes up for a row that came with none (created in THADS: ``<unit>-M-T123``).
PREFIX = MappingProxyType({"debtor": "D", "asset": "A", "info_request": "R", "measure": "M", "valuation": "V", "coercion_plan": "P",
                           "cost": "C", "auction": "AU", "disposal": "X"})
COST_KINDS = ("charged", "recovered", "waived")  # assets.CostEntry.Kind (Luật THADS Art. 73)
DISPOSAL_KINDS = ("sold", "taken_by_creditor", "returned")  # assets.AssetDisposal.Kind (Arts. 101–104, 126)
KEY_MAX = 64
#: Luật THADS Art. 45.1: the voluntary period is 10 days from the day the debtor receives the decision; it cannot end
#: before ``decided_on`` + 10 days, so a coercive measure (Art. 46.1: only after it) decided earlier is impossible.
VOLUNTARY_DAYS = 10
#: Luật THADS Art. 46.2: no coercion from 22:00 to 06:00.
COERCION_HOURS = (6, 22)


def _values(enum) -> tuple[str, ...]:
    return tuple(m.value for m in enum)


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    kind: str  # key ref text date money money0 money? enum bool bool? datetime object refs pos count events sessions
    required: bool = False
    arg: Any = None  # text: max length (None: unbounded); enum: (values, default or None)


def _f(key: str, kind: str, required: bool = False, arg: Any = None) -> Field:
    return Field(key, kind, required, arg)


_EVENT_FIELDS = (_f("kind", "enum", True, (_values(MeasureEventKind), None)), _f("on", "date", True),
                 _f("decision_no", "text", False, 64), _f("amount", "money?"), _f("payment", "pos"),
                 _f("details", "object"))
_SESSION_FIELDS = (_f("held_on", "date", True), _f("starting_price", "money", True), _f("reductions", "count"),
                   _f("outcome", "enum", True, (_values(AuctionOutcome), None)), _f("sale_price", "money0"),
                   _f("buyer", "text", False, 255))

SPECS: Mapping[str, tuple[Field, ...]] = MappingProxyType({
    "debtor": (_f("id", "key", True), _f("unit", "ref", True), _f("kind", "enum", True, (_values(DebtorKind), None)),
               _f("name", "text", True, 255), _f("id_number", "text", False, 32), _f("address", "text", False, 255),
               _f("address_unknown_since", "date"), _f("declared_on", "date"), _f("declaration", "text"),
               _f("cases", "refs")),
    "asset": (_f("id", "key", True), _f("debtor", "ref", True), _f("kind", "enum", True, (_values(AssetKind), None)),
              _f("description", "text", True, 500), _f("found_on", "date", True), _f("identifiers", "object"),
              _f("holder", "text", False, 255), _f("source", "text", False, 255), _f("requested_on", "date"),
              _f("reply_due_on", "date"), _f("replied_on", "date"), _f("estimated_value", "money0"),
              _f("encumbrance", "text", False, 500), _f("secured_creditor", "text", False, 255),
              _f("secured_amount", "money0"), _f("exempt_ground", "text", False, 16),
              _f("status", "enum", False, (_values(AssetStatus), AssetStatus.FOUND.value))),
    "info_request": (_f("id", "key", True), _f("debtor", "ref", True), _f("case", "ref", True),
                     _f("body", "text", True, 255), _f("asset_kind", "enum", False, (_values(AssetKind), "")),
                     _f("requested_on", "date", True), _f("reply_due_on", "date", True), _f("replied_on", "date"),
                     _f("found", "bool?"), _f("note", "text"), _f("asset", "ref")),
    "measure": (_f("id", "key", True), _f("case", "ref", True), _f("debtor", "ref", True),
                _f("kind", "enum", True, (_values(MeasureKind), None)), _f("decided_on", "date", True),
                _f("decision_no", "text", False, 64), _f("asset", "ref"), _f("amount", "money0"),
                _f("details", "object"), _f("events", "events", True)),
    "valuation": (_f("id", "key", True), _f("asset", "ref", True), _f("measure", "ref"),
                  _f("method", "enum", True, (_values(ValuationMethod), None)), _f("on", "date", True),
                  _f("value", "money", True), _f("appraiser", "text", False, 255)),
    "coercion_plan": (_f("id", "key", True), _f("case", "ref", True), _f("measure", "ref"),
                      _f("starts_at", "datetime", True), _f("place", "text", True, 255),
                      _f("mobilised_forces", "bool"), _f("forces", "text", False, 500), _f("cost_estimate", "money0"),
                      _f("status", "enum", False, (_values(PlanStatus), PlanStatus.PLANNED.value)),
                      _f("carried_out_on", "date"), _f("result", "text")),
    "cost": (_f("id", "key", True), _f("case", "ref", True), _f("plan", "ref"),
             _f("kind", "enum", True, (COST_KINDS, None)), _f("on", "date", True), _f("amount", "money", True),
             _f("description", "text", False, 255)),
    "auction": (_f("id", "key", True), _f("asset", "ref", True), _f("case", "ref", True), _f("measure", "ref"),
                _f("organisation", "text", True, 255), _f("contract_no", "text", False, 64),
                _f("signed_on", "date", True), _f("cancelled_on", "date"), _f("sessions", "sessions")),
    "disposal": (_f("id", "key", True), _f("asset", "ref", True), _f("case", "ref", True),
                 _f("kind", "enum", True, (DISPOSAL_KINDS, None)), _f("on", "date", True), _f("value", "money0"),
                 _f("auction", "ref"), _f("session", "pos"), _f("to_whom", "text", False, 255),
                 _f("details", "object")),
})
TYPES = tuple(sorted(SPECS, key=ORDER.__getitem__))
_DATETIME_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}")


# --- field rules ----------------------------------------------------------------------------------------------------

def _object(obj: Mapping[str, Any], key: str) -> dict[str, Any] | None:
    """An object of free keys (``identifiers``, ``details``): string keys, JSON values; canonical with sorted keys."""
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise InvalidRecord(f"invalid value {_show(value)} for '{key}' (must be an object)")
    if any(not k for k in value):
        raise InvalidRecord(f"empty key in '{key}'")
    return _sorted(value) or None


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted(v) for v in value]
    return value


def _int(obj: Mapping[str, Any], key: str, least: int) -> int | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and least <= value < 2**31:
        return value
    raise InvalidRecord(f"invalid value {_show(value)} for '{key}' (must be an integer ≥ {least})")


def _bool(obj: Mapping[str, Any], key: str) -> bool:
    value = obj.get(key)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise InvalidRecord(f"invalid value {_show(value)} for '{key}' (must be true or false)")
    return value


def _datetime(obj: Mapping[str, Any], key: str) -> str | None:
    """Local time of the unit (Asia/Ho_Chi_Minh), ``"YYYY-MM-DDTHH:MM"``."""
    value = obj.get(key)
    if value is None:
        raise InvalidRecord(f"missing field '{key}'")
    if isinstance(value, str) and _DATETIME_RE.fullmatch(value):
        try:
            datetime.fromisoformat(value)
            return value
        except ValueError:
            pass
    raise InvalidRecord(f"invalid date and time {_show(value)} for '{key}' (YYYY-MM-DDTHH:MM)")


def _refs(obj: Mapping[str, Any], key: str) -> list[str] | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or any(not isinstance(v, str) or not v for v in value):
        raise InvalidRecord(f"invalid value {_show(value)} for '{key}' (must be a list of ids)")
    if len(set(value)) != len(value):
        raise InvalidRecord(f"duplicate id in '{key}'")
    return sorted(value) or None


def _text_max(obj: Mapping[str, Any], f: Field) -> str | None:
    text = _text(obj, f.key, f.required)
    if text is not None and f.arg is not None and len(text) > f.arg:
        raise InvalidRecord(f"'{f.key}' is longer than {f.arg} characters")
    return text


def _field(obj: Mapping[str, Any], f: Field) -> Any:
    """One field's canonical value, or None when it is left out."""
    kind = f.kind
    if kind in ("key", "ref"):
        value = _code(obj, f.key, f.required, "id")
        if value is not None and len(value) > KEY_MAX:
            raise InvalidRecord(f"'{f.key}' is longer than {KEY_MAX} characters")
        return value
    if kind == "text":
        return _text_max(obj, f)
    if kind == "date":
        d = _date(obj, f.key, f.required)
        return d.isoformat() if d else None
    if kind == "money":
        return _money(obj, f.key)
    if kind in ("money0", "money?"):
        if obj.get(f.key) is None:
            return None
        value = _money(obj, f.key)
        return None if kind == "money0" and value == 0 else value
    if kind == "enum":
        values, default = f.arg
        if obj.get(f.key) is None and default is not None:
            return default or None  # "" : an optional value left out
        return _enum(obj, f.key, values)
    if kind == "bool":
        return _bool(obj, f.key)
    if kind == "bool?":
        return None if obj.get(f.key) is None else _bool(obj, f.key)
    if kind == "datetime":
        return _datetime(obj, f.key)
    if kind == "object":
        return _object(obj, f.key)
    if kind == "refs":
        return _refs(obj, f.key)
    if kind in ("pos", "count"):
        value = _int(obj, f.key, 1 if kind == "pos" else 0)
        return None if kind == "count" and not value else value
    if kind in ("events", "sessions"):
        return _entries(obj, f)
    raise AssertionError(kind)  # pragma: no cover - a spec bug


def _entries(obj: Mapping[str, Any], f: Field) -> list[dict[str, Any]] | None:
    """A measure's ``events`` or an auction's ``sessions``: a list of objects (``events`` non-empty)."""
    value = obj.get(f.key)
    if value is None:
        if f.required:
            raise InvalidRecord(f"missing field '{f.key}'")
        return None
    if not isinstance(value, list) or (f.required and not value):
        raise InvalidRecord(f"'{f.key}' must be a {'non-empty ' if f.required else ''}list")
    fields = _EVENT_FIELDS if f.kind == "events" else _SESSION_FIELDS
    what = "event" if f.kind == "events" else "session"
    out = []
    for n, entry in enumerate(value, 1):
        if not isinstance(entry, dict):
            raise InvalidRecord(f"{what} {n} is not an object")
        try:
            out.append(_fields(entry, fields))
        except InvalidRecord as exc:
            raise InvalidRecord(f"{what} {n}: {exc.reason}") from None
    return out or None


def _fields(obj: Mapping[str, Any], fields: tuple[Field, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields:
        value = _field(obj, f)
        if value is not None:
            out[f.key] = value
    return out


# --- records --------------------------------------------------------------------------------------------------------

def parse(obj: Mapping[str, Any]) -> dict[str, Any]:
    """The canonical form of one assets record (a decoded JSON object whose ``type`` is in :data:`SPECS`), or
    :class:`InvalidRecord` on the first broken field rule or rule within the record."""
    kind = obj.get("type")
    if kind not in SPECS:
        raise InvalidRecord(f"unknown type {_show(kind)}")
    rec = {"type": kind, **_fields(obj, SPECS[kind])}
    reason = _within(rec)
    if reason:
        raise InvalidRecord(reason)
    return rec


def normalize(kind: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    """The canonical form of a record built from stored values (no field rule checked: the export and the comparison
    with what is stored): dates to ISO strings, empty values and zero default money left out, objects sorted."""
    return {"type": kind, **_normal(raw, SPECS[kind])}


def _normal(raw: Mapping[str, Any], fields: tuple[Field, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields:
        value = raw.get(f.key)
        if f.kind in ("events", "sessions"):
            entries = _EVENT_FIELDS if f.kind == "events" else _SESSION_FIELDS
            value = [_normal(e, entries) for e in value or ()]
            if not value and not f.required:
                value = None
        elif f.kind == "object":
            value = _sorted(value) if value else None
        elif f.kind == "refs":
            value = sorted(value) if value else None
        elif f.kind in ("money0", "count") and value == 0:
            value = None
        elif isinstance(value, date):
            value = value.isoformat()
        if value is not None and value != "":
            out[f.key] = value
    return out


def dumps(rec: Mapping[str, Any]) -> str:
    """One export line, as ``interchange.md`` §1 "Export" writes a record (``", "`` spacing, UTF-8 not escaped)."""
    return json.dumps(rec, ensure_ascii=False, separators=(", ", ": "))


def day(rec: Mapping[str, Any], key: str) -> date | None:
    value = rec.get(key)
    return date.fromisoformat(value) if value else None


def _within(rec: Mapping[str, Any]) -> str | None:
    kind = rec["type"]
    if kind in ("asset", "info_request"):
        requested = rec.get("requested_on")
        for key in ("reply_due_on", "replied_on"):
            if requested and rec.get(key) and rec[key] < requested:
                return f"'{key}' is before 'requested_on'"
        if kind == "info_request" and "found" in rec and "replied_on" not in rec:
            return "'found' needs 'replied_on' (what the reply said)"
    elif kind == "measure":
        return measure_events_error(rec)
    elif kind == "auction":
        return sessions_error(rec)
    elif kind == "coercion_plan":
        return plan_error(rec)
    elif kind == "disposal" and rec.get("session") and not rec.get("auction"):
        return "'session' needs 'auction'"
    return None


#: Which measure event may follow which (the state of the measure before it): the measure's own history
#: (``assets.MeasureEvent``): decided → executed → money collected … → released; cancelled only before execution.
_NEXT_EVENT = MappingProxyType({
    "decided": frozenset({"executed", "released", "cancelled"}),
    "executed": frozenset({"collected", "released"}),
    "collected": frozenset({"collected", "released"}),
    "released": frozenset(),
    "cancelled": frozenset(),
})


def measure_events_error(rec: Mapping[str, Any]) -> str | None:
    """The events of one measure: the first is ``decided`` on the measure's ``decided_on``; then in date order,
    ``executed`` once, ``collected`` (with its ``amount``) only after execution, ``released`` or ``cancelled``
    last (``cancelled`` only before execution); ``payment`` only on ``collected``."""
    events = rec["events"]
    if events[0]["kind"] != "decided" or events[0]["on"] != rec["decided_on"]:
        return "event 1 must be 'decided' on the measure's 'decided_on'"
    state, last = "decided", events[0]["on"]
    for n, ev in enumerate(events[1:], 2):
        if ev["on"] < last:
            return f"event {n} is dated before the event before it"
        if ev["kind"] not in _NEXT_EVENT[state]:
            return f"event {n}: '{ev['kind']}' may not follow '{state}'"
        if ev["kind"] == "collected" and "amount" not in ev:
            return f"event {n}: missing field 'amount'"
        state, last = ev["kind"], ev["on"]
    for n, ev in enumerate(events, 1):
        if "payment" in ev and ev["kind"] != "collected":
            return f"event {n}: 'payment' only on a 'collected' event"
    return None


def measure_status(events: list[Mapping[str, Any]]) -> tuple[str, date | None, date | None]:
    """The measure's cached status, execution and release dates from its events (``assets.Measure``)."""
    status, executed, released = "decided", None, None
    for ev in events:
        kind = ev["kind"]
        if kind == "executed":
            status, executed = "executed", executed or date.fromisoformat(ev["on"])
        elif kind in ("released", "cancelled"):
            status = kind
            if kind == "released":
                released = date.fromisoformat(ev["on"])
    return status, executed, released


def sessions_error(rec: Mapping[str, Any]) -> str | None:
    """Luật THADS Arts. 101–104: sessions are held after the contract is signed, in date order, none after a sale; a
    sale is at or above the starting price; a session after a price reduction (``reductions`` grew) starts lower."""
    signed = rec["signed_on"]
    if rec.get("cancelled_on") and rec["cancelled_on"] < signed:
        return "'cancelled_on' is before 'signed_on'"
    prev: Mapping[str, Any] | None = None
    for n, s in enumerate(rec.get("sessions", ()), 1):
        if s["held_on"] < signed:
            return f"session {n} is held before the contract was signed"
        if prev is not None:
            if s["held_on"] < prev["held_on"]:
                return f"session {n} is held before session {n - 1}"
            if prev["outcome"] == "sold":
                return f"session {n} follows a sale"
            if s.get("reductions", 0) < prev.get("reductions", 0):
                return f"session {n}: 'reductions' may not decrease"
            if s.get("reductions", 0) > prev.get("reductions", 0) and s["starting_price"] >= prev["starting_price"]:
                return f"session {n}: a price reduction must lower the starting price"
        if s["outcome"] == "sold" and s.get("sale_price", 0) < max(1, s["starting_price"]):
            return f"session {n}: a sale needs 'sale_price' at or above the starting price"
        if s["outcome"] != "sold" and s.get("sale_price"):
            return f"session {n}: 'sale_price' only on a sale"
        prev = s
    return None


def plan_error(rec: Mapping[str, Any]) -> str | None:
    """Luật THADS Art. 46.2 (no coercion from 22:00 to 06:00); a plan carried out has its date, on or after the
    planned start."""
    start = datetime.fromisoformat(rec["starts_at"])
    first, last = COERCION_HOURS
    if not first <= start.hour < last:
        return (f"'starts_at' {start:%H:%M} is at night (no coercion from {last}:00 to {first:02d}:00, "
                "Luật THADS Art. 46.2)")
    carried = rec.get("carried_out_on")
    if (rec["status"] == PlanStatus.CARRIED_OUT.value) != bool(carried):
        return "'carried_out_on' is given exactly when 'status' is 'carried_out'"
    if carried and carried < rec["starts_at"][:10]:
        return "'carried_out_on' is before 'starts_at'"
    return None


def voluntary_error(kind: str, on: date, case_decided_on: date) -> str | None:
    """Luật THADS Arts. 45.1, 46.1: a coercive measure only after the voluntary period (at the earliest 10 days after
    the decision to enforce; security measures and the exit ban may come at once, Art. 45.2)."""
    if MEASURE_FAMILY.get(MeasureKind(kind)) is not MeasureFamily.COERCIVE:
        return None
    end = case_decided_on + timedelta(days=VOLUNTARY_DAYS)
    if on <= end:
        return (f"a coercive measure ('{kind}') decided on {on.isoformat()}, within the voluntary period "
                f"(Luật THADS Arts. 45.1, 46.1: not before {(end + timedelta(days=1)).isoformat()})")
    return None


def made_up_key(unit_code: str, kind: str, pk: int) -> str:
    """The key an export writes for a row that has none (created in THADS): ``<unit>-<prefix>-T<pk>``."""
    return f"{unit_code}-{PREFIX[kind]}-T{pk}"


def made_up_pk(key: str, kind: str) -> int | None:
    """The row id a made-up key names (:func:`made_up_key`), or None."""
    marker = f"-{PREFIX[kind]}-T"
    head, sep, tail = key.rpartition(marker)
    return int(tail) if sep and head and tail.isdigit() and not tail.startswith("0") else None
