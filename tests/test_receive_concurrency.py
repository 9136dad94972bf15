"""Issue 12, hole 5: receiving a judgment twice by a double submit opens one case, and clerks receiving at the same
time get distinct, consecutive case numbers (a counter row under a lock, not MAX + 1), on both databases."""

from __future__ import annotations

import threading
import uuid
from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.db import connection, connections
from django.urls import reverse

from tests.test_case_views import counts, receive_post
from thads.cases.actions import ObligationData, PartyData, do_receive
from thads.cases.models import Case, CaseNumberCounter
from thads.org.models import AuditEvent

ON = date(2025, 3, 3)


def receive(user, unit, token="", on=ON):
    return do_receive(user, unit, on=on, initiation="chu_dong", judgment_kind="dan_su", judgment_number="1/2025/DS-ST",
                      debtors=[PartyData("Nguyễn Văn Đức", "046090001234")],
                      obligations=[ObligationData("an_phi", "state", 300_000)], token=token)


# ------------------------------------------------------------------------------------------------- one form, one case


def test_a_double_submit_of_the_receive_form_opens_one_case(client, org):
    client.force_login(org["people"]["head_a"])
    data = receive_post(org)
    first = client.post(reverse("case-new"), data)
    before = counts()
    second = client.post(reverse("case-new"), data)
    case = Case.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("case-detail", args=[case.pk])
    assert counts() == before
    assert [str(m) for m in get_messages(second.wsgi_request)][-1] in ("This form was already recorded.",
                                                                      "Biểu mẫu này đã được ghi nhận.")


def test_the_receive_form_carries_a_fresh_token_each_time(client, org):
    client.force_login(org["people"]["head_a"])
    first = client.get(reverse("case-new")).context["form"]["token"].value()
    second = client.get(reverse("case-new")).context["form"]["token"].value()
    assert first and second and first != second


def test_a_receive_post_without_its_token_is_refused_with_a_message_and_writes_nothing(client, org):
    client.cookies["django_language"] = "en"
    client.force_login(org["people"]["head_a"])
    data = receive_post(org)
    del data["token"]
    response = client.post(reverse("case-new"), data)
    assert response.status_code == 200 and Case.objects.count() == 0
    assert "This form has expired" in response.content.decode()


def test_the_add_row_button_keeps_the_forms_token(client, org):
    client.force_login(org["people"]["head_a"])
    data = {**receive_post(org), "add": "creditors"}
    response = client.post(reverse("case-new"), data)
    assert response.status_code == 200 and f'value="{data["token"]}"' in response.content.decode()


def test_do_receive_with_a_repeated_token_writes_nothing_and_returns_the_first_case(org):
    head, unit = org["people"]["head_a"], org["units"]["A"]
    first = receive(head, unit, token="tok-1")
    before = counts(), AuditEvent.objects.count()
    assert receive(head, unit, token="tok-1") == first
    assert (counts(), AuditEvent.objects.count()) == before
    assert receive(head, unit, token="tok-2") != first  # another form, another case


# ------------------------------------------------------------------------------------------------- numbers


def _stored_case(unit, ext_id):
    """A case as an import stores it (its number was not given by the counter)."""
    return Case.objects.create(ext_id=ext_id, unit=unit, origin_unit=unit, initiation="chu_dong",
                               judgment_kind="dan_su", received_on=ON)


def test_the_counter_starts_after_the_largest_stored_number_of_the_unit_and_year(org):
    unit = org["units"]["A"]
    _stored_case(unit, "A-2025-00041")
    _stored_case(unit, "A-2025-00007")
    _stored_case(unit, "A-2025-00099-UT")  # an entrusted incoming case elsewhere: not a number of A's
    _stored_case(unit, "A-2024-00500")  # another year
    assert receive(org["people"]["head_a"], unit).ext_id == "A-2025-00042"
    assert CaseNumberCounter.objects.get(unit=unit, year=2025).last == 42
    assert receive(org["people"]["head_a"], unit, on=date(2024, 5, 1)).ext_id == "A-2024-00501"


