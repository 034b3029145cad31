"""Events that change: cancelled, moved, with a contact person and a host."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import formats, timezone
from icalendar import Calendar

from levier.events import services
from levier.events.models import Audience, CalendarFeed, Event, Registration
from tests.events.factories import ics_attachments, make_event
from tests.factories import make_member, make_network_staff, make_organisation
from tests.mailing.helpers import committed

pytestmark = pytest.mark.django_db


def vevent_of(message):
    (content,) = ics_attachments(message)
    calendar = Calendar.from_ical(content)
    (vevent,) = calendar.walk("VEVENT")
    return calendar, vevent


def _everyone_registered(network, organisation, member, colleague):
    """A public event, full: a member holds the seat, then a colleague waits,
    a guest confirmed waits too, another guest has not confirmed yet."""
    event = make_event(network, capacity=1, audience=Audience.PUBLIC)
    services.register(event, member, organisation)
    services.register(event, colleague, organisation)
    waiting_guest = services.request_guest_registration(
        event, "Gaëlle Invitée", "g@example.org", ""
    )
    services.confirm_guest(waiting_guest)
    services.request_guest_registration(event, "Hugo Hôte", "h@example.org", "")
    return event


def test_cancelling_an_event_emails_each_registrant_once_with_method_cancel(
    client, network, organisation, member, colleague, animator
):
    event = _everyone_registered(network, organisation, member, colleague)
    statuses_before = dict(event.registrations.values_list("pk", "status"))
    sequence_before = event.sequence
    mail.outbox.clear()
    client.force_login(animator)
    url = reverse("event_cancel", args=[network.slug, event.pk])

    with committed():
        client.post(url, {"reason": "La salle est fermée"})
    with committed():
        client.post(url, {"reason": "Second clic"})  # a second click tells nobody again

    recipients = sorted(address for message in mail.outbox for address in message.to)
    expected = sorted(r.email for r in event.registrations.all())
    assert recipients == expected and len(expected) == 4
    event.refresh_from_db()
    assert event.is_cancelled and event.cancellation_reason == "La salle est fermée"
    assert event.sequence == sequence_before + 1
    for message in mail.outbox:
        calendar, vevent = vevent_of(message)
        assert str(calendar["METHOD"]) == "CANCEL"
        assert str(vevent["STATUS"]) == "CANCELLED"
        assert str(vevent["UID"]) == event.uid
        assert int(vevent["SEQUENCE"]) == event.sequence
        assert "La salle est fermée" in message.body
    # Registrations are kept as they were: people still see what their seat was.
    assert dict(event.registrations.values_list("pk", "status")) == statuses_before


def test_a_cancelled_event_stays_in_the_agenda_struck_with_its_reason(
    client, network, organisation, member
):
    event = make_event(network, title="Café mobilité")
    services.register(event, member, organisation)
    services.cancel_event(event, "Intervenant malade")
    client.force_login(member)

    agenda = client.get(reverse("agenda")).content.decode()
    page = client.get(reverse("event_detail", args=[event.pk])).content.decode()

    assert "Café mobilité" in agenda and "Intervenant malade" in agenda
    assert "is-cancelled" in agenda
    assert "Intervenant malade" in page
    with pytest.raises(services.RegistrationRefused):
        services.register(event, make_member(organisation), organisation)


def test_feeds_show_a_cancelled_event_as_cancelled(client, network, organisation, member):
    event = make_event(network, audience=Audience.PUBLIC)
    kept = make_event(network, audience=Audience.PUBLIC)
    services.register(event, member, organisation)
    services.cancel_event(event, "Reporté")
    token = CalendarFeed.objects.get_or_create(user=member)[0].token

    feeds = [
        client.get(reverse("my_feed", args=[token])),
        client.get(reverse("network_feed", args=[token, network.slug])),
        client.get(reverse("public_feed")),
    ]

    for response in feeds:
        statuses = {
            str(v["UID"]): str(v["STATUS"])
            for v in Calendar.from_ical(response.content).walk("VEVENT")
        }
        assert statuses[event.uid] == "CANCELLED"
        assert statuses.get(kept.uid, "CONFIRMED") == "CONFIRMED"


def test_a_cancelled_event_promotes_nobody(network, organisation, member, colleague):
    event = make_event(network, capacity=1)
    seat = services.register(event, member, organisation)
    services.register(event, colleague, organisation)
    services.cancel_event(event, "Annulé")

    assert services.cancel(seat) == []
    assert Registration.objects.get(user=colleague).status == Registration.Status.WAITLISTED


def _edit(client, network, event, **changes):
    data = {
        "kind": event.kind,
        "title": event.title,
        "start": timezone.localtime(event.start).strftime("%Y-%m-%dT%H:%M"),
        "end": timezone.localtime(event.end).strftime("%Y-%m-%dT%H:%M"),
        "place": event.place,
        "capacity": event.capacity or "",
        "audience": event.audience,
        "is_published": "on",
        **changes,
    }
    return client.post(reverse("event_edit", args=[network.slug, event.pk]), data)


def test_moving_an_event_tells_everyone_once_with_the_updated_file(
    client, network, organisation, member, colleague, animator
):
    event = make_event(network, capacity=1)
    services.register(event, member, organisation)
    services.register(event, colleague, organisation)
    old_start = event.start
    new_start = old_start + timedelta(days=7)
    mail.outbox.clear()
    client.force_login(animator)

    with committed():
        response = _edit(
            client,
            network,
            event,
            start=timezone.localtime(new_start).strftime("%Y-%m-%dT%H:%M"),
            end=timezone.localtime(new_start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.start == new_start
    by_person = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_person) == sorted([member.email, colleague.email])
    assert len(mail.outbox) == 2
    seat = by_person[member.email]
    calendar, vevent = vevent_of(seat)
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(vevent["UID"]) == event.uid and int(vevent["SEQUENCE"]) == event.sequence
    assert vevent.decoded("DTSTART") == new_start
    old = formats.date_format(timezone.localtime(old_start), "DATETIME_FORMAT")
    new = formats.date_format(timezone.localtime(new_start), "DATETIME_FORMAT")
    assert old in seat.body and new in seat.body
    # Waiting is not holding a seat: nothing goes into their calendar.
    assert not ics_attachments(by_person[colleague.email])

    mail.outbox.clear()
    with committed():
        _edit(client, network, event, title="Atelier renommé")

    assert mail.outbox == []  # a change that moves nothing tells nobody


def test_moving_an_unpublished_event_tells_nobody(network, organisation, member):
    event = make_event(network)
    services.register(event, member, organisation)
    event.is_published = False
    event.save()
    before = services.Schedule.of(event)
    mail.outbox.clear()

    event.place = "Roubaix"
    with committed():
        services.save_edited(event, event.capacity, before)

    assert mail.outbox == []


def test_the_online_link_reaches_only_confirmed_registrants(
    client, network, organisation, member, colleague
):
    link = "https://visio.example.org/atelier-42"
    event = make_event(network, capacity=1, place="", online_url=link, audience=Audience.PUBLIC)
    outsider = make_member(organisation)
    with committed():
        services.register(event, member, organisation)
        services.register(event, colleague, organisation)
        guest = services.request_guest_registration(event, "Gaëlle", "g@example.org", "")
    confirmed_mail, waitlisted_mail, pending_mail = mail.outbox

    assert link in confirmed_mail.body
    (attached,) = ics_attachments(confirmed_mail)
    assert link in str(Calendar.from_ical(attached).walk("VEVENT")[0]["LOCATION"])
    assert link not in waitlisted_mail.body and link not in pending_mail.body

    def page_for(user):
        client.force_login(user)
        return client.get(reverse("event_detail", args=[event.pk])).content.decode()

    def ics_for(user):
        client.force_login(user)
        return client.get(reverse("event_ics", args=[event.pk])).content.decode()

    assert link in page_for(member) and link in ics_for(member)
    for user in (colleague, outsider):
        assert link not in page_for(user) and link not in ics_for(user)
    client.logout()
    assert link not in client.get(reverse("public_event", args=[event.pk])).content.decode()
    assert link not in client.get(reverse("public_feed")).content.decode()
    assert (
        link not in client.get(reverse("guest_registration", args=[guest.token])).content.decode()
    )
    token = CalendarFeed.objects.get_or_create(user=colleague)[0].token
    assert (
        link
        not in client.get(reverse("network_feed", args=[token, network.slug])).content.decode()
    )
    mine = CalendarFeed.objects.get_or_create(user=member)[0].token
    assert link in client.get(reverse("network_feed", args=[mine, network.slug])).content.decode()


def test_the_contact_person_and_the_host_show_on_the_page_and_in_emails(
    client, network, organisation, member
):
    host = make_organisation(network, name="Brasserie Hôtesse")
    contact = make_network_staff(network, full_name="Clara Contact")
    event = make_event(network, host_organisation=host, contact_user=contact)
    client.force_login(member)

    with committed():
        services.register(event, member, organisation)
    page = client.get(reverse("event_detail", args=[event.pk])).content.decode()

    (message,) = mail.outbox
    for text in (page, message.body):
        assert "Brasserie Hôtesse" in text
        assert "Clara Contact" in text and contact.email in text


def test_a_free_contact_shows_its_name_publicly_and_its_address_only_by_email(client, network):
    event = make_event(
        network,
        audience=Audience.PUBLIC,
        contact_name="Denis Dehors",
        contact_email="denis@example.org",
    )
    with committed():
        guest = services.request_guest_registration(event, "Gaëlle", "g@example.org", "")

    page = client.get(reverse("public_event", args=[guest.event.pk])).content.decode()

    assert "Denis Dehors" in page and "denis@example.org" not in page
    assert "denis@example.org" in mail.outbox[-1].body


def test_the_host_comes_from_the_event_network(client, network, other_organisation, animator):
    client.force_login(animator)

    response = client.post(
        reverse("event_new", args=[network.slug]),
        {
            "kind": "visit",
            "title": "Visite",
            "start": "2030-03-12T09:00",
            "end": "2030-03-12T12:00",
            "place": "Lille",
            "audience": "network",
            "host_organisation": other_organisation.pk,
            "is_published": "on",
        },
    )

    assert response.status_code == 200
    assert "host_organisation" in response.context["form"].errors
    assert not Event.objects.exists()


def test_a_cancelled_event_sends_no_reminder(network, organisation, member, colleague):
    start = timezone.now() + timedelta(hours=20)
    cancelled = make_event(network, start=start, title="Annulé demain")
    held = make_event(network, start=start, title="Maintenu demain")
    services.register(cancelled, member, organisation)
    services.register(held, colleague, organisation)
    services.cancel_event(cancelled, "Grève")
    mail.outbox.clear()

    with committed():
        call_command("send_event_reminders", now=True)

    assert [message.to for message in mail.outbox] == [[colleague.email]]
