"""The verification file: a ZIP with the summary PDF, the workbook, the
measurements' evidence, the committee's reports and the previous opinions,
under safe unique names; text that a spreadsheet would run stays text."""

import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from levier.audit.models import AuditEntry
from levier.mission import dossier
from levier.mission.models import CommitteeReport
from tests.factories import make_member
from tests.mission.verification_data import TODAY, fix_today, full_mission, mission

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    fix_today(monkeypatch)


@pytest.fixture
def world(organisation, org_admin):
    things = full_mission(organisation, org_admin)
    CommitteeReport.objects.create(mission=things["mission"], year=2025, adopted_on=TODAY)
    return things


def _download(client, organisation, **headers):
    response = client.get(
        reverse("mission_verification_file", args=[organisation.slug]), **headers
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    content = b"".join(response.streaming_content)
    return response, zipfile.ZipFile(io.BytesIO(content))


def test_the_file_lists_what_the_verifier_needs(org_admin_client, organisation, world):
    response, archive = _download(org_admin_client, organisation, HTTP_ACCEPT_LANGUAGE="en")

    assert archive.testzip() is None
    assert f"verification-{organisation.slug}-2026-06-15.zip" in response["Content-Disposition"]
    names = archive.namelist()
    assert names[:2] == ["summary.pdf", "data.xlsx"]
    evidence = sorted(n for n in names if n.startswith("evidence/"))
    assert evidence == [
        "evidence/hyperlink-http-evil-example-x-2025-12-31-bilan-2025-2.pdf",
        "evidence/hyperlink-http-evil-example-x-2025-12-31-bilan-2025.pdf",
    ]
    assert archive.read(evidence[1]) == b"%PDF-1.4 bilan"
    assert archive.read(evidence[0]) == b"%PDF-1.4 twin"
    assert "opinions/2026-05-01-avis-signe.pdf" in names
    assert archive.read("opinions/2026-05-01-avis-signe.pdf").startswith(b"%PDF")
    assert "committee-reports/committee-report-2025.pdf" in names
    report = PdfReader(io.BytesIO(archive.read("committee-reports/committee-report-2025.pdf")))
    assert len(report.pages) >= 1


def test_the_summary_pdf_holds_the_mission(org_admin_client, organisation, world):
    _response, archive = _download(org_admin_client, organisation, HTTP_ACCEPT_LANGUAGE="en")

    reader = PdfReader(io.BytesIO(archive.read("summary.pdf")))
    # Words, not lines: a table's cell may wrap.
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for expected in (
        organisation.name,
        "Verification file",
        "Réduire l'empreinte carbone",
        "Décarboner la flotte",
        "Bilan carbone 2025",
        "Acheter des vélos cargo",
        "Chloé Salariée",
        "Objectifs atteints.",
        "1 May 2028",  # the next verification, two years after the last
    ):
        assert expected in text, expected


def test_the_workbook_keeps_formulas_as_text(org_admin_client, organisation, world):
    _response, archive = _download(org_admin_client, organisation, HTTP_ACCEPT_LANGUAGE="en")

    book = load_workbook(io.BytesIO(archive.read("data.xlsx")))
    assert book.sheetnames == [
        "Objectives",
        "Indicators",
        "Measurements",
        "Actions",
        "Committee",
        "Meetings",
    ]
    indicator = book["Indicators"]["B2"]
    assert indicator.data_type == "s"
    assert indicator.value == '\'=HYPERLINK("http://evil.example","x")'
    measurements = list(book["Measurements"].iter_rows(min_row=2, values_only=True))
    (row,) = measurements
    assert row[3] == 90 and row[4] == "Bilan carbone 2025"
    assert "evidence/hyperlink-http-evil-example-x-2025-12-31-bilan-2025.pdf" in row[7]
    assert book["Actions"]["B2"].value == "Acheter des vélos cargo"
    assert book["Committee"]["A2"].value == "Chloé Salariée"


def test_the_export_is_in_the_audit_trail(org_admin_client, organisation, org_admin, world):
    _download(org_admin_client, organisation)

    entry = AuditEntry.objects.get(action="mission_file_exported")
    assert entry.organisation == organisation
    assert entry.detail.endswith(".zip")


def test_viewers_download_it_outsiders_do_not(client, organisation, other_organisation, world):
    client.force_login(make_member(organisation, "viewer"))
    _download(client, organisation)

    client.force_login(make_member(other_organisation, "admin"))
    response = client.get(reverse("mission_verification_file", args=[organisation.slug]))
    assert response.status_code == 404


def test_a_mission_with_nothing_yet_gives_a_file_all_the_same(org_admin_client, organisation):
    mission(organisation, published_on=None)

    _response, archive = _download(org_admin_client, organisation, HTTP_ACCEPT_LANGUAGE="en")

    assert archive.namelist() == ["summary.pdf", "data.xlsx"]


def test_a_french_reader_gets_french_names(org_admin_client, organisation, world):
    _response, archive = _download(org_admin_client, organisation)

    names = archive.namelist()
    assert names[:2] == ["synthese.pdf", "donnees.xlsx"]
    assert "rapports-du-comite/rapport-du-comite-2025.pdf" in names
    assert "avis/2026-05-01-avis-signe.pdf" in names
    assert sum(name.startswith("preuves/") for name in names) == 2


def test_names_stay_unique_and_safe():
    names = dossier.Names()

    first = names.take("evidence/", "../../etc/passwd", "2025-01-01", "a b", suffix=".pdf")
    second = names.take("evidence/", "../../etc/passwd", "2025-01-01", "a b", suffix=".pdf")

    assert first == "evidence/etc-passwd-2025-01-01-a-b.pdf"
    assert second == "evidence/etc-passwd-2025-01-01-a-b-2.pdf"
