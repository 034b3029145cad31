"""The demo's messages: one sent to a club, a draft to the members who lose
the most points on a theme (all of them sharing their results)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from levier.accounts.demo import NETWORK_SLUG
from levier.accounts.models import User
from levier.insights.models import Sharing
from levier.messaging import audiences
from levier.messaging.models import AudienceKind, Campaign, InboxMessage

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_sent_message_and_a_draft_by_theme(client):
    call_command("demo")
    sent = Campaign.objects.get(network__slug=NETWORK_SLUG, status=Campaign.Status.SENT)
    assert InboxMessage.objects.filter(campaign=sent).count() == sent.deliveries.count() > 0
    draft = Campaign.objects.get(network__slug=NETWORK_SLUG, audience=AudienceKind.THEME)
    resolved = audiences.resolve(draft)
    assert resolved.count > 0
    sharing = set(Sharing.objects.values_list("organisation_id", flat=True))
    assert {o.pk for o in resolved.organisations} <= sharing

    client.force_login(User.objects.get(email="animation@levier.example"))
    for campaign in (sent, draft):
        url = reverse("campaign_detail", args=[NETWORK_SLUG, campaign.pk])
        assert client.get(url).status_code == 200
    assert client.get(reverse("campaign_list", args=[NETWORK_SLUG])).status_code == 200
