"""The submission package: build, sign, read and verify (format ``thads-submission/1``,
docs/submission-package.md).

The file is one JSON object (UTF-8)::

    {"format": "thads-submission/1", "payload": {…}, "sha256": "<hex>",
     "signature": {"algorithm": "Ed25519", "key": "<fingerprint>", "value": "<base64>"}}

What is signed: the *canonical bytes* of ``payload`` — ``json.dumps(payload, sort_keys=True, separators=(",", ":"),
ensure_ascii=False).encode("utf-8")``; the payload holds strings, integers, booleans, null, lists and objects only
(no floats: money is int VND, RATE a string). ``sha256`` is the SHA-256 of the same bytes (a quick check that tells
a damaged file from a forged one). The reader re-serialises the parsed payload canonically, so the file's layout
(indentation, key order) does not matter and any change of a value does.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from django.utils import timezone

from thads.cases.models import Case
from thads.domain import submissions as rules
from thads.domain.contrib import RAW, month_end
from thads.domain.report import dumps_report
from thads.lib.errors import Refused
from thads.org.models import Unit
from thads.org.scope import subtree_ids
from thads.stats.closing import active_closing
from thads.stats.exports import render
from thads.stats.meta import report_meta
from thads.stats.models import StatCaseSpan
from thads.stats.service import official_report
from thads.submissions import crypto
from thads.submissions.keys import trusted
from thads.submissions.models import SigningKey
from thads.submissions.receive import consolidation

FORMAT = "thads-submission/1"
FINAL_BUCKETS = frozenset({"UT", "TH", "XONG", "DC"})
UNFINISHED_BUCKETS = frozenset({"DANG", "HOAN_C", "CHUA_DK", "HOAN_KHAC", "TDC", "SO_RIENG"})
#: The largest package file read (bytes), on the page and by ``thads receive``: a province's year with 200 000
#: cases is about 40 MB.
MAX_PACKAGE_BYTES = 50 * 1024 * 1024
#: JSON integers longer than this (digits and sign) are refused while parsing (a "number bomb"; figures ≤ 10^18).
MAX_INT_CHARS = 20


class PackageRefused(Refused):
    """A package that is not accepted (message in Vietnamese: the reason); nothing was written."""


def canonical(payload: Any) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def period_report(unit: Unit, year: int, months: int) -> tuple[dict, bool]:
    """The report sent for the period: the frozen one when the period is closed (khóa sổ), else the cells'."""
    closing = active_closing(unit, year, months)
    if closing is not None:
        return closing.report, True
    return official_report(unit, year, months), False


def case_parts(unit: Unit, year: int, months: int) -> list[dict]:
    """The case list behind the figures: each case of CU ∪ MOI with its part (``thads.domain.drilldown.Part``:
    place and base, bucket and its money, payments and reductions), from the stored spans of the official
    period; every figure of the report is the same linear combination of these parts (the drill-down)."""
    units = dict(Unit.objects.filter(id__in=subtree_ids(unit)).values_list("id", "code"))
    spans = list(StatCaseSpan.objects.filter(year=year, unit_id__in=list(units), k_first__lte=months,
                                             k_last__gte=months)
                 .values_list("case_id", "unit_id", "place", "base", "bucket", "bucket_money", "paid", "reduced"))
    ext: dict[int, str] = {}
    ids = [s[0] for s in spans]
    for i in range(0, len(ids), 5000):
        ext.update(Case.objects.filter(id__in=ids[i:i + 5000]).values_list("id", "ext_id"))
    rows = [{"id": ext.get(c, str(c)), "unit": units[u], "place": RAW[p], "base": b, "bucket": RAW[k],
             "bucket_money": bm, "paid": paid, "reduced": red}
            for c, u, p, b, k, bm, paid, red in spans]
    return sorted(rows, key=lambda r: r["id"])


