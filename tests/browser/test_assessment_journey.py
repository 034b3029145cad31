"""Answering with colleagues, submitting, seeing results; conflicts never lost."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from levier.accounts.models import Organisation
from levier.assessments import services
from levier.assessments.demo import demo_year
from levier.assessments.models import Answer, Assessment
from levier.engine.packs import SINGLE_CHOICE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, email):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill("levier-demo")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name=re.compile("^Bonjour"))).to_be_visible()


def ready(page):
    """Wait until htmx runs: a click before that would only save on "Save"."""
    page.wait_for_function("() => window.htmx !== undefined")


def first_theme_choices(assessment):
    """The first theme and its single-choice questions that apply, with their labels."""
    applicable = services.applicable_questions(assessment)
    theme = applicable[0].theme_code
    questions = [
        q
        for q in applicable
        if q.theme_code == theme and q.type == SINGLE_CHOICE and not q.condition
    ]
    return theme, questions


def another_level(assessment, question, skip=0):
    """A level other than the one carried over from the previous assessment."""
    carried = Answer.objects.filter(assessment=assessment, question_code=question.code).first()
    taken = set(carried.levels) if carried else set()
    return [level for level in question.levels if level.code not in taken][skip]


@pytest.fixture
def demo(db):
    call_command("demo")
    return Organisation.objects.get(name="Atelier Boisvert")


def start_assessment(page, live_server):
    sign_in(page, live_server, "claire@atelier-boisvert.example")
    page.get_by_role("link", name="Lancer une nouvelle évaluation").click()
    period = str(demo_year())
    page.get_by_label("Période évaluée").fill(period)
    page.get_by_role("button", name="Lancer").click()
    expect(page.get_by_role("heading", name=re.compile(f"Levier 360 · {period}"))).to_be_visible()
    return Assessment.objects.get(organisation__name="Atelier Boisvert", period=period)


def test_a_contributor_answers_a_theme_and_finds_it_after_reloading(
    live_server, page, browser, demo
):
    assessment = start_assessment(page, live_server)
    theme, questions = first_theme_choices(assessment)

    hugo = browser.new_context(locale="fr-FR").new_page()
    sign_in(hugo, live_server, "hugo@atelier-boisvert.example")
    hugo.get_by_role("link", name="Continuer à répondre").click()
    hugo.get_by_role("link", name="Commencer à répondre").click()
    expect(hugo).to_have_url(re.compile(f"/themes/{theme}/"))
    ready(hugo)
    chosen = {question.code: another_level(assessment, question) for question in questions[:2]}
    for code, level in chosen.items():
        block = hugo.locator(f"#q-{code}")
        block.get_by_label(level.label.fr).check()
        expect(block.get_by_role("status")).to_contain_text("Hugo Ferrand")

    hugo.reload()
    ready(hugo)

    for code, level in chosen.items():
        expect(hugo.locator(f"#q-{code}").get_by_label(level.label.fr)).to_be_checked()
        saved = Answer.objects.get(assessment=assessment, question_code=code)
        assert saved.levels == [level.code] and not saved.to_confirm


def test_the_admin_submits_and_sees_results_with_charts(live_server, page, demo):
    assessment = start_assessment(page, live_server)
    _theme, questions = first_theme_choices(assessment)
    page.get_by_role("link", name="Commencer à répondre").click()
    ready(page)
    level = another_level(assessment, questions[0])
    page.locator(f"#q-{questions[0].code}").get_by_label(level.label.fr).check()
    expect(page.locator(f"#q-{questions[0].code}").get_by_role("status")).to_contain_text(
        "Claire Boisvert"
    )

    page.goto(live_server.url + f"/o/{demo.slug}/assessments/{assessment.pk}/")
    page.get_by_role("link", name="Valider l’évaluation").click()
    # The demo's reassessment still holds answers carried over from last year:
    # the page says how many before submitting them as they are.
    expect(page.locator("#carried-over-unconfirmed")).to_contain_text(
        re.compile(f"reprises? de {demo_year() - 1}")
    )
    page.get_by_role("button", name="Valider quand même").click()

    expect(page.get_by_role("heading", name=re.compile("^Résultats"))).to_be_visible()
    expect(page.get_by_role("img", name="Scores par thème")).to_be_visible()
    expect(page.get_by_role("img", name="Scores par pilier")).to_be_visible()
    expect(page.get_by_text(re.compile(f"depuis {demo_year() - 1}"))).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le rapport PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")


def test_two_people_changing_the_same_answer_see_the_conflict(live_server, page, browser, demo):
    assessment = start_assessment(page, live_server)
    theme, questions = first_theme_choices(assessment)
    question = questions[0]
    theme_url = live_server.url + f"/o/{demo.slug}/assessments/{assessment.pk}/themes/{theme}/"
    page.goto(theme_url)
    ready(page)
    hugo = browser.new_context(locale="fr-FR").new_page()
    sign_in(hugo, live_server, "hugo@atelier-boisvert.example")
    hugo.goto(theme_url)
    ready(hugo)

    # Levels other than the one carried over from last year, so that each click saves.
    theirs, mine = another_level(assessment, question), another_level(assessment, question, 1)
    hugo.locator(f"#q-{question.code}").get_by_label(theirs.label.fr).check()
    expect(hugo.locator(f"#q-{question.code}").get_by_role("status")).to_contain_text(
        "Hugo Ferrand"
    )
    page.locator(f"#q-{question.code}").get_by_label(mine.label.fr).check()

    conflict = page.locator(f"#q-{question.code}").get_by_role("alert")
    expect(conflict).to_contain_text("Hugo Ferrand a enregistré une autre réponse")
    expect(conflict).to_contain_text(theirs.label.fr)
    assert Answer.objects.get(assessment=assessment, question_code=question.code).levels == [
        theirs.code
    ]

    conflict.get_by_role("button", name="Garder ma réponse").click()
    expect(page.locator(f"#q-{question.code}").get_by_role("status")).to_contain_text("Enregistré")
    assert Answer.objects.get(assessment=assessment, question_code=question.code).levels == [
        mine.code
    ]
