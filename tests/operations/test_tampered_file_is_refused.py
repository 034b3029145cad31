"""A file changed inside the archive fails its checksum: the restore refuses
the archive before writing anything."""

import json
import tarfile

from tests.operations.conftest import rewrite


def test_a_file_that_fails_its_checksum_refuses_the_whole_restore(archive, target):
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    tampered_name = "files/" + manifest["files"][-1]["name"]
    tampered = rewrite(archive, files={tampered_name: lambda content: content + b"x"})

    refused = target.manage("restore", str(tampered))

    assert refused.returncode != 0
    assert "does not match its checksum" in refused.stderr
    assert target.content()["tables"] == {}  # the snapshot lists no table: none exists
    assert target.media_files() == []
