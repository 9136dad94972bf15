"""Ed25519 keys and signatures of the submission packages (``cryptography``), without the database.

Where the private key lives: a file ``<THADS_VAR_DIR>/keys/<fingerprint>.key`` (raw 32-byte seed, PEM PKCS#8,
unencrypted) created with mode 0600 in a directory of mode 0700. Not in the database: a database row travels in
every backup (``thads backup`` dumps every row) and in the admin, and a key encrypted with one derived from
SECRET_KEY would be lost with a rotated SECRET_KEY and readable by whoever holds a backup and the settings. The
file stays on the server that signs; ``thads backup`` copies MEDIA_ROOT only, never ``keys/``. Losing the file
means creating a new key and having the level above trust it (``thads keys create`` / ``export`` / ``trust``).

The fingerprint is the SHA-256 of the raw 32-byte public key, in hex: the same on both installations, printed by
``thads keys list`` to be compared over the telephone before trusting.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

ALGORITHM = "Ed25519"
_HEX64 = re.compile(r"[0-9a-f]{64}")

#: Encodings (sign bit cleared) of the Ed25519 points of small order, canonical and not (libsodium's blocklist).
#: A public key among them verifies forged signatures (with the identity point, R = identity and S = 0 verify
#: every message), so such a key is never trusted and never verifies anything.
_SMALL_ORDER = frozenset(bytes.fromhex(h) for h in (
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0100000000000000000000000000000000000000000000000000000000000000",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
))


def weak_public_key(raw: bytes) -> bool:
    """True for anything but a 32-byte key that is not a point of small order (see ``_SMALL_ORDER``)."""
    return len(raw) != 32 or raw[:31] + bytes([raw[31] & 0x7F]) in _SMALL_ORDER


def key_dir() -> Path:
    """``<THADS_VAR_DIR>/keys``; ValueError when it lies under MEDIA_ROOT (``THADS_MEDIA_DIR`` set to the var
    folder), which ``thads backup`` copies whole: the private keys would travel in every backup."""
    folder = Path(settings.VAR_DIR) / "keys"
    if folder.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve()):
        raise ValueError(f"the key folder {folder} is inside MEDIA_ROOT, which every backup copies: set "
                         "THADS_MEDIA_DIR or THADS_VAR_DIR so that it is not")
    return folder


def raw_public(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def new_private_key() -> tuple[str, str]:
    """Create a key pair, write the private key file (0600); return (fingerprint, public key base64)."""
    private = Ed25519PrivateKey.generate()
    raw = raw_public(private.public_key())
    fp = fingerprint_of(raw)
    folder = key_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)  # a folder made earlier by hand with a wider mode is narrowed
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    fd = os.open(private_key_file(fp), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    return fp, b64(raw)


def private_key_file(fingerprint: str) -> Path:
    """The private key file of ``fingerprint`` (64 lowercase hex digits, else ValueError: a name from a database
    row never leads out of the key folder)."""
    if not _HEX64.fullmatch(fingerprint):
        raise ValueError("not a key fingerprint")
    return key_dir() / f"{fingerprint}.key"


def sign(fingerprint: str, data: bytes) -> str:
    """The base64 Ed25519 signature of ``data`` with the private key of ``fingerprint`` (FileNotFoundError when
    this installation does not hold it)."""
    private = serialization.load_pem_private_key(private_key_file(fingerprint).read_bytes(), password=None)
    if not isinstance(private, Ed25519PrivateKey):
        raise ValueError("not an Ed25519 key")
    return b64(private.sign(data))


def verify(public_b64: str, signature_b64: str, data: bytes) -> bool:
    """True when ``signature_b64`` is the signature of ``data`` by the public key ``public_b64``."""
    try:
        raw = unb64(public_b64)
        if weak_public_key(raw):
            return False
        Ed25519PublicKey.from_public_bytes(raw).verify(unb64(signature_b64), data)
    except (InvalidSignature, ValueError):
        return False
    return True
