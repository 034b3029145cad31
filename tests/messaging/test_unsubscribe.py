"""News by email stops from a signed link (no sign-in, one click and a
confirmation) or the account page; essential mail is never blocked."""

import re

import pytest
from django.urls import reverse

from levier.events import services as event_services
from levier.messaging import preferences, tasks
from levier.messaging.models import Delivery, InboxMessage, Preference
from tests.events.factories import make_event
from tests.messaging.helpers import compose, send

pytestmark = pytest.mark.django_db


def test_the_link_in_each_email_unsubscribes_without_signing_in(
    animator_client,
    network,
    organisation,
    org_admin,
    client,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    campaign = compose(animator_client, network)
    send(animator_client, network, campaign, django_capture_on_commit_callbacks)
    message = mailoutbox[0]
    link = re.search(r"http://\S+/unsubscribe/\S+/", message.body).group(0)
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = link.split("://", 1)[1].split("/", 1)[1]

    page = client.get("/" + path)
    assert page.status_code == 200
    assert preferences.wants_news(org_admin)  # a visit alone changes nothing
    assert client.post("/" + path).status_code == 200
    assert not preferences.wants_news(org_admin)

    again = compose(animator_client, network, subject="Encore")
    mailoutbox.clear()
    send(animator_client, network, again, django_capture_on_commit_callbacks)
    assert mailoutbox == []
    assert Delivery.objects.get(campaign=again).status == Delivery.Status.UNSUBSCRIBED
    # The copy in Levier still arrives.
    assert InboxMessage.objects.filter(recipient=org_admin, campaign=again).exists()


def test_a_forged_or_altered_token_is_404(client, org_admin):
    token = preferences.unsubscribe_token(org_admin)
    other = f"{org_admin.pk + 1}.{token.split('.', 1)[1]}"
    assert client.get(reverse("unsubscribe", args=[other])).status_code == 404
    assert client.post(reverse("unsubscribe", args=[other])).status_code == 404
    assert preferences.user_id_of(token) == org_admin.pk


def test_the_account_page_changes_the_preference(client, org_admin):
    client.force_login(org_admin)
    assert client.get(reverse("email_preferences")).status_code == 200
    response = client.post(reverse("email_preferences"), {"language": "en"})
    assert response.status_code == 302
    preference = Preference.objects.get(user=org_admin)
    assert preference.news is False and preference.language == "en"
    assert not preferences.wants_news(org_admin)
    client.post(reverse("email_preferences"), {"news": "on", "language": ""})
    assert preferences.wants_news(org_admin)
    assert preferences.language_of(org_admin) == "fr"


def test_refusing_news_after_sending_is_honoured_by_the_next_batch(
    animator_client,
    network,
    organisation,
    org_admin,
    django_capture_on_commit_callbacks,
    mailoutbox,
    monkeypatch,
):
    monkeypatch.setattr(tasks, "schedule", lambda campaign_id: None)
    campaign = compose(animator_client, network)
    send(animator_client, network, campaign, django_capture_on_commit_callbacks)
    preferences.set_news(org_admin, False)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.queue_batch(campaign.pk)
    assert mailoutbox == []
    assert Delivery.objects.get().status == Delivery.Status.UNSUBSCRIBED


def test_essential_mail_still_reaches_someone_who_refuses_news(
    network, organisation, org_admin, django_capture_on_commit_callbacks, mailoutbox
):
    preferences.set_news(org_admin, False)
    event = make_event(network)
    with django_capture_on_commit_callbacks(execute=True):
        event_services.register(event, org_admin, organisation)
    assert [m.to for m in mailoutbox] == [[org_admin.email]]
