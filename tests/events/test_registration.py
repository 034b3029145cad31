"""Seats, waitlist and promotion."""

import pytest
from django.core import mail
from icalendar import Calendar

from levier.events import services
from levier.events.models import Registration
from tests.events.factories import ics_attachments, make_event
from tests.factories import make_member
from tests.mailing.helpers import committed

pytestmark = pytest.mark.django_db


def test_a_free_seat_confirms_the_registration(network, organisation, member):
    event = make_event(network, capacity=2)

    registration = services.register(event, member, organisation)

    assert registration.status == Registration.Status.CONFIRMED


def test_the_confirmation_email_carries_the_event_as_ics(network, organisation, member):
    event = make_event(network, title="Atelier mobilité", capacity=2)

    with committed():
        services.register(event, member, organisation)

    (message,) = mail.outbox
    assert message.to == [member.email]
    (attachment,) = ics_attachments(message)
    (vevent,) = Calendar.from_ical(attachment).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Atelier mobilité"
    assert vevent.decoded("DTSTART") == event.start


def test_a_full_event_puts_people_on_the_waitlist(network, organisation, member, colleague):
    event = make_event(network, capacity=1)
    services.register(event, member, organisation)

    with committed():
        second = services.register(event, colleague, organisation)

    assert second.status == Registration.Status.WAITLISTED
    assert second.waitlist_position == 1
    assert not ics_attachments(mail.outbox[-1])


def test_an_event_without_capacity_never_fills(network, organisation):
    event = make_event(network, capacity=None)
    people = [make_member(organisation) for _ in range(5)]

    statuses = {services.register(event, p, organisation).status for p in people}

    assert statuses == {Registration.Status.CONFIRMED}


def test_a_cancellation_promotes_the_first_in_line_and_emails_them(network, organisation, member):
    event = make_event(network, capacity=1)
    taken = services.register(event, member, organisation)
    first, second = make_member(organisation), make_member(organisation)
    services.register(event, first, organisation)
    services.register(event, second, organisation)
    mail.outbox.clear()

    with committed():
        promoted = services.cancel(taken)

    assert [r.user for r in promoted] == [first]
    assert Registration.objects.get(user=first).status == Registration.Status.CONFIRMED
    assert Registration.objects.get(user=second).status == Registration.Status.WAITLISTED
    cancellation, message = mail.outbox
    assert cancellation.to == [member.email] and "annulée" in cancellation.subject
    assert message.to == [first.email]
    assert ics_attachments(message)


def test_leaving_the_waitlist_promotes_nobody(network, organisation, member, colleague):
    event = make_event(network, capacity=1)
    services.register(event, member, organisation)
    waiting = services.register(event, colleague, organisation)

    assert services.cancel(waiting) == []
    assert event.registrations.confirmed().count() == 1


def test_cancelling_twice_changes_nothing(network, organisation, member):
    registration = services.register(make_event(network, capacity=1), member, organisation)
    services.cancel(registration)

    assert services.cancel(registration) == []


def test_one_person_registers_once(network, organisation, member):
    event = make_event(network)
    services.register(event, member, organisation)

    with pytest.raises(services.RegistrationRefused, match="Marie Membre"):
        services.register(event, member, organisation)


def test_a_cancelled_person_may_register_again(network, organisation, member):
    event = make_event(network)
    services.cancel(services.register(event, member, organisation))

    again = services.register(event, member, organisation)

    assert again.status == Registration.Status.CONFIRMED


def test_more_seats_promote_as_many_people_as_they_allow(network, organisation, member):
    event = make_event(network, capacity=1)
    services.register(event, member, organisation)
    waiting = [services.register(event, make_member(organisation), organisation) for _ in range(3)]
    event.capacity = 3
    event.save()

    promoted = services.fill_free_seats(event)

    assert promoted == waiting[:2]
    assert event.registrations.waitlist().get() == waiting[2]


def test_nobody_is_promoted_once_the_event_has_started(network, organisation, member, colleague):
    event = make_event(network, capacity=1)
    taken = services.register(event, member, organisation)
    services.register(event, colleague, organisation)
    event.start = event.start.replace(year=2020)
    event.save()

    assert services.cancel(taken) == []


def test_attendance_is_recorded_for_confirmed_people(network, organisation, member, colleague):
    event = make_event(network)
    came = services.register(event, member, organisation)
    absent = services.register(event, colleague, organisation)

    assert services.mark_attendance(event, {came.pk}) == 1

    came.refresh_from_db()
    absent.refresh_from_db()
    assert (came.attended, absent.attended) == (True, False)
