"""Changing a member's role and removing a member are recorded, by whom and
about whom, in the organisation and its network."""

import pytest
from django.urls import reverse

from levier.accounts.models import Membership
from levier.audit.models import Action, AuditEntry
from tests.audit.conftest import only

pytestmark = pytest.mark.django_db


def test_a_role_change_is_recorded(org_admin_client, org_admin, member, organisation, network):
    membership = Membership.objects.get(user=member)

    org_admin_client.post(
        reverse("membership_edit", args=[organisation.slug, membership.pk]), {"role": "admin"}
    )

    entry = only(Action.ROLE_CHANGED)
    assert (entry.actor, entry.subject) == (org_admin, member)
    assert (entry.organisation, entry.network) == (organisation, network)
    assert entry.detail == "Contributeur → Administrateur"


def test_saving_the_same_role_records_nothing(org_admin_client, member, organisation):
    membership = Membership.objects.get(user=member)

    org_admin_client.post(
        reverse("membership_edit", args=[organisation.slug, membership.pk]),
        {"role": "contributor"},
    )

    assert not AuditEntry.objects.exists()


def test_a_refused_change_records_nothing(org_admin_client, org_admin, organisation):
    """The only administrator cannot step down: nothing happened."""
    membership = Membership.objects.get(user=org_admin)

    org_admin_client.post(
        reverse("membership_edit", args=[organisation.slug, membership.pk]), {"role": "viewer"}
    )

    assert not AuditEntry.objects.exists()


def test_removing_a_member_is_recorded(org_admin_client, org_admin, member, organisation, network):
    membership = Membership.objects.get(user=member)

    org_admin_client.post(reverse("membership_remove", args=[organisation.slug, membership.pk]))

    entry = only(Action.MEMBER_REMOVED)
    assert (entry.actor, entry.subject) == (org_admin, member)
    assert (entry.organisation, entry.network) == (organisation, network)
    assert AuditEntry.objects.count() == 1
