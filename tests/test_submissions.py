"""Submissions upward (issue 18): keys, the signed package, receipt and its refusals, corrections, consolidation,
due days and the late flag, the hook when a period closes, the pages. In one installation (one database) that is
both the branch (sender) and the province (receiver); the round trip between two installations is in
``test_submissions_roundtrip.py``.

The figures are the worked example of THADS.md §4.4 (statistical year 2025, cases of the branch HUE-PV) plus two
cases the province HUE holds itself: a past year's report, so fixed dates do not go stale."""

from __future__ import annotations

import hashlib
import io
import json
import os
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.test_import_export import WORKED
from thads.domain.calendar import national_calendar
from thads.domain.report import CASE_KEYS as CASES
from thads.domain.report import MONEY_KEYS as MONEY
from thads.domain.submissions import consolidate, due_date, is_late
from thads.org.models import Unit
from thads.stats.service import official_report
from thads.submissions import keys as keys_mod
from thads.submissions.actions import do_build_submission, do_create_key, do_return, do_trust_key
from thads.submissions.models import Direction, Submission
from thads.submissions.package import PackageRefused, canonical, read
from thads.submissions.receive import consolidation

YEAR, MONTHS = 2025, 12
PROVINCE_CASES = [
    {"type": "case", "id": "P1", "unit": "HUE", "decided_on": "2024-11-03", "initiation": "chu_dong",
     "judgment_kind": "hinh_su", "obligations": [{"id": "1", "kind": "an_phi", "beneficiary": "state",
                                                  "amount": 7000000}]},
    {"type": "event", "case": "P1", "on": "2025-01-06", "kind": "payment", "obligation": "1", "amount": 2000000},
    {"type": "case", "id": "P2", "unit": "HUE", "decided_on": "2023-04-03", "initiation": "theo_don",
     "judgment_kind": "dan_su", "obligations": [{"id": "1", "kind": "tra_no", "beneficiary": "person",
                                                 "amount": 90000000}]},
    {"type": "event", "case": "P2", "on": "2024-12-02", "kind": "verified_able"},
]


