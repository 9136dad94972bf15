"""Security and law review of the submissions upward (issue 18): what a hostile or broken package, key file or
request must not achieve. Uses the one-installation fixture of ``test_submissions.py`` (branch HUE-PV below the
province HUE, a key of HUE-PV trusted for HUE-PV, the worked example's statistical year 2025)."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from tests.test_submissions import MONTHS, YEAR, _statistician, installation  # noqa: F401  (the fixture)
from thads.domain.calendar import national_calendar
from thads.domain.submissions import due_date, report_shape_ok
from thads.org.models import AuditEvent, Unit
from thads.submissions import crypto, package
from thads.submissions import keys as keys_mod
from thads.submissions.actions import SubmissionRefused, do_build_submission, do_create_key, do_receive, do_trust_key
from thads.submissions.keys import KeyRefused
from thads.submissions.models import Direction, Submission
from thads.submissions.package import PackageRefused, canonical


def _resign(env: dict, fingerprint: str | None = None) -> bytes:
    """The envelope with its payload re-signed by the private key ``fingerprint`` (default: the one named)."""
    fp = fingerprint or env["signature"]["key"]
    data = canonical(env["payload"])
    env["sha256"] = hashlib.sha256(data).hexdigest()
    env["signature"] = {"algorithm": "Ed25519", "key": fp, "value": crypto.sign(fp, data)}
    return json.dumps(env, ensure_ascii=False).encode()


def _built(unit: Unit) -> dict:
    return json.loads(do_build_submission(None, unit, YEAR, MONTHS).package)


def _nothing_received() -> bool:
    return not Submission.objects.filter(direction=Direction.RECEIVED).exists()


@pytest.fixture
def second_branch(installation):  # noqa: F811
    """A second branch HUE-AL below HUE, with no key of its own."""
    return Unit.objects.create(code="HUE-AL", name="Chi cục A Lưới", parent=installation.parent, level="district")


# ------------------------------------------------------------------------------------------------ signatures, keys


def test_a_key_trusted_for_one_branch_cannot_sign_a_report_for_another_branch(installation, second_branch):
    env = _built(installation)
    env["payload"]["unit"]["code"] = "HUE-AL"
    env["payload"]["report"]["unit"] = "HUE-AL"
    with pytest.raises(PackageRefused, match="không phải khóa tin cậy của đơn vị HUE-AL"):
        do_receive(None, _resign(env))
    assert _nothing_received()


def _raw_key_file(raw: bytes, unit: str = "HUE-PV") -> str:
    return json.dumps({"format": "thads-public-key/1", "algorithm": "Ed25519", "unit": unit, "unit_name": "x",
                       "fingerprint": hashlib.sha256(raw).hexdigest(), "public_key": base64.b64encode(raw).decode()})


@pytest.mark.parametrize("raw", [bytes([1]) + bytes(31), bytes(32), bytes.fromhex("ec" + "ff" * 30 + "7f"),
                                 bytes([1]) + bytes(30) + b"\x80"])
def test_trusting_a_small_order_public_key_is_refused_since_anyone_could_forge_with_it(installation, raw):
    with pytest.raises(KeyRefused, match="bậc nhỏ"):
        do_trust_key(None, installation, _raw_key_file(raw))


def test_a_package_forged_under_an_identity_key_already_trusted_does_not_verify(installation):
    from thads.submissions.models import TrustedKey

    raw = bytes([1]) + bytes(31)
    TrustedKey.objects.create(unit=installation, fingerprint=hashlib.sha256(raw).hexdigest(),
                              public_key=base64.b64encode(raw).decode())
    env = _built(installation)
    env["payload"]["report"]["money"]["XONG"] += 1
    data = canonical(env["payload"])
    env["sha256"] = hashlib.sha256(data).hexdigest()
    env["signature"] = {"algorithm": "Ed25519", "key": hashlib.sha256(raw).hexdigest(),
                        "value": base64.b64encode(raw + bytes(32)).decode()}  # R = identity, S = 0
    with pytest.raises(PackageRefused, match="Chữ ký không hợp lệ"):
        do_receive(None, json.dumps(env).encode())
    assert _nothing_received()


@pytest.mark.parametrize("text", ["[" * 100000 + "]" * 100000, "x" * 20000, '{"format": 1}', "{}",
                                  _raw_key_file(b"\x07" * 31)])
def test_trusting_a_malformed_key_file_is_refused_with_a_reason(installation, text):
    with pytest.raises(KeyRefused):
        do_trust_key(None, installation, text)


def test_keys_trust_refuses_a_huge_file_without_reading_it_whole(installation, tmp_path):
    big = tmp_path / "big.json"
    big.write_text(" " * 50000 + _raw_key_file(bytes(range(32))), encoding="utf-8")
    with pytest.raises(CommandError, match="quá lớn"):
        call_command("keys", "trust", str(big), "--unit", "HUE-PV", stdout=io.StringIO())


def test_the_key_folder_is_narrowed_to_0700_and_no_audit_row_holds_the_private_key(installation, settings):
    folder = Path(settings.VAR_DIR) / "keys"
    folder.chmod(0o755)
    key = do_create_key(None, installation)
    assert os.stat(folder).st_mode & 0o777 == 0o700
    pem = crypto.private_key_file(key.fingerprint).read_text()
    secret = pem.splitlines()[1]
    rows = " ".join(str(e.__dict__) for e in AuditEvent.objects.all())
    assert "submissions.key.create" in rows and secret not in rows
    assert secret not in keys_mod.export_text(key) and not Path(settings.MEDIA_ROOT).resolve().is_relative_to(folder)


# ------------------------------------------------------------------------------------------------ package shape


def _upload_refused(data: bytes, match: str) -> None:
    with pytest.raises(PackageRefused, match=match):
        do_receive(None, data)
    assert _nothing_received()


def test_a_json_nesting_bomb_is_refused_not_a_crash(installation):
    _upload_refused(b"[" * 200000 + b"]" * 200000, "JSON hỏng")


def test_a_number_bomb_is_refused_while_parsing(installation):
    _upload_refused(('{"format": "thads-submission/1", "x": ' + "9" * 4000 + "}").encode(), "số quá lớn")


def test_a_file_larger_than_the_bound_is_refused_before_parsing(installation, monkeypatch):
    monkeypatch.setattr(package, "MAX_PACKAGE_BYTES", 1000)
    _upload_refused(b" " * 1001, "lớn hơn")


def test_a_repeated_key_is_refused_since_two_readers_could_see_two_values_under_one_signature(installation):
    text = do_build_submission(None, installation, YEAR, MONTHS).package
    forged = text.replace('"format": "thads-submission/1",', '"format": "thads-submission/1", "sha256": "0",', 1)
    _upload_refused(forged.encode(), "khóa lặp lại")


@pytest.mark.parametrize("change", [
    lambda p: p["report"]["cases"].__setitem__("XONG", True),
    lambda p: p["report"]["cases"].__setitem__("XONG", "2"),
    lambda p: p["report"]["money"].__setitem__("XONG", 10**19),
    lambda p: p["report"]["money"].__setitem__("RATE", "99.99"),
    lambda p: p["report"]["cases"].pop("CU"),
    lambda p: p.__setitem__("kind", "period"),
    lambda p: p.__setitem__("year", "2025"),
    lambda p: p["unfinished"].append({"id": "X1", "unit": "HUE", "bucket": "DANG", "outstanding": 1}),
    lambda p: p["unfinished"].append({"id": "X1", "unit": "HUE-PV", "bucket": "XONG", "outstanding": 1}),
])
def test_a_signed_package_of_the_wrong_shape_is_refused_and_nothing_is_written(installation, change):
    env = _built(installation)
    change(env["payload"])
    with pytest.raises(SubmissionRefused):
        do_receive(None, _resign(env))
    assert _nothing_received()


def test_the_report_shape_accepts_the_contract_example():
    example = {"cases": {"CU": 3, "MOI": 7, "TT": 10, "UT": 1, "TH": 1, "PTH": 8, "XONG": 2, "DC": 1, "DANG": 1,
                         "HOAN_C": 1, "CDK": 5, "CHUA_DK": 2, "HOAN_KHAC": 1, "TDC": 0, "SO_RIENG": 0, "CCDK": 3,
                         "CKS": 5, "RATE": "60.00"},
               "money": {"CU": 235000000, "MOI": 1053000000, "TT": 1288000000, "UT": 500000000, "TH": 20000000,
                         "PTH": 768000000, "XONG": 125000000, "GIAM": 0, "DC": 40000000, "DANG": 20000000,
                         "HOAN_C": 80000000, "CDK": 265000000, "CHUA_DK": 203000000, "HOAN_KHAC": 300000000,
                         "TDC": 0, "SO_RIENG": 0, "CCDK": 503000000, "CKS": 603000000, "RATE": "62.26"}}
    assert report_shape_ok(example)
    example["money"]["RATE"] = "62.27"
    assert not report_shape_ok(example)


def test_what_is_stored_and_downloaded_is_only_the_verified_envelope(installation):
    env = json.loads(do_build_submission(None, installation, YEAR, MONTHS).package)
    env["note"] = "<script>unsigned</script>"
    sub = do_receive(None, json.dumps(env).encode())
    stored = json.loads(sub.package)
    assert set(stored) == {"format", "payload", "sha256", "signature"} and "unsigned" not in sub.package
    assert hashlib.sha256(canonical(stored["payload"])).hexdigest() == sub.sha256


# ------------------------------------------------------------------------------------------------ replay


def test_the_same_package_twice_is_refused(installation):
    text = do_build_submission(None, installation, YEAR, MONTHS).package.encode()
    do_receive(None, text)
    with pytest.raises(SubmissionRefused, match="đã được nhận"):
        do_receive(None, text)


def test_an_older_package_arriving_after_its_correction_does_not_replace_it(installation):
    old = json.loads(do_build_submission(None, installation, YEAR, MONTHS).package)
    new = do_build_submission(None, installation, YEAR, MONTHS)
    new_env = json.loads(new.package)
    new_env["payload"]["created_at"] = (datetime.fromisoformat(old["payload"]["created_at"])
                                        + timedelta(hours=1)).isoformat()
    got = do_receive(None, _resign(new_env))
    with pytest.raises(SubmissionRefused, match="gói cũ"):
        do_receive(None, json.dumps(old).encode())
    assert list(Submission.objects.filter(direction=Direction.RECEIVED)) == [got]


def test_the_province_list_takes_only_unfinished_rows_of_the_senders_subtree(installation, second_branch):
    from thads.submissions.package import build_payload

    sub = do_receive(None, do_build_submission(None, installation, YEAR, MONTHS).package.encode())
    stored = json.loads(sub.package)
    stored["payload"]["unfinished"].append({"id": "FAKE", "unit": "HUE-AL", "bucket": "DANG", "outstanding": 5})
    Submission.objects.filter(pk=sub.pk).update(package=json.dumps(stored))
    payload = build_payload(installation.parent, YEAR, MONTHS, on=date(2025, 10, 10))
    assert "FAKE" not in {r["id"] for r in payload["unfinished"]}


# ------------------------------------------------------------------------------------------------ pages


def test_another_branch_cannot_see_or_download_a_branchs_package(installation, second_branch, client,
                                                                  django_user_model):
    sent = do_build_submission(None, installation, YEAR, MONTHS)
    received = do_receive(None, sent.package.encode())
    client.force_login(_statistician(django_user_model, "HUE-AL"))
    for sub in (sent, received):
        assert client.get("/submissions/download/", {"id": sub.pk}).status_code == 404
    page = client.get("/submissions/").content.decode()
    assert sent.sha256[:12] not in page and received.sha256[:12] not in page
    assert client.post("/submissions/decide/", {"id": received.pk, "decision": "accept"}).status_code == 404


def test_the_branch_cannot_accept_its_own_report_at_the_province(installation, client, django_user_model):
    received = do_receive(None, do_build_submission(None, installation, YEAR, MONTHS).package.encode())
    client.force_login(_statistician(django_user_model, "HUE-PV"))
    client.post("/submissions/decide/", {"id": received.pk, "decision": "accept"})
    received.refresh_from_db()
    assert received.status == "received"


@pytest.mark.parametrize("year", ["1", "0", "999999", "1999"])
def test_building_for_an_absurd_year_is_a_message_not_a_500(installation, client, django_user_model, year):
    client.force_login(_statistician(django_user_model, "HUE-PV"))
    got = client.post("/submissions/build/", {"unit": "HUE-PV", "year": year, "months": "3"}, follow=True)
    assert got.status_code == 200 and not Submission.objects.exists()


@pytest.mark.parametrize("data", [b"\xff\xfe", b"[" * 100000, b"null", b'{"format": "thads-submission/1"}'])
def test_uploading_garbage_shows_the_refusal(installation, client, django_user_model, data):
    client.force_login(_statistician(django_user_model, "HUE"))
    got = client.post("/submissions/receive/", {"package": SimpleUploadedFile("p.json", data)}, follow=True)
    assert got.status_code == 200 and "không" in got.content.decode() and _nothing_received()


def test_the_buttons_refuse_a_post_without_the_csrf_token(installation, django_user_model):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(_statistician(django_user_model, "HUE-PV"))
    got = client.post("/submissions/build/", {"unit": "HUE-PV", "year": YEAR, "months": MONTHS})
    assert got.status_code == 403 and not Submission.objects.exists()


def test_the_download_name_carries_no_path(installation, client, django_user_model):
    sent = do_build_submission(None, installation, YEAR, MONTHS)
    client.force_login(_statistician(django_user_model, "HUE-PV"))
    disposition = client.get("/submissions/download/", {"id": sent.pk})["Content-Disposition"]
    assert disposition.startswith('attachment; filename="HUE-PV-2025-12-') and "/" not in disposition


# ------------------------------------------------------------------------------------------------ law


@pytest.mark.parametrize("level, end, due", [
    ("district", date(2025, 1, 31), date(2025, 2, 4)),  # Tết At Ty: 25/01–02/02/2025 off
    ("province", date(2025, 1, 31), date(2025, 2, 6)),
    ("district", date(2025, 8, 31), date(2025, 9, 4)),  # 01–02/09 National Day
    ("regional", date(2025, 4, 30), date(2025, 5, 6)),  # 30/04, 01/05, then the weekend
])
def test_the_due_day_skips_tet_and_the_public_holidays(level, end, due):
    assert due_date(level, end, national_calendar()) == due


def test_a_period_outside_the_calendar_has_no_due_day_instead_of_a_crash(installation, monkeypatch):
    from thads.domain.calendar import CalendarRangeError
    from thads.submissions import actions

    def out_of_range(*args, **kwargs):
        raise CalendarRangeError("outside")

    monkeypatch.setattr(actions.rules, "due_date", out_of_range)
    sub = do_build_submission(None, installation, YEAR, MONTHS)
    assert sub.due_on is None and not sub.late


def test_no_key_is_created_in_a_folder_every_backup_copies(installation, settings):
    settings.MEDIA_ROOT = settings.VAR_DIR
    with pytest.raises(KeyRefused, match="MEDIA_ROOT"):
        do_create_key(None, installation)


def test_a_fingerprint_that_is_not_hex_never_becomes_a_key_file_path(installation):
    from thads.submissions.models import SigningKey

    SigningKey.objects.filter(unit=installation).update(fingerprint="../../../etc/passwd")
    with pytest.raises(ValueError):
        crypto.private_key_file("../../../etc/passwd")
    assert keys_mod.active_key(installation) is None


def test_the_package_report_is_exactly_the_json_form_of_the_contract(installation):
    from thads.domain.report import CASE_KEYS, MONEY_KEYS

    report = _built(installation)["payload"]["report"]
    assert list(report) == ["unit", "from", "to", "cases", "money"]
    assert (report["unit"], report["from"], report["to"]) == ("HUE-PV", "2024-10-01", "2025-09-30")
    assert list(report["cases"]) == list(CASE_KEYS) and list(report["money"]) == list(MONEY_KEYS)
    assert report_shape_ok(report) and isinstance(report["money"]["RATE"], str | None)


def test_the_year_end_list_holds_every_case_not_finished_at_30_09_and_nothing_else(installation):
    payload = _built(installation)["payload"]
    finished = {r["id"] for r in payload["cases"] if r["bucket"] in {"UT", "TH", "XONG", "DC"}}
    listed = {r["id"] for r in payload["unfinished"]}
    assert listed and not listed & finished and listed | finished == {r["id"] for r in payload["cases"]}
    report = payload["report"]
    assert sum(r["outstanding"] for r in payload["unfinished"]) == report["money"]["CKS"]
    assert len(listed) == report["cases"]["DANG"] + report["cases"]["HOAN_C"] + report["cases"]["CCDK"]


def test_the_consolidation_page_for_an_early_year_is_shown_not_a_500(installation, client, django_user_model):
    client.force_login(_statistician(django_user_model, "HUE"))
    assert client.get("/submissions/consolidation/", {"unit": "HUE", "year": "2000", "months": "12"}
                      ).status_code == 200


def test_a_head_who_may_not_receive_gets_no_verification_answer(installation, django_user_model):
    from thads.domain.roles import Title

    head = django_user_model.objects.create_user("head-hue", password="x-long-password-1",
                                                 unit=installation.parent, title=Title.HEAD)
    with pytest.raises(SubmissionRefused, match="Chỉ thống kê viên"):
        do_receive(head, b"not a package")


def test_the_province_statistician_cannot_receive_a_package_of_another_provinces_unit(installation,
                                                                                        django_user_model):
    top = Unit.objects.create(code="DNG", name="Cục Đà Nẵng", level="province")
    branch = Unit.objects.create(code="DNG-HC", name="Chi cục Hải Châu", parent=top, level="district")
    key = do_create_key(None, branch)
    do_trust_key(None, branch, keys_mod.export_text(key))
    text = do_build_submission(None, branch, YEAR, MONTHS).package.encode()
    with pytest.raises(SubmissionRefused, match="Chỉ thống kê viên"):
        do_receive(_statistician(django_user_model, "HUE"), text)
    assert _nothing_received()


def test_the_same_package_received_twice_at_once_is_refused_not_a_500(installation, monkeypatch):
    from thads.submissions import actions

    text = do_build_submission(None, installation, YEAR, MONTHS).package.encode()
    sha = json.loads(text)["sha256"]
    real_due = actions._due

    def racing(*args):  # the other request records the same package between the check and the write
        Submission.objects.create(direction=Direction.RECEIVED, unit=installation, kind="year_end", year=YEAR,
                                  months=MONTHS, date_from=date(2024, 10, 1), date_to=date(2025, 9, 30),
                                  on=date(2025, 10, 3), sha256=sha, signer="x", status="received",
                                  report_json="{}", package="{}")
        return real_due(*args)

    monkeypatch.setattr(actions, "_due", racing)
    with pytest.raises(SubmissionRefused, match="đã được nhận"):  # (the racing row, made inside this
        do_receive(None, text)                                       # transaction here, is rolled back with it)


def test_another_branch_asking_for_the_provinces_consolidation_sees_only_its_own_unit(installation, second_branch,
                                                                                       client, django_user_model):
    received = do_receive(None, do_build_submission(None, installation, YEAR, MONTHS).package.encode())
    client.force_login(_statistician(django_user_model, "HUE-AL"))
    got = client.get("/submissions/consolidation/", {"unit": "HUE", "year": YEAR, "months": MONTHS})
    page = got.content.decode()
    assert got.status_code == 200 and got.context["unit"].code == "HUE-AL"
    assert "HUE-PV" not in page and received.on.strftime("%d/%m/%Y") not in page
