"""A member's first footprint in a browser: three categories filled in,
the results and their chart, the top reduction lever added to the plan with
its tCO2e."""

import pytest
from playwright.sync_api import expect

from levier.accounts.models import OrgRole
from levier.carbon import defaults
from levier.carbon.factors import shipped
from levier.engine.carbon import units
from levier.plans.models import Action
from tests.browser.conftest import _no_csp_violation  # noqa: F401 (autouse fixture)
from tests.browser.pages import phone_signed_in
from tests.browser.test_assessment_journey import ready
from tests.carbon.factories import make_inventory
from tests.factories import make_member, make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Category, what it is, shipped factor, quantity typed in the factor's own unit.
LINES = [
    ("business_travel", "Tournées des commerciaux", "car-average-km", "60 000"),
    ("fuel_vehicles", "Gazole des camionnettes", "diesel-litre", "1 000"),
    ("electricity", "Électricité de l’atelier", "electricity-france", "20 000"),
]


def add_line(page, post, label, factor, quantity):
    section = page.locator(f"#post-{post}")
    section.get_by_role("link", name="Ajouter une ligne").click()
    form = section.locator("form.line-form")
    expect(form).to_be_visible()
    form.get_by_label("De quoi il s’agit").fill(label)
    form.locator("select[name=factor]").select_option(value=str(factor.pk))
    # Choosing the factor reloads the form with the units it takes.
    page.wait_for_load_state("networkidle")
    expect(section.locator("select[name=factor]")).to_have_value(str(factor.pk))
    expect(section.locator("select[name=unit] option")).to_have_count(
        len(units.compatible_units(factor.unit))
    )
    section.get_by_label("Quantité").fill(quantity)
    section.get_by_role("button", name="Enregistrer la ligne").click()
    expect(section.get_by_role("heading", name=label)).to_be_visible()


def test_a_member_measures_its_footprint_and_plans_a_reduction(live_server, browser):
    defaults.sync()
    organisation = make_organisation(name="Atelier Delta", headcount=12)
    member = make_member(organisation, OrgRole.ADMIN)
    inventory = make_inventory(organisation, year=2025, headcount=12)
    context, page = phone_signed_in(browser, live_server, member.email)

    page.goto(live_server.url + f"/o/{organisation.slug}/carbon/{inventory.pk}/")
    ready(page)
    for post, label, key, quantity in LINES:
        add_line(page, post, label, shipped(key), quantity)
    assert inventory.lines.count() == 3

    page.goto(live_server.url + f"/o/{organisation.slug}/carbon/{inventory.pk}/results/")
    scopes = page.locator("section", has=page.get_by_role("heading", name="Par scope"))
    expect(scopes.locator("svg").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.goto(live_server.url + f"/o/{organisation.slug}/carbon/{inventory.pk}/where-to-start/")
    ready(page)
    # Car travel weighs most here: its section comes first, with its levers.
    first = page.locator("section.carbon-start").first
    expect(first.get_by_role("heading", level=2)).to_contain_text("1.")
    lever = first.locator("article.lever").first
    figure = lever.locator(".lever-figure")
    expect(figure).to_contain_text("tCO2e")
    lever.get_by_role("button", name="Ajouter au plan").click()

    action = Action.objects.get(organisation=organisation)
    reduction = action.carbon_reduction
    assert reduction.inventory == inventory and reduction.projected_kg > 0
    page.goto(live_server.url + f"/o/{organisation.slug}/plan/")
    expect(page.get_by_text(action.title).first).to_be_visible()
    expect(page.locator(".carbon-gain").first).to_contain_text("tCO2e")
    context.close()
