"""The network's staff accept or decline requests to join."""

import pytest
from django.core import mail
from django.urls import reverse

from levier.accounts.models import Invitation, Organisation, OrgRole
from levier.membership.models import JoinPage, JoinRequest
from tests.factories import make_member, make_network, make_network_staff, make_organisation
from tests.mailing.helpers import committed

pytestmark = pytest.mark.django_db


def make_request(network, **fields) -> JoinRequest:
    values = {
        "company_name": "Brasserie du Canal",
        "siren": "732829320",
        "headcount": 14,
        "naf_code": "11.05Z",
        "region": "32",
        "contact_name": "Lucie Brasseur",
        "contact_email": "lucie@brasserie.example.org",
    }
    return JoinRequest.objects.create(network=network, **{**values, **fields})


def test_accepting_creates_the_member_and_invites_its_first_administrator(
    client, network, animator
):
    request = make_request(network)
    client.force_login(animator)

    with committed():
        response = client.post(reverse("join_request_accept", args=[network.slug, request.pk]))

    organisation = Organisation.objects.get(network=network, siren="732829320")
    assert response["Location"] == reverse("organisation_detail", args=[organisation.slug])
    assert (organisation.name, organisation.headcount, organisation.naf_code) == (
        "Brasserie du Canal",
        14,
        "11.05Z",
    )
    invitation = Invitation.objects.get(organisation=organisation)
    assert (invitation.email, invitation.role, invitation.onboarding) == (
        "lucie@brasserie.example.org",
        OrgRole.ADMIN,
        True,
    )
    request.refresh_from_db()
    assert request.status == JoinRequest.Status.ACCEPTED
    assert (request.organisation, request.decided_by) == (organisation, animator)
    (invitation_email,) = mail.outbox
    assert invitation_email.to == ["lucie@brasserie.example.org"]
    assert invitation.token in invitation_email.body


def test_a_request_is_answered_once(client, network, animator):
    request = make_request(network)
    client.force_login(animator)
    url = reverse("join_request_accept", args=[network.slug, request.pk])
    client.post(url)

    response = client.post(url, follow=True)

    assert Organisation.objects.filter(network=network).count() == 1
    assert Invitation.objects.count() == 1
    assert "a déjà reçu une réponse" in response.content.decode()
    decline = reverse("join_request_decline", args=[network.slug, request.pk])
    client.post(decline, {"message": ""})
    request.refresh_from_db()
    assert request.status == JoinRequest.Status.ACCEPTED


def test_a_company_already_member_is_not_created_twice(client, network, animator):
    member = make_organisation(network, name="Brasserie", siren="732829320")
    request = make_request(network)
    client.force_login(animator)

    page = client.get(reverse("join_request", args=[network.slug, request.pk]))
    response = client.post(
        reverse("join_request_accept", args=[network.slug, request.pk]), follow=True
    )

    assert member.name in page.content.decode()
    assert Organisation.objects.filter(network=network).count() == 1
    assert "déjà membre du réseau" in response.content.decode()
    request.refresh_from_db()
    assert request.status == JoinRequest.Status.PENDING


def test_declining_tells_the_prospect_in_their_language_with_the_message(
    client, network, animator
):
    request = make_request(network, language="en")
    client.force_login(animator)

    with committed():
        client.post(
            reverse("join_request_decline", args=[network.slug, request.pk]),
            {"message": "Le réseau Ouest Engagé vous conviendrait mieux."},
        )

    request.refresh_from_db()
    assert request.status == JoinRequest.Status.DECLINED
    (email,) = mail.outbox
    assert email.to == ["lucie@brasserie.example.org"]
    assert email.subject.startswith("[Levier] Your request to join")
    assert "Le réseau Ouest Engagé vous conviendrait mieux." in email.body
    assert not Organisation.objects.filter(network=network).exists()


def test_members_and_other_networks_never_see_requests_the_staff_do(client, network, animator):
    request = make_request(network)
    organisation = make_organisation(network)
    url = reverse("join_request", args=[network.slug, request.pk])
    outsiders = [
        make_member(organisation, OrgRole.ADMIN),
        make_network_staff(make_network()),
    ]
    for person in outsiders:
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert client.get(reverse("join_requests", args=[network.slug])).status_code == 404
        accept = reverse("join_request_accept", args=[network.slug, request.pk])
        assert client.post(accept).status_code == 404

    client.force_login(animator)
    assert client.get(url).status_code == 200
    listing = client.get(reverse("join_requests", args=[network.slug]))
    assert "Brasserie du Canal" in listing.content.decode()


def test_only_the_network_admins_open_the_join_page(client, network, animator, network_admin):
    url = reverse("join_requests", args=[network.slug])
    client.force_login(animator)
    assert client.post(url, {"is_open": "on"}).status_code == 404
    assert not JoinPage.objects.filter(network=network, is_open=True).exists()

    client.force_login(network_admin)
    response = client.post(url, {"is_open": "on", "welcome": "Pour les PME de l’Ouest."})

    assert response.status_code == 302
    page = JoinPage.objects.get(network=network)
    assert page.is_open and page.welcome == "Pour les PME de l’Ouest."
    client.logout()
    public = client.get(reverse("join", args=[network.slug]))
    assert "Pour les PME de l’Ouest." in public.content.decode()


def test_the_members_list_counts_the_requests_to_review(client, network, animator):
    make_request(network)
    make_request(network, company_name="Atelier Vélo", siren="552100554")
    make_request(network, company_name="Déjà vu", status=JoinRequest.Status.DECLINED)
    client.force_login(animator)

    response = client.get(reverse("network_organisations", args=[network.slug]))

    assert response.context["pending_requests"] == 2
