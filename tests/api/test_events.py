"""Events through the API: a network's token lists its events (its website's
agenda), reads registrations and registers guests as the public form does;
an organisation's token reads its network's events; nothing of another
network is reached."""

from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from levier.accounts.models import NetworkRole, OrgRole
from levier.events import services
from levier.events.models import Audience, Registration
from tests.api.factories import make_token
from tests.clubs.factories import make_club
from tests.events.factories import make_event
from tests.factories import make_member, make_network, make_network_staff, make_organisation
from tests.mailing.helpers import committed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_no_rate_limit")]

GUEST = {"name": "Jeanne Invitée", "email": "jeanne@example.org", "consent": True}


@pytest.fixture
def _no_rate_limit():
    with override_settings(RATELIMIT_ENABLE=False):
        yield


def _tenant(label):
    network = make_network(name=f"Réseau {label}", slug=f"reseau-{label}")
    admin = make_network_staff(network, NetworkRole.Role.NETWORK_ADMIN, full_name=f"Nina {label}")
    organisation = make_organisation(network, name=f"Entreprise {label}")
    org_admin = make_member(organisation, OrgRole.ADMIN, full_name=f"Olga {label}")
    return SimpleNamespace(
        network=network,
        admin=admin,
        organisation=organisation,
        headers=make_token(admin, network=network, scopes=["events:write"])[1],
        org_headers=make_token(org_admin, organisation=organisation, scopes=["events:read"])[1],
        public=make_event(network, title=f"Public {label}", audience=Audience.PUBLIC),
    )


@pytest.fixture
def ours():
    return _tenant("ours")


@pytest.fixture
def theirs():
    return _tenant("theirs")


def titles(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["items"]}


# Reading events ----------------------------------------------------------------


def test_a_network_token_lists_its_events_published_or_not(client, ours, theirs):
    club = make_club(ours.network, name="Club climat")
    make_event(ours.network, title="Draft", is_published=False)
    make_event(ours.network, title="Club meeting", club=club, audience=Audience.CLUB, capacity=12)

    response = client.get("/api/v1/events", **ours.headers)

    assert titles(response) == {"Public ours", "Draft", "Club meeting"}
    meeting = next(e for e in response.json()["items"] if e["title"] == "Club meeting")
    assert meeting["club"] == {"id": club.pk, "name": "Club climat"}
    assert meeting["capacity"] == 12
    assert meeting["seats_left"] == 12
    assert meeting["registration_open"] is True
    assert meeting["online"] is False
    assert meeting["network"] == "reseau-ours"


def test_the_website_lists_its_public_agenda_by_dates(client, ours):
    now = timezone.now()
    make_event(ours.network, title="Members only")
    make_event(
        ours.network,
        title="Past",
        audience=Audience.PUBLIC,
        start=now - timedelta(days=30),
        end=now - timedelta(days=30) + timedelta(hours=2),
    )
    today = timezone.localdate()

    response = client.get(
        f"/api/v1/events?audience=public&from_date={today.isoformat()}", **ours.headers
    )

    assert titles(response) == {"Public ours"}
    to = (today - timedelta(days=1)).isoformat()
    assert titles(client.get(f"/api/v1/events?to_date={to}", **ours.headers)) == {"Past"}


def test_updated_since_gives_what_changed(client, ours):
    later = timezone.now() + timedelta(seconds=1)
    event = make_event(ours.network, title="Edited")
    type(event).objects.filter(pk=event.pk).update(updated_at=later + timedelta(minutes=1))

    response = client.get("/api/v1/events", {"updated_since": later.isoformat()}, **ours.headers)

    assert titles(response) == {"Edited"}


def test_an_organisation_token_reads_its_networks_published_events(client, ours, theirs):
    make_event(ours.network, title="Draft", is_published=False)

    response = client.get("/api/v1/events", **ours.org_headers)

    # Not the draft, not another network's public event.
    assert titles(response) == {"Public ours"}
    detail = client.get(f"/api/v1/events/{ours.public.pk}", **ours.org_headers)
    assert detail.status_code == 200
    assert detail.json()["title"] == "Public ours"


