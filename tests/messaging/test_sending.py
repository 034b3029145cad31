"""Sending goes through the task queue in batches, each email through the
outbox, with a log per recipient that follows what the outbox says."""

from io import StringIO
from smtplib import SMTPRecipientsRefused

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.mailing.models import OutgoingEmail
from levier.messaging import sending, tasks
from levier.messaging.models import Campaign, Delivery, InboxMessage, Preference
from tests.factories import make_member, make_organisation
from tests.mailing.backends import FAILING
from tests.messaging.helpers import compose, send

pytestmark = pytest.mark.django_db

REFUSING = "tests.messaging.test_sending.RefusingBackend"


class RefusingBackend(EmailBackend):
    """The mail server refuses the address outright: a bounce."""

    def send_messages(self, messages):
        raise SMTPRecipientsRefused({messages[0].to[0]: (550, b"No such user")})


@pytest.fixture
def five_people(network):
    organisation = make_organisation(network, name="Cinq Personnes")
    return [
        make_member(organisation, OrgRole.CONTRIBUTOR, full_name=f"Personne {n}") for n in range(5)
    ]


def test_batches_queue_every_email_once_and_log_each_recipient(
    animator_client,
    network,
    five_people,
    monkeypatch,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    monkeypatch.setattr(tasks, "BATCH_SIZE", 2)
    batches = []
    real = tasks.queue_batch
    monkeypatch.setattr(
        tasks, "queue_batch", lambda pk, size=2: batches.append(real(pk, size)) or batches[-1]
    )
    campaign = compose(animator_client, network)

    send(animator_client, network, campaign, django_capture_on_commit_callbacks)

    assert batches == [2, 2, 1]
    assert campaign.status == Campaign.Status.SENT and campaign.finished_at
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in five_people)
    deliveries = Delivery.objects.filter(campaign=campaign)
    assert deliveries.count() == 5
    assert all(d.outgoing_id for d in deliveries)
    assert set(OutgoingEmail.objects.values_list("kind", flat=True)) == {sending.KIND}
    page = animator_client.get(reverse("campaign_detail", args=[network.slug, campaign.pk]))
    assert {d.status for d in Delivery.objects.filter(campaign=campaign)} == {"sent"}
    assert {s: n for s, _label, n in page.context["counts"]}["sent"] == 5
    for user in five_people:
        assert user.full_name in page.content.decode()
    # Each person's copy in their inbox.
    assert InboxMessage.objects.filter(campaign=campaign).count() == 5


def test_a_second_send_does_nothing(
    animator_client, network, five_people, django_capture_on_commit_callbacks, mailoutbox
):
    campaign = compose(animator_client, network)
    send(animator_client, network, campaign, django_capture_on_commit_callbacks)
    send(animator_client, network, campaign, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 5
    assert Delivery.objects.count() == 5


@override_settings(EMAIL_BACKEND=FAILING)
def test_a_failing_server_shows_as_queued_then_failed(
    animator_client, network, five_people, django_capture_on_commit_callbacks
):
    campaign = compose(animator_client, network)
    send(animator_client, network, campaign, django_capture_on_commit_callbacks)
    sending.refresh(Delivery.objects.all())
    assert set(Delivery.objects.values_list("status", flat=True)) == {"queued"}
    OutgoingEmail.objects.update(status=OutgoingEmail.Status.FAILED, last_error="SMTPException")
    page = animator_client.get(reverse("campaign_detail", args=[network.slug, campaign.pk]))
    assert {s: n for s, _label, n in page.context["counts"]}["failed"] == 5


@override_settings(EMAIL_BACKEND=REFUSING)
def test_an_address_the_server_refuses_is_a_bounce(
    animator_client, network, five_people, django_capture_on_commit_callbacks
):
    campaign = compose(animator_client, network)
    send(animator_client, network, campaign, django_capture_on_commit_callbacks)
    # The outbox gives up after its retries; the log says the address bounced.
    OutgoingEmail.objects.update(status=OutgoingEmail.Status.FAILED)
    assert OutgoingEmail.objects.first().last_error.startswith("SMTPRecipientsRefused")
    sending.refresh(Delivery.objects.all())
    assert set(Delivery.objects.values_list("status", flat=True)) == {"bounced"}


def test_a_bounce_reported_later_is_recorded(
    animator_client, network, five_people, django_capture_on_commit_callbacks
):
    campaign = compose(animator_client, network)
    send(animator_client, network, campaign, django_capture_on_commit_callbacks)
    email = OutgoingEmail.objects.first()

    assert sending.record_bounce(email.headers["Message-ID"])
    assert not sending.record_bounce("<unknown@example.org>")

    sending.refresh(Delivery.objects.all())
    assert Delivery.objects.get(outgoing=email).status == "bounced"


def test_emails_are_in_the_language_each_person_chose(
    animator_client, network, five_people, django_capture_on_commit_callbacks, mailoutbox
):
    Preference.objects.create(user=five_people[0], language="en")
    campaign = compose(animator_client, network)
    send(animator_client, network, campaign, django_capture_on_commit_callbacks)
    by_address = {m.to[0]: m for m in mailoutbox}
    assert "Read it in Levier" in by_address[five_people[0].email].body
    # The others in French (the site's language) once the translations are merged;
    # the footer's link is there either way.
    assert "/inbox/" in by_address[five_people[1].email].body


def test_the_command_finishes_a_campaign_a_worker_left(
    animator_client,
    network,
    five_people,
    monkeypatch,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    monkeypatch.setattr(tasks, "schedule", lambda campaign_id: None)  # the worker is down
    campaign = compose(animator_client, network)
    send(animator_client, network, campaign, django_capture_on_commit_callbacks)
    assert campaign.status == Campaign.Status.SENDING and mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_campaigns", stdout=StringIO())

    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENT
    assert len(mailoutbox) == 5
