"""Sending a campaign in batches: each batch task queues the emails of up to
``BATCH_SIZE`` people in the outbox (which sends each after commit, with its
retries and log), then queues the next batch until none is left.

Batches of one campaign never overlap: each locks the campaign's row first,
and a delivery leaves "to send" in the transaction that queues its email.
"""

from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from levier.mailing import services as mailing
from levier.messaging import preferences, sending
from levier.messaging.models import Campaign, Delivery
from levier.tenancy.scope import system

BATCH_SIZE = 50

Status = Delivery.Status


def schedule(campaign_id: int) -> None:
    send_batch.enqueue(campaign_id)


def queue_batch(campaign_id: int, size: int = BATCH_SIZE, schedule_next: bool = True) -> int:
    """Queue the emails of the next ``size`` people still to send; the next
    batch is queued after this one commits, or the campaign ends."""
    with transaction.atomic():
        campaign = (
            Campaign.objects.select_for_update()
            .select_related("network")
            .filter(pk=campaign_id, status=Campaign.Status.SENDING)
            .first()
        )
        if campaign is None:
            return 0
        batch = list(
            campaign.deliveries.filter(status=Status.PENDING)
            .select_related("user")
            .order_by("pk")[: size + 1]
        )
        more, batch = len(batch) > size, batch[:size]
        languages = preferences.languages(d.user_id for d in batch)
        refusing = preferences.news_refusers(d.user_id for d in batch)
        for delivery in batch:
            if delivery.user_id in refusing:
                # They said no since the campaign was sent: honoured to the last minute.
                delivery.status = Status.UNSUBSCRIBED
                continue
            message = sending.build(
                campaign,
                email=delivery.email,
                user=delivery.user,
                language=languages.get(delivery.user_id, settings.LANGUAGE_CODE),
            )
            delivery.outgoing = mailing.queue(message, kind=sending.KIND)
            delivery.status = Status.QUEUED
        Delivery.objects.bulk_update(batch, ["status", "outgoing"])
        if more and schedule_next:
            transaction.on_commit(partial(schedule, campaign.pk), robust=True)
        elif not more:
            campaign.status = Campaign.Status.SENT
            campaign.finished_at = timezone.now()
            campaign.save(update_fields=["status", "finished_at", "updated_at"])
    return sum(1 for d in batch if d.status == Status.QUEUED)


@task()
def send_batch(campaign_id: int) -> int:
    """Queue the next batch of a campaign's emails; how many were queued."""
    with system():  # acts for nobody: the campaign was checked when it was sent
        return queue_batch(campaign_id)
