"""Account takeover through the back office is closed: a network admin reads
the people of its network, never changes their email, password or identity
(a password reset to a changed address would open the person's other
organisations, in other networks too)."""

import pytest
from django.contrib.auth.hashers import check_password
from django.urls import reverse

from levier.accounts.models import NetworkRole, OrgRole
from tests.factories import (
    PASSWORD,
    make_member,
    make_network,
    make_network_staff,
    make_organisation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def victim(organisation):
    """A member of this network who also administers an organisation elsewhere."""
    person = make_member(organisation, OrgRole.VIEWER, email="claire@example.org")
    elsewhere = make_organisation(make_network(), name="Ailleurs SAS")
    elsewhere.memberships.create(user=person, role=OrgRole.ADMIN)
    return person


def test_a_network_admin_cannot_change_a_persons_email(client, organisation, victim):
    client.force_login(make_network_staff(organisation.network, NetworkRole.Role.NETWORK_ADMIN))
    url = reverse("admin:accounts_user_change", args=[victim.pk])

    page = client.get(url)
    response = client.post(
        url, {"email": "attacker@evil.example", "full_name": "X", "is_active": "on"}
    )

    assert page.status_code == 200  # read, as a person of the network
    assert 'name="email"' not in page.content.decode()
    assert response.status_code == 403
    victim.refresh_from_db()
    assert victim.email == "claire@example.org"
    assert check_password(PASSWORD, victim.password)


def test_a_network_admin_cannot_set_a_password_nor_deactivate(client, organisation, victim):
    client.force_login(make_network_staff(organisation.network, NetworkRole.Role.NETWORK_ADMIN))

    delete = client.post(reverse("admin:accounts_user_delete", args=[victim.pk]), {"post": "yes"})
    add = client.post(
        reverse("admin:accounts_user_add"), {"email": "new@example.org", "password": "x"}
    )

    assert delete.status_code == add.status_code == 403
    victim.refresh_from_db()
    assert victim.is_active


def test_people_change_their_own_details(client, victim):
    client.force_login(victim)

    response = client.post(reverse("my_data"), {"full_name": "Claire Dupont"})

    assert response.status_code == 302
    victim.refresh_from_db()
    assert victim.full_name == "Claire Dupont"
