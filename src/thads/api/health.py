"""``/healthz``: the load balancer's probe (issue 12, production start).

No login, no session, no personal data and no version: 200 ``{"database": "ok", "migrations": "ok"}`` when the
database answers and every migration is applied, otherwise 503 naming the failing part (``"error"`` or
``"pending"``). Exempt from the HTTPS redirect (``SECURE_REDIRECT_EXEMPT``) so that a probe over plain HTTP inside
the data centre gets the answer, not a 301.
"""

from __future__ import annotations

import logging
import time

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

log = logging.getLogger(__name__)


def _database() -> bool:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any driver error means "not ok"; the detail goes to the log, never to the probe
        log.exception("healthz: the database does not answer")
        return False


_applied_at: float | None = None
_APPLIED_CACHE_SECONDS = 60  # the migration graph costs ~tens of ms to build; probes come every few seconds


def _migrations_applied() -> bool:
    """True when no migration is unapplied; a positive answer is reused for a minute (migrations are only added by a
    new deployment, which restarts the process)."""
    global _applied_at
    now = time.monotonic()
    if _applied_at is not None and now - _applied_at < _APPLIED_CACHE_SECONDS:
        return True
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    applied = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    _applied_at = now if applied else None
    return applied


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    body = {"database": "ok", "migrations": "ok"}
    if not _database():
        body = {"database": "error", "migrations": "unknown"}
    else:
        try:
            if not _migrations_applied():
                body["migrations"] = "pending"
        except Exception:
            log.exception("healthz: the migration state cannot be read")
            body["migrations"] = "error"
    healthy = all(value == "ok" for value in body.values())
    return JsonResponse(body, status=200 if healthy else 503)
