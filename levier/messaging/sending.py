"""A campaign's emails: built one per person, in their language, queued in
the outbox batch by batch, and their fate read back from the outbox.

Every recipient gets their own email: their address alone in "To", no copy
to anyone, nothing in it about the other recipients nor why they were chosen.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from levier.lib.markdown import render as render_markdown
from levier.mailing import services as mailing
from levier.mailing.models import OutgoingEmail
from levier.messaging import preferences
from levier.messaging.models import Campaign, Delivery

KIND = "messaging.campaign"
TEST_KIND = "messaging.test"
# What an SMTP server says when it refuses an address outright: a bounce.
REFUSED = ("SMTPRecipientsRefused", "SMTPSenderRefused")

Status = Delivery.Status


def build(campaign: Campaign, *, email: str, user=None, language: str, test=False):
    """The email of ``campaign`` to one address, in ``language``. With a
    ``user``, the footer links to their inbox and unsubscribe page."""
    with translation.override(language):
        unsubscribe = preferences.unsubscribe_url(user) if user is not None else ""
        context = {
            "campaign": campaign,
            "network": campaign.network,
            "html": render_markdown(campaign.body),
            "inbox_url": settings.SITE_URL + reverse("inbox"),
            "preferences_url": settings.SITE_URL + reverse("email_preferences"),
            "unsubscribe_url": unsubscribe,
            "test": test,
            "language": language,
        }
        subject = campaign.subject
        if test:
            subject = _("[Test] %(subject)s") % {"subject": subject}
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("messaging/email/campaign.txt", context),
            to=[email],
        )
        message.attach_alternative(
            render_to_string("messaging/email/campaign.html", context), "text/html"
        )
    if user is not None:
        preferences.mark_as_news(message, user)
    message.extra_headers["List-Id"] = f"<{campaign.network.slug}.levier>"
    return message


def send_test(campaign: Campaign, user) -> OutgoingEmail:
    """The campaign as it will be, to its author only."""
    message = build(
        campaign,
        email=user.email,
        user=user,
        language=preferences.language_of(user),
        test=True,
    )
    return mailing.queue(message, kind=TEST_KIND)


def refresh(deliveries) -> None:
    """Copy what the outbox says of these deliveries' emails into them (sent,
    failed, refused by the server): the outbox forgets its rows after a
    month, the campaign's log keeps them. At most three updates."""
    waiting = deliveries.filter(status__in=[Status.QUEUED, Status.FAILED])
    waiting.filter(outgoing__status=OutgoingEmail.Status.SENT).update(status=Status.SENT)
    failed = waiting.filter(outgoing__status=OutgoingEmail.Status.FAILED)
    bounced = failed.filter(outgoing__last_error__regex=r"^(" + "|".join(REFUSED) + ")")
    bounced.filter(bounced_at=None).update(status=Status.BOUNCED, bounced_at=timezone.now())
    failed.filter(status=Status.QUEUED).update(status=Status.FAILED)


def record_bounce(message_id: str) -> bool:
    """A bounce the mail provider reported later (a webhook, a bounce
    mailbox), by the Message-ID of the email; whether it was a campaign's."""
    found = OutgoingEmail.objects.filter(**{"headers__Message-ID": message_id}).first()
    if found is None:
        return False
    return bool(
        Delivery.objects.filter(outgoing=found).update(
            status=Status.BOUNCED, bounced_at=timezone.now()
        )
    )
