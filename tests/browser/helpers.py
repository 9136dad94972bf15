"""Shared steps of the browser tests: log in through the page, and build an enforceable case with a short history."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tests.conftest import PASSWORD
from thads.cases.actions import ObligationData, PartyData, do_act, do_receive


def login(page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")  # the header's language buttons come first in the page
    page.wait_for_url(f"{base}/")


def enforcing_case(org, debtor: str = "Nguyễn Văn Đức", amount: int = 10_000_000, *, address: str = "",
                   creditor: PartyData | None = None, more_obligations: tuple[int, ...] = ()):
    """A case of unit A decided 30 days ago, notified, verified and classified enforceable (officer_a's)."""
    head, officer = org["people"]["head_a"], org["people"]["officer_a"]
    start = timezone.localdate() - timedelta(days=30)
    obligations = [ObligationData("tra_no", "person", a) for a in (amount, *more_obligations)]
    case = do_receive(head, org["units"]["A"], on=start, initiation="theo_don", judgment_kind="dan_su",
                      debtors=[PartyData(debtor, "046090001234", address)],
                      creditors=[creditor or PartyData("Trần Thị Mai")], obligations=obligations)
    do_act(head, case.pk, "decide", start, officer=officer.officer)
    do_act(officer, case.pk, "notify_debtor", start + timedelta(days=1))
    do_act(officer, case.pk, "start_verification", start + timedelta(days=12))
    return do_act(officer, case.pk, "verify_able", start + timedelta(days=13))
