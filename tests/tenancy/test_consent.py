"""Consent is a rule, not a side effect of roles: the network's staff never
give themselves (or anyone) a role in a member organisation, never change a
role there, and read its work only when it shares its results.

Every path to a role change is tried: the self-invitation that used to work,
inviting a colleague of the staff, accepting an onboarding invitation late,
changing or removing a member, and the back office.
"""

import pytest
from django.core import mail
from django.urls import reverse

from levier.accounts.models import Invitation, Membership, NetworkRole, OrgRole
from levier.accounts.services import invite
from levier.insights.models import Sharing, SharingLog
from tests.factories import PASSWORD, make_member, make_network_staff, make_organisation
from tests.mailing.helpers import committed

pytestmark = pytest.mark.django_db


@pytest.fixture
def animator(network):
    return make_network_staff(network, NetworkRole.Role.ANIMATOR, full_name="Anne Animatrice")


@pytest.fixture
def new_member(network):
    """An organisation just onboarded by the network: nobody has joined yet."""
    return make_organisation(network, name="Nouvelle Coop")


def _link() -> str:
    body = mail.outbox[-1].body
    return next(line for line in body.splitlines() if "/invitations/" in line).strip()


def _invite(client, organisation, email, role=OrgRole.CONTRIBUTOR):
    with committed():
        return client.post(
            reverse("invite", args=[organisation.slug]), {"email": email, "role": role}
        )


def test_the_self_invitation_path_is_closed(client, organisation, org_admin, animator):
    """The attack that worked: an animator invites itself as admin of a member
    that has an administrator, accepts, and reads its plan."""
    client.force_login(animator)

    assert client.get(reverse("invite", args=[organisation.slug])).status_code == 404
    response = _invite(client, organisation, animator.email, OrgRole.ADMIN)

    assert response.status_code == 404
    assert not Invitation.objects.filter(organisation=organisation).exists()
    assert not Membership.objects.filter(user=animator).exists()
    assert client.get(reverse("plan_list", args=[organisation.slug])).status_code == 404


def test_staff_invite_the_first_administrator_of_an_organisation_that_has_none(
    client, new_member, animator
):
    client.force_login(animator)

    page = client.get(reverse("invite", args=[new_member.slug]))
    response = _invite(client, new_member, "dirigeante@nouvelle-coop.example", OrgRole.VIEWER)

    assert page.status_code == 200
    assert "role" not in page.context["form"].fields  # the role is not theirs to choose
    assert response.status_code == 302
    invitation = Invitation.objects.get(organisation=new_member)
    assert (invitation.role, invitation.onboarding) == (OrgRole.ADMIN, True)


@pytest.mark.parametrize("whom", ["themselves", "a colleague of the staff"])
def test_staff_never_invite_themselves_nor_their_colleagues_as_first_administrator(
    client, new_member, animator, network, whom
):
    colleague = make_network_staff(network, NetworkRole.Role.NETWORK_ADMIN)
    email = animator.email if whom == "themselves" else colleague.email.upper()
    client.force_login(animator)

    response = _invite(client, new_member, email)

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert "ne prend jamais de rôle" in response.content.decode()
    assert not Invitation.objects.filter(organisation=new_member).exists()


def test_an_onboarding_link_cannot_be_accepted_by_the_staff(client, new_member, animator):
    """Even when the address typed was the animator's own (say, through an alias
    that became theirs), the staff never take the role."""
    invitation = invite(new_member, animator.email, OrgRole.ADMIN, animator, "", onboarding=True)
    client.force_login(animator)

    url = reverse("accept_invitation", args=[invitation.token])
    page, accepted = client.get(url), client.post(url)

    assert page.status_code == accepted.status_code == 410
    assert not Membership.objects.filter(organisation=new_member).exists()


def test_an_onboarding_link_is_dead_once_the_organisation_has_an_administrator(
    client, new_member, animator
):
    first = invite(
        new_member, "a@nouvelle-coop.example", OrgRole.ADMIN, animator, "", onboarding=True
    )
    second = invite(
        new_member, "b@nouvelle-coop.example", OrgRole.ADMIN, animator, "", onboarding=True
    )
    for invitation, name in ((first, "Ada"), (second, "Bob")):
        client.logout()
        client.post(
            reverse("accept_invitation", args=[invitation.token]),
            {"full_name": name, "password1": PASSWORD, "password2": PASSWORD},
        )

    admins = Membership.objects.filter(organisation=new_member, role=OrgRole.ADMIN)
    assert [m.user.email for m in admins] == ["a@nouvelle-coop.example"]
    assert client.get(reverse("accept_invitation", args=[second.token])).status_code == 410


