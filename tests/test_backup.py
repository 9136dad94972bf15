"""``thads backup`` / ``thads restore`` (issue 12, "Backups"): a generated province backed up from one database and
restored into a freshly migrated empty one of the suite's engine gives a byte-identical ``thads export`` and the same
``thads report``; searching still works; a tampered archive or a non-empty target is refused and nothing is written.
Everything runs as ``thads`` subprocesses on real databases (tests/realdb.py)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
from pathlib import Path

import pytest

from tests.realdb import scratch_database, thads

MEDIA_FILE = "documents/2026/HUE-KV1/quyet-dinh-thu.docx"
MEDIA_BYTES = b"PK\x03\x04 not really a docx, but bytes that must come back unchanged \x00\xff"

FACTS = """
import json
import os
from thads.cases.models import Case
from thads.cases.search import search_cases
from thads.org.models import AuditEvent
case = Case.objects.order_by("pk").first()
word = case.parties.order_by("pk").first().name.split()[-1] if case else "x"
print(json.dumps({
    "search_id": list(search_cases(Case.objects.all(), case.ext_id if case else "x")
                      .values_list("ext_id", flat=True)[:3]),
    "search_word": search_cases(Case.objects.all(), word).count(),
    "audit": sorted(set(AuditEvent.objects.filter(action__startswith="ops.").values_list("action", "source"))),
    "cases": Case.objects.count(),
}))
"""

NEW_ROWS = """
from thads.domain.roles import Title
from thads.org.actions import do_create_staff, do_create_unit
from thads.org.models import Unit
unit = do_create_unit("HUE-NEW", "Phòng THADS khu vực mới", Unit.objects.get(code="HUE"), "regional")
do_create_staff("chv.new", "Mat-khau-Thu-2025", "Người Mới", unit, Title.OFFICER)
"""


def _facts(url: str, var: Path) -> dict:
    return json.loads(thads("shell", "-c", FACTS, url=url, var_dir=var).stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    """A small generated province in its own database, backed up once: (url, var dir, archive, export, report)."""
    tmp = tmp_path_factory.mktemp("backup")
    var = tmp / "source"
    with scratch_database("bk_src", tmp) as url:
        thads("migrate", "--noinput", "-v", "0", url=url, var_dir=var)
        thads("demo", "--size", "150", "--today", "2026-11-30", url=url, var_dir=var)
        media = var / "media" / MEDIA_FILE
        media.parent.mkdir(parents=True)
        media.write_bytes(MEDIA_BYTES)
        archive = tmp / "thads-backup.tar.gz"
        out = thads("backup", "-o", str(archive), url=url, var_dir=var).stdout
        assert "sha256" in out and archive.is_file()
        export = thads("export", "--unit", "HUE", url=url, var_dir=var).stdout
        report = thads("report", "--unit", "HUE", "--year", "2026", url=url, var_dir=var).stdout
        assert export.count('"type": "case"') == 150 and json.loads(report)["cases"]
        yield {"url": url, "var": var, "archive": archive, "export": export, "report": report, "tmp": tmp}


def test_a_restore_into_a_fresh_database_gives_the_same_export_report_search_and_files(province):
    tmp = province["tmp"]
    var = tmp / "target"
    with scratch_database("bk_dst", tmp) as url:
        thads("migrate", "--noinput", "-v", "0", url=url, var_dir=var)
        out = thads("restore", str(province["archive"]), url=url, var_dir=var).stdout
        assert "every checksum verified" in out and "restored" in out
        assert thads("export", "--unit", "HUE", url=url, var_dir=var).stdout == province["export"]
        report = thads("report", "--unit", "HUE", "--year", "2026", url=url, var_dir=var).stdout
        assert json.loads(report) == json.loads(province["report"]) and report == province["report"]
        assert (var / "media" / MEDIA_FILE).read_bytes() == MEDIA_BYTES
        source, restored = _facts(province["url"], province["var"]), _facts(url, var)
        assert restored["search_id"] and restored["search_id"] == source["search_id"]
        assert restored["search_word"] > 0 and restored["search_word"] == source["search_word"]
        assert ["ops.backup", "cli:backup"] in source["audit"]
        assert ["ops.restore", "cli:restore"] in restored["audit"] and ["ops.backup", "cli:backup"] not in \
            restored["audit"]
        # New rows get new ids after a restore (PostgreSQL's sequences were moved past the restored ids), and the
        # integrity checks find exactly what they find in the source (the generated data has its own findings).
        thads("shell", "-c", NEW_ROWS, url=url, var_dir=var)
        checks = [thads("check-integrity", url=u, var_dir=v, check=False)
                  for u, v in ((province["url"], province["var"]), (url, var))]
        assert checks[0].stdout == checks[1].stdout and checks[0].returncode == checks[1].returncode


def _tampered(archive: Path, target: Path, member: str) -> None:
    with tarfile.open(archive, "r:gz") as src, tarfile.open(target, "w:gz") as dst:
        for info in src.getmembers():
            data = src.extractfile(info).read()
            if info.name == member:
                data = data.replace(b'"amount": ', b'"amount": 1', 1) if member == "data.jsonl" else data + b"!"
                info.size = len(data)
            dst.addfile(info, io.BytesIO(data))


@pytest.mark.parametrize("member", ["data.jsonl", "media/" + MEDIA_FILE])
def test_a_tampered_archive_is_refused_naming_the_member_and_nothing_is_written(province, member):
    """Even with --force (which would erase the database first), the checksums are verified before anything."""
    tmp, url, var = province["tmp"], province["url"], province["var"]
    bad = tmp / f"tampered-{hashlib.sha1(member.encode()).hexdigest()[:6]}.tar.gz"
    _tampered(province["archive"], bad, member)
    result = thads("restore", "--force", str(bad), url=url, var_dir=var, check=False)
    assert result.returncode != 0
    assert f"member {member!r} failed its checksum" in result.stderr and "nothing was restored" in result.stderr
    assert thads("export", "--unit", "HUE", url=url, var_dir=var).stdout == province["export"]
    assert (var / "media" / MEDIA_FILE).read_bytes() == MEDIA_BYTES


def test_restore_refuses_a_database_that_is_not_empty_unless_forced(province):
    url, var = province["url"], province["var"]
    result = thads("restore", str(province["archive"]), url=url, var_dir=var, check=False)
    assert result.returncode != 0 and "not empty" in result.stderr and "--force" in result.stderr
    assert "cases.case (150)" in result.stderr
    # --force erases the database (and overwrites the media files) and restores the archive in its place.
    thads("restore", "--force", str(province["archive"]), url=url, var_dir=var)
    assert thads("export", "--unit", "HUE", url=url, var_dir=var).stdout == province["export"]
    assert _facts(url, var)["cases"] == 150


def _with_manifest(archive: Path, target: Path, change) -> None:
    """A copy of the archive whose manifest was edited (the manifest is not among the checksummed members, so every
    checksum still verifies: the failure comes during the load, after the erasing of --force)."""
    with tarfile.open(archive, "r:gz") as src, tarfile.open(target, "w:gz") as dst:
        for info in src.getmembers():
            data = src.extractfile(info).read()
            if info.name == "manifest.json":
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
                info.size = len(data)
            dst.addfile(info, io.BytesIO(data))


def test_a_forced_restore_whose_load_fails_leaves_the_database_and_its_files_as_they_were(province):
    """Before: --force flushed the database outside the load's transaction and wrote the media first, so a load
    that failed left an empty database (audit log included)."""
    tmp, url, var = province["tmp"], province["url"], province["var"]
    bad = tmp / "count-mismatch.tar.gz"
    _with_manifest(province["archive"], bad, lambda m: m["counts"].__setitem__(
        "cases.case", m["counts"]["cases.case"] + 1))
    (var / "media" / MEDIA_FILE).write_bytes(b"changed since the backup")
    before = _facts(url, var)
    audit_rows = ("from thads.org.models import AuditEvent; "
                  "print(list(AuditEvent.objects.order_by('pk').values_list('pk', 'action')))")
    audit_before = thads("shell", "-c", audit_rows, url=url, var_dir=var).stdout
    try:
        result = thads("restore", "--force", str(bad), url=url, var_dir=var, check=False)
        assert result.returncode != 0 and "row counts differ" in result.stderr
        assert thads("shell", "-c", audit_rows, url=url, var_dir=var).stdout == audit_before
        assert _facts(url, var) == before
        assert thads("export", "--unit", "HUE", url=url, var_dir=var).stdout == province["export"]
        assert (var / "media" / MEDIA_FILE).read_bytes() == b"changed since the backup"
        assert not list((var / "media").rglob("*.thads-restore"))
    finally:
        (var / "media" / MEDIA_FILE).write_bytes(MEDIA_BYTES)


def test_the_archive_is_private_from_its_creation_and_leaves_out_uploads_and_job_results(db, settings, tmp_path,
                                                                                        monkeypatch):
    """Mode 0600 while it is being written (not only after), and no unconfirmed upload (imports/, kept 24 h) or
    job result (jobs/, kept 7 days) in it: their personal data would outlive their retention in the backups."""
    from thads.web import backup

    media = tmp_path / "media"
    for name in (MEDIA_FILE, "imports/abc123.jsonl", "jobs/42/export.xlsx", "importsx/kept.txt"):
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        (media / name).write_bytes(b"x")
    settings.MEDIA_ROOT = str(media)
    out = tmp_path / "out" / "b.tar.gz"
    modes = []
    real_addfile = tarfile.TarFile.addfile

    def addfile(self, info, fileobj=None):
        modes.append(out.with_name(out.name + ".part").stat().st_mode & 0o777)
        return real_addfile(self, info, fileobj)

    monkeypatch.setattr(tarfile.TarFile, "addfile", addfile)
    old = os.umask(0o022)
    try:
        result = backup.make_backup(out)
    finally:
        os.umask(old)
    assert modes and set(modes) == {0o600}
    assert out.stat().st_mode & 0o777 == 0o600 and result.media_files == 2
    with tarfile.open(out) as tar:
        names = set(tar.getnames())
    assert {"media/" + MEDIA_FILE, "media/importsx/kept.txt"} <= names
    assert not [n for n in names if n.startswith(("media/imports/", "media/jobs/"))]
