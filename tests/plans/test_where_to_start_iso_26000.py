"""An assessment against ISO 26000 gets where-to-start suggestions from the
shipped practices linked to its questions (links-iso-26000.yaml)."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from levier.assessments import services as assessments
from levier.frameworks.services import latest_version
from levier.practices.models import PracticeLink
from tests.plans.conftest import answer_lowest

pytestmark = pytest.mark.django_db


@pytest.fixture
def iso_assessment(company, admin):
    assessment = assessments.start(company, latest_version("iso-26000"), "2026", admin)
    answer_lowest(assessment, admin)
    assessments.submit(assessment, admin)
    return assessment


def test_an_iso_26000_assessment_gets_practices_to_start_with(client, iso_assessment, admin):
    client.force_login(admin)
    url = reverse("where_to_start", args=[iso_assessment.organisation.slug, iso_assessment.pk])

    response = client.get(url)

    assert response.status_code == 200
    cards = response.context["top"]
    assert len(cards) >= 5
    linked = set(
        PracticeLink.objects.filter(framework="iso-26000").values_list(
            "practice_id", "question_code", "level_code"
        )
    )
    pillars = {pillar.code for pillar in iso_assessment.pack.pillars}
    for card in cards:
        suggestion = card["suggestion"]
        assert suggestion.pillar_code in pillars
        assert card["practices"], suggestion.question_code
        for practice, _option in card["practices"]:
            assert (practice.pk, suggestion.question_code, suggestion.target_level) in linked
            assert escape(practice.display_title) in response.content.decode()