def build_payload(unit: Unit, year: int, months: int, *, on: date, supersedes: str | None = None) -> dict:
    """The payload of ``unit``'s package for the ``months``-month period of statistical ``year``: the report
    (interchange.md §2) and the same in the legal layout (``thads.stats.exports``, CSV of the default form), the
    case list behind it and, at year end (12 months, to 30/09), the unfinished cases."""
    report, closed = period_report(unit, year, months)
    cases = case_parts(unit, year, months)
    payload: dict[str, Any] = {
        "format": FORMAT, "kind": "year_end" if months == 12 else "period",
        "unit": {"code": unit.code, "name": unit.name, "level": unit.level,
                 "parent": unit.parent.code if unit.parent_id else None},
        "year": year, "months": months, "from": date(year - 1, 10, 1).isoformat(),
        "to": month_end(year, months).isoformat(), "signed_on": on.isoformat(),
        "created_at": timezone.now().isoformat(timespec="seconds"), "closed": closed,
        "supersedes": supersedes, "report": json.loads(dumps_report(report)), "cases": cases,
    }
    meta = report_meta(unit, date(year - 1, 10, 1), month_end(year, months), closed=closed, adjustments=[], by=None,
                       produced_at=timezone.now())
    payload["layout"] = {"name": "default", "csv": render(payload["report"], meta, "csv").decode("utf-8-sig")}
    received = _consolidation_part(unit, year, months)
    if received is not None:
        payload["consolidation"] = received[0]
    if months == 12:
        unfinished = [{"id": r["id"], "unit": r["unit"], "bucket": r["bucket"], "outstanding": r["bucket_money"]}
                      for r in cases if r["bucket"] not in FINAL_BUCKETS]
        seen = {(r["unit"], r["id"]) for r in unfinished}
        extra = [r for r in (received[1] if received else []) if (r.get("unit"), r.get("id")) not in seen]
        payload["unfinished"] = unfinished + sorted(extra, key=lambda r: (str(r.get("unit")), str(r.get("id"))))
    return payload


def _consolidation_part(unit: Unit, year: int, months: int) -> tuple[dict, list[dict]] | None:
    """When ``unit`` received reports of the period from the units below it: the consolidation (its own unit's
    figures + the received reports, THADS.md §4.2 "its own unit and the whole province") and the received
    year-end lists of unfinished cases; None when it received none."""
    result = consolidation(unit, year, months)
    subs = [s for _, s in result.rows if s is not None]
    if not subs:
        return None
    unfinished: list[dict] = []
    for sub in subs:
        # only rows of the sender's own subtree (checked on receipt too, ``check_payload``)
        codes = set(Unit.objects.filter(id__in=subtree_ids(sub.unit)).values_list("code", flat=True))
        unfinished.extend(r for r in json.loads(sub.package).get("payload", {}).get("unfinished", [])
                          if isinstance(r, dict) and r.get("unit") in codes)
    part = {"received": {u.code: (s.sha256 if s else None) for u, s in result.rows}, "missing": result.missing,
            "own": result.own, "consolidated": result.consolidated}
    return part, unfinished


def seal(payload: dict, key: SigningKey) -> tuple[str, str]:
    """The package file's text and its SHA-256 (of the canonical payload), signed with ``key``."""
    data = canonical(payload)
    digest = hashlib.sha256(data).hexdigest()
    envelope = {"format": FORMAT, "payload": payload, "sha256": digest,
                "signature": {"algorithm": crypto.ALGORITHM, "key": key.fingerprint,
                              "value": crypto.sign(key.fingerprint, data)}}
    return json.dumps(envelope, ensure_ascii=False, indent=1) + "\n", digest


def _no_float(text: str) -> Any:
    raise PackageRefused("Gói báo cáo có số thực: sai định dạng.")


def _bounded_int(text: str) -> int:
    if len(text) > MAX_INT_CHARS:
        raise PackageRefused("Gói báo cáo có số quá lớn: sai định dạng.")
    return int(text)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    """An object without a repeated key: with one, two readers could see two different values under one
    signature."""
    out = dict(pairs)
    if len(out) != len(pairs):
        raise PackageRefused("Gói báo cáo có khóa lặp lại trong một đối tượng JSON: không nhận.")
    return out


def read(data: bytes) -> tuple[dict, dict]:
    """(envelope, payload) of a package file, shape checked; refused with the reason otherwise: larger than
    MAX_PACKAGE_BYTES, not UTF-8 JSON, nested too deep, a float, an integer longer than MAX_INT_CHARS, a key
    repeated in an object, no signature, another algorithm, a SHA-256 that is not the payload's."""
    if len(data) > MAX_PACKAGE_BYTES:
        raise PackageRefused(f"Tệp lớn hơn {MAX_PACKAGE_BYTES // (1024 * 1024)} MB: không phải gói báo cáo THADS.")
    try:
        envelope = json.loads(data.decode("utf-8"), parse_float=_no_float, parse_constant=_no_float,
                              parse_int=_bounded_int, object_pairs_hook=_no_duplicates)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise PackageRefused("Tệp không đọc được: không phải gói báo cáo THADS (JSON hỏng).") from None
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT:
        raise PackageRefused("Tệp không phải là gói báo cáo THADS (định dạng không đúng).")
    payload = envelope.get("payload")
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise PackageRefused("Gói báo cáo không có nội dung hợp lệ.")
    signature = envelope.get("signature")
    if not isinstance(signature, dict) or not signature.get("value") or not signature.get("key"):
        raise PackageRefused("Gói báo cáo không có chữ ký: không nhận.")
    if signature.get("algorithm") != crypto.ALGORITHM:
        raise PackageRefused("Chữ ký không theo thuật toán Ed25519: không nhận.")
    try:
        digest = hashlib.sha256(canonical(payload)).hexdigest()
    except (ValueError, RecursionError):
        raise PackageRefused("Gói báo cáo không có nội dung hợp lệ.") from None
    if digest != envelope.get("sha256"):
        raise PackageRefused("Nội dung gói báo cáo đã bị thay đổi (mã SHA-256 không khớp): không nhận.")
    return envelope, payload


