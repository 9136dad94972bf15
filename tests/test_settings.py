"""Invalid settings stop start-up with one explanatory line and a non-zero exit, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from thads.lib.env import SettingsError, env_bool, parse_database_url


def _thads(*args: str, **env: str) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **env}
    return subprocess.run([sys.executable, "-m", "thads.cli", *args], capture_output=True, text=True, env=full_env,
                          timeout=120)


@pytest.mark.parametrize("env", [{"DATABASE_URL": "nonsense://"}, {"DEBUG": "maybe"},
                                 {"THADS_LOGIN_MAX_FAILURES": "five"},
                                 {"THADS_RANKING_WEIGHTS": '{"speed": 3}'},
                                 {"THADS_RANKING_WEIGHTS": '{"cases_rate": -1}'},
                                 {"THADS_DEFAULT_RATE_SHAPE": '{"cases": [1, 2]}'},
                                 {"THADS_TARGET_SHAPE_YEARS": "0"},
                                 {"THADS_EMULATION_LEGAL_ENTITY_LEVELS": "province,ministry"},
                                 {"THADS_GRASSROOTS_FIGHTER_MAX_SHARE": "fifteen"},
                                 {"THADS_PUBLIC_LIST_OTHER_REMOVAL_DAYS": "0"},
                                 {"THADS_REGISTER_BOOK_YEAR_START_MONTH": "13"}])
def test_an_invalid_setting_exits_non_zero_with_one_line(env):
    result = _thads("migrate", **env)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert next(iter(env)) in lines[0]


def test_it_parses_sqlite_and_postgres_urls():
    assert parse_database_url("sqlite:///var/x.sqlite3", "d")["NAME"] == "var/x.sqlite3"
    assert parse_database_url("sqlite:////tmp/x.sqlite3", "d")["NAME"] == "/tmp/x.sqlite3"
    assert parse_database_url("sqlite://", "default.sqlite3")["NAME"] == "default.sqlite3"
    pg = parse_database_url("postgres://u:p%40ss@db.example:6543/thads", "d")
    assert (pg["ENGINE"], pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"], pg["NAME"]) == (
        "django.db.backends.postgresql", "u", "p@ss", "db.example", "6543", "thads")


@pytest.mark.parametrize("url", ["nonsense://", "mysql://x/y", "postgres://host:notaport/db", "postgres://host/"])
def test_it_refuses_unsupported_database_urls(url):
    with pytest.raises(SettingsError):
        parse_database_url(url, "d")


def test_booleans_are_strict(monkeypatch):
    monkeypatch.setenv("X_FLAG", "Yes")
    assert env_bool("X_FLAG", False) is True
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(SettingsError):
        env_bool("X_FLAG", False)
