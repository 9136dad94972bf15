"""Money under concurrency (issue 12): 100 simultaneous collections of 100,000 đồng on one case owing 6,000,000,
posted through the act form at ``/cases/<pk>/act/collect/`` to a running gunicorn (threaded workers, several
processes) by 10 client processes of 10 threads each, released together by a barrier, on a real database of the
suite's engine (an SQLite file in WAL mode, or a PostgreSQL database of its own).

Exactly ⌊6,000,000 / 100,000⌋ = 60 are recorded (302 to the case) and 40 refused (the form again with its message,
200 or 409, never a redirect); none is lost, none over-collects, no answer is a 5xx; afterwards the ledger's
collections add up to what the case's outstanding dropped by, the case, its obligation and its replayed history
agree, and ``thads check-integrity`` is clean. (Luật THADS Art. 47: money collected settles the obligations; the
ledger is the agency's account of it, THADS.md §3.3.)"""

from __future__ import annotations

import http.client
import json
import multiprocessing
import re
import threading
import time
import uuid
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from tests.realdb import engine, gunicorn, scratch_database, thads

CLIENTS, PER_CLIENT = 10, 10
AMOUNT, OWED = 100_000, 6_000_000
PASSWORD = "Mat-khau-Thu-2025"
# A refusal re-renders the form with its message: 200 (the action refused it) or 409 (the view's state gate:
# nothing is owed any more when the POST arrives).
REFUSED = (200, 409)

SETUP = f"""
from datetime import timedelta
from django.utils import timezone
from thads.cases.actions import ObligationData, PartyData, do_act, do_receive
from thads.domain.roles import Title
from thads.org.actions import do_create_staff, do_create_unit
today = timezone.localdate()
d0 = today - timedelta(days=30)
p = do_create_unit("P", "Cục THADS tỉnh P", None, "province")
a = do_create_unit("A", "Chi cục THADS huyện A", p, "district")
head = do_create_staff("head_a", "{PASSWORD}", "Trần Thị Hoa", a, Title.HEAD)
officer = do_create_staff("officer_a", "{PASSWORD}", "Nguyễn Văn Đức", a, Title.OFFICER)
case = do_receive(head, a, on=d0, initiation="theo_don", judgment_kind="dan_su", court="TAND huyện A",
                  judgment_number="45/2024/DS-ST", judgment_date=d0 - timedelta(days=30),
                  debtors=[PartyData("Lê Văn Đức", "046090001234", "Phú Thuận")],
                  creditors=[PartyData("Nguyễn Thị Mai")], obligations=[ObligationData("tra_no", "person", {OWED})])
case = do_act(head, case.pk, "decide", d0 + timedelta(days=2), decision_no="12/QĐ-CCTHADS", officer=officer.officer)
print("CASE", case.pk, case.obligations.get().code, case.outstanding)
"""

FACTS = """
import json
from django.utils import timezone
from thads.cases.models import Case
from thads.cases.records import case_history
from thads.cases.ledger.models import LedgerEntry
case = Case.objects.get(pk=PK)
print(json.dumps({
    "outstanding": case.outstanding,
    "obligation": case.obligations.get().outstanding,
    "history": case_history(case).state_at(timezone.localdate()).outstanding,
    "collected": sum(LedgerEntry.objects.filter(case=case, kind="THU").values_list("amount", flat=True)),
    "receipts": LedgerEntry.objects.filter(case=case, kind="THU").count(),
    "payment_events": case.events.filter(kind="payment").count(),
}))
"""


class Browser:
    """A minimal HTTP client with cookies over http.client (one connection per request: real concurrency)."""

    def __init__(self, port: int) -> None:
        self.port, self.cookies = port, {}

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                   "Referer": f"http://127.0.0.1:{self.port}{path}"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(header).items():
                self.cookies[key] = morsel.value
        conn.close()
        return response.status, response.headers.get("Location", ""), text


def field(html: str, name: str) -> str:
    tag = re.search(rf'<input[^>]*\bname="{re.escape(name)}"[^>]*>', html)
    assert tag, f"no input named {name!r} in the page"
    value = re.search(r'\bvalue="([^"]*)"', tag.group(0))
    return value.group(1) if value else ""


def login(browser: Browser, username: str) -> None:
    status, _, html = browser.request("GET", "/login/")
    assert status == 200
    body = urlencode({"csrfmiddlewaretoken": field(html, "csrfmiddlewaretoken"), "username": username,
                      "password": PASSWORD})
    status, location, _ = browser.request("POST", "/login/", body)
    assert status == 302 and "sessionid" in browser.cookies, (status, location)


def client(port: int, pk: int, obligation: str, barrier, results, worker: int) -> None:
    """One client process: logs in, gets a fresh form (token, CSRF) per collection, waits for the others, then
    posts its collections at once from as many threads."""
    try:
        browser = Browser(port)
        login(browser, "officer_a")
        bodies = []
        for i in range(PER_CLIENT):
            status, _, html = browser.request("GET", f"/cases/{pk}/act/collect/")
            assert status == 200, status
            bodies.append(urlencode({
                "csrfmiddlewaretoken": field(html, "csrfmiddlewaretoken"), "token": field(html, "token"),
                "on": field(html, "on"), "receipt_no": f"BL-{worker:02d}-{i:02d}-{uuid.uuid4().hex[:6]}",
                "obligation": obligation, "amount": str(AMOUNT), "note": f"client {worker} post {i}"}))
        answers: list = [None] * PER_CLIENT
        go = threading.Barrier(PER_CLIENT)

        def post(i: int) -> None:
            go.wait()
            try:
                status, location, html = browser.request("POST", f"/cases/{pk}/act/collect/", bodies[i])
                answers[i] = (status, location, 'name="amount"' in html and 'role="alert"' in html,
                              "CSRF" in html)
            except Exception as exc:  # a dropped connection is a failure of the server, reported as such
                answers[i] = (599, repr(exc), False, False)

        threads = [threading.Thread(target=post, args=(i,)) for i in range(PER_CLIENT)]
        barrier.wait(timeout=120)
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        results.put(answers)
    except Exception as exc:
        results.put([(598, repr(exc), False, False)])


