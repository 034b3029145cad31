"""Evidence files: checked, stored outside the web root, served only to the organisation."""

import pytest
from django.core.files.storage import default_storage

from levier.assessments.models import Evidence
from tests.assessments.conftest import PDF, url
from tests.assessments.conftest import upload_evidence as _upload
from tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db


def test_a_contributor_attaches_a_pdf_and_a_member_downloads_it(
    client, assessment, contributor, viewer, settings
):
    client.force_login(contributor)
    response = _upload(client, assessment, "Enquête 2026.pdf", PDF)

    evidence = Evidence.objects.get()
    assert "Enquête 2026.pdf" in response.content.decode()
    assert not str(evidence.file.path).startswith(str(settings.STATIC_ROOT))
    assert evidence.file.name.startswith(f"evidence/{assessment.organisation_id}/")

    client.force_login(viewer)
    download = client.get(url("assessment_evidence", assessment, evidence.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]
    assert download["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "n’est pas accepté"),
        ("rapport.pdf", b"MZ\x90\x00 not a pdf", "ne ressemble pas"),
        ("photo.png", b"GIF89a", "ne ressemble pas"),
    ],
)
def test_unaccepted_files_are_refused_with_a_reason(
    client, assessment, contributor, name, content, message
):
    client.force_login(contributor)

    response = _upload(client, assessment, name, content)

    assert message in response.content.decode()
    assert not Evidence.objects.exists()


def test_too_large_a_file_is_refused(client, assessment, contributor, settings):
    settings.LEVIER_MAX_EVIDENCE_BYTES = 100
    client.force_login(contributor)

    response = _upload(client, assessment, "gros.pdf", PDF + b"x" * 200)

    assert "trop volumineux" in response.content.decode()
    assert not Evidence.objects.exists()


def test_another_organisation_cannot_download(client, assessment, contributor):
    client.force_login(contributor)
    _upload(client, assessment, "preuve.pdf", PDF)
    evidence = Evidence.objects.get()
    stranger = make_member(make_organisation(assessment.organisation.network))
    client.force_login(stranger)

    response = client.get(url("assessment_evidence", assessment, evidence.pk))

    assert response.status_code == 404


def test_a_contributor_removes_a_file_once_the_removal_is_committed(
    client, assessment, contributor, django_capture_on_commit_callbacks
):
    client.force_login(contributor)
    _upload(client, assessment, "preuve.pdf", PDF)
    evidence = Evidence.objects.get()
    name = evidence.file.name

    with django_capture_on_commit_callbacks() as after_commit:
        client.post(url("assessment_evidence_delete", assessment, evidence.pk))
        assert not Evidence.objects.exists()
        assert default_storage.exists(name)  # until the row's removal commits

    for callback in after_commit:
        callback()
    assert not default_storage.exists(name)
