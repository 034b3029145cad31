"""Restoring over a Levier that holds data is refused unless --force, which
replaces it."""

from tests.operations import snapshot


def test_a_second_restore_is_refused_then_forced(archive, target):
    assert target.manage("restore", str(archive)).returncode == 0
    assert (
        target.manage(
            "shell",
            "-c",
            "from levier.accounts.models import User; "
            "User.objects.create(email='later@example.org')",
        ).returncode
        == 0
    )

    refused = target.manage("restore", str(archive))

    assert refused.returncode != 0
    assert "The database is not empty" in refused.stderr
    assert target.content()["tables"]["accounts_user"]["rows"] == (
        snapshot.tables()["accounts_user"]["rows"] + 1
    )

    forced = target.manage("restore", "--force", str(archive))

    assert forced.returncode == 0, forced.stderr
    assert target.content() == {"tables": snapshot.tables(), "files": snapshot.files()}
