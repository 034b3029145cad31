"""On a phone (390 px), the site's header stays short: the menu's links flow
on a couple of lines under the brand instead of one tall line each, and
nothing scrolls sideways."""

import pytest

from levier.accounts.models import OrgRole
from tests.browser.pages import phone_signed_in
from tests.factories import make_member, make_network, make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_header_of_a_member_with_a_network_role_fits_a_fifth_of_the_screen(
    live_server, browser
):
    network = make_network(name="Réseau Horizon RSE")
    organisation = make_organisation(network, name="Atelier Boisvert")
    member = make_member(organisation, OrgRole.ADMIN, email="claire@example.org")
    context, page = phone_signed_in(browser, live_server, member.email)

    header = page.locator("header.site-header").bounding_box()
    links = page.locator("header.site-header .nav-links li")

    assert links.count() >= 6  # practices, agenda, organisation, account, sign out, language
    assert header["height"] <= 844 / 5, header
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
