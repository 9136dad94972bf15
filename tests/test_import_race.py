"""An import racing with acts on the same case loses no money (issue 12, hole 9), on both databases.

The race is made deterministic: ``importer.check`` (the import's validation, which reads the store before the
import's transaction) is wrapped so that, once it has read, an officer's collection on the file's case runs to its end
in another thread, with its own database connection, before the import goes on to write. The file's history of that
case is then no longer a prefix of the stored one, so the interchange contract says conflict (interchange.md §1
"Importing again"): the import must refuse with ``line N: conflicts …`` and write nothing, or, if it writes, every
cached amount and statistics cell must agree with the history. Either way ``thads check-integrity`` stays clean.
"""

from __future__ import annotations

import json
import threading
import time
from datetime import date

import pytest
from django.db import OperationalError, connection, transaction
from django.utils import timezone

from tests.test_import_export import _demo_file
from thads.cases import importer
from thads.cases.actions import ActRefused, do_act
from thads.cases.exporter import export_lines
from thads.cases.importer import import_data
from thads.cases.ledger.models import LedgerEntry, LedgerKind
from thads.cases.models import Case, CaseEvent, Obligation
from thads.cases.records import case_history
from thads.deadlines.integrity import run_checks
from thads.domain.contrib import month_of, statistical_year_of
from thads.domain.report import compute_report, statistical_year_period
from thads.org.models import Unit, User
from thads.stats.service import iter_histories, official_report

COLLECTED = 500_000
PAID_IN_FILE = 100_000


@pytest.fixture
def province(transactional_db):
    """The demo province with a small history, a superuser who may act on every case, and case X: enforcing, with an
    obligation large enough for both the web collection and the file's payment."""
    assert import_data(_demo_file(size=120)).errors == []
    root = User.objects.create_superuser("root", "root@example.invalid", "Mat-khau-Goc-2025")
    for case in Case.objects.filter(state="ENFORCING").order_by("ext_id").prefetch_related("obligations"):
        ob = max(case.obligations.all(), key=lambda o: o.outstanding)
        if ob.outstanding >= 2 * (COLLECTED + PAID_IN_FILE):
            return root, case, ob
    pytest.fail("the generated province has no enforcing case with enough outstanding")


def _file_with_payment(case: Case, ob: Obligation, on: date | None = None) -> tuple[str, int]:
    """The province's export plus one payment on ``case`` (its line number in the file is returned)."""
    lines = list(export_lines(Unit.objects.get(code="HUE")))
    on = on or max(case.last_event_on or case.decided_on, date(2026, 11, 30))
    lines.append(json.dumps({"type": "event", "case": case.ext_id, "on": on.isoformat(), "kind": "payment",
                             "obligation": ob.code, "amount": PAID_IN_FILE}, ensure_ascii=False))
    return "\n".join(lines) + "\n", len(lines)


def _collect(user, case_pk: int, outcome: list) -> None:
    """An officer's collection through the act the web form calls, in its own thread and connection."""
    try:
        do_act(user, case_pk, "collect", timezone.localdate(), amount=COLLECTED, receipt_no="BL-RACE")
        outcome.append("recorded")
    except OperationalError as exc:  # SQLite's lock (the web answers it with the busy page, see test_busy_database)
        outcome.append(f"locked: {exc}")
    finally:
        connection.close()


def _may_collect(user, case: Case) -> bool:
    """Whether the collection would be accepted now (tried, then rolled back)."""
    try:
        with transaction.atomic():
            do_act(user, case.pk, "collect", timezone.localdate(), amount=COLLECTED, receipt_no="BL-TRY")
            transaction.set_rollback(True)
    except ActRefused:
        return False
    return True


def _assert_consistent() -> None:
    """Cached amounts agree with the history and the ledger, the statistics cells with the pure definition."""
    today = timezone.localdate()
    findings = run_checks(today)
    assert findings["ledger and state disagree"] == []
    for case in Case.objects.prefetch_related("obligations"):
        snap = case_history(case).state_at(today)
        assert case.outstanding == snap.outstanding, case.ext_id
        assert {o.code: o.outstanding for o in case.obligations.all()} == snap.by_obligation(), case.ext_id
        assert case.event_count == case.events.count(), case.ext_id
    collected = sum(LedgerEntry.objects.filter(kind=LedgerKind.THU).values_list("amount", flat=True))
    paid = sum(CaseEvent.objects.filter(kind="payment").values_list("amount", flat=True))
    assert collected == paid
    year, k = statistical_year_of(today), month_of(today)
    histories = list(iter_histories(Case.objects.all()))
    parents = {u.code: (u.parent.code if u.parent_id else None) for u in Unit.objects.select_related("parent")}
    d_from, d_to = statistical_year_period(year, k)
    assert official_report(Unit.objects.get(code="HUE"), year, k) == compute_report(histories, parents, "HUE",
                                                                                   d_from, d_to)


