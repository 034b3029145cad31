"""A mission indicator's measurement evidence, on the disk or in the bucket:
stored as sent with the measurement, read back through Levier by the
organisation's members, a 404 for another organisation."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from levier.mission.models import MeasurementEvidence
from tests.mission import core_data as d

pytestmark = pytest.mark.django_db


def test_measurement_evidence_goes_to_the_storage_and_comes_back_only_to_members(
    client, file_storage
):
    world = d.company()
    indicator = d.add_indicator(d.add_operational(d.add_objective(world.mission)))
    page = d.url("mission_indicator", world.organisation, indicator.pk)
    client.force_login(world.contributor)

    response = client.post(
        page,
        {
            "on": "2025-09-30",
            "value": "12",
            "source": "Registre",
            "note": "",
            "evidence": SimpleUploadedFile("registre.pdf", d.PDF),
        },
    )

    assert response.status_code == 302
    evidence = MeasurementEvidence.objects.get()
    assert file_storage.exists(evidence.file.name)
    assert file_storage.read(evidence.file.name) == d.PDF
    download = d.url("mission_evidence_download", world.organisation, evidence.pk)
    client.force_login(world.viewer)
    shown = client.get(page)
    assert download in shown.content.decode()
    file_storage.assert_not_revealed(shown)

    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == d.PDF
    file_storage.assert_not_revealed(response)

    other = d.company()
    client.force_login(other.admin)
    assert client.get(download).status_code == 404
    assert (
        client.get(d.url("mission_evidence_download", other.organisation, evidence.pk)).status_code
        == 404
    )
