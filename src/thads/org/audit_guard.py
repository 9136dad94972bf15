"""The audit log is append-only in the database too (migration ``org/0005``): a trigger refuses every UPDATE and
DELETE of an ``org_auditevent`` row, so that ``QuerySet.update()`` / ``.delete()`` and raw SQL cannot rewrite history
behind ``AuditEvent.save`` / ``delete`` (which refuse in the application).

Only erasing the *whole* database is allowed, as an operator's act: ``thads restore --force`` and ``flush`` (which the
test suite runs between transactional tests). On PostgreSQL they use ``TRUNCATE``, which fires no row trigger. On
SQLite they ``DELETE`` every row, so its triggers let a row go only on a connection that has attached the marker
database ``thads_audit_unlock`` (:func:`audit_log_erasable`); a plain connection cannot delete or update a row.
Neither engine can stop the database's owner from dropping the trigger: the guarantee is against the application
and its bugs, not against the owner (keep the backups and the PostgreSQL logs for that).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.db import connections

#: Attaching an (empty, in-memory) database of this name on an SQLite connection lets its flush delete audit rows.
UNLOCK_SCHEMA = "thads_audit_unlock"
MESSAGE = "the audit log is append-only"


@contextlib.contextmanager
def audit_log_erasable(alias: str = "default") -> Iterator[None]:
    """Within the block, this connection may erase the audit log with the rest of the database (SQLite; on
    PostgreSQL the erasing is a ``TRUNCATE`` and nothing needs unlocking)."""
    conn = connections[alias]
    if conn.vendor != "sqlite":
        yield
        return
    conn.ensure_connection()
    with conn.cursor() as cur:
        cur.execute(f"ATTACH DATABASE ':memory:' AS {UNLOCK_SCHEMA}")
    try:
        yield
    finally:
        if conn.connection is not None:  # closed inside the block: the attachment went with the connection
            with contextlib.suppress(Exception), conn.cursor() as cur:
                cur.execute(f"DETACH DATABASE {UNLOCK_SCHEMA}")