def test_staff_change_no_role_and_remove_nobody(client, organisation, org_admin, animator):
    colleague = make_member(organisation, OrgRole.VIEWER)
    membership = Membership.objects.get(user=colleague)
    client.force_login(animator)

    edit = reverse("membership_edit", args=[organisation.slug, membership.pk])
    remove = reverse("membership_remove", args=[organisation.slug, membership.pk])

    assert client.get(edit).status_code == 404
    assert client.post(edit, {"role": OrgRole.ADMIN}).status_code == 404
    assert client.post(remove).status_code == 404
    membership.refresh_from_db()
    assert membership.role == OrgRole.VIEWER
    # The organisation's own administrator still can: the pages work.
    client.force_login(org_admin)
    assert client.get(edit).status_code == 200


def test_staff_do_not_withdraw_an_organisations_invitations(
    client, organisation, org_admin, animator
):
    invitation = invite(organisation, "x@example.org", OrgRole.VIEWER, org_admin, "")
    client.force_login(animator)

    response = client.post(reverse("invitation_revoke", args=[organisation.slug, invitation.pk]))

    assert response.status_code == 404
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_an_administrator_may_choose_to_invite_an_animator(
    client, organisation, org_admin, animator
):
    """Consent is the organisation's: its administrator may invite anyone, an
    animator included, who then works in it as a member."""
    client.force_login(org_admin)
    _invite(client, organisation, animator.email, OrgRole.CONTRIBUTOR)
    link = _link()

    client.force_login(animator)
    client.post(link)

    assert Membership.objects.get(user=animator, organisation=organisation).role == "contributor"
    assert client.get(reverse("plan_list", args=[organisation.slug])).status_code == 200


@pytest.fixture
def network_admin(network):
    return make_network_staff(network, NetworkRole.Role.NETWORK_ADMIN)


def test_the_back_office_gives_no_role_in_an_organisation(
    client, organisation, org_admin, network_admin
):
    client.force_login(network_admin)
    add_membership = client.post(
        reverse("admin:accounts_membership_add"),
        {"user": network_admin.pk, "organisation": organisation.pk, "role": OrgRole.ADMIN},
    )
    membership = Membership.objects.get(user=org_admin)
    change_membership = client.post(
        reverse("admin:accounts_membership_change", args=[membership.pk]),
        {"user": org_admin.pk, "organisation": organisation.pk, "role": OrgRole.VIEWER},
    )
    add_invitation = client.post(
        reverse("admin:accounts_invitation_add"),
        {"organisation": organisation.pk, "email": network_admin.email, "role": OrgRole.ADMIN},
    )
    inline = client.post(
        reverse("admin:accounts_organisation_change", args=[organisation.pk]),
        {
            "name": organisation.name,
            "headcount": organisation.headcount,
            "region": organisation.region,
            "naf_code": organisation.naf_code,
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-user": network_admin.pk,
            "memberships-0-role": OrgRole.ADMIN,
        },
    )

    assert add_membership.status_code == change_membership.status_code == 403
    assert add_invitation.status_code == 403
    assert inline.status_code in (200, 302)
    assert not Membership.objects.filter(user=network_admin).exists()
    assert not Invitation.objects.exists()
    membership.refresh_from_db()
    assert membership.role == OrgRole.ADMIN


def test_staff_read_results_only_when_shared_and_each_reading_is_logged(
    client, organisation, org_admin, animator
):
    url = reverse("shared_results", args=[organisation.network.slug, organisation.slug])
    client.force_login(animator)
    assert client.get(url).status_code == 404

    Sharing.objects.create(organisation=organisation, shared_by=org_admin)
    # Shared, but nothing submitted yet: nothing to show.
    assert client.get(url).status_code == 404
    assert client.get(reverse("plan_list", args=[organisation.slug])).status_code == 404
    assert not SharingLog.objects.filter(kind=SharingLog.Kind.VIEWED).exists()
