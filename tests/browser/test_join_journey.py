"""A company asks to join the demo network from its public page; the animator
accepts it and exports the directory; the contact sets up the organisation."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import expect

from levier.accounts.demo import NETWORK_SLUG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_prospect_joins_and_the_animator_exports_the_directory(live_server, page, browser):
    call_command("demo")
    visitor = browser.new_context(locale="fr-FR").new_page()
    visitor.goto(f"{live_server.url}/join/{NETWORK_SLUG}/")
    expect(visitor.get_by_role("heading", name="Adhérer à Réseau Horizon RSE")).to_be_visible()
    visitor.get_by_label("Nom de l’entreprise").fill("Brasserie du Canal")
    visitor.get_by_label("SIREN").fill("732 829 321")  # a wrong check digit
    visitor.get_by_label("Effectif").fill("14")
    visitor.get_by_label("Région").select_option(label="Bretagne")
    visitor.get_by_label("Votre nom").fill("Lucie Brasseur")
    visitor.get_by_label("Votre adresse e-mail").fill("lucie@brasserie.example")
    visitor.get_by_label(re.compile("J’accepte que l’équipe du réseau")).check()
    visitor.get_by_role("button", name="Envoyer ma demande").click()
    expect(visitor.get_by_text("n’est pas un SIREN valide")).to_be_visible()
    # Nothing typed is lost: only the SIREN needs fixing.
    expect(visitor.get_by_label("Votre nom")).to_have_value("Lucie Brasseur")
    visitor.get_by_label("SIREN").fill("732 829 320")
    visitor.get_by_label(re.compile("J’accepte que l’équipe du réseau")).check()
    visitor.get_by_role("button", name="Envoyer ma demande").click()
    expect(visitor.get_by_role("heading", name="Demande envoyée")).to_be_visible()

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Adresse e-mail").fill("animation@levier.example")
    page.get_by_label("Mot de passe").fill("levier-demo")
    page.locator("form:has(input[name=login]) button[type=submit]").click()
    page.goto(f"{live_server.url}/n/{NETWORK_SLUG}/organisations/")
    page.get_by_role("link", name="3 demandes d’adhésion à examiner").click()
    page.get_by_role("link", name="Brasserie du Canal").click()
    page.get_by_role("button", name="Accepter et inviter").click()
    expect(page.get_by_role("status")).to_contain_text("Brasserie du Canal est désormais membre")

    page.goto(f"{live_server.url}/n/{NETWORK_SLUG}/organisations/")
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX").click()
    assert download.value.suggested_filename == f"membres-{NETWORK_SLUG}.xlsx"
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "Brasserie du Canal" in names

    link = re.search(r"http://\S+/invitations/\S+", mail.outbox[-1].body).group(0)
    assert mail.outbox[-1].to == ["lucie@brasserie.example"]
    visitor.goto(link)
    expect(visitor.get_by_role("heading", name="Rejoindre Brasserie du Canal")).to_be_visible()
    visitor.get_by_label("Votre nom").fill("Lucie Brasseur")
    visitor.get_by_label("Choisissez un mot de passe").fill("un mot de passe solide")
    visitor.get_by_label("Mot de passe (confirmation)").fill("un mot de passe solide")
    visitor.get_by_role("button", name="Créer mon compte et rejoindre").click()
    expect(visitor.get_by_role("heading", name="Brasserie du Canal", exact=True)).to_be_visible()
