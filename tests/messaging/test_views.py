"""The animator's pages: preview, test send, tenancy, query counts; and
each person's inbox."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.messaging.models import Campaign, InboxMessage
from tests.factories import make_member, make_network, make_network_staff, make_organisation
from tests.messaging.helpers import compose, send

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script> <img src=x onerror=alert(1)> [lien](javascript:alert(2))'


def test_the_preview_escapes_html_and_scripts(animator_client, network):
    response = animator_client.post(
        reverse("campaign_preview", args=[network.slug]), {"body": f"**Gras** {SCRIPT}"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Gras</strong>" in html
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html


def test_the_message_page_and_emails_escape_html_too(
    animator_client,
    network,
    organisation,
    org_admin,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    campaign = compose(animator_client, network, body=SCRIPT, subject="<b>Sujet</b>")
    page = animator_client.get(reverse("campaign_detail", args=[network.slug, campaign.pk]))
    assert "<script" not in page.content.decode() and "<b>Sujet" not in page.content.decode()
    send(animator_client, network, campaign, django_capture_on_commit_callbacks)
    html = mailoutbox[0].alternatives[0][0]
    assert "<script" not in html and 'href="javascript' not in html and "<b>Sujet" not in html
    message = InboxMessage.objects.get()
    client = animator_client
    client.force_login(org_admin)
    page = client.get(reverse("inbox_message", args=[message.pk]))
    assert "<script" not in page.content.decode()


def test_a_test_goes_to_the_animator_only(
    animator_client,
    animator,
    network,
    organisation,
    org_admin,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    campaign = compose(animator_client, network)
    with django_capture_on_commit_callbacks(execute=True):
        response = animator_client.post(reverse("campaign_test", args=[network.slug, campaign.pk]))
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [[animator.email]]
    assert not mailoutbox[0].cc and not mailoutbox[0].bcc
    campaign.refresh_from_db()
    assert campaign.is_draft
    assert not InboxMessage.objects.exists()


def test_another_networks_animator_gets_404_the_right_one_the_page(
    animator_client, animator, network, organisation, org_admin, client
):
    campaign = compose(animator_client, network)
    outsider = make_network_staff(make_network())
    urls = [
        reverse(name, args=[network.slug, campaign.pk])
        for name in ("campaign_detail", "campaign_edit")
    ] + [reverse("campaign_list", args=[network.slug])]
    for url in urls:
        assert animator_client.get(url).status_code == 200
    client.force_login(outsider)
    for url in urls:
        assert client.get(url).status_code == 404
    for name in ("campaign_send", "campaign_test", "campaign_delete"):
        assert client.post(reverse(name, args=[network.slug, campaign.pk])).status_code == 404
    # Their own network's address with our campaign: 404 too.
    theirs = outsider.network_roles.get().network if hasattr(outsider, "network_roles") else None
    if theirs is not None:
        url = reverse("campaign_detail", args=[theirs.slug, campaign.pk])
        assert client.get(url).status_code == 404
    # A member of the network is no staff.
    client.force_login(org_admin)
    assert client.get(urls[0]).status_code == 404
    assert Campaign.objects.get().is_draft


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_list_and_detail_queries_do_not_grow(
    animator_client, network, django_capture_on_commit_callbacks
):
    def grow(n):
        organisation = make_organisation(network)
        for _ in range(n):
            make_member(organisation, OrgRole.CONTRIBUTOR)
        campaign = compose(animator_client, network)
        send(animator_client, network, campaign, django_capture_on_commit_callbacks)
        return campaign

    first = grow(2)
    list_url = reverse("campaign_list", args=[network.slug])
    small_list = _queries(animator_client, list_url)
    small_detail = _queries(
        animator_client, reverse("campaign_detail", args=[network.slug, first.pk])
    )
    draft = compose(animator_client, network)
    small_draft = _queries(
        animator_client, reverse("campaign_detail", args=[network.slug, draft.pk])
    )

    bigger = grow(6)
    grow(3)
    compose(animator_client, network)
    assert _queries(animator_client, list_url) == small_list
    assert (
        _queries(animator_client, reverse("campaign_detail", args=[network.slug, bigger.pk]))
        == small_detail
    )
    assert (
        _queries(animator_client, reverse("campaign_detail", args=[network.slug, draft.pk]))
        == small_draft
    )


def test_the_inbox_counts_unread_and_marks_read_on_opening(
    animator_client,
    network,
    organisation,
    org_admin,
    client,
    django_capture_on_commit_callbacks,
):
    campaign = compose(animator_client, network, subject="Atelier du mois")
    send(animator_client, network, campaign, django_capture_on_commit_callbacks)
    client.force_login(org_admin)

    home = client.get(reverse("inbox"))
    assert home.context["nav_unread"] == 1
    assert "Atelier du mois" in home.content.decode()
    message = InboxMessage.objects.get(recipient=org_admin)
    page = client.get(reverse("inbox_message", args=[message.pk]))
    assert page.status_code == 200
    message.refresh_from_db()
    assert message.read_at is not None
    assert client.get(reverse("inbox")).context["nav_unread"] == 0


def test_nobody_reads_another_persons_message(
    animator_client,
    network,
    organisation,
    org_admin,
    client,
    django_capture_on_commit_callbacks,
):
    colleague = make_member(organisation, OrgRole.ADMIN)
    campaign = compose(animator_client, network)
    send(animator_client, network, campaign, django_capture_on_commit_callbacks)
    theirs = InboxMessage.objects.get(recipient=colleague)
    client.force_login(org_admin)
    assert client.get(reverse("inbox_message", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    # The animator neither: the copy is the recipient's.
    assert animator_client.get(reverse("inbox_message", args=[theirs.pk])).status_code == 404


def test_a_sent_campaign_cannot_be_edited_or_deleted(
    animator_client, network, organisation, org_admin, django_capture_on_commit_callbacks
):
    campaign = compose(animator_client, network)
    send(animator_client, network, campaign, django_capture_on_commit_callbacks)
    edit = animator_client.post(
        reverse("campaign_edit", args=[network.slug, campaign.pk]),
        {
            "subject": "Changé",
            "body": "x",
            "audience": "all",
            "recipients": "people",
            "theme_limit": 10,
        },
    )
    assert edit.status_code == 302
    campaign.refresh_from_db()
    assert campaign.subject == "Des nouvelles"
    delete = animator_client.post(reverse("campaign_delete", args=[network.slug, campaign.pk]))
    assert delete.status_code == 404


def test_the_home_page_says_how_many_messages_are_new(
    animator_client,
    network,
    organisation,
    org_admin,
    client,
    django_capture_on_commit_callbacks,
):
    campaign = compose(animator_client, network)  # the same client, as the animator
    client.force_login(org_admin)
    assert 'id="home-unread"' not in client.get(reverse("home")).content.decode()
    client.force_login(campaign.created_by)
    send(client, network, campaign, django_capture_on_commit_callbacks)
    client.force_login(org_admin)
    page = client.get(reverse("home")).content.decode()
    assert 'id="home-unread"' in page and reverse("inbox") in page
