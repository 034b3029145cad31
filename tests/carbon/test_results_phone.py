"""The results page in a phone-sized browser: the charts and tables fit the
screen (no sideways scroll), nothing refused by the Content Security Policy."""

import pytest
from playwright.sync_api import expect

from levier.accounts.models import OrgRole
from tests.browser.conftest import _no_csp_violation  # noqa: F401 (autouse fixture)
from tests.browser.pages import phone_signed_in
from tests.carbon.factories import make_inventory
from tests.carbon.test_results import YEAR_LINES, add_lines
from tests.factories import make_member, make_organisation

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
