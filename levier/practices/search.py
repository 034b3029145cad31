"""Full-text search of practices, with each database's own engine.

SQLite: an FTS5 table (unicode61, diacritics removed) kept in step with the
practices by triggers, ranked by bm25. PostgreSQL: a stored ``tsvector``
column (simple configuration) with a GIN index, ranked by ts_rank. Both index
and query the folded text (``text.fold``), so "egalite" finds "Égalité" and
"vélos" finds "vélo" the same way on both. The last word also matches as a
prefix, for people still typing.

Matching is a subquery (``id IN (…)``): joined instead, SQLite's planner probes
the full-text index once per practice, hundreds of times slower. Ranking asks
the engine for the matching ids best first, and the caller keeps those its
other filters allow.
"""

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from levier.practices.text import words

SQLITE_MATCH = "SELECT rowid FROM practices_practice_fts WHERE practices_practice_fts MATCH %s"
SQLITE_RANKED = SQLITE_MATCH + " ORDER BY bm25(practices_practice_fts), rowid"
POSTGRES_MATCH = (
    "SELECT id FROM practices_practice WHERE search_vector @@ to_tsquery('simple', %s)"
)
POSTGRES_RANKED = (
    "SELECT id FROM practices_practice WHERE search_vector @@ to_tsquery('simple', %s) "
    "ORDER BY ts_rank(search_vector, to_tsquery('simple', %s)) DESC, id"
)


def engine_query(text: str) -> str | None:
    tokens = words(text)
    if not tokens:
        return None
    if connection.vendor == "postgresql":
        return " & ".join([*tokens[:-1], f"{tokens[-1]}:*"])
    quoted = [f'"{token}"' for token in tokens]
    quoted[-1] += "*"
    return " ".join(quoted)


def matching(queryset: QuerySet, text: str) -> QuerySet:
    """``queryset`` narrowed to the practices matching ``text``."""
    query = engine_query(text)
    if query is None:
        return queryset
    sql = POSTGRES_MATCH if connection.vendor == "postgresql" else SQLITE_MATCH
    return queryset.filter(pk__in=RawSQL(sql, [query]))


def ranked_ids(queryset: QuerySet, text: str) -> list[int]:
    """Ids of the practices of ``queryset`` matching ``text``, best match first."""
    query = engine_query(text)
    if query is None:
        return list(queryset.values_list("pk", flat=True))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRES_RANKED, [query, query])
        else:
            cursor.execute(SQLITE_RANKED, [query])
        ranked = [row[0] for row in cursor.fetchall()]
    allowed = set(matching(queryset, text).values_list("pk", flat=True))
    return [pk for pk in ranked if pk in allowed]
