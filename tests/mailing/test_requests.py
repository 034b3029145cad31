"""When the mail server is down, the person's request still succeeds; the
email waits in the outbox and leaves, once, when the server is back.

Real transactions, so that emails go out after commit inside the request,
as in production (the immediate task backend of the tests sends them there).
"""

from io import StringIO

import pytest
from django.contrib.messages import constants
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from levier.accounts.models import Invitation, OrgRole
from levier.events.models import Audience, Registration
from levier.mailing.models import OutgoingEmail
from tests.events.factories import make_event
from tests.factories import make_member, make_user
from tests.mailing.backends import FAILING

pytestmark = pytest.mark.django_db(transaction=True)

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _the_mail_server_is_down(settings):
    settings.EMAIL_BACKEND = FAILING


def waiting_email(kind: str) -> OutgoingEmail:
    """The one email of that kind, after its first attempt failed."""
    email = OutgoingEmail.objects.get(kind=kind)
    assert (email.status, email.attempts) == (OutgoingEmail.Status.QUEUED, 1)
    assert "SMTPException" in email.last_error
    assert email.next_attempt_at > timezone.now()
    return email


def the_server_is_back_and_cron_runs() -> list:
    OutgoingEmail.objects.filter(status=OutgoingEmail.Status.QUEUED).update(
        next_attempt_at=timezone.now()
    )
    with override_settings(EMAIL_BACKEND=LOCMEM):
        call_command("send_queued_emails", stdout=StringIO())
        call_command("send_queued_emails", stdout=StringIO())  # nothing more
    return mail.outbox


def levels(response) -> list[int]:
    return [m.level for m in response.context["messages"]]


def test_a_member_registers_while_the_mail_server_is_down(client, network, organisation):
    member = make_member(organisation, OrgRole.CONTRIBUTOR)
    event = make_event(network)
    client.force_login(member)

    response = client.post(
        reverse("event_register", args=[event.pk]),
        {"who": f"{organisation.pk}:{member.pk}"},
        follow=True,
    )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("event_detail", args=[event.pk])
    assert levels(response) == [constants.SUCCESS]
    registration = Registration.objects.get()
    assert (registration.user, registration.status) == (member, Registration.Status.CONFIRMED)
    waiting_email("event.registered")
    assert mail.outbox == []

    (message,) = the_server_is_back_and_cron_runs()
    assert message.to == [member.email]
    assert message.attachments  # the calendar file waited with it


def test_a_guest_registers_on_the_public_agenda_while_the_mail_server_is_down(client, network):
    event = make_event(network, audience=Audience.PUBLIC)

    response = client.post(
        reverse("public_event", args=[event.pk]),
        {"name": "Jeanne", "email": "jeanne@example.org", "organisation": "", "consent": "on"},
        follow=True,
    )

    assert response.status_code == 200
    assert levels(response) == [constants.SUCCESS]
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.PENDING
    waiting_email("event.confirm_guest")

    (message,) = the_server_is_back_and_cron_runs()
    assert message.to == ["jeanne@example.org"]
    assert registration.token in message.body


def test_an_invitation_is_made_while_the_mail_server_is_down(client, organisation):
    admin = make_member(organisation, OrgRole.ADMIN)
    client.force_login(admin)

    response = client.post(
        reverse("invite", args=[organisation.slug]),
        {"email": "nora@example.org", "role": OrgRole.CONTRIBUTOR},
        follow=True,
    )

    assert response.status_code == 200
    assert levels(response) == [constants.SUCCESS]
    invitation = Invitation.objects.get()
    waiting_email("invitation")

    (message,) = the_server_is_back_and_cron_runs()
    assert message.to == ["nora@example.org"]
    assert invitation.token in message.body


def test_a_password_reset_is_asked_while_the_mail_server_is_down(client):
    make_user("marie@example.org")

    response = client.post(
        reverse("account_reset_password"), {"email": "marie@example.org"}, follow=True
    )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("account_reset_password_done")
    waiting_email("account.password_reset_key")

    (message,) = the_server_is_back_and_cron_runs()
    assert message.to == ["marie@example.org"]
    assert "/password/reset/key/" in message.body
