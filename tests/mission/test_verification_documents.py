"""The verifier's signed opinion is downloaded by the organisation's members
only: another organisation's document is a 404, even for its own admin
asking through the wrong organisation."""

from datetime import date

import pytest
from django.urls import reverse

from tests.factories import make_member, make_network_staff
from tests.mission.verification_data import PDF, document, mission, verification

pytestmark = pytest.mark.django_db


@pytest.fixture
def opinion(organisation, org_admin):
    return document(verification(mission(organisation), date(2026, 5, 1)), org_admin, "avis.pdf")


def _url(organisation, stored):
    return reverse("mission_verification_document", args=[organisation.slug, stored.pk])


def test_a_member_downloads_the_signed_opinion(client, organisation, opinion):
    client.force_login(make_member(organisation, "viewer"))

    response = client.get(_url(organisation, opinion))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert 'filename="avis.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_another_organisations_document_is_a_404(
    client, organisation, other_organisation, opinion
):
    outsider = make_member(other_organisation, "admin")
    mission(other_organisation)
    client.force_login(outsider)

    # Through the outsider's own organisation, or through ours: nothing.
    assert client.get(_url(other_organisation, opinion)).status_code == 404
    assert client.get(_url(organisation, opinion)).status_code == 404


def test_the_networks_staff_cannot_download_it(client, network, organisation, opinion):
    client.force_login(make_network_staff(network))

    assert client.get(_url(organisation, opinion)).status_code == 404
