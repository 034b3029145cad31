"""A practice's page names whom to ask: people of adopting organisations who
agreed to be listed, of the reader's networks only."""

import pytest
from django.urls import reverse

from levier.accounts.models import Membership, OrgRole
from levier.membership.models import DirectoryEntry
from levier.practices.models import Adoption
from tests.factories import make_member, make_network, make_organisation
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def _listed(user, organisation, listed=True, **fields):
    membership = Membership.objects.get(user=user, organisation=organisation)
    return DirectoryEntry.objects.create(membership=membership, listed=listed, **fields)


def test_listed_people_of_adopters_are_shown_and_unlisted_ones_are_not(client, network):
    practice = make_practice(None, title="Charte de télétravail")
    adopter = make_organisation(network, name="Atelier Dupont")
    quiet = make_organisation(network, name="Discrète SARL")
    other_network = make_organisation(make_network(), name="Ailleurs SAS")
    for organisation in (adopter, quiet, other_network):
        Adoption.objects.create(practice=practice, organisation=organisation)
    _listed(make_member(adopter, full_name="Paul Dupont"), adopter, job_title="Gérant")
    _listed(make_member(quiet, full_name="Nina Secret"), quiet, listed=False)
    _listed(make_member(other_network, full_name="Otto Lointain"), other_network)
    reader = make_member(make_organisation(network), OrgRole.CONTRIBUTOR)
    client.force_login(reader)

    page = client.get(reverse("practice_detail", args=[practice.pk])).content.decode()

    assert "Paul Dupont" in page and "Gérant" in page
    assert reverse("members_directory") + "?q=Atelier%20Dupont" in page
    assert "Nina Secret" not in page
    assert "Otto Lointain" not in page


def test_nobody_listed_means_no_section(client, network):
    practice = make_practice(None, title="Charte")
    adopter = make_organisation(network)
    Adoption.objects.create(practice=practice, organisation=adopter)
    client.force_login(make_member(make_organisation(network)))

    response = client.get(reverse("practice_detail", args=[practice.pk]))

    assert list(response.context["contacts"]) == []
    assert 'id="contacts-title"' not in response.content.decode()
