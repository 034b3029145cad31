"""Search with title weight and stop words (ADR 0022): the index rebuilt.

The search document now holds the folded titles on its first line and the
body on the second, stop words left out (``text.practice_document``). Each
engine indexes the two lines apart: SQLite in an FTS5 table with a ``title``
and a ``body`` column (ranked by bm25 with column weights), PostgreSQL in a
generated ``tsvector`` whose title lexemes carry weight A and body lexemes
weight B, plus a title-only vector, each with a GIN index. Every existing
practice's document is recomputed, then the indexes built from it.
"""

from django.db import migrations

from levier.practices.text import practice_document

# The document's two lines, as each database reads them.
SQLITE_TITLE = "substr({d}, 1, instr({d} || char(10), char(10)) - 1)"
SQLITE_BODY = "substr({d}, instr({d} || char(10), char(10)) + 1)"


def _sqlite_columns(row: str) -> str:
    document = f"{row}.search_document"
    return f"{SQLITE_TITLE.format(d=document)}, {SQLITE_BODY.format(d=document)}"


SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS practices_practice_fts_insert",
    "DROP TRIGGER IF EXISTS practices_practice_fts_delete",
    "DROP TRIGGER IF EXISTS practices_practice_fts_update",
    "DROP TABLE IF EXISTS practices_practice_fts",
]
SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE practices_practice_fts USING fts5(title, body, "
    "tokenize='unicode61 remove_diacritics 2', prefix='2 3 4 5 6')",
    "CREATE TRIGGER practices_practice_fts_insert AFTER INSERT ON practices_practice BEGIN "
    "INSERT INTO practices_practice_fts(rowid, title, body) "
    f"VALUES (new.id, {_sqlite_columns('new')}); END",
    "CREATE TRIGGER practices_practice_fts_delete AFTER DELETE ON practices_practice BEGIN "
    "DELETE FROM practices_practice_fts WHERE rowid = old.id; END",
    "CREATE TRIGGER practices_practice_fts_update AFTER UPDATE ON practices_practice "
    "WHEN old.search_document IS NOT new.search_document BEGIN "
    "DELETE FROM practices_practice_fts WHERE rowid = old.id; "
    "INSERT INTO practices_practice_fts(rowid, title, body) "
    f"VALUES (new.id, {_sqlite_columns('new')}); END",
    "INSERT INTO practices_practice_fts(rowid, title, body) "
    f"SELECT id, {_sqlite_columns('practices_practice')} FROM practices_practice",
    "INSERT INTO practices_practice_fts(practices_practice_fts) VALUES ('optimize')",
]

POSTGRES_TITLE = "split_part(search_document, E'\\n', 1)"
POSTGRES_BODY = "split_part(search_document, E'\\n', 2)"
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS practices_practice_search",
    "DROP INDEX IF EXISTS practices_practice_title_search",
    "ALTER TABLE practices_practice DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE practices_practice DROP COLUMN IF EXISTS title_vector",
]
POSTGRES_CREATE = [
    "ALTER TABLE practices_practice ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    f"setweight(to_tsvector('simple', {POSTGRES_TITLE}), 'A') || "
    f"setweight(to_tsvector('simple', {POSTGRES_BODY}), 'B')) STORED",
    "ALTER TABLE practices_practice ADD COLUMN title_vector tsvector GENERATED ALWAYS AS ("
    f"to_tsvector('simple', {POSTGRES_TITLE})) STORED",
    "CREATE INDEX practices_practice_search ON practices_practice USING GIN (search_vector)",
    "CREATE INDEX practices_practice_title_search ON practices_practice USING GIN (title_vector)",
    "ANALYZE practices_practice",
]


def _execute(statements_by_vendor):
    def run(schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


_drop = _execute({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})
_create = _execute({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE})


def rebuild(apps, schema_editor):
    """Index dropped, every document recomputed, index built again."""
    Practice = apps.get_model("practices", "Practice")
    _drop(schema_editor)
    batch = []
    for practice in Practice.objects.all().iterator(chunk_size=500):
        practice.search_document = practice_document(practice)
        batch.append(practice)
        if len(batch) == 500:
            Practice.objects.bulk_update(batch, ["search_document"])
            batch = []
    Practice.objects.bulk_update(batch, ["search_document"])
    _create(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("practices", "0003_hostile_text")]

    # Backwards leaves the new index in place: the old search code reads the
    # same table and column names.
    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
