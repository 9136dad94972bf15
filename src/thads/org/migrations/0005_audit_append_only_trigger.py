"""The audit log is append-only in the database: a trigger refuses UPDATE and DELETE of ``org_auditevent`` rows
(``thads.org.audit_guard`` explains what may still erase it: ``TRUNCATE`` on PostgreSQL, a flush on an unlocked
SQLite connection). Both engines answer with an integrity error ``the audit log is append-only``."""

from django.db import migrations

PG_CREATE = ["""
CREATE OR REPLACE FUNCTION org_auditevent_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'integrity_constraint_violation';
END
$$""", """
CREATE TRIGGER org_auditevent_append_only BEFORE UPDATE OR DELETE ON org_auditevent
    FOR EACH ROW EXECUTE FUNCTION org_auditevent_append_only()"""]
PG_DROP = ["DROP TRIGGER IF EXISTS org_auditevent_append_only ON org_auditevent",
           "DROP FUNCTION IF EXISTS org_auditevent_append_only()"]

# The WHEN clause reads which databases the connection has attached: thads.org.audit_guard.audit_log_erasable
# attaches 'thads_audit_unlock' for a flush (a trigger cannot see the connection's TEMP schema, so a temp table
# cannot serve as the flag).
SQLITE_CREATE = [
    f"""CREATE TRIGGER org_auditevent_no_{op.lower()} BEFORE {op} ON org_auditevent
    WHEN NOT EXISTS (SELECT 1 FROM pragma_database_list WHERE name = 'thads_audit_unlock')
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"""
    for op in ("UPDATE", "DELETE")
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS org_auditevent_no_update", "DROP TRIGGER IF EXISTS org_auditevent_no_delete"]


def create(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for sql in {"postgresql": PG_CREATE, "sqlite": SQLITE_CREATE}.get(vendor, []):
        schema_editor.execute(sql, params=None)


def drop(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for sql in {"postgresql": PG_DROP, "sqlite": SQLITE_DROP}.get(vendor, []):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("org", "0004_unit_code_validator"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
    ]
