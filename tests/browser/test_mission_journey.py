"""A société à mission in a browser, on a phone, in English: a member with an
action plan defines its mission and two statutory objectives, declines each
into an operational objective with an indicator, records a measurement,
links an action of its plan, names its committee, holds a meeting and
downloads the committee's annual report as a PDF. The mission's overview
has no sideways scroll at 390 px."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from levier.accounts.models import OrgRole
from levier.engine.mission.calendar import add_months
from levier.mission.models import (
    CommitteeMeeting,
    CommitteeReport,
    Indicator,
    IndicatorMeasurement,
    Mission,
    OperationalObjective,
)
from levier.plans.models import Action
from tests.browser.conftest import _no_csp_violation  # noqa: F401 (autouse fixture)
from tests.browser.pages import PHONE
from tests.factories import PASSWORD, make_member, make_network_staff, make_organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def english_phone(browser, live_server, email):
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return context, page


def field(page, label):
    """The field labelled exactly ``label`` (Django adds a colon)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}\s*:?$"))


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def add_objective(page, wording, kind, theme):
    page.get_by_role("link", name="Add a statutory objective").click()
    page.get_by_label("Objective as written in the articles").fill(wording)
    page.get_by_label("Kind").select_option(label=kind)
    page.get_by_label("Theme").select_option(label=theme)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(wording)).to_be_visible()


def add_operational_with_indicator(page, number, title, indicator, unit, baseline, target):
    """From the overview: an operational objective under objective
    ``number``, then its indicator; ends on the indicator's page."""
    card = page.locator("article.mission-objective").nth(number - 1)
    card.get_by_role("link", name="Add an operational objective").click()
    field(page, "Operational objective").fill(title)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    page.get_by_role("link", name="Add an indicator").click()
    field(page, "Indicator").fill(indicator)
    page.get_by_label("Unit").fill(unit)
    today = date.today()
    field(page, "Baseline").fill(str(baseline[0]))
    page.get_by_label("Baseline date").fill(add_months(today, -baseline[1]).isoformat())
    field(page, "Target").fill(str(target[0]))
    page.get_by_label("Target date").fill(add_months(today, target[1]).isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name=indicator, level=1)).to_be_visible()


