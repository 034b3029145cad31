"""The verifier's signed opinion, on the disk or in the bucket: stored as sent
with the verification, read back through Levier by the organisation's
members, a 404 for another organisation's admin."""

import pytest
from django.urls import reverse

from levier.mission.models import VerificationDocument
from tests.factories import make_member
from tests.mission.verification_data import PDF, mission, pdf

pytestmark = pytest.mark.django_db


def test_the_signed_opinion_goes_to_the_storage_and_comes_back_only_to_members(
    client, organisation, org_admin, other_organisation, file_storage
):
    mission(organisation)
    client.force_login(org_admin)

    response = client.post(
        reverse("mission_verification_new", args=[organisation.slug]),
        {
            "done_on": "2026-05-20",
            "verifier": "Bureau Vérif",
            "conclusion": "met",
            "opinion": "",
            "permanent_employees": "42",
            "document": pdf(),
        },
    )

    assert response.status_code == 302
    stored = VerificationDocument.objects.get()
    assert file_storage.exists(stored.file.name)
    assert file_storage.read(stored.file.name) == PDF
    download = reverse("mission_verification_document", args=[organisation.slug, stored.pk])

    client.force_login(make_member(organisation, "viewer"))
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    file_storage.assert_not_revealed(response)

    mission(other_organisation)
    client.force_login(make_member(other_organisation, "admin"))
    assert client.get(download).status_code == 404
