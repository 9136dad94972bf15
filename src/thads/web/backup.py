"""Backups: one archive with the database's rows, the media files and a manifest; restore into a fresh database.

Format (``thads-backup/1``, a ``.tar`` or ``.tar.gz``):

* ``manifest.json`` (first member): when, THADS version, database engine, the applied migrations, the row count of
  every model, and the SHA-256 and size of every other member;
* ``data.jsonl``: every row of every model (Django's JSON Lines serializer, primary keys kept, natural keys off),
  model by model in primary-key order; sessions are left out (a restore logs everybody out);
* ``media/<path>``: every file under MEDIA_ROOT (decision documents, templates, attachments), except unconfirmed
  import uploads (``imports/``) and job results (``jobs/``), whose personal data must not outlive their retention.
  The archive is created with mode 0600.

Why the serializer and not ``pg_dump`` / the SQLite file: the rows must load into a *freshly migrated* database
(the README's restore test), of either engine: an embedded SQLite trial moves to PostgreSQL by backup and restore.
A ``pg_dump -Fc`` holds the schema and Django's own bookkeeping rows (migrations, content types) that clash with a
migrated target, and an SQLite file can only replace the whole database. Consistency: on PostgreSQL every table is
read in one ``REPEATABLE READ READ ONLY`` transaction (the snapshot ``pg_dump`` itself uses); on SQLite the file is
first copied with the online backup API (``sqlite3.Connection.backup``, one step: a consistent snapshot that does
not block the running application's writers in WAL mode) and the copy is read. The media files are read after the
snapshot: they are never changed or deleted (documents and attachments are append-only), so every file the rows
name is already there; a file written later is merely extra.

Restore verifies every member's checksum before it writes anything, refuses a database that is not empty (unless
``--force``) or whose migrations differ from the archive's, then in one transaction erases it (``--force``: a
failed load rolls the erasing back, the database stays as it was), replaces the fresh content types and permissions by the archived ones (their ids are referenced by permissions and the admin
log), inserts every row with its own id (raw inserts: ``save()`` is not called, so the append-only guards of the
history, ledger and audit models are not involved and ``auto_now`` dates keep their archived values), resets the
PostgreSQL sequences, rebuilds SQLite's FTS5 search index and writes the ``ops.restore`` audit row; the media files
are written last, beside their places, and moved into them just before the commit.

Sizing (the 30,000-case demo on PostgreSQL, 405,000 rows, on a shared 2-core machine): backup 29 s, 8.4 MB
compressed, 80 MB memory; restore 54 s, 165 MB memory. At national scale (tens of millions of rows) use PostgreSQL's
own continuous archiving (``pg_basebackup`` + WAL) for disaster recovery and this archive for moving and checking
data.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.db import connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "thads-backup/1"
MANIFEST = "manifest.json"
DATA = "data.jsonl"
MEDIA_PREFIX = "media/"
# Left out of the archive: sessions are credentials, and a restored system should make everybody log in again.
SKIPPED = {"sessions.session"}
# Created by ``migrate`` in every fresh database; replaced by the archived rows on restore (their ids are referenced).
BOOKKEEPING = {"contenttypes.contenttype", "auth.permission"}
BATCH = 500


class BackupError(Exception):
    """A backup or restore that cannot proceed; the message says why (and names the member that failed)."""


@dataclass
class BackupResult:
    path: Path
    size: int
    sha256: str
    counts: dict[str, int]
    media_files: int


@dataclass
class RestoreResult:
    counts: dict[str, int]
    media_files: int
    flushed: bool


def thads_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("thads")
    except PackageNotFoundError:
        return "unknown"


def dumped_models(alias: str = "default") -> list:
    """Every concrete model of every installed app whose table exists, in a stable order (app label, model name).
    (A table that does not exist holds no rows; restore compares the applied migrations of both databases.)"""
    tables = set(connections[alias].introspection.table_names())
    out = []
    for model in apps.get_models():
        if model._meta.db_table not in tables:
            continue
        meta = model._meta
        if meta.proxy or not meta.managed or meta.label_lower in SKIPPED:
            continue
        if meta.parents:  # raw inserts below write one table per model; multi-table inheritance is not used
            raise BackupError(f"{meta.label}: multi-table inheritance is not supported by the backup")
        out.append(model)
    return sorted(out, key=lambda m: m._meta.label_lower)


def applied_migrations(alias: str = "default") -> list[str]:
    recorder = MigrationRecorder(connections[alias])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _sha256_file(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
            size += len(block)
    return h.hexdigest(), size


# ---------------------------------------------------------------------------------------------------------------
# Backup


@contextlib.contextmanager
def _snapshot_alias() -> Iterator[str]:
    """A database alias whose reads all see one instant of the configured database."""
    conn = connections["default"]
    if conn.in_atomic_block:  # called inside a transaction (a test, a job): that transaction is the snapshot
        yield "default"
        return
    if conn.vendor == "postgresql":
        with transaction.atomic():
            with conn.cursor() as cur:
                cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield "default"
        return
    if conn.vendor == "sqlite" and not conn.is_in_memory_db():
        with tempfile.TemporaryDirectory(prefix="thads-snapshot-") as tmp:
            copy = Path(tmp) / "snapshot.sqlite3"
            source = sqlite3.connect(str(conn.settings_dict["NAME"]), timeout=60)
            target = sqlite3.connect(str(copy))
            try:
                source.backup(target)  # pages=-1: one step, one read transaction, a consistent copy
            finally:
                target.close()
                source.close()
            alias = "thads_backup_snapshot"
            connections.settings[alias] = {**conn.settings_dict, "NAME": str(copy), "OPTIONS": {}}
            try:
                yield alias
            finally:
                connections[alias].close()
                del connections[alias]
                del connections.settings[alias]
        return
    with transaction.atomic():
        yield "default"


def _write_data(alias: str, path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    with open(path, "w", encoding="utf-8") as fh:
        for model in dumped_models(alias):
            qs = model._base_manager.using(alias).order_by("pk")
            counts[model._meta.label_lower] = qs.count()
            if counts[model._meta.label_lower]:
                serializers.serialize("jsonl", qs.iterator(chunk_size=2000), stream=fh,
                                      use_natural_foreign_keys=False, use_natural_primary_keys=False)
    return counts


#: Directories of MEDIA_ROOT left out of the archive: uploads waiting for their confirmation (``imports/``, removed
#: after 24 h) and background jobs' result files (``jobs/``, removed after 7 days) carry personal data that must not
#: outlive their retention in the backups; neither is referred to by a row that a restore needs.
MEDIA_SKIPPED = ("imports", "jobs")


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()
                  and p.relative_to(root).parts[0] not in MEDIA_SKIPPED)


def default_backup_path() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / "backups" / f"thads-{stamp}.tar.gz"


def make_backup(output: Path | str | None = None) -> BackupResult:
    """Write the archive (see the module docstring); the file appears under its name only when complete."""
    path = Path(output) if output else default_backup_path()
    gz = path.name.endswith((".gz", ".tgz"))
    if not (gz or path.name.endswith(".tar")):
        raise BackupError(f"{path}: the archive's name must end in .tar, .tar.gz or .tgz")
    path.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="thads-backup-", dir=path.parent) as tmp:
        data_path = Path(tmp) / DATA
        with _snapshot_alias() as alias:
            counts = _write_data(alias, data_path)
            migrations = applied_migrations(alias)
            vendor = connections[alias].vendor
        members: list[tuple[str, Path]] = [(DATA, data_path)]
        members += [(MEDIA_PREFIX + p.relative_to(media_root).as_posix(), p) for p in _media_files(media_root)]
        listed = []
        for name, file in members:
            digest, size = _sha256_file(file)
            listed.append({"name": name, "sha256": digest, "size": size})
        manifest = {
            "format": FORMAT, "created_at": timezone.now().isoformat(), "thads_version": thads_version(),
            "database": {"engine": vendor}, "migrations": migrations, "counts": counts, "members": listed,
        }
        part = path.with_name(path.name + ".part")
        with contextlib.suppress(FileNotFoundError):
            part.unlink()  # left by a backup that was killed
        # Mode 0600 from its creation (the archive holds personal data): no moment where others may open it.
        fd = os.open(part, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "wb") as raw, \
                tarfile.open(fileobj=raw, mode="w:gz" if gz else "w", format=tarfile.PAX_FORMAT) as tar:
            raw = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(raw), int(timezone.now().timestamp()), 0o600
            tar.addfile(info, io.BytesIO(raw))
            for (name, file), entry in zip(members, listed, strict=True):
                info = tarfile.TarInfo(name)
                info.size, info.mtime, info.mode = entry["size"], int(file.stat().st_mtime), 0o600
                with open(file, "rb") as fh:
                    tar.addfile(info, fh)
        os.replace(part, path)
    digest, size = _sha256_file(path)
    return BackupResult(path=path, size=size, sha256=digest, counts=counts, media_files=len(members) - 1)


# ---------------------------------------------------------------------------------------------------------------
# Restore


def read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        member = tar.getmember(MANIFEST)
        manifest = json.loads(tar.extractfile(member).read().decode("utf-8"))
    except (KeyError, AttributeError, ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"not a THADS backup: {MANIFEST} is missing or unreadable ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"not a THADS backup of format {FORMAT} (manifest says {manifest.get('format')!r})")
    return manifest


def verify_archive(path: Path) -> dict:
    """Check every member against the manifest (SHA-256 and size), and that no member is missing or extra.
    Reads the whole archive; writes nothing. Returns the manifest."""
    try:
        tar = tarfile.open(path, "r:*")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"{path}: cannot read the archive ({exc})") from None
    with tar:
        manifest = read_manifest(tar)
        expected = {m["name"]: m for m in manifest.get("members", [])}
        if DATA not in expected:
            raise BackupError(f"the manifest lists no {DATA}")
        seen = set()
        try:
            for member in tar:
                if member.name == MANIFEST:
                    continue
                if member.name not in expected:
                    raise BackupError(f"member {member.name!r} is not listed in the manifest")
                if not member.isfile():
                    raise BackupError(f"member {member.name!r} is not a regular file")
                h = hashlib.sha256()
                size = 0
                fh = tar.extractfile(member)
                for block in iter(lambda fh=fh: fh.read(1 << 20), b""):
                    h.update(block)
                    size += len(block)
                want = expected[member.name]
                if size != want["size"] or h.hexdigest() != want["sha256"]:
                    raise BackupError(f"member {member.name!r} failed its checksum: the archive is damaged or was "
                                      f"altered; nothing was restored")
                seen.add(member.name)
        except (OSError, tarfile.TarError, EOFError) as exc:
            raise BackupError(f"{path}: the archive is damaged ({exc}); nothing was restored") from None
        missing = sorted(set(expected) - seen)
        if missing:
            raise BackupError(f"member {missing[0]!r} is listed in the manifest but missing from the archive")
    return manifest


def non_empty_tables(alias: str = "default") -> dict[str, int]:
    """Models holding rows, apart from what ``migrate`` creates in every database."""
    out = {}
    for model in dumped_models(alias):
        if model._meta.label_lower in BOOKKEEPING:
            continue
        n = model._base_manager.using(alias).count()
        if n:
            out[model._meta.label_lower] = n
    return out


def _media_target(name: str, root: Path) -> Path:
    rel = name[len(MEDIA_PREFIX):]
    target = (root / rel).resolve()
    if root.resolve() not in target.parents:  # no '..' or absolute names out of MEDIA_ROOT
        raise BackupError(f"member {name!r} points outside the media directory")
    return target


def _insert(model, objs: list, alias: str) -> None:
    """Insert rows with their own ids as they are (raw: no ``save()``, no ``auto_now``)."""
    if not objs:
        return
    fields = list(model._meta.local_concrete_fields)
    size = max(1, min(BATCH, connections[alias].ops.bulk_batch_size(fields, objs)))
    for i in range(0, len(objs), size):
        model._base_manager.using(alias)._insert(objs[i:i + size], fields=fields, using=alias, raw=True)


def _load_data(fh, alias: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    pending: dict = {}  # model -> objects waiting for one multi-row insert
    links: dict = {}  # auto-created m2m through model -> rows

    def flush(model) -> None:
        _insert(model, pending.pop(model, []), alias)

    for deserialized in serializers.deserialize("jsonl", fh, using=alias, ignorenonexistent=False,
                                                handle_forward_references=False):
        obj = deserialized.object
        model = type(obj)
        for other in [m for m in pending if m is not model]:
            flush(other)
        pending.setdefault(model, []).append(obj)
        counts[model._meta.label_lower] = counts.get(model._meta.label_lower, 0) + 1
        if len(pending[model]) >= BATCH:
            flush(model)
        for field_name, pks in (deserialized.m2m_data or {}).items():
            field = model._meta.get_field(field_name)
            through = field.remote_field.through
            src = through._meta.get_field(field.m2m_field_name()).attname
            dst = through._meta.get_field(field.m2m_reverse_field_name()).attname
            links.setdefault(through, []).extend(through(**{src: obj.pk, dst: pk}) for pk in pks)
    for model in list(pending):
        flush(model)
    for through, rows in links.items():  # through rows get fresh ids: nothing refers to them
        fields = [f for f in through._meta.local_concrete_fields if not f.primary_key]
        size = max(1, min(BATCH, connections[alias].ops.bulk_batch_size(fields, rows)))
        for i in range(0, len(rows), size):
            through._base_manager.using(alias)._insert(rows[i:i + size], fields=fields, using=alias, raw=True)
    return counts


def _after_load(alias: str) -> None:
    conn = connections[alias]
    if conn.vendor == "postgresql":  # rows came with explicit ids: move every sequence past them
        from django.core.management.color import no_style

        with conn.cursor() as cur:
            for sql in conn.ops.sequence_reset_sql(no_style(), dumped_models(alias)):
                cur.execute(sql)
    elif conn.vendor == "sqlite":
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM sqlite_master WHERE name = 'cases_case_fts'")
            if cur.fetchone():  # the triggers filled it row by row; a rebuild makes it exact whatever happened
                cur.execute("INSERT INTO cases_case_fts(cases_case_fts) VALUES ('rebuild')")


def _erase(alias: str) -> None:
    """Every row of every model (Django's own flush SQL: one TRUNCATE on PostgreSQL, DELETEs on SQLite), inside
    the caller's transaction; the audit log's trigger lets it through (``thads.org.audit_guard``)."""
    from django.core.management.color import no_style
    from django.core.management.sql import sql_flush

    conn = connections[alias]
    conn.ops.execute_sql_flush(sql_flush(no_style(), conn, reset_sequences=False, allow_cascade=False))


def _check_same_migrations(manifest: dict, alias: str) -> None:
    """Refuse an archive made by another schema: rows load only into the migrations that wrote them."""
    here = applied_migrations(alias)
    there = manifest.get("migrations", [])
    if here != there:
        missing, extra = sorted(set(there) - set(here)), sorted(set(here) - set(there))
        raise BackupError("the database's migrations differ from the archive's: "
                          + (f"not applied here: {', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}; "
                             if missing else "")
                          + (f"applied here only: {', '.join(extra[:5])}{' …' if len(extra) > 5 else ''}; "
                             if extra else "")
                          + "restore with the THADS version that made the archive "
                          f"({manifest.get('thads_version')}) into a database migrated by it")


def restore_backup(path: Path | str, force: bool = False, manifest: dict | None = None) -> RestoreResult:
    """Restore the archive at ``path`` into the configured (freshly migrated, empty) database and MEDIA_ROOT
    (``manifest``: what ``verify_archive`` returned for it, if the caller verified it already)."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    from thads.org.audit import audit_write
    from thads.org.audit_guard import audit_log_erasable

    path = Path(path)
    if manifest is None:
        manifest = verify_archive(path)
    alias = "default"
    conn = connections[alias]
    _check_same_migrations(manifest, alias)
    busy = non_empty_tables(alias)
    if busy and not force:
        # The cases first (what a user recognises), then the other tables by name: six at most.
        ordered = sorted(busy.items(), key=lambda item: (item[0] != "cases.case", item[0]))
        listed = ", ".join(f"{label} ({n})" for label, n in ordered[:6])
        raise BackupError(f"the target database is not empty: {listed}. Restore into a freshly migrated empty "
                          "database, or give --force to ERASE this database first")
    media_root = Path(settings.MEDIA_ROOT)
    staged: list[tuple[Path, Path]] = []
    flushed = False
    with tarfile.open(path, "r:*") as tar:
        media = [m for m in tar.getmembers() if m.name.startswith(MEDIA_PREFIX)]
        targets = {m.name: _media_target(m.name, media_root) for m in media}
        if not force:
            clash = [n for n, t in targets.items() if t.exists()]
            if clash:
                raise BackupError(f"the media directory {media_root} already holds {clash[0][len(MEDIA_PREFIX):]!r}"
                                  "; restore into an empty media directory, or give --force to overwrite")
        try:
            data = tar.extractfile(DATA)
            text = io.TextIOWrapper(data, encoding="utf-8")
            # One transaction erases (--force) and loads: a load that fails leaves the database as it was, audit log
            # included (TRUNCATE on PostgreSQL and DELETE on SQLite are both rolled back).
            with audit_log_erasable(alias), transaction.atomic(using=alias):
                if busy:
                    _erase(alias)
                    flushed = True
                Permission.objects.using(alias).all().delete()
                ContentType.objects.using(alias).all().delete()
                counts = _load_data(text, alias)
                expected = {k: v for k, v in manifest.get("counts", {}).items() if v}
                if counts != expected:  # the manifest's counts come from the same snapshot as the rows
                    raise BackupError(f"restored row counts differ from the manifest's: {counts} != {expected}")
                _after_load(alias)
                ContentType.objects.clear_cache()
                audit_write(None, "ops.restore", None, object_repr=path.name[:255], after={
                    "archive": path.name, "created_at": manifest.get("created_at"),
                    "thads_version": manifest.get("thads_version"), "source_engine": manifest["database"]["engine"],
                    "rows": sum(counts.values()), "media_files": len(media), "erased_first": flushed})
                # Files last, once the rows are in: each is written beside its place and moved there only when all
                # are written, so a failure before the commit leaves the media directory as it was.
                for member in media:
                    target = targets[member.name]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    tmp = target.with_name(target.name + ".thads-restore")
                    staged.append((tmp, target))
                    with tar.extractfile(member) as src, open(tmp, "wb") as dst:
                        shutil.copyfileobj(src, dst)
                for tmp, target in staged:
                    os.replace(tmp, target)
        except BaseException:
            for tmp, _target in staged:
                with contextlib.suppress(OSError):
                    tmp.unlink()
            ContentType.objects.clear_cache()
            raise
    conn.close()
    return RestoreResult(counts=counts, media_files=len(media), flushed=flushed)


def describe(manifest: dict) -> str:
    created = manifest.get("created_at", "?")
    with contextlib.suppress(ValueError, TypeError):
        created = datetime.fromisoformat(created).astimezone(timezone.get_current_timezone()).strftime(
            "%Y-%m-%d %H:%M:%S")
    rows = sum(manifest.get("counts", {}).values())
    return (f"THADS {manifest.get('thads_version')} backup of {created} from {manifest['database']['engine']}: "
            f"{rows} rows, {len(manifest.get('members', [])) - 1} media files")
