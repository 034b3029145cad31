"""Reminders to people registered to an event that starts soon."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from levier.community import emails
from levier.community.models import Registration

HOURS_AHEAD = 48


@task()
def send_event_reminders() -> int:
    """One email per seat of an event starting within 48 hours; returns how many.

    ``reminded_at`` makes it safe to run as often as one likes.
    """
    now = timezone.now()
    due = (
        Registration.objects.confirmed()
        .filter(
            reminded_at__isnull=True,
            event__is_published=True,
            event__start__gt=now,
            event__start__lte=now + timedelta(hours=HOURS_AHEAD),
        )
        .select_related("event", "user")
        .order_by("event__start", "pk")
    )
    sent = 0
    for registration in due:
        emails.reminder(registration)
        Registration.objects.filter(pk=registration.pk).update(reminded_at=now)
        sent += 1
    return sent
