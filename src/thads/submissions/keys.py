"""Keys, the reading side: a unit's active signing key, the public-key file ``thads keys export`` writes and
``thads keys trust`` reads (``thads-public-key/1``), the trusted key of a sender. Writes: ``actions.do_create_key``
and ``actions.do_trust_key``; the key material: ``crypto``.

The public-key file (JSON, UTF-8)::

    {"format": "thads-public-key/1", "algorithm": "Ed25519", "unit": "HUE-PV", "unit_name": "…",
     "fingerprint": "<sha256 hex of the raw key>", "public_key": "<base64 of the raw 32 bytes>"}

It never holds the private key.
"""

from __future__ import annotations

import json

from thads.lib.errors import Refused
from thads.org.models import Unit
from thads.submissions import crypto
from thads.submissions.models import SigningKey, TrustedKey

KEY_FORMAT = "thads-public-key/1"


class KeyRefused(Refused):
    """A key file or key operation refused (message in Vietnamese)."""


def active_key(unit: Unit) -> SigningKey | None:
    """The newest signing key of ``unit`` whose private half this installation holds."""
    for key in SigningKey.objects.filter(unit=unit, retired_at__isnull=True):
        try:
            if crypto.private_key_file(key.fingerprint).is_file():
                return key
        except ValueError:  # a row whose fingerprint is not one (never a path)
            continue
    return None


def export_text(key: SigningKey) -> str:
    return json.dumps({"format": KEY_FORMAT, "algorithm": crypto.ALGORITHM, "unit": key.unit.code,
                       "unit_name": key.unit.name, "fingerprint": key.fingerprint, "public_key": key.public_key},
                      ensure_ascii=False, indent=2) + "\n"


def parse_public_key(text: str) -> dict:
    """The public-key file's fields, checked: at most 10 kB, format, algorithm, a 32-byte key that is not of
    small order (``crypto.weak_public_key``) whose fingerprint is the one written, the unit a string."""
    if len(text) > 10_000:
        raise KeyRefused("Tệp khóa công khai quá lớn: không phải khóa công khai của THADS.")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise KeyRefused("Tệp khóa công khai không đúng định dạng JSON.") from None
    if not isinstance(data, dict) or data.get("format") != KEY_FORMAT or data.get("algorithm") != crypto.ALGORITHM:
        raise KeyRefused("Tệp không phải là khóa công khai Ed25519 của THADS.")
    try:
        raw = crypto.unb64(str(data.get("public_key", "")))
    except ValueError:
        raw = b""
    if len(raw) != 32:
        raise KeyRefused("Khóa công khai không hợp lệ.")
    if crypto.weak_public_key(raw):
        raise KeyRefused("Khóa công khai yếu (điểm bậc nhỏ), ai cũng giả được chữ ký: không tin cậy.")
    if not isinstance(data.get("unit"), str):
        raise KeyRefused("Tệp khóa công khai không ghi đơn vị.")
    if crypto.fingerprint_of(raw) != data.get("fingerprint"):
        raise KeyRefused("Dấu vân tay của khóa không khớp với khóa công khai.")
    return data


def trusted(unit: Unit, fingerprint: str) -> TrustedKey | None:
    return TrustedKey.objects.filter(unit=unit, fingerprint=fingerprint, revoked_at__isnull=True).first()
