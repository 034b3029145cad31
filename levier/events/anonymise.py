"""Guests' details are kept only as long as the event needs them."""

from datetime import timedelta

from django.utils import timezone

from levier.events.models import Registration

KEEP_DAYS = 30


def anonymise_past_registrations(days: int = KEEP_DAYS, now=None) -> int:
    """Erase who the guests were, ``days`` after their event ended; returns how many.

    The row stays (with its status and attendance) so that the event's
    figures still add up.
    """
    limit = (now or timezone.now()) - timedelta(days=days)
    return Registration.objects.filter(
        user__isnull=True, anonymised_at__isnull=True, event__end__lt=limit
    ).update(
        guest_name="",
        guest_email="",
        guest_organisation="",
        anonymised_at=now or timezone.now(),
    )
