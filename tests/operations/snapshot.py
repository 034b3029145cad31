"""What a Levier holds, read around the ORM (its tenant managers are not in
the way): each table's rows, and each stored file's bytes. Printed as JSON
when run inside a Levier whose environment names another database."""

import hashlib
import json

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import connection

from levier.lib.backup import stored_names


def tables() -> dict[str, dict]:
    """Row count and a digest of the sorted rows of every model's table there is."""
    content = {}
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in sorted({model._meta.db_table for model in apps.get_models()} & existing):
            cursor.execute(f'SELECT * FROM "{table}"')
            rows = sorted(repr(row) for row in cursor.fetchall())
            content[table] = {
                "rows": len(rows),
                "digest": hashlib.sha256("\n".join(rows).encode()).hexdigest(),
            }
    return content


def files() -> dict[str, str]:
    content = {}
    for name in stored_names(default_storage):
        with default_storage.open(name, "rb") as file:
            content[name] = hashlib.sha256(file.read()).hexdigest()
    return content


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps({"tables": tables(), "files": files()}))
