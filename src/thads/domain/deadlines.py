"""Open statutory deadlines of one case, computed from its history. Pure Python (no Django import).

:func:`open_deadlines` replays a case's acts (:class:`ActRecord`, oldest first) against the versioned rules of
:mod:`thads.domain.deadline_rules`: each act first closes the deadlines it fulfils or makes moot, then opens the
deadlines it triggers under the rule set in force on its date. What is left open is counted on a
:class:`~thads.domain.calendar.WorkCalendar` (Civil Code Arts. 147–148; THADS.md §9) and returned with its due date,
legal basis and whether it is overdue on ``today``.

Semantics worth knowing:

* **Acts.** ``ActRecord.act`` is an :class:`~thads.domain.act_types.Act` value, a contract event kind of
  interchange.md (``payment``, ``classified_unable``…, mapped to the act that writes it) or a
  :class:`~thads.domain.deadline_rules.DeadlineAct`; anything else is ignored. A ``classify_unable`` /
  ``classified_unable`` while the case is already "chưa có điều kiện" is a re-verification (contract §1; acts.py).
* **Details read.** ``receive_judgment``: ``interim``, ``bankruptcy``, ``entrusted`` (bools; ``interim`` defaults to
  ``facts.interim``); ``decide``/``receive_request``: ``initiation`` (``chu_dong``/``theo_don``); ``postpone``:
  ``until`` (date or ISO string), ``requested_on`` (ground 48.2: the protest authority's letter, from which the 3
  months run; see :func:`postponement_end`); ``collect``/``payment``/``payout``/``notify_payee``: ``amount``;
  ``classify_unable``/``reverify``: ``long_unable``; ``reduce``: ``exemption``; ``send_to_procuracy``:
  ``decision_on`` (the decision's date; else the oldest open sending is closed), ``count``;
  ``delegate_verification``: ``asset`` (``registered``/``complex``/``other``/``account``/``prison``);
  ``request_information``: ``account``; ``notify_payee``: ``judgment_effective_on``.
* **Money.** A payout (or a notice to a payee who did not come) closes the oldest open payout deadlines up to its
  amount (all of them without an amount); when ``facts.held`` is 0 no payout deadline is returned (so the caller must
  fill ``held`` from the ledger).
* **Clock stopping.** Postponement (except ground 48.1.c) and suspension stop the clock of rules with
  ``stops_clock`` from the day of the postponement/suspension act up to the day before the continuation (or the final
  act); while the case is still halted the deadline is ``paused`` and its due date is where it would be if the
  clock restarted tomorrow. Counting skips the stopped days (working days for a working-day rule).
* **Go-live.** Rules whose trigger or closing act an imported history cannot contain are opened only for triggers
  dated on or after ``go_live``; contract-event rules (re-verification, continuation after a postponement term,
  separate book) are always computed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import attrgetter
from typing import Any, NamedTuple

from thads.domain.act_types import Act, CaseFacts, Intake
from thads.domain.calendar import WorkCalendar
from thads.domain.deadline_rules import (
    FINAL_ACTS,
    NON_STOPPING_GROUNDS,
    RULESETS,
    START_SELECTED_TRIGGERS,
    CountUnit,
    DeadlineAct,
    DeadlineRule,
    RuleSet,
    later_rulesets,
    ruleset_for,
)
from thads.domain.limitation import add_months, add_years
from thads.domain.states import EventKind

__all__ = ["RULESETS", "ActRecord", "Deadline", "DeadlineAct", "DeadlineRule", "PREDICATES", "next_due_soon",
           "open_deadlines", "ruleset_for"]

_ONE = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class ActRecord:
    """One act of a case's history: ``act`` (Act / contract event kind / DeadlineAct value), its legal date, ground
    and details (see the module docstring for the keys read)."""

    act: str
    on: date
    ground: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)


class Deadline(NamedTuple):
    """An open deadline: what (``code``, ``text_vi``), by when (``due``, the last day, inclusive), by whom (``who`` at
    ``level``), why (``article``; ``trigger`` on ``trigger_on`` under ``ruleset``). ``starts_on`` is the day counting
    starts from (not counted itself). ``paused_days``: calendar days the clock stood still inside the counting;
    ``paused``: the clock is stopped now. ``verified`` False = the rule is UNVERIFIED (see the rule's note)."""

    code: str
    ruleset: str
    due: date
    starts_on: date
    trigger: str
    trigger_on: date
    who: str
    article: str
    text_vi: str
    overdue: bool
    paused_days: int = 0
    paused: bool = False
    level: str = "unit"
    period: bool = False
    verified: bool = True


# ------------------------------------------------------------------------------------------------ replay state

_EVENT_ACT: dict[str, str] = {
    EventKind.VERIFIED_ABLE: Act.VERIFY_ABLE, EventKind.CLASSIFIED_UNABLE: Act.CLASSIFY_UNABLE,
    EventKind.POSTPONED: Act.POSTPONE, EventKind.SUSPENDED: Act.SUSPEND, EventKind.RESUMED: Act.RESUME,
    EventKind.SEPARATE_BOOK: Act.SEPARATE_BOOK, EventKind.PAYMENT: Act.COLLECT, EventKind.REDUCED: Act.REDUCE,
    EventKind.TERMINATED: Act.TERMINATE, EventKind.COMPLETED: Act.COMPLETE, EventKind.ENTRUSTED_OUT: Act.ENTRUST_OUT,
    EventKind.REVOKED: Act.REVOKE, EventKind.MOVED: Act.MOVE, EventKind.REASSIGNED: Act.REASSIGN,
}
_ON = attrgetter("on")
_LAZY_STARTS = frozenset({"period", "postponement_end", "forfeit"})  # computed from the record alone
_DUE_CODE = attrgetter("due", "code")
_CLASSIFY, _REVERIFY = Act.CLASSIFY_UNABLE.value, Act.REVERIFY.value
_KNOWN: frozenset[str] = frozenset(a.value for a in Act) | frozenset(a.value for a in DeadlineAct)
_HALTS = frozenset({Act.POSTPONE.value, Act.SUSPEND.value})
_SPELL_ENDS = frozenset({Act.VERIFY_ABLE.value, Act.RESUME.value, Act.SEPARATE_BOOK.value}) | FINAL_ACTS
_STATEFUL = _HALTS | _SPELL_ENDS | frozenset({Act.CLASSIFY_UNABLE.value, Act.REVERIFY.value,
                                              DeadlineAct.PUBLISH_UNABLE.value, DeadlineAct.UNPUBLISH_UNABLE.value})


class _Open:
    """A deadline instance being tracked during the replay (mutable; internal)."""

    __slots__ = ("rule", "rs", "removed", "trigger", "rec", "trigger_on", "starts_on", "remaining")

    def __init__(self, rule: DeadlineRule, rs: RuleSet, trigger: str, rec: ActRecord, starts_on: date | None,
                 remaining: int | None) -> None:
        self.rule = rule
        self.rs = rs
        self.removed = rs.removed_by[rule.code]  # every act that closes or cancels it
        self.trigger = trigger
        self.rec = rec
        self.trigger_on = rec.on
        self.starts_on = starts_on  # None: computed from ``rec`` only if the instance survives (_LAZY_STARTS)
        self.remaining = remaining  # money still to pay out (payout rules), None = unknown


class _State:
    """What the replay knows about the case so far."""

    __slots__ = ("facts", "history", "_on_request", "spell_start", "reverifications", "long", "published", "final",
                 "halt_start", "halt_stops", "pauses")

    def __init__(self, facts: CaseFacts, history: Sequence[ActRecord]) -> None:
        self.facts = facts
        self.history = history
        self._on_request: bool | None = None
        self.spell_start: date | None = None
        self.reverifications = 0
        self.long = facts.long_unable
        self.published = False
        self.final = False
        self.halt_start: date | None = None
        self.halt_stops = False
        self.pauses: list[tuple[date, date]] = []

    @property
    def on_request(self) -> bool:
        """Enforcement on request (Art. 36.1) rather than proactive (Art. 36.2); read lazily (rarely needed)."""
        if self._on_request is None:
            self._on_request = self.facts.intake is Intake.REQUEST or any(
                r.act == Act.RECEIVE_REQUEST or r.details.get("initiation") == "theo_don" for r in self.history)
        return self._on_request

    def end_halt(self, on: date) -> None:
        if self.halt_start is not None and self.halt_stops and on > self.halt_start:
            self.pauses.append((self.halt_start, on - _ONE))
        self.halt_start = None


def _flag(rec: ActRecord, key: str, default: bool = False) -> bool:
    return bool(rec.details.get(key, default))


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _amount(rec: ActRecord) -> int | None:
    value = rec.details.get("amount")
    return None if value is None else int(value)


def _interim(rec: ActRecord, st: _State) -> bool:
    return _flag(rec, "interim", st.facts.interim)


def _asset(rec: ActRecord, st: _State) -> str:
    return "account" if st.facts.interim else str(rec.details.get("asset", "other"))


Predicate = Callable[[ActRecord, _State], bool]

#: ``applies_if`` names → predicates over the triggering record and the replay state (facts are ``st.facts``).
PREDICATES: dict[str, Predicate] = {
    # Art. 36.2: items a–d (5 WD), đ interim measures (immediately), e bankruptcy (3 WD); Art. 57.1.b entrusted in.
    "ordinary_judgment": lambda r, s: not (_interim(r, s) or _flag(r, "bankruptcy") or _flag(r, "entrusted")),
    "interim": _interim,
    "not_interim": lambda r, s: not _interim(r, s),
    "bankruptcy": lambda r, s: _flag(r, "bankruptcy") and not _interim(r, s),
    "entrusted_in": lambda r, s: _flag(r, "entrusted") and not _interim(r, s),
    # Art. 38 applies to decisions; a cassation suspension (49.1) is a notice, not a decision of the agency.
    "is_decision": lambda r, s: not (r.act in (Act.SUSPEND, EventKind.SUSPENDED) and r.ground == "49.1"),
    # Art. 44.2: the creditor is notified after the second re-verification of the spell.
    "second_reverification": lambda r, s: s.reverifications == 2,
    # Decree 62 Art. 9.5.c / Decree 152 Art. 22: no new information pending.
    "no_new_information": lambda r, s: not s.facts.new_information,
    "proactive_no_new_information": lambda r, s: not s.on_request and not s.facts.new_information,
    "on_request_no_new_information": lambda r, s: s.on_request and not s.facts.new_information,
    # Decree 62 Art. 11: removal only of a published debtor.
    "published": lambda r, s: s.published,
    # Art. 50.1.e: an exemption decision is a termination ground.
    "termination_ground": lambda r, s: r.act == DeadlineAct.TERMINATION_GROUND or _flag(r, "exemption"),
    # Art. 44.6.b: account information immediately, other information within 3 WD.
    "account": lambda r, s: _flag(r, "account"),
    "not_account": lambda r, s: not _flag(r, "account"),
    # Decree 62 Art. 9.2 / Decree 152 Art. 21: delegated verification by kind of asset.
    "delegated_registered": lambda r, s: _asset(r, s) == "registered",
    "delegated_complex": lambda r, s: _asset(r, s) == "complex",
    "delegated_other": lambda r, s: _asset(r, s) not in ("registered", "complex"),
    "delegated_other_2026": lambda r, s: _asset(r, s) not in ("registered", "complex", "account", "prison"),
    "delegated_immediate": lambda r, s: _asset(r, s) == "account",
    "delegated_prison": lambda r, s: _asset(r, s) == "prison",
}


# ------------------------------------------------------------------------------------------------ starts


def _start(rule: DeadlineRule, rec: ActRecord, st: _State, cal: WorkCalendar, unit: str | None) -> date | None:
    """Day counting starts from (not counted itself), or None when the rule cannot start (missing data/conditions)."""
    kind = rule.start
    if kind == "trigger":
        return rec.on
    if kind == "period":  # e.g. Art. 44.1: 10 days after the voluntary period (Art. 45.1) ends
        months = rule.params.get("period_months", 0)
        end = add_months(rec.on, months) + timedelta(days=rule.params.get("period_days", 0))
        return cal.roll(end, unit) if rule.roll else end
    if kind == "postponement_end":  # Art. 48.4: the postponement's term; Art. 48.2: 3 months from the request
        return postponement_end(rec, rule.params.get("months_48_2", 3))
    if kind == "separate_book":  # Decree 62 Art. 9.5 / Decree 152 Art. 22 (a)+(b); (c) is the applies_if
        if st.spell_start is None or st.reverifications < rule.params.get("min_reverifications", 2):
            return None
        years = rule.params.get("years_long" if st.long else "years", 1)
        allowed_from = add_years(st.spell_start, years) + _ONE  # the period expires at 24:00 of the anniversary
        return max(allowed_from, rec.on)
    if kind == "forfeit":  # Decree 62 Art. 49.5.a
        effective = _day(rec.details.get("judgment_effective_on"))
        if effective is None:
            return None
        five = add_years(effective, rule.params.get("years_after_judgment", 5))
        end = five if rec.on <= five else add_years(rec.on, rule.params.get("years_after_notice", 1))
        return cal.roll(end, unit)
    raise ValueError(f"{rule.code}: unknown start {kind!r}")


def postponement_end(rec: ActRecord, months_48_2: int = 3) -> date | None:
    """Last day of a postponement (Luật THADS Art. 48.4 continuation counts from it), or None when unknown.

    * Ground 48.2 (request of the person who may protest): at most ``months_48_2`` (3) months **counted from the
      date of the protest authority's request letter** (Art. 48.2: "kể từ ngày ra văn bản yêu cầu hoãn"),
      ``details["requested_on"]`` as the postpone act records it; a stated term ``until`` later than that limit is
      cut to the limit. Fallback for histories that do not carry ``requested_on`` (imported ones: the interchange
      contract has no field for it; postponements recorded before issue 14): the 3 months count from the act's
      own date (the letter never postdates the act, so that is the latest the term can run to; a stated ``until``
      beyond it is cut too).
    * Any other ground: the stated term ``until`` (None when not stated).
    """
    until = _day(rec.details.get("until"))
    if rec.ground != "48.2":
        return until
    requested_on = _day(rec.details.get("requested_on"))
    limit = add_months(requested_on if requested_on is not None else rec.on, months_48_2)
    return limit if until is None else min(until, limit)


# ------------------------------------------------------------------------------------------------ counting


def _count(rule: DeadlineRule, count: int, start: date, cal: WorkCalendar, unit: str | None,
           pauses: Sequence[tuple[date, date]]) -> tuple[date, int, date]:
    """Due date of ``count`` units from ``start`` skipping the ``pauses`` (sorted, merged, inclusive), the calendar
    days skipped, and the last day of the last pause the count ran through (``start`` if none)."""
    cu = rule.unit
    if cu is CountUnit.IMMEDIATELY:
        return (cal.roll(start, unit) if rule.roll else start), 0, start
    skipped = 0
    cursor = start
    if cu is CountUnit.WORKING_DAYS:
        remaining = count
        for first, last in pauses:
            if last <= cursor:
                continue
            first = max(first, cursor + _ONE)
            available = cal.working_days_between(cursor, first - _ONE, unit)
            if available >= remaining:
                break
            remaining -= available
            skipped += (last - first).days + 1
            cursor = last
        return cal.add_working_days(cursor, remaining, unit), skipped, cursor
    remaining = count if cu is CountUnit.CALENDAR_DAYS else (add_months(start, count) - start).days
    for first, last in pauses:
        if last <= cursor:
            continue
        first = max(first, cursor + _ONE)
        available = (first - cursor).days - 1
        if available >= remaining:
            break
        remaining -= available
        skipped += (last - first).days + 1
        cursor = last
    end = cursor + timedelta(days=remaining)
    return (cal.roll(end, unit) if rule.roll else end), skipped, cursor


def _merge(intervals: Sequence[tuple[date, date]]) -> list[tuple[date, date]]:
    out: list[tuple[date, date]] = []
    for first, last in sorted(intervals):
        if out and first <= out[-1][1] + _ONE:
            if last > out[-1][1]:
                out[-1] = (out[-1][0], last)
        else:
            out.append((first, last))
    return out


# ------------------------------------------------------------------------------------------------ replay


def _close(act: str, rec: ActRecord, items: list[_Open]) -> list[_Open]:
    """Remove what ``act`` fulfils (per the rule's close mode) or makes moot. ``items`` are in trigger order
    (the replay appends them chronologically), so "oldest first" needs no sort."""
    details = rec.details
    money = _amount(rec) if details else None
    oldest_budget = int(details.get("count", 1)) if details else 1
    decision_on = _day(details.get("decision_on")) if details else None
    kept: list[_Open] = []
    for item in items:
        if act not in item.removed:
            kept.append(item)
            continue
        rule = item.rule
        if act not in rule.closed_by or rule.close_mode == "all":
            continue
        if rule.close_mode == "oldest":
            if (decision_on is None or item.trigger_on == decision_on) and oldest_budget > 0:
                oldest_budget -= 1
                continue
        elif money is None or item.remaining is None:
            continue  # a payout without an amount (or a collection of unknown amount) closes it
        elif money > 0:
            take = min(money, item.remaining)
            money -= take
            item.remaining -= take
            if item.remaining <= 0:
                continue
        kept.append(item)
    return kept


def _update(act: str, rec: ActRecord, st: _State) -> None:
    """Track the not-yet-able spell, halts, publication and finality (mirrors acts.py / history.py)."""
    if act not in _STATEFUL:
        return
    if act == Act.CLASSIFY_UNABLE:
        st.spell_start, st.reverifications = rec.on, 0
        st.long = st.facts.long_unable or _flag(rec, "long_unable")
    elif act == Act.REVERIFY:
        st.reverifications += 1
        st.long = st.long or _flag(rec, "long_unable")
    elif act in _SPELL_ENDS:
        st.spell_start, st.reverifications = None, 0
    if act in _HALTS:
        st.end_halt(rec.on)
        st.halt_start = rec.on
        st.halt_stops = not (act == Act.POSTPONE and rec.ground in NON_STOPPING_GROUNDS)
    elif act == Act.RESUME or act in FINAL_ACTS:
        st.end_halt(rec.on)
    if act == DeadlineAct.PUBLISH_UNABLE:
        st.published = True
    elif act == DeadlineAct.UNPUBLISH_UNABLE:
        st.published = False
    if act in FINAL_ACTS:
        st.final = True


def _opened(act: str, rec: ActRecord, st: _State, cal: WorkCalendar, unit: str | None, gated: bool,
            rules: Sequence[DeadlineRule], rs: RuleSet, out: list[_Open]) -> None:
    """Append the instances ``rules`` (triggered by ``act``, of rule set ``rs``) open for ``rec``."""
    for rule in rules:
        if (gated and not rule.contract_known) or (st.final and not rule.survives_final):
            continue
        if rule.applies_if is not None and not PREDICATES[rule.applies_if](rec, st):
            continue
        kind = rule.start
        if kind == "trigger":
            start: date | None = rec.on
        elif kind in _LAZY_STARTS:
            start = None  # depends on the record only: computed at the end for the instances still open
        else:
            start = _start(rule, rec, st, cal, unit)
            if start is None:
                continue
        remaining = None
        if rule.close_mode == "amount":
            remaining = _amount(rec)
            if remaining is not None and remaining <= 0:
                continue  # nothing collected, nothing to pay out
        out.append(_Open(rule, rs, act, rec, start, remaining))


def _opened_by_start(act: str, rec: ActRecord, st: _State, cal: WorkCalendar, unit: str | None, gated: bool,
                     rs: RuleSet, out: list[_Open]) -> None:
    """Rules whose rule set is chosen by their start (Decree 152/2026 Art. 115): the trigger's set, or the first
    later set in force on the start date computed under it."""
    for candidate in later_rulesets(rs):
        chosen: list[_Open] = []
        _opened(act, rec, st, cal, unit, gated, candidate.by_trigger_start.get(act, ()), candidate, chosen)
        if not any(item.starts_on is not None and ruleset_for(item.starts_on).effective_from >
                   candidate.effective_from for item in chosen):
            out.extend(chosen)
            return


def open_deadlines(history: Sequence[ActRecord], facts: CaseFacts, calendar: WorkCalendar, today: date,
                   go_live: date | None = None) -> list[Deadline]:
    """The open deadlines of one case on ``today``, sorted by due date then code (see the module docstring).

    ``history``: the case's acts in entry order (sorted here by date, stably). ``facts``: the case's current facts
    (unit for unit closures, ``interim``, ``long_unable``, ``new_information``, ``intake``, ``held``).
    ``go_live``: the unit's go-live date (None = every rule is computed for every trigger).
    """
    st = _State(facts, history)
    unit = facts.unit
    items: list[_Open] = []
    for rec in sorted(history, key=_ON):
        act = _EVENT_ACT.get(rec.act, rec.act)
        if act not in _KNOWN:
            continue
        if act == _CLASSIFY and st.spell_start is not None:
            act = _REVERIFY  # a decision "chưa có điều kiện" inside a spell re-verifies (contract §1; acts.py)
        for item in items:
            if act in item.removed:
                items = _close(act, rec, items)
                break
        if act in _STATEFUL:
            _update(act, rec, st)
        rs = ruleset_for(rec.on)
        gated = go_live is not None and rec.on < go_live
        direct = rs.by_trigger_direct.get(act)
        if direct:
            _opened(act, rec, st, calendar, unit, gated, direct, rs, items)
        if act in START_SELECTED_TRIGGERS:
            _opened_by_start(act, rec, st, calendar, unit, gated, rs, items)
    ongoing = st.halt_start is not None and st.halt_stops and st.halt_start <= today
    pauses = _merge(st.pauses + ([(st.halt_start, today)] if ongoing else []))  # type: ignore[list-item]
    out: list[Deadline] = []
    for item in items:
        rule = item.rule
        if rule.close_mode == "amount" and facts.held <= 0:
            continue
        starts_on = item.starts_on or _start(rule, item.rec, st, calendar, unit)
        if starts_on is None:
            continue
        count = rule.count_long if (rule.count_long is not None and st.long) else rule.count
        due, skipped, through = _count(rule, count, starts_on, calendar, unit, pauses if rule.stops_clock else ())
        if rule.period and due < today:
            continue
        paused = ongoing and rule.stops_clock and skipped > 0 and through == today
        out.append(Deadline(rule.code, item.rs.name, due, starts_on, item.trigger, item.trigger_on, rule.who,
                            rule.article, rule.text_vi, today > due and not paused and not rule.period, skipped,
                            paused, rule.level, rule.period, rule.verified))
    out.sort(key=_DUE_CODE)
    return out


def next_due_soon(deadlines: Sequence[Deadline], today: date, calendar: WorkCalendar, n_working_days: int = 3,
                  unit: str | None = None) -> list[Deadline]:
    """Duties (not periods) not yet overdue that fall due from ``today`` up to the ``n_working_days``-th working day
    after it (the work queue's "due soon"), by due date."""
    horizon = calendar.add_working_days(today, n_working_days, unit)
    return sorted((d for d in deadlines if not d.overdue and not d.period and today <= d.due <= horizon),
                  key=lambda d: (d.due, d.code))