def test_another_networks_event_is_not_found(client, ours, theirs):
    url = f"/api/v1/events/{theirs.public.pk}"

    assert client.get(url, **ours.headers).status_code == 404
    assert client.get(url, **ours.org_headers).status_code == 404
    assert client.get(url, **theirs.headers).status_code == 200
    for path in (url + "/registrations",):
        assert client.get(path, **ours.headers).status_code == 404
        assert client.get(path, **theirs.headers).status_code == 200
        response = client.post(path, GUEST, content_type="application/json", **ours.headers)
        assert response.status_code == 404
    assert not Registration.objects.exists()


def test_a_token_without_the_events_area_is_forbidden(client, ours):
    _token, headers = make_token(ours.admin, network=ours.network, scopes=["network:read"])
    url = f"/api/v1/events/{ours.public.pk}"
    for path in ("/api/v1/events", url, url + "/registrations"):
        response = client.get(path, **headers)
        assert response.status_code == 403
        assert response["Content-Type"] == "application/problem+json"
    response = client.post(
        url + "/registrations", GUEST, content_type="application/json", **headers
    )
    assert response.status_code == 403
    _token, readonly = make_token(ours.admin, network=ours.network, scopes=["events:read"])
    response = client.post(
        url + "/registrations", GUEST, content_type="application/json", **readonly
    )
    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_listing_events_takes_as_many_queries_for_20_as_for_2(
    client, ours, django_assert_max_num_queries
):
    club = make_club(ours.network)
    make_event(ours.network, club=club)
    with django_assert_max_num_queries(99) as few:
        assert len(client.get("/api/v1/events", **ours.headers).json()["items"]) == 2
    for _n in range(18):
        make_event(ours.network, club=club, capacity=10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get("/api/v1/events", **ours.headers).json()["items"]) == 20


# Registrations ----------------------------------------------------------------


def test_the_registrations_read_as_the_animators_page_shows_them(client, ours):
    member = make_member(ours.organisation, OrgRole.CONTRIBUTOR, full_name="Marie Membre")
    Registration.objects.create(
        event=ours.public,
        user=member,
        organisation=ours.organisation,
        status=Registration.Status.CONFIRMED,
        attended=True,
    )
    Registration.objects.create(
        event=ours.public,
        guest_name="Jean Invité",
        guest_email="jean@example.org",
        guest_organisation="Café",
        status=Registration.Status.WAITLISTED,
    )

    response = client.get(f"/api/v1/events/{ours.public.pk}/registrations", **ours.headers)

    assert response.status_code == 200
    rows = {row["name"]: row for row in response.json()["items"]}
    assert rows["Marie Membre"]["organisation"] == "Entreprise ours"
    assert rows["Marie Membre"]["attended"] is True
    assert rows["Marie Membre"]["is_guest"] is False
    assert rows["Jean Invité"]["status"] == "waitlisted"
    assert rows["Jean Invité"]["organisation"] == "Café"
    # Members' tokens read events only.
    url = f"/api/v1/events/{ours.public.pk}/registrations"
    assert client.get(url, **ours.org_headers).status_code == 404


def test_listing_registrations_takes_as_many_queries_for_20_as_for_2(
    client, ours, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            member = make_member(ours.organisation, OrgRole.VIEWER)
            Registration.objects.create(
                event=ours.public,
                user=member,
                organisation=ours.organisation,
                status=Registration.Status.CONFIRMED,
            )
            Registration.objects.create(
                event=ours.public, guest_name=f"G{i}", guest_email=f"g{i}-{n}@example.org",
                status=Registration.Status.PENDING,
            )  # fmt: skip

    url = f"/api/v1/events/{ours.public.pk}/registrations"
    add(1)
    with django_assert_max_num_queries(99) as few:
        assert len(client.get(url, **ours.headers).json()["items"]) == 2
    add(9)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(url, **ours.headers).json()["items"]) == 20


