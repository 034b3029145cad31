"""An animator of the demo network writes to a club: previews the message as
they type, checks who it reaches, sends it; a member of the club finds it in
their Levier inbox, on a phone."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from levier.accounts.demo import NETWORK_SLUG, PASSWORD
from levier.clubs.models import ClubMember
from levier.messaging.models import Campaign, Delivery, InboxMessage
from tests.browser.pages import PHONE
from tests.browser.test_phone_pages import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(browser, live_server, email):
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return context, page


def fits(page):
    """No sideways scrolling on a phone, and no serious accessibility problem."""
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert serious_violations(page) == []


def test_an_animator_writes_to_a_club_and_a_member_reads_it(live_server, browser):
    call_command("demo")
    club_members = list(
        ClubMember.objects.filter(club__name="Club mobilité", club__network__slug=NETWORK_SLUG)
        .select_related("user")
        .order_by("pk")
    )
    reader = club_members[0].user

    context, page = sign_in(browser, live_server, "animation@levier.example")
    page.goto(f"{live_server.url}/n/{NETWORK_SLUG}/messages/")
    page.locator("#new-campaign").click()
    page.locator("#id_subject").fill("Rencontre mobilité de mars")
    page.locator("#id_body").fill("Bonjour,\n\n**Rendez-vous le 12 mars** au <b>Totem</b>.")
    preview = page.locator("#campaign-preview")
    expect(preview.locator("strong")).to_have_text("Rendez-vous le 12 mars")
    expect(preview).to_contain_text("<b>Totem</b>")  # shown as typed, never as HTML
    page.locator("input[name=audience][value=club]").check()
    page.locator("#id_club").select_option(label="Club mobilité")
    page.locator("input[name=recipients][value=direct]").check()
    fits(page)
    page.locator("#save-campaign").click()

    expect(page.locator("#recipient-count")).to_contain_text(str(len(club_members)))
    fits(page)
    page.locator("#send-campaign").click()
    expect(page.locator("#delivery-counts")).to_be_visible()
    fits(page)
    campaign = Campaign.objects.get(subject="Rencontre mobilité de mars")
    assert campaign.status == Campaign.Status.SENT
    assert Delivery.objects.filter(campaign=campaign).count() == len(club_members)
    context.close()

    unread = InboxMessage.objects.filter(recipient=reader, read_at=None).count()
    context, page = sign_in(browser, live_server, reader.email)
    expect(page.locator("#nav-inbox .badge")).to_contain_text(str(unread))
    page.locator("#nav-inbox").click()
    page.wait_for_url("**/inbox/")
    fits(page)
    page.get_by_role("link", name="Rencontre mobilité de mars").click()
    expect(page.get_by_role("heading", name="Rencontre mobilité de mars", level=1)).to_be_visible()
    expect(page.locator("article strong")).to_have_text("Rendez-vous le 12 mars")
    fits(page)
    if unread == 1:
        expect(page.locator("#nav-inbox .badge")).to_have_count(0)
    else:
        expect(page.locator("#nav-inbox .badge")).to_contain_text(str(unread - 1))
    context.close()
