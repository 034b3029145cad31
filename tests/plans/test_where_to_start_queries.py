"""Where to start costs the same number of queries whether a few peers or many
adopted the practices it suggests (their adopters are counted in one query,
kept until an adoption changes)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levier.practices.models import Adoption, Practice
from tests.factories import make_organisation

pytestmark = pytest.mark.django_db


def adopt_everything(network, peers):
    practices = list(Practice.objects.published().filter(links__isnull=False).distinct()[:40])
    for n in range(peers):
        organisation = make_organisation(network, name=f"Pair {n}", headcount=10 + 40 * n)
        for practice in practices:
            Adoption.objects.create(practice=practice, organisation=organisation)


def page_queries(client, assessment) -> int:
    url = reverse("where_to_start", args=[assessment.organisation.slug, assessment.pk])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_where_to_start_queries_do_not_grow_with_peers_and_adoptions(
    client, submitted, admin, network
):
    client.force_login(admin)
    client.get(reverse("where_to_start", args=[submitted.organisation.slug, submitted.pk]))
    adopt_everything(network, 1)
    few = page_queries(client, submitted)  # counted again: an adoption changed

    adopt_everything(network, 12)
    many = page_queries(client, submitted)

    assert many == few
