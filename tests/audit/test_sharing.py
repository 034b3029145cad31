"""Sharing results with the network, stopping, and each opening by the
network's staff are recorded, so the network's admins see them too."""

import pytest
from django.urls import reverse

from levier.audit.models import Action, AuditEntry
from tests.audit.conftest import only

pytestmark = pytest.mark.django_db


def _share(client, organisation, answer):
    client.post(reverse("results_sharing_toggle", args=[organisation.slug]), {"share": answer})


def test_sharing_and_stopping_are_recorded(org_admin_client, org_admin, organisation, network):
    _share(org_admin_client, organisation, "yes")
    _share(org_admin_client, organisation, "no")

    shared, stopped = only(Action.RESULTS_SHARED), only(Action.SHARING_STOPPED)
    for entry in (shared, stopped):
        assert entry.actor == org_admin
        assert (entry.organisation, entry.network) == (organisation, network)


def test_sharing_twice_records_once(org_admin_client, organisation):
    _share(org_admin_client, organisation, "yes")
    _share(org_admin_client, organisation, "yes")

    assert AuditEntry.objects.filter(action=Action.RESULTS_SHARED).count() == 1


def test_an_opening_by_an_animator_is_recorded_without_the_results(
    client, org_admin_client, animator, organisation, network, submitted
):
    _share(org_admin_client, organisation, "yes")
    client.force_login(animator)

    response = client.get(reverse("shared_results", args=[network.slug, organisation.slug]))

    assert response.status_code == 200
    entry = only(Action.SHARED_RESULTS_VIEWED)
    assert entry.actor == animator
    assert (entry.organisation, entry.network) == (organisation, network)
    assert entry.detail == str(submitted)
