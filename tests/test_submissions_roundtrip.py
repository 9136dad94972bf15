"""A submission round trip between two installations (issue 18): two SQLite databases, each with its own
THADS_VAR_DIR (its own keys), driven through the ``thads`` command in subprocesses as operators would.

The branch installation imports its own cases only (the worked example, HUE-PV); the province installation imports
the whole province (the branch's cases and its own). The branch exports its public key, the province trusts it,
the branch submits its year-end report, the province receives it and consolidates: the consolidation equals the
province's own report over all its cases. A package changed by one byte, signed by another key, or unsigned is
refused by ``thads receive`` with the reason and nothing is recorded."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.test_submissions import MONTHS, YEAR, write_fixtures
from thads.submissions.package import canonical

THADS = str(Path(sys.executable).with_name("thads"))


class Installation:
    def __init__(self, root: Path, template: Path | None) -> None:
        self.var = root
        root.mkdir()
        self.db = root / "db.sqlite3"
        if template is not None:
            shutil.copy(template, self.db)
        self.env = {**os.environ, "THADS_VAR_DIR": str(root), "DATABASE_URL": f"sqlite:///{self.db}",
                    "SECRET_KEY": "thads-test-only-key-8f3b1c2e9a7d4f6b0e5c3a1d9b7f2e4c6a8d0b3f5e7c9a1",
                    "DEBUG": "false"}
        self.env.pop("DJANGO_SETTINGS_MODULE", None)

    def run(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run([THADS, *args], env=self.env, capture_output=True, text=True, timeout=120)
        if ok:
            assert done.returncode == 0, done.stderr
        return done

    def count(self, table: str, where: str = "1=1") -> int:
        with sqlite3.connect(self.db) as con:
            return con.execute(f"select count(*) from {table} where {where}").fetchone()[0]

    def received(self) -> int:
        return self.count("submissions_submission", "direction='received'")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    root = tmp_path_factory.mktemp("installations")
    template = Installation(root / "template", None)  # migrated once, copied for both
    template.run("migrate", "-v0")
    branch_file, province_file = write_fixtures(root)
    branch, province = Installation(root / "branch", template.db), Installation(root / "province", template.db)
    branch.run("import", str(branch_file))
    province.run("import", str(province_file))
    branch.run("keys", "create", "--unit", "HUE-PV")
    branch.run("keys", "export", "--unit", "HUE-PV", "-o", str(root / "hue-pv.pub"))
    province.run("keys", "trust", str(root / "hue-pv.pub"), "--unit", "HUE-PV")
    package = root / "hue-pv.thads.json"
    branch.run("submit", "--unit", "HUE-PV", "--year", str(YEAR), "--months", str(MONTHS), "-o", str(package))
    return root, branch, province, package


def test_the_province_consolidation_equals_its_own_report_over_all_cases(world):
    root, branch, province, package = world
    got = province.run("receive", str(package))
    assert "received HUE-PV 2025/12" in got.stdout and "LATE" in got.stdout and "DIFFERS" not in got.stdout
    after = json.loads(province.run("consolidate", "--unit", "HUE", "--year", str(YEAR), "--months",
                                    str(MONTHS)).stdout)
    assert after["missing"] == [] and after["differences"] == []
    assert after["consolidated"] == after["report"]
    assert after["report"]["cases"]["TT"] == 12  # the branch's 10 and the province's own 2
    # the private key never left the branch: the province's installation holds no key file
    assert not (province.var / "keys").exists() and len(list((branch.var / "keys").iterdir())) == 1
    assert province.count("submissions_signingkey") == 0 and province.count("submissions_trustedkey") == 1


def test_a_package_with_one_byte_of_the_payload_changed_is_refused(world):
    root, _, province, package = world
    text = package.read_text(encoding="utf-8")
    at = text.index('"CU": ') + len('"CU": ')
    bad = root / "tampered.json"
    bad.write_text(text[:at] + str((int(text[at]) + 1) % 10) + text[at + 1:], encoding="utf-8")
    n = province.received()
    done = province.run("receive", str(bad), ok=False)
    assert done.returncode != 0 and "SHA-256 không khớp" in done.stderr
    assert province.received() == n


def test_a_package_signed_by_an_unknown_key_or_unsigned_is_refused(world):
    root, branch, province, package = world
    envelope = json.loads(package.read_text(encoding="utf-8"))
    impostor = Ed25519PrivateKey.generate()  # signs the genuine payload with a key the province never trusted
    raw = impostor.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    envelope["signature"] = {"algorithm": "Ed25519", "key": hashlib.sha256(raw).hexdigest(),
                             "value": base64.b64encode(impostor.sign(canonical(envelope["payload"]))).decode()}
    forged = root / "forged.json"
    forged.write_text(json.dumps(envelope), encoding="utf-8")
    n = province.received()
    done = province.run("receive", str(forged), ok=False)
    assert done.returncode != 0 and "không phải khóa tin cậy của đơn vị HUE-PV" in done.stderr
    envelope = json.loads(package.read_text(encoding="utf-8"))
    del envelope["signature"]
    unsigned = root / "unsigned.json"
    unsigned.write_text(json.dumps(envelope), encoding="utf-8")
    done = province.run("receive", str(unsigned), ok=False)
    assert done.returncode != 0 and "không có chữ ký" in done.stderr
    assert province.received() == n
