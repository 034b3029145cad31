import pytest
from django.urls import reverse

from levier.accounts.models import NetworkRole, OrgRole
from tests.factories import make_member, make_network_staff, make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def network_admin_client(client, organisation):
    client.force_login(make_network_staff(organisation.network, NetworkRole.Role.NETWORK_ADMIN))
    return client


def test_network_admins_see_only_their_network(
    network_admin_client, organisation, other_organisation
):
    page = network_admin_client.get(reverse("admin:accounts_organisation_changelist"))

    assert page.status_code == 200
    names = [o.name for o in page.context["cl"].result_list]
    assert names == [organisation.name]


def test_another_networks_organisation_is_out_of_reach(network_admin_client, other_organisation):
    url = reverse("admin:accounts_organisation_change", args=[other_organisation.pk])

    response = network_admin_client.get(url)

    assert response.status_code in (302, 404)
    assert other_organisation.name not in response.content.decode()


def test_network_admins_edit_their_organisations(network_admin_client, organisation):
    url = reverse("admin:accounts_organisation_change", args=[organisation.pk])
    assert network_admin_client.get(url).status_code == 200


@pytest.mark.parametrize("role", [OrgRole.ADMIN, NetworkRole.Role.ANIMATOR])
def test_members_and_animators_have_no_back_office(client, organisation, role):
    if role == OrgRole.ADMIN:
        user = make_member(organisation, role)
    else:
        user = make_network_staff(organisation.network, role)
    client.force_login(user)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_people_of_another_network_are_hidden(network_admin_client, organisation):
    stranger = make_member(make_organisation(), OrgRole.ADMIN, email="stranger@example.org")
    colleague = make_member(organisation, OrgRole.VIEWER, email="colleague@example.org")

    page = network_admin_client.get(reverse("admin:accounts_user_changelist"))

    emails = {user.email for user in page.context["cl"].result_list}
    assert colleague.email in emails
    assert stranger.email not in emails
