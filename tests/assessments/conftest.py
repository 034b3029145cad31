import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.assessments import services
from levier.frameworks.models import FrameworkVersion
from levier.frameworks.services import latest_version, sync_shipped_packs
from tests.factories import make_member, make_organisation


@pytest.fixture
def levier_360(db) -> FrameworkVersion:
    sync_shipped_packs()
    return latest_version("levier-360")


@pytest.fixture
def company(network):
    """A 25-person manufacturer: small band, NAF section C."""
    return make_organisation(network, name="Scierie Martin", headcount=25, naf_code="16.10A")


@pytest.fixture
def admin(company):
    return make_member(company, OrgRole.ADMIN, full_name="Alice Admin")


@pytest.fixture
def contributor(company):
    return make_member(company, OrgRole.CONTRIBUTOR, full_name="Carl Contributeur")


@pytest.fixture
def viewer(company):
    return make_member(company, OrgRole.VIEWER, full_name="Vera Lectrice")


@pytest.fixture
def assessment(company, admin, levier_360):
    return services.start(company, levier_360, "2026", admin)


def url(name, assessment, *extra):
    return reverse(name, args=[assessment.organisation.slug, assessment.pk, *extra])


PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload_evidence(client, assessment, name, content, code="SOC-HSW-05"):
    return client.post(
        url("assessment_evidence_upload", assessment, code),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )
