"""Strict parsers for settings read from environment variables.

An invalid value raises ``SettingsError`` with one explanatory line; ``thads.cli`` prints that line and exits
non-zero instead of showing a traceback (healthchecks' ``envbool`` pattern).
"""

from __future__ import annotations

import os
from urllib.parse import unquote, urlsplit


class SettingsError(Exception):
    """A setting from the environment has an invalid value."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise SettingsError(f"{name}={raw!r} is not a boolean: use one of true, false, 1, 0, yes, no, on, off")


def env_int(name: str, default: int, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a whole number") from None
    if minimum is not None and value < minimum:
        raise SettingsError(f"{name}={raw!r} must be at least {minimum}")
    return value


def env_str(name: str, default: str) -> str:
    value = os.environ.get(name)
    return default if value is None or value == "" else value


DEVELOPMENT_SECRET_KEY = "thads-insecure-development-key-change-me-in-production-0123456789"


def env_secret_key(name: str, *, debug: bool) -> str:
    """The signing key of sessions, CSRF tokens and password-reset links.

    Unset (or the built-in development key) is accepted only with DEBUG=true: a production server that fell back to a
    key published in the source would let anyone forge a session cookie.
    """
    value = os.environ.get(name, "").strip()
    if value and value != DEVELOPMENT_SECRET_KEY:
        return value
    if debug:
        return DEVELOPMENT_SECRET_KEY
    problem = "is the built-in development key" if value else "is not set"
    raise SettingsError(
        f"{name} {problem}: set {name} to a long random value (e.g. python -c \"import secrets; "
        f"print(secrets.token_urlsafe(50))\"; after make run: export {name}=$(cat var/secret_key)) "
        f"or DEBUG=true for development"
    )


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def parse_database_url(url: str, sqlite_default: str) -> dict:
    """Turn ``DATABASE_URL`` into a Django ``DATABASES['default']`` dict.

    Accepted: ``sqlite:///relative/or/absolute/path`` (``sqlite://`` alone means the default file) and
    ``postgres://`` / ``postgresql://user:password@host:port/dbname``. Anything else is a ``SettingsError``.
    """
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        port = parts.port
    except ValueError as exc:
        raise SettingsError(f"DATABASE_URL={url!r} is not a valid URL ({exc})") from None
    if scheme == "sqlite":
        path = unquote(parts.path)
        if url.startswith("sqlite:////"):
            name = "/" + path.lstrip("/")
        elif path in ("", "/"):
            name = sqlite_default
        else:
            name = path.lstrip("/")
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": name,
                "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY;",
                            # Commands wait out a running import (~90 s for 200,000 cases) instead of failing;
                            # web requests wait far less (thads.web.busy sets their busy_timeout).
                            "transaction_mode": "IMMEDIATE", "timeout": 120}}
    if scheme in ("postgres", "postgresql", "pgsql"):
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise SettingsError(f"DATABASE_URL={url!r} names no database (postgres://user@host:port/DBNAME)")
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise SettingsError(
        f"DATABASE_URL={url!r} is not supported: use sqlite:///path/to/file.sqlite3 or postgres://user@host:port/db"
    )
