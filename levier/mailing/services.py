"""The one way Levier sends an email: ``queue`` writes it to the outbox, and
delivery is a task started once the surrounding transaction commits.

So a request never talks to the mail server, an email is never sent for
work that was rolled back, and one that could not be sent is tried again
(see ``tasks.py``).
"""

from datetime import timedelta
from functools import partial

from django.core.mail import EmailMessage
from django.core.mail.message import make_msgid
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.utils import timezone

from levier.mailing import tasks
from levier.mailing.models import OutgoingAttachment, OutgoingEmail

Status = OutgoingEmail.Status

KEEP_DAYS = 30


def queue(message: EmailMessage, *, kind: str, sensitive: bool = False) -> OutgoingEmail:
    """Put a built message in the outbox; it leaves after commit.

    ``kind`` says what it is about ("event.registered", "invitation"...);
    ``sensitive`` for messages carrying a secret link.
    """
    if not message.recipients():
        raise ValueError("An email needs at least one recipient.")
    headers = dict(message.extra_headers)
    # The same Message-ID on every attempt lets mail servers drop a duplicate.
    headers.setdefault("Message-ID", make_msgid(domain=DNS_NAME))
    alternatives = list(getattr(message, "alternatives", []))
    if message.content_subtype != "plain" or len(alternatives) > 1:
        raise ValueError("Queue a text body, with at most one HTML alternative.")
    if alternatives and alternatives[0][1] != "text/html":
        raise ValueError("Only an HTML alternative can be queued.")
    with transaction.atomic():
        email = OutgoingEmail.objects.create(
            kind=kind,
            from_email=message.from_email,
            to=list(message.to),
            cc=list(message.cc),
            bcc=list(message.bcc),
            reply_to=list(message.reply_to),
            headers=headers,
            subject=message.subject,
            body=message.body,
            html_body=alternatives[0][0] if alternatives else "",
            sensitive=sensitive,
        )
        OutgoingAttachment.objects.bulk_create(
            OutgoingAttachment(
                email=email,
                filename=filename,
                mimetype=mimetype,
                content=content.encode() if isinstance(content, str) else content,
            )
            for filename, content, mimetype in _attachments(message)
        )
        # robust: when the task queue cannot be reached the email stays
        # queued for send_queued_emails, and the request still succeeds.
        transaction.on_commit(partial(tasks.schedule, email.pk), robust=True)
    return email


def _attachments(message: EmailMessage):
    for attachment in message.attachments:
        if not isinstance(attachment, tuple):
            raise ValueError("MIME attachments cannot be queued; attach (name, content, type).")
        filename, content, mimetype = attachment
        yield filename, content, mimetype or "application/octet-stream"


def retry(emails) -> int:
    """Queue failed (or waiting) emails for an attempt now; returns how many."""
    with transaction.atomic():
        ids = list(
            emails.filter(status__in=[Status.FAILED, Status.QUEUED]).values_list("pk", flat=True)
        )
        OutgoingEmail.objects.filter(pk__in=ids).update(
            status=Status.QUEUED, next_attempt_at=timezone.now()
        )
        for email_id in ids:
            transaction.on_commit(partial(tasks.schedule, email_id), robust=True)
    return len(ids)


def prune(days: int = KEEP_DAYS) -> int:
    """Forget emails sent or given up more than ``days`` ago: the log is for
    finding out what happened to an email, not a copy of everyone's mail."""
    limit = timezone.now() - timedelta(days=days)
    _total, deleted = OutgoingEmail.objects.filter(
        status__in=[Status.SENT, Status.FAILED], created_at__lt=limit
    ).delete()
    return deleted.get(OutgoingEmail._meta.label, 0)
