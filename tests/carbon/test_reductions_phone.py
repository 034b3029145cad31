"""Where to start reducing, on a phone: the page fits the screen, a share
typed in a lever updates its figure in place, nothing refused by the Content
Security Policy; the network's footprint fits too."""

import pytest
from django.template.defaultfilters import floatformat
from django.utils import translation
from playwright.sync_api import expect

from levier.accounts.models import OrgRole
from levier.carbon.models import Inventory
from tests.browser.conftest import _no_csp_violation  # noqa: F401 (autouse fixture)
from tests.browser.pages import phone_signed_in
from tests.carbon.factories import make_factor, make_inventory, make_line
from tests.factories import make_member, make_network, make_network_staff, make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KWH, KG_PER_KWH = 40000.0, 0.06


def test_where_to_start_fits_a_phone_and_follows_the_share(live_server, browser):
    organisation = make_organisation(name="Atelier Epsilon")
    member = make_member(organisation, OrgRole.CONTRIBUTOR)
    inventory = make_inventory(organisation, year=2025)
    make_line(
        inventory,
        "electricity",
        KWH,
        factor=make_factor(KG_PER_KWH, "kWh", posts=("electricity",)),
    )
    make_line(inventory, "waste", 3.0, factor=make_factor(120.0, "t", posts=("waste",)))
    context, page = phone_signed_in(browser, live_server, member.email)
    page.goto(live_server.url + f"/o/{organisation.slug}/carbon/{inventory.pk}/where-to-start/")
    page.wait_for_function("() => window.htmx !== undefined")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    lever = page.locator("#lever-electricity-sobriety")
    lever.get_by_label("Part (%)").fill("25")
    with translation.override("fr"):
        expected = floatformat(0.25 * KWH * KG_PER_KWH / 1000, "2g")
    expect(lever.locator(".lever-figure")).to_contain_text(expected)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


def test_the_networks_footprint_fits_a_phone(live_server, browser):
    network = make_network()
    factor = make_factor(0.05, "kWh", posts=("electricity",))
    for n in range(5):
        organisation = make_organisation(network, headcount=10 + n)
        inventory = make_inventory(
            organisation, year=2024, headcount=10 + n, status=Inventory.Status.LOCKED
        )
        make_line(inventory, "electricity", 1000.0 * (n + 1), factor=factor)
    animator = make_network_staff(network)
    context, page = phone_signed_in(browser, live_server, animator.email)
    page.goto(live_server.url + f"/n/{network.slug}/carbon/")
    expect(
        page.get_by_role("heading", name="Empreinte carbone du réseau", level=1)
    ).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