def test_a_collection_between_the_imports_reading_and_writing_makes_it_refuse_the_conflict(province, monkeypatch):
    root, case, ob = province
    data, line = _file_with_payment(case, ob)
    outstanding_before = case.outstanding
    outcome: list[str] = []
    read = importer.check

    def check_then_collect(data):
        result = read(data)
        if not outcome:  # the first read only: the import's validation, before its transaction
            worker = threading.Thread(target=_collect, args=(root, case.pk, outcome))
            worker.start()
            worker.join()
        return result

    monkeypatch.setattr(importer, "check", check_then_collect)
    report = import_data(data)
    assert outcome == ["recorded"]

    case.refresh_from_db()
    if report.written:  # allowed by the issue only if everything agrees; the file's payment then follows the web's
        assert case.outstanding == outstanding_before - COLLECTED - PAID_IN_FILE
    else:
        assert report.error_lines() == [f"line {line}: conflicts with the stored history of case {case.ext_id}"]
        assert case.outstanding == outstanding_before - COLLECTED
        assert list(case.events.filter(kind="payment").order_by("-seq").values_list("amount", flat=True)[:1]) == [
            COLLECTED]
    _assert_consistent()


def test_a_collection_while_the_import_writes_waits_for_it_and_lands_after(province, monkeypatch):
    """The import holds the case (PostgreSQL: its row lock; SQLite: the write lock) from the start of its
    transaction; a collection arriving then waits and is recorded on top of the imported payment (or, on SQLite
    when the wait is too long, is refused by the lock, which the web answers with the busy page)."""
    root, case, ob = province
    data, _line = _file_with_payment(case, ob)
    outstanding_before = case.outstanding
    outcome: list[str] = []
    write = importer._write
    workers = []

    def collect_then_write(*args, **kwargs):
        worker = threading.Thread(target=_collect, args=(root, case.pk, outcome))
        worker.start()
        workers.append(worker)
        time.sleep(0.5)  # the collection is now waiting for the case (the test's in-memory SQLite refuses at once)
        assert outcome == [] or connection.vendor == "sqlite"
        return write(*args, **kwargs)

    monkeypatch.setattr(importer, "_write", collect_then_write)
    report = import_data(data)
    workers[0].join(timeout=60)
    assert report.written and report.events == 1
    case.refresh_from_db()
    if outcome == ["recorded"]:
        assert case.outstanding == outstanding_before - PAID_IN_FILE - COLLECTED
        kinds = list(case.events.filter(kind="payment").order_by("-seq").values_list("amount", flat=True)[:2])
        assert kinds == [COLLECTED, PAID_IN_FILE]
    else:
        assert connection.vendor == "sqlite" and outcome[0].startswith("locked"), outcome
        assert case.outstanding == outstanding_before - PAID_IN_FILE
    _assert_consistent()


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_collection_on_another_case_during_an_import_is_recorded_at_once(province, monkeypatch):
    """The import adds its statistics cells at its very end: until then an officer's collection on a case the
    import does not touch, in the same unit, kind and month (the same cells), does not wait for the import."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one write lock for the whole database (the busy page answers, test_busy_database)")
    root = province[0]
    case = ob = other = None
    payable = ["DECIDED", "ENFORCING", "NOT_YET_ABLE", "POSTPONED", "SUSPENDED"]  # interchange.md §1: payment
    for x in Case.objects.filter(state__in=payable).order_by("ext_id").prefetch_related("obligations"):
        ob = max(x.obligations.all(), key=lambda o: o.outstanding)
        if ob.outstanding < PAID_IN_FILE:
            continue
        same_cells = Case.objects.filter(unit_id=x.unit_id, initiation=x.initiation, judgment_kind=x.judgment_kind,
                                         outstanding__gte=COLLECTED).exclude(pk=x.pk).order_by("ext_id")
        other = next((y for y in same_cells if _may_collect(root, y)), None)
        if other is not None:
            case = x
            break
    if case is None:
        pytest.fail("no two cases sharing their statistics cells in the generated province")
    data, _line = _file_with_payment(case, ob, on=timezone.localdate())
    outcome: list[str] = []
    finished_during_import: list[bool] = []
    open_deadlines = importer._open_deadlines

    workers = []

    def collect_then_open_deadlines(*args, **kwargs):
        worker = threading.Thread(target=_collect, args=(root, other.pk, outcome))
        worker.start()
        workers.append(worker)
        worker.join(timeout=10)
        finished_during_import.append(not worker.is_alive())
        return open_deadlines(*args, **kwargs)

    monkeypatch.setattr(importer, "_open_deadlines", collect_then_open_deadlines)
    report = import_data(data)
    workers[0].join(timeout=60)
    assert report.written and outcome == ["recorded"]
    assert finished_during_import == [True]
    _assert_consistent()
