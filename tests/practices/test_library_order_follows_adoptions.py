"""The library's most-adopted order, kept between views, follows a new adoption
at once: the page kept for the earlier order is not shown again."""

import pytest
from django.urls import reverse

from levier.practices.models import Adoption
from tests.factories import make_member, make_network, make_organisation
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [practice.title for practice in response.context["page"]]


def test_a_new_adoption_reorders_the_library_at_once(client):
    network = make_network()
    organisation = make_organisation(network)
    make_practice(network, title="Alpha")
    beta = make_practice(network, title="Beta")
    client.force_login(make_member(organisation))
    assert titles(client.get(reverse("practice_list"))) == ["Alpha", "Beta"]

    Adoption.objects.create(practice=beta, organisation=organisation)

    response = client.get(reverse("practice_list"))
    assert titles(response) == ["Beta", "Alpha"]
    assert [p.adopters for p in response.context["page"]] == [1, 0]