def test_a_member_follows_its_mission_and_downloads_the_committees_report(live_server, browser):
    organisation = make_organisation(name="Atelier Kappa", headcount=60, is_mission=True)
    member = make_member(organisation, OrgRole.ADMIN, full_name="Nina Kappa")
    action = Action.objects.create(
        organisation=organisation, title="Offer a sustainable mobility allowance"
    )
    Action.objects.create(organisation=organisation, title="Train managers in inclusive hiring")
    context, page = english_phone(browser, live_server, member.email)
    overview = live_server.url + f"/o/{organisation.slug}/mission/"

    # The mission: raison d'être, publication two years ago, a committee.
    page.goto(overview)
    page.get_by_role("link", name="Define the mission").click()
    page.get_by_label("Raison d'être").fill("Build furniture that lasts, with local wood.")
    published = add_months(date.today(), -24)
    page.get_by_label("Publication at the trade register").fill(published.isoformat())
    page.get_by_label("Mission committee").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Build furniture that lasts, with local wood.")).to_be_visible()

    # Two statutory objectives, each declined with an indicator.
    add_objective(
        page, "Cut the carbon footprint of our workshop.", "Environmental", "Climate and energy"
    )
    add_objective(
        page,
        "Train and hire people far from employment.",
        "Social",
        "Inclusion, diversity and equal opportunities",
    )
    page.goto(overview)
    add_operational_with_indicator(
        page, 1, "Cut commuting emissions", "Commuting emissions", "t CO2e", (40, 24), (20, 24)
    )
    # A measurement, with its source.
    page.get_by_label("Value").fill("34")
    page.get_by_label("Source").fill("Commuting survey")
    page.get_by_role("button", name="Record", exact=True).click()
    expect(page.get_by_role("cell", name="Commuting survey")).to_be_visible()

    # The plan's action linked to the operational objective.
    page.get_by_role("link", name="Cut commuting emissions").first.click()
    page.get_by_role("link", name="Link actions and questions").click()
    page.get_by_label("Offer a sustainable mobility allowance").check()
    page.get_by_role("button", name="Save the links").click()
    expect(page.get_by_role("link", name="Offer a sustainable mobility allowance")).to_be_visible()

    page.goto(overview)
    add_operational_with_indicator(
        page, 2, "Hire apprentices", "Apprentices hired", "people", (2, 12), (6, 24)
    )
    page.goto(overview)
    assert no_sideways_scroll(page)
    expect(page.get_by_text("Cut commuting emissions")).to_be_visible()
    expect(page.get_by_text("Hire apprentices")).to_be_visible()

    # The committee: an employee, then a meeting with agenda and minutes.
    page.get_by_role("navigation", name="Sections of the mission").get_by_role(
        "link", name="Committee"
    ).click()
    page.get_by_role("link", name="Add a member").click()
    field(page, "Name").fill("Paul Roux")
    page.get_by_label("Quality").fill("employee, carpenter")
    page.get_by_label("Employee of the company").check()
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("cell", name="Paul Roux")).to_be_visible()
    assert no_sideways_scroll(page)

    page.get_by_role("link", name="Record a meeting").click()
    page.get_by_label("Date").fill(date.today().isoformat())
    page.get_by_label("Agenda").fill("Review of the indicators")
    page.get_by_label("Paul Roux").check()
    page.get_by_label("Minutes").fill("The committee asks for a car-pooling plan.")
    page.get_by_role("button", name="Record the meeting").click()
    expect(page.get_by_text("The committee asks for a car-pooling plan.")).to_be_visible()

    # The annual report: started, the committee's opinion written, the PDF.
    page.get_by_role("navigation", name="Sections of the mission").get_by_role(
        "link", name="Committee"
    ).click()
    page.get_by_role("link", name="Write a report").click()
    page.get_by_role("button", name="Start the report").click()
    field(page, "The committee's opinion").fill("The mission is pursued sincerely.")
    page.get_by_role("button", name="Save").click()
    expect(field(page, "The committee's opinion")).to_have_value(
        "The mission is pursued sincerely."
    )
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    context.close()

    mission = Mission.objects.get(organisation=organisation)
    assert mission.published_on == published and mission.objectives.count() == 2
    objectives = OperationalObjective.objects.filter(organisation=organisation)
    assert sorted(objectives.values_list("title", flat=True)) == [
        "Cut commuting emissions",
        "Hire apprentices",
    ]
    assert list(objectives.get(title="Cut commuting emissions").actions.all()) == [action]
    assert Indicator.objects.filter(objective__organisation=organisation).count() == 2
    measurement = IndicatorMeasurement.objects.get(indicator__name="Commuting emissions")
    assert (measurement.value, measurement.source, measurement.recorded_by) == (
        34.0,
        "Commuting survey",
        member,
    )
    meeting = CommitteeMeeting.objects.get(mission=mission)
    assert [m.name for m in meeting.attendees.all()] == ["Paul Roux"]
    report = CommitteeReport.objects.get(mission=mission)
    assert report.opinion == "The mission is pursued sincerely."


def test_an_animator_sees_the_overdue_verification_first_on_a_phone(live_server, browser):
    organisation = make_organisation(name="Atelier Lambda", is_mission=True)
    network = organisation.network
    Mission.objects.create(
        organisation=organisation, purpose="Late", published_on=add_months(date.today(), -20)
    )
    on_time = make_organisation(network, name="Atelier Mu", is_mission=True)
    Mission.objects.create(
        organisation=on_time, purpose="Early", published_on=add_months(date.today(), -2)
    )
    make_organisation(network, name="Atelier Nu", is_mission=True)
    animator = make_network_staff(network)
    context, page = english_phone(browser, live_server, animator.email)
    page.goto(live_server.url + reverse("network_dashboard", args=[network.slug]))
    page.get_by_role("link", name="Companies with a mission").click()
    rows = page.locator("table").first.locator("tbody tr")
    expect(rows.first).to_contain_text("Atelier Lambda")
    expect(rows.first).to_contain_text("overdue")
    expect(rows.nth(1)).to_contain_text("Atelier Mu")
    expect(page.get_by_role("link", name="Atelier Nu")).to_be_visible()
    assert no_sideways_scroll(page)
    page.screenshot(path="/tmp/mission-network-phone.png", full_page=True)
    context.close()
