"""A write that cannot get the database in time gets a clear page, never a 500 (issue 12, hole 10).

An import holds the database for its whole transaction, deliberately: "an invalid file writes nothing" and "an import
killed half way leaves the database as before" both rest on it being one transaction (``thads.cases.importer``).
Meanwhile reading works on both databases (SQLite in WAL mode, PostgreSQL's MVCC), but a write waits:

* on SQLite for the one write lock (``BEGIN IMMEDIATE``), at most ``THADS_WEB_LOCK_WAIT`` seconds in a web request
  (``PRAGMA busy_timeout``; commands keep the longer timeout of ``DATABASES``), then "database is locked";
* on PostgreSQL for the rows the import holds (the case, the statistics cells of its unit and month), at most the same
  time (``SET lock_timeout``), then ``LockNotAvailable``; a deadlock between an act and an import is reported by
  PostgreSQL to one of them as ``DeadlockDetected``.

``BusyDatabaseMiddleware`` turns these errors into a 503 page in Vietnamese with ``Retry-After``: the write was not
recorded, an import is running (when one is: its file under ``VAR_DIR/imports-running``, kept by the importer) and
when to try again. The wait is short while an import is known to run (``THADS_WEB_LOCK_WAIT_DURING_IMPORT``): nothing
will free the lock sooner than the import's end, so the officer is told at once instead of after a long spinner.

Why these waits: a user gives a page about ten seconds before thinking it is broken; ordinary contention between
officers lasts milliseconds (one act is one short transaction), so 10 s only ever trips on a long holder, and a burst
of simultaneous collections on one case (the concurrency test of issue 12) still queues and succeeds. The old 20 s
wait ended in a 500 anyway.
"""

from __future__ import annotations

import math
import sys
import time
from datetime import datetime

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import DatabaseError, connections
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

#: Seconds a web request waits for a lock before the busy page (settings may override both).
WEB_LOCK_WAIT = 10
WEB_LOCK_WAIT_DURING_IMPORT = 2
#: Retry-After when no import is known to run (ordinary contention passes in seconds).
RETRY_SOON = 10

_SQLITE_LOCKED = ("database is locked", "database table is locked", "database schema is locked")
_PG_LOCK_STATES = {"55P03", "40P01"}  # lock_not_available (lock_timeout, NOWAIT), deadlock_detected


def is_lock_error(exc: BaseException | None) -> bool:
    """Whether ``exc`` means "another transaction held what this one needed for too long"."""
    seen = 0
    while exc is not None and seen < 5:  # Django wraps the driver's error (``__cause__``)
        if getattr(exc, "sqlstate", None) in _PG_LOCK_STATES:
            return True
        if type(exc).__module__.startswith("sqlite3") or isinstance(exc, DatabaseError):
            text = str(exc).lower()
            if any(m in text for m in _SQLITE_LOCKED):
                return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def lock_waits() -> tuple[int, int]:
    return (getattr(settings, "THADS_WEB_LOCK_WAIT", WEB_LOCK_WAIT),
            getattr(settings, "THADS_WEB_LOCK_WAIT_DURING_IMPORT", WEB_LOCK_WAIT_DURING_IMPORT))


def current_import() -> dict | None:
    """The import writing now on this server, if any (the one expected to end last)."""
    from thads.cases.importer import running_imports

    writing = [s for s in running_imports() if s.get("phase") == "writing"]
    if not writing:
        return None
    return max(writing, key=lambda s: _end(s) or math.inf)


def _end(state: dict) -> float | None:
    from thads.cases.importer import estimated_end

    return estimated_end(state)


def _bounded_waits(seconds: float):
    """An execute wrapper that bounds the lock waits of the request's connection before its first query: requests
    that never touch the database open no connection, and the bound is set again on every request (a pooled
    connection may have served a command; a test's rolled-back transaction undoes a ``SET``). The statement runs on
    the driver's cursor, so it is not counted among the page's queries."""
    applied = False

    def wrapper(execute, sql, params, many, context):
        nonlocal applied
        if not applied:
            applied = True
            vendor, cursor = context["connection"].vendor, context["cursor"]
            try:
                if vendor == "sqlite":
                    cursor.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")
                elif vendor == "postgresql":
                    cursor.execute(f"SET lock_timeout = '{int(seconds * 1000)}ms'")
            except Exception:  # noqa: BLE001 - the query itself will report a broken connection
                pass
        return execute(sql, params, many, context)

    return wrapper


def _remember(sender, request=None, **kwargs) -> None:
    """An uncaught error (also one raised by a middleware, e.g. when the session is saved) is kept on the request
    so that ``BusyDatabaseMiddleware`` can replace the 500 it became."""
    if request is not None and is_lock_error(sys.exc_info()[1]):
        request.thads_lock_error = True


class BusyDatabaseMiddleware:
    """Place it outside the session middleware: a session saved while the database is held fails there."""

    def __init__(self, get_response):
        self.get_response = get_response
        got_request_exception.connect(_remember, dispatch_uid="thads.web.busy")

    def __call__(self, request):
        request.thads_import = current_import()
        normal, during = lock_waits()
        with connections["default"].execute_wrapper(_bounded_waits(during if request.thads_import else normal)):
            response = self.get_response(request)
        if response.status_code == 500 and getattr(request, "thads_lock_error", False):
            return busy_response(request)
        return response

    def process_exception(self, request, exception):
        if is_lock_error(exception):
            return busy_response(request)
        return None


def _same_site(request, url: str) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    ok = url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                                 require_https=request.is_secure())
    return url if ok else ""


def busy_response(request):
    """503 with ``Retry-After``: nothing was recorded; an import runs (with its expected end) or the database is busy."""
    state = getattr(request, "thads_import", None) or current_import()
    now = time.time()
    end = _end(state) if state else None
    retry = RETRY_SOON if state is None else int(max(30, min(3600, (end - now) if end else 120)))
    context = {
        "importing": state is not None,
        "until": timezone.localtime(datetime.fromtimestamp(end, tz=timezone.get_current_timezone())) if end else None,
        "minutes": max(1, math.ceil(retry / 60)),
        "seconds": retry,
        "progress": (state["done"], state["total"]) if state and state.get("total") else None,
        "back": _same_site(request, request.META.get("HTTP_REFERER", "")),
        "was_write": request.method not in ("GET", "HEAD", "OPTIONS"),
    }
    # Rendered without the request's context processors: they may need the database this request could not get.
    response = HttpResponse(render_to_string("web/busy.html", context), status=503)
    response["Retry-After"] = str(retry)
    response["Cache-Control"] = "no-store"
    return response
