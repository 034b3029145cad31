"""An archive of the other database engine is refused, nothing restored."""

from django.db import connection

from tests.operations.conftest import rewrite


def test_an_archive_of_another_database_engine_is_refused(archive, target):
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"

    def from_other_engine(manifest):
        manifest["database"]["vendor"] = other
        return manifest

    refused = target.manage("restore", str(rewrite(archive, manifest=from_other_engine)))

    assert refused.returncode != 0
    assert f"This backup is of a {other} database" in refused.stderr
    assert target.media_files() == []
