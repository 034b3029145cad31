"""The full-text index of practices, in each database's own engine (see search.py)."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE practices_practice_fts USING fts5("
    "search_document, content='practices_practice', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER practices_practice_fts_insert AFTER INSERT ON practices_practice BEGIN "
    "INSERT INTO practices_practice_fts(rowid, search_document) "
    "VALUES (new.id, new.search_document); END",
    "CREATE TRIGGER practices_practice_fts_delete AFTER DELETE ON practices_practice BEGIN "
    "INSERT INTO practices_practice_fts(practices_practice_fts, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document); END",
    "CREATE TRIGGER practices_practice_fts_update AFTER UPDATE ON practices_practice BEGIN "
    "INSERT INTO practices_practice_fts(practices_practice_fts, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document); "
    "INSERT INTO practices_practice_fts(rowid, search_document) "
    "VALUES (new.id, new.search_document); END",
    "INSERT INTO practices_practice_fts(practices_practice_fts) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS practices_practice_fts_insert",
    "DROP TRIGGER IF EXISTS practices_practice_fts_delete",
    "DROP TRIGGER IF EXISTS practices_practice_fts_update",
    "DROP TABLE IF EXISTS practices_practice_fts",
]
POSTGRES = [
    "ALTER TABLE practices_practice ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_document)) STORED",
    "CREATE INDEX practices_practice_search ON practices_practice USING GIN (search_vector)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS practices_practice_search",
    "ALTER TABLE practices_practice DROP COLUMN IF EXISTS search_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        by_vendor = statements.get(schema_editor.connection.vendor, [])
        for statement in by_vendor:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
