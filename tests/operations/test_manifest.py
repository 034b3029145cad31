"""The manifest describes the archive: version, engine, migration state as
recorded in the database, and every file with its size and checksum."""

import hashlib
import json
import tarfile

from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from levier.lib.backup import levier_version


def test_the_manifest_describes_database_and_files(archive):
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        stored = {
            member.name.removeprefix("files/"): tar.extractfile(member).read()
            for member in tar.getmembers()
            if member.name.startswith("files/")
        }

    assert manifest["levier_version"] == levier_version()
    assert manifest["database"]["vendor"] == connection.vendor
    applied = MigrationRecorder(connection).applied_migrations()
    assert {(app, name) for app, names in manifest["migrations"].items() for name in names} == set(
        applied
    )
    assert [(f["name"], f["size"], f["sha256"]) for f in manifest["files"]] == [
        (name, len(content), hashlib.sha256(content).hexdigest())
        for name, content in sorted(stored.items())
    ]
    assert manifest["missing_files"] == []
