"""The agenda, an event's page, and what animators do with it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from levier.events import services
from levier.events.models import Audience, Event, EventKind, Registration
from tests.clubs.factories import make_club
from tests.events.factories import make_event
from tests.factories import make_member
from tests.mailing.helpers import committed

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [event.title for event in response.context["events"]]


def test_the_agenda_lists_upcoming_events_of_the_person_networks(
    client, network, member, other_organisation
):
    make_event(network, title="Ours")
    make_event(other_organisation.network, title="Theirs")
    make_event(network, title="Draft", is_published=False)
    make_event(network, title="Done", start=timezone.now() - timedelta(days=3))
    client.force_login(member)

    assert titles(client.get(reverse("agenda"))) == ["Ours"]


def test_the_agenda_shows_past_events_on_request(client, network, member):
    make_event(network, title="Upcoming")
    make_event(network, title="Done", start=timezone.now() - timedelta(days=3))
    client.force_login(member)

    assert titles(client.get(reverse("agenda"), {"when": "past"})) == ["Done"]


def test_the_agenda_filters_by_kind_theme_and_club(client, network, member):
    club = make_club(network)
    make_event(network, title="Training", kind=EventKind.TRAINING, theme="Climat")
    make_event(network, title="Webinar", kind=EventKind.WEBINAR, theme="Mobilité")
    make_event(network, title="Club", kind=EventKind.CLUB_MEETING, club=club)
    client.force_login(member)

    assert titles(client.get(reverse("agenda"), {"kind": "webinar"})) == ["Webinar"]
    assert titles(client.get(reverse("agenda"), {"theme": "Climat"})) == ["Training"]
    assert titles(client.get(reverse("agenda"), {"club": club.pk})) == ["Club"]


def test_a_member_registers_a_colleague(client, network, organisation, member, colleague):
    event = make_event(network)
    client.force_login(member)

    with committed():
        client.post(
            reverse("event_register", args=[event.pk]),
            {"who": f"{organisation.pk}:{colleague.pk}"},
        )

    registration = Registration.objects.get()
    assert (registration.user, registration.registered_by) == (colleague, member)
    assert mail.outbox[0].to == [colleague.email]


def test_nobody_registers_a_stranger(client, network, organisation, member, other_organisation):
    stranger = make_member(other_organisation)
    event = make_event(network)
    client.force_login(member)

    response = client.post(
        reverse("event_register", args=[event.pk]),
        {"who": f"{other_organisation.pk}:{stranger.pk}"},
    )

    assert response.status_code == 404
    assert not Registration.objects.exists()


def test_a_member_cancels_their_registration(client, network, organisation, member):
    registration = services.register(make_event(network), member, organisation)
    client.force_login(member)

    client.post(reverse("registration_cancel", args=[registration.event_id, registration.pk]))

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_a_member_cannot_cancel_someone_else(client, network, organisation, member, colleague):
    registration = services.register(make_event(network), colleague, organisation)
    client.force_login(member)

    response = client.post(
        reverse("registration_cancel", args=[registration.event_id, registration.pk])
    )

    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


@pytest.mark.parametrize(
    "name", ["event_detail", "event_register", "event_ics", "registration_cancel"]
)
def test_events_of_another_network_are_404(client, network, other_organisation, name):
    event = make_event(network)
    owner = make_member(network.organisations.create(name="Host", headcount=5, region="32"))
    registration = services.register(event, owner, owner.memberships.get().organisation)
    client.force_login(make_member(other_organisation))
    args = [event.pk, registration.pk] if name == "registration_cancel" else [event.pk]

    # POST-only views answer GET with 405 whoever asks: POST is what counts.
    assert client.post(reverse(name, args=args)).status_code == 404
    if name in ("event_detail", "event_ics"):
        assert client.get(reverse(name, args=args)).status_code == 404


def test_a_draft_event_is_404_for_members(client, network, member):
    event = make_event(network, is_published=False)
    client.force_login(member)

    assert client.get(reverse("event_detail", args=[event.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, network):
    event = make_event(network)

    response = client.get(reverse("event_detail", args=[event.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_animator_publishes_an_event(client, network, animator):
    client.force_login(animator)

    response = client.post(
        reverse("event_new", args=[network.slug]),
        {
            "kind": "workshop",
            "title": "Atelier bilan carbone",
            "start": "2030-03-12T09:00",
            "end": "2030-03-12T12:00",
            "place": "Lille",
            "capacity": "12",
            "audience": "network",
            "is_published": "on",
        },
    )

    event = Event.objects.get()
    assert response.status_code == 302
    assert (event.network, event.capacity, event.created_by) == (network, 12, animator)
    assert timezone.localtime(event.start).hour == 9


def test_the_event_form_keeps_what_was_typed_and_says_what_is_wrong(client, network, animator):
    client.force_login(animator)

    response = client.post(
        reverse("event_new", args=[network.slug]),
        {
            "kind": "workshop",
            "title": "Atelier bilan carbone",
            "start": "2030-03-12T12:00",
            "end": "2030-03-12T09:00",
            "place": "Lille",
            "audience": "public",
            "min_headcount": "100",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Atelier bilan carbone"' in page
    assert "La fin vient après le début." in page
    assert not Event.objects.exists()


def test_the_animator_sees_registrations_and_marks_attendance(
    client, network, organisation, member, colleague, animator
):
    event = make_event(network, capacity=1)
    came = services.register(event, member, organisation)
    services.register(event, colleague, organisation)
    client.force_login(animator)

    page = client.get(reverse("event_registrations", args=[network.slug, event.pk]))
    client.post(
        reverse("event_registrations", args=[network.slug, event.pk]), {"attended": [came.pk]}
    )

    assert [r.user for r in page.context["confirmed"]] == [member]
    assert [r.user for r in page.context["waitlist"]] == [colleague]
    came.refresh_from_db()
    assert came.attended is True


def test_raising_the_capacity_promotes_the_waitlist(
    client, network, organisation, member, colleague, animator
):
    event = make_event(network, capacity=1, title="Atelier")
    services.register(event, member, organisation)
    waiting = services.register(event, colleague, organisation)
    client.force_login(animator)
    data = {
        "kind": event.kind,
        "title": event.title,
        "start": timezone.localtime(event.start).strftime("%Y-%m-%dT%H:%M"),
        "end": timezone.localtime(event.end).strftime("%Y-%m-%dT%H:%M"),
        "place": event.place,
        "capacity": "2",
        "audience": "network",
        "is_published": "on",
    }

    client.post(reverse("event_edit", args=[network.slug, event.pk]), data)

    waiting.refresh_from_db()
    event.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert event.sequence == 1


def test_animators_of_another_network_get_404(client, network, other_organisation):
    from levier.accounts.models import NetworkRole
    from tests.factories import make_network_staff

    event = make_event(other_organisation.network)
    client.force_login(make_network_staff(network, NetworkRole.Role.ANIMATOR))

    url = reverse("event_registrations", args=[network.slug, event.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("event_detail", args=[event.pk])).status_code == 404


def test_the_public_agenda_lists_public_events_to_anyone(client, network):
    make_event(network, title="Open day", audience=Audience.PUBLIC)
    make_event(network, title="Members only")

    response = client.get(reverse("public_agenda"))

    assert titles(response) == ["Open day"]


def test_a_members_only_event_has_no_public_page(client, network):
    event = make_event(network)

    assert client.get(reverse("public_event", args=[event.pk])).status_code == 404