def test_a_number_an_import_took_after_the_counter_was_made_is_skipped(org):
    head, unit = org["people"]["head_a"], org["units"]["A"]
    assert receive(head, unit).ext_id == "A-2025-00001"
    _stored_case(unit, "A-2025-00002")
    assert receive(head, unit).ext_id == "A-2025-00003"


# ------------------------------------------------------------------------------------------------- real concurrency


def _run_at_once(n: int, work) -> tuple[list, list]:
    """Run ``work(i)`` in ``n`` threads released together, each on its own database connection."""
    barrier = threading.Barrier(n)
    results, errors = [None] * n, []

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results, errors


@pytest.fixture
def shared_db_ok():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("an in-memory SQLite test database is one connection's; the file database is tested below")


@pytest.mark.django_db(transaction=True)
def test_clerks_receiving_at_the_same_time_get_distinct_consecutive_numbers(org, shared_db_ok):
    head, unit = org["people"]["head_a"], org["units"]["A"]
    n = 8
    results, errors = _run_at_once(n, lambda i: receive(head, unit).ext_id)
    assert errors == []
    assert sorted(results) == [f"A-2025-{k:05d}" for k in range(1, n + 1)]
    assert CaseNumberCounter.objects.get(unit=unit, year=2025).last == n
    assert AuditEvent.objects.filter(action="case.receive").count() == n


@pytest.mark.django_db(transaction=True)
def test_a_double_submit_arriving_at_the_same_time_opens_one_case(org, shared_db_ok):
    head, unit = org["people"]["head_a"], org["units"]["A"]
    token = uuid.uuid4().hex
    results, errors = _run_at_once(4, lambda i: receive(head, unit, token=token).pk)
    assert errors == []
    assert len(set(results)) == 1 and Case.objects.count() == 1


SETUP = """
import django
django.setup()
from thads.domain.roles import Title
from thads.org.actions import do_create_staff, do_create_unit
province = do_create_unit("P", "Cục THADS tỉnh P", None, "province")
branch = do_create_unit("A", "Chi cục THADS huyện A", province, "district")
do_create_staff("head_a", "Mat-khau-Thu-2025", "Trần Thị Hoa", branch, Title.HEAD)
"""

CLERK = """
import sys, time
import django
django.setup()
from datetime import date
from thads.cases.actions import ObligationData, PartyData, do_receive
from thads.org.models import Unit, User
head, unit = User.objects.get(username="head_a"), Unit.objects.get(code="A")
start = float(sys.argv[1])
while time.time() < start:
    time.sleep(0.002)
case = do_receive(head, unit, on=date(2025, 3, 3), initiation="chu_dong", judgment_kind="dan_su",
                  debtors=[PartyData("Nguyễn Văn Đức")], obligations=[ObligationData("an_phi", "state", 1)],
                  token=sys.argv[2])
print(case.ext_id)
"""


