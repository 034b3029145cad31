"""Every export of personal data, network figures, a plan or results is
recorded with the file's name, about the person who made it (so that it is on
their own activity page too)."""

import pytest
from django.urls import reverse

from levier.audit.models import Action
from tests.audit.conftest import only

pytestmark = pytest.mark.django_db


def test_a_personal_data_download_is_recorded(org_admin_client, org_admin):
    org_admin_client.get(reverse("my_data_download"))

    entry = only(Action.PERSONAL_DATA_EXPORTED)
    assert entry.actor == entry.subject == org_admin
    assert entry.organisation is None and entry.network is None


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_a_network_figures_export_is_recorded(client, network_admin, network, extension):
    client.force_login(network_admin)

    response = client.get(reverse("insights_export", args=[network.slug, extension]))

    assert response.status_code == 200
    entry = only(Action.NETWORK_FIGURES_EXPORTED)
    assert entry.actor == entry.subject == network_admin
    assert entry.network == network and entry.organisation is None
    assert entry.detail == f"levier-{network.slug}-figures.{extension}"


@pytest.mark.parametrize("view", ["plan_xlsx", "plan_pdf"])
def test_a_plan_export_is_recorded(org_admin_client, org_admin, organisation, network, view):
    response = org_admin_client.get(reverse(view, args=[organisation.slug]))

    assert response.status_code == 200
    entry = only(Action.PLAN_EXPORTED)
    assert entry.actor == entry.subject == org_admin
    assert (entry.organisation, entry.network) == (organisation, network)
    assert entry.detail.startswith("levier-plan-")


@pytest.mark.parametrize(
    ("view", "extension"), [("assessment_results_pdf", "pdf"), ("assessment_results_xlsx", "xlsx")]
)
def test_a_results_export_is_recorded(
    org_admin_client, org_admin, organisation, network, submitted, view, extension
):
    response = org_admin_client.get(reverse(view, args=[organisation.slug, submitted.pk]))

    assert response.status_code == 200
    entry = only(Action.RESULTS_EXPORTED)
    assert entry.actor == entry.subject == org_admin
    assert (entry.organisation, entry.network) == (organisation, network)
    assert entry.detail.endswith(f"-2026.{extension}")
