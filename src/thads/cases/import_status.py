"""While an import runs, a small file under ``VAR_DIR/imports-running/`` says so, with its progress, for the page
that answers writers who could not get the database in time (``thads.web.busy``). Best effort: an import never
fails because ``VAR_DIR`` is read-only; the file of a killed process is ignored and removed."""

from __future__ import annotations

import contextlib
import json
import os
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings


def running_dir() -> Path:
    return Path(settings.VAR_DIR) / "imports-running"


@dataclass
class RunningImport:
    """The progress of the import running in this process, kept in ``running_dir()/<id>.json`` for the busy page.
    Writing the file is best effort: an import never fails because ``VAR_DIR`` is read-only."""

    path: Path
    name: str
    started: float = field(default_factory=time.time)
    phase: str = "validating"
    total: int = 0
    done: int = 0
    writing_since: float | None = None

    def save(self) -> None:
        state = {"pid": os.getpid(), "name": self.name, "started": self.started, "phase": self.phase,
                 "total": self.total, "done": self.done, "writing_since": self.writing_since, "updated": time.time()}
        tmp = self.path.with_suffix(".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(state), encoding="utf-8")
            tmp.replace(self.path)  # readers never see half a file
        except OSError:
            pass

    def writing(self, total: int) -> None:
        self.phase, self.total, self.done, self.writing_since = "writing", total, 0, time.time()
        self.save()

    def advance(self, n: int) -> None:
        self.done += n
        self.save()


@contextlib.contextmanager
def running_import(name: str = "") -> Iterator[RunningImport]:
    status = RunningImport(running_dir() / f"{uuid.uuid4().hex}.json", os.path.basename(name))
    status.save()
    try:
        yield status
    finally:
        with contextlib.suppress(OSError):
            status.path.unlink()


def running_imports(stale_after: float = 3600.0) -> list[dict]:
    """The imports running now on this machine (their files; a file left by a killed process is ignored and removed:
    its process is gone)."""
    found = []
    try:
        paths = list(running_dir().glob("*.json"))
    except OSError:
        return found
    for path in paths:
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not _alive(state.get("pid")) or time.time() - state.get("updated", 0) > stale_after:
            with contextlib.suppress(OSError):
                path.unlink()
            continue
        found.append(state)
    return found


def _alive(pid) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def estimated_end(state: dict, now: float | None = None) -> float | None:
    """When an import is expected to finish (epoch seconds), from the pace of its written cases so far; None before
    its first batch is written. The last fifth of an import (appended events, deadlines) is allowed for."""
    now = time.time() if now is None else now
    since, done, total = state.get("writing_since"), state.get("done", 0), state.get("total", 0)
    if not since or not done or not total:
        return None
    remaining = (now - since) / done * max(total - done, 0)
    return now + remaining * 1.25 + 0.25 * (now - since)
