"""Names in the order a reader expects, on SQLite and PostgreSQL alike:
"Écopôle" between "Eco" and "Fer", not after "Zèbre" as a byte order puts it.

PostgreSQL sorts through ICU's root collation, which weighs a letter before
its accent and its case; SQLite has no such collation, so each connection
gets one (``levier_text``) that compares the same way in Python."""

import unicodedata

from django.db.backends.signals import connection_created
from django.db.models.functions import Collate

POSTGRESQL_COLLATION = "und-x-icu"
SQLITE_COLLATION = "levier_text"


def reading_key(text: str) -> tuple[str, str]:
    """Letters without accents and case first; the text itself breaks ties,
    so that the order is total and stable."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return plain, text


def _compare(left: str, right: str) -> int:
    left_key, right_key = reading_key(left), reading_key(right)
    return (left_key > right_key) - (left_key < right_key)


def register_sqlite_collation(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _compare)


connection_created.connect(register_sqlite_collation, dispatch_uid="levier_text_collation")


class ReadingOrder(Collate):
    """``order_by(ReadingOrder("name"))``: the reader's order of a text column."""

    def __init__(self, expression):
        super().__init__(expression, POSTGRESQL_COLLATION)

    def as_sqlite(self, compiler, connection, **extra_context):
        extra_context["collation"] = connection.ops.quote_name(SQLITE_COLLATION)
        return super().as_sql(compiler, connection, **extra_context)
