import pytest
from django.urls import reverse

from levier.messaging.models import Campaign

pytestmark = pytest.mark.django_db


def test_compose_and_send_to_all(
    animator_client,
    network,
    organisation,
    org_admin,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    response = animator_client.get(reverse("campaign_new", args=[network.slug]))
    assert response.status_code == 200
    response = animator_client.post(
        reverse("campaign_new", args=[network.slug]),
        {
            "subject": "Hello",
            "body": "**Hi**",
            "audience": "all",
            "recipients": "people",
            "theme_limit": 10,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    campaign = Campaign.objects.get()
    response = animator_client.get(reverse("campaign_detail", args=[network.slug, campaign.pk]))
    assert response.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = animator_client.post(reverse("campaign_send", args=[network.slug, campaign.pk]))
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [[org_admin.email]]
    response = animator_client.get(reverse("campaign_detail", args=[network.slug, campaign.pk]))
    assert response.status_code == 200
    assert "sent" in response.content.decode()
