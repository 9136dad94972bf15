"""Issue 12 (trust): party identifiers leave the word index; receipts get a one-time token and a locked counter.

* ``Case.search_text`` is rebuilt without the parties' ID numbers (``thads.cases.search.search_text_of``: case id,
  decision and judgment numbers, names). On SQLite the FTS5 table (0003) is rebuilt from the new text, so the old
  tokens leave its shadow tables too (they stay in free pages of the file until ``VACUUM``; on PostgreSQL in dead
  tuples until ``VACUUM``). Identifiers are found whole through the index ``party_identifier_key`` instead.
* ``CaseNumberCounter`` gives case numbers under a row lock (seeded lazily from the stored numbers).
* A receipt's form token is unique among receipts (``case_event_receipt_token_unique``, a partial index: only the
  rows that carry one).
"""

import django.db.models.deletion
import thads.cases.models
from django.conf import settings
from django.db import migrations, models

from thads.lib.text import fold

CHUNK = 5000
FTS_UPDATE_TRIGGER = (
    "CREATE TRIGGER IF NOT EXISTS cases_case_fts_au AFTER UPDATE OF search_text ON cases_case BEGIN "
    "INSERT INTO cases_case_fts(cases_case_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO cases_case_fts(rowid, search_text) VALUES (new.id, new.search_text); END")


def _has_fts(cursor) -> bool:
    cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'cases_case_fts'")
    return cursor.fetchone() is not None


def rebuild_search_text(apps, schema_editor):
    """Rewrite every case's search text without identifiers (the same words as ``search_text_of`` at the time of
    this migration: id, decision number, judgment number, the parties' names), in chunks of ``CHUNK`` cases."""
    connection = schema_editor.connection
    sqlite = connection.vendor == "sqlite"
    with connection.cursor() as cursor:
        fts = sqlite and _has_fts(cursor)
        if fts:  # the index is rebuilt once at the end rather than twice per row by the trigger
            cursor.execute("DROP TRIGGER IF EXISTS cases_case_fts_au")
        last = 0
        while True:
            cursor.execute("SELECT id, ext_id, decision_no, judgment_number, search_text FROM cases_case "
                           "WHERE id > %s ORDER BY id LIMIT %s", [last, CHUNK])
            cases = cursor.fetchall()
            if not cases:
                break
            first, last = cases[0][0], cases[-1][0]
            cursor.execute("SELECT case_id, name FROM cases_party WHERE case_id BETWEEN %s AND %s "
                           "ORDER BY case_id, role, position", [first, last])
            names: dict[int, list[str]] = {}
            for case_id, name in cursor.fetchall():
                names.setdefault(case_id, []).append(name)
            changed = []
            for case_id, ext_id, decision_no, judgment_number, old in cases:
                new = fold(" ".join(filter(None, [ext_id, decision_no, judgment_number, *names.get(case_id, [])])))
                if new != old:
                    changed.append((new, case_id))
            if changed:
                cursor.executemany("UPDATE cases_case SET search_text = %s WHERE id = %s", changed)
        if fts:
            cursor.execute("INSERT INTO cases_case_fts(cases_case_fts) VALUES ('rebuild')")
            cursor.execute(FTS_UPDATE_TRIGGER)


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0005_search_words'),
        ('org', '0003_audit_event'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CaseNumberCounter',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField()),
                ('last', models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.AddIndex(
            model_name='party',
            index=models.Index(thads.cases.models.IdentifierKey('id_number'), models.F('case_id'),
                               name='party_identifier_key'),
        ),
        migrations.AddConstraint(
            model_name='caseevent',
            constraint=models.UniqueConstraint(condition=models.Q(('kind__in', ('receive_judgment', 'receive_request')), models.Q(('request_token', ''), _negated=True)), fields=('request_token',), name='case_event_receipt_token_unique'),
        ),
        migrations.AddField(
            model_name='casenumbercounter',
            name='unit',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.unit'),
        ),
        migrations.AddConstraint(
            model_name='casenumbercounter',
            constraint=models.UniqueConstraint(fields=('unit', 'year'), name='case_number_counter_unique'),
        ),
        # Irreversible in substance: going back does not put the identifiers back into the word index.
        migrations.RunPython(rebuild_search_text, migrations.RunPython.noop),
    ]
