"""The audit log's one writer (issue 12): every write, every view of personal data, every login and logout.

Call ``audit_write`` from every ``do_*`` action and admin save, ``audit_read`` from every view, download or export
that shows an ID number, an address or a denunciator's identity (in the same request, before the response), and
``audit_auth`` from the login signals. Who, when, from which address and which request are taken from the request
context that ``AuditContextMiddleware`` keeps for the duration of a request; commands and jobs open their own with
``audit_context(source="cli:import")``. Rows are written in the caller's transaction: a refused write that rolls
back leaves no "write" row, which is what the log should say (nothing was written).

Why reads of personal data are logged as well as writes: the personal-data rules (Decree 13/2023/NĐ-CP on personal
data protection, Art. 3 principles — lawful, limited to the purpose, secured — and, from 01/01/2026, the Law on
Personal Data Protection 91/2025/QH15) make the agency, as controller, answer for who processed a debtor's data.
The exact articles on records of processing are UNVERIFIED here (not checked against the official texts).
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone


@dataclass(frozen=True)
class AuditContext:
    ip: str | None = None
    request_id: str = ""
    source: str = ""
    user: Any = None  # the request's user, used when a writer passes none


_context: ContextVar[AuditContext | None] = ContextVar("thads_audit_context", default=None)


def current_context() -> AuditContext:
    return _context.get() or AuditContext(source="system")


@contextlib.contextmanager
def audit_context(*, source: str, ip: str | None = None, request_id: str = "", user: Any = None) -> Iterator[None]:
    """Attribute the audit rows written inside the block (a command, a background job) to ``source``."""
    token = _context.set(AuditContext(ip=ip, request_id=request_id or uuid.uuid4().hex, source=source, user=user))
    try:
        yield
    finally:
        _context.reset(token)


def client_ip(request) -> str | None:
    """The client's address. Behind a reverse proxy Django's REMOTE_ADDR is the proxy; the proxy's header is
    trusted only when THADS_PROXY_COUNT says how many proxies stand in front (see README, deployment)."""
    from django.conf import settings

    hops = getattr(settings, "THADS_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops and forwarded:
        parts = [p.strip() for p in forwarded.split(",") if p.strip()]
        if len(parts) >= hops:
            return _valid_ip(parts[-hops])
    return _valid_ip(request.META.get("REMOTE_ADDR"))


def _valid_ip(value: str | None) -> str | None:
    import ipaddress

    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


class AuditContextMiddleware:
    """Keeps the request's address, id and user for the audit rows written while it is served; sends the request id
    back in ``X-Request-ID`` so that a user's report can be matched with the log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = uuid.uuid4().hex
        request.audit_request_id = request_id
        token = _context.set(AuditContext(ip=client_ip(request), request_id=request_id, source="web",
                                          user=getattr(request, "user", None)))
        try:
            response = self.get_response(request)
        finally:
            _context.reset(token)
        response["X-Request-ID"] = request_id
        return response


def jsonable(value: Any) -> Any:
    """A JSON-safe copy of ``value``: dates as ISO text, Decimals as text, model instances as their keys."""
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def snapshot(obj: models.Model, fields: list[str] | None = None, exclude: tuple[str, ...] = ("password",)) -> dict:
    """The concrete field values of ``obj`` (foreign keys as ids) for the before/after of a write row."""
    out = {}
    for f in obj._meta.concrete_fields:
        if f.name in exclude or (fields is not None and f.name not in fields):
            continue
        out[f.attname] = jsonable(getattr(obj, f.attname))
    return out


def _unit_of(obj, unit):
    if unit is not None:
        return unit
    from thads.org.models import Unit

    if isinstance(obj, Unit):
        return obj
    return getattr(obj, "unit", None) if obj is not None and hasattr(obj, "unit_id") else None


def _case_ext_id(obj, case_ext_id: str) -> str:
    if case_ext_id:
        return case_ext_id
    if obj is None:
        return ""
    if obj.__class__.__name__ == "Case":
        return getattr(obj, "ext_id", "") or ""
    case = getattr(obj, "case", None) if hasattr(obj, "case_id") else None
    return getattr(case, "ext_id", "") or "" if case is not None else ""


def _record(kind: str, user, action: str, obj=None, *, unit=None, before=None, after=None, case_ext_id: str = "",
            object_type: str = "", object_id: str = "", object_repr: str = "", username: str = ""):
    from thads.org.models import AuditEvent

    ctx = current_context()
    if user is None:
        user = ctx.user
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    unit = _unit_of(obj, unit)
    if unit is None and user is not None:
        unit = getattr(user, "unit", None)
    return AuditEvent.objects.create(
        at=timezone.now(), kind=kind, action=action[:64],
        user=user, username=(user.get_username() if user is not None else username)[:150],
        unit=unit, object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
        object_id=object_id or (str(obj.pk) if obj is not None and obj.pk is not None else ""),
        object_repr=(object_repr or (str(obj) if obj is not None else ""))[:255],
        case_ext_id=_case_ext_id(obj, case_ext_id)[:64],
        before=jsonable(before) if before is not None else None,
        after=jsonable(after) if after is not None else None,
        ip=ctx.ip, request_id=ctx.request_id[:64], source=ctx.source[:32],
    )


def audit_write(user, action: str, obj=None, *, unit=None, before: Mapping | None = None,
                after: Mapping | None = None, case_ext_id: str = "", object_repr: str = ""):
    """Record a write: ``action`` is a short dotted name (``case.collect``, ``org.user.change``, ``import.run``)."""
    return _record("write", user, action, obj, unit=unit, before=before, after=after, case_ext_id=case_ext_id,
                   object_repr=object_repr)


def audit_read(user, action: str, obj=None, *, unit=None, fields: list[str] | None = None, case_ext_id: str = "",
               object_repr: str = "", count: int | None = None):
    """Record a view, download or export that showed personal data (``fields`` names what was shown; ``count`` the
    number of rows of a list or export)."""
    after = {"fields": list(fields or [])}
    if count is not None:
        after["rows"] = count
    return _record("read", user, action, obj, unit=unit, after=after, case_ext_id=case_ext_id,
                   object_repr=object_repr)


def audit_auth(user, action: str, *, username: str = "", details: Mapping | None = None):
    """Record ``login``, ``login_failed`` or ``logout`` (``username`` is what was typed when no user matched)."""
    return _record("auth", user, action, None, username=username, after=details, object_type="auth",
                   object_repr=username or (user.get_username() if user is not None else ""))
