from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from levier.events import services
from tests.events.factories import ics_attachments, make_event
from tests.mailing.helpers import committed

pytestmark = pytest.mark.django_db


def test_people_with_a_seat_get_one_reminder_with_the_calendar_file(
    network, organisation, member, colleague
):
    soon = make_event(network, start=timezone.now() + timedelta(hours=20), capacity=1)
    later = make_event(network, start=timezone.now() + timedelta(days=9))
    services.register(soon, member, organisation)
    services.register(soon, colleague, organisation)  # waitlisted: no reminder
    services.register(later, member, organisation)
    mail.outbox.clear()

    with committed():
        call_command("send_event_reminders", now=True)
        call_command("send_event_reminders", now=True)

    (message,) = mail.outbox
    assert message.to == [member.email]
    assert soon.title in message.subject
    assert ics_attachments(message)
