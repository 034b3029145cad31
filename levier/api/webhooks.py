"""Webhooks: the domain services tell an organisation's or a network's own
systems that something happened.

``fire`` is called inside the service's transaction; nothing happens unless
it commits: then one ``WebhookDelivery`` is written per active subscription
of that organisation or network to the event, and a task delivers each
(``levier.api.tasks``: signed POST, retries with back-off).

Payloads carry ids, addresses and public fields only, never answers, scores
nor anyone's personal details: a receiver that wants more asks the API with
its token, which the tenancy rules then govern.

What each event covers:

- ``assessment.submitted`` (organisation): ``assessments.services.submit``;
- ``action.done`` (organisation): ``plans.services.update_action`` when the
  status becomes done;
- ``registration.created`` (network of the event): a member's registration
  (``events.services.register``) and a guest's once they confirmed their
  email address (``events.services.confirm_guest``);
- ``practice.published`` (network of the practice): a practice published by
  review or by import.
"""

from functools import partial

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from levier.api import tasks
from levier.api.models import WebhookDelivery, WebhookEvent, WebhookSubscription
from levier.tenancy.scope import system

ORGANISATION_EVENTS = (WebhookEvent.ASSESSMENT_SUBMITTED, WebhookEvent.ACTION_DONE)
# A network never hears of its members' own work: only what it runs itself.
NETWORK_EVENTS = (WebhookEvent.REGISTRATION_CREATED, WebhookEvent.PRACTICE_PUBLISHED)


def events_for(owner_is_network: bool) -> tuple:
    return NETWORK_EVENTS if owner_is_network else ORGANISATION_EVENTS


def _pk(owner):
    return getattr(owner, "pk", owner)


def fire(event, *, organisation=None, network=None, payload: dict) -> None:
    """Deliver ``event`` with ``payload`` (JSON-ready) to the subscriptions
    of ``organisation`` or ``network`` (an instance or its id), once the
    current transaction commits; nothing when it rolls back."""
    if organisation is not None:
        owner = {"organisation_id": _pk(organisation)}
    elif network is not None:
        owner = {"network_id": _pk(network)}
    else:
        return  # the shared library belongs to no network
    transaction.on_commit(partial(_deliver, str(event), owner, payload), robust=True)


def _deliver(event: str, owner: dict, payload: dict) -> list[int]:
    with system():  # whoever acted, the deliveries are decided by the subscriptions
        subscriptions = [
            subscription
            for subscription in WebhookSubscription.objects.filter(is_active=True, **owner)
            if event in subscription.events
        ]
        now = timezone.now()
        ids = [
            WebhookDelivery.objects.create(
                subscription=subscription, event=event, payload=payload, next_attempt_at=now
            ).pk
            for subscription in subscriptions
        ]
    for delivery_id in ids:
        tasks.schedule(delivery_id)
    return ids


def _url(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def _when(value) -> str | None:
    return value.isoformat() if value else None


def assessment_data(assessment) -> dict:
    organisation = assessment.organisation
    return {
        "assessment": {
            "id": assessment.pk,
            "framework_version_id": assessment.framework_version_id,
            "submitted_at": _when(assessment.submitted_at),
            "url": _url("assessment_detail", organisation.slug, assessment.pk),
        },
        "organisation": {"id": organisation.pk, "slug": organisation.slug},
    }


def action_data(action) -> dict:
    organisation = action.organisation
    return {
        "action": {
            "id": action.pk,
            "status": action.status,
            "completed_at": _when(action.completed_at),
            "url": _url("action_detail", organisation.slug, action.pk),
        },
        "organisation": {"id": organisation.pk, "slug": organisation.slug},
    }


def registration_data(registration) -> dict:
    event = registration.event
    return {
        "registration": {
            "id": registration.pk,
            "status": registration.status,
            "is_guest": registration.user_id is None,
            "organisation_id": registration.organisation_id,
        },
        "event": {
            "id": event.pk,
            "title": event.title,
            "start": _when(event.start),
            "url": _url("event_detail", event.pk),
        },
    }


def practice_data(practice) -> dict:
    return {
        "practice": {
            "id": practice.pk,
            "code": practice.code,
            "title": practice.title,
            "is_public": practice.is_public,
            "published_at": _when(practice.published_at),
            "url": _url("practice_detail", practice.pk),
        }
    }
