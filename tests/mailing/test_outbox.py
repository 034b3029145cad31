"""The outbox: queued in the transaction, sent after commit, once; retried
with back-off when the mail server fails."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from levier.mailing import services, tasks
from levier.mailing.models import OutgoingEmail
from tests.mailing.backends import FAILING, SECOND_WORKER, SecondWorkerMeanwhile

pytestmark = pytest.mark.django_db

Status = OutgoingEmail.Status


def message(to="marie@example.org", **fields) -> EmailMessage:
    fields.setdefault("subject", "[Levier] Hello")
    fields.setdefault("body", "A few words.")
    return EmailMessage(to=[to], **fields)


def time_passes():
    """What a waiting email sees once its next attempt is due."""
    OutgoingEmail.objects.exclude(next_attempt_at=None).update(next_attempt_at=timezone.now())


def send_queued_emails() -> str:
    out = StringIO()
    call_command("send_queued_emails", stdout=out)
    return out.getvalue()


def test_an_email_leaves_once_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            email = services.queue(message(), kind="test.hello")
        assert mail.outbox == []
        assert OutgoingEmail.objects.get().status == Status.QUEUED

    (sent,) = mail.outbox
    assert (sent.to, sent.subject, sent.body) == (
        ["marie@example.org"],
        "[Levier] Hello",
        "A few words.",
    )
    email.refresh_from_db()
    assert (email.status, email.attempts, email.kind) == (Status.SENT, 1, "test.hello")
    assert email.sent_at is not None and email.next_attempt_at is None


def test_nothing_is_sent_for_a_rolled_back_transaction(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.queue(message(), kind="test.hello")
        raise RuntimeError("the work failed")

    assert callbacks == []
    assert not OutgoingEmail.objects.exists()
    assert mail.outbox == []


def test_a_sent_email_is_never_sent_again(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = services.queue(message(), kind="test.hello")

    assert tasks.deliver.call(email.pk) is None
    assert "0 email(s) sent" in send_queued_emails()
    assert services.retry(OutgoingEmail.objects.all()) == 0
    assert len(mail.outbox) == 1


def test_the_calendar_file_the_html_and_the_message_id_go_through_the_outbox(
    django_capture_on_commit_callbacks,
):
    built = EmailMultiAlternatives(
        subject="[Levier] Atelier", body="Texte", to=["marie@example.org"], reply_to=["a@b.org"]
    )
    built.attach_alternative("<p>Texte</p>", "text/html")
    ics = b"BEGIN:VCALENDAR\r\nSUMMARY:Atelier mobilit\xc3\xa9\r\nEND:VCALENDAR\r\n"
    built.attach("levier-event-1.ics", ics, "text/calendar; method=PUBLISH")
    built.attach("plan.pdf", b"%PDF-\x00\xff", "application/pdf")

    with django_capture_on_commit_callbacks(execute=True):
        email = services.queue(built, kind="test.attachments")

    (sent,) = mail.outbox
    assert sent.alternatives == [("<p>Texte</p>", "text/html")]
    assert sent.reply_to == ["a@b.org"]
    (calendar, pdf) = sent.attachments
    assert calendar == ("levier-event-1.ics", ics.decode(), "text/calendar; method=PUBLISH")
    assert pdf == ("plan.pdf", b"%PDF-\x00\xff", "application/pdf")
    assert sent.extra_headers["Message-ID"] == email.headers["Message-ID"]


@override_settings(EMAIL_BACKEND=FAILING)
def test_a_failed_attempt_is_recorded_and_tried_again_later(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = services.queue(message(), kind="test.hello")

    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.QUEUED, 1)
    assert email.last_error.startswith("SMTPException: 421")
    wait = email.next_attempt_at - email.last_attempt_at
    assert wait == timedelta(minutes=1)

    # Not due yet: nothing is tried.
    assert "0 email(s) sent, 0 to try again later" in send_queued_emails()
    email.refresh_from_db()
    assert email.attempts == 1

    time_passes()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        assert "1 email(s) sent" in send_queued_emails()
        assert "0 email(s) sent" in send_queued_emails()

    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.SENT, 2)


@override_settings(EMAIL_BACKEND=FAILING)
def test_attempts_back_off_then_stop_and_a_superuser_may_retry(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        email = services.queue(message(), kind="test.hello")
    waits = []
    for _attempt in range(len(tasks.BACKOFF)):
        email.refresh_from_db()
        waits.append(email.next_attempt_at - email.last_attempt_at)
        time_passes()
        tasks.send_due()

    assert waits == list(tasks.BACKOFF)
    email.refresh_from_db()
    assert (email.status, email.attempts, email.next_attempt_at) == (
        Status.FAILED,
        tasks.MAX_ATTEMPTS,
        None,
    )
    assert "0 email(s) sent, 0 to try again later" in send_queued_emails()

    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert services.retry(OutgoingEmail.objects.all()) == 1

    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.status == Status.SENT


@override_settings(EMAIL_BACKEND=SECOND_WORKER)
def test_an_email_being_sent_is_not_sent_by_a_second_worker(django_capture_on_commit_callbacks):
    SecondWorkerMeanwhile.seen.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.queue(message(), kind="test.hello")

    assert SecondWorkerMeanwhile.seen == [None, {"sent": 0, "queued": 0, "failed": 0}]
    assert len(mail.outbox) == 1


def test_an_email_left_by_a_worker_that_died_is_taken_over():
    email = services.queue(message(), kind="test.hello")
    # A worker claimed it, then died before recording anything.
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=Status.SENDING, attempts=1, next_attempt_at=timezone.now() + tasks.CLAIM
    )
    assert "0 email(s) sent" in send_queued_emails()

    time_passes()  # its claim runs out

    assert "1 email(s) sent" in send_queued_emails()
    assert len(mail.outbox) == 1


def test_a_secret_link_is_erased_once_sent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = services.queue(
            message(body="Reset: https://levier.example/reset/abc"), kind="x", sensitive=True
        )

    assert "reset/abc" in mail.outbox[0].body
    email.refresh_from_db()
    assert email.body == "" and email.subject == "[Levier] Hello"


def test_an_email_needs_a_recipient():
    with pytest.raises(ValueError, match="recipient"):
        services.queue(EmailMessage(subject="Nobody", body="..."), kind="test.hello")


def test_old_sent_and_failed_emails_are_forgotten_waiting_ones_never():
    old = timezone.now() - timedelta(days=services.KEEP_DAYS + 1)
    for status in Status:
        email = services.queue(message(), kind=f"test.{status}")
        OutgoingEmail.objects.filter(pk=email.pk).update(
            status=status, created_at=old, next_attempt_at=None
        )
    services.queue(message(), kind="test.recent")
    OutgoingEmail.objects.filter(kind="test.recent").update(status=Status.SENT)

    assert services.prune() == 2
    assert sorted(OutgoingEmail.objects.values_list("kind", flat=True)) == [
        "test.queued",
        "test.recent",
        "test.sending",
    ]
