"""The carbon pages in a phone-sized browser: the results' charts and tables,
the inventory list and the factor imports fit the screen (no sideways
scroll); the network's figures keep each number whole; nothing refused by the
Content Security Policy."""

import pytest
from playwright.sync_api import expect

from levier.accounts.models import NetworkRole, OrgRole
from levier.carbon.models import FactorImport, FactorSource, Inventory
from tests.browser.conftest import _no_csp_violation  # noqa: F401 (autouse fixture)
from tests.browser.pages import phone_signed_in
from tests.carbon.factories import make_factor, make_inventory, make_line
from tests.carbon.test_results import YEAR_LINES, add_lines
from tests.factories import make_member, make_network, make_network_staff, make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_results_fit_a_phone(live_server, browser):
    organisation = make_organisation(name="Atelier Gamma")
    member = make_member(organisation, OrgRole.VIEWER)
    add_lines(make_inventory(organisation, year=2023), YEAR_LINES[:4])
    inventory = add_lines(make_inventory(organisation, year=2024, revenue_keur=2100), YEAR_LINES)
    context, page = phone_signed_in(browser, live_server, member.email)

    page.goto(live_server.url + f"/o/{organisation.slug}/carbon/{inventory.pk}/results/")
    page.wait_for_load_state()

    expect(page.get_by_role("heading", name="Bilan carbone 2024", level=1)).to_be_visible()
    expect(page.get_by_role("img", name="Émissions par scope et par catégorie")).to_be_visible()
    expect(page.get_by_role("heading", name="D’une année sur l’autre")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


def test_the_inventory_list_fits_a_phone(live_server, browser):
    organisation = make_organisation(name="Atelier Gamma")
    member = make_member(organisation, OrgRole.VIEWER)
    for year in (2022, 2023, 2024):
        add_lines(
            make_inventory(organisation, year=year, site="Entrepôt de Saint-Herblain"), YEAR_LINES
        )
    context, page = phone_signed_in(browser, live_server, member.email)

    page.goto(live_server.url + f"/o/{organisation.slug}/carbon/")
    page.wait_for_load_state()

    expect(page.get_by_role("heading", name="Empreinte carbone", level=1)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


def test_the_factor_imports_fit_a_phone(live_server, browser):
    network = make_network()
    admin = make_network_staff(network, NetworkRole.Role.NETWORK_ADMIN)
    FactorImport.objects.create(
        network=network,
        file_name="base-empreinte-export-complet-version-23-6-du-mois-de-janvier.csv",
        source=FactorSource.BASE_EMPREINTE,
        source_version="23.6",
        created=1200,
        updated=340,
        unchanged=15000,
        skipped=12,
        imported_by=admin,
    )
    context, page = phone_signed_in(browser, live_server, admin.email)

    page.goto(live_server.url + f"/n/{network.slug}/carbon/factors/import/")
    page.wait_for_load_state()

    expect(page.get_by_role("heading", name="Imports précédents")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_networks_figures_keep_each_number_on_one_line(live_server, browser, width):
    network = make_network()
    electricity = make_factor(0.05, "kWh", posts=("electricity",))
    for n in range(5):
        organisation = make_organisation(network, name=f"Member {n}")
        inventory = make_inventory(organisation, year=2024, status=Inventory.Status.LOCKED)
        make_line(inventory, "electricity", 24_000_000 + n, factor=electricity)  # 1,200 t each
    staff = make_network_staff(network)
    context, page = phone_signed_in(browser, live_server, staff.email)
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(live_server.url + f"/n/{network.slug}/carbon/")
    page.wait_for_load_state()

    numbers = page.locator(".cards.stats .big-score strong")
    expect(numbers.nth(1)).to_have_text("6\u202f000")
    for n in range(numbers.count()):
        rects = numbers.nth(n).evaluate("e => e.getClientRects().length")
        assert rects == 1, numbers.nth(n).inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