def test_a_hundred_simultaneous_collections_record_exactly_what_is_owed_and_refuse_the_rest(tmp_path):
    var = tmp_path / "var"
    with scratch_database("collect", tmp_path) as url:
        thads("migrate", "--noinput", "-v", "0", url=url, var_dir=var)
        line = [x for x in thads("shell", "-c", SETUP, url=url, var_dir=var).stdout.splitlines()
                if x.startswith("CASE ")][0]
        _, pk, obligation, outstanding = line.split()
        pk, outstanding = int(pk), int(outstanding)
        assert outstanding == OWED
        with gunicorn(url, var, workers=3, threads=8) as port:
            ctx = multiprocessing.get_context("fork")  # the clients use no database: forking pytest is safe
            barrier, results = ctx.Barrier(CLIENTS), ctx.Queue()
            procs = [ctx.Process(target=client, args=(port, pk, obligation, barrier, results, w))
                     for w in range(CLIENTS)]
            started = time.monotonic()
            for p in procs:
                p.start()
            answers = [a for _ in procs for a in results.get(timeout=180)]
            for p in procs:
                p.join(timeout=30)
            elapsed = time.monotonic() - started
        statuses = [a[0] for a in answers]
        recorded = [a for a in answers if a[0] == 302]
        refused = [a for a in answers if a[0] in REFUSED]
        summary = {s: statuses.count(s) for s in sorted(set(statuses))}
        print(f"{engine()}: {summary} in {elapsed:.1f} s")
        assert not [a for a in answers if a[0] >= 500], (summary, [a for a in answers if a[0] >= 500][:3])
        assert len(answers) == CLIENTS * PER_CLIENT
        assert len(recorded) == OWED // AMOUNT and len(refused) == CLIENTS * PER_CLIENT - OWED // AMOUNT, summary
        assert all(a[1].rstrip("/").endswith(f"/cases/{pk}") for a in recorded), recorded[:3]
        assert not [a for a in answers if a[3]], "a CSRF failure: the clients' forms were not accepted"
        # The form again, with its message, never a redirect.
        assert all(a[2] and not a[1] for a in refused), refused[:3]
        facts = json.loads(thads("shell", "-c", FACTS.replace("PK", str(pk)), url=url, var_dir=var)
                           .stdout.strip().splitlines()[-1])
        assert facts["collected"] == OWED - facts["outstanding"] == len(recorded) * AMOUNT
        assert facts["outstanding"] == facts["obligation"] == facts["history"] == 0
        assert facts["receipts"] == facts["payment_events"] == len(recorded)
        integrity = thads("check-integrity", url=url, var_dir=var, check=False)
        assert integrity.returncode == 0, integrity.stdout + integrity.stderr


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    """The clients talk to 127.0.0.1 directly."""
    for name in ("http_proxy", "HTTP_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.django_db
def test_a_collection_on_a_paid_case_re_renders_the_form_with_its_message(client, persona, org):
    """The issue: a refused collection re-renders the form with its message (200 or 409), never a redirect; the
    last of two simultaneous collections of the whole debt arrives after the first has paid it."""
    from datetime import timedelta

    from django.utils import timezone

    from thads.cases.actions import ObligationData, PartyData, do_act, do_receive

    head, officer, unit = persona["head_a"], persona["officer_a"], org["units"]["A"]
    d0 = timezone.localdate() - timedelta(days=30)
    case = do_receive(head, unit, on=d0, initiation="theo_don", judgment_kind="dan_su", court="TAND huyện A",
                      judgment_number="45/2024/DS-ST", judgment_date=d0 - timedelta(days=30),
                      debtors=[PartyData("Lê Văn Đức", "046090001234", "Phú Thuận")],
                      creditors=[PartyData("Nguyễn Thị Mai")], obligations=[ObligationData("tra_no", "person", AMOUNT)])
    do_act(head, case.pk, "decide", d0 + timedelta(days=2), decision_no="12/QĐ-CCTHADS", officer=officer.officer)
    client.force_login(officer)
    url = f"/cases/{case.pk}/act/collect/"
    form = client.get(url).content.decode()
    do_act(officer, case.pk, "collect", timezone.localdate(), amount=AMOUNT, receipt_no="BL-1")  # the other click
    response = client.post(url, {"token": field(form, "token"), "on": field(form, "on"), "receipt_no": "BL-2",
                                 "obligation": "", "amount": str(AMOUNT), "note": ""})
    assert response.status_code in (200, 409)
    assert 'role="alert"' in response.content.decode() and 'name="amount"' in response.content.decode()
    assert "không còn khoản tiền nào phải thi hành" in response.content.decode()
