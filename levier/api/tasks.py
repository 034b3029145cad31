"""Delivery of webhooks: claim a delivery, POST it signed, record what the
receiver answered, and try again later when it failed.

The same way as the outbox of emails (``levier.mailing.tasks``): a delivery
is claimed by one conditional UPDATE (pending and due → due again only after
``CLAIM``) before anything talks to the receiver, so two workers never both
send it; the POST happens outside any transaction. A failure waits 1 min,
5 min, 30 min, 2 h, then 12 h before the next attempt, re-queued with
``run_after``; one more failure after the last marks the delivery failed.
``manage.py deliver_webhooks`` sends whatever is due, as a safety net beside
``db_worker`` (and the only way retries happen with a task backend that
cannot defer, like the tests' immediate one).
"""

import json
import logging
import time
from datetime import timedelta

from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from levier.api import outbound
from levier.api.models import WebhookDelivery
from levier.lib import retries
from levier.tenancy.scope import system

logger = logging.getLogger(__name__)

Status = WebhookDelivery.Status
PING = "ping"  # a test delivery an admin sends from the webhook's page

# Waits after the 1st, 2nd... failed attempt.
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
MAX_ATTEMPTS = len(BACKOFF) + 1

# How long a claim holds; well above the receiver's timeout.
CLAIM = timedelta(minutes=10)


def due(now=None) -> Q:
    return Q(status=Status.PENDING, next_attempt_at__lte=now or timezone.now())


def body_of(delivery: WebhookDelivery) -> bytes:
    """The raw body sent (and signed): the event, the delivery's id and the
    event's data."""
    envelope = {
        "id": delivery.pk,
        "event": delivery.event,
        "created_at": delivery.created_at.isoformat(),
        "data": delivery.payload,
    }
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()


def headers_of(delivery: WebhookDelivery, body: bytes) -> dict:
    timestamp = str(int(time.time()))
    return {
        "Content-Type": "application/json",
        "User-Agent": "Levier-Webhooks/1",
        "X-Levier-Event": delivery.event,
        "X-Levier-Delivery": str(delivery.pk),
        "X-Levier-Signature": outbound.signature(delivery.subscription.secret, timestamp, body),
        "X-Levier-Timestamp": timestamp,
    }


def _short(error) -> str:
    text = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    return text[: WebhookDelivery._meta.get_field("error").max_length]


def attempt(delivery_id: int, *, retry: bool = True) -> str | None:
    """Send one delivery now if it is due; its status afterwards, or None
    when it was not ours to send (delivered, failed, claimed, not due)."""
    now = timezone.now()
    claimed = WebhookDelivery.objects.filter(due(now), pk=delivery_id).update(
        attempts=F("attempts") + 1, last_attempt_at=now, next_attempt_at=now + CLAIM
    )
    if not claimed:
        return None
    delivery = WebhookDelivery.objects.select_related("subscription").get(pk=delivery_id)
    mine = WebhookDelivery.objects.filter(
        pk=delivery_id, status=Status.PENDING, attempts=delivery.attempts
    )
    if delivery.event == PING:
        retry = False  # the admin is looking for its answer now, not in 12 hours
    if not delivery.subscription.is_active:
        mine.update(status=Status.FAILED, next_attempt_at=None, error="Webhook paused.")
        return Status.FAILED
    body = body_of(delivery)
    try:
        code = outbound.post(delivery.subscription.url, body, headers_of(delivery, body))
    except Exception as error:  # any failure of the outside world is retried
        return _failed(delivery, mine, _short(error), None, now, retry)
    if 200 <= code < 300:
        mine.update(status=Status.DELIVERED, response_status=code, error="", next_attempt_at=None)
        return Status.DELIVERED
    return _failed(delivery, mine, f"HTTP {code}", code, now, retry)


def _failed(delivery, mine, error: str, code, now, retry: bool) -> str:
    if retry and delivery.attempts < MAX_ATTEMPTS:
        status, next_attempt_at = Status.PENDING, now + BACKOFF[delivery.attempts - 1]
    else:
        status, next_attempt_at = Status.FAILED, None
    logger.warning(
        "Webhook delivery %s (%s) failed, attempt %s: %s",
        delivery.pk,
        delivery.event,
        delivery.attempts,
        error,
    )
    mine.update(status=status, next_attempt_at=next_attempt_at, error=error, response_status=code)
    if status == Status.PENDING:
        schedule(delivery.pk, at=next_attempt_at)
    return status


def schedule(delivery_id: int, at=None) -> None:
    retries.enqueue(deliver, delivery_id, at)


def deliver_due() -> dict[str, int]:
    """Try every due delivery now; counts of what became of them."""
    ids = (
        WebhookDelivery.objects.filter(due())
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)
    )
    return retries.sweep(list(ids), attempt, (Status.DELIVERED, Status.PENDING, Status.FAILED))


@task()
def deliver(delivery_id: int) -> str | None:
    """Send one webhook delivery; queued once the transaction that fired its
    event commits."""
    with system():  # acts for nobody: the delivery is already decided
        return attempt(delivery_id)
