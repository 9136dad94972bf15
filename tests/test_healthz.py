"""/healthz: the load balancer's probe (issue 12): database and migrations, nothing else, no login."""

from __future__ import annotations

import json

from django.db import DEFAULT_DB_ALIAS

from thads.api import health


def test_a_healthy_instance_answers_200_without_a_login(client, db):
    health._applied_at = None
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"database": "ok", "migrations": "ok"}
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]


def test_it_says_nothing_else(client, persona):
    client.force_login(persona["admin_p"])
    body = client.get("/healthz").content.decode()
    assert set(json.loads(body)) == {"database", "migrations"}
    assert "officer" not in body and "5.2" not in body


def test_an_unapplied_migration_answers_503(client, db, monkeypatch):
    health._applied_at = None
    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("fake", False)])
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"database": "ok", "migrations": "pending"}


class _Unreachable:
    def cursor(self):
        raise RuntimeError("connection refused")


def test_an_unreachable_database_answers_503(client, db, monkeypatch):
    monkeypatch.setattr(health, "connections", {DEFAULT_DB_ALIAS: _Unreachable()})  # only the probe's connection
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "error"
    assert "refused" not in response.content.decode()


def test_only_get_is_answered(client, db):
    assert client.post("/healthz").status_code == 405
