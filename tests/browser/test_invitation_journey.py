"""A demo organisation admin invites a colleague, who joins and sees the organisation."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_invites_a_colleague_who_joins(live_server, page, browser):
    call_command("demo")
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Adresse e-mail").fill("claire@atelier-boisvert.example")
    page.get_by_label("Mot de passe").fill("levier-demo")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Bonjour Claire Boisvert")).to_be_visible()

    page.get_by_role("link", name="Atelier Boisvert").first.click()
    page.get_by_role("link", name="Inviter une personne").click()
    page.get_by_label("Adresse e-mail").fill("nouvelle.recrue@atelier-boisvert.example")
    page.get_by_label("Rôle").select_option("contributor")
    page.get_by_role("button", name="Envoyer l’invitation").click()
    expect(page.get_by_role("status")).to_contain_text("Invitation envoyée")
    expect(
        page.get_by_role("button", name="Retirer l’invitation de nouvelle.recrue@atelier-boisvert")
    ).to_be_visible()

    link = re.search(r"http://\S+/invitations/\S+", mail.outbox[-1].body).group(0)
    colleague = browser.new_context(locale="fr-FR").new_page()
    colleague.goto(link)
    expect(colleague.get_by_role("heading", name="Rejoindre Atelier Boisvert")).to_be_visible()
    colleague.get_by_label("Votre nom").fill("Nina Recrue")
    colleague.get_by_label("Choisissez un mot de passe").fill("un mot de passe solide")
    colleague.get_by_label("Mot de passe (confirmation)").fill("un mot de passe solide")
    colleague.get_by_role("button", name="Créer mon compte et rejoindre").click()

    expect(colleague.get_by_role("heading", name="Atelier Boisvert", exact=True)).to_be_visible()
    expect(colleague.get_by_role("status")).to_contain_text("Bienvenue chez Atelier Boisvert")
    expect(colleague.get_by_role("cell", name=re.compile("Nina Recrue"))).to_be_visible()
    expect(colleague.get_by_role("cell", name=re.compile("Claire Boisvert"))).to_be_visible()
