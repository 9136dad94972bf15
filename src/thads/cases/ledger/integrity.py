"""Proof that the money records agree (``thads check-integrity``, issue 13 item 4).

The case history is the one record of money; the ledger rows and the cached outstanding amounts are derived from
it. ``money_findings`` checks, case by case (chunks of ``CHUNK`` cases, a bounded number of queries each):

* every money event's ledger rows are exactly the derived ones (``thads.domain.ledger.ledger_lines``): the same
  kinds and amounts, with the event's obligation and date, pointing at the event — no row missing, none extra;
* no ledger row without its money event (no event, or an event of another kind or case);
* ``Obligation.outstanding`` = its amount − its payments − its reductions, and ``Case.outstanding`` = the amounts of
  its obligations − all its payments and reductions (what the history implies, interchange.md §1 "outstanding").

A payout entered before its fee was kept in its details (``details["fee"]``) is checked with the fee its stored
``PHI_THA`` row says (counted as ``legacy_payouts``).

A refund of the fee (``fee_relief`` row, TT 216/2016 Art. 7: one ``HOAN_TRA`` row) must name a payout of its case
(``details["payout_seq"]``), and the refunds of one payout never exceed the fee withheld from it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from thads.cases.ledger.models import LedgerEntry
from thads.cases.models import Case, CaseEvent, Obligation
from thads.domain.ledger import FEE_RELIEF_EVENT, MONEY_EVENTS, ledger_lines
from thads.domain.money import LedgerKind
from thads.lib.numbers import format_vnd

CHUNK = 5000
Finding = tuple[str, str]


@dataclass
class MoneyCounts:
    cases: int = 0
    events: int = 0
    ledger_rows: int = 0
    obligations: int = 0
    legacy_payouts: int = 0


def money_counts() -> MoneyCounts:
    """What a money check covers (for the command's summary line)."""
    return MoneyCounts(cases=Case.objects.count(), events=CaseEvent.objects.filter(kind__in=MONEY_EVENTS).count(),
                       ledger_rows=LedgerEntry.objects.count(), obligations=Obligation.objects.count(),
                       legacy_payouts=CaseEvent.objects.filter(kind="payout").exclude(details__has_key="fee").count())


def _details(raw) -> dict:
    if isinstance(raw, str):
        return json.loads(raw) if raw else {}
    return dict(raw or {})


def money_findings() -> Iterator[Finding]:
    """Every disagreement between the history, the ledger and the cached amounts (see the module docstring)."""
    last = 0
    while True:
        rows = list(Case.objects.filter(id__gt=last).order_by("id").values_list("id", "ext_id", "outstanding")
                    [:CHUNK])
        if not rows:
            return
        last = rows[-1][0]
        yield from _chunk_findings(rows)


def _chunk_findings(cases: list[tuple[int, str, int]]) -> Iterator[Finding]:
    ids = [case_id for case_id, _, _ in cases]
    events = list(CaseEvent.objects.filter(case_id__in=ids, kind__in=MONEY_EVENTS).order_by("case_id", "seq")
                  .values_list("id", "case_id", "seq", "kind", "amount", "on", "obligation_id", "details",
                               "obligation__beneficiary"))
    rows: dict[int | None, list[tuple]] = defaultdict(list)
    for row in LedgerEntry.objects.filter(case_id__in=ids).order_by("id").values_list(
            "id", "case_id", "event_id", "kind", "amount", "obligation_id", "on"):
        rows[row[2]].append(row)
    names = {case_id: ext_id for case_id, ext_id, _ in cases}
    moved_by_ob: dict[int, int] = defaultdict(int)
    moved_by_case: dict[int, int] = defaultdict(int)
    unallocated: set[int] = set()  # cases with a money event naming no obligation: only their total is checked
    event_case: dict[int, int] = {}  # money event → its case
    fees: dict[tuple[int, int], int] = {}  # (case, payout seq) → fee withheld
    refunds: dict[tuple[int, int], list[int]] = defaultdict(list)  # (case, payout seq) → [refund event seq, amount]
    for ev_id, case_id, seq, kind, amount, on, ob_id, details, beneficiary in events:
        event_case[ev_id] = case_id
        if kind == "payout":
            fees[case_id, seq] = int(_details(details).get("fee") or 0)
        elif kind == FEE_RELIEF_EVENT and amount:
            refunds[case_id, int(_details(details).get("payout_seq") or 0)] += [seq, amount]
        stored = rows.get(ev_id, [])
        if kind in ("payment", "reduced") and amount:
            moved_by_case[case_id] += amount
            if ob_id is None:
                unallocated.add(case_id)
            else:
                moved_by_ob[ob_id] += amount
        fee = _details(details).get("fee")
        if fee is None:  # a payout entered before the fee was kept: the fee its row says
            fee = sum(r[4] for r in stored if r[3] == LedgerKind.PHI_THA)
        try:
            derived = ledger_lines(kind, amount, beneficiary or "", fee)
        except ValueError as exc:
            yield names[case_id], f"event #{seq} ({kind}): {exc}"
            continue
        want = sorted((line.kind.value, line.amount, ob_id, on, ev_id) for line in derived)
        have = sorted((r[3], r[4], r[5], r[6], r[2]) for r in stored if r[1] == case_id)
        if want != have:
            yield names[case_id], (f"event #{seq} ({kind} {format_vnd(amount or 0)}): ledger rows "
                                   f"{_rows(have)} ≠ derived {_rows(want)}")
    yield from _refund_findings(fees, refunds, names)
    for event_id, stored in rows.items():
        owner = event_case.get(event_id)
        for row in stored:
            if owner is None:
                yield names[row[1]], f"ledger row {row[0]} ({row[3]} {format_vnd(row[4])}) without its money event"
            elif row[1] != owner:  # a row of this case pointing at another case's money event
                yield names[row[1]], (f"ledger row {row[0]} ({row[3]} {format_vnd(row[4])}) points at a money event "
                                      f"of case {names[owner]}, not of its own case")
    implied: dict[int, int] = defaultdict(int)
    for ob_id, case_id, amount, outstanding in Obligation.objects.filter(case_id__in=ids).values_list(
            "id", "case_id", "amount", "outstanding"):
        implied[case_id] += amount
        if case_id not in unallocated and amount - moved_by_ob.get(ob_id, 0) != outstanding:
            yield names[case_id], (f"obligation outstanding {format_vnd(outstanding)} ≠ "
                                   f"{format_vnd(amount - moved_by_ob.get(ob_id, 0))} implied by the history")
    for case_id, ext_id, outstanding in cases:
        expected = implied.get(case_id, 0) - moved_by_case.get(case_id, 0)
        if case_id in implied and outstanding != expected:
            yield ext_id, (f"case outstanding {format_vnd(outstanding)} ≠ {format_vnd(expected)} implied by the "
                           "history")


def _refund_findings(fees: dict, refunds: dict, names: dict) -> Iterator[Finding]:
    """Fee refunds (TT 216/2016 Art. 7) against the fee withheld from the payout each names."""
    for (case_id, payout_seq), pairs in refunds.items():
        total = sum(pairs[1::2])
        if (case_id, payout_seq) not in fees:
            yield names[case_id], f"fee refund #{pairs[0]} names payout #{payout_seq}, which is not a payout of the case"
        elif total > fees[case_id, payout_seq]:
            yield names[case_id], (f"fee refunds {format_vnd(total)} of payout #{payout_seq} exceed the fee withheld "
                                   f"{format_vnd(fees[case_id, payout_seq])}")


def _rows(rows: list[tuple]) -> str:
    return "[" + ", ".join(f"{kind} {format_vnd(amount)}" for kind, amount, *_ in rows) + "]"


__all__ = ["MoneyCounts", "money_counts", "money_findings"]
