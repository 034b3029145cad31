"""A practice through the API carries its English texts, its sources, and
the theme of each link in the link's own framework (ADR 0029)."""

import pytest
from django.test import override_settings

from levier.frameworks.services import latest_pack, sync_shipped_packs
from levier.practices.models import PracticeLink
from tests.api.test_practices import _tenant

pytestmark = pytest.mark.django_db

SOURCE = {"name": "ADEME", "year": 2024, "url": "https://www.ademe.fr/"}


def test_a_practice_reads_in_english_with_its_sources(client):
    sync_shipped_packs()  # Levier 360 has no GOUV-DEC-01: its theme is ISO 26000's
    ours = _tenant("ours")
    practice = ours.practice
    practice.context_en = "For short trips."
    practice.steps_en = "Take a first step\nTake the next one"
    practice.results_en = "30 % fewer car trips."
    practice.sources = [SOURCE]
    practice.save()
    PracticeLink.objects.create(
        practice=practice,
        framework="iso-26000",
        question_code="GOUV-DEC-01",
        level_code="objectives",
    )

    with override_settings(RATELIMIT_ENABLE=False):
        response = client.get(f"/api/v1/practices/{practice.pk}", **ours.org_headers)

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["context_en"] == "For short trips."
    assert body["steps_en"] == ["Take a first step", "Take the next one"]
    assert body["results_en"] == "30 % fewer car trips."
    assert body["sources"] == [SOURCE]
    theme = latest_pack("iso-26000").question("GOUV-DEC-01").theme_code
    assert body["links"][0]["framework"] == "iso-26000"
    assert body["links"][0]["theme_code"] == theme and theme
