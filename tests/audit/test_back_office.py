"""Network roles given, changed and taken, memberships removed and
organisations deleted in the back office are recorded with the person acting;
the same changes made outside the back office (a command, the shell) are not
the trail's business, and Levier's own views record their own."""

import pytest
from django.urls import reverse

from levier.accounts.models import Membership, NetworkRole, Organisation, OrgRole
from levier.audit.models import Action, AuditEntry
from tests.audit.conftest import only
from tests.factories import make_member, make_organisation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return make_user(is_superuser=True, full_name="Sam Super")


def _admin_url(model, view, *args):
    return reverse(f"admin:accounts_{model._meta.model_name}_{view}", args=args)


def test_a_network_role_given_in_the_back_office_is_recorded(
    client, network_admin, network, org_admin
):
    client.force_login(network_admin)

    response = client.post(
        _admin_url(NetworkRole, "add"),
        {"user": org_admin.pk, "network": network.pk, "role": "animator"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    entry = only(Action.NETWORK_ROLE_GRANTED)
    assert (entry.actor, entry.subject, entry.network) == (network_admin, org_admin, network)
    assert entry.detail == "Animateur"


def test_a_network_role_changed_then_removed_is_recorded(client, network_admin, animator, network):
    role = NetworkRole.objects.get(user=animator)
    client.force_login(network_admin)

    client.post(
        _admin_url(NetworkRole, "change", role.pk),
        {"user": animator.pk, "network": network.pk, "role": "network_admin"},
    )
    client.post(_admin_url(NetworkRole, "delete", role.pk), {"post": "yes"})

    changed = only(Action.NETWORK_ROLE_CHANGED)
    assert changed.detail == "Animateur → Administrateur du réseau"
    removed = only(Action.NETWORK_ROLE_REMOVED)
    for entry in (changed, removed):
        assert (entry.actor, entry.subject, entry.network) == (network_admin, animator, network)


def test_deleting_an_organisation_is_recorded_in_its_network(client, superuser, network):
    organisation = make_organisation(network, name="Gone Ltd")
    make_member(organisation, OrgRole.ADMIN)
    client.force_login(superuser)

    response = client.post(_admin_url(Organisation, "delete", organisation.pk), {"post": "yes"})

    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    entry = only(Action.ORGANISATION_DELETED)
    assert entry.actor == superuser and entry.network == network
    assert entry.organisation is None and entry.detail == "Gone Ltd"
    # Its memberships went with it: that is the one event.
    assert list(AuditEntry.objects.values_list("action", flat=True)) == [entry.action]


def test_an_organisation_s_entries_outlive_it_in_its_network(client, superuser, network):
    from levier.audit.services import record

    organisation = make_organisation(network)
    earlier = record(Action.RESULTS_SHARED, organisation=organisation)
    client.force_login(superuser)

    client.post(_admin_url(Organisation, "delete", organisation.pk), {"post": "yes"})

    earlier.refresh_from_db()
    assert earlier.organisation is None and earlier.network == network


def test_a_membership_removed_in_the_back_office_is_recorded(
    client, superuser, member, organisation
):
    membership = Membership.objects.get(user=member)
    client.force_login(superuser)

    client.post(_admin_url(Membership, "delete", membership.pk), {"post": "yes"})

    entry = only(Action.MEMBER_REMOVED)
    assert (entry.actor, entry.subject, entry.organisation) == (superuser, member, organisation)


def test_a_role_changed_in_the_back_office_is_recorded(client, superuser, member, organisation):
    membership = Membership.objects.get(user=member)
    client.force_login(superuser)

    client.post(
        _admin_url(Membership, "change", membership.pk),
        {"user": member.pk, "organisation": organisation.pk, "role": "viewer"},
    )

    entry = only(Action.ROLE_CHANGED)
    assert (entry.actor, entry.subject) == (superuser, member)
    assert entry.detail == "Contributeur → Lecteur"


def test_changes_outside_the_back_office_are_not_recorded_by_the_signals(network, organisation):
    person = make_user()
    role = NetworkRole.objects.create(user=person, network=network, role="animator")
    role.delete()
    Membership.objects.create(user=person, organisation=organisation, role=OrgRole.VIEWER)
    organisation.delete()

    assert not AuditEntry.objects.exists()
