"""An event fills up, a second member waits, the first cancels: the second
gets the seat and the email that says so."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from levier.accounts.models import OrgRole
from levier.events.models import Registration
from tests.events.factories import make_event
from tests.factories import PASSWORD, make_member, make_network, make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, email):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name=re.compile("^Bonjour"))).to_be_visible()


def open_event(page, title):
    page.get_by_role("link", name="Agenda", exact=True).click()
    expect(page.get_by_role("heading", name="Agenda", level=1)).to_be_visible()
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()


@pytest.fixture
def event(db):
    organisation = make_organisation(make_network(), name="Atelier Alpha")
    make_member(organisation, OrgRole.ADMIN, email="marie@example.org", full_name="Marie Martin")
    make_member(
        organisation, OrgRole.CONTRIBUTOR, email="paul@example.org", full_name="Paul Petit"
    )
    return make_event(organisation.network, title="Atelier mobilité douce", capacity=1)


def test_a_cancellation_gives_the_seat_to_the_first_in_line(live_server, browser, page, event):
    sign_in(page, live_server, "marie@example.org")
    open_event(page, event.title)
    page.get_by_role("button", name="S’inscrire").click()
    # The confirmation names the person without agreeing with a guessed gender.
    expect(page.get_by_role("status").first).to_contain_text("Marie Martin")
    expect(page.get_by_role("status").first).not_to_contain_text("est inscrit")
    expect(page.get_by_text("L’événement est complet")).to_be_visible()

    second = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris").new_page()
    sign_in(second, live_server, "paul@example.org")
    open_event(second, event.title)
    second.get_by_role("button", name="Rejoindre la liste d’attente").click()
    expect(second.get_by_role("status").first).to_contain_text("sur liste d’attente")
    expect(second.get_by_text("Sur liste d’attente, en position 1", exact=True)).to_be_visible()
    mail.outbox.clear()

    page.reload()
    page.get_by_role("button", name="Annuler l’inscription").click()
    expect(page.get_by_role("status").first).to_contain_text("est annulée")

    second.reload()
    expect(second.locator(".registration-list")).to_contain_text("Confirmée")
    paul = Registration.objects.get(user__email="paul@example.org")
    assert paul.status == Registration.Status.CONFIRMED
    (message,) = [m for m in mail.outbox if m.to == ["paul@example.org"]]
    assert "Une place s’est libérée" in message.subject
    assert any(name.endswith(".ics") for name, _content, _type in message.attachments)
    second.context.close()
