"""An answer's evidence file, on the disk or in the bucket: stored as sent,
read back through Levier byte for byte by a member, a 404 for another
organisation, and never a bucket address in what Levier answers."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.assessments import services
from levier.assessments.models import Evidence
from levier.frameworks.services import latest_version, sync_shipped_packs
from tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db

# Past FILE_UPLOAD_MAX_MEMORY_SIZE: the upload is spooled to a temporary file
# first, and read back in more than one chunk.
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 6000 + b"\n%%EOF\n"


def _url(name, assessment, *extra):
    return reverse(name, args=[assessment.organisation.slug, assessment.pk, *extra])


def test_evidence_goes_to_the_storage_and_comes_back_only_to_members(
    client, network, file_storage
):
    sync_shipped_packs()
    company = make_organisation(network, name="Scierie Martin")
    admin = make_member(company, OrgRole.ADMIN)
    assessment = services.start(company, latest_version("levier-360"), "2026", admin)
    client.force_login(make_member(company, OrgRole.CONTRIBUTOR))

    page = client.post(
        _url("assessment_evidence_upload", assessment, "SOC-HSW-05"),
        {"file": SimpleUploadedFile("Enquête 2026.pdf", PDF)},
        follow=True,
    )

    evidence = Evidence.objects.get()
    assert file_storage.exists(evidence.file.name)
    assert file_storage.read(evidence.file.name) == PDF
    download = _url("assessment_evidence", assessment, evidence.pk)
    assert download in page.content.decode()
    file_storage.assert_not_revealed(page)

    client.force_login(make_member(company, OrgRole.VIEWER))
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    file_storage.assert_not_revealed(response)

    client.force_login(make_member(make_organisation(network), OrgRole.ADMIN))
    refused = client.get(download)
    assert refused.status_code == 404
    file_storage.assert_not_revealed(refused)