def test_a_network_registers_a_guest_who_then_appears_on_the_animators_page(client, ours):
    url = f"/api/v1/events/{ours.public.pk}/registrations"

    with committed():
        response = client.post(
            url, {**GUEST, "organisation": "Café des Sports"}, content_type="application/json",
            **ours.headers,
        )  # fmt: skip

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "pending"
    assert body["name"] == "Jeanne Invitée"
    registration = Registration.objects.get(pk=body["id"])
    assert registration.guest_email == "jeanne@example.org"
    assert registration.guest_organisation == "Café des Sports"
    # The public form's confirmation email, through the outbox.
    (message,) = mail.outbox
    assert message.to == ["jeanne@example.org"]
    assert registration.token in message.body
    # The animator's registrations page lists the guest.
    client.force_login(ours.admin)
    page = client.get(reverse("event_registrations", args=[ours.network.slug, ours.public.pk]))
    assert page.status_code == 200
    assert "Jeanne Invitée" in page.content.decode()


def test_registering_the_same_guest_again_gives_the_same_registration(client, ours):
    url = f"/api/v1/events/{ours.public.pk}/registrations"
    first = client.post(url, GUEST, content_type="application/json", **ours.headers)
    again = client.post(
        url, {**GUEST, "email": "JEANNE@example.org"}, content_type="application/json",
        **ours.headers,
    )  # fmt: skip

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Registration.objects.count() == 1


def test_an_event_that_takes_no_guest_is_a_conflict_in_words(client, ours):
    members_only = make_event(ours.network, title="Members only")
    closed = make_event(
        ours.network,
        audience=Audience.PUBLIC,
        registration_deadline=timezone.now() - timedelta(hours=1),
    )
    draft = make_event(ours.network, audience=Audience.PUBLIC, is_published=False)

    answers = {}
    for name, event in (("members", members_only), ("closed", closed), ("draft", draft)):
        response = client.post(
            f"/api/v1/events/{event.pk}/registrations", GUEST, content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="en", **ours.headers,
        )  # fmt: skip
        assert response.status_code == 409, response.content
        assert response["Content-Type"] == "application/problem+json"
        answers[name] = response.json()["title"]

    assert answers["members"] == "This event is reserved to members."
    assert answers["closed"].startswith("Registration closed on ")
    assert answers["draft"] == "This event is not published."
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**GUEST, "email": "not-an-address"}, "email"),
        ({**GUEST, "name": "   "}, "name"),
        ({**GUEST, "consent": False}, "consent"),
        ({"name": "Jeanne", "consent": True}, "email"),
    ],
)
def test_bad_guest_details_are_refused_with_the_field_at_fault(client, ours, body, field):
    response = client.post(
        f"/api/v1/events/{ours.public.pk}/registrations", body, content_type="application/json",
        **ours.headers,
    )  # fmt: skip

    assert response.status_code == 422, response.content
    assert field in {error["field"] for error in response.json()["errors"]}
    assert not Registration.objects.exists()


def test_a_full_event_still_takes_guests_who_wait_for_a_seat(client, ours):
    ours.public.capacity = 1
    ours.public.save()
    Registration.objects.create(
        event=ours.public,
        guest_name="Premier",
        guest_email="premier@example.org",
        status=Registration.Status.CONFIRMED,
    )
    response = client.post(
        f"/api/v1/events/{ours.public.pk}/registrations", GUEST, content_type="application/json",
        **ours.headers,
    )  # fmt: skip
    assert response.status_code == 201

    detail = client.get(f"/api/v1/events/{ours.public.pk}", **ours.headers).json()
    assert detail["seats_left"] == 0


def test_a_cancelled_event_stays_listed_with_its_reason(client, ours):
    event = make_event(ours.network, title="Annulé")
    services.cancel_event(event, "Salle fermée")

    response = client.get("/api/v1/events", **ours.headers)

    item = next(e for e in response.json()["items"] if e["title"] == "Annulé")
    event.refresh_from_db()
    assert item["cancellation_reason"] == "Salle fermée"
    # The API writes milliseconds.
    returned = datetime.fromisoformat(item["cancelled_at"])
    assert abs(returned - event.cancelled_at) < timedelta(milliseconds=1)
    assert item["registration_open"] is False