def stored_text(envelope: dict) -> str:
    """The package as kept by the receiver: the four signed or checked fields only (anything else the file held
    is not signed and is dropped), so that what is stored, downloaded and read again is what was verified."""
    kept = {"format": FORMAT, "payload": envelope["payload"], "sha256": envelope["sha256"],
            "signature": {k: envelope["signature"].get(k) for k in ("algorithm", "key", "value")}}
    return json.dumps(kept, ensure_ascii=False, indent=1) + "\n"


def verify(data: bytes) -> tuple[dict, dict, Unit]:
    """(envelope, payload, sender unit) of a package signed by a key this installation trusts for its sender
    unit; refused with the reason (unsigned, tampered, unknown unit or key, bad signature) otherwise."""
    envelope, payload = read(data)
    unit_info = payload.get("unit")
    code = unit_info.get("code") if isinstance(unit_info, dict) else None
    sender = Unit.objects.filter(code=code).first() if isinstance(code, str) else None
    if sender is None:
        raise PackageRefused(f"Đơn vị gửi {code!s} không có trong hệ thống: không nhận.")
    signature = envelope["signature"]
    key = trusted(sender, str(signature["key"]))
    if key is None:
        raise PackageRefused(f"Gói báo cáo được ký bằng khóa {str(signature['key'])[:16]}… không phải khóa tin cậy "
                             f"của đơn vị {sender.code}: không nhận.")
    if not crypto.verify(key.public_key, str(signature["value"]), canonical(payload)):
        raise PackageRefused(f"Chữ ký không hợp lệ: gói báo cáo đã bị thay đổi hoặc không do đơn vị {sender.code} "
                             "ký: không nhận.")
    return envelope, payload, sender


def _unfinished_ok(rows: Any, codes: set[str]) -> bool:
    return isinstance(rows, list) and all(
        isinstance(r, dict) and isinstance(r.get("id"), str) and r.get("unit") in codes
        and r.get("bucket") in UNFINISHED_BUCKETS and type(r.get("outstanding")) is int for r in rows)


def check_payload(payload: dict, sender: Unit) -> tuple[int, int, str, dict]:
    """(year, months, kind, report) of a verified payload whose content is of the shape this format promises:
    the period (year an integer, months 1…12, kind ``year_end`` exactly for 12 months), the report of the sender
    for that period with every figure (``rules.report_shape_ok``), ``created_at`` a text, and at year end the
    unfinished cases of units in the sender's subtree only. Refused otherwise (a signed but malformed package)."""
    bad = PackageRefused("Nội dung gói báo cáo không đúng mẫu (kỳ, loại hoặc số liệu): không nhận.")
    year, months, report = payload.get("year"), payload.get("months"), payload.get("report")
    if type(year) is not int or type(months) is not int or not 2000 <= year <= 9999 or not 1 <= months <= 12:
        raise bad
    kind = "year_end" if months == 12 else "period"
    if payload.get("kind") != kind or not isinstance(payload.get("created_at"), str):
        raise bad
    if not isinstance(report, dict) or report.get("unit") != sender.code or not rules.report_shape_ok(report):
        raise bad
    if (report.get("from"), report.get("to")) != (date(year - 1, 10, 1).isoformat(),
                                                  month_end(year, months).isoformat()):
        raise PackageRefused("Báo cáo trong gói không phải của kỳ gói ghi: không nhận.")
    if months == 12:
        codes = set(Unit.objects.filter(id__in=subtree_ids(sender)).values_list("code", flat=True))
        if not _unfinished_ok(payload.get("unfinished", []), codes):
            raise PackageRefused("Danh sách việc chưa thi hành xong có việc của đơn vị ngoài đơn vị gửi hoặc sai "
                                 "mẫu: không nhận.")
    return year, months, kind, report
