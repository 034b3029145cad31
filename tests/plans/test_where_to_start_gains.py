"""Where to start shows a suggested practice's measured gain in the member's
network, at a cost that does not grow with the practices measured."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levier.practices import gains
from levier.practices.models import Practice, PracticeLink
from levier.tenancy.scope import system
from tests.factories import make_organisation
from tests.practices.test_measured_gains import adopted, assessed

pytestmark = pytest.mark.django_db


def measure(network, practice_id, prefix):
    """Five members that adopted the practice between two assessments and five
    that did not; the adopters' average gain on its questions."""
    with system():
        codes = list(
            PracticeLink.objects.filter(practice_id=practice_id).values_list(
                "question_code", flat=True
            )
        )
        total = 0.0
        for n in range(10):
            organisation = make_organisation(network, name=f"{prefix} {n}")
            before = dict.fromkeys(codes, 6.0 + n)
            after = dict.fromkeys(codes, 6.0 + n - (2 if n < 5 else 1))
            assessed(organisation, 0, before)
            assessed(organisation, 200, after)
            if n < 5:
                adopted(Practice.objects.get(pk=practice_id), organisation, 100)
                total += sum(before.values()) - sum(after.values())
        gains.rebuild([network.pk])
    return total / 5


def page(client, assessment):
    url = reverse("where_to_start", args=[assessment.organisation.slug, assessment.pk])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(captured)


def test_a_suggested_practice_shows_its_measured_gain(client, submitted, admin, network):
    client.force_login(admin)
    response, _queries = page(client, submitted)
    shown = [card for card in response.context["top"] if card["practices"]]
    first = shown[0]["practices"][0][0]
    average = measure(network, first.pk, "Mesure")

    response, queries = page(client, submitted)

    card = next(c for c in response.context["top"] if c["practices"][0][0].pk == first.pk)
    assert card["gains"][first.pk].adopters_average == pytest.approx(average)
    assert reverse("practice_gains_method") in response.content.decode()
    others = [c["practices"][0][0].pk for c in shown[1:4] if c["practices"][0][0].pk != first.pk]
    for n, practice_id in enumerate(others):
        measure(network, practice_id, f"Autre {n}")
    _response, more = page(client, submitted)
    assert more == queries
