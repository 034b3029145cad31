"""What a member sees of others: the online link is for the people holding a
seat, the list of a club's members for the club."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from levier.events.models import CalendarFeed, Registration
from tests.clubs.factories import join_club, make_club
from tests.events.factories import make_event
from tests.factories import make_member

pytestmark = pytest.mark.django_db

LINK = "https://visio.example/secret-room"


@pytest.fixture
def online_event(network):
    return make_event(network, place="", online_url=LINK)


def _registered(event, organisation):
    person = make_member(organisation)
    Registration.objects.create(
        event=event, user=person, organisation=organisation, status="confirmed"
    )
    return person


def _locations(content: bytes) -> list[str]:
    return [str(c.get("location", "")) for c in Calendar.from_ical(content).walk("VEVENT")]


def test_the_online_link_is_shown_to_people_with_a_seat_only(client, organisation, online_event):
    outsider, holder = make_member(organisation), _registered(online_event, organisation)
    url = reverse("event_detail", args=[online_event.pk])
    ics = reverse("event_ics", args=[online_event.pk])

    client.force_login(outsider)
    outsider_page, outsider_ics = client.get(url).content.decode(), client.get(ics).content
    client.force_login(holder)
    holder_page, holder_ics = client.get(url).content.decode(), client.get(ics).content

    assert LINK not in outsider_page and LINK not in outsider_ics.decode()
    assert LINK in holder_page and _locations(holder_ics) == [LINK]


def test_a_waitlisted_person_does_not_get_the_link(client, organisation, online_event):
    waiting = make_member(organisation)
    Registration.objects.create(
        event=online_event, user=waiting, organisation=organisation, status="waitlisted"
    )
    client.force_login(waiting)

    assert LINK not in client.get(reverse("event_detail", args=[online_event.pk])).content.decode()


def test_the_networks_agenda_feed_gives_the_link_only_for_ones_seats(
    client, organisation, network, online_event
):
    other = make_event(network, place="", online_url="https://visio.example/other")
    person = _registered(online_event, organisation)
    token = CalendarFeed.objects.create(user=person).token

    content = client.get(reverse("network_feed", args=[token, network.slug])).content

    assert LINK in content.decode()
    assert "visio.example/other" not in content.decode()
    assert len(_locations(content)) == 2 and other.title in content.decode()


def test_a_clubs_members_are_listed_to_the_club_only(client, organisation, network):
    club = make_club(network)
    insider = make_member(organisation, full_name="Inès Interne")
    join_club(club, insider, organisation)
    outsider = make_member(organisation, full_name="Oscar Externe")
    url = reverse("club_detail", args=[club.pk])

    client.force_login(outsider)
    outside = client.get(url).content.decode()
    client.force_login(insider)
    inside = client.get(url).content.decode()

    assert "Inès Interne" not in outside and "1 membre" in outside
    assert "Inès Interne" in inside
