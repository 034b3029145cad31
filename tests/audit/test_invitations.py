"""Invitations sent, withdrawn and accepted are recorded; accepting one
grants a role, recorded as given by the person who invited."""

import pytest
from django.test import Client
from django.urls import reverse

from levier.accounts.models import Invitation, OrgRole
from levier.audit.models import Action, AuditEntry
from tests.audit.conftest import only
from tests.factories import PASSWORD, make_network_staff, make_organisation, make_user

pytestmark = pytest.mark.django_db


def _invite(client, organisation, email, role="contributor"):
    return client.post(reverse("invite", args=[organisation.slug]), {"email": email, "role": role})


def test_an_invitation_sent_is_recorded(org_admin_client, org_admin, organisation, network):
    _invite(org_admin_client, organisation, "new.colleague@example.org")

    entry = only(Action.INVITATION_SENT)
    assert entry.actor == org_admin and entry.subject is None
    assert (entry.organisation, entry.network) == (organisation, network)
    assert entry.detail == "new.colleague@example.org · Contributeur"


def test_the_network_s_staff_inviting_a_first_admin_is_recorded(client, network):
    organisation = make_organisation(network)
    animator = make_network_staff(network)
    client.force_login(animator)

    _invite(client, organisation, "first.admin@example.org")

    entry = only(Action.INVITATION_SENT)
    assert entry.actor == animator and entry.organisation == organisation


def test_a_withdrawn_invitation_is_recorded(org_admin_client, org_admin, organisation):
    _invite(org_admin_client, organisation, "new.colleague@example.org")
    invitation = Invitation.objects.get()

    org_admin_client.post(reverse("invitation_revoke", args=[organisation.slug, invitation.pk]))

    entry = only(Action.INVITATION_WITHDRAWN)
    assert entry.actor == org_admin and entry.organisation == organisation
    assert "new.colleague@example.org" in entry.detail


def test_accepting_with_a_new_account_grants_the_role(org_admin, organisation, network):
    invitation = Invitation.objects.create(
        organisation=organisation,
        email="new@example.org",
        role=OrgRole.VIEWER,
        invited_by=org_admin,
    )

    Client().post(
        reverse("accept_invitation", args=[invitation.token]),
        {"full_name": "Nora New", "password1": PASSWORD, "password2": PASSWORD},
    )

    entry = only(Action.ROLE_GRANTED)
    assert entry.actor == org_admin and entry.subject.email == "new@example.org"
    assert (entry.organisation, entry.network) == (organisation, network)
    assert entry.detail.startswith("Lecteur")


def test_accepting_with_an_existing_account_grants_the_role(org_admin, organisation):
    person = make_user("known@example.org")
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=person.email,
        role=OrgRole.CONTRIBUTOR,
        invited_by=org_admin,
    )
    client = Client()
    client.force_login(person)

    client.post(reverse("accept_invitation", args=[invitation.token]))

    entry = only(Action.ROLE_GRANTED)
    assert (entry.actor, entry.subject, entry.organisation) == (org_admin, person, organisation)


def test_an_unusable_invitation_records_nothing(org_admin, organisation):
    person = make_user("known@example.org")
    invitation = Invitation.objects.create(
        organisation=organisation, email=person.email, role=OrgRole.VIEWER, invited_by=org_admin
    )
    invitation.accepted_at = invitation.created_at
    invitation.save()
    client = Client()
    client.force_login(person)

    client.post(reverse("accept_invitation", args=[invitation.token]))

    assert not AuditEntry.objects.exists()
