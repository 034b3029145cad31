"""Reminders to people registered to an event that starts soon."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from levier.events import emails
from levier.events.models import Registration
from levier.tenancy.scope import system

HOURS_AHEAD = 48


@task()
def send_event_reminders() -> int:
    """One email per seat of an event starting within 48 hours; returns how many.

    ``reminded_at`` makes it safe to run as often as one likes: it is set in
    the transaction that puts the reminder in the outbox, so a reminder is
    queued exactly once.
    """
    with system():
        now = timezone.now()
        due = (
            Registration.objects.confirmed()
            .filter(
                reminded_at__isnull=True,
                event__is_published=True,
                event__cancelled_at__isnull=True,  # a cancelled event is not recalled
                event__start__gt=now,
                event__start__lte=now + timedelta(hours=HOURS_AHEAD),
            )
            .select_related("event", "user")
            .order_by("event__start", "pk")
        )
        sent = 0
        for registration in due:
            with transaction.atomic():
                # Two runs at once: only the one that marks it queues the email.
                if Registration.objects.filter(
                    pk=registration.pk, reminded_at__isnull=True
                ).update(reminded_at=now):
                    emails.reminder(registration)
                    sent += 1
        return sent
