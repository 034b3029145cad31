"""An organisation's admins read its trail, and only theirs; its other
members and the network's staff do not reach the page."""

import pytest
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.audit.models import Action
from levier.audit.services import record
from tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db


def _page(client, organisation):
    return client.get(reverse("organisation_audit", args=[organisation.slug]))


def test_the_admin_reads_the_organisation_s_entries_and_no_other(
    org_admin_client, org_admin, organisation, member, network
):
    record(Action.ROLE_CHANGED, actor=org_admin, subject=member, organisation=organisation)
    sibling = make_organisation(network, name="Sibling Co")
    record(Action.INVITATION_SENT, organisation=sibling, detail="sibling-invitee@example.org")
    record(Action.INVITATION_SENT, organisation=make_organisation(), detail="far@example.org")
    record(Action.NETWORK_ROLE_GRANTED, subject=member, network=network, detail="net-only")

    page = _page(org_admin_client, organisation).content.decode()

    assert "Rôle modifié" in page and member.display_name in page
    assert "sibling-invitee@example.org" not in page
    assert "far@example.org" not in page
    assert "net-only" not in page


@pytest.mark.parametrize("role", [OrgRole.VIEWER, OrgRole.CONTRIBUTOR])
def test_other_members_get_404(client, organisation, role):
    client.force_login(make_member(organisation, role))

    assert _page(client, organisation).status_code == 404


def test_the_network_s_staff_get_404(client, organisation, network_admin, animator):
    for person in (network_admin, animator):
        client.force_login(person)
        assert _page(client, organisation).status_code == 404


def test_the_organisation_page_links_to_it_for_admins_only(
    org_admin_client, client, organisation, member
):
    link = reverse("organisation_audit", args=[organisation.slug])
    detail = reverse("organisation_detail", args=[organisation.slug])

    assert link in org_admin_client.get(detail).content.decode()
    client.force_login(member)
    assert link not in client.get(detail).content.decode()
