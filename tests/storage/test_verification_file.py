"""The verification file (a ZIP for the verifier) copies the measurements'
evidence and the previous opinions out of the storage, on the disk or in the
bucket, byte for byte, and nobody outside the organisation gets it."""

import io
import zipfile

import pytest
from django.urls import reverse

from tests.factories import make_member
from tests.mission.verification_data import fix_today, full_mission

pytestmark = pytest.mark.django_db


def test_the_verification_file_holds_the_stored_files(
    client, organisation, org_admin, other_organisation, monkeypatch, file_storage
):
    fix_today(monkeypatch)
    world = full_mission(organisation, org_admin)
    url = reverse("mission_verification_file", args=[organisation.slug])
    client.force_login(org_admin)

    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    file_storage.assert_not_revealed(response)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    evidence = sorted(n for n in archive.namelist() if n.startswith("evidence/"))
    assert len(evidence) == 2
    stored = {file_storage.read(world[k].file.name) for k in ("evidence", "twin")}
    assert {archive.read(name) for name in evidence} == stored
    opinions = [n for n in archive.namelist() if n.startswith("opinions/")]
    assert [archive.read(n) for n in opinions] == [file_storage.read(world["opinion"].file.name)]

    client.force_login(make_member(other_organisation, "admin"))
    assert client.get(url).status_code == 404
