"""The annual report's PDF, read back as text: the committee's opinion, the
indicators' values at the year's end (not measured after it), the actions
done in the year, in French and in English; and the figures behind it."""

import io
import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from levier.accounts.models import OrgRole
from levier.mission import annual_report
from tests.factories import make_member
from tests.mission import committee_data as d

pytestmark = pytest.mark.django_db
OPINION = "Le comité salue les progrès."


def _text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def report(organisation):
    mission = d.one_objective(organisation)
    return d.report(mission, opinion=OPINION, adopted_on=date(2026, 4, 2))


@pytest.mark.parametrize(
    ("language", "value", "month"), [("fr", "12,5", "décembre"), ("en", "12.5", "December")]
)
def test_the_pdf_holds_the_year_the_opinion_and_the_indicators(
    client, organisation, report, language, value, month
):
    client.force_login(make_member(organisation, OrgRole.VIEWER))
    response = client.get(
        reverse("mission_report_pdf", args=[organisation.slug, report.pk]),
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith('-2025.pdf"')
    text = _text(response.content)
    with translation.override(language):
        title = gettext("Report of the mission committee to the shareholders' meeting")
    assert title in text
    assert "Atelier Alpha" in text
    assert f"31 {month} 2025" in text  # the financial year's end
    assert OPINION in text
    assert "Émissions du chauffage" in text
    assert value in text  # measured on 30 June 2025
    assert " 99 " not in text  # measured in 2026: not in the report of 2025
    assert "Isoler les combles" in text
    assert "Action de 2024" not in text
    assert "L210-10" in text and "L210-11" in text
    assert "Claire Martin" in text


def test_pdf_bytes_follows_the_active_language(report):
    with translation.override("en"):
        english = _text(annual_report.pdf_bytes(report))
    with translation.override("fr"):
        french = _text(annual_report.pdf_bytes(report))
    assert "Financial year" in english
    assert "12.5" in english and "12,5" in french
    assert "décembre 2025" in french


def test_the_figures_are_read_at_the_year_s_end(organisation):
    mission = d.demo_size(organisation)
    report = d.report(mission)
    data = annual_report.build(report, on=date(2026, 3, 1))
    assert (data.start, data.end) == (date(2025, 1, 1), date(2025, 12, 31))
    assert len(data.statutory) == 3
    assert data.objectives_count == 6
    assert len(data.indicators) == 12
    assert all(line.latest.on <= date(2025, 12, 31) for line in data.indicators)
    assert all(line.latest_in_year for line in data.indicators)
    assert data.actions_done == 12
    assert len(data.meetings) == 4
    # The member who left in June 2024 sat on no day of 2025.
    assert "Ancien Membre" not in [m.name for m in data.members]
    assert len(data.members) == 5
    assert data.verification.done_on == date(2024, 9, 1)
    on_track = [block for block in data.operational if block.on_track]
    assert data.objectives_on_track == len(on_track)
    assert sum(count for _label, count in data.state_summary) == 12


def test_an_empty_mission_still_gives_a_report(organisation):
    report = d.report(d.mission(organisation))
    with translation.override("en"):
        text = _text(annual_report.pdf_bytes(report))
    assert "No objective is recorded." in text
    assert "The committee has not written its opinion yet." in text
    assert "Draft" in text
