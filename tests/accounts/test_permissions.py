"""What each role may do inside its own organisation."""

import pytest
from django.urls import reverse

from levier.accounts.models import Membership, NetworkRole, OrgRole
from tests.factories import make_member, make_network_staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "can_invite"),
    [(OrgRole.VIEWER, False), (OrgRole.CONTRIBUTOR, False), (OrgRole.ADMIN, True)],
)
def test_only_admins_manage_people(client, organisation, role, can_invite):
    client.force_login(make_member(organisation, role))

    detail = client.get(reverse("organisation_detail", args=[organisation.slug]))
    invite = client.get(reverse("invite", args=[organisation.slug]))
    edit = client.get(reverse("organisation_edit", args=[organisation.slug]))

    assert detail.status_code == 200
    assert invite.status_code == (200 if can_invite else 404)
    assert edit.status_code == (200 if can_invite else 404)


def test_animators_see_and_onboard_organisations_of_their_network(client, organisation):
    client.force_login(make_network_staff(organisation.network))

    assert client.get(reverse("organisation_detail", args=[organisation.slug])).status_code == 200
    assert client.get(reverse("invite", args=[organisation.slug])).status_code == 200
    assert client.get(reverse("organisation_edit", args=[organisation.slug])).status_code == 200


def test_the_only_admin_cannot_step_down(org_admin_client, organisation, org_admin):
    membership = Membership.objects.get(user=org_admin)

    response = org_admin_client.post(
        reverse("membership_edit", args=[organisation.slug, membership.pk]),
        {"role": OrgRole.VIEWER},
    )

    assert response.status_code == 200
    assert "seul administrateur" in response.content.decode() or "only administrator" in (
        response.content.decode()
    )
    membership.refresh_from_db()
    assert membership.role == OrgRole.ADMIN


def test_the_only_admin_cannot_be_removed(org_admin_client, organisation, org_admin):
    membership = Membership.objects.get(user=org_admin)

    org_admin_client.post(reverse("membership_remove", args=[organisation.slug, membership.pk]))

    assert Membership.objects.filter(pk=membership.pk).exists()


def test_an_admin_changes_a_role_and_removes_a_colleague(org_admin_client, organisation):
    colleague = make_member(organisation, OrgRole.VIEWER)
    membership = Membership.objects.get(user=colleague)

    org_admin_client.post(
        reverse("membership_edit", args=[organisation.slug, membership.pk]),
        {"role": OrgRole.CONTRIBUTOR},
    )
    membership.refresh_from_db()
    assert membership.role == OrgRole.CONTRIBUTOR

    org_admin_client.post(reverse("membership_remove", args=[organisation.slug, membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_a_membership_of_another_organisation_is_not_found(
    org_admin_client, organisation, other_organisation
):
    stranger = make_member(other_organisation, OrgRole.VIEWER)
    membership = Membership.objects.get(user=stranger)

    response = org_admin_client.post(
        reverse("membership_edit", args=[organisation.slug, membership.pk]),
        {"role": OrgRole.ADMIN},
    )

    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.role == OrgRole.VIEWER


def test_network_staff_do_not_see_other_networks_in_the_menu(
    client, organisation, other_organisation
):
    client.force_login(make_network_staff(organisation.network, NetworkRole.Role.NETWORK_ADMIN))

    page = client.get(reverse("home")).content.decode()

    assert organisation.network.name in page
    assert other_organisation.network.name not in page
    assert other_organisation.name not in page
