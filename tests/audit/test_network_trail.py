"""A network's admins read its trail, its organisations' entries included,
and nothing of another network; animators do not reach the page."""

import pytest
from django.urls import reverse

from levier.audit.models import Action
from levier.audit.services import record
from tests.factories import make_network_staff, make_organisation

pytestmark = pytest.mark.django_db


def _page(client, network):
    return client.get(reverse("network_audit", args=[network.slug]))


def test_the_network_admin_reads_its_organisations_entries_and_no_other_network_s(
    client, network_admin, organisation, org_admin, member, network, other_organisation
):
    record(Action.ROLE_CHANGED, actor=org_admin, subject=member, organisation=organisation)
    record(Action.NETWORK_ROLE_GRANTED, subject=member, network=network, detail="Animateur")
    record(Action.INVITATION_SENT, organisation=other_organisation, detail="far@example.org")
    record(Action.NEW_DEVICE_SIGN_IN, actor=member, subject=member)
    client.force_login(network_admin)

    page = _page(client, network).content.decode()

    assert organisation.name in page and "Rôle modifié" in page
    assert "Rôle dans le réseau attribué" in page
    assert "far@example.org" not in page
    # A person's sign-ins are theirs, not their network's.
    assert "Connexion depuis un nouvel appareil" not in page


def test_an_animator_gets_404(client, animator, network):
    client.force_login(animator)

    assert _page(client, network).status_code == 404


def test_the_admin_of_another_network_gets_404(client, network, other_organisation):
    client.force_login(make_network_staff(other_organisation.network, "network_admin"))

    assert _page(client, network).status_code == 404


def test_members_get_404(org_admin_client, network):
    assert _page(org_admin_client, network).status_code == 404


def test_the_home_page_links_to_it_for_network_admins(client, network_admin, network):
    make_organisation(network)
    client.force_login(network_admin)

    home = client.get(reverse("home")).content.decode()

    assert reverse("network_audit", args=[network.slug]) in home
