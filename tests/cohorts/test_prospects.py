"""Companies not yet members apply to a programme from its public page."""

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from levier.accounts.models import Invitation, Organisation
from levier.membership.models import JoinRequest
from levier.programmes.models import Application, Programme, ProgrammeProspect
from tests.mailing.helpers import committed

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(network):
    return Programme.objects.create(
        network=network, title="Cap RSE", seats=2, open_to_prospects=True
    )


def _data(**changes):
    data = {
        "company_name": "Nouvelle Pousse",
        "siren": "732 829 320",
        "legal_form": "",
        "headcount": "14",
        "naf_code": "",
        "region": "32",
        "website": "",
        "contact_name": "Paul Porteur",
        "contact_job": "Gérant",
        "contact_email": "paul@nouvelle-pousse.example",
        "answer": "Structurer notre démarche.",
        "consent": "on",
    }
    data.update(changes)
    return data


@override_settings(RATELIMIT_ENABLE=False)
def test_a_prospect_applies_and_is_accepted_into_the_cohort(client, network, programme, animator):
    with committed():
        response = client.post(reverse("programme_apply", args=[programme.pk]), _data())
    assert response.status_code == 200, response.context["form"].errors
    prospect = ProgrammeProspect.objects.get()
    assert prospect.join_request.network == network and prospect.answer

    client.force_login(animator)
    mail.outbox.clear()
    with committed():
        client.post(
            reverse("prospect_accept", args=[network.slug, programme.pk, prospect.join_request.pk])
        )

    organisation = Organisation.objects.get(name="Nouvelle Pousse")
    assert organisation.network == network
    application = Application.objects.get(organisation=organisation)
    assert application.status == Application.Status.SELECTED
    assert Invitation.objects.filter(
        organisation=organisation, email="paul@nouvelle-pousse.example"
    ).exists()
    prospect.join_request.refresh_from_db()
    assert prospect.join_request.status == JoinRequest.Status.ACCEPTED


@override_settings(RATELIMIT_ENABLE=False)
def test_a_bad_siren_is_refused(client, programme):
    response = client.post(reverse("programme_apply", args=[programme.pk]), _data(siren="123"))

    assert response.status_code == 400
    assert not ProgrammeProspect.objects.exists()


def test_a_programme_not_open_to_prospects_has_no_public_page(client, network):
    closed = Programme.objects.create(network=network, title="Interne")

    assert client.get(reverse("programme_apply", args=[closed.pk])).status_code == 404


def test_the_page_opens_to_anybody_when_open(client, programme):
    assert client.get(reverse("programme_apply", args=[programme.pk])).status_code == 200


def test_the_public_page_is_rate_limited(client, programme):
    statuses = [
        client.post(
            reverse("programme_apply", args=[programme.pk]),
            _data(siren="123", contact_email="same@example.org"),
        ).status_code
        for _ in range(4)
    ]

    assert statuses[-1] == 429