def write_fixtures(folder: Path) -> tuple[Path, Path]:
    """(the branch's file: its units and cases; the province's file: the same plus its own cases)."""
    branch = folder / "branch.jsonl"
    branch.write_bytes(WORKED.read_bytes())
    province = folder / "province.jsonl"
    province.write_text(WORKED.read_text(encoding="utf-8").rstrip("\n") + "\n"
                        + "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in PROVINCE_CASES), encoding="utf-8")
    return branch, province


@pytest.fixture
def installation(db, tmp_path, settings):
    """One installation holding every case, a signing key of HUE-PV trusted for HUE-PV."""
    settings.VAR_DIR = tmp_path / "var"
    _, province = write_fixtures(tmp_path)
    call_command("import", str(province), stdout=io.StringIO())
    pv = Unit.objects.get(code="HUE-PV")
    key = do_create_key(None, pv)
    do_trust_key(None, pv, keys_mod.export_text(key))
    return pv


def _receive(data: bytes):
    from thads.submissions.actions import do_receive

    return do_receive(None, data)


def test_the_private_key_is_a_0600_file_and_the_export_holds_only_the_public_key(installation, settings):
    key = keys_mod.active_key(installation)
    path = Path(settings.VAR_DIR) / "keys" / f"{key.fingerprint}.key"
    assert os.stat(path).st_mode & 0o777 == 0o600
    exported = json.loads(keys_mod.export_text(key))
    assert set(exported) == {"format", "algorithm", "unit", "unit_name", "fingerprint", "public_key"}
    assert exported["unit"] == "HUE-PV" and "PRIVATE" not in keys_mod.export_text(key)


def test_the_package_carries_the_report_the_case_list_and_at_year_end_the_unfinished_cases(installation):
    sub = do_build_submission(None, installation, YEAR, MONTHS)
    _, payload = read(sub.package.encode())
    assert payload["report"] == official_report(installation, YEAR, MONTHS)
    assert payload["report"]["cases"]["TT"] == 10 and payload["kind"] == "year_end"
    ids = {r["id"] for r in payload["cases"]}
    assert len(ids) == 10 and "P1" not in ids  # the branch's cases only
    assert sum(r["paid"] for r in payload["cases"]) == payload["report"]["money"]["XONG"]
    assert {r["id"] for r in payload["unfinished"]} == {r["id"] for r in payload["cases"]
                                                        if r["bucket"] not in ("UT", "TH", "XONG", "DC")}
    assert len(payload["unfinished"]) == payload["report"]["cases"]["CKS"]


def test_a_verified_package_is_recorded_late_with_no_difference_from_our_own_view(installation):
    sent = do_build_submission(None, installation, YEAR, MONTHS)
    got = _receive(sent.package.encode())
    assert (got.direction, got.unit.code, got.to_unit.code, got.sha256) == ("received", "HUE-PV", "HUE", sent.sha256)
    assert got.late and got.due_on == date(2025, 10, 2)  # 30/09/2025 (Tue) + 2 working days
    assert got.differences == []


def _flip_digit(text: str) -> bytes:
    """One byte of the payload changed: a digit of the report's first money figure."""
    at = text.index('"money"')
    at = next(i for i in range(at, len(text)) if text[i].isdigit())
    return (text[:at] + ("1" if text[at] != "1" else "2") + text[at + 1:]).encode()


def test_a_tampered_package_is_refused_with_the_reason_and_nothing_is_written(installation):
    text = do_build_submission(None, installation, YEAR, MONTHS).package
    with pytest.raises(PackageRefused, match="SHA-256 không khớp"):
        _receive(_flip_digit(text))
    # the forger also recomputes the SHA-256: the signature no longer verifies
    env = json.loads(_flip_digit(text))
    env["sha256"] = hashlib.sha256(canonical(env["payload"])).hexdigest()
    with pytest.raises(PackageRefused, match="Chữ ký không hợp lệ"):
        _receive(json.dumps(env).encode())
    assert not Submission.objects.filter(direction=Direction.RECEIVED).exists()


def test_an_unsigned_package_is_refused(installation):
    env = json.loads(do_build_submission(None, installation, YEAR, MONTHS).package)
    del env["signature"]
    with pytest.raises(PackageRefused, match="không có chữ ký"):
        _receive(json.dumps(env).encode())
    assert not Submission.objects.filter(direction=Direction.RECEIVED).exists()


def test_a_package_signed_by_a_key_not_trusted_for_the_unit_is_refused(installation):
    do_create_key(None, installation)  # a new key, not exported to (trusted by) the province
    text = do_build_submission(None, installation, YEAR, MONTHS).package
    with pytest.raises(PackageRefused, match="không phải khóa tin cậy"):
        _receive(text.encode())
    assert not Submission.objects.filter(direction=Direction.RECEIVED).exists()


def test_a_correction_supersedes_the_earlier_package_and_both_stay_visible(installation):
    first = _receive(do_build_submission(None, installation, YEAR, MONTHS).package.encode())
    second_sent = do_build_submission(None, installation, YEAR, MONTHS)
    second = _receive(second_sent.package.encode())
    assert second.supersedes == first and second_sent.supersedes is not None
    assert json.loads(second_sent.package)["payload"]["supersedes"] == second_sent.supersedes.sha256
    assert Submission.objects.filter(direction=Direction.RECEIVED, unit=installation).count() == 2
    with pytest.raises(PackageRefused):
        _receive(second_sent.package.encode().replace(b'"signature"', b'"signatur"'))


def test_the_consolidation_equals_the_provinces_own_report_and_shows_a_missing_branch(installation):
    hue = Unit.objects.get(code="HUE")
    before = consolidation(hue, YEAR, MONTHS)
    assert before.missing == ["HUE-PV"] and before.differences  # the branch's figures are not in yet
    sub = _receive(do_build_submission(None, installation, YEAR, MONTHS).package.encode())
    after = consolidation(hue, YEAR, MONTHS)
    own = official_report(hue, YEAR, MONTHS)
    assert after.missing == [] and after.differences == []
    assert after.consolidated == {"cases": own["cases"], "money": own["money"]}
    assert after.own["cases"]["TT"] == 2
    do_return(None, sub, "Sai số liệu")
    assert consolidation(hue, YEAR, MONTHS).missing == ["HUE-PV"]  # a returned report leaves the consolidation


@pytest.mark.parametrize("level, on, due, late", [
    # Friday 31/10/2025: the weekend is not counted
    ("district", date(2025, 11, 4), date(2025, 11, 4), False),  # Tuesday, the 2nd working day: in time
    ("district", date(2025, 11, 5), date(2025, 11, 4), True),   # Wednesday: late
    ("regional", date(2025, 11, 3), date(2025, 11, 4), False),
    ("province", date(2025, 11, 6), date(2025, 11, 6), False),  # Thursday, the 4th working day
    ("province", date(2025, 11, 7), date(2025, 11, 6), True),
    ("officer", date(2025, 11, 4), date(2025, 11, 3), True),    # Monday is the officer's day
])
def test_the_due_day_counts_working_days_after_the_period_end_across_a_weekend(level, on, due, late):
    got = due_date(level, date(2025, 10, 31), national_calendar())
    assert got == due and is_late(on, got) is late


def test_the_national_department_has_no_due_day_and_is_never_late():
    assert due_date("national", date(2025, 10, 31), national_calendar()) is None
    assert not is_late(date(2030, 1, 1), None)


def test_consolidating_recomputes_the_rate_from_the_sums():
    a = {"cases": {"XONG": 1, "DC": 0, "CDK": 2}, "money": {"XONG": 10, "GIAM": 0, "DC": 0, "CDK": 40}}
    b = {"cases": {"XONG": 0, "DC": 1, "CDK": 1}, "money": {"XONG": 0, "GIAM": 5, "DC": 0, "CDK": 10}}
    full = [{m: {k: r[m].get(k, 0) for k in keys} for m, keys in (("cases", CASES), ("money", MONEY))} for r in (a, b)]
    got = consolidate(full)
    assert (got["cases"]["RATE"], got["money"]["RATE"]) == ("66.67", "30.00")
    assert consolidate([])["cases"]["RATE"] is None


def test_closing_a_period_builds_the_package_for_the_level_above(installation, django_capture_on_commit_callbacks):
    from thads.stats.actions import do_close_period

    with django_capture_on_commit_callbacks(execute=True):
        do_close_period(None, installation, YEAR, MONTHS)
    sent = Submission.objects.get(direction=Direction.SENT, unit=installation)
    assert sent.to_unit.code == "HUE" and json.loads(sent.package)["payload"]["closed"] is True


def test_the_pages_list_the_packages_show_the_consolidation_and_download_a_package(installation, client,
                                                                                 django_user_model):
    sub = _receive(do_build_submission(None, installation, YEAR, MONTHS).package.encode())
    user = django_user_model.objects.create_superuser("root", password="x-long-password-1")
    client.force_login(user)
    page = client.get("/submissions/").content.decode()
    assert "HUE-PV" in page and sub.sha256[:12] in page
    cons = client.get("/submissions/consolidation/", {"unit": "HUE", "year": YEAR, "months": MONTHS})
    assert cons.status_code == 200 and cons.context["result"].differences == []
    got = client.get("/submissions/download/", {"id": sub.pk})
    assert got.status_code == 200 and got.content == sub.package.encode()
    assert client.get("/submissions/download/", {"id": "٣"}).status_code == 404


def test_the_package_carries_the_report_in_the_legal_layout_too(installation):
    _, payload = read(do_build_submission(None, installation, YEAR, MONTHS).package.encode())
    csv = payload["layout"]["csv"]
    assert payload["layout"]["name"] == "default" and "HUE-PV" in csv
    assert str(payload["report"]["money"]["CU"]) in csv


def _statistician(django_user_model, unit_code: str):
    from thads.domain.roles import Title

    return django_user_model.objects.create_user(f"tk-{unit_code.lower()}", password="x-long-password-1",
                                                 unit=Unit.objects.get(code=unit_code), title=Title.STATISTICIAN)


def test_on_the_pages_the_branch_statistician_builds_and_the_province_statistician_receives_and_returns(
        installation, client, django_user_model):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(_statistician(django_user_model, "HUE-PV"))
    client.post("/submissions/build/", {"unit": "HUE-PV", "year": YEAR, "months": MONTHS})
    sent = Submission.objects.get(direction=Direction.SENT)
    assert sent.created_by.username == "tk-hue-pv"
    # the branch's statistician cannot receive for the province: refused, nothing written
    client.post("/submissions/receive/", {"package": SimpleUploadedFile("p.json", sent.package.encode())})
    assert not Submission.objects.filter(direction=Direction.RECEIVED).exists()
    client.force_login(_statistician(django_user_model, "HUE"))
    tampered = SimpleUploadedFile("p.json", _flip_digit(sent.package))
    page = client.post("/submissions/receive/", {"package": tampered}, follow=True).content.decode()
    assert "SHA-256 không khớp" in page and not Submission.objects.filter(direction=Direction.RECEIVED).exists()
    client.post("/submissions/receive/", {"package": SimpleUploadedFile("p.json", sent.package.encode())})
    got = Submission.objects.get(direction=Direction.RECEIVED)
    client.post("/submissions/decide/", {"id": got.pk, "decision": "return", "reason": "Thiếu danh sách"})
    got.refresh_from_db()
    assert (got.status, got.note) == ("returned", "Thiếu danh sách")


def test_a_signed_package_whose_report_is_not_of_its_period_is_refused(installation):
    from thads.submissions import crypto
    from thads.submissions.actions import SubmissionRefused

    env = json.loads(do_build_submission(None, installation, YEAR, MONTHS).package)
    env["payload"]["months"] = 11  # signed by the trusted key, but the report is the 12-month one
    data = canonical(env["payload"])
    env["sha256"] = hashlib.sha256(data).hexdigest()
    env["signature"]["value"] = crypto.sign(env["signature"]["key"], data)
    with pytest.raises(SubmissionRefused, match="không đúng mẫu"):
        _receive(json.dumps(env).encode())
    assert not Submission.objects.filter(direction=Direction.RECEIVED).exists()


def test_the_provinces_own_package_carries_the_consolidation_and_the_branches_unfinished_lists(installation):
    hue = Unit.objects.get(code="HUE")
    do_create_key(None, hue)
    alone = read(do_build_submission(None, hue, YEAR, MONTHS).package.encode())[1]
    assert "consolidation" not in alone  # nothing received yet
    got = _receive(do_build_submission(None, installation, YEAR, MONTHS).package.encode())
    package = json.loads(got.package)
    package["payload"]["unfinished"].append({"id": "X9", "unit": "HUE-PV", "bucket": "DANG", "outstanding": 5})
    Submission.objects.filter(pk=got.pk).update(package=json.dumps(package))  # a case only the branch holds
    payload = read(do_build_submission(None, hue, YEAR, MONTHS).package.encode())[1]
    own = official_report(hue, YEAR, MONTHS)
    assert payload["consolidation"]["consolidated"] == {"cases": own["cases"], "money": own["money"]}
    assert payload["consolidation"]["received"] == {"HUE-PV": got.sha256}
    ids = [r["id"] for r in payload["unfinished"]]
    assert "X9" in ids and "P2" in ids and len(ids) == len(set(ids))
