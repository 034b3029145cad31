"""Sending a campaign: its audience resolved once, one delivery and one inbox
copy per person, then the emails queued in batches after commit."""

from functools import partial

from django.db import transaction
from django.utils import timezone

from levier.messaging import audiences, preferences, tasks
from levier.messaging.models import Campaign, Delivery, InboxMessage


class SendRefused(Exception):
    """The campaign cannot be sent (already sent, nobody to reach)."""


def start(campaign: Campaign, user) -> int:
    """Send a draft: how many people it reaches. Run in the sender's scope
    (the audience is read as they may read it)."""
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if not locked.is_draft:
            raise SendRefused("already sent")
        resolved = audiences.resolve(campaign)
        if not resolved.recipients:
            raise SendRefused("nobody")
        now = timezone.now()
        refusing = preferences.news_refusers(r.user_id for r in resolved.recipients)
        Delivery.objects.bulk_create(
            Delivery(
                campaign=campaign,
                user_id=r.user_id,
                organisation_id=r.organisation_id,
                email=r.email,
                status=(
                    Delivery.Status.UNSUBSCRIBED
                    if r.user_id in refusing
                    else Delivery.Status.PENDING
                ),
                created_at=now,
            )
            for r in resolved.recipients
        )
        # Everyone reached gets the copy in Levier, news by email or not.
        InboxMessage.objects.bulk_create(
            InboxMessage(
                recipient_id=r.user_id,
                campaign=campaign,
                network=campaign.network,
                subject=campaign.subject,
                body=campaign.body,
                created_at=now,
            )
            for r in resolved.recipients
        )
        Campaign.objects.filter(pk=campaign.pk).update(
            status=Campaign.Status.SENDING, sent_by=user, sent_at=now, updated_at=now
        )
        transaction.on_commit(partial(tasks.schedule, campaign.pk), robust=True)
    campaign.refresh_from_db()
    return len(resolved.recipients)


def unread_count(user) -> int:
    return InboxMessage.objects.filter(recipient=user, read_at=None).count()


def mark_read(message: InboxMessage) -> None:
    if message.read_at is None:
        message.read_at = timezone.now()
        InboxMessage.objects.filter(pk=message.pk, read_at=None).update(read_at=message.read_at)
