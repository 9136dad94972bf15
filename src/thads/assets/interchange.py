"""Reading the records of debtors' assets and measures (``docs/interchange-assets.md``) in ``thads import``: the
validators registered in ``cases.interchange_ext`` (``interchange_hooks``), one per record type, run in type order
after the §1 records were validated. The field rules are pure (``domain.assets_records``); here: references (to
cases, units and the records of earlier types, in the file before the record or stored), the debtor register (a case
in one register; an ID number once per unit), dates against the case's history (not before its decision, no new
measure after it ended, coercion after the voluntary period, coercion plans on allowed days), payments named by
position among the case's events, and the comparison with what is stored (``Importing again``).

Each validator records one ``line N: reason`` per invalid record and returns :class:`Item` s for the writers
(``interchange_write``); a record that names an invalid record is invalid (``--skip-invalid``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from thads.assets.interchange_rows import Keys, chunks, find, stored_records
from thads.assets.models import Debtor, DebtorCase
from thads.cases.interchange_ext import INVALID, OK, ExtContext
from thads.domain.assets_records import ORDER, SPECS, day, parse, voluntary_error
from thads.domain.coercion_calendar import rest_day_refusal, tet_refusal
from thads.domain.interchange import ExtRecord, InvalidRecord
from thads.domain.states import FINAL_STATES, EventKind

#: The reference fields and the record type each names.
REFS = {"debtor": "debtor", "asset": "asset", "measure": "measure", "plan": "coercion_plan", "auction": "auction"}
#: Lists within a record that a later file may extend (stored entries first, then new ones).
GROWING = {"measure": "events", "auction": "sessions", "debtor": "cases"}


@dataclass
class Item:
    """What a writer writes for one valid record: a new row (``op`` "new"), or what it adds to the stored row ``pk``
    ("append": the entries after ``start``; "links": cases for a debtor's register). ``units``: the unit holding the
    case on each date the rows need (record date, entry dates)."""

    kind: str
    rec: dict[str, Any]
    line: int
    op: str = "new"
    pk: int | None = None
    start: int = 0
    units: dict[str, str] = field(default_factory=dict)
    new_cases: list[str] = field(default_factory=list)


def _label(kind: str) -> str:
    return {"coercion_plan": "coercion plan", "info_request": "information request"}.get(kind, kind)


class _State:
    """The assets records of one file: parsed, with their statuses, and what is stored for them."""

    def __init__(self, ctx: ExtContext) -> None:
        self.ctx = ctx
        self.records: dict[str, list[tuple[int, dict[str, Any]]]] = {k: [] for k in SPECS}
        self.first: dict[str, dict[str, int]] = {k: {} for k in SPECS}
        self.status: dict[str, dict[str, str]] = {k: {} for k in SPECS}
        self.valid: dict[str, dict[str, dict[str, Any]]] = {k: {} for k in SPECS}
        self.stored_pk: dict[str, dict[str, int]] = {}
        self.stored: dict[str, dict[str, dict[str, Any]]] = {}
        self.register: dict[str, str] = {}  # case id → debtor key
        self.id_numbers: dict[tuple[str, str], str] = {}  # (unit, ID number) → debtor key
        self.final: dict[str, date | None] = {}
        self._read(ctx.result.extra)
        self._load()

    def _read(self, extra: list[ExtRecord]) -> None:
        for ext in extra:
            if ext.type not in SPECS:
                continue
            key = ext.obj.get("id") if isinstance(ext.obj.get("id"), str) else None
            if key and key in self.first[ext.type]:
                self.ctx.error(ext.line, f"duplicate {_label(ext.type)} id '{key}'")
                continue
            if key:
                self.first[ext.type][key] = ext.line
            try:
                self.records[ext.type].append((ext.line, parse(ext.obj)))
            except InvalidRecord as exc:
                self.ctx.error(ext.line, exc.reason)
                if key:
                    self.status[ext.type][key] = INVALID

    def _load(self) -> None:
        """What is stored: the rows the file's keys name (its own records and their references), the register of
        the cases it names, the debtors of the ID numbers it gives; the stored cases it names."""
        wanted: dict[str, set[str]] = {k: set() for k in SPECS}
        cases: set[str] = set()
        for kind, recs in self.records.items():
            for _, rec in recs:
                wanted[kind].add(rec["id"])
                for ref, target in REFS.items():
                    if rec.get(ref):
                        wanted[target].add(rec[ref])
                cases.update(rec.get("cases", ()))
                if rec.get("case"):
                    cases.add(rec["case"])
        for kind, keys in wanted.items():
            self.stored_pk[kind] = find(kind, keys) if keys else {}
            by_pk = stored_records(kind, self.stored_pk[kind].values()) if keys else {}
            self.stored[kind] = {key: by_pk[pk] for key, pk in self.stored_pk[kind].items()}
        self.ctx.preload(cases)
        keys = Keys()
        for chunk in chunks(sorted(cases)):
            links = list(DebtorCase.objects.filter(case__ext_id__in=chunk).values_list("case__ext_id", "debtor_id"))
            keys.load("debtor", [d for _, d in links])
            self.register.update((case_id, keys.key("debtor", d)) for case_id, d in links)
        numbers = {rec["id_number"] for _, rec in self.records["debtor"] if rec.get("id_number")}
        for chunk in chunks(sorted(numbers)):
            rows = list(Debtor.objects.filter(id_number__in=chunk).values_list("pk", "unit_id", "id_number"))
            keys.load("debtor", [pk for pk, _, _ in rows])
            self.id_numbers.update(((keys.units[u], n), keys.key("debtor", pk)) for pk, u, n in rows)

    # -- references ------------------------------------------------------------------------------------------------
    def ref_error(self, kind: str, key: str, line: int) -> str | None:
        first = self.first[kind].get(key)
        if first is not None:
            if first > line:
                return f"unknown {_label(kind)} '{key}'"
            return None if self.status[kind].get(key) == OK else f"{_label(kind)} '{key}' is invalid"
        return None if key in self.stored_pk[kind] else f"unknown {_label(kind)} '{key}'"

    def refs_error(self, rec: dict[str, Any], line: int) -> str | None:
        for ref, target in REFS.items():
            if rec.get(ref) and (reason := self.ref_error(target, rec[ref], line)):
                return reason
        if rec.get("case"):
            return self.ctx.case_error(rec["case"], line)
        return None

    def of(self, kind: str, key: str) -> dict[str, Any]:
        """A valid referenced record: the file's, else the stored one."""
        return self.valid[kind].get(key) or self.stored[kind][key]

    def in_register(self, case_id: str, debtor: str) -> str | None:
        if self.register.get(case_id) != debtor:
            return f"case '{case_id}' is not in the register of debtor '{debtor}'"
        return None

    # -- the case's history ----------------------------------------------------------------------------------------
    def unit_on(self, case_id: str, on: date) -> str:
        return self.ctx.history(case_id).state_at(on).unit

    def ended_on(self, case_id: str) -> date | None:
        if case_id not in self.final:
            ended = None
            for ev, snap in self.ctx.history(case_id).snapshots():
                if snap.state in FINAL_STATES:
                    ended = ev.on
                    break
            self.final[case_id] = ended
        return self.final[case_id]

    def not_before_decision(self, case_id: str, on: date, what: str) -> str | None:
        decided = self.ctx.history(case_id).case.decided_on
        if on < decided:
            return f"{what} is dated before the case's decision to enforce ({decided.isoformat()})"
        return None

    # -- the store -------------------------------------------------------------------------------------------------
    def against_store(self, kind: str, rec: dict[str, Any], line: int) -> tuple[str | None, Item | None]:
        """(error, item): a new record, or one equal to the stored one except for a list it may extend."""
        key = rec["id"]
        pk = self.stored_pk[kind].get(key)
        if pk is None:
            return None, Item(kind, rec, line)
        stored = self.stored[kind][key]
        grow = GROWING.get(kind)
        if {k: v for k, v in rec.items() if k != grow} != {k: v for k, v in stored.items() if k != grow}:
            return f"conflicts with the stored {_label(kind)} '{key}'", None
        if grow is None or kind == "debtor":
            return None, Item(kind, rec, line, op="same", pk=pk)
        mine, theirs = rec.get(grow, []), stored.get(grow, [])
        if mine[:len(theirs)] == theirs:
            return None, Item(kind, rec, line, op="append" if len(mine) > len(theirs) else "same", pk=pk,
                              start=len(theirs))
        if theirs[:len(mine)] == mine:  # an older export: nothing new
            return None, Item(kind, rec, line, op="same", pk=pk)
        return f"conflicts with the stored {grow} of {_label(kind)} '{key}'", None

    def accept(self, item: Item, items: list[Item]) -> None:
        key = item.rec["id"]
        self.status[item.kind][key] = OK
        self.valid[item.kind][key] = item.rec
        if item.op == "same" and not item.new_cases:
            self.ctx.unchanged += 1
        else:
            items.append(item)

    def reject(self, kind: str, rec: dict[str, Any], line: int, reason: str) -> None:
        self.ctx.error(line, reason)
        self.status[kind][rec["id"]] = INVALID


def _state(ctx: ExtContext) -> _State:
    state = ctx.shared.get("assets")
    if state is None:
        state = ctx.shared["assets"] = _State(ctx)
    return state


# --- the validators, one per record type (registered in interchange_hooks) -----------------------------------------

def _run(kind: str, check, ctx: ExtContext) -> list[Item]:
    """The records of ``kind`` in file order: ``check(state, rec, line)`` gives the reason it is invalid or the
    units the writer needs; then the comparison with the store."""
    state = _state(ctx)
    items: list[Item] = []
    for line, rec in state.records[kind]:
        if state.first[kind].get(rec["id"]) != line:
            continue
        result = state.refs_error(rec, line) or check(state, rec, line)
        if isinstance(result, str):
            state.reject(kind, rec, line, result)
            continue
        reason, item = state.against_store(kind, rec, line)
        if reason is not None or item is None:
            state.reject(kind, rec, line, reason or "")
            continue
        item.units = result or {}
        if kind == "debtor":
            item.new_cases = [c for c in rec.get("cases", ()) if state.register.get(c) != rec["id"]]
            if item.op == "same" and item.new_cases:
                item.op = "links"
            for case_id in rec.get("cases", ()):
                state.register[case_id] = rec["id"]
            if rec.get("id_number"):
                state.id_numbers[(rec["unit"], rec["id_number"])] = rec["id"]
        state.accept(item, items)
    return items


def _debtor(state: _State, rec: dict[str, Any], line: int) -> str | dict | None:
    """A unit of the file or stored; each case valid and in no other register (a case belongs to one debtor's
    register, ``DebtorCase``); an ID number once per unit (``Debtor`` unique (unit, id_number))."""
    reason = state.ctx.unit_error(rec["unit"])
    for case_id in rec.get("cases", ()):
        reason = reason or state.ctx.case_error(case_id, line)
        other = state.register.get(case_id)
        if reason is None and other is not None and other != rec["id"]:
            reason = f"case '{case_id}' is already in the register of debtor '{other}'"
    holder = state.id_numbers.get((rec["unit"], rec.get("id_number", "")))
    if reason is None and rec.get("id_number") and holder not in (None, rec["id"]):
        reason = f"unit '{rec['unit']}' already has a debtor with this ID number (debtor '{holder}')"
    return reason


def _asset(state: _State, rec: dict[str, Any], line: int) -> str | dict | None:
    return None


def _own_asset(state: _State, rec: dict[str, Any], debtor: str) -> str | None:
    if rec.get("asset") and state.of("asset", rec["asset"])["debtor"] != debtor:
        return f"asset '{rec['asset']}' is not of debtor '{debtor}'"
    return None


def _request(state: _State, rec: dict[str, Any], line: int) -> str | dict | None:
    """Art. 44.6: a request sent for one of the debtor's cases, after its decision to enforce."""
    case_id, on = rec["case"], day(rec, "requested_on")
    return (state.in_register(case_id, rec["debtor"]) or _own_asset(state, rec, rec["debtor"])
            or state.not_before_decision(case_id, on, "the request")
            or {"requested_on": state.unit_on(case_id, on)})


def _measure(state: _State, rec: dict[str, Any], line: int) -> str | dict | None:
    """Luật THADS Arts. 45, 46, 66–71: on a case of the debtor's register, decided after the case's decision and not
    after the case ended; a coercive measure after the voluntary period unless ``details.urgent`` (Art. 45.2); a
    collection names a payment event of the case dated on or before it."""
    case_id, on = rec["case"], day(rec, "decided_on")
    reason = (state.in_register(case_id, rec["debtor"]) or _own_asset(state, rec, rec["debtor"])
              or state.not_before_decision(case_id, on, "the measure"))
    if reason:
        return reason
    ended = state.ended_on(case_id)
    if ended is not None and on > ended:
        return f"the measure is decided after the case ended ({ended.isoformat()})"
    if not (rec.get("details") or {}).get("urgent"):
        reason = voluntary_error(rec["kind"], on, state.ctx.history(case_id).case.decided_on)
        if reason:
            return reason
    events = state.ctx.history(case_id).events
    units = {}
    for n, ev in enumerate(rec["events"], 1):
        units[ev["on"]] = state.unit_on(case_id, day(ev, "on"))
        position = ev.get("payment")
        if position is None:
            continue
        if position > len(events) or events[position - 1].kind is not EventKind.PAYMENT:
            return f"event {n}: event {position} of case '{case_id}' is not a payment"
        if events[position - 1].on.isoformat() > ev["on"]:
            return f"event {n}: payment {position} of case '{case_id}' is dated after the collection"
    return units


def _valuation(state: _State, rec: dict[str, Any], line: int) -> str | dict | None:
    measure = rec.get("measure")
    if measure and state.of("measure", measure).get("asset") not in (None, rec["asset"]):
        return f"measure '{measure}' is not on asset '{rec['asset']}'"
    return None


def _plan(state: _State, rec: dict[str, Any], line: int) -> str | dict | None:
    """Art. 72 plan of a case (its measure of the same case); Art. 46.2 and Decree 62/2015 Art. 13.2 (Decree
    152/2026 Art. 42): not on a rest day or holiday, nor with mobilised forces around Tết (``domain.coercion_calendar``
    over the calendar of the deadline engine)."""
    case_id, on = rec["case"], date.fromisoformat(rec["starts_at"][:10])
    if rec.get("measure") and state.of("measure", rec["measure"])["case"] != case_id:
        return f"measure '{rec['measure']}' is of another case"
    reason = state.not_before_decision(case_id, on, "the plan")
    if reason:
        return reason
    calendar = _calendar(state)
    if calendar is not None and calendar.first_year <= on.year <= calendar.last_year:
        if rest_day_refusal(on, calendar):
            return f"no coercion on {on.isoformat()}, a rest day or holiday (Luật THADS Art. 46.2)"
        if tet_refusal(on, calendar, mobilised_forces=rec["mobilised_forces"]):
            return (f"no coercion with mobilised forces on {on.isoformat()}, within 15 days of Tết (Decree 62/2015 "
                    "Art. 13.2; Decree 152/2026 Art. 42)")
    return {"starts_at": state.unit_on(case_id, on)}


def _calendar(state: _State):
    if "calendar" not in state.ctx.shared:
        from thads.deadlines.service import current_calendar

        state.ctx.shared["calendar"] = current_calendar()
    return state.ctx.shared["calendar"]


def _cost(state: _State, rec: dict[str, Any], line: int) -> str | dict | None:
    case_id, on = rec["case"], day(rec, "on")
    if rec.get("plan") and state.of("coercion_plan", rec["plan"])["case"] != case_id:
        return f"coercion plan '{rec['plan']}' is of another case"
    return state.not_before_decision(case_id, on, "the cost") or {"on": state.unit_on(case_id, on)}


def _auction(state: _State, rec: dict[str, Any], line: int) -> str | dict | None:
    """Art. 101: the contract for an asset of the case's debtor (its distraint, when named, on that asset); sessions
    need the case."""
    asset = state.of("asset", rec["asset"])
    case_id = rec.get("case")
    if rec.get("sessions") and not case_id:
        return "missing field 'case' (an auction with sessions)"
    if rec.get("measure") and state.of("measure", rec["measure"]).get("asset") not in (None, rec["asset"]):
        return f"measure '{rec['measure']}' is not on asset '{rec['asset']}'"
    if not case_id:
        return None
    reason = (state.in_register(case_id, asset["debtor"])
              or state.not_before_decision(case_id, day(rec, "signed_on"), "the contract"))
    return reason or {s["held_on"]: state.unit_on(case_id, day(s, "held_on")) for s in rec.get("sessions", ())}


def _disposal(state: _State, rec: dict[str, Any], line: int) -> str | dict | None:
    """Arts. 101–104, 126: an asset of the case's debtor; a sale names its sold session, an asset taken by the
    creditor an unsold one; not before the session."""
    case_id, on = rec["case"], day(rec, "on")
    reason = state.in_register(case_id, state.of("asset", rec["asset"])["debtor"])
    if reason:
        return reason
    if rec.get("auction"):
        auction = state.of("auction", rec["auction"])
        if auction["asset"] != rec["asset"]:
            return f"auction '{rec['auction']}' is not of asset '{rec['asset']}'"
        sessions = auction.get("sessions", [])
        number = rec.get("session")
        if number is not None:
            if number > len(sessions):
                return f"auction '{rec['auction']}' has no session {number}"
            outcome = sessions[number - 1]["outcome"]
            if (rec["kind"] == "sold") != (outcome == "sold"):
                return f"session {number} of auction '{rec['auction']}' is '{outcome}'"
            if on.isoformat() < sessions[number - 1]["held_on"]:
                return f"dated before session {number} of auction '{rec['auction']}'"
    return state.not_before_decision(case_id, on, "the disposal") or {"on": state.unit_on(case_id, on)}


CHECKS = {"debtor": _debtor, "asset": _asset, "info_request": _request, "measure": _measure,
          "valuation": _valuation, "coercion_plan": _plan, "cost": _cost, "auction": _auction,
          "disposal": _disposal}


def validator(kind: str):
    """The registered validator of ``kind`` (``cases.interchange_ext``)."""
    check = CHECKS[kind]

    def validate(records: list[ExtRecord], ctx: ExtContext) -> list[Item]:
        return _run(kind, check, ctx)

    validate.__name__ = f"validate_{kind}"
    return validate


assert set(CHECKS) == set(ORDER)
