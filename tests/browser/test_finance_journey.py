"""Projects meet funders, in a browser: a member shares a project, the
animator opens a session, the project registers, the animator registers a
funder, both sides pick, the animator runs and publishes the schedule, and
each side finds its agenda."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from levier.accounts.models import Membership, Organisation, OrgRole
from levier.finance.models import Funder, FunderContact, MeetingSession, Project
from levier.frameworks.services import latest_pack
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SUBMIT = "form:has(input[name=login]) button[type=submit]"
PHONE = {"width": 390, "height": 844}


def sign_in(page, live_server, email, password="levier-demo"):
    page.goto(live_server.url + "/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator(SUBMIT).click()
    page.wait_for_load_state()


@pytest.fixture
def demo(db):
    call_command("demo")
    organisation = Organisation.objects.get(name="Atelier Boisvert")
    admin = Membership.objects.filter(organisation=organisation, role=OrgRole.ADMIN).first()
    # A funder and its contact person: the demo's own when it has them.
    funder = Funder.objects.filter(network__slug="horizon", contacts__isnull=False).first()
    if funder is None:
        funder = Funder.objects.create(
            network=organisation.network, name="Fonds Horizon Impact", kind="impact_fund"
        )
        FunderContact.objects.create(funder=funder, user=make_user("fonds@horizon.example"))
        contact_password = PASSWORD
    else:
        contact_password = "levier-demo"
    contact = funder.contacts.first().user
    return organisation, admin.user, funder, contact, contact_password


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_projects_meet_funders(live_server, browser, demo):
    organisation, member_user, funder, contact, contact_password = demo
    base = live_server.url

    # A member shares a project with the network's funders.
    member = browser.new_context(locale="fr-FR", viewport=PHONE).new_page()
    sign_in(member, live_server, member_user.email)
    member.goto(f"{base}/o/{organisation.slug}/projects/new/")
    member.locator("#id_title").fill("Ressourcerie du canal")
    member.locator("#id_purpose").fill("Collecter, réparer et revendre.")
    member.locator("#id_impact_targets").fill("50 tonnes évitées par an.")
    member.locator(f"input[name=themes][value={latest_pack().themes[0].code}]").check()
    actions = member.locator("input[name=actions]")
    if actions.count():
        actions.first.check()
    member.locator("#id_stage").select_option("launch")
    member.locator("#id_amount_sought").fill("120000")
    member.locator("input[name=instruments][value=loan]").check()
    member.locator("#id_use_of_funds").fill("Un camion.")
    member.locator("input[name=visibility][value=funders]").check()
    member.locator("form.finance-form button[type=submit]").click()
    expect(member.get_by_role("heading", name="Ressourcerie du canal")).to_be_visible()
    project = Project.objects.get(title="Ressourcerie du canal")

    # The animator opens a session.
    animator = browser.new_context(locale="fr-FR", viewport=PHONE).new_page()
    sign_in(animator, live_server, "animation@levier.example")
    animator.goto(f"{base}/n/horizon/sessions/new/")
    start = timezone.now() + timedelta(days=30)
    animator.locator("#id_title").fill("Rencontres financeurs")
    animator.locator("#id_first_slot_at").fill(_local(start))
    animator.locator("#id_slots").fill("3")
    animator.locator("#id_tables").fill("2")
    animator.locator("#id_place").fill("Salle du conseil")
    animator.locator("#id_registration_closes_at").fill(_local(start - timedelta(days=10)))
    animator.locator("#id_picks_close_at").fill(_local(start - timedelta(days=5)))
    animator.locator("form.session-form button[type=submit]").click()
    expect(animator.get_by_role("heading", name="Rencontres financeurs")).to_be_visible()
    session = MeetingSession.objects.get(title="Rencontres financeurs")

    # The project registers.
    member.goto(f"{base}/o/{organisation.slug}/sessions/{session.pk}/")
    member.locator("form.session-register select[name=choice]").select_option(str(project.pk))
    member.locator("form.session-register button[type=submit]").click()
    expect(member.locator("section.session-wishes")).to_have_count(1)

    # The animator registers the funder.
    animator.reload()
    animator.locator("form.session-register select[name=choice]").select_option(str(funder.pk))
    animator.locator("form.session-register button[type=submit]").click()
    expect(animator.locator("#funders-title")).to_contain_text("(1)")

    # Both sides pick.
    member.reload()
    member.locator("ul.wish-candidates button[value=add]").first.click()
    expect(member.locator("ol.wish-list")).to_contain_text(funder.name)
    partner = browser.new_context(locale="fr-FR").new_page()
    sign_in(partner, live_server, contact.email, contact_password)
    partner.goto(f"{base}/f/horizon/sessions/{session.pk}/")
    partner.locator("ul.wish-candidates li", has_text="Ressourcerie du canal").locator(
        "button[value=add]"
    ).click()
    expect(partner.locator("ol.wish-list")).to_contain_text("Ressourcerie du canal")

    # The animator runs the schedule and publishes it.
    animator.reload()
    animator.locator(f"form[action$='/sessions/{session.pk}/schedule/'] button").click()
    expect(animator.locator("table.session-grid")).to_contain_text("Ressourcerie du canal")
    animator.locator("button.publish-schedule").click()
    expect(animator.locator("table.session-grid")).to_contain_text(funder.name)
    assert animator.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # Each side finds its agenda.
    member.reload()
    expect(member.locator("section.session-agenda")).to_contain_text(funder.name)
    expect(member.locator("section.session-agenda")).to_contain_text(re.compile(r"\d\d:\d\d"))
    assert member.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    partner.reload()
    expect(partner.locator("section.session-agenda")).to_contain_text("Ressourcerie du canal")
