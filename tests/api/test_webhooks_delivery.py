"""Webhooks are delivered after their event commits, signed, to a real HTTP
receiver; failures are retried with back-off through the task queue and end
failed; addresses outside the public internet are refused at delivery too."""

import hashlib
import hmac
import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from levier.accounts.models import NetworkRole, OrgRole
from levier.api import tasks, webhooks
from levier.api.models import WebhookDelivery, WebhookSubscription
from levier.assessments import services as assessments
from levier.events import services as event_services
from levier.frameworks.models import FrameworkVersion
from levier.frameworks.services import latest_version, sync_shipped_packs
from levier.plans import services as plans
from levier.plans.models import Action
from levier.practices.models import Practice
from tests.api import receiver as receivers
from tests.events.factories import make_event
from tests.factories import make_member, make_network_staff, make_organisation
from tests.practices.factories import make_practice

Status = WebhookDelivery.Status
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
PAYLOAD = {"assessment": {"id": 7}}


@pytest.fixture
def receiver():
    started = receivers.start()
    yield started
    receivers.stop(started)


@pytest.fixture
def admin(organisation):
    return make_member(organisation, OrgRole.ADMIN)


def _subscribe(url, events, **owner) -> WebhookSubscription:
    return WebhookSubscription.objects.create(url=url, events=events, **owner)


def _signed(secret: str, timestamp: str, body: bytes) -> str:
    signed = timestamp.encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


@override_settings(WEBHOOK_ALLOW_PRIVATE=True)
def test_a_committed_event_is_posted_signed_to_each_subscriber(
    organisation, receiver, django_capture_on_commit_callbacks
):
    hook = _subscribe(receiver.url, ["assessment.submitted"], organisation=organisation)
    _subscribe(receiver.url, ["action.done"], organisation=organisation)  # not this event
    paused = _subscribe(receiver.url, ["assessment.submitted"], organisation=organisation)
    paused.is_active = False
    paused.save()
    other = make_organisation(organisation.network, name="Voisine")
    _subscribe(receiver.url, ["assessment.submitted"], organisation=other)

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        webhooks.fire("assessment.submitted", organisation=organisation, payload=PAYLOAD)
        assert not WebhookDelivery.objects.exists()  # nothing before the commit

    delivery = WebhookDelivery.objects.get()
    assert delivery.subscription == hook
    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        Status.DELIVERED,
        1,
        200,
    )
    assert len(receiver.received) == 1
    sent = receiver.received[0]
    assert sent.path == "/hooks/levier?source=test"
    assert sent.headers["X-Levier-Event"] == "assessment.submitted"
    assert sent.headers["X-Levier-Delivery"] == str(delivery.pk)
    assert sent.headers["Content-Type"] == "application/json"
    assert abs(int(sent.headers["X-Levier-Timestamp"]) - timezone.now().timestamp()) < 60
    timestamp = sent.headers["X-Levier-Timestamp"]
    expected = _signed(hook.secret, timestamp, sent.body)
    assert hmac.compare_digest(sent.headers["X-Levier-Signature"], expected)
    # The timestamp is signed: one moved to replay an old delivery fails.
    assert _signed(hook.secret, str(int(timestamp) + 3600), sent.body) != expected
    body = json.loads(sent.body)
    assert body == {
        "id": delivery.pk,
        "event": "assessment.submitted",
        "created_at": delivery.created_at.isoformat(),
        "data": PAYLOAD,
    }


@override_settings(WEBHOOK_ALLOW_PRIVATE=True)
def test_an_event_rolled_back_sends_nothing(
    organisation, receiver, django_capture_on_commit_callbacks
):
    _subscribe(receiver.url, ["assessment.submitted"], organisation=organisation)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        webhooks.fire("assessment.submitted", organisation=organisation, payload=PAYLOAD)
        raise RuntimeError("the service failed")
    assert callbacks == []
    assert not WebhookDelivery.objects.exists()
    assert receiver.received == []


@override_settings(WEBHOOK_ALLOW_PRIVATE=True, TASKS=DUMMY)
def test_a_failing_receiver_is_retried_with_back_off_then_marked_failed(
    organisation, django_capture_on_commit_callbacks
):
    failing = receivers.start(status=500)
    try:
        _subscribe(failing.url, ["action.done"], organisation=organisation)
        backend = tasks.deliver.get_backend()
        with django_capture_on_commit_callbacks(execute=True):
            webhooks.fire("action.done", organisation=organisation, payload={"action": {"id": 1}})
        delivery = WebhookDelivery.objects.get()
        [queued] = backend.results
        assert queued.args == [delivery.pk] and queued.task.run_after is None

        delays = []
        for attempt in range(1, tasks.MAX_ATTEMPTS + 1):
            backend.clear()
            # The worker runs the task when it is due.
            WebhookDelivery.objects.filter(pk=delivery.pk).update(
                next_attempt_at=timezone.now() - timedelta(seconds=1)
            )
            tasks.deliver.call(delivery.pk)
            delivery.refresh_from_db()
            assert delivery.attempts == attempt
            assert delivery.response_status == 500 and delivery.error == "HTTP 500"
            if delivery.status == Status.PENDING:
                [retry] = backend.results
                assert retry.task.run_after == delivery.next_attempt_at
                delays.append(delivery.next_attempt_at - delivery.last_attempt_at)
        assert delays == [
            timedelta(minutes=1),
            timedelta(minutes=5),
            timedelta(minutes=30),
            timedelta(hours=2),
            timedelta(hours=12),
        ]
        assert delivery.status == Status.FAILED and delivery.next_attempt_at is None
        assert backend.results == []  # no more attempts
        assert len(failing.received) == tasks.MAX_ATTEMPTS
        # A failed delivery is never sent again.
        assert tasks.attempt(delivery.pk) is None
    finally:
        receivers.stop(failing)


