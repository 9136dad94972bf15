"""Review of issue 14's debtor-wide collection (Luật THADS Art. 47.2.b; Decree 62/2015 Art. 49.1): bad input on the
page is a form error, never a 500; a refusal on a later case leaves nothing written."""

from __future__ import annotations

import pytest
from django.urls import reverse

import thads.cases.actions_collect as ac
from tests.test_payment_order_cases import _case, _counts, _login, day, pair  # noqa: F401
from thads.cases.actions import ActRefused
from thads.cases.actions_collect import do_collect_for_debtor


def _post(client, url, **over):
    data = {"on": day(10).strftime("%d/%m/%Y"), "amount": "1.000", "receipt_no": "BL-1", "coercion_on": "",
            "note": "", "token": "tk-x"}
    data.update(over)
    return client.post(url, data)


@pytest.mark.parametrize("amount", ["0", "-5", "1e9", "abc", "9" * 16, "999999999999999", ""],
                         ids=["zero", "negative", "exponent", "non-numeric", "too-long", "huge", "empty"])
def test_art_47_2_b_debtor_page_bad_amount_is_a_form_error(client, staff, org, pair, amount):
    fee, _ = pair
    _login(client, "accountant_a")
    before = _counts()
    answer = _post(client, reverse("case-collect-debtor", args=[fee.pk]), amount=amount)
    assert answer.status_code == 200
    assert _counts()[:2] == before[:2]


def test_art_47_2_b_debtor_page_of_another_units_case_is_404(client, staff, org, pair):
    other = _case(staff, org, initiation="theo_don", kind="tra_no", beneficiary="person", amount=9_000_000, unit="B")
    _login(client, "accountant_a")
    before = _counts()
    assert _post(client, reverse("case-collect-debtor", args=[other.pk])).status_code == 404
    assert _counts()[:2] == before[:2]


def test_art_47_2_b_refusal_on_a_later_case_writes_nothing(staff, org, pair, monkeypatch):
    fee, debt = pair
    third = _case(staff, org, initiation="theo_don", kind="tra_no", beneficiary="person", amount=9_000_000,
                  decided=5)
    real, calls = ac._check, []

    def flaky(act, facts, on, params):
        calls.append(1)
        if len(calls) == 3:
            raise ActRefused("x", "test")
        return real(act, facts, on, params)

    monkeypatch.setattr(ac, "_check", flaky)
    before = _counts()
    with pytest.raises(ActRefused):
        do_collect_for_debtor(staff["accountant_a"], fee.pk, day(10), amount=62_000_000, receipt_no="BL-3")
    assert _counts() == before
    assert third.pk
