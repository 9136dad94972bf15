"""Search over the folded ``Case.search_text`` (names, ID numbers, decision and judgment numbers without
diacritics): a trigram GIN index on PostgreSQL (pg_trgm), an FTS5 index kept by triggers on SQLite
(ecosystem.md §6: the text is folded in Python, so neither database needs to know Vietnamese)."""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS cases_case_fts USING fts5(search_text, content='cases_case', "
    "content_rowid='id', tokenize='unicode61')",
    "INSERT INTO cases_case_fts(rowid, search_text) SELECT id, search_text FROM cases_case",
    "CREATE TRIGGER IF NOT EXISTS cases_case_fts_ai AFTER INSERT ON cases_case BEGIN "
    "INSERT INTO cases_case_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS cases_case_fts_ad AFTER DELETE ON cases_case BEGIN "
    "INSERT INTO cases_case_fts(cases_case_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS cases_case_fts_au AFTER UPDATE OF search_text ON cases_case BEGIN "
    "INSERT INTO cases_case_fts(cases_case_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO cases_case_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
]
SQLITE_BACKWARD = ["DROP TRIGGER IF EXISTS cases_case_fts_ai", "DROP TRIGGER IF EXISTS cases_case_fts_ad",
                   "DROP TRIGGER IF EXISTS cases_case_fts_au", "DROP TABLE IF EXISTS cases_case_fts"]
PG_FORWARD = ["CREATE EXTENSION IF NOT EXISTS pg_trgm",
              "CREATE INDEX IF NOT EXISTS cases_case_search_trgm ON cases_case USING gin (search_text gin_trgm_ops)"]
PG_BACKWARD = ["DROP INDEX IF EXISTS cases_case_search_trgm"]


def forward(apps, schema_editor):
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": PG_FORWARD}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": PG_BACKWARD}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_list_index")]
    operations = [migrations.RunPython(forward, backward)]
