"""Issue 14 item 14 in the interchange import: a ``terminated`` event with ground ``38.4`` (return of the request,
Law 106/2025/QH15 Art. 38.4; Decree 152/2026/NĐ-CP Art. 22.2) is valid only from 01/07/2026 (the 2026 regime,
``regime.REGIME_2026_FROM``) and only on an on-request case (``theo_don``); otherwise it is a per-row error.
(interchange.md does not list the row yet.) Pure: no DB."""

from __future__ import annotations

import json
from typing import Any

import pytest

from thads.domain.interchange import validate
from thads.domain.regime import REGIME_2026_FROM


def _lines(initiation: str, on: str, ground: str) -> list[str]:
    recs: list[dict[str, Any]] = [
        {"type": "unit", "code": "HUE", "name": "Unit HUE", "parent": None},
        {"type": "unit", "code": "PV", "name": "Unit PV", "parent": "HUE"},
        {"type": "officer", "code": "O1", "name": "Officer O1", "unit": "PV"},
        {"type": "case", "id": "V1", "unit": "PV", "decided_on": "2024-01-10", "initiation": initiation,
         "judgment_kind": "dan_su", "officer": "O1",
         "obligations": [{"id": "1", "kind": "tra_no", "beneficiary": "person", "amount": 5000000}]},
        {"type": "event", "case": "V1", "on": "2024-03-01", "kind": "classified_unable", "ground": "44a.1.a"},
        {"type": "event", "case": "V1", "on": on, "kind": "terminated", "ground": ground},
    ]
    return [json.dumps(r, ensure_ascii=False) for r in recs]


ROWS = [
    pytest.param("theo_don", "2026-07-01", "38.4", None, id="L106-2025-Art38.4-D152-22.2-on-request-from-2026-07-01"),
    pytest.param("theo_don", "2026-09-15", "38.4", None, id="D152-22.2-on-request-later"),
    pytest.param("theo_don", "2026-06-30", "38.4", "applies only from 2026-07-01: event dated 2026-06-30",
                 id="D152-115-no-return-before-the-2026-regime"),
    pytest.param("theo_don", "2025-03-01", "38.4", "applies only from 2026-07-01: event dated 2025-03-01",
                 id="D62-9.5-legacy-history-no-return"),
    pytest.param("chu_dong", "2026-09-15", "38.4", "applies only to an on-request case (initiation 'theo_don'); "
                 "case V1 is 'chu_dong'", id="D152-22.1-proactive-case-no-return"),
    pytest.param("chu_dong", "2025-03-01", "50.1.c", None, id="Art50.1.c-termination-unaffected"),
]


@pytest.mark.parametrize(("initiation", "on", "ground", "reason"), ROWS)
def test_imported_return_of_the_request_art_38_4(initiation: str, on: str, ground: str, reason: str | None) -> None:
    res = validate(_lines(initiation, on, ground))
    if reason is None:
        assert res.errors == [] and [e.ground for e in res.events] == ["44a.1.a", ground]
    else:
        assert len(res.errors) == 1
        line, why = res.errors[0]
        assert line == 6 and "'38.4'" in why and "Art. 38.4" in why and reason in why
        # a per-row error: the rest of the file is still valid (written with --skip-invalid)
        assert [e.ground for e in res.events] == ["44a.1.a"] and [c.id for c in res.cases] == ["V1"]


def test_the_cut_off_is_the_regime_constant() -> None:
    assert REGIME_2026_FROM.isoformat() == "2026-07-01"
