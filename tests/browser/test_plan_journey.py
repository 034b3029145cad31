"""From a submitted assessment to an assigned action, done, and the plan moving."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from levier.accounts.models import Organisation
from levier.assessments.models import Assessment
from levier.plans.models import Action
from tests.browser.test_assessment_journey import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(db):
    call_command("demo")
    return Organisation.objects.get(name="Atelier Boisvert")


def test_the_top_quick_win_goes_into_the_plan_and_gets_done(live_server, page, demo):
    submitted = Assessment.objects.get(organisation=demo, status=Assessment.Status.SUBMITTED)
    already = Action.objects.filter(organisation=demo).count()
    sign_in(page, live_server, "claire@atelier-boisvert.example")
    page.goto(live_server.url + f"/o/{demo.slug}/assessments/{submitted.pk}/results/")

    page.get_by_role("link", name="Par où commencer ?").first.click()
    expect(page.get_by_role("heading", name="Par où commencer ?", level=1)).to_be_visible()
    quick_wins = page.locator("section", has=page.get_by_role("heading", name="Gains rapides"))
    top = quick_wins.locator("article").first
    question = top.get_by_role("heading", level=3).inner_text()
    top.get_by_label("Responsable").select_option(label="Hugo Ferrand")
    top.get_by_role("button", name="Ajouter au plan").click()

    expect(page.locator(".messages").get_by_role("status")).to_contain_text("est dans votre plan")
    action = Action.objects.filter(organisation=demo).latest("pk")
    assert action.owner.display_name == "Hugo Ferrand"
    assert action.projected_gain > 0
    assert page.locator(f"#s-{action.question_code} h3").first.inner_text() == question
    expect(
        page.locator(f"#s-{action.question_code}").first.get_by_text("Dans votre plan")
    ).to_be_visible()

    page.get_by_role("link", name="Voir votre plan d’action").click()
    expect(page.get_by_role("row", name=re.compile("Hugo Ferrand"))).to_be_visible()
    total = already + 1
    expect(page.get_by_text(f"Actions terminées : 0 sur {total}")).to_be_visible()

    page.get_by_role("link", name="Tableau").click()
    page.get_by_label(f"Statut de {action.title}").select_option(label="Terminée")
    page.get_by_role("button", name="Déplacer").click()

    expect(page.get_by_text(f"Actions terminées : 1 sur {total}")).to_be_visible()
    expect(page.locator("#plan-progress")).to_have_attribute("value", "1")
    action.refresh_from_db()
    assert action.status == Action.Status.DONE
