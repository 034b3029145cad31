"""An archive whose database went through a migration this code lacks comes
from a newer Levier: refused, nothing restored."""

from tests.operations.conftest import rewrite


def test_an_archive_from_newer_code_is_refused(archive, target):
    def from_the_future(manifest):
        manifest["migrations"]["plans"].append("9999_from_a_later_levier")
        return manifest

    refused = target.manage("restore", str(rewrite(archive, manifest=from_the_future)))

    assert refused.returncode != 0
    assert "plans.9999_from_a_later_levier" in refused.stderr
    assert target.media_files() == []
