"""A prospect asks to join a network from its public page."""

import pytest
from django.core import mail
from django.urls import reverse

from levier.lib import ratelimits
from levier.membership.models import JoinPage, JoinRequest
from tests.factories import make_network, make_network_staff, make_organisation
from tests.mailing.helpers import committed
from tests.membership.conftest import PROSPECT
from tests.security.helpers import assert_too_many

pytestmark = pytest.mark.django_db


def test_a_prospect_asks_to_join_and_both_sides_are_told(client, join_page, animator):
    with committed():
        response = client.post(reverse("join", args=[join_page.network.slug]), PROSPECT)

    assert response.status_code == 302
    assert response["Location"] == reverse("join_sent", args=[join_page.network.slug])
    request = JoinRequest.objects.get()
    assert (request.company_name, request.siren, request.naf_code) == (
        "Brasserie du Canal",
        "732829320",
        "11.05Z",
    )
    assert request.status == JoinRequest.Status.PENDING
    assert request.network == join_page.network
    to_prospect, to_staff = sorted(mail.outbox, key=lambda m: m.to != [PROSPECT["contact_email"]])
    assert to_prospect.to == [PROSPECT["contact_email"]]
    assert join_page.network.name in to_prospect.subject
    assert animator.email in to_staff.to + to_staff.bcc
    assert reverse("join_request", args=[join_page.network.slug, request.pk]) in to_staff.body
    assert client.get(response["Location"]).status_code == 200


def test_the_staff_addresses_are_hidden_from_one_another(client, join_page, animator):
    second = make_network_staff(join_page.network)
    with committed():
        client.post(reverse("join", args=[join_page.network.slug]), PROSPECT)

    (to_staff,) = [m for m in mail.outbox if m.to != [PROSPECT["contact_email"]]]
    assert len(to_staff.to) == 1
    assert {*to_staff.to, *to_staff.bcc} == {animator.email, second.email}


def test_a_closed_or_missing_page_is_404_and_an_open_one_works(client, network):
    url = reverse("join", args=[network.slug])
    assert client.get(url).status_code == 404  # no page yet
    JoinPage.objects.create(network=network, is_open=False)
    assert client.get(url).status_code == 404
    assert client.post(url, PROSPECT).status_code == 404
    assert not JoinRequest.objects.exists()

    JoinPage.objects.filter(network=network).update(is_open=True)
    assert client.get(url).status_code == 200


def test_a_wrong_siren_is_refused_clearly_and_nothing_typed_is_lost(client, join_page):
    wrong = {**PROSPECT, "siren": "732 829 321"}

    response = client.post(reverse("join", args=[join_page.network.slug]), wrong)

    assert response.status_code == 400
    form = response.context["form"]
    assert "siren" in form.errors
    assert "732829321" in form.errors["siren"][0]
    body = response.content.decode()
    assert "Brasserie du Canal" in body and "lucie@brasserie.example.org" in body
    assert "Nous voulons structurer notre démarche RSE." in body
    assert not JoinRequest.objects.exists()


def test_the_consent_is_required(client, join_page):
    without = {key: value for key, value in PROSPECT.items() if key != "consent"}
    response = client.post(reverse("join", args=[join_page.network.slug]), without)
    assert response.status_code == 400
    assert "consent" in response.context["form"].errors


def test_the_prospect_is_answered_in_the_language_they_used(client, join_page):
    with committed():
        client.post(
            reverse("join", args=[join_page.network.slug]),
            PROSPECT,
            HTTP_ACCEPT_LANGUAGE="en",
            headers={"cookie": "django_language=en"},
        )

    request = JoinRequest.objects.get()
    (to_prospect,) = [m for m in mail.outbox if m.to == [PROSPECT["contact_email"]]]
    assert request.language == "en"
    assert to_prospect.subject.startswith("[Levier] Your request to join")


def test_a_company_already_member_can_ask_without_learning_it(client, join_page):
    """The public page says nothing of who is a member; the staff are warned."""
    make_organisation(join_page.network, name="Brasserie", siren="732829320")

    response = client.post(reverse("join", args=[join_page.network.slug]), PROSPECT)

    assert response.status_code == 302
    assert JoinRequest.objects.count() == 1


def test_a_network_page_takes_requests_for_that_network_only(client, join_page):
    other = make_network()
    JoinPage.objects.create(network=other, is_open=True)

    client.post(reverse("join", args=[other.slug]), PROSPECT)

    assert JoinRequest.objects.get().network == other


def test_requests_are_limited_per_address_and_per_inbox(client, join_page):
    url = reverse("join", args=[join_page.network.slug])
    per_inbox = [
        limit.rate for limit in ratelimits.LIMITS["join"] if limit.per == ratelimits.EMAIL
    ]
    allowed = int(per_inbox[0].split("/")[0])

    statuses = [
        client.post(url, PROSPECT, REMOTE_ADDR=f"10.0.0.{i + 1}").status_code
        for i in range(allowed)
    ]

    assert 429 not in statuses
    assert_too_many(
        client.post(
            url,
            {**PROSPECT, "contact_email": " LUCIE@brasserie.example.org"},
            REMOTE_ADDR="10.0.1.1",
        )
    )
    assert JoinRequest.objects.count() == allowed
    other = {**PROSPECT, "contact_email": "autre@example.org"}
    assert client.post(url, other, REMOTE_ADDR="10.0.1.2").status_code == 302
