"""An action's evidence file, on the disk or in the bucket: stored as sent,
read back through Levier by the organisation, a 404 for another one."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.plans import services
from tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_action_evidence_goes_to_the_storage_and_comes_back_only_to_members(
    client, network, file_storage
):
    company = make_organisation(network, name="Scierie Martin")
    admin = make_member(company, OrgRole.ADMIN)
    action = services.add_action(company, admin, title="Réduire les trajets en voiture")
    client.force_login(make_member(company, OrgRole.CONTRIBUTOR))

    client.post(
        reverse("action_evidence_upload", args=[company.slug, action.pk]),
        {"file": SimpleUploadedFile("devis.pdf", PDF, content_type="application/pdf")},
    )

    evidence = action.evidence.get()
    assert file_storage.exists(evidence.file.name)
    assert file_storage.read(evidence.file.name) == PDF
    download = reverse("action_evidence", args=[company.slug, action.pk, evidence.pk])
    page = client.get(reverse("action_detail", args=[company.slug, action.pk]))
    assert download in page.content.decode()
    file_storage.assert_not_revealed(page)

    client.force_login(make_member(company, OrgRole.VIEWER))
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    file_storage.assert_not_revealed(response)

    client.force_login(make_member(make_organisation(network), OrgRole.ADMIN))
    assert client.get(download).status_code == 404
