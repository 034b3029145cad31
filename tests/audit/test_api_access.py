"""Giving other software access is recorded: an API token created or revoked,
a webhook subscribed or deleted, by whom, for which organisation or network;
a token's secret is never written in the trail."""

import socket

import pytest
from django.urls import reverse

from levier.accounts.models import NetworkRole
from levier.api import outbound
from levier.api.models import ApiToken, WebhookSubscription
from levier.audit.models import Action
from tests.audit.conftest import only
from tests.factories import make_network_staff

pytestmark = pytest.mark.django_db


def test_a_token_created_then_revoked_is_recorded_without_its_secret(
    org_admin_client, org_admin, organisation, network
):
    page = org_admin_client.post(
        reverse("org_api_token_new", args=[organisation.slug]),
        {"name": "ERP", "scopes": ["plans:read"], "expiry": "30"},
    ).content.decode()
    token = ApiToken.objects.get()

    created = only(Action.API_TOKEN_CREATED)
    assert (created.actor, created.organisation, created.network) == (
        org_admin,
        organisation,
        network,
    )
    assert created.detail == "ERP (plans:read)"
    start = page.index('id="token-secret" value="') + len('id="token-secret" value="')
    secret = page[start : page.index('"', start)]
    assert len(secret) > 20 and secret not in created.detail

    org_admin_client.post(reverse("org_api_token_revoke", args=[organisation.slug, token.pk]))
    revoked = only(Action.API_TOKEN_REVOKED)
    assert (revoked.actor, revoked.organisation, revoked.detail) == (
        org_admin,
        organisation,
        "ERP",
    )


def test_a_network_webhook_subscribed_then_deleted_is_recorded(client, network, monkeypatch):
    public = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", 443))]
    monkeypatch.setattr(outbound.socket, "getaddrinfo", lambda *args, **kwargs: public)
    admin = make_network_staff(network, NetworkRole.Role.NETWORK_ADMIN)
    client.force_login(admin)
    client.post(
        reverse("network_api_webhook_new", args=[network.slug]),
        {"url": "https://hooks.example.com/levier", "events": ["registration.created"]},
    )
    webhook = WebhookSubscription.objects.get()

    subscribed = only(Action.WEBHOOK_SUBSCRIBED)
    assert (subscribed.actor, subscribed.network, subscribed.organisation) == (
        admin,
        network,
        None,
    )
    assert subscribed.detail == "https://hooks.example.com/levier (registration.created)"

    client.post(reverse("network_api_webhook_delete", args=[network.slug, webhook.pk]))
    deleted = only(Action.WEBHOOK_DELETED)
    assert (deleted.actor, deleted.network) == (admin, network)
    assert not WebhookSubscription.objects.exists()
