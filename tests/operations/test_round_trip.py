"""A backup restored into an empty Levier gives back every row of every table
and every uploaded file, byte for byte."""

from tests.operations import snapshot


def test_a_restored_backup_holds_the_same_rows_and_files(archive, target):
    restored = target.manage("restore", str(archive))

    assert restored.returncode == 0, restored.stderr
    content = target.content()
    assert content["tables"] == snapshot.tables()
    assert content["files"] == snapshot.files()
    assert len(content["files"]) == 2
    assert content["tables"]["plans_actionevidence"]["rows"] == 1
    assert content["tables"]["mission_measurementevidence"]["rows"] == 1
