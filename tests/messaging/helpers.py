from django.urls import reverse

from levier.messaging.models import Campaign

BASE = {"body": "Bonjour à tous.", "recipients": "people", "theme_limit": 10}


def compose(client, network, **fields) -> Campaign:
    """Write a draft through the compose page, as an animator does."""
    data = {"subject": "Des nouvelles", "audience": "all", **BASE, **fields}
    response = client.post(reverse("campaign_new", args=[network.slug]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Campaign.objects.filter(network=network).latest("pk")


def send(client, network, campaign, capture):
    with capture(execute=True):
        response = client.post(reverse("campaign_send", args=[network.slug, campaign.pk]))
    assert response.status_code == 302
    campaign.refresh_from_db()
    return response
