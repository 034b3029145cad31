"""Pages run under the Content Security Policy, the back office included; the
browser fixtures (conftest.py) see any violation."""

import re

import pytest
from playwright.sync_api import expect

from levier.accounts.models import NetworkRole
from tests.browser.conftest import csp_violations
from tests.factories import PASSWORD, make_network, make_network_staff, make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_violation_is_seen(live_server, page, _no_csp_violation):
    page.goto(live_server.url + "/accounts/login/")
    page.evaluate("document.body.setAttribute('style', 'color: red')")
    page.evaluate(
        "const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
        "document.body.append(s)"
    )
    page.wait_for_timeout(200)

    assert page.evaluate("window.ran") is None
    assert len(csp_violations(_no_csp_violation)) == 2
    # Seen: the test passes instead of failing at teardown.
    _no_csp_violation.clear()


def test_the_back_office_works_under_the_policy(live_server, page):
    network = make_network(name="Réseau Horizon")
    organisation = make_organisation(network, name="Atelier Boisvert")
    admin = make_network_staff(network, NetworkRole.Role.NETWORK_ADMIN, email="admin@example.org")

    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill(admin.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page.locator("#site-name")).to_be_visible()

    page.goto(live_server.url + f"/admin/accounts/organisation/{organisation.pk}/change/")
    expect(page.locator("#id_name")).to_have_value("Atelier Boisvert")
    # The admin's own scripts run: the sidebar's filter is theirs.
    page.locator("#nav-filter").fill("organ")
    expect(page.locator("#nav-sidebar tr.current-model")).to_be_visible()
    page.locator("#id_name").fill("Atelier Boisvert et fils")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text(re.compile("Boisvert et fils"))


def test_htmx_left_to_its_defaults_would_break_the_policy(live_server, page, _no_csp_violation):
    """What base.html's htmx-config prevents: htmx adding its own <style>."""
    page.goto(live_server.url + "/accounts/login/")
    page.evaluate("document.querySelector('meta[name=htmx-config]').remove()")
    page.evaluate(
        "const s = document.createElement('script');"
        "s.src = '/static/vendor/htmx/htmx.min.js'; document.head.append(s)"
    )
    page.wait_for_function("() => window.htmx !== undefined")
    page.wait_for_timeout(200)

    assert csp_violations(_no_csp_violation)
    _no_csp_violation.clear()
