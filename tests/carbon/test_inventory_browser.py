"""The entry page in a phone-sized browser: a line added in place with htmx,
the units following the factor, the category's subtotal updated, no
sideways scroll, nothing refused by the Content Security Policy."""

import pytest
from playwright.sync_api import expect

from levier.accounts.models import OrgRole
from tests.browser.conftest import _no_csp_violation  # noqa: F401 (autouse fixture)
from tests.browser.pages import phone_signed_in
from tests.browser.test_assessment_journey import ready
from tests.carbon.factories import make_factor, make_inventory
from tests.factories import make_member, make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_line_is_added_in_place_on_a_phone(live_server, browser):
    organisation = make_organisation(name="Atelier Gamma")
    member = make_member(organisation, OrgRole.CONTRIBUTOR)
    inventory = make_inventory(organisation, year=2024)
    make_factor(value=2.5, unit="L", posts=("fuel_vehicles",), name_fr="Gazole routier")
    make_factor(value=0.2, unit="km", posts=("fuel_vehicles",), name_fr="Voiture moyenne")
    context, page = phone_signed_in(browser, live_server, member.email)

    page.goto(live_server.url + f"/o/{organisation.slug}/carbon/{inventory.pk}/")
    ready(page)
    section = page.locator("#post-fuel_vehicles")
    section.get_by_role("link", name="Ajouter une ligne").click()
    form = section.locator("form.line-form")
    expect(form).to_be_visible()
    form.get_by_label("De quoi il s’agit").fill("Camionnettes")
    factor = form.locator("select[name=factor]")
    option = factor.locator("option", has_text="Voiture moyenne")
    factor.select_option(value=option.get_attribute("value"))
    # The form comes back with the units of a factor per km only.
    expect(section.locator("select[name=unit] option")).to_have_count(1)
    section.get_by_label("Quantité").fill("12 000")
    section.get_by_role("button", name="Enregistrer la ligne").click()

    expect(section.get_by_role("heading", name="Camionnettes")).to_be_visible()
    expect(section.locator(".carbon-subtotal")).to_contain_text("2,4")
    expect(page.locator("#inventory-total")).to_contain_text("2,4")
    assert inventory.lines.get().quantity == 12000
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
