"""A declined request to join holds a prospect's name and email for nothing:
it is forgotten some months after the decision (long enough to answer a
"why was I declined?" or to find a request sent twice)."""

from datetime import timedelta

from django.utils import timezone

from levier.membership.models import JoinRequest

KEEP_DECLINED_DAYS = 180


def forget_declined_requests(days: int = KEEP_DECLINED_DAYS, now=None) -> int:
    """Delete requests declined more than ``days`` ago; returns how many.
    Accepted ones stay: they record how an organisation joined."""
    limit = (now or timezone.now()) - timedelta(days=days)
    deleted, _by_model = JoinRequest.objects.filter(
        status=JoinRequest.Status.DECLINED, decided_at__lt=limit
    ).delete()
    return deleted
