"""Removing an answer's evidence removes the stored file too, on the disk or
in the bucket; another organisation cannot remove it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.assessments import services
from levier.assessments.models import Evidence
from levier.frameworks.services import latest_version, sync_shipped_packs
from tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _url(name, assessment, *extra):
    return reverse(name, args=[assessment.organisation.slug, assessment.pk, *extra])


def test_removing_evidence_removes_the_stored_file(
    client, network, file_storage, django_capture_on_commit_callbacks
):
    sync_shipped_packs()
    company = make_organisation(network)
    admin = make_member(company, OrgRole.ADMIN)
    assessment = services.start(company, latest_version("levier-360"), "2026", admin)
    client.force_login(admin)
    client.post(
        _url("assessment_evidence_upload", assessment, "SOC-HSW-05"),
        {"file": SimpleUploadedFile("preuve.pdf", PDF)},
    )
    evidence = Evidence.objects.get()
    delete = _url("assessment_evidence_delete", assessment, evidence.pk)

    client.force_login(make_member(make_organisation(network), OrgRole.ADMIN))
    assert client.post(delete).status_code == 404
    assert file_storage.exists(evidence.file.name)

    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(delete)

    assert not Evidence.objects.exists()
    # Deleted once the row's removal committed.
    assert not file_storage.exists(evidence.file.name)
