"""In a browser, on a phone's width: a member writes a project and shares it
with the network's funders; the funder's contact person signs in and finds it
among the projects that fit."""

import os

import pytest
from playwright.sync_api import expect

from levier.finance.models import Project
from tests.browser.conftest import _fresh_rate_limit_counters, _no_csp_violation  # noqa: F401
from tests.factories import PASSWORD
from tests.finance.project_fixtures import finance_world, themes_fixture  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
SHOTS = os.environ.get("LEVIER_SCREENSHOTS")


def _sign_in(page, url, email):
    page.goto(url + "/accounts/login/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def test_a_member_shares_a_project_and_the_funder_finds_it(live_server, browser, fw):
    member = browser.new_context(locale="fr-FR", viewport=PHONE).new_page()
    _sign_in(member, live_server.url, fw["admin"].email)
    member.goto(f"{live_server.url}/o/{fw['carrier'].slug}/projects/new/")
    member.locator("#id_title").fill("Ressourcerie du canal")
    member.locator("#id_purpose").fill("Collecter, réparer et revendre.")
    member.locator("#id_impact_targets").fill("50 tonnes évitées par an.")
    member.locator(f"input[name=themes][value={fw['themes'][0]}]").check()
    member.locator(f"input[name=actions][value='{fw['action'].pk}']").check()
    member.locator("#id_stage").select_option("launch")
    member.locator("#id_amount_sought").fill("120000")
    member.locator("input[name=instruments][value=loan]").check()
    member.locator("#id_use_of_funds").fill("Un camion.")
    member.locator("#id_accompanied_by").fill("Alliances Accélérateur")
    member.locator("input[name=visibility][value=funders]").check()
    member.locator("form.finance-form button[type=submit]").click()
    expect(member.get_by_role("heading", name="Ressourcerie du canal")).to_be_visible()
    project = Project.objects.get(title="Ressourcerie du canal")

    member.goto(f"{live_server.url}/o/{fw['carrier'].slug}/projects/{project.pk}/funders/")
    expect(member.get_by_role("heading", name="Fonds Impact")).to_be_visible()
    assert member.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    if SHOTS:
        member.screenshot(path=f"{SHOTS}/finance-matching.png", full_page=True)

    funder = browser.new_context(locale="fr-FR", viewport=PHONE).new_page()
    _sign_in(funder, live_server.url, "fonds@example.org")
    expect(funder).to_have_url(f"{live_server.url}/f/{fw['network'].slug}/")
    expect(funder.get_by_role("link", name="Ressourcerie du canal")).to_be_visible()
    assert funder.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    if SHOTS:
        funder.screenshot(path=f"{SHOTS}/finance-funder-home.png", full_page=True)
    funder.get_by_role("link", name="Ressourcerie du canal").click()
    expect(funder.get_by_text("Collecter, réparer et revendre.")).to_be_visible()
    expect(funder.get_by_text("Installer la presse")).to_have_count(0)
