"""People without an account at public events: confirmation by email, then
their details erased once the event is over."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from levier.events import services
from levier.events.models import Audience, Registration
from tests.events.factories import ics_attachments, make_event
from tests.mailing.helpers import committed

pytestmark = pytest.mark.django_db

GUEST = {
    "name": "Jeanne Invitée",
    "email": "jeanne@example.org",
    "organisation": "Café des Sports",
    "consent": "on",
}


def guest_link(message) -> str:
    return re.search(r"http://\S+/public/registrations/\S+/", message.body).group(0)


def test_a_guest_request_waits_for_the_email_confirmation(client, network):
    event = make_event(network, audience=Audience.PUBLIC, capacity=1)

    with committed():
        client.post(reverse("public_event", args=[event.pk]), GUEST)

    registration = Registration.objects.get()
    assert registration.status == Registration.Status.PENDING
    assert services.seats_left(event) == 1
    (message,) = mail.outbox
    assert message.to == ["jeanne@example.org"]
    assert registration.token in guest_link(message)


def test_opening_the_link_confirms_nothing_the_button_does(client, network):
    event = make_event(network, audience=Audience.PUBLIC)
    client.post(reverse("public_event", args=[event.pk]), GUEST)
    registration = Registration.objects.get()

    client.get(reverse("guest_registration", args=[registration.token]))
    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING

    with committed():
        client.post(reverse("guest_confirm", args=[registration.token]))
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert ics_attachments(mail.outbox[-1])


def test_a_confirmed_guest_goes_to_the_waitlist_when_the_event_is_full(
    network, organisation, member
):
    event = make_event(network, audience=Audience.PUBLIC, capacity=1)
    pending = services.request_guest_registration(event, "Jeanne", "jeanne@example.org", "")
    services.register(event, member, organisation)

    assert services.confirm_guest(pending).status == Registration.Status.WAITLISTED


def test_a_guest_cancels_from_their_link(client, network):
    event = make_event(network, audience=Audience.PUBLIC)
    registration = services.confirm_guest(
        services.request_guest_registration(event, "Jeanne", "jeanne@example.org", "")
    )

    client.post(reverse("guest_cancel", args=[registration.token]))

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_guests_cannot_register_to_a_members_event(network):
    event = make_event(network)

    with pytest.raises(services.RegistrationRefused):
        services.request_guest_registration(event, "Jeanne", "jeanne@example.org", "")


def test_the_guest_form_keeps_what_was_typed_on_error(client, network):
    event = make_event(network, audience=Audience.PUBLIC)

    response = client.post(
        reverse("public_event", args=[event.pk]), {**GUEST, "email": "not-an-email"}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="Jeanne Invitée"' in page
    assert "Saisissez une adresse de courriel valide." in page
    assert not Registration.objects.exists()


def test_asking_twice_sends_the_same_registration(network):
    event = make_event(network, audience=Audience.PUBLIC)
    first = services.request_guest_registration(event, "Jeanne", "jeanne@example.org", "")

    again = services.request_guest_registration(event, "Jeanne", "Jeanne@Example.org", "")

    assert again == first
    assert Registration.objects.count() == 1


def _past_guest(network, days_ago):
    start = timezone.now() - timedelta(days=days_ago)
    event = make_event(network, audience=Audience.PUBLIC, start=start)
    return Registration.objects.create(
        event=event,
        guest_name="Jeanne",
        guest_email="jeanne@example.org",
        guest_organisation="Café",
        status=Registration.Status.CONFIRMED,
        attended=True,
    )


def test_guests_of_long_past_events_are_anonymised(network):
    old = _past_guest(network, days_ago=45)
    recent = _past_guest(network, days_ago=5)

    call_command("anonymise_past_registrations", days=30)

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.guest_name, old.guest_email, old.guest_organisation) == ("", "", "")
    assert old.anonymised_at is not None and old.attended is True
    assert recent.guest_email == "jeanne@example.org"


def test_members_registrations_are_not_anonymised(network, organisation, member):
    event = make_event(network)
    registration = services.register(event, member, organisation)
    Registration.objects.filter(pk=registration.pk).update()
    event.start = event.end = timezone.now() - timedelta(days=60)
    event.save()

    call_command("anonymise_past_registrations")

    registration.refresh_from_db()
    assert registration.anonymised_at is None
