"""The line form's factor search in a browser: words typed, a result
chosen, the factor list set and the form reloaded with the factor's units."""

import pytest
from playwright.sync_api import expect

from levier.accounts.models import OrgRole
from levier.carbon import defaults
from levier.carbon.factors import shipped
from levier.engine.carbon import units
from tests.browser.conftest import _no_csp_violation  # noqa: F401 (autouse fixture)
from tests.browser.pages import phone_signed_in
from tests.browser.test_assessment_journey import ready
from tests.carbon.factories import make_inventory
from tests.factories import make_member, make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_finds_a_train_factor_by_its_words(live_server, browser):
    defaults.sync()
    train = shipped("train-ter-passenger-km")
    organisation = make_organisation(name="Atelier Delta")
    member = make_member(organisation, OrgRole.CONTRIBUTOR)
    inventory = make_inventory(organisation, year=2025)
    context, page = phone_signed_in(browser, live_server, member.email)

    page.goto(live_server.url + f"/o/{organisation.slug}/carbon/{inventory.pk}/")
    ready(page)
    section = page.locator("#post-business_travel")
    section.get_by_role("link", name="Ajouter une ligne").click()
    form = section.locator("form.line-form")
    form.get_by_label("De quoi il s’agit").fill("Trajets en train")
    search = form.get_by_label("Chercher un facteur")
    search.fill("train")
    search.press("Enter")  # searches, never saves the half-filled line

    results = form.locator(".factor-results")
    choice = results.get_by_role("button", name="Train régional (TER)")
    expect(choice).to_be_visible()
    expect(results.get_by_role("button", name="Semi-remorque")).to_have_count(0)
    choice.click()

    # The form comes back with the factor chosen and the units it takes.
    expect(section.locator("select[name=factor]")).to_have_value(str(train.pk))
    expect(section.locator("select[name=unit] option")).to_have_count(
        len(units.compatible_units(train.unit))
    )
    expect(section.get_by_label("De quoi il s’agit")).to_have_value("Trajets en train")
    expect(section.locator("select[name=factor]")).to_be_focused()
    assert inventory.lines.count() == 0
    context.close()