def test_clerks_receiving_at_the_same_time_on_an_sqlite_file_get_distinct_consecutive_numbers(tmp_path):
    """SQLite as deployed (a file in WAL mode, IMMEDIATE transactions): separate processes, one per clerk, two of
    them submitting the same form at the same moment."""
    import os
    import subprocess
    import sys
    import time

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'thads.sqlite3'}", "DEBUG": "true",
           "DJANGO_SETTINGS_MODULE": "thads.settings"}
    subprocess.run([sys.executable, "-m", "django", "migrate", "-v0"], env=env, check=True, capture_output=True)
    subprocess.run([sys.executable, "-c", SETUP], env=env, check=True, capture_output=True)
    start = time.time() + 4  # every process has started Django by then
    tokens = ["same-form", "same-form"] + [f"form-{i}" for i in range(4)]
    procs = [subprocess.Popen([sys.executable, "-c", CLERK, str(start), tok], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for tok in tokens]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * len(procs), [err[-2000:] for _, err in outs]
    ids = [out.strip() for out, _ in outs]
    assert ids[0] == ids[1]  # the double submit: one case
    assert sorted(set(ids)) == [f"A-2025-{k:05d}" for k in range(1, 6)]


# ------------------------------------------------------------------------------------------------- receipts and imports


def _import_case_jsonl(ext_id: str, unit: str = "A") -> bytes:
    import json

    return (json.dumps({"type": "case", "id": ext_id, "unit": unit, "decided_on": "2025-02-10",
                        "decision_no": f"{ext_id}/QĐ-CCTHADS", "initiation": "chu_dong", "judgment_kind": "dan_su",
                        "debtor": {"name": "Lê Văn Đức"},
                        "obligations": [{"id": "1", "kind": "an_phi", "beneficiary": "state", "amount": 500_000}]},
                       ensure_ascii=False) + "\n").encode()


def test_a_number_taken_behind_the_counters_back_before_the_insert_gives_the_next_number_not_an_error(org,
                                                                                                    monkeypatch):
    """What a PostgreSQL clerk meets when another transaction commits the number between the allocation and the
    insert (the insert waits on the unique index, then fails): before, do_receive re-raised the IntegrityError
    (a 500); now it takes the next number."""
    import thads.cases.actions as actions

    head, unit = org["people"]["head_a"], org["units"]["A"]
    assert receive(head, unit).ext_id == "A-2025-00001"
    real, stolen = actions.next_ext_id, []

    def allocate_then_lose_it(unit_, on):
        ext_id = real(unit_, on)
        if not stolen:
            stolen.append(_stored_case(unit_, ext_id))
        return ext_id

    monkeypatch.setattr(actions, "next_ext_id", allocate_then_lose_it)
    case = receive(head, unit, token="tok-race")
    assert stolen[0].ext_id == "A-2025-00002" and case.ext_id == "A-2025-00003"
    assert CaseNumberCounter.objects.get(unit=unit, year=2025).last == 3
    assert AuditEvent.objects.filter(action="case.receive", case_ext_id="A-2025-00003").count() == 1


def test_an_import_moves_the_counter_of_every_series_it_writes_numbers_into(org):
    from thads.cases import importer

    head, unit = org["people"]["head_a"], org["units"]["A"]
    assert receive(head, unit).ext_id == "A-2025-00001"
    data = b"".join(_import_case_jsonl(i) for i in ("A-2025-00013", "A-2025-00009", "A-2025-00020-UT"))
    data += _import_case_jsonl("B-2025-00004", unit="A")  # a number of B's series, whoever holds the case now
    assert importer.import_data(data).written
    assert CaseNumberCounter.objects.get(unit=unit, year=2025).last == 13
    assert CaseNumberCounter.objects.get(unit=org["units"]["B"], year=2025).last == 4
    assert receive(head, unit).ext_id == "A-2025-00014"


@pytest.mark.django_db(transaction=True)
def test_a_clerk_receiving_while_an_import_writes_numbers_of_the_same_series_waits_and_numbers_after_it(
        org, shared_db_ok, monkeypatch):
    """Real connections: the import holds its transaction open after writing A-2025-00002 while a clerk receives a
    case of A. Before, on PostgreSQL the clerk was given 00002 (the import's row uncommitted), its insert waited on
    the unique index and failed when the import committed: an IntegrityError, a 500."""
    from thads.cases import importer

    head, unit = org["people"]["head_a"], org["units"]["A"]
    assert receive(head, unit).ext_id == "A-2025-00001"
    written, go = threading.Event(), threading.Event()
    real_audit = importer._audit

    def audit_then_hold(*args, **kwargs):
        real_audit(*args, **kwargs)
        written.set()
        assert go.wait(timeout=60)

    monkeypatch.setattr(importer, "_audit", audit_then_hold)
    outcome: dict = {}

    def run(name, work):
        try:
            outcome[name] = work()
        except Exception as exc:  # noqa: BLE001 - reported by the test
            outcome[name] = exc
        finally:
            connections.close_all()

    imp = threading.Thread(target=run, args=("import", lambda: importer.import_data(_import_case_jsonl(
        "A-2025-00002")).written))
    imp.start()
    assert written.wait(timeout=60)
    clerk = threading.Thread(target=run, args=("clerk", lambda: receive(head, unit).ext_id))
    clerk.start()
    clerk.join(timeout=1.5)
    go.set()
    imp.join(timeout=60)
    clerk.join(timeout=60)
    assert outcome == {"import": True, "clerk": "A-2025-00003"}
