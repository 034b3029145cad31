"""The library page costs the same number of queries with 3 practices as with 60
and their adoptions, browsed or searched."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levier.practices.models import Adoption
from tests.factories import make_member, make_network, make_organisation
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def add_practices(network, organisation, start, count):
    for n in range(start, start + count):
        practice = make_practice(network, title=f"Bilan carbone {n}", code=f"bilan-{n}")
        Adoption.objects.create(practice=practice, organisation=organisation)


def page_queries(client, query) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("practice_list"), query)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("query", [{}, {"q": "bilan carbone"}, {"sort": "newest"}])
def test_the_library_queries_do_not_grow_with_practices_and_adoptions(client, query):
    network = make_network()
    organisation = make_organisation(network)
    client.force_login(make_member(organisation))
    add_practices(network, organisation, 0, 3)
    few = page_queries(client, query)

    add_practices(network, organisation, 3, 57)
    many = page_queries(client, query)

    assert many == few
