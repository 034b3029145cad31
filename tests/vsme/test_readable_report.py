"""The readable report, page and PDF: the company, the period, which
modules and which disclosures are omitted, each disclosure's values in the
reader's language, a cover and a summary a board can read."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from levier.vsme import services
from tests.vsme.factories import fill_required, make_report

pytestmark = pytest.mark.django_db


def _pdf_pages(response) -> list[str]:
    reader = PdfReader(io.BytesIO(response.content))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_the_pdf_has_a_cover_a_summary_and_each_disclosure(client, organisation, org_admin):
    report = make_report(organisation, org_admin)
    fill_required(report, org_admin)
    services.save_value(report, "Assets", 1_234_567.0, org_admin)
    report.omitted = ["B9"]
    report.save()
    client.force_login(org_admin)
    response = client.get(
        reverse("vsme_report_pdf", args=[organisation.slug, report.pk]),
        headers={"accept-language": "en"},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages = _pdf_pages(response)
    cover = pages[0]
    assert organisation.name in cover
    assert "Reporting period from 1 January 2025 to 31 December 2025" in cover
    assert "reports under the Basic Module of the VSME standard" in cover
    assert "Disclosures omitted as classified or sensitive information: B9." in cover
    body = " ".join(pages[1:])
    assert "B1 · " in body and "B11 · " in body
    assert "1,234,567" in body
    assert "Omitted: the company deems this information classified or sensitive." in body
    # No near-empty page: every page after the cover holds some text.
    assert all(len(page) > 200 for page in pages[:-1])


def test_the_page_reads_in_french_with_the_standards_own_labels(client, organisation, org_admin):
    report = make_report(organisation, org_admin)
    services.save_value(report, "Turnover", 2_500_000.0, org_admin)
    client.force_login(org_admin)
    response = client.get(
        reverse("vsme_report_read", args=[organisation.slug, report.pk]),
        headers={"accept-language": "fr"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chiffre d&#x27;affaires" in html or "Chiffre d'affaires" in html
    assert "2\u202f500\u202f000" in html or "2 500 000" in html or "2\xa0500\xa0000" in html


def test_a_report_in_progress_says_so(client, organisation, org_admin):
    report = make_report(organisation, org_admin)
    client.force_login(org_admin)
    response = client.get(
        reverse("vsme_report_pdf", args=[organisation.slug, report.pk]),
        headers={"accept-language": "en"},
    )
    assert "Report in progress" in _pdf_pages(response)[0]
