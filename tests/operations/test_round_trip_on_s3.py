"""Files in an S3 bucket are backed up and restored through the storage API
alone: a Levier whose files are under one key prefix is restored into another
Levier whose files go under another prefix of a real S3-compatible server."""

import uuid

from levier.lib.backup import backup
from levier.settings import s3_storage
from tests.operations import snapshot
from tests.operations.conftest import build_levier_with_files
from tests.storage.conftest import s3_server  # noqa: F401 (the fixture)


def test_a_levier_on_a_bucket_is_restored_into_another_prefix(
    transactional_db,
    settings,
    s3_server,  # noqa: F811
    target,
    tmp_path,
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(s3_server.environment(f"source-{uuid.uuid4().hex}")),
    }
    build_levier_with_files()
    archive = tmp_path / "levier-backup.tar.gz"
    backup(archive)
    target.storage_environment = s3_server.environment(f"restored-{uuid.uuid4().hex}")

    restored = target.manage("restore", str(archive))

    assert restored.returncode == 0, restored.stderr
    content = target.content()
    assert content["files"] == snapshot.files()
    assert len(content["files"]) == 2
    assert content["tables"] == snapshot.tables()
    assert target.media_files() == []  # nothing went to the target's disk
