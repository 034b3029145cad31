"""The agenda costs the same number of queries with 3 events as with 80: a page
of them is shown, their seats counted in the same query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levier.events import services
from levier.events.views import AGENDA_PAGE_SIZE
from tests.events.factories import make_event
from tests.factories import make_member

pytestmark = pytest.mark.django_db


def add_events(network, organisation, count):
    for n in range(count):
        event = make_event(network, title=f"Atelier {n}", theme=f"Thème {n % 7}")
        services.register(event, make_member(organisation), organisation)


def agenda_queries(client) -> int:
    client.get(reverse("agenda"))  # the first request creates the calendar feed
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("agenda"))
    assert response.status_code == 200
    return len(captured)


def test_the_agenda_queries_do_not_grow_with_the_number_of_events(
    client, network, organisation, member
):
    client.force_login(member)
    add_events(network, organisation, 3)
    few = agenda_queries(client)

    add_events(network, organisation, AGENDA_PAGE_SIZE * 2 + 20)
    many = agenda_queries(client)

    assert many == few
    response = client.get(reverse("agenda"), {"page": 2})
    assert len(response.context["events"]) == AGENDA_PAGE_SIZE
