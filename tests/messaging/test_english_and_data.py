"""The pages in English; what a person's data export says of their messages."""

import pytest
from django.urls import reverse
from django.utils import translation

from levier.accounts import services as accounts
from levier.messaging import preferences
from tests.messaging.helpers import compose, send

pytestmark = pytest.mark.django_db


def test_the_pages_read_in_english(animator_client, network, organisation, org_admin):
    animator_client.post(reverse("set_language"), {"language": "en"})
    page = animator_client.get(reverse("campaign_new", args=[network.slug]))
    assert "Members who lose the most points on a theme" in page.content.decode()
    campaign = compose(animator_client, network)
    page = animator_client.get(reverse("campaign_detail", args=[network.slug, campaign.pk]))
    assert "1 person will receive it" in page.content.decode()


def test_the_data_export_lists_the_inbox_and_the_preference(
    animator_client, network, organisation, org_admin, django_capture_on_commit_callbacks
):
    campaign = compose(animator_client, network, subject="Atelier")
    send(animator_client, network, campaign, django_capture_on_commit_callbacks)
    preferences.set_news(org_admin, False)
    with translation.override("en"):
        data = accounts.personal_data(org_admin)["messages"]
    assert data["news_by_email"] is False
    assert [m["subject"] for m in data["inbox"]] == ["Atelier"]
