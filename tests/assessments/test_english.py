"""The assessment journey reads in English too."""

import pytest

from levier.assessments import services
from tests.assessments.conftest import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_client(client, admin):
    client.force_login(admin)
    client.post("/i18n/setlang/", {"language": "en"})
    return client


def test_theme_page_in_english(english_client, assessment):
    page = english_client.get(url("assessment_theme", assessment, "SOC-HSW")).content.decode()

    assert "Health, safety and well-being" in page
    assert "Help: how to answer, why it matters" in page
    assert "Santé, sécurité" not in page


def test_results_and_pdf_in_english(english_client, assessment, admin):
    services.submit(assessment, admin)

    page = english_client.get(url("assessment_results", assessment)).content.decode()
    pdf = english_client.get(url("assessment_results_pdf", assessment))

    assert "Overall score" in page and "By pillar" in page
    assert "Scores by theme" in page
    assert pdf.status_code == 200
