"""Delivery of the outbox: claim a row, hand it to the email backend, record
what happened, and try again later when it failed.

A row is claimed by one conditional UPDATE (queued and due → sending) before
anything talks to the mail server, so two workers, or a worker and
``send_queued_emails``, never both send it; a sent row matches no claim
again. The send itself happens outside any transaction, so no lock is held
while the mail server answers.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from levier.lib import retries
from levier.mailing.models import OutgoingEmail
from levier.tenancy.scope import system

logger = logging.getLogger(__name__)

Status = OutgoingEmail.Status

# Waits after the 1st, 2nd... failed attempt; one more failure after the last
# marks the email failed (about 15 hours after it was queued).
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
MAX_ATTEMPTS = len(BACKOFF) + 1

# How long a claim holds. The mail server's timeout must be well below it,
# or a slow send could be taken over and sent twice.
CLAIM = timedelta(minutes=10)
SMTP_TIMEOUT = 60  # seconds, when EMAIL_TIMEOUT does not say


def due(now=None) -> Q:
    """Rows a worker may claim: queued and due, or claimed by a worker that
    did not finish in time."""
    return Q(
        status__in=[Status.QUEUED, Status.SENDING], next_attempt_at__lte=now or timezone.now()
    )


def _claim(email_id: int, now) -> bool:
    return bool(
        OutgoingEmail.objects.filter(due(now), pk=email_id).update(
            status=Status.SENDING,
            attempts=F("attempts") + 1,
            last_attempt_at=now,
            next_attempt_at=now + CLAIM,
        )
    )


def _short(error: BaseException) -> str:
    text = f"{type(error).__name__}: {error}"
    return text[: OutgoingEmail._meta.get_field("last_error").max_length]


def send_one(email_id: int) -> str | None:
    """Try to send one email now if it is due; returns its status afterwards,
    or None when it was not ours to send (already sent, failed, claimed by
    someone else, or not due yet)."""
    now = timezone.now()
    if not _claim(email_id, now):
        return None
    email = OutgoingEmail.objects.prefetch_related("attachments").get(pk=email_id)
    mine = OutgoingEmail.objects.filter(
        pk=email_id, status=Status.SENDING, attempts=email.attempts
    )
    try:
        message = email.to_message()
        timeout = settings.EMAIL_TIMEOUT or SMTP_TIMEOUT
        if not get_connection(fail_silently=False, timeout=timeout).send_messages([message]):
            raise RuntimeError("The email backend sent nothing.")
    except Exception as error:  # any failure of the outside world is retried
        return _failed(email, mine, error, now)
    sent = {"status": Status.SENT, "sent_at": timezone.now(), "next_attempt_at": None}
    if email.sensitive:
        sent.update(body="", html_body="")
    mine.update(**sent)
    return Status.SENT


def _failed(email: OutgoingEmail, mine, error: BaseException, now) -> str:
    if email.attempts >= MAX_ATTEMPTS:
        status, next_attempt_at = Status.FAILED, None
    else:
        status, next_attempt_at = Status.QUEUED, now + BACKOFF[email.attempts - 1]
    logger.warning(
        "Email %s (%s) failed, attempt %s: %s", email.pk, email.kind, email.attempts, error
    )
    mine.update(status=status, next_attempt_at=next_attempt_at, last_error=_short(error))
    if status == Status.QUEUED:
        schedule(email.pk, at=next_attempt_at)
    return status


def schedule(email_id: int, at=None) -> None:
    retries.enqueue(deliver, email_id, at)


def send_due() -> dict[str, int]:
    """Try every due email now; counts of what became of them."""
    ids = (
        OutgoingEmail.objects.filter(due())
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)
    )
    return retries.sweep(list(ids), send_one, (Status.SENT, Status.QUEUED, Status.FAILED))


@task()
def deliver(email_id: int) -> str | None:
    """Send one queued email; a task per email, queued once the transaction
    that wrote it commits."""
    with system():  # acts for nobody: reads no tenant data, but says so
        return send_one(email_id)
