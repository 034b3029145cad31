"""Calendar files and feeds, read back with the icalendar library."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from levier.events import services
from levier.events.models import Audience, CalendarFeed
from tests.events.factories import make_event
from tests.factories import make_member
from tests.mailing.helpers import committed

pytestmark = pytest.mark.django_db


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def summaries(calendar) -> list[str]:
    return sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))


def feed_token(user) -> str:
    return CalendarFeed.objects.get_or_create(user=user)[0].token


def test_an_event_file_has_its_times_in_paris_time(client, network, member):
    event = make_event(
        network,
        title="Club mobilité",
        start=timezone.make_aware(timezone.datetime(2030, 7, 1, 9, 30)),
        end=timezone.make_aware(timezone.datetime(2030, 7, 1, 12, 0)),
        place="Lyon",
    )
    client.force_login(member)

    calendar = parse(client.get(reverse("event_ics", args=[event.pk])))

    (vevent,) = calendar.walk("VEVENT")
    start = vevent.decoded("DTSTART")
    assert (start.hour, start.minute, start.tzinfo) == (9, 30, ZoneInfo("Europe/Paris"))
    assert vevent.decoded("DTEND") == event.end
    assert str(vevent["LOCATION"]) == "Lyon"
    assert str(vevent["UID"]) == event.uid
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Paris"


def test_the_personal_feed_lists_the_events_the_person_holds_a_seat_at(
    client, network, organisation, member, colleague
):
    mine = make_event(network, title="Mine", capacity=1)
    make_event(network, title="Not mine")
    services.register(mine, member, organisation)
    full = make_event(network, title="Waiting", capacity=1)
    services.register(full, colleague, organisation)
    services.register(full, member, organisation)

    calendar = parse(client.get(reverse("my_feed", args=[feed_token(member)])))

    assert summaries(calendar) == ["Mine"]


def test_the_network_feed_lists_the_network_published_events(client, network, member):
    make_event(network, title="Published")
    make_event(network, title="Draft", is_published=False)
    make_event(network, title="Long ago", start=timezone.now() - timedelta(days=400))

    calendar = parse(client.get(reverse("network_feed", args=[feed_token(member), network.slug])))

    assert summaries(calendar) == ["Published"]
    assert network.name in str(calendar["X-WR-CALNAME"])


def test_the_network_feed_of_another_network_is_404(client, network, other_organisation):
    outsider = make_member(other_organisation)
    make_event(network)

    response = client.get(reverse("network_feed", args=[feed_token(outsider), network.slug]))

    assert response.status_code == 404


def test_a_wrong_token_is_404(client):
    assert client.get(reverse("my_feed", args=["not-a-feed-token-at-all"])).status_code == 404


def test_the_public_feed_lists_public_events_only(client, network):
    make_event(network, title="Open day", audience=Audience.PUBLIC)
    make_event(network, title="Members only")

    calendar = parse(client.get(reverse("public_feed")))

    assert summaries(calendar) == ["Open day"]
    (vevent,) = calendar.walk("VEVENT")
    assert "/public/events/" in str(vevent["URL"])


def test_new_addresses_retire_the_old_ones(client, member):
    old = feed_token(member)
    client.force_login(member)

    client.post(reverse("feed_reset"))

    assert client.get(reverse("my_feed", args=[old])).status_code == 404
    assert client.get(reverse("my_feed", args=[feed_token(member)])).status_code == 200


def test_cancelling_a_seat_sends_the_file_that_drops_the_event(network, organisation, member):
    from django.core import mail

    from tests.events.factories import ics_attachments

    event = make_event(network, capacity=5)
    with committed():
        registration = services.register(event, member, organisation)
    (confirmation,) = mail.outbox
    mail.outbox.clear()

    with committed():
        services.cancel(registration)

    (message,) = mail.outbox
    (content,) = ics_attachments(message)
    calendar = Calendar.from_ical(content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(calendar["METHOD"]) == "CANCEL" and str(vevent["STATUS"]) == "CANCELLED"
    (published,) = Calendar.from_ical(ics_attachments(confirmation)[0]).walk("VEVENT")
    assert str(vevent["UID"]) == str(published["UID"])


def test_leaving_the_waitlist_is_confirmed_without_a_calendar_file(network, organisation, member):
    from django.core import mail

    from tests.events.factories import ics_attachments

    event = make_event(network, capacity=1)
    services.register(event, make_member(organisation), organisation)
    waiting = services.register(event, member, organisation)
    mail.outbox.clear()

    with committed():
        services.cancel(waiting)

    (message,) = mail.outbox
    assert message.to == [member.email] and not ics_attachments(message)
