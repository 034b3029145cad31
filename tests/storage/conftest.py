"""Uploaded files on each storage Levier supports: the local file system, and
an S3-compatible object store (a real SeaweedFS, started once per test
session, or per xdist worker, on 127.0.0.1).

A test takes the `file_storage` fixture to run once on each; the fixture
switches Django's default storage the way a deployment's settings would
(`levier.settings.s3_storage` from LEVIER_S3_* variables), each S3 test
under its own key prefix, and reads what was stored straight from the disk
or the bucket, bypassing Levier.
"""

import atexit
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from levier.settings import s3_storage
from tests.storage.seaweedfs import BUCKET, SeaweedFS

STARTS = 3


@pytest.fixture(scope="session")
def s3_server():
    for attempt in range(STARTS):
        server = SeaweedFS()
        atexit.register(server.stop)  # should the session end without its teardown
        try:
            server.start()
            break
        except RuntimeError:
            # Another program may take a port between its choice and its use.
            server.stop()
            if attempt == STARTS - 1:
                raise
    yield server
    server.stop()


@dataclass
class StoredObjects:
    """What a storage holds, read without going through Levier."""

    kind: str
    media_root: Path | None = None
    server: SeaweedFS | None = None
    prefix: str = ""

    def read(self, name: str) -> bytes:
        """The bytes stored under `name` (a FileField's name)."""
        if self.server:
            key = f"{self.prefix}/{name}"
            return self.server.client().get_object(Bucket=BUCKET, Key=key)["Body"].read()
        return (self.media_root / name).read_bytes()

    def exists(self, name: str) -> bool:
        if self.server:
            listed = self.server.client().list_objects_v2(
                Bucket=BUCKET, Prefix=f"{self.prefix}/{name}"
            )
            return any(
                item["Key"] == f"{self.prefix}/{name}" for item in listed.get("Contents", [])
            )
        return (self.media_root / name).is_file()

    def assert_not_revealed(self, response) -> None:
        """No bucket address in the response's headers, nor in its page."""
        if not self.server:
            return
        address = self.server.endpoint_url.removeprefix("http://")
        for header, value in response.headers.items():
            assert address not in value and BUCKET not in value, header
        if not response.streaming and response.get("Content-Type", "").startswith("text/"):
            page = response.content.decode()
            assert address not in page and BUCKET not in page


@pytest.fixture(params=["filesystem", "s3"])
def file_storage(request, settings, tmp_path):
    """Django's default storage on the local disk, then in the S3 bucket."""
    if request.param == "filesystem":
        settings.MEDIA_ROOT = tmp_path / "media"
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        }
        stored = StoredObjects("filesystem", media_root=tmp_path / "media")
    else:
        server = request.getfixturevalue("s3_server")
        prefix = f"test-{uuid.uuid4().hex}"
        # Changing STORAGES resets default_storage (django.test.signals), which
        # every FileField of Levier uses.
        settings.STORAGES = {
            **settings.STORAGES,
            "default": s3_storage(server.environment(prefix)),
        }
        stored = StoredObjects("s3", server=server, prefix=prefix)
    return stored
