"""A member's VSME report in a browser, on a phone, in English: from no
report to a complete Basic Module, the values Levier pre-filled confirmed
page by page, the required datapoints typed in, the report marked complete
and EFRAG's template downloaded, filled."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from levier.accounts.models import LegalForm, OrgRole
from levier.carbon import defaults
from levier.carbon.factors import shipped
from levier.engine.vsme import template
from levier.vsme.models import VsmeReport
from tests.browser.conftest import _no_csp_violation  # noqa: F401 (autouse fixture)
from tests.browser.pages import PHONE, phone_signed_in
from tests.carbon.factories import make_inventory, make_line
from tests.factories import PASSWORD, make_member, make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# B8 typed consistently with the headcount Levier pre-fills (12).
WORKFORCE = {
    "NumberOfPermanentContractEmployees": "10",
    "NumberOfMaleEmployees": "5",
    "NumberOfFemaleEmployees": "7",
    "NumberOfOtherGenderEmployees": "0",
    "NumberOfNonReportedGenderEmployees": "0",
}

# Fills every empty input of a required datapoint, and the first row of the
# required tables (a mass rather than a volume: a row gives one of them).
FILL_REQUIRED = """
() => {
  const required = [...document.querySelectorAll('.vsme-datapoint')].filter(
    (block) => block.querySelector('.vsme-requirement').textContent.includes('Required'));
  for (const block of required) {
    for (const field of block.querySelectorAll('input[type=text], textarea, select')) {
      if (field.multiple) {
        if (![...field.options].some((o) => o.selected)) field.options[0].selected = true;
      } else if (field.tagName === 'SELECT') {
        if (!field.value) field.selectedIndex = 1;
      } else if (!field.value) {
        field.value = field.tagName === 'TEXTAREA' ? 'Policy described in our handbook' : '3';
      }
    }
  }
  for (const table of document.querySelectorAll('.vsme-table')) {
    const first = table.querySelector('tbody tr');
    const filled = [...first.querySelectorAll('input, select')].some((f) => f.value);
    const required = ['dp-ListOfSitesTable', 'dp-WasteGeneratedTable'].includes(table.id);
    if (filled || !required) continue;
    for (const field of first.querySelectorAll('input[type=text], select')) {
      if (field.name.includes('Volume') || field.name.includes('GPS')) continue;
      if (field.tagName === 'SELECT') field.selectedIndex = 1;
      else field.value = '4';
    }
  }
}
"""


def english_phone(browser, live_server, email):
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return context, page


def test_a_member_completes_the_basic_module_and_downloads_the_template(live_server, browser):
    defaults.sync()
    organisation = make_organisation(
        name="Atelier Epsilon", headcount=12, legal_form=LegalForm.SARL
    )
    member = make_member(organisation, OrgRole.ADMIN)
    inventory = make_inventory(organisation, year=2025, headcount=12)
    make_line(inventory, "electricity", 40_000, factor=shipped("electricity-france"))
    context, page = english_phone(browser, live_server, member.email)

    page.goto(live_server.url + f"/o/{organisation.slug}/vsme/")
    page.get_by_role("link", name="Start your VSME report").click()
    page.get_by_label("Start of the reporting period").fill("2025-01-01")
    page.get_by_label("End of the reporting period").fill("2025-12-31")
    page.get_by_role("button", name="Start the report").click()
    expect(page.get_by_text("Your VSME report is started.")).to_be_visible()
    expect(page.locator(".notice")).to_contain_text("pre-filled by Levier")
    report = VsmeReport.objects.get(organisation=organisation)

    page.get_by_role("link", name="B1 · ").first.click()
    for code in [f"B{n}" for n in range(1, 12)]:
        page.wait_for_load_state()
        expect(page.get_by_role("heading", level=1)).to_contain_text(code)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), code
        confirm = page.get_by_role("button", name="Confirm every pre-filled value of this page")
        if page.locator(".vsme-source .badge").count():
            confirm.click()
            page.wait_for_load_state()
        if code == "B8":
            for name, value in WORKFORCE.items():
                page.locator(f"[name={name}]").fill(value)
        page.evaluate(FILL_REQUIRED)
        page.locator("form.vsme-form button[type=submit]").click()
        expect(page.locator(".error")).to_have_count(0)

    expect(page.get_by_role("heading", level=1)).to_contain_text("VSME report")
    page.get_by_role("button", name="Mark the report complete").click()
    expect(page.get_by_text("Your VSME report is complete.")).to_be_visible()
    report.refresh_from_db()
    assert report.is_complete

    with page.expect_download() as download:
        page.get_by_role("link", name="EFRAG's VSME Digital Template, filled (XLSX)").click()
    filled = Path(download.value.path()).read_bytes()
    values = template.read(
        filled,
        [
            "NumberOfEmployees",
            "GrossLocationBasedScope2GreenhouseGasEmissions",
            "NumberOfFemaleEmployees",
        ],
    )
    assert values["NumberOfEmployees"] == 12
    assert values["NumberOfFemaleEmployees"] == 7
    assert values["GrossLocationBasedScope2GreenhouseGasEmissions"] == pytest.approx(
        40_000 * shipped("electricity-france").value / 1000
    )
    context.close()


def test_in_french_the_report_reads_in_french_on_a_phone(live_server, browser):
    organisation = make_organisation(name="Atelier Zêta", headcount=8)
    member = make_member(organisation, OrgRole.ADMIN)
    context, page = phone_signed_in(browser, live_server, member.email)
    page.goto(live_server.url + f"/o/{organisation.slug}/vsme/")
    page.get_by_role("link", name="Commencer votre rapport VSME").click()
    page.get_by_role("button", name="Commencer le rapport").click()
    expect(page.get_by_text("Votre rapport VSME est créé.")).to_be_visible()
    page.get_by_role("link", name="B1 · ").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("B1 · Base de préparation")
    expect(page.locator(".vsme-requirement").first).to_contain_text("Obligatoire")
    expect(page.locator(".vsme-source").first).to_contain_text("Profil de l’organisation")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role(
        "button", name="Confirmer toutes les valeurs préremplies de cette page"
    ).click()
    expect(page.locator(".vsme-source .badge")).to_have_count(0)
    context.close()