@override_settings(WEBHOOK_ALLOW_PRIVATE=True)
def test_a_retry_that_succeeds_ends_delivered_and_is_not_sent_twice(
    organisation, django_capture_on_commit_callbacks
):
    flaky = receivers.start(status=503)
    try:
        _subscribe(flaky.url, ["action.done"], organisation=organisation)
        with django_capture_on_commit_callbacks(execute=True):
            webhooks.fire("action.done", organisation=organisation, payload={})
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == Status.PENDING and delivery.attempts == 1
        assert tasks.attempt(delivery.pk) is None  # not due yet
        flaky.status = 204
        WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
        call_command("deliver_webhooks", stdout=io.StringIO())
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts, delivery.response_status) == (
            Status.DELIVERED,
            2,
            204,
        )
        assert delivery.error == ""
        assert tasks.attempt(delivery.pk) is None
        assert len(flaky.received) == 2
    finally:
        receivers.stop(flaky)


def test_a_private_address_is_refused_at_delivery_too(
    organisation, receiver, django_capture_on_commit_callbacks
):
    # Subscribed while it was allowed (or resolved elsewhere then).
    _subscribe(receiver.url, ["action.done"], organisation=organisation)
    with (
        override_settings(WEBHOOK_ALLOW_PRIVATE=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        webhooks.fire("action.done", organisation=organisation, payload={})
    delivery = WebhookDelivery.objects.get()
    assert delivery.error.startswith("UnsafeURL")
    assert delivery.status == Status.PENDING and delivery.response_status is None
    assert receiver.received == []


@pytest.fixture
def version(db) -> FrameworkVersion:
    sync_shipped_packs()
    return latest_version("levier-360")


@override_settings(WEBHOOK_ALLOW_PRIVATE=True)
def test_the_services_fire_their_events_without_answers_nor_scores(
    network, organisation, admin, receiver, version, django_capture_on_commit_callbacks
):
    _subscribe(receiver.url, ["assessment.submitted", "action.done"], organisation=organisation)
    _subscribe(receiver.url, ["registration.created", "practice.published"], network=network)
    with django_capture_on_commit_callbacks(execute=True):
        assessment = assessments.start(organisation, version, "2026", admin)
        assessments.submit(assessment, admin)
    with django_capture_on_commit_callbacks(execute=True):
        action = plans.add_action(organisation, admin, title="Isoler les combles")
        plans.update_action(action, {"status": Action.Status.IN_PROGRESS}, admin, action.version)
        action.refresh_from_db()
        plans.update_action(action, {"status": Action.Status.DONE}, admin, action.version)
    with django_capture_on_commit_callbacks(execute=True):
        event_services.register(make_event(network), admin, organisation)

    events = [json.loads(r.body) for r in receiver.received]
    assert [e["event"] for e in events] == [
        "assessment.submitted",
        "action.done",
        "registration.created",
    ]
    submitted, done, registered = (e["data"] for e in events)
    assert submitted["assessment"]["id"] == assessment.pk
    assert submitted["organisation"]["slug"] == organisation.slug
    assert submitted["assessment"]["url"].endswith(
        reverse("assessment_detail", args=[organisation.slug, assessment.pk])
    )
    text = json.dumps(events)
    assert "score" not in text and "answer" not in text and "overall" not in text
    assert done["action"] == {
        "id": action.pk,
        "status": "done",
        "completed_at": Action.objects.get(pk=action.pk).completed_at.isoformat(),
        "url": done["action"]["url"],
    }
    assert "Isoler" not in text  # the plan's content stays the organisation's
    assert registered["registration"]["organisation_id"] == organisation.pk
    assert registered["registration"]["is_guest"] is False
    assert admin.email not in text


@override_settings(WEBHOOK_ALLOW_PRIVATE=True)
def test_publishing_a_practice_tells_the_network_once(
    client, network, receiver, django_capture_on_commit_callbacks
):
    _subscribe(receiver.url, ["practice.published"], network=network)
    practice = make_practice(network, title="Covoiturage", status=Practice.Status.SUBMITTED)
    client.force_login(make_network_staff(network, NetworkRole.Role.ANIMATOR))
    url = reverse("practice_review", args=[network.slug, practice.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "publish", "comment": ""})
        client.post(url, {"decision": "publish", "comment": "Encore"})  # already published
    [sent] = receiver.received
    body = json.loads(sent.body)
    assert body["event"] == "practice.published"
    assert body["data"]["practice"]["id"] == practice.pk
    assert body["data"]["practice"]["title"] == "Covoiturage"
