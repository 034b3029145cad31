"""The pages where admins subscribe addresses to events, check them with a
test ping, pause or delete them and read their deliveries; addresses that
lead to private networks are refused."""

import hashlib
import hmac
import json
import socket

import pytest
from django.test import override_settings
from django.urls import reverse

from levier.accounts.models import NetworkRole, OrgRole
from levier.api import outbound, webhooks
from levier.api.models import WebhookDelivery, WebhookSubscription
from tests.api import receiver as receivers
from tests.factories import make_member, make_network_staff, make_organisation

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ADDRESSES = {
    "hooks.example.com": "93.184.215.14",
    "metadata.example.com": "169.254.169.254",
    "intranet.example.com": "10.1.2.3",
    "loop.example.com": "127.0.0.1",
    "six.example.com": "::1",
    "mapped.example.com": "::ffff:192.168.1.10",
}


@pytest.fixture
def dns(monkeypatch):
    """Names resolve to chosen addresses, without asking any DNS server."""

    def getaddrinfo(host, port, *args, **kwargs):
        address = ADDRESSES.get(host, host)
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        if host not in ADDRESSES and not address.replace(".", "").isdigit():
            raise socket.gaierror("Name or service not known")
        return [(family, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(outbound.socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def admin(organisation):
    return make_member(organisation, OrgRole.ADMIN, full_name="Alice Admin")


@pytest.fixture
def network_admin(network):
    return make_network_staff(network, NetworkRole.Role.NETWORK_ADMIN)


@override_settings(WEBHOOK_ALLOW_PRIVATE=False)
def test_an_org_admin_subscribes_an_address_and_sees_its_secret(client, organisation, admin, dns):
    client.force_login(admin)
    response = client.post(
        reverse("org_api_webhook_new", args=[organisation.slug]),
        {"url": "https://hooks.example.com/levier", "events": ["action.done"]},
        **EN,
    )
    webhook = WebhookSubscription.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("org_api_webhook", args=[organisation.slug, webhook.pk])
    assert webhook.organisation == organisation and webhook.network is None
    assert webhook.events == ["action.done"] and webhook.is_active
    assert webhook.created_by == admin
    page = client.get(response["Location"], **EN).content.decode()
    assert webhook.secret in page and "https://hooks.example.com/levier" in page
    assert "Action done" in page and "X-Levier-Signature" in page
    overview = client.get(reverse("org_api", args=[organisation.slug])).content.decode()
    assert "https://hooks.example.com/levier" in overview


@override_settings(WEBHOOK_ALLOW_PRIVATE=False)
@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://metadata.example.com/latest", "private network"),
        ("https://intranet.example.com/", "private network"),
        ("https://loop.example.com/", "private network"),
        ("https://six.example.com/", "private network"),
        ("https://mapped.example.com/", "private network"),
        ("https://127.0.0.1:8000/", "private network"),
        ("https://nowhere.example.com/", "cannot be found"),
        ("http://hooks.example.com/", "Use an https:// address"),
        ("https://me:secret@hooks.example.com/", "user name and password"),
        ("ftp://hooks.example.com/", "Give a full address starting with https://."),
        ("not an address", "Enter a valid URL."),
    ],
)
def test_addresses_outside_the_public_internet_are_refused(
    client, organisation, admin, dns, url, message
):
    client.force_login(admin)
    response = client.post(
        reverse("org_api_webhook_new", args=[organisation.slug]),
        {"url": url, "events": ["assessment.submitted"]},
        **EN,
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f'value="{url}"' in page  # nothing typed is lost
    assert 'value="assessment.submitted"' in page and "checked" in page
    assert not WebhookSubscription.objects.exists()


@override_settings(WEBHOOK_ALLOW_PRIVATE=False)
def test_a_network_subscribes_to_its_own_events_only(client, network, network_admin, dns):
    client.force_login(network_admin)
    url = reverse("network_api_webhook_new", args=[network.slug])
    form = client.get(url, **EN).content.decode()
    assert "Registration created" in form and "Practice published" in form
    assert "Assessment submitted" not in form and "Action done" not in form
    refused = client.post(
        url, {"url": "https://hooks.example.com/", "events": ["assessment.submitted"]}, **EN
    )
    assert refused.status_code == 400 and "Select a valid choice" in refused.content.decode()
    empty = client.post(url, {"url": "https://hooks.example.com/"}, **EN)
    assert "Choose at least one event." in empty.content.decode()
    client.post(url, {"url": "https://hooks.example.com/", "events": ["registration.created"]})
    webhook = WebhookSubscription.objects.get()
    assert webhook.network == network and webhook.events == ["registration.created"]


@override_settings(WEBHOOK_ALLOW_PRIVATE=True)
def test_a_test_ping_is_queued_then_reaches_the_receiver_signed_and_is_logged(
    client, organisation, admin, django_capture_on_commit_callbacks
):
    receiver = receivers.start()
    try:
        webhook = WebhookSubscription.objects.create(
            organisation=organisation, url=receiver.url, events=["action.done"]
        )
        client.force_login(admin)
        url = reverse("org_api_webhook_ping", args=[organisation.slug, webhook.pk])
        with django_capture_on_commit_callbacks() as queued:
            response = client.post(url, follow=True, **EN)
        # The page answered before anything was sent: the worker sends it.
        assert "The test ping is on its way" in response.content.decode()
        assert receiver.received == [] and len(queued) == 1
        assert WebhookDelivery.objects.get().status == "pending"

        queued[0]()  # the task the commit queues, run as the worker would
        [sent] = receiver.received
        timestamp = sent.headers["X-Levier-Timestamp"]
        expected = hmac.new(
            webhook.secret.encode(), timestamp.encode() + b"." + sent.body, hashlib.sha256
        ).hexdigest()
        assert sent.headers["X-Levier-Signature"] == f"sha256={expected}"
        assert sent.headers["X-Levier-Event"] == "ping"
        assert json.loads(sent.body)["data"] == {"webhook": {"id": webhook.pk}}
        delivery = WebhookDelivery.objects.get()
        assert (delivery.status, delivery.attempts, delivery.response_status) == (
            "delivered",
            1,
            200,
        )
        page = client.get(reverse("org_api_webhook", args=[organisation.slug, webhook.pk]), **EN)
        assert "Test ping" in page.content.decode() and "Delivered" in page.content.decode()
    finally:
        receivers.stop(receiver)


@override_settings(WEBHOOK_ALLOW_PRIVATE=True)
def test_a_failed_test_ping_is_not_retried_and_shows_why(
    client, organisation, admin, django_capture_on_commit_callbacks
):
    receiver = receivers.start()
    receiver.status = 410
    try:
        webhook = WebhookSubscription.objects.create(
            organisation=organisation, url=receiver.url, events=["action.done"]
        )
        client.force_login(admin)
        url = reverse("org_api_webhook_ping", args=[organisation.slug, webhook.pk])
        with django_capture_on_commit_callbacks(execute=True):
            page = client.post(url, follow=True, **EN).content.decode()
        failed = WebhookDelivery.objects.get()
        assert failed.status == "failed" and failed.next_attempt_at is None  # no retry
        assert failed.error == "HTTP 410"
        page = client.get(reverse("org_api_webhook", args=[organisation.slug, webhook.pk]), **EN)
        assert "HTTP 410" in page.content.decode() and "Failed" in page.content.decode()
    finally:
        receivers.stop(receiver)


def test_the_deliveries_log_shows_status_attempts_answer_and_next_attempt(
    client, organisation, admin
):
    webhook = WebhookSubscription.objects.create(
        organisation=organisation, url="https://hooks.example.com/", events=["action.done"]
    )
    WebhookDelivery.objects.create(
        subscription=webhook,
        event="action.done",
        payload={},
        status="pending",
        attempts=2,
        response_status=502,
        error="HTTP 502",
        next_attempt_at="2031-05-04T10:00:00+00:00",
    )
    client.force_login(admin)
    page = client.get(
        reverse("org_api_webhook", args=[organisation.slug, webhook.pk]), **EN
    ).content.decode()
    assert "Action done" in page and "Pending" in page and "HTTP 502" in page
    assert ">502<" in page and ">2<" in page and "2031" in page


def test_pausing_stops_deliveries_and_resuming_restarts_them(
    client, organisation, admin, django_capture_on_commit_callbacks
):
    webhook = WebhookSubscription.objects.create(
        organisation=organisation, url="https://hooks.example.com/", events=["action.done"]
    )
    client.force_login(admin)
    url = reverse("org_api_webhook_pause", args=[organisation.slug, webhook.pk])
    assert client.get(url).status_code == 405
    assert "Paused" in client.post(url, follow=True, **EN).content.decode()
    webhook.refresh_from_db()
    assert not webhook.is_active
    with django_capture_on_commit_callbacks(execute=True):
        webhooks.fire("action.done", organisation=organisation, payload={})
    assert not WebhookDelivery.objects.exists()
    ping = client.post(
        reverse("org_api_webhook_ping", args=[organisation.slug, webhook.pk]), follow=True, **EN
    )
    assert "Resume the webhook before testing it." in ping.content.decode()
    client.post(url)
    webhook.refresh_from_db()
    assert webhook.is_active


def test_deleting_asks_first(client, organisation, admin):
    webhook = WebhookSubscription.objects.create(
        organisation=organisation, url="https://hooks.example.com/", events=["action.done"]
    )
    client.force_login(admin)
    url = reverse("org_api_webhook_delete", args=[organisation.slug, webhook.pk])
    confirm = client.get(url, **EN)
    assert confirm.status_code == 200 and "pause it instead" in confirm.content.decode()
    assert WebhookSubscription.objects.exists()
    response = client.post(url)
    assert response["Location"] == reverse("org_api", args=[organisation.slug])
    assert not WebhookSubscription.objects.exists()


@pytest.mark.parametrize("role", [OrgRole.CONTRIBUTOR, OrgRole.VIEWER])
def test_non_admins_and_other_organisations_get_404(client, organisation, admin, role):
    ours = WebhookSubscription.objects.create(
        organisation=organisation, url="https://hooks.example.com/", events=["action.done"]
    )
    other = make_organisation(organisation.network, name="Voisine")
    theirs = WebhookSubscription.objects.create(
        organisation=other, url="https://theirs.example.com/", events=["action.done"]
    )
    client.force_login(make_member(organisation, role))
    for name in ("org_api_webhook", "org_api_webhook_delete", "org_api_webhook_pause"):
        assert client.post(reverse(name, args=[organisation.slug, ours.pk])).status_code == 404
    assert client.get(reverse("org_api_webhook_new", args=[organisation.slug])).status_code == 404
    client.force_login(admin)
    for name in ("org_api_webhook", "org_api_webhook_delete", "org_api_webhook_pause"):
        url = reverse(name, args=[organisation.slug, theirs.pk])
        assert client.post(url).status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_active
    assert WebhookSubscription.objects.count() == 2


def test_the_setting_defaults_to_debug(settings):
    del settings.WEBHOOK_ALLOW_PRIVATE
    settings.DEBUG = True
    assert outbound.allow_private()
    settings.DEBUG = False
    assert not outbound.allow_private()
