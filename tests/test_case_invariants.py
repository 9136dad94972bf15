"""Hypothesis over sequences of acts entered through ``do_act``: the outstanding amount is never negative, the
ledger balances, replaying the history reproduces the stored state, and an illegal act writes nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thads.cases.actions import ActRefused, ObligationData, PartyData, do_act, do_receive
from thads.cases.ledger.models import OUTFLOW_KINDS, LedgerEntry, LedgerKind
from thads.cases.models import Case, CaseEvent
from thads.cases.records import case_history
from thads.org.models import Officer, Unit, User

START = date(2024, 1, 8)

ACTS = st.sampled_from([
    ("notify_debtor", {}), ("start_verification", {}), ("verify_able", {}),
    ("classify_unable", {"ground": "44a.1.a"}), ("reverify", {"ground": "44a.1.a"}),
    ("postpone", {"ground": "48.1.c"}), ("postpone", {"ground": "48.2"}), ("resume", {}),
    ("suspend", {"ground": "49.1"}), ("terminate", {"ground": "50.1.c"}), ("revoke", {"ground": "37.1.a"}),
    ("collect", {}), ("collect", {"obligation": "2"}), ("payout", {"obligation": "1"}),
    ("payout", {"obligation": "2"}), ("reduce", {"obligation": "2"}), ("complete", {}), ("separate_book", {}),
])
STEP = st.tuples(ACTS, st.integers(0, 40), st.integers(0, 60_000_000))


def _snapshot_counts():
    return CaseEvent.objects.count(), LedgerEntry.objects.count()


@pytest.fixture
def setting(db):
    unit = Unit.objects.create(code="H", name="Chi cục H", level="district")
    root = User.objects.create_superuser("root", password="x-Y-z-1234567", unit=unit)
    officer = Officer.objects.create(code="H-1", name="CHV", unit=unit)
    return unit, root, officer


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(STEP, max_size=14))
def test_any_sequence_of_acts_keeps_the_books_straight(setting, steps):
    unit, root, officer = setting
    case = do_receive(root, unit, on=START, initiation="theo_don", judgment_kind="dan_su",
                      debtors=[PartyData("Lê Văn Đức")], creditors=[PartyData("Nguyễn Thị Mai")],
                      obligations=[ObligationData("tra_no", "person", 50_000_000),
                                   ObligationData("an_phi", "state", 2_000_000)])
    day = START + timedelta(days=1)
    do_act(root, case.pk, "decide", day, officer=officer)
    for (act, params), gap, amount in steps:
        day = min(day + timedelta(days=gap), date.today())
        params = dict(params)
        if act in ("collect", "payout", "reduce"):
            params["amount"] = amount
        if act == "postpone":
            params["until"] = day + timedelta(days=60)
        before = _snapshot_counts()
        try:
            do_act(root, case.pk, act, day, **params)
        except ActRefused:
            assert _snapshot_counts() == before, f"refused {act} wrote something"
        _check_invariants(Case.objects.get(pk=case.pk))


def _check_invariants(case: Case) -> None:
    obligations = list(case.obligations.all())
    assert case.outstanding >= 0
    assert case.outstanding == sum(o.outstanding for o in obligations)
    for ob in obligations:
        assert 0 <= ob.outstanding <= ob.amount
        collected = LedgerEntry.objects.filter(obligation=ob, kind=LedgerKind.THU).aggregate(s=Sum("amount"))["s"] or 0
        paid_out = LedgerEntry.objects.filter(obligation=ob, kind__in=OUTFLOW_KINDS).aggregate(
            s=Sum("amount"))["s"] or 0
        reduced = case.events.filter(kind="reduced", obligation=ob).aggregate(s=Sum("amount"))["s"] or 0
        assert collected + reduced == ob.amount - ob.outstanding
        assert paid_out <= collected
    replayed = case_history(case).state_at(date.max)
    assert replayed.state.value == case.state
    assert replayed.outstanding == case.outstanding
    assert replayed.unit == case.unit.code
